"""Story clustering on synthetic corpora: pairwise precision and recall, incremental adds,
look-alike events kept apart, index rebuilt under other settings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.utils.factories import stored
from wiretrace import Article
from wiretrace.config import StoriesConfig
from wiretrace.corpus import Corpus
from wiretrace.store import MemoryStore, SQLiteStore, Store
from wiretrace.stories import StoryClusterer
from wiretrace.synth import (
    SynthConfig,
    SynthCorpus,
    generate,
    pairwise_scores,
    same_label_pairs,
)


@pytest.fixture(scope="module")
def synth() -> SynthCorpus:
    return generate(SynthConfig(num_events=40, distractors=15, seed=21))


@pytest.fixture(params=["sqlite", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    backend: Store = SQLiteStore(tmp_path / "w.db") if request.param == "sqlite" else MemoryStore()
    with backend:
        yield backend


def test_synthetic_corpus_pairwise_precision_and_recall(synth: SynthCorpus, store: Store) -> None:
    store.add(stored(a) for a in synth.articles)
    done = StoryClusterer(store).run()
    predicted = {a.article_id: a.story_id for a in done}
    assert len(predicted) == len(synth.articles)
    precision, recall = pairwise_scores(predicted, synth.story_of)
    assert precision >= 0.97 and recall >= 0.97, (precision, recall)
    # look-alike distractors (same kind and region, other town) stay out of the event
    for distractor, event in synth.resembles.items():
        members = {i for i, e in synth.story_of.items() if e == event}
        assert not any(predicted[m] == predicted[distractor] for m in members)


def test_adding_one_at_a_time_equals_the_batch_run(synth: SynthCorpus) -> None:
    batch = MemoryStore()
    batch.add(stored(a) for a in synth.articles)
    batch_result = {a.article_id: a.story_id for a in StoryClusterer(batch).run()}
    corpus = Corpus(MemoryStore())
    one_by_one = {}
    for article in synth.articles:
        assignment = corpus.add(article)
        assert assignment is not None
        one_by_one[assignment.article_id] = assignment.story_id
    assert same_label_pairs(one_by_one) == same_label_pairs(batch_result)
    assert corpus.add(synth.articles[0]) is None  # a duplicate is not added twice


def test_index_is_rebuilt_under_other_settings(synth: SynthCorpus, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with SQLiteStore(db) as store:
        store.add(stored(a) for a in synth.articles[:30])
        first = StoryClusterer(store)
        assert not first.rebuilt
        first.run()
        assert store.indexed_count() == 30
    with SQLiteStore(db) as store:
        same = StoryClusterer(store)
        assert not same.rebuilt and store.indexed_count() == 30
        other = StoryClusterer(store, stories=StoriesConfig(join_similarity=0.6))
        assert other.rebuilt and store.indexed_count() == 0  # never reused
        assert len(other.run()) == 30


def test_time_window_keeps_a_later_event_apart() -> None:
    corpus = Corpus(MemoryStore())
    base = datetime(2026, 5, 1, 8, tzinfo=UTC)
    wire = (
        "Flooding hit Tarnwick on Monday, and the Orle river rose above its banks. "
        "Mayor Edda Vollan said crews from Tarnwick worked through the night. "
        "About 300 residents left their homes near the Orle river."
    )
    report = (
        "Tarnwick residents fled as the Orle burst its banks. Edda Vollan, the mayor, "
        "praised Tarnwick crews. Some 300 people were moved away from the Orle."
    )
    first = corpus.add(Article(text=wire, id="a", published=base))
    same_day = corpus.add(Article(text=report, id="b", published=base + timedelta(hours=5)))
    again = (
        "The Orle flooded Tarnwick once more; mayor Edda Vollan thanked Tarnwick crews "
        "as about 300 people were evacuated from the Orle banks."
    )
    months_later = corpus.add(Article(text=again, id="c", published=base + timedelta(days=90)))
    assert first and same_day and months_later
    assert same_day.story_id == first.story_id and same_day.reason == "similar"
    assert months_later.story_id != first.story_id  # shares no text and is out of the window


def test_unrelated_articles_get_their_own_stories() -> None:
    corpus = Corpus(MemoryStore())
    ferry = "The Kelder ferry resumed service on Friday after repairs."
    a = corpus.add(Article(text=ferry, id="a"))
    b = corpus.add(Article(text="Bond yields in Marrow fell for a third week in a row.", id="b"))
    assert a and b and a.story_id != b.story_id
    assert [s.article_ids for s in corpus.stories()] == [("a",), ("b",)]
    assert corpus.stories()[0].title == ferry  # untitled: its first line stands in


def test_worker_processes_give_the_same_stories(synth: SynthCorpus, tmp_path: Path) -> None:
    results = []
    for jobs in (1, 2):
        with SQLiteStore(tmp_path / f"j{jobs}.db") as store:
            store.add(stored(a) for a in synth.articles)
            clusterer = StoryClusterer(store, batch_size=16)
            results.append({a.article_id: a.story_id for a in clusterer.run(jobs=jobs)})
    assert results[0] == results[1]


def test_shared_page_furniture_does_not_make_a_copy() -> None:
    furniture = (
        "\nREAD ALSO:\n"
        "- Harbour fees to rise for cruise ships next spring\n"
        "- Old lighthouse keeper's cottage opens as a museum\n"
        "- Council approves the ring road budget after a long debate\n"
        "- Ferry timetable changes for the winter season announced\n"
        "- Fishing quotas cut again as cod stocks keep falling\n"
    )
    corpus = Corpus(MemoryStore())
    a = corpus.add(
        Article(
            text="The Kelder ferry resumed service on Friday after two weeks of repairs to its "
            "engine, the operator said." + furniture,
            id="a",
        )
    )
    b = corpus.add(
        Article(
            text="Bond yields in Marrow fell for a third week in a row as traders bet on a rate "
            "cut, dealers said." + furniture,
            id="b",
        )
    )
    assert a and b and b.story_id != a.story_id


def test_a_tiny_story_cache_gives_the_same_stories(
    synth: SynthCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wiretrace.stories import cluster

    results = []
    for size in (4096, 2):
        monkeypatch.setattr(cluster, "_STORY_CACHE", size)
        with SQLiteStore(tmp_path / f"c{size}.db") as store:
            store.add(stored(a) for a in synth.articles)
            run = StoryClusterer(store, batch_size=32).run()
            results.append({a.article_id: a.story_id for a in run})
    assert results[0] == results[1]


_HARBOUR_DAY1 = (
    "A fire destroyed the Quellmoor harbour warehouse on Tuesday, and 37 families of "
    "Quellmoor lost their stores of grain. Harbour master Ivo Drennick said the blaze "
    "started in the 14-metre crane shed. Fire chief Sela Orvang sent 6 engines."
)
_HARBOUR_DAY6 = (
    "Six days after the Quellmoor harbour warehouse fire, Ivo Drennick, the harbour "
    "master, said the 37 families would get new grain stores. Sela Orvang, the fire "
    "chief, found the blaze began in the 14-metre crane shed of Quellmoor harbour."
)


def test_the_run_makes_an_event_split_by_its_window_whole_again() -> None:
    base = datetime(2026, 4, 7, 9, tzinfo=UTC)
    store = MemoryStore()
    store.add(
        [
            stored(Article(text=_HARBOUR_DAY1, id="day1", published=base)),
            stored(Article(text=_HARBOUR_DAY6, id="day6", published=base + timedelta(days=6))),
        ]
    )
    done = {a.article_id: a.story_id for a in StoryClusterer(store).run()}
    assert done["day1"] == done["day6"]  # same figures and names, six days apart
    assert [s.size for s in store.stories()] == [2]
    # without the pass, the 72-hour window keeps them apart
    off = MemoryStore()
    off.add(
        stored(Article(text=t, id=i, published=p))
        for t, i, p in (
            (_HARBOUR_DAY1, "day1", base),
            (_HARBOUR_DAY6, "day6", base + timedelta(days=6)),
        )
    )
    apart = StoryClusterer(off, stories=StoriesConfig(consolidate_similarity=1.0)).run()
    assert len({a.story_id for a in apart}) == 2


def test_the_run_keeps_a_look_alike_with_other_figures_apart() -> None:
    base = datetime(2026, 4, 7, 9, tzinfo=UTC)
    later = (
        "A fire hit the Quellmoor harbour warehouse again, and 12 families of Quellmoor "
        "lost their stores of grain. Harbour master Ivo Drennick said the blaze started "
        "in the 40-metre loading shed. Fire chief Sela Orvang sent 3 engines."
    )
    store = MemoryStore()
    store.add(
        [
            stored(Article(text=_HARBOUR_DAY1, id="first", published=base)),
            stored(Article(text=later, id="second", published=base + timedelta(days=5))),
        ]
    )
    done = {a.article_id: a.story_id for a in StoryClusterer(store).run()}
    assert done["first"] != done["second"]


def test_an_undated_article_never_merges_stories_a_year_apart() -> None:
    base = datetime(2025, 3, 1, 9, tzinfo=UTC)
    year_later = (  # the same names told in other words a year on (no shared text)
        "Quellmoor harbour remembered its warehouse blaze: Ivo Drennick, still harbour "
        "master, met Sela Orvang and 37 families; a 14-metre crane shed now stands there "
        "again, and 6 engines sit ready."
    )
    undated = (  # close to both: before, it joined one and merged the other into it
        "The Quellmoor harbour warehouse blaze: harbour master Ivo Drennick met fire chief "
        "Sela Orvang; 37 families lost grain stores, and the 14-metre crane shed now "
        "stands there again with 6 engines ready."
    )
    store = MemoryStore()
    store.add(
        [
            stored(Article(text=_HARBOUR_DAY1, id="then", published=base)),
            stored(Article(text=year_later, id="now", published=base + timedelta(days=365))),
            stored(Article(text=undated, id="undated")),
        ]
    )
    done = {a.article_id: a.story_id for a in StoryClusterer(store).run()}
    assert done["then"] != done["now"]


def test_an_undated_report_naming_a_later_day_first_still_joins_its_event() -> None:
    base = datetime(2026, 4, 7, 9, tzinfo=UTC)
    undated = (
        "Harbour master Ivo Drennick said the Quellmoor hearing is set for June 30. The "
        "fire destroyed the Quellmoor harbour warehouse on April 7, and 37 families of "
        "Quellmoor lost their grain; fire chief Sela Orvang said it began in the crane shed."
    )
    store = MemoryStore()
    store.add(
        [
            stored(Article(text=_HARBOUR_DAY1, id="dated", published=base)),
            stored(Article(text=undated, id="undated")),
        ]
    )
    clusterer = StoryClusterer(store)
    item = store.get("undated")
    assert item is not None
    assert clusterer.featurizer(item.article).event_monthdays == ((6, 30), (4, 7))
    done = {a.article_id: a.story_id for a in clusterer.run()}
    assert done["dated"] == done["undated"]  # April 7 is in the window, June 30 is not


def test_candidates_read_from_the_store_as_the_window_in_memory(
    synth: SynthCorpus, store: Store
) -> None:
    """``candidates`` (what ``similar`` reads) looks the stories up in the store around
    the article's time instead of loading the window: the same stories either way."""
    from wiretrace.stories.cluster import day_time
    from wiretrace.stories.when import as_utc

    store.add(stored(a) for a in synth.articles)
    clusterer = StoryClusterer(store)
    clusterer.run()
    for article in synth.articles[::7]:
        features = clusterer.featurizer(article)
        clusterer._load_df(features.terms)
        copies = clusterer._copy_links(features)
        when = as_utc(article.published) or day_time(features.event_day)
        kept = clusterer._similar_stories(features, when, copies)
        read = clusterer._similar_stories(features, when, copies, from_store=True)
        assert read == kept, article.id


