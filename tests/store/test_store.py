"""One suite over every Store backend (SQLite file in tmp_path, and memory)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wiretrace import Article, StoreError
from wiretrace.store import MemoryStore, SQLiteStore, Store, StoredArticle, content_hash, open_store
from wiretrace.store.sqlite import SCHEMA_VERSION


@pytest.fixture(params=["sqlite", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    backend: Store = SQLiteStore(tmp_path / "w.db") if request.param == "sqlite" else MemoryStore()
    with backend:
        yield backend


def item(article_id: str, text: str, url: str | None = None) -> StoredArticle:
    article = Article(
        text=text,
        id=article_id,
        url=url,
        title=f"title {article_id}",
        outlet="Valley Courier",
        published=datetime(2026, 3, 4, 9, 15, tzinfo=UTC),
    )
    return StoredArticle(id=article_id, article=article, content_hash=content_hash(text))


def test_add_and_read_back(store: Store) -> None:
    report = store.add([item("a", "The council met on Monday."), item("b", "Rain fell.")])
    assert report.added == ["a", "b"] and report.duplicates == []
    assert len(store) == 2
    got = store.get("a")
    assert got is not None
    assert got.article.text == "The council met on Monday."
    assert got.article.outlet == "Valley Courier"
    assert got.article.published == datetime(2026, 3, 4, 9, 15, tzinfo=UTC)
    assert [s.id for s in store] == ["a", "b"]
    assert store.get("missing") is None


@pytest.mark.parametrize(
    ("second", "reason"),
    [
        # same id, other text
        (item("a", "Something else entirely."), "id 'a'"),
        # same URL, other id and text
        (item("c", "Different words here.", url="https://x.example/1"), "same URL"),
        # same text with other line breaks, other id
        (item("d", "The council   met\non Monday."), "same text"),
    ],
)
def test_duplicates_are_skipped_with_a_reason(
    store: Store, second: StoredArticle, reason: str
) -> None:
    store.add([item("a", "The council met on Monday.", url="https://x.example/1")])
    report = store.add([second])
    assert report.added == []
    assert len(report.duplicates) == 1 and reason in report.duplicates[0][1]
    assert len(store) == 1


def test_duplicates_inside_one_batch(store: Store) -> None:
    report = store.add([item("a", "Same text."), item("b", "Same text.")])
    assert report.added == ["a"]
    assert report.duplicates[0][0] == "b"


def test_sqlite_batch_is_atomic(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with SQLiteStore(path) as store:
        store.add([item("a", "First.")])

        def broken() -> Iterator[StoredArticle]:
            yield item("b", "Second.")
            raise RuntimeError("the reader died mid-batch")

        with pytest.raises(RuntimeError):
            store.add(broken())
        assert [s.id for s in store] == ["a"]  # nothing of the failed batch is kept


def test_sqlite_persists_and_records_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with SQLiteStore(path) as store:
        store.add([item("a", "First.")])
    with SQLiteStore(path) as again:
        assert len(again) == 1
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    version = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
    assert int(version) == SCHEMA_VERSION
    db.close()


def test_sqlite_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    SQLiteStore(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer"):
        SQLiteStore(path)


def test_sqlite_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        SQLiteStore(path)


def test_open_store_chooses_the_backend(tmp_path: Path) -> None:
    assert isinstance(open_store(":memory:"), MemoryStore)
    sqlite_store = open_store(tmp_path / "x.db")
    assert isinstance(sqlite_store, SQLiteStore)
    sqlite_store.close()


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("a  b\nc") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")
