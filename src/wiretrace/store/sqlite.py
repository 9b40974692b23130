"""The default Store: one SQLite file in WAL mode, with a versioned schema and migrations.

Every batch is one transaction, so a process killed mid-ingest leaves the file as it was
after the last committed batch: a rerun skips what is there (ids, URLs and content hashes
are unique) and adds the rest.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import operator
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from wiretrace.errors import StoreError
from wiretrace.failpoints import failpoint
from wiretrace.model import Article
from wiretrace.store.base import (
    Deletion,
    IndexUpdate,
    IngestReport,
    KnownArticle,
    Link,
    Membership,
    Store,
    StoredArticle,
    StoryQuery,
    StoryRecord,
    canonical_url,
    duplicate_or_link,
)
from wiretrace.store.lock import hold

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
    """
    CREATE TABLE signatures (
        seq INTEGER PRIMARY KEY REFERENCES articles(seq),
        shingles INTEGER NOT NULL,
        signature BLOB NOT NULL
    );
    CREATE TABLE bands (key INTEGER NOT NULL, seq INTEGER NOT NULL);
    CREATE INDEX bands_key ON bands(key);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        first_seen TEXT,
        last_seen TEXT,
        size INTEGER NOT NULL,
        centroid BLOB NOT NULL
    );
    CREATE TABLE members (seq INTEGER PRIMARY KEY, story TEXT NOT NULL);
    CREATE INDEX members_story ON members(story);
    CREATE TABLE story_features (
        feature INTEGER NOT NULL, story TEXT NOT NULL, PRIMARY KEY (feature, story)
    ) WITHOUT ROWID;
    CREATE INDEX story_features_story ON story_features(story);
    CREATE TABLE df (term INTEGER PRIMARY KEY, n INTEGER NOT NULL);
    """,
    # 3: full-text search over titles and texts (story listing ``q``), the listing's
    # filters and orders, and a cache of each story's rendered derivation
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='seq',
        tokenize='porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END;
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE INDEX stories_first_seen ON stories(first_seen);
    CREATE INDEX stories_size ON stories(size);
    CREATE TABLE story_cache (
        story TEXT PRIMARY KEY, key TEXT NOT NULL, payload TEXT NOT NULL
    );
    """,
    # 4: covering indexes for the listing in its orders, so that a page is read from an
    # index and stops at its end, never reading a story's centroid or an article's text
    """
    CREATE INDEX stories_by_time ON stories(first_seen, id, size, title, last_seen);
    CREATE INDEX stories_by_size ON stories(size, first_seen, id, title, last_seen);
    CREATE INDEX articles_listing ON articles(seq, id, outlet, published);
    DROP INDEX IF EXISTS stories_first_seen;
    DROP INDEX IF EXISTS stories_size;
    """,
    # 5: stores of schema 2 (0.1.0) to 4 carry no mark yet; from here on every store does
    f"PRAGMA application_id = {0x57495245}",
    # 6: the same URL may hold several versions and the same text several outlets: the
    # UNIQUE constraints on url and content_hash go (the table is rebuilt, seq kept);
    # canonical URLs (``canonical_url``, a SQL function during the migration) and links
    """
    CREATE TABLE articles_v6 (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        canonical_url TEXT,
        content_hash TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        published TEXT,
        path TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    INSERT INTO articles_v6 (seq, id, url, canonical_url, content_hash, title, outlet,
        published, path, text, ingested_at)
        SELECT seq, id, url, wiretrace_canonical_url(url), content_hash, title, outlet,
        published, path, text, ingested_at FROM articles;
    DROP TABLE articles;
    ALTER TABLE articles_v6 RENAME TO articles;
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_canonical_url ON articles(canonical_url);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE INDEX articles_listing ON articles(seq, id, outlet, published);
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END;
    CREATE TABLE links (
        seq INTEGER NOT NULL, kind TEXT NOT NULL, earlier INTEGER NOT NULL,
        PRIMARY KEY (seq, kind)
    );
    CREATE INDEX links_earlier ON links(earlier);
    """,
    # 7: whether ``published`` was recovered (URL, page metadata) rather than given
    """
    ALTER TABLE articles ADD COLUMN published_inferred INTEGER NOT NULL DEFAULT 0;
    """,
    # 8: stories by last-seen time: the clusterer loads the stories active around the
    # latest articles (``active_stories``) without reading the whole table; band keys
    # with their articles, so that a band lookup reads the index alone (``bands_key``
    # sent every hit to the table for its seq: a random page read each)
    """
    CREATE INDEX IF NOT EXISTS stories_last_seen ON stories(last_seen);
    CREATE INDEX IF NOT EXISTS bands_key_seq ON bands(key, seq);
    DROP INDEX IF EXISTS bands_key;
    """,
)
_INDEX_TABLES = (
    "signatures",
    "bands",
    "stories",
    "members",
    "story_features",
    "df",
    "story_cache",
)
SCHEMA_VERSION = len(MIGRATIONS)


#: WAL pages after which a commit checkpoints (SQLite's default is 1,000, about 4 MB).
_WAL_AUTOCHECKPOINT_PAGES = 16_384
#: ``on_progress(step, done, total)`` of an upgrade or a backup.
ProgressHook = Callable[[str, int, int], None]

#: ``PRAGMA application_id`` of a wiretrace store: "WIRE" in ASCII (SQLite file format,
#: header offset 68). Stores of 0.1.0 have 0 there and are recognised by their tables.
APPLICATION_ID = 0x57495245


def store_kind(path: str | Path) -> str:
    """What the file at ``path`` is, read without writing a byte: "new" (missing or
    empty), "wiretrace" (our mark, or the tables of a 0.1.0 store), or a description of
    what else it is ("not a SQLite database", "a SQLite database of another program ...").
    """
    p = Path(path)
    if not p.exists() or (p.is_file() and p.stat().st_size == 0):
        return "new"
    if not p.is_file():
        return "not a file"
    # Read through SQLite, never with open()/close() of our own: closing any descriptor
    # of the file drops every POSIX lock this process holds on it, including those of
    # the SQLite connections already open here (a desk opening one more reader); another
    # process then believes it is the last one, checkpoints and deletes the -wal under
    # them, and what they write next is lost. SQLite's own files share its lock table.
    app_id = _application_id_read_only(p)
    if app_id is None:
        return "not a SQLite database"
    if app_id == APPLICATION_ID:
        return "wiretrace"
    if app_id:
        return f"a SQLite database of another program (application_id {app_id:#x})"
    tables = _tables_read_only(p)
    if {"meta", "articles"} <= tables:
        return "wiretrace"  # stores before schema 5 have no mark; migration 5 adds it
    shown = ", ".join(sorted(tables)[:5]) or "none"
    return f"a SQLite database of another program (tables: {shown})"


