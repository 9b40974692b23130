"""Derivation graphs: planted copy edges found with the right direction, chains kept,
independent reports left as roots, untimed pairs oriented by the compare engine."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.utils.factories import stored
from wiretrace import Article
from wiretrace.corpus import Corpus
from wiretrace.model import DerivationKind, EdgeDirection
from wiretrace.provenance.alignment import PairAlignment, StoryAligner
from wiretrace.provenance.branching import Candidate, Pending, branching, rank
from wiretrace.provenance.graph import (
    derive,
    time_key,
    timeline,
    timeline_order,
)
from wiretrace.store import MemoryStore
from wiretrace.synth import SynthConfig, generate

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def test_planted_edges_are_found_with_their_direction() -> None:
    synth = generate(SynthConfig(num_events=25, distractors=5, seed=4))
    corpus = Corpus(MemoryStore())
    for article in synth.articles:
        corpus.add(article)
    found: set[tuple[str, str]] = set()
    for story in corpus.stories():
        graph = derive(corpus.store.members(story.story_id), compare_edges=False)
        found |= {(e.source_id, e.target_id) for e in graph.edges}
        assert len({e.target_id for e in graph.edges}) == len(graph.edges)  # one parent each
    gold = {(source, copy) for copy, source in synth.derived_from.items()}
    recall = len(found & gold) / len(gold)
    assert recall >= 0.95, recall
    assert not {(t, s) for s, t in found} & gold  # nothing backwards


def test_chain_and_independent_report() -> None:
    base = datetime(2026, 6, 2, 7, tzinfo=UTC)
    wire = (
        "Engineers closed the Velden bridge on Tuesday after inspectors found cracks in two "
        "of its steel supports, the regional roads agency said. About 18,000 vehicles cross "
        "the bridge each day. Traffic will be diverted through Osterholm until at least "
        "Friday, agency director Mila Oren told reporters. 'We will not reopen it until we "
        "are certain it is safe,' Oren said."
    )
    first_copy = wire.replace("told reporters", "said") + " Local shops fear lost trade."
    second_copy = first_copy.replace("18,000", "20,000")
    independent = (
        "Drivers faced long queues around Osterholm as the Velden crossing stayed shut. "
        "Mila Oren of the roads agency gave no date for reopening."
    )
    items = [
        stored(Article(text=second_copy, id="c2", published=base + timedelta(hours=5))),
        stored(Article(text=wire, id="w", published=base)),
        stored(Article(text=independent, id="ind", published=base + timedelta(hours=1))),
        stored(Article(text=first_copy, id="c1", published=base + timedelta(hours=2))),
    ]
    assert [i.id for i in timeline(items)] == ["w", "ind", "c1", "c2"]
    graph = derive(items)
    edges = {(e.source_id, e.target_id) for e in graph.edges}
    assert edges == {("w", "c1"), ("c1", "c2")}  # the copy of the copy hangs under c1
    assert set(graph.roots) == {"w", "ind"} and graph.earliest == "w"
    assert [graph.role(i) for i in ("w", "ind", "c1", "c2")] == [
        "earliest",
        "independent",
        "copy",
        "copy",
    ]
    c2 = next(e for e in graph.edges if e.target_id == "c2")
    assert c2.comparison is not None
    assert any(f.kind.value == "number_changed" for f in c2.comparison.findings)
    assert any("later" in r for r in c2.reasons) and 0.5 < c2.confidence <= 1.0
    assert [i.id for i in graph.lineage_order()] == ["w", "c1", "c2", "ind"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_seed_pair_without_times_is_oriented_by_the_text() -> None:
    corpus = Corpus(MemoryStore())
    for name in ("000_bb4c616f336eea0b.txt", "002_92f1b64a3400c9d2.txt"):  # rewrite first
        text = (SEEDS / name).read_text(encoding="utf-8")
        corpus.add(Article(text=text, id=name.split("_")[0]))
    (story,) = corpus.stories()
    view = corpus.story(story.story_id)
    (edge,) = view.graph.edges
    assert (edge.source_id, edge.target_id) == ("002", "000")
    assert view.graph.earliest == "002"
    fabricated = [q for q in view.quotes if q.new_in_copy]
    assert fabricated and all(q.earliest_id == "000" for q in fabricated)
    trimmed = [v for q in view.quotes for v in q.variants if v.relation == "trimmed"]
    assert trimmed and trimmed[0].article_id == "000"


_WIRE = (
    "The Brannock dam on the Tessel river opened its new spillway on Thursday.\n\n"
    "Engineers from Calder Works spent 14 months widening the channel below the dam.\n\n"
    "The spillway can pass 900 cubic metres of water a second during spring floods.\n\n"
    "Mayor Ilse Varrow of Brannock said the town would no longer fear the thaw.\n\n"
    "The project cost 42 million crowns, shared by the province and the town."
)
_REWRITE_A = (
    "The Brannock dam on the Tessel river has opened its new spillway this Thursday.\n\n"
    "Engineers from Calder Works spent 14 months widening the channel beneath the dam.\n\n"
    "The spillway is able to pass 900 cubic metres of water a second in spring floods.\n\n"
    "Mayor Ilse Varrow of Brannock said the town would not fear the thaw any longer.\n\n"
    "Local anglers worry that the faster water will change the fishing below the weir.\n\n"
    "A footpath along the new channel is planned for the summer, with benches and signs."
)
_REWRITE_B = (
    "Brannock's dam on the Tessel river opened a new spillway on Thursday, officials said.\n\n"
    "Calder Works engineers spent 14 months widening the channel below the old dam.\n\n"
    "The new spillway can pass 900 cubic metres of water each second in spring floods.\n\n"
    "Ilse Varrow, mayor of Brannock, said the town would no longer dread the thaw.\n\n"
    "Residents of the lower valley held a small party on the river bank in the evening.\n\n"
    "The regional rail line, closed by floods last year, reopens next month as well."
)


def test_without_times_the_text_the_others_carry_is_the_source() -> None:
    # both rewrites are longer than the wire (each adds its own sentences), so "the fuller
    # text is the source" would point at them; each carries four fifths of the wire
    members = [
        stored(Article(text=text, id=name))
        for name, text in (("rewrite-a", _REWRITE_A), ("wire", _WIRE), ("rewrite-b", _REWRITE_B))
    ]
    graph = derive(members, compare_edges=False)
    assert graph.parents == {"rewrite-a": "wire", "rewrite-b": "wire"}, graph.edges


#: Publication times as stored: unknown, naive (UTC) or with an offset, often the same
#: instant written in another zone.
_TIMES = st.one_of(
    st.none(),
    st.builds(
        lambda minutes, zone: (
            datetime(2026, 3, 1, 12) + timedelta(minutes=minutes)
            if zone is None
            else (datetime(2026, 3, 1, 12, tzinfo=UTC) + timedelta(minutes=minutes)).astimezone(
                timezone(timedelta(hours=zone))
            )
        ),
        st.integers(-90, 90).map(lambda m: m - m % 30),
        st.one_of(st.none(), st.integers(-12, 14)),
    ),
)


@given(st.lists(_TIMES, max_size=12))
def test_timeline_order_is_time_key_s(times: list[datetime | None]) -> None:
    # the story list's fast path orders as the timeline's key: by instant (a naive time
    # is UTC), unknown last, ties by position
    by_key = sorted(range(len(times)), key=lambda n: time_key(times[n], n))
    assert timeline_order(times) == by_key


@given(
    st.lists(
        st.tuples(
            st.integers(0, 5),  # one end of the pair
            st.integers(0, 5),  # the other
            st.floats(0.05, 1.0),  # weight
            st.booleans(),  # decided
            st.booleans(),  # pending: oriented only when the branching reaches it
            st.booleans(),  # its orientation once resolved: the first end is the source
            st.floats(0.0, 0.3),  # how far below its bound the resolved weight falls
        ),
        max_size=14,
    )
)
def test_pairs_oriented_lazily_give_the_branching_of_pairs_oriented_first(
    rows: list[tuple[int, int, float, bool, bool, bool, float]],
) -> None:
    # a pending pair's candidate ranks no better than its bound; the lazy greedy must take
    # the edges the eager one takes with every pair resolved first
    al = PairAlignment(aligned=3, copy_coverage=0.6, source_coverage=0.6, similarity=0.8)
    seen: set[frozenset[int]] = set()
    eager: list[Candidate] = []
    lazy: list[Candidate | Pending] = []
    for a, b, weight, decided, pending, forward, drop in rows:
        if a == b or frozenset((a, b)) in seen:
            continue
        seen.add(frozenset((a, b)))
        src, dst = (a, b) if forward else (b, a)
        basis = EdgeDirection.INFERRED if decided else EdgeDirection.UNKNOWN
        real = max(0.05, weight - drop)
        cand = Candidate(real, src, dst, 0.5, 0.5, [], DerivationKind.LIGHT_EDIT, al, basis)
        eager.append(cand)
        if not pending:
            lazy.append(cand)
            continue
        bound = min(rank(0.5, weight, True, a, b), rank(0.5, weight, True, b, a))
        lazy.append(Pending(bound, ((a, b), (b, a)), lambda c=cand: c))
    chosen_eager, parent_eager = branching(eager)
    chosen_lazy, parent_lazy = branching(lazy)
    assert parent_lazy == parent_eager
    assert sorted(c.rank for c in chosen_lazy) == sorted(c.rank for c in chosen_eager)


class _Closer:
    """A stand-in for ``StoryAligner.closer_share``: a fixed pseudo-random share (or
    None) for each (copy, first, second)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def closer_share(self, copy: int, first: int, second: int) -> float | None:
        draw = random.Random(hash((self.seed, copy, first, second))).random()
        return None if draw < 0.15 else draw


