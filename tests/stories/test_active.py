"""The stories kept in memory for the clusterer's name lookup (``ActiveStories``), the
store's window queries behind it, and the decisions they give: the same as a lookup over
the whole archive, for articles in time order and for one far older than the rest."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from wiretrace import Article
from wiretrace.config import CompareConfig, StoriesConfig
from wiretrace.corpus import Corpus
from wiretrace.store import MemoryStore, SQLiteStore, Store
from wiretrace.store.base import IndexUpdate, StoryRecord
from wiretrace.stories.active import ActiveStories
from wiretrace.synth import SynthConfig, generate

BASE = datetime(2026, 5, 1, 8, tzinfo=UTC)
WIRE = (
    "Flooding hit Tarnwick on Monday, and the Orle river rose above its banks. "
    "Mayor Edda Vollan said crews from Tarnwick worked through the night. "
    "About 300 residents left their homes near the Orle river."
)
REPORT = (
    "Tarnwick residents fled as the Orle burst its banks. Edda Vollan, the mayor, "
    "praised Tarnwick crews. Some 300 people were moved away from the Orle."
)
#: Other events months apart that name the same town, river and mayor in other words.
OLDER = (
    "The Tarnwick council approved a budget for the Orle bridge; Edda Vollan chaired a "
    "long session about 300 school buses and parking fees.",
    "A festival in Tarnwick drew crowds to the Orle promenade, where Edda Vollan opened "
    "a market of 300 local bakers and a small boat race.",
    "Edda Vollan opened a library wing in Tarnwick, paid for by a fund that also keeps "
    "the Orle towpath lit on 300 winter evenings.",
)
UNRELATED = (
    "A chess tournament in Belmora ended with a draw between two junior players after "
    "eleven rounds, the organisers said on Sunday."
)


@pytest.fixture(params=["sqlite", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    backend: Store = SQLiteStore(tmp_path / "w.db") if request.param == "sqlite" else MemoryStore()
    with backend:
        yield backend


def test_active_stories_keep_the_recent_and_the_undated() -> None:
    day = 86400.0
    active = ActiveStories(keep_s=10 * day)
    assert not active.covers(0.0)  # nothing loaded yet
    active.load(0.0, [("s1", 1.0, [7, 8]), ("s2", None, [8])])
    assert active.covers(5 * day) and not active.covers(-1.0)
    assert active.stories(8) == {"s1", "s2"} and active.stories(9) == frozenset()
    active.put("s3", 12 * day, [9])
    assert active.advance(12 * day) == []  # within half of keep_s of the last cut
    assert active.advance(16 * day) == ["s1"]  # last seen over 10 days before day 16
    assert active.stories(8) == {"s2"} and active.stories(7) == frozenset()
    assert "s2" in active and "s3" in active and len(active) == 2
    assert active.covers(6 * day) and not active.covers(5 * day)
    active.drop("s3")
    assert active.stories(9) == frozenset()


def _story(story_id: str, first: datetime, last: datetime) -> StoryRecord:
    return StoryRecord(
        id=story_id, title=None, first_seen=first, last_seen=last, size=1, centroid={1: 1.0}
    )


def test_store_window_queries(store: Store) -> None:
    early, late = BASE, BASE + timedelta(days=40)
    store.apply_index(
        IndexUpdate(
            stories=[
                _story("s1", early, early + timedelta(hours=2)),
                _story("s2", late, late + timedelta(days=3)),
                StoryRecord(
                    id="s3", title=None, first_seen=None, last_seen=None, size=1, centroid={}
                ),
            ],
            features={(5, "s1"), (5, "s2"), (5, "s3"), (6, "s2")},
        )
    )
    active = {i: (last, sorted(f)) for i, last, f in store.active_stories(late)}
    assert active == {"s2": (late + timedelta(days=3), [5, 6]), "s3": (None, [5])}
    assert sorted(store.story_features_of("s2")) == [5, 6] and store.story_features_of("x") == []
    near = store.stories_near([5, 6, 9], early - timedelta(hours=1), early + timedelta(hours=1))
    assert {f: sorted(r[0] for r in rows) for f, rows in near.items()} == {5: ["s1", "s3"]}


def _corpus(store: Store, stories: StoriesConfig | None = None) -> Corpus:
    return Corpus(store, CompareConfig(stories=stories or StoriesConfig()))


def test_an_article_far_older_than_the_rest_finds_its_story_in_the_store(store: Store) -> None:
    corpus = _corpus(store)
    first = corpus.add(Article(text=WIRE, id="a", published=BASE))
    later = corpus.add(Article(text=UNRELATED, id="c", published=BASE + timedelta(days=60)))
    # two months on, the wire's story has left memory; a late report of it still joins
    report = corpus.add(Article(text=REPORT, id="b", published=BASE + timedelta(hours=5)))
    assert first and later and report
    assert report.story_id == first.story_id and report.reason == "similar"
    assert report.story_id != later.story_id


def test_a_name_common_in_the_archive_is_looked_up_among_the_window_s_stories(
    store: Store,
) -> None:
    # the town, river and mayor are in more stories than the cap, but those are months
    # apart: within the report's window only its own event has them
    corpus = _corpus(store, StoriesConfig(max_feature_stories=2))
    older = [
        corpus.add(Article(text=text, id=f"o{n}", published=BASE - timedelta(days=60 * (n + 1))))
        for n, text in enumerate(OLDER)
    ]
    assert len({o.story_id for o in older if o}) == len(OLDER)
    first = corpus.add(Article(text=WIRE, id="a", published=BASE))
    report = corpus.add(Article(text=REPORT, id="b", published=BASE + timedelta(hours=5)))
    assert first and report
    assert report.story_id == first.story_id and report.reason == "similar"


def _members(path: Path) -> dict[str, str]:
    with SQLiteStore(path) as store:
        return {m.article_id: m.story_id for m in store.memberships()}


def test_a_writer_that_looks_names_up_in_the_store_decides_as_one_with_its_window(
    tmp_path: Path,
) -> None:
    # the desk's case: two processes' writers take turns on one store file, so each
    # turn reloads the clusterer; with ``window_from_store`` it keeps no window in
    # memory, and the stories come out as one writer's that keeps its window throughout
    articles = generate(SynthConfig(num_events=30, distractors=10, seed=5)).articles
    batches = [articles[k : k + 3] for k in range(0, len(articles), 3)]  # pending decisions
    with Corpus(SQLiteStore(tmp_path / "one.db")) as one:
        for batch in batches:
            one.add_batch(batch)
    writers = [Corpus(SQLiteStore(tmp_path / "two.db")) for _ in range(2)]
    try:
        for writer in writers:
            writer.window_from_store = True
        for n, batch in enumerate(batches):
            assert writers[n % 2].sync() == (n > 1)  # the other wrote since: reloaded
            writers[n % 2].add_batch(batch)
        assert all(w.clusterer.window_from_store for w in writers)
    finally:
        for writer in writers:
            writer.close()
    alone = _members(tmp_path / "one.db")
    assert len(alone) == len(articles) and len(set(alone.values())) > 20
    assert _members(tmp_path / "two.db") == alone


#: A second part of the wire, in other words and names than its first.
WIRE_ROADS = (
    "Road crews in Pellacombe cleared the Hasket pass after a rockslide, said Brannock "
    "Sudderly of the county roads office; the Hasket pass carries 4,000 lorries a week."
)


@pytest.mark.parametrize(
    "from_store",
    [
        False,  # the window in memory
        True,  # the store's lookup, which compares the stored spans
    ],
)
def test_a_story_a_pending_decision_stretched_into_the_window_is_found_by_name(
    tmp_path: Path, from_store: bool
) -> None:
    # the wire's story is stored with its names six days ago; in one batch a copy of the
    # wire's roads part (joined by shared text, with none of the flood's names) stretches
    # it to today, and a report of the flood from today finds it by the flood's names,
    # although the stored span is out of the window
    path = tmp_path / "w.db"
    with Corpus(SQLiteStore(path)) as first:
        text = WIRE + " " + WIRE_ROADS
        wire = first.add_batch([Article(text=text, id="a", published=BASE)]).added[0]
    later = BASE + timedelta(days=6)
    with Corpus(SQLiteStore(path)) as writer:
        writer.window_from_store = from_store
        copy, report = writer.add_batch(
            [
                Article(text=WIRE_ROADS + " More at noon.", id="c", published=later),
                Article(text=REPORT, id="b", published=later + timedelta(hours=5)),
            ]
        ).added
    assert copy.reason == "copy" and copy.story_id == wire.story_id
    assert report.reason == "similar" and report.story_id == wire.story_id