def check_ours(path: str | Path) -> str:
    """Refuse a file that is neither missing nor a wiretrace store (``store_kind``),
    reading it without writing a byte; returns its kind, "new" or "wiretrace".

    Raises:
        StoreError: what the file is, that it is left as it is, and the fix.
    """
    kind = store_kind(path)
    if kind not in ("new", "wiretrace"):
        raise StoreError(
            f"{path} is {kind}, not a wiretrace store; wiretrace leaves it as it is."
            " Give another --db path (a new file) to start a store."
        )
    return kind


def _read_only_uri(path: Path) -> str:
    """A read-only URI for the file; with no ``-wal`` file beside it the file is opened
    as immutable so that SQLite creates no ``-shm`` file either."""
    mode = "mode=ro" if Path(f"{path}-wal").exists() else "immutable=1"
    return f"{path.resolve().as_uri()}?{mode}"


def _application_id_read_only(path: Path) -> int | None:
    """The header's application id (as unsigned), read through a read-only SQLite
    connection; None when the file is not a SQLite database."""
    try:
        con = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            value = int(con.execute("PRAGMA application_id").fetchone()[0])
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None
    return value & 0xFFFFFFFF


def _tables_read_only(path: Path) -> set[str]:
    """Table names, read through a read-only connection (``_read_only_uri``)."""
    try:
        con = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return set()
    return {str(name) for (name,) in rows}