def test_an_undated_report_that_opens_on_a_past_date_is_made_whole_with_its_event() -> None:
    # the undated copy names a background date first, so its guessed time lies two years
    # before the event and the window kept it apart; the run's last pass merges it back
    base = datetime(2026, 4, 7, 9, tzinfo=UTC)
    undated = (  # the same facts in its own words: no copy link, only the centroid
        "Quellmoor harbour, rebuilt after the storm of March 3, 2024, saw its grain "
        "warehouse burn down, Ivo Drennick, the harbour master, told reporters. The blaze "
        "began in the 14-metre crane shed; Sela Orvang, the fire chief, had 6 engines "
        "there, and 37 Quellmoor families lost their grain."
    )
    store = MemoryStore()
    store.add(
        [
            stored(Article(text=undated, id="undated")),
            stored(Article(text=_HARBOUR_DAY1, id="dated", published=base)),
        ]
    )
    done = {a.article_id: a.story_id for a in StoryClusterer(store).run()}
    assert done["undated"] == done["dated"]
    # a dated article on that past day stays apart: its span is a fact, not a guess
    dated_then = MemoryStore()
    dated_then.add(
        [
            stored(Article(text=undated, id="then", published=datetime(2024, 3, 3, tzinfo=UTC))),
            stored(Article(text=_HARBOUR_DAY1, id="dated", published=base)),
        ]
    )
    apart = {a.article_id: a.story_id for a in StoryClusterer(dated_then).run()}
    assert apart["then"] != apart["dated"]
