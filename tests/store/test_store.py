"""One suite over every Store backend (SQLite file in tmp_path, and memory)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from wiretrace import Article, StoreError
from wiretrace.store import (
    IndexEntry,
    IndexUpdate,
    MemoryStore,
    SQLiteStore,
    Store,
    StoredArticle,
    StoryRecord,
    content_hash,
    open_store,
)
from wiretrace.store.base import Deletion, Link, StoryQuery
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
        # same text and same canonical URL (www., tracking parameter), other id
        (
            item("c", "The council met on Monday.", url="https://www.x.example/1?utm_source=a"),
            "same text and URL",
        ),
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


def test_versions_and_verbatim_copies_are_kept_with_links(store: Store) -> None:
    store.add([item("a", "The council met on Monday.", url="https://x.example/1")])
    update = item("a2", "The council met on Monday night.", url="https://x.example/1/")
    copy = StoredArticle(
        "b",
        Article(text="The council met on Monday.", id="b", outlet="Hill Gazette"),
        content_hash("The council met on Monday."),
    )
    report = store.add([update, copy])
    assert report.added == ["a2", "b"]
    assert report.links == [Link("a2", "version", "a"), Link("b", "verbatim", "a")]
    assert store.links("a") == report.links
    assert store.links("b") == [Link("b", "verbatim", "a")]


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
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a SQLite database, not a wiretrace store"):
        SQLiteStore(path)
    assert path.read_bytes() == before


def test_open_store_chooses_the_backend(tmp_path: Path) -> None:
    assert isinstance(open_store(":memory:"), MemoryStore)
    sqlite_store = open_store(tmp_path / "x.db")
    assert isinstance(sqlite_store, SQLiteStore)
    sqlite_store.close()


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("a  b\nc") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


def _entry(article_id: str, story_id: str, keys: tuple[int, ...] = (1, 2)) -> IndexEntry:
    return IndexEntry(
        article_id=article_id,
        story_id=story_id,
        shingle_count=10,
        signature=np.arange(8, dtype=np.uint32),
        band_keys=keys,
    )


def _story(story_id: str, size: int) -> StoryRecord:
    when = datetime(2026, 3, 4, 9, 15, tzinfo=UTC)
    return StoryRecord(story_id, f"t {story_id}", when, when, size, {7: 0.5, -3: 0.25})


def test_index_round_trip_and_merge(store: Store) -> None:
    store.add([item("a", "The council met on Monday."), item("b", "Rain fell.")])
    store.reset_index("cfg-1")
    assert store.index_config() == "cfg-1" and [s.id for s in store.unindexed(5)] == ["a", "b"]
    store.apply_index(
        IndexUpdate(
            entries=[_entry("a", "s1"), _entry("b", "s2", (2, 3))],
            stories=[_story("s1", 1), _story("s2", 1)],
            features={(11, "s1"), (12, "s2")},
            df=Counter({7: 2, -3: 1}),
            next_story=3,
        )
    )
    assert store.unindexed(5) == [] and store.indexed_count() == 2 and store.story_count() == 2
    assert store.band_matches([2]) == {"a": 1, "b": 1}
    count, signature = store.signatures(["a"])["a"]
    assert count == 10 and signature.tolist() == list(range(8))
    assert store.document_frequencies([7, -3, 99]) == {7: 2, -3: 1}
    assert store.feature_stories([11, 12]) == {11: ["s1"], 12: ["s2"]}
    record = store.story("s1")
    assert record is not None and record.centroid == {7: 0.5, -3: 0.25}
    assert store.next_story_number() == 3
    when = datetime(2026, 3, 4, 9, 15, tzinfo=UTC)
    assert store.story_spans(["s1", "nope"]) == {"s1": (when, when)}
    store.apply_index(IndexUpdate(stories=[_story("s1", 2)], merged={"s2": "s1"}))
    assert [s.id for s in store.stories()] == ["s1"]
    assert [m.id for m in store.members("s1")] == ["a", "b"] and store.story_of("b") == "s1"
    assert store.feature_stories([12]) == {12: ["s1"]}
    store.reset_index("cfg-2")
    assert store.indexed_count() == 0 and list(store.stories()) == []
    assert len(store.unindexed(5)) == 2 and len(store) == 2  # articles survive a reset


def test_index_generation_counts_every_index_write(store: Store) -> None:
    store.add([item("a", "The council met on Monday."), item("b", "Rain fell.")])
    seen = [store.index_generation()]
    store.reset_index("cfg")
    seen.append(store.index_generation())
    store.apply_index(IndexUpdate(entries=[_entry("a", "s1")], stories=[_story("s1", 1)]))
    seen.append(store.index_generation())
    store.cache_story("s1", "k", "{}")  # a cached page is not an index write
    store.add([item("c", "Snow fell on the hills.")])  # nor is an unindexed article
    assert store.index_generation() == seen[-1]
    bad = IndexUpdate(entries=[_entry("ghost", "s1")], stories=[_story("s1", 2)])
    with pytest.raises(StoreError):
        store.apply_index(bad)
    assert store.index_generation() == seen[-1]  # a failed write counts nothing
    store.delete(Deletion(article_ids=["a"], removed_stories=["s1"]))
    seen.append(store.index_generation())
    assert seen == sorted(set(seen)), seen  # each write moved it on


def test_sqlite_logs_the_stories_each_index_write_changed(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "w.db")
    store.add([item("a", "The council met on Monday."), item("b", "Rain fell on the hills.")])
    store.reset_index("cfg")
    start = store.index_generation()
    store.apply_index(IndexUpdate(entries=[_entry("a", "s1")], stories=[_story("s1", 1)]))
    store.apply_index(IndexUpdate(entries=[_entry("b", "s2")], stories=[_story("s2", 1)]))
    now = start + 2
    assert store.story_changes(now) == (now, frozenset())
    assert store.story_changes(now - 1) == (now, {"s2"})
    assert store.story_changes(start) == (now, {"s1", "s2"})
    assert store.story_changes(start - 1) == (now, None)  # the reset: unknown
    assert store.story_changes(now + 1) == (now, None)
    query = StoryQuery(q="council")
    assert store.stories_may_match(["s1"], query, now) is True
    assert store.stories_may_match(["s2"], query, now) is False
    assert store.stories_may_match(["s2"], StoryQuery(outlet="Valley Courier"), now) is True
    assert store.stories_may_match(["s1"], StoryQuery(outlet="Coast FM"), now) is False
    assert store.stories_may_match(["s1"], StoryQuery(q="council", outlet="Coast FM"), now) is False
    assert store.stories_may_match(["s2"], StoryQuery(), now) is True  # no filter: any story
    assert store.stories_may_match(["s1"], StoryQuery(q="!!"), now) is False
    assert store.stories_may_match(["s1"], query, now - 1) is None  # not that generation
    store.apply_index(IndexUpdate(stories=[_story("s1", 2)], merged={"s2": "s1"}))
    assert store.story_changes(now) == (now + 1, {"s1", "s2"})
    store.delete(Deletion(article_ids=["a"], removed_stories=["s1"]))
    assert store.story_changes(now + 1) == (now + 2, None)  # a delete: unknown
    store.close()


def test_failed_index_update_changes_nothing(store: Store) -> None:
    store.add([item("a", "The council met on Monday.")])
    store.reset_index("cfg")
    bad = IndexUpdate(entries=[_entry("a", "s1"), _entry("ghost", "s1")], stories=[_story("s1", 2)])
    with pytest.raises(StoreError):
        store.apply_index(bad)
    assert store.indexed_count() == 0 and store.story("s1") is None
    assert [s.id for s in store.unindexed(5)] == ["a"]


def test_a_version_1_store_is_migrated(tmp_path: Path) -> None:
    from wiretrace.store.sqlite import MIGRATIONS

    db = tmp_path / "v1.db"
    con = sqlite3.connect(db)
    con.executescript(MIGRATIONS[0])
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute(
        "INSERT INTO articles (id, content_hash, text, ingested_at) VALUES ('old', 'h', "
        "'Kept from before.', '2026-01-01')"
    )
    con.commit()
    con.close()
    with SQLiteStore(db) as store:
        assert [s.id for s in store.unindexed(5)] == ["old"]
        assert store.index_config() is None
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(
        SCHEMA_VERSION
    )
    con.close()


def test_unindexed_finds_gaps_before_indexed_articles(store: Store) -> None:
    store.add([item(k, f"Article number {k} about the harbour.") for k in ("a", "b", "c")])
    store.reset_index("cfg")
    store.apply_index(IndexUpdate(entries=[_entry("c", "s1")], stories=[_story("s1", 1)]))
    assert [s.id for s in store.unindexed(5)] == ["a", "b"]
    store.apply_index(IndexUpdate(entries=[_entry("a", "s1")], stories=[_story("s1", 2)]))
    assert [s.id for s in store.unindexed(5)] == ["b"]


def _listed(store: Store) -> None:
    """Three stories: s1 (2 articles, 2026-03-04), s2 (1, 2026-03-06), s3 (undated)."""
    store.add(
        [
            item("a", "The council approved the harbour budget on Monday."),
            item("b", "Councillors approved a harbour budget."),
            item("c", "Orchid growers opened their winter show."),
            StoredArticle(
                "d",
                Article(text="Tides ran high along the coast.", id="d", outlet="Coast FM"),
                content_hash("Tides ran high along the coast."),
            ),
        ]
    )
    store.reset_index("cfg")
    late = datetime(2026, 3, 6, 8, 0, tzinfo=UTC)
    store.apply_index(
        IndexUpdate(
            entries=[_entry("a", "s1"), _entry("b", "s1"), _entry("c", "s2"), _entry("d", "s3")],
            stories=[
                _story("s1", 2),
                StoryRecord("s2", "orchids", late, late, 1, {}),
                StoryRecord("s3", "tides", None, None, 1, {}),
            ],
        )
    )


def test_story_page_filters_orders_and_counts(store: Store) -> None:
    _listed(store)
    records, total = store.story_page(StoryQuery())
    assert [r.id for r in records] == ["s2", "s1", "s3"] and total == 3  # undated last
    assert all(r.centroid == {} for r in records)
    records, _ = store.story_page(StoryQuery(sort="first_seen"))
    assert [r.id for r in records] == ["s1", "s2", "s3"]
    records, _ = store.story_page(StoryQuery(sort="-size"))
    assert records[0].id == "s1"
    records, total = store.story_page(StoryQuery(limit=1, offset=1))
    assert [r.id for r in records] == ["s1"] and total == 3
    records, total = store.story_page(StoryQuery(q="harbour budget"))
    assert [r.id for r in records] == ["s1"] and total == 1
    assert store.story_page(StoryQuery(q="budget zebra"))[1] == 0  # every word required
    assert store.story_page(StoryQuery(q='budget")* ('))[1] == 1  # syntax taken as words
    assert store.story_page(StoryQuery(outlet="Coast FM"))[0][0].id == "s3"
    since = datetime(2026, 3, 5, tzinfo=UTC)
    records, total = store.story_page(StoryQuery(since=since))
    assert [r.id for r in records] == ["s2"] and total == 1  # undated left out
    records, _ = store.story_page(StoryQuery(until=since))
    assert [r.id for r in records] == ["s1"]
    assert [m.article_id for m in store.memberships_of(["s1", "s3"])] == ["a", "b", "d"]


def test_story_cache_is_kept_as_the_last_version_and_dropped_with_the_story(store: Store) -> None:
    _listed(store)
    store.cache_story("s1", "k1", '{"x": 1}')
    store.cache_story("gone", "k1", "{}")  # no such story: not kept
    assert store.cached_story("s1", "k1") == '{"x": 1}'
    assert store.cached_story("s1", "k2") is None and store.cached_story("gone", "k1") is None
    store.apply_index(IndexUpdate(stories=[_story("s2", 1)]))
    assert store.cached_story("s1", "k1") == '{"x": 1}'  # another story changed
    assert store.story_cache_entry("s1") == ("k1", '{"x": 1}')
    store.apply_index(IndexUpdate(stories=[_story("s1", 3)]))
    # the story changed: its key (members, settings) changes with it, so "k1" is never
    # asked for again; the entry stays as the last version built
    assert store.story_cache_entry("s1") == ("k1", '{"x": 1}')
    store.apply_index(IndexUpdate(stories=[_story("s2", 2)], merged={"s1": "s2"}))
    assert store.story_cache_entry("s1") is None  # merged away: gone


def test_a_version_2_store_gets_full_text_search(tmp_path: Path) -> None:
    from wiretrace.store.sqlite import MIGRATIONS

    db = tmp_path / "v2.db"
    con = sqlite3.connect(db)
    con.executescript(MIGRATIONS[0] + MIGRATIONS[1])
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    con.execute(
        "INSERT INTO articles (seq, id, content_hash, text, ingested_at) VALUES (1, 'old', 'h', "
        "'Lighthouse keepers returned.', '2026-01-01')"
    )
    con.execute("INSERT INTO members VALUES (1, 's1')")
    con.execute("INSERT INTO stories VALUES ('s1', 'old', NULL, NULL, 1, x'')")
    con.commit()
    con.close()
    with SQLiteStore(db) as store:
        records, total = store.story_page(StoryQuery(q="lighthouse keeper"))
        assert [r.id for r in records] == ["s1"] and total == 1


def test_common_word_search_walk_gives_the_same_pages_as_the_join(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random

    from wiretrace.store import sqlite as sqlite_store

    rng = random.Random(3)
    words = ["harbour", "council", "ferry", "orchid", "budget", "tide"]
    store = SQLiteStore(tmp_path / "walk.db")
    items, entries, stories = [], [], []
    for n in range(40):
        chosen = [w for w in words if rng.random() < (0.9 if w == "council" else 0.2)]
        items.append(item(f"a{n}", "Text " + " ".join(chosen or ["quiet"]) + f" {n}."))
        entries.append(_entry(f"a{n}", f"s{n % 13}"))
    for k in range(13):
        when = None if k == 5 else datetime(2026, 3, 1 + k % 4, 8, tzinfo=UTC)
        stories.append(StoryRecord(f"s{k}", f"t{k}", when, when, len(range(k, 40, 13)), {}))
    store.add(items)
    store.reset_index("cfg")
    store.apply_index(IndexUpdate(entries=entries, stories=stories))
    queries = [
        StoryQuery(q=w, sort=sort, limit=limit, offset=offset)
        for w in [*words, "council harbour"]
        for sort in ("-first_seen", "-size")
        for limit, offset in ((50, 0), (3, 0), (3, 4), (4, 10), (5, 20))
    ]
    monkeypatch.setattr(sqlite_store, "WALK_SHARE", 2.0)  # never walk: the join
    joined = [store.story_page(q) for q in queries]
    monkeypatch.setattr(sqlite_store, "WALK_SHARE", 0.0)  # always walk
    walked = [store.story_page(q) for q in queries]
    assert walked == joined
    monkeypatch.setattr(sqlite_store, "WALK_CHUNK", 1)  # steps of 1, 2, 4...: every edge
    assert [store.story_page(q) for q in queries] == joined
    assert any(total > 5 for _, total in joined) and any(r for r, _ in joined)
    store.close()