class SQLiteStore(Store):
    """Articles in a SQLite file (created if missing), marked with
    :data:`APPLICATION_ID`.

    A file that is not a wiretrace store is refused before a byte of it is written. A
    store of an older schema is copied to ``<path>.schema<N>.bak`` (N: its version) and
    then upgraded in place.

    Args:
        path: the SQLite file.
        busy_timeout_s: how long a write waits for another process's transaction before
            it fails with "locked" (``StoreConfig.busy_timeout_s``).

    Raises:
        StoreError: the file is not a wiretrace store, is corrupt, or was written by a
            newer wiretrace (schema version above this one's); and from any method when
            SQLite fails (disk full, read-only, locked, I/O error), saying which.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout_s: float = 30.0,
        check_same_thread: bool = True,
        on_progress: ProgressHook | None = None,
    ) -> None:
        """Open or create the store. ``check_same_thread=False`` lets a pool hand the
        connection to one thread at a time (sqlite3 refuses use from a thread other than
        the opener's otherwise); ``on_progress(step, done, total)`` reports an upgrade
        ("backup": pages copied; "migration": schema versions reached)."""
        self.path = Path(path)
        self.busy_timeout_s = busy_timeout_s
        #: where the store was copied before an upgrade in this opening (None: no upgrade)
        self.backup_path: Path | None = None
        #: the schema version this opening upgraded from (None: no upgrade)
        self.upgraded_from: int | None = None
        self._on_progress = on_progress
        #: (data_version, top seq, articles up to it) of the last count (``unindexed``)
        self._counted: tuple[int, int, int] | None = None
        #: membership rows as read -> the Membership built from them (``memberships_of``)
        self._memberships: dict[tuple[Any, ...], Membership] = {}
        kind = check_ours(self.path)
        try:
            self._db = sqlite3.connect(
                self.path,
                isolation_level=None,
                timeout=busy_timeout_s,
                check_same_thread=check_same_thread,
            )
            self._db.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
            if kind == "new":  # the mark goes in first, before any table
                self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._db.create_function(
                "wiretrace_canonical_url", 1, canonical_url, deterministic=True
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            # a clustering batch dirties thousands of pages of the band, feature and df
            # indexes: with SQLite's default (1,000 pages) nearly every commit ran a
            # checkpoint (copy and fsync); this lets several batches share one
            self._db.execute(f"PRAGMA wal_autocheckpoint={_WAL_AUTOCHECKPOINT_PAGES}")
            self._migrate()
        except sqlite3.Error as exc:
            raise self._error(exc, "opening the store") from exc

    def _error(self, exc: sqlite3.Error, doing: str) -> StoreError:
        """A StoreError saying what failed and why, in words (from SQLite's error code)."""
        return store_error(self.path, exc, doing, self.busy_timeout_s)

    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: the store has schema version {version}, newer than this "
                f"wiretrace's {SCHEMA_VERSION}; upgrade wiretrace to open it."
            )
        hook = self._on_progress
        if 0 < version < SCHEMA_VERSION:
            self.upgraded_from = version
            self.backup_path = self.backup(
                _backup_name(self.path, f"schema{version}"),
                (lambda done, total: hook("backup", done, total)) if hook else None,
            )
        for number in range(version, SCHEMA_VERSION):
            if hook:
                hook("migration", number - version, SCHEMA_VERSION - version)
            self._db.execute("BEGIN IMMEDIATE")
            try:
                # read again under the write lock: another process opening the same new
                # store at the same moment may have run this migration meanwhile
                row = self._db.execute(
                    "SELECT value FROM meta WHERE key='schema_version'"
                ).fetchone()
                if (int(row[0]) if row else 0) > number:
                    self._db.execute("COMMIT")
                    continue
                for statement in _statements(MIGRATIONS[number]):
                    self._db.execute(statement)
                self._db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(number + 1),),
                )
                failpoint("migration")
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        if hook and version < SCHEMA_VERSION:
            hook("migration", SCHEMA_VERSION - version, SCHEMA_VERSION - version)

    @property
    def schema_version(self) -> int:
        """The schema version of the open store (after any upgrade)."""
        return int(self._meta("schema_version") or 0)

    def backup(
        self, target: str | Path, on_progress: Callable[[int, int], None] | None = None
    ) -> Path:
        """Copy the whole store (WAL content included) to ``target`` with SQLite's online
        backup; ``on_progress(pages_done, pages_total)`` is called as it goes.

        Raises:
            StoreError: ``target`` exists or cannot be written.
        """
        dest_path = Path(target)
        if dest_path.exists():
            raise StoreError(f"{dest_path} exists; refusing to write the backup over it")
        try:
            dest = sqlite3.connect(dest_path)
            try:

                def progress(_status: int, remaining: int, total: int) -> None:
                    if on_progress:
                        on_progress(total - remaining, total)

                self._db.backup(dest, pages=256, progress=progress)
            finally:
                dest.close()
        except sqlite3.Error as exc:
            dest_path.unlink(missing_ok=True)
            raise StoreError(f"cannot back up {self.path} to {dest_path}: {exc}") from exc
        return dest_path

    def add(self, articles: Iterable[StoredArticle]) -> IngestReport:
        """Add a batch in one transaction; duplicates (id, URL or content) are skipped."""
        report = IngestReport()
        now = datetime.now(UTC).isoformat()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for item in articles:
                    reason, links = self._duplicate(item)
                    if reason:
                        report.duplicates.append((item.id, reason))
                        continue
                    a = item.article
                    cursor = self._db.execute(
                        "INSERT INTO articles (id, url, canonical_url, content_hash, title, "
                        "outlet, published, path, text, ingested_at, published_inferred) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            item.id,
                            a.url,
                            canonical_url(a.url),
                            item.content_hash,
                            a.title,
                            a.outlet,
                            a.published.isoformat() if a.published else None,
                            a.path,
                            a.text,
                            now,
                            int(a.published_inferred),
                        ),
                    )
                    report.added.append(item.id)
                    for link in links:
                        self._db.execute(
                            "INSERT INTO links (seq, kind, earlier) VALUES (?, ?, ?)",
                            (cursor.lastrowid, link.kind, self._seq(link.earlier_id)),
                        )
                        report.links.append(link)
                failpoint("ingest.batch")
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise self._error(exc, "writing the batch (nothing of it was kept)") from exc
        return report

    def _duplicate(self, item: StoredArticle) -> tuple[str | None, tuple[Link, ...]]:
        key = canonical_url(item.article.url)
        same_text: list[KnownArticle] = []
        same_url: list[KnownArticle] = []
        for article_id, url, outlet, digest in self._db.execute(  # one indexed query
            "SELECT id, canonical_url, outlet, content_hash FROM articles WHERE id = ? "
            "OR content_hash = ? OR canonical_url = ? ORDER BY seq",
            (item.id, item.content_hash, key),
        ):
            if article_id == item.id:
                return f"id {item.id!r} is already stored", ()
            known = KnownArticle(str(article_id), url, outlet)
            if digest == item.content_hash:
                same_text.append(known)
            if key and url == key:
                same_url.append(known)
        return duplicate_or_link(
            item.id, item.article.url, item.article.outlet, same_text, same_url
        )

    def links(self, article_id: str) -> list[Link]:
        """The version and verbatim links from and to an article, oldest first."""
        rows = self._db.execute(
            "SELECT a.id, l.kind, e.id FROM links l JOIN articles a ON a.seq = l.seq "
            "JOIN articles e ON e.seq = l.earlier WHERE a.id = ? OR e.id = ? ORDER BY l.seq",
            (article_id, article_id),
        ).fetchall()
        return [Link(str(a), str(kind), str(e)) for a, kind, e in rows]

    def delete(self, deletion: Deletion) -> None:
        """Remove the articles and rewrite their stories' index rows in one transaction
        (the FTS rows go with the articles, by trigger).

        Raises:
            StoreError: an article is not stored, or the store cannot be written
                (nothing was changed).
        """
        db = self._db
        self._counted = None
        with self._transaction():
            seqs = [self._seq(article_id) for article_id in deletion.article_ids]
            for chunk in _chunks(seqs):
                marks = ",".join("?" * len(chunk))
                db.execute(
                    f"DELETE FROM links WHERE seq IN ({marks}) OR earlier IN ({marks})",
                    [*chunk, *chunk],
                )
                for table in ("signatures", "bands", "members", "articles"):
                    db.execute(f"DELETE FROM {table} WHERE seq IN ({marks})", chunk)
            for link in deletion.links:
                db.execute(
                    "INSERT OR REPLACE INTO links (seq, kind, earlier) VALUES (?, ?, ?)",
                    (self._seq(link.article_id), link.kind, self._seq(link.earlier_id)),
                )
            for chunk in _chunks(deletion.removed_stories):
                marks = ",".join("?" * len(chunk))
                for table, column in (
                    ("stories", "id"),
                    ("story_features", "story"),
                    ("story_cache", "story"),
                ):
                    db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
            db.executemany(
                "UPDATE members SET story = ? WHERE seq = (SELECT seq FROM articles WHERE id = ?)",
                [(story_id, article_id) for article_id, story_id in deletion.members.items()],
            )
            db.executemany(
                "INSERT INTO stories (id, title, first_seen, last_seen, size, centroid) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        st.id,
                        st.title,
                        _iso(st.first_seen),
                        _iso(st.last_seen),
                        st.size,
                        _pack(st.centroid),
                    )
                    for st in deletion.stories
                ],
            )
            db.executemany(
                "INSERT OR IGNORE INTO story_features (feature, story) VALUES (?, ?)",
                sorted(deletion.features),
            )
            terms = sorted(deletion.df.items())
            db.executemany("UPDATE df SET n = n - ? WHERE term = ?", [(n, t) for t, n in terms])
            db.executemany("DELETE FROM df WHERE term = ? AND n <= 0", [(t,) for t, _ in terms])
            indexed = len(deletion.article_ids) - deletion.unindexed
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('indexed', ?)",
                (str(max(0, self.indexed_count() - indexed)),),
            )
            if deletion.next_story:
                db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('next_story', ?)",
                    (str(max(deletion.next_story, self.next_story_number())),),
                )
            self._bump_generation()
            failpoint("delete")

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

    def exclusive(self, *, wait: bool = True) -> AbstractContextManager[bool]:
        """Hold the store's write lock (``wiretrace.store.lock.WriteLock``: a POSIX record
        lock on ``<db>.write-lock``, which the system releases when the process ends, even
        by ``kill -9``; re-entrant in a thread). Yields False (without waiting) when
        ``wait`` is False and another thread or process holds it."""
        return hold(self.path, wait=wait)

    # ---- index ----

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def index_config(self) -> str | None:
        """The settings fingerprint the index was built with."""
        return self._meta("index_config")

    def reset_index(self, config: str) -> None:
        """Drop every index row and story, and record the new settings."""
        with self._transaction():
            for table in _INDEX_TABLES:
                self._db.execute(f"DELETE FROM {table}")
            self._db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('index_config', ?)", (config,)
            )
            self._db.execute("DELETE FROM meta WHERE key IN ('next_story', 'indexed')")
            self._bump_generation()

    def unindexed(self, limit: int) -> list[StoredArticle]:
        """Articles without a story yet, in ingest order."""
        top = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM members").fetchone()[0]
        if self._count_up_to(top) == self.indexed_count():
            # the usual case: the index covers a prefix of the ingest order
            query = _SELECT + " WHERE seq > ? ORDER BY seq LIMIT ?"
            args: tuple[int, ...] = (top, limit)
        else:  # a gap (articles added around the clusterer): look at every article
            query = (
                _SELECT + " a WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.seq = a.seq)"
                " ORDER BY seq LIMIT ?"
            )
            args = (limit,)
        return [_row(r) for r in self._db.execute(query, args).fetchall()]

    def _count_up_to(self, top: int) -> int:
        """How many articles have a seq up to ``top``: counted once, then only the
        articles past the last count while no other connection has committed
        (``data_version``) and this one has deleted nothing (new articles always come
        after every stored one), so that a run of batches does not count the whole
        archive for each one."""
        version = self.data_version()
        kept = self._counted
        if kept is not None and kept[0] == version and kept[1] <= top:
            more = self._db.execute(
                "SELECT COUNT(*) FROM articles WHERE seq > ? AND seq <= ?", (kept[1], top)
            ).fetchone()[0]
            count = kept[2] + int(more)
        else:
            count = int(
                self._db.execute("SELECT COUNT(*) FROM articles WHERE seq <= ?", (top,)).fetchone()[
                    0
                ]
            )
        self._counted = (version, top, count)
        return count

    def apply_index(self, update: IndexUpdate) -> None:
        """Write the update in one transaction."""
        db = self._db
        with self._transaction():
            # a changed story keeps its cached payload (its key no longer matches: the
            # last version built, ``story_cache_entry``); a merged-away one loses it
            for chunk in _chunks(list(update.merged)):
                marks = ",".join("?" * len(chunk))
                db.execute(f"DELETE FROM story_cache WHERE story IN ({marks})", chunk)
            for old, new in update.merged.items():
                db.execute("UPDATE members SET story = ? WHERE story = ?", (new, old))
                db.execute(
                    "INSERT OR IGNORE INTO story_features (feature, story) "
                    "SELECT feature, ? FROM story_features WHERE story = ?",
                    (new, old),
                )
                db.execute("DELETE FROM story_features WHERE story = ?", (old,))
                db.execute("DELETE FROM stories WHERE id = ?", (old,))
            bands: list[tuple[int, int]] = []
            for entry in update.entries:
                seq = self._seq(entry.article_id)
                db.execute(
                    "INSERT INTO signatures (seq, shingles, signature) VALUES (?, ?, ?)",
                    (seq, entry.shingle_count, entry.signature.astype(np.uint32).tobytes()),
                )
                bands.extend((key, seq) for key in entry.band_keys)
                db.execute("INSERT INTO members (seq, story) VALUES (?, ?)", (seq, entry.story_id))
            # in key order: neighbouring inserts land on the same pages of ``bands_key_seq``
            db.executemany("INSERT INTO bands (key, seq) VALUES (?, ?)", sorted(bands))
            db.executemany(
                "INSERT OR REPLACE INTO stories (id, title, first_seen, last_seen, size, "
                "centroid) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        st.id,
                        st.title,
                        _iso(st.first_seen),
                        _iso(st.last_seen),
                        st.size,
                        _pack(st.centroid),
                    )
                    for st in update.stories
                ],
            )
            db.executemany(
                "INSERT OR IGNORE INTO story_features (feature, story) VALUES (?, ?)",
                sorted(update.features),
            )
            db.executemany(
                "INSERT INTO df (term, n) VALUES (?, ?) "
                "ON CONFLICT(term) DO UPDATE SET n = n + excluded.n",
                sorted(update.df.items()),
            )
            if update.next_story:
                db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('next_story', ?)",
                    (str(max(update.next_story, self.next_story_number())),),
                )
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('indexed', ?)",
                (str(self.indexed_count() + len(update.entries)),),
            )
            changed = {e.story_id for e in update.entries} | {st.id for st in update.stories}
            changed.update(update.merged.keys(), update.merged.values())
            self._bump_generation(changed)

    def _seq(self, article_id: str) -> int:
        row = self._db.execute("SELECT seq FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: cannot index {article_id!r}: it is not stored")
        return int(row[0])

    def band_matches(self, keys: Iterable[int], limit: int = 1000) -> dict[str, int]:
        """Indexed article id -> number of shared band keys (the ``limit`` most recent
        band hits only: a template repeated thousands of times must not make every
        lookup scan them all)."""
        out: dict[str, int] = {}
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            for (article_id,) in self._db.execute(
                "SELECT a.id FROM (SELECT seq FROM bands "
                f"WHERE key IN ({marks}) ORDER BY seq DESC LIMIT ?) b "
                "JOIN articles a ON a.seq = b.seq",
                [*chunk, limit],
            ):
                out[article_id] = out.get(article_id, 0) + 1
        return out

    def signatures(self, article_ids: Iterable[str]) -> dict[str, tuple[int, np.ndarray]]:
        """Article id -> (shingle count, signature)."""
        out: dict[str, tuple[int, np.ndarray]] = {}
        for chunk in _chunks(list(article_ids)):
            marks = ",".join("?" * len(chunk))
            for article_id, count, blob in self._db.execute(
                "SELECT a.id, s.shingles, s.signature FROM signatures s "
                f"JOIN articles a ON a.seq = s.seq WHERE a.id IN ({marks})",
                chunk,
            ):
                out[article_id] = (int(count), np.frombuffer(blob, dtype=np.uint32))
        return out

    def feature_stories(self, features: Iterable[int], limit: int = 1000) -> dict[int, list[str]]:
        """Lookup feature -> story ids (at most ``limit`` each), in one query."""
        out: dict[int, list[str]] = {}
        for chunk in _chunks(list(features), 400):
            query = " UNION ALL ".join([_FEATURE_STORIES] * len(chunk))
            args = [value for feature in chunk for value in (feature, limit)]
            for feature, story in self._db.execute(query, args):
                out.setdefault(int(feature), []).append(str(story))
        return out

    def active_stories(self, since: datetime) -> list[tuple[str, datetime | None, list[int]]]:
        """(story id, last seen, features) of the stories last seen at or after ``since``
        and of the undated ones (index ``stories_last_seen``; stored times compare as ISO
        text, so a story up to a day earlier may come too)."""
        cut = _iso(since - timedelta(days=1))
        last: dict[str, datetime | None] = {}
        for story_id, seen in self._db.execute(
            "SELECT id, last_seen FROM stories WHERE last_seen >= ? "
            "UNION ALL SELECT id, last_seen FROM stories WHERE last_seen IS NULL",
            (cut,),
        ):
            last[str(story_id)] = datetime.fromisoformat(seen) if seen else None
        features: dict[str, list[int]] = {i: [] for i in last}
        for chunk in _chunks(list(last)):
            marks = ",".join("?" * len(chunk))
            for story_id, feature in self._db.execute(
                f"SELECT story, feature FROM story_features WHERE story IN ({marks})", chunk
            ):
                features[str(story_id)].append(int(feature))
        return [(i, last[i], features[i]) for i in last]

    def story_features_of(self, story_id: str) -> list[int]:
        """The lookup features of one story (index ``story_features_story``)."""
        return [
            int(f)
            for (f,) in self._db.execute(
                "SELECT feature FROM story_features WHERE story = ?", (story_id,)
            )
        ]

    def stories_near(
        self, features: Iterable[int], start: datetime, end: datetime
    ) -> dict[int, list[tuple[str, datetime | None, datetime | None]]]:
        """Feature -> (story id, first seen, last seen) of its stories whose span comes
        within a day of ``start``..``end`` (ISO text compared), and of its undated ones."""
        lo, hi = _iso(start - timedelta(days=1)), _iso(end + timedelta(days=1))
        out: dict[int, list[tuple[str, datetime | None, datetime | None]]] = {}
        for chunk in _chunks(list(features)):
            marks = ",".join("?" * len(chunk))
            for feature, story_id, first, last in self._db.execute(
                "SELECT sf.feature, s.id, s.first_seen, s.last_seen FROM story_features sf "
                f"JOIN stories s ON s.id = sf.story WHERE sf.feature IN ({marks}) "
                "AND (s.last_seen IS NULL OR (s.last_seen >= ? AND s.first_seen <= ?))",
                [*chunk, lo, hi],
            ):
                out.setdefault(int(feature), []).append(
                    (
                        str(story_id),
                        datetime.fromisoformat(first) if first else None,
                        datetime.fromisoformat(last) if last else None,
                    )
                )
        return out

    def document_frequencies(self, terms: Iterable[int]) -> dict[int, int]:
        """Term key -> document frequency."""
        out: dict[int, int] = {}
        for chunk in _chunks(list(terms)):
            marks = ",".join("?" * len(chunk))
            for term, n in self._db.execute(
                f"SELECT term, n FROM df WHERE term IN ({marks})",
                chunk,
            ):
                out[int(term)] = int(n)
        return out

    def indexed_count(self) -> int:
        """Number of indexed articles."""
        value = self._meta("indexed")
        return int(value) if value else 0

    def next_story_number(self) -> int:
        """The number of the next new story."""
        value = self._meta("next_story")
        return int(value) if value else 1

    def index_generation(self) -> int:
        """Writes to the index so far, by any connection (``Store.index_generation``):
        the ``generation`` row of ``meta``, counted up inside each index write's own
        transaction."""
        value = self._meta("generation")
        return int(value) if value else 0

    def _bump_generation(self, changed: Iterable[str] | None = None) -> None:
        """Count one more index write (call inside its transaction) and log the stories
        it changed (``changed``; None: unknown, as for a delete or a reset) in the
        ``story_changes`` row of ``meta`` (``story_changes``)."""
        generation = self.index_generation() + 1
        self._db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('generation', ?)",
            (str(generation),),
        )
        ids = None if changed is None else sorted(set(changed))
        if ids is not None and len(ids) > CHANGES_STORIES_MOST:
            ids = None
        log = self._change_log()
        log.append([generation, ids])
        self._db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('story_changes', ?)",
            (json.dumps(log[-CHANGES_KEPT:], separators=(",", ":")),),
        )

    def _change_log(self) -> list[list[Any]]:
        value = self._meta("story_changes")
        log: list[list[Any]] = json.loads(value) if value else []
        return log

    def story_changes(self, since: int) -> tuple[int, frozenset[str] | None]:
        """The index generation now and the stories changed by the index writes after
        generation ``since`` (their rows or members written, new, or merged away; the
        articles they held before are in those stories still): None when that is not
        known (a delete or a reset among those writes, more than ``CHANGES_KEPT`` of
        them, or a write by a wiretrace without this log). One read (a snapshot).
        """
        with self.snapshot():
            generation = self.index_generation()
            log = self._change_log()
        if generation == since:
            return generation, frozenset()
        if generation < since:
            return generation, None
        kept: dict[int, list[str] | None] = dict(log)
        changed: set[str] = set()
        for number in range(since + 1, generation + 1):
            ids = kept.get(number)
            if ids is None:
                return generation, None
            changed.update(ids)
        return generation, frozenset(changed)

    def stories_may_match(
        self, story_ids: Iterable[str], query: StoryQuery, generation: int
    ) -> bool | None:
        """Whether any of these stories may be in the listing ``query`` filters: False
        when a filter on their articles, the search (``q``) or the outlet, matches none
        of the articles they hold; True otherwise (without such a filter every story
        may be). Read at index generation ``generation`` (a snapshot): None when the
        index has moved on from it (nothing was looked at)."""
        ids = list(dict.fromkeys(story_ids))
        match = _fts_query(query.q)
        searched = query.q is not None and bool(query.q.strip())
        if searched and match is None:
            return False  # only punctuation: no story is ever listed (``story_page``)
        if not ids:
            return False
        if not searched and query.outlet is None:
            return True
        with self.snapshot():
            if self.index_generation() != generation:
                return None
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                inside = f"SELECT seq FROM members WHERE story IN ({marks})"
                if query.outlet is not None:
                    row = self._db.execute(
                        f"SELECT 1 FROM articles WHERE seq IN ({inside}) AND outlet = ? LIMIT 1",
                        [*chunk, query.outlet],
                    ).fetchone()
                    if row is None:
                        continue  # none of this chunk's stories is from the outlet
                if match:
                    row = self._db.execute(
                        "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? "
                        f"AND rowid IN ({inside}) LIMIT 1",
                        [match, *chunk],
                    ).fetchone()
                    if row is None:
                        continue
                return True
        return False

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """The reads inside see one state of the file (a read transaction; none is
        opened inside another)."""
        if self._db.in_transaction:
            yield
            return
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    def story(self, story_id: str) -> StoryRecord | None:
        """One story, or None."""
        row = self._db.execute(_STORY + " WHERE id = ?", (story_id,)).fetchone()
        return _story(row) if row else None

    def story_spans(
        self, story_ids: Iterable[str]
    ) -> dict[str, tuple[datetime | None, datetime | None]]:
        """Story id -> (first seen, last seen)."""
        out: dict[str, tuple[datetime | None, datetime | None]] = {}
        for chunk in _chunks(list(story_ids)):
            marks = ",".join("?" * len(chunk))
            for story_id, first, last in self._db.execute(
                f"SELECT id, first_seen, last_seen FROM stories WHERE id IN ({marks})", chunk
            ):
                out[str(story_id)] = (
                    datetime.fromisoformat(first) if first else None,
                    datetime.fromisoformat(last) if last else None,
                )
        return out

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version`` of this connection: it changes when another
        connection (in any process) has committed a change to the file since this
        connection last asked, never for this connection's own writes."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def story_count(self) -> int:
        """How many stories there are."""
        return int(self._db.execute("SELECT COUNT(*) FROM stories").fetchone()[0])

    def stories(self) -> Iterator[StoryRecord]:
        """Every story, earliest first."""
        for row in self._db.execute(
            _STORY + " ORDER BY first_seen IS NULL, first_seen, CAST(substr(id, 2) AS INTEGER)"
        ):
            yield _story(row)

    def members(self, story_id: str) -> list[StoredArticle]:
        """A story's articles in ingest order."""
        rows = self._db.execute(
            _SELECT + " WHERE seq IN (SELECT seq FROM members WHERE story = ?) ORDER BY seq",
            (story_id,),
        ).fetchall()
        return [_row(r) for r in rows]

    def memberships(self) -> Iterator[Membership]:
        """Every indexed article's story, id, outlet and time, in ingest order."""
        for story, article_id, outlet, published in self._db.execute(
            "SELECT m.story, a.id, a.outlet, a.published FROM members m "
            "JOIN articles a ON a.seq = m.seq ORDER BY m.seq"
        ):
            yield Membership(
                str(story),
                str(article_id),
                outlet,
                datetime.fromisoformat(published) if published else None,
            )

    def story_of(self, article_id: str) -> str | None:
        """The story of an indexed article."""
        row = self._db.execute(
            "SELECT m.story FROM members m JOIN articles a ON a.seq = m.seq WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return str(row[0]) if row else None

    def story_page(self, query: StoryQuery) -> tuple[list[StoryRecord], int]:
        """One page of the filtered listing and the number of matching stories."""
        where: list[str] = []
        args: list[Any] = []
        match = _fts_query(query.q)
        if match:
            where.append(
                "s.id IN (SELECT m.story FROM articles_fts f JOIN members m ON m.seq = f.rowid"
                " WHERE articles_fts MATCH ?)"
            )
            args.append(match)
        elif query.q is not None and query.q.strip():
            return [], 0  # only punctuation: nothing can match
        if query.outlet is not None:
            where.append(
                "s.id IN (SELECT m.story FROM articles a JOIN members m ON m.seq = a.seq"
                " WHERE a.outlet = ?)"
            )
            args.append(query.outlet)
        if query.since is not None:
            where.append("s.first_seen >= ?")
            args.append(_iso(query.since))
        if query.until is not None:
            where.append("s.first_seen <= ?")
            args.append(_iso(query.until))
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        # SQLite sorts NULL first_seen lowest: last in the descending orders, which the
        # indexes serve directly (ties by id as text)
        order = {
            "-first_seen": "s.first_seen DESC, s.id DESC",
            "first_seen": "s.first_seen IS NULL, s.first_seen, s.id",
            "-size": "s.size DESC, s.first_seen DESC, s.id DESC",
        }.get(query.sort)
        if order is None:
            raise StoreError(f"unknown story order {query.sort!r}")
        try:
            count = f"SELECT COUNT(*) FROM stories s{clause}"
            if match and len(where) == 1 and self._walk_search(query, match):
                return self._common_word_page(query, match, order)
            if match:  # the search is the cost: run it once, count with a window
                rows = self._db.execute(
                    "SELECT s.id, s.title, s.first_seen, s.last_seen, s.size, COUNT(*) OVER ()"
                    f" FROM stories s{clause} ORDER BY {order} LIMIT ? OFFSET ?",
                    [*args, query.limit, query.offset],
                ).fetchall()
                total = int(rows[0][5]) if rows else 0
                if not rows and query.offset:  # a page past the end: count apart
                    total = int(self._db.execute(count, args).fetchone()[0])
            else:
                total = int(self._db.execute(count, args).fetchone()[0])
                rows = self._db.execute(
                    "SELECT s.id, s.title, s.first_seen, s.last_seen, s.size FROM stories s"
                    f"{clause} ORDER BY {order} LIMIT ? OFFSET ?",
                    [*args, query.limit, query.offset],
                ).fetchall()
        except sqlite3.OperationalError as exc:  # an FTS5 syntax the quoting missed
            raise StoreError(f"cannot search for {query.q!r}: {exc}") from exc
        return [
            StoryRecord(
                id=str(story_id),
                title=title,
                first_seen=datetime.fromisoformat(first) if first else None,
                last_seen=datetime.fromisoformat(last) if last else None,
                size=int(size),
                centroid={},
            )
            for story_id, title, first, last, size, *_ in rows
        ], total

    def _walk_search(self, query: StoryQuery, match: str) -> bool:
        """Whether a search (the only filter) should walk the stories in index order
        and test each one, instead of joining every match to its story first: yes when
        the words are in at least ``WALK_SHARE`` of the articles (a page is then found
        after a few stories) and the page is near the top of an indexed order."""
        if query.sort not in ("-first_seen", "-size") or query.offset + query.limit > 1000:
            return False
        matches = self._db.execute(
            "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)
        ).fetchone()[0]
        total = self._db.execute("SELECT MAX(seq) FROM articles").fetchone()[0] or 0
        return bool(total) and matches >= WALK_SHARE * total

    def _common_word_page(
        self, query: StoryQuery, match: str, order: str
    ) -> tuple[list[StoryRecord], int]:
        """``story_page`` for a search whose words are common (``_walk_search``): the
        stories of the matches are read once (their number is the total), then the
        order's index is walked in chunks of ``WALK_CHUNK`` stories, doubling, keeping
        those among them until the page is full, every match is met or the stories
        end. Same rows as the join."""
        matched = {
            str(story)
            for (story,) in self._db.execute(
                "SELECT DISTINCT m.story FROM articles_fts f JOIN members m ON m.seq = f.rowid"
                " WHERE articles_fts MATCH ?",
                (match,),
            )
        }
        wanted = query.offset + query.limit
        kept: list[tuple[Any, ...]] = []
        start, chunk = 0, WALK_CHUNK
        while len(kept) < min(wanted, len(matched)):
            rows = self._db.execute(
                "SELECT s.id, s.title, s.first_seen, s.last_seen, s.size FROM stories s"
                f" ORDER BY {order} LIMIT ? OFFSET ?",
                (chunk, start),
            ).fetchall()
            kept.extend(row for row in rows if row[0] in matched)
            if len(rows) < chunk:
                break
            start += chunk
            chunk *= 2
        return [
            StoryRecord(
                id=str(story_id),
                title=title,
                first_seen=datetime.fromisoformat(first) if first else None,
                last_seen=datetime.fromisoformat(last) if last else None,
                size=int(size),
                centroid={},
            )
            for story_id, title, first, last, size in kept[query.offset : wanted]
        ], len(matched)

    def memberships_of(self, story_ids: Iterable[str]) -> list[Membership]:
        """The memberships of these stories, in ingest order.

        The objects built from rows read before are reused (looked up by the whole row,
        so a changed row builds a new one; at most ``MEMBERSHIPS_KEPT`` per connection):
        building them (a time parsed, a frozen dataclass) was half the cost of a story
        list page of the desk (bench_desk.py, 2026-12-02)."""
        rows: list[tuple[int, Membership]] = []
        kept = self._memberships
        if len(kept) > MEMBERSHIPS_KEPT:
            kept.clear()
        for chunk in _chunks(list(story_ids)):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                "SELECT m.seq, m.story, a.id, a.outlet, a.published FROM members m "
                "JOIN articles a INDEXED BY articles_listing ON a.seq = m.seq "
                f"WHERE m.story IN ({marks})",
                chunk,
            ):
                member = kept.get(row)
                if member is None:
                    _, story, article_id, outlet, published = row
                    when = datetime.fromisoformat(published) if published else None
                    member = Membership(str(story), str(article_id), outlet, when)
                    kept[row] = member
                rows.append((row[0], member))
        rows.sort(key=_first)
        return [m for _, m in rows]

    def cached_story(self, story_id: str, key: str) -> str | None:
        """The payload cached for a story under ``key``, or None."""
        row = self._db.execute(
            "SELECT payload FROM story_cache WHERE story = ? AND key = ?", (story_id, key)
        ).fetchone()
        return str(row[0]) if row else None

    def story_cache_entry(self, story_id: str) -> tuple[str, str] | None:
        """(key, payload) kept for a story under any key, or None."""
        row = self._db.execute(
            "SELECT key, payload FROM story_cache WHERE story = ?", (story_id,)
        ).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def cache_story(self, story_id: str, key: str, payload: str) -> None:
        """Keep a payload for a story under ``key`` (replacing any other); a story that
        is gone by now (merged away) is not cached."""
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO story_cache (story, key, payload) "
                "SELECT id, ?, ? FROM stories WHERE id = ?",
                (key, payload, story_id),
            )

    def _transaction(self) -> _Transaction:
        return _Transaction(self)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception; database errors become
    StoreError."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store

    def __enter__(self) -> None:
        self.store._db.execute("BEGIN IMMEDIATE")

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any
    ) -> None:
        db = self.store._db
        if kind is None:
            try:
                failpoint("index.batch")
                db.execute("COMMIT")
            except BaseException as error:  # a failed COMMIT, or an interrupt just before
                if db.in_transaction:
                    db.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise self.store._error(
                        error, "writing the index (nothing of it was kept)"
                    ) from error
                raise
            return
        if db.in_transaction:
            db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise self.store._error(exc, "writing the index (nothing of it was kept)") from exc


