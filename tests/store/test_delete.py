"""Deleting articles (``Corpus.delete``) on both store backends: the articles and every
row derived from them go, their stories are re-clustered locally (a story whose bridging
article goes splits), other stories stay as they were, links are re-pointed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.utils.texts import BRIDGE, ORCHID, STRAY, bridge, story
from wiretrace import Article, NotFoundError
from wiretrace.corpus import Corpus
from wiretrace.store import MemoryStore, SQLiteStore
from wiretrace.store.base import Link

FESTIVAL = (
    STRAY + " The festival opens on Friday with a parade through the old harbour and a "
    "smoked fish market on the quay."
)


@pytest.fixture(params=["sqlite", "memory"])
def corpus(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Corpus]:
    store = SQLiteStore(tmp_path / "w.db") if request.param == "sqlite" else MemoryStore()
    with Corpus(store) as c:
        yield c


def bridged(corpus: Corpus) -> None:
    """wire (bridge) <- mix (bridge + orchid) <- garden (orchid): one story through mix;
    festival: a story of its own."""
    for article_id, text in (
        ("wire", story(*BRIDGE)),
        ("mix", story(*BRIDGE[:4], *ORCHID)),
        ("garden", story(*ORCHID[:3])),
        ("festival", FESTIVAL),
    ):
        corpus.add(Article(text=text, id=article_id, outlet=f"{article_id.title()} Post"))


def test_a_story_whose_bridging_article_goes_splits(corpus: Corpus) -> None:
    bridged(corpus)
    before = {s.story_id: s.article_ids for s in corpus.stories()}
    assert before == {"s1": ("wire", "mix", "garden"), "s2": ("festival",)}
    report = corpus.delete(["mix"])
    assert report.deleted == ("mix",)
    [change] = report.stories
    assert change.story_id == "s1" and change.removed == ("mix",)
    assert change.parts == (("s1", 1), ("s3", 1))  # the earliest keeps the id
    after = {s.story_id: s.article_ids for s in corpus.stories()}
    assert after == {"s1": ("wire",), "s2": ("festival",), "s3": ("garden",)}
    assert corpus.store.get("mix") is None and len(corpus.store) == 3
    assert corpus.store.indexed_count() == 3
    # the index stays usable: a new copy of the orchid story joins the split-off part
    joined = corpus.add(Article(text=story(*ORCHID[:2], ORCHID[3]), id="garden2"))
    assert joined is not None and joined.story_id == "s3"
    assert corpus.add(Article(text=story(*BRIDGE[1:]), id="late")).story_id == "s1"  # type: ignore[union-attr]


def test_other_stories_and_ids_stay_and_frequencies_match_a_rebuild(corpus: Corpus) -> None:
    bridged(corpus)
    corpus.add(Article(text=bridge({6: BRIDGE[6].replace("4,000", "4,500")}), id="wire2"))
    report = corpus.delete(["wire"])
    assert [(c.story_id, c.parts) for c in report.stories] == [("s1", (("s1", 3),))]
    assert {s.story_id for s in corpus.stories()} == {"s1", "s2"}
    terms = list(_terms(corpus))
    after_delete = corpus.store.document_frequencies(terms)
    rebuilt = Corpus(_copy(corpus))
    rebuilt.reindex()
    assert rebuilt.store.document_frequencies(terms) == after_delete
    assert rebuilt.store.indexed_count() == corpus.store.indexed_count() == 4


def test_deleting_every_member_removes_the_story(corpus: Corpus) -> None:
    bridged(corpus)
    report = corpus.delete(["festival", "festival"])  # repeats are ignored
    assert report.deleted == ("festival",)
    assert report.stories[0].parts == ()
    assert [s.story_id for s in corpus.stories()] == ["s1"]
    assert corpus.store.story("s2") is None


def test_unknown_ids_delete_nothing(corpus: Corpus) -> None:
    bridged(corpus)
    with pytest.raises(NotFoundError, match=r"no articles 'nope', 'gone'"):
        corpus.delete(["wire", "nope", "gone"])
    assert len(corpus.store) == 4 and corpus.store.get("wire") is not None


def test_links_are_repointed_past_deleted_articles(corpus: Corpus) -> None:
    url = "https://nordpress.example/bridge"
    versions = [bridge({6: BRIDGE[6].replace("4,000", n)}) for n in ("4,000", "4,100", "4,200")]
    for k, text in enumerate(versions):
        corpus.add(Article(text=text, id=f"v{k}", url=url, outlet="Nordpress"))
    for k, outlet in enumerate(("Valley Courier", "Harbour Times", "Fjell Post")):
        corpus.add(Article(text=versions[0], id=f"c{k}", outlet=outlet, url=f"https://{k}.example"))
    assert Link("v2", "version", "v1") in corpus.links("v2")
    assert Link("c1", "verbatim", "v0") in corpus.links("c1")
    report = corpus.delete(["v1"])
    assert report.relinked == (Link("v2", "version", "v0"),)
    assert Link("v2", "version", "v0") in corpus.links("v2")
    report = corpus.delete(["v0"])
    assert set(report.relinked) == {Link("c1", "verbatim", "c0"), Link("c2", "verbatim", "c0")}
    assert corpus.links("v2") == []  # its earlier versions are all gone
    assert corpus.links("c0") == [Link("c1", "verbatim", "c0"), Link("c2", "verbatim", "c0")]


def test_sqlite_rows_search_and_cache_go(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with Corpus(SQLiteStore(db)) as corpus:
        bridged(corpus)
        corpus.store.cache_story("s1", "k", "{}")
        corpus.store.cache_story("s2", "k", "{}")
        corpus.delete(["mix", "festival"])
    con = sqlite3.connect(db)
    try:
        one = lambda q: con.execute(q).fetchone()[0]  # noqa: E731
        assert one("SELECT COUNT(*) FROM articles") == 2
        for table in ("signatures", "members"):
            assert one(f"SELECT COUNT(*) FROM {table}") == 2
        assert one("SELECT COUNT(DISTINCT seq) FROM bands") == 2
        assert one("SELECT COUNT(*) FROM members WHERE story NOT IN (SELECT id FROM stories)") == 0
        assert one("SELECT SUM(size) FROM stories") == 2
        assert one("SELECT COUNT(*) FROM story_cache") == 0
        assert one("SELECT COUNT(*) FROM story_features WHERE story = 's2'") == 0
        # the search index forgets the deleted texts ("herring" is only in the festival)
        assert one("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'herring'") == 0
        assert one("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'orchid'") == 1
        assert one("PRAGMA integrity_check") == "ok"
    finally:
        con.close()


def _terms(corpus: Corpus) -> Iterator[int]:
    featurizer = corpus.clusterer.featurizer
    for item in corpus.store:
        yield from featurizer(item.article).terms
    yield from featurizer(Article(text=story(*BRIDGE), id="x")).terms  # the deleted one's


def _copy(corpus: Corpus) -> MemoryStore:
    copy = MemoryStore()
    copy.add(list(corpus.store))
    return copy
