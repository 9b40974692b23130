"""``SQLiteStore.unindexed`` counts only the articles added since its last count: it must
still see articles another connection added, and a gap left below the indexed ones."""

from __future__ import annotations

from pathlib import Path

from tests.utils.factories import stored
from wiretrace import Article
from wiretrace.store import SQLiteStore
from wiretrace.stories import StoryClusterer


def _articles(start: int, count: int) -> list[Article]:
    return [
        Article(text=f"Report number {n} on the harbour works of Velmora, day {n}.", id=f"a{n}")
        for n in range(start, start + count)
    ]


def test_articles_added_by_another_connection_are_found(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with SQLiteStore(path) as store:
        store.add(stored(a) for a in _articles(0, 3))
        StoryClusterer(store).run()
        assert store.unindexed(10) == []
        with SQLiteStore(path) as other:  # another process would do the same
            other.add(stored(a) for a in _articles(3, 2))
        assert [i.id for i in store.unindexed(10)] == ["a3", "a4"]
        store.add(stored(a) for a in _articles(5, 1))  # and this connection's own
        assert [i.id for i in store.unindexed(10)] == ["a3", "a4", "a5"]
        StoryClusterer(store).run()
        assert store.unindexed(10) == []


def test_an_article_stored_below_the_indexed_ones_is_found(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with SQLiteStore(path) as store:
        store.add(stored(a) for a in _articles(0, 4))
        assert store.unindexed(10)  # counted once with nothing indexed
        with SQLiteStore(path) as other:
            # another process indexes the last two only: a gap below them
            clusterer = StoryClusterer(other)
            for item in list(other)[2:]:
                clusterer.add(item)
        assert [i.id for i in store.unindexed(10)] == ["a0", "a1"]