def store_error(path: Path, exc: sqlite3.Error, doing: str, waited_s: float) -> StoreError:
    """A StoreError for a SQLite failure: what was being done, and the cause in words
    (disk full, read-only, locked, I/O error, corrupt), from SQLite's extended error code.

    Args:
        path: the store file.
        exc: the SQLite error.
        doing: what failed, e.g. "writing the batch".
        waited_s: the busy timeout, said when the store was locked.
    """
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        why = "the disk is full (or the store hit a size limit); free some space and run again"
    elif name.startswith("SQLITE_READONLY") or "readonly" in text:
        why = (
            "the store is read-only (file or folder permissions, or a read-only disk); fix "
            "the permissions or give a --db path you may write"
        )
    elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        why = (
            f"the store is locked by another process writing to it (waited {waited_s:g} s); "
            "run again when it has finished, or raise store.busy_timeout_s"
        )
    elif name.startswith("SQLITE_IOERR"):
        why = (
            "a disk I/O error: the disk may be full, over a file-size limit, or failing; "
            "free space or check the disk and run again"
        )
    elif name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        why = (
            "the file is corrupt or is not a wiretrace database; give another --db path to "
            "start a new store"
        )
    elif name.startswith("SQLITE_CANTOPEN"):
        why = "cannot open the file: does its folder exist, and may this user write there?"
    else:
        return StoreError(f"{path}: {doing} failed ({text})")
    return StoreError(f"{path}: {doing} failed: {why} ({text})")