@given(
    st.lists(
        st.tuples(
            st.integers(0, 6),  # one end of the pair
            st.integers(0, 6),  # the other
            st.sampled_from([0.1, 0.5]),  # containment: alignment only, or shared text
            # weights with the first end as source and the other way, from a few values
            # within the attribution band of each other, so that rivals are weighed
            st.sampled_from([0.5, 0.6, 0.7, 0.8]),
            st.sampled_from([0.5, 0.6, 0.7, 0.8]),
            st.booleans(),  # decided
            st.booleans(),  # pending: oriented only when the branching reaches it
            st.booleans(),  # its orientation once resolved: the first end is the source
        ),
        min_size=8,
        max_size=20,
    ),
    st.integers(0, 2**16),
)
@settings(max_examples=400)
def test_lazy_orientation_gives_the_attributed_branching_of_pairs_oriented_first(
    rows: list[tuple[int, int, float, float, float, bool, bool, bool]], seed: int
) -> None:
    # with sentence attribution, the lazy greedy orients only the pending pairs that may
    # give a rival (or a rival's link) that ``attributed`` weighs; it must still take
    # the edges the eager one takes with every pair oriented first
    al = PairAlignment(aligned=3, copy_coverage=0.6, source_coverage=0.6, similarity=0.8)
    aligner = cast(StoryAligner, _Closer(seed))
    seen: set[frozenset[int]] = set()
    eager: list[Candidate] = []
    lazy: list[Candidate | Pending] = []
    for a, b, contained, w_ab, w_ba, decided, pending, forward in rows:
        if a == b or frozenset((a, b)) in seen:
            continue
        seen.add(frozenset((a, b)))
        src, dst = (a, b) if forward else (b, a)
        basis = EdgeDirection.INFERRED if decided else EdgeDirection.UNKNOWN
        weight = w_ab if forward else w_ba
        cand = Candidate(weight, src, dst, contained, 0.5, [], DerivationKind.SPUN, al, basis)
        eager.append(cand)
        if not pending:
            lazy.append(cand)
            continue
        bound = min(rank(contained, w_ab, True, a, b), rank(contained, w_ba, True, b, a))
        weights = ((contained, w_ab), (contained, w_ba))
        lazy.append(Pending(bound, ((a, b), (b, a)), lambda c=cand: c, weights))
    chosen_eager, parent_eager = branching(eager, aligner)
    chosen_lazy, parent_lazy = branching(lazy, aligner)
    assert parent_lazy == parent_eager
    assert [(c.src, c.dst) for c in chosen_lazy] == [(c.src, c.dst) for c in chosen_eager]
