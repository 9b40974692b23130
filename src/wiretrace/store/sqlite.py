"""The default Store: one SQLite file in WAL mode, with a versioned schema and migrations.

Every batch is one transaction, so a process killed mid-ingest leaves the file as it was
after the last committed batch: a rerun skips what is there (ids, URLs and content hashes
are unique) and adds the rest.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from wiretrace.errors import StoreError
from wiretrace.model import Article
from wiretrace.store.base import IngestReport, Store, StoredArticle

#: Schema migrations, in order; the store's ``schema_version`` counts how many ran.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT,
        outlet TEXT,
        published TEXT,
        path TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class SQLiteStore(Store):
    """Articles in a SQLite file (created if missing).

    Raises:
        StoreError: the file is not a wiretrace store, is corrupt, or was written by a
            newer wiretrace (schema version above this one's).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: cannot open the store ({exc}); is it a wiretrace database? "
                "Give another --db path to start a new one."
            ) from exc

    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: the store has schema version {version}, newer than this "
                f"wiretrace's {SCHEMA_VERSION}; upgrade wiretrace to open it."
            )
        for number in range(version, SCHEMA_VERSION):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(number + 1),),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def add(self, articles: Iterable[StoredArticle]) -> IngestReport:
        """Add a batch in one transaction; duplicates (id, URL or content) are skipped."""
        report = IngestReport()
        now = datetime.now(UTC).isoformat()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for item in articles:
                    reason = self._duplicate(item)
                    if reason:
                        report.duplicates.append((item.id, reason))
                        continue
                    a = item.article
                    self._db.execute(
                        "INSERT INTO articles (id, url, content_hash, title, outlet, published,"
                        " path, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            item.id,
                            a.url,
                            item.content_hash,
                            a.title,
                            a.outlet,
                            a.published.isoformat() if a.published else None,
                            a.path,
                            a.text,
                            now,
                        ),
                    )
                    report.added.append(item.id)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: writing the batch failed ({exc}); nothing of it was kept"
            ) from exc
        return report

    def _duplicate(self, item: StoredArticle) -> str | None:
        row = self._db.execute(
            "SELECT id, url, content_hash FROM articles WHERE id = ? OR content_hash = ?"
            " OR (url IS NOT NULL AND url = ?) LIMIT 1",
            (item.id, item.content_hash, item.article.url),
        ).fetchone()
        if row is None:
            return None
        if row[0] == item.id:
            return f"id {item.id!r} is already stored"
        if item.article.url and row[1] == item.article.url:
            return f"same URL as {row[0]!r}"
        return f"same text as {row[0]!r}"

    def get(self, article_id: str) -> StoredArticle | None:
        """The article with this id, or None."""
        row = self._db.execute(_SELECT + " WHERE id = ?", (article_id,)).fetchone()
        return _row(row) if row else None

    def __iter__(self) -> Iterator[StoredArticle]:
        for row in self._db.execute(_SELECT + " ORDER BY seq"):
            yield _row(row)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def close(self) -> None:
        """Close the connection."""
        self._db.close()


_SELECT = "SELECT id, url, content_hash, title, outlet, published, path, text FROM articles"


def _row(row: tuple[str | None, ...]) -> StoredArticle:
    article_id, url, digest, title, outlet, published, path, text = row
    return StoredArticle(
        id=str(article_id),
        article=Article(
            text=str(text),
            id=article_id,
            title=title,
            url=url,
            outlet=outlet,
            published=datetime.fromisoformat(published) if published else None,
            path=path,
        ),
        content_hash=str(digest),
    )