def _guard(method: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a SQLiteStore method so that a SQLite error becomes a StoreError."""
    doing = method.__name__.strip("_").replace("_", " ")
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def generator(self: SQLiteStore, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise self._error(exc, f"reading ({doing})") from exc

        return generator

    @functools.wraps(method)
    def plain(self: SQLiteStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise self._error(exc, doing) from exc

    return plain


for _name in (
    "get",
    "__iter__",
    "__len__",
    "index_config",
    "reset_index",
    "unindexed",
    "apply_index",
    "band_matches",
    "signatures",
    "feature_stories",
    "active_stories",
    "story_features_of",
    "stories_near",
    "document_frequencies",
    "indexed_count",
    "next_story_number",
    "index_generation",
    "story_changes",
    "stories_may_match",
    "story",
    "story_spans",
    "story_count",
    "stories",
    "members",
    "memberships",
    "story_of",
    "story_page",
    "memberships_of",
    "cached_story",
    "story_cache_entry",
    "cache_story",
):
    setattr(SQLiteStore, _name, _guard(getattr(SQLiteStore, _name)))


_FEATURE_STORIES = (
    "SELECT * FROM (SELECT feature, story FROM story_features WHERE feature = ? LIMIT ?)"
)
_STORY = "SELECT id, title, first_seen, last_seen, size, centroid FROM stories"


def _backup_name(path: Path, label: str) -> Path:
    """``<path>.<label>.bak``, or with a counter when that exists."""
    target = Path(f"{path}.{label}.bak")
    number = 1
    while target.exists():
        number += 1
        target = Path(f"{path}.{label}.{number}.bak")
    return target


def backup_name(path: str | Path, label: str) -> Path:
    """A free backup path beside the store: ``<path>.<label>.bak`` (or numbered)."""
    return _backup_name(Path(path), label)


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, one at a time (a trigger body's semicolons
    do not end the statement: pieces are joined until SQLite calls them complete)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
    if pending.strip(" \n;"):
        yield pending


#: Index writes whose changed stories ``meta`` keeps (``SQLiteStore.story_changes``): a
#: reader further behind learns only that it cannot know which stories changed.
CHANGES_KEPT = 256
#: A write that changed more stories than this logs them as unknown (a bulk ingest).
CHANGES_STORIES_MOST = 2_000
#: Membership objects each connection keeps for reuse (``memberships_of``): ~0.5 KB
#: each with their row (~10 MB a connection at most), forgotten all at once beyond this.
MEMBERSHIPS_KEPT = 20_000

_first = operator.itemgetter(0)

#: A search whose words are in at least this share of the articles walks the stories
#: in index order (``SQLiteStore._walk_search``): measured on a 100k-article store, the
#: walk finds a page in 2-20 ms for words in 50-86% of the articles where the join
#: takes 140-210 ms, and is slower than the join below about 10%.
WALK_SHARE = 0.25
#: Stories read in the first step of that walk (``SQLiteStore._common_word_page``);
#: each further step reads twice as many as the last, so a page deep in the order costs
#: a few queries and never more than twice the stories it passes. 256 stories of the
#: listing index are ~1 ms to read, and a word in a quarter of the articles or more
#: fills a page of 50 from the first one or two steps.
WALK_CHUNK = 256


def _fts_query(q: str | None) -> str | None:
    """A user's words as an FTS5 query: each word a quoted string, all required (so no
    FTS5 operator or syntax in the input is ever interpreted)."""
    if not q:
        return None
    words = _WORDS.findall(q)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words[:32]) or None


_WORDS = re.compile(r"\w+")


def _chunks(values: Sequence[Any], size: int = 900) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _pack(centroid: dict[int, float]) -> bytes:
    keys = np.fromiter(centroid.keys(), dtype=np.int64, count=len(centroid))
    weights = np.fromiter(centroid.values(), dtype=np.float32, count=len(centroid))
    return keys.tobytes() + weights.tobytes()


def _unpack(blob: bytes) -> dict[int, float]:
    n = len(blob) // 12
    keys = np.frombuffer(blob, dtype=np.int64, count=n)
    weights = np.frombuffer(blob, dtype=np.float32, offset=8 * n, count=n)
    return dict(zip(keys.tolist(), weights.tolist(), strict=True))


def _story(row: tuple[Any, ...]) -> StoryRecord:
    story_id, title, first, last, size, centroid = row
    return StoryRecord(
        id=str(story_id),
        title=title,
        first_seen=datetime.fromisoformat(first) if first else None,
        last_seen=datetime.fromisoformat(last) if last else None,
        size=int(size),
        centroid=_unpack(centroid),
    )


_SELECT = (
    "SELECT id, url, content_hash, title, outlet, published, path, text, published_inferred"
    " FROM articles"
)


def _row(row: tuple[str | None, ...]) -> StoredArticle:
    article_id, url, digest, title, outlet, published, path, text, inferred = row
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
            published_inferred=bool(inferred),
        ),
        content_hash=str(digest),
    )
