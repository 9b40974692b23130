"""The textual vote on which of two untimed copies is the source: each cue alone, the
undecided verdict, and what the derivation graph says with it (fictional texts)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.utils.factories import stored
from wiretrace import Article
from wiretrace.compare import prepare
from wiretrace.model import DerivationKind, EdgeDirection
from wiretrace.provenance.alignment import MIN_SIMILARITY, PairAlignment, StoryAligner
from wiretrace.provenance.branching import Candidate, branching
from wiretrace.provenance.graph import (
    DIRECTION_UNKNOWN,
    _arrow,
    derive,
)
from wiretrace.provenance.vote import (
    CARRIED_WEIGHT,
    CREDIT_WEIGHT,
    DECISION_MARGIN,
    FIGURES_WEIGHT,
    TOLL_WEIGHT,
    UPDATE_NOTE_WEIGHT,
    WIRE_CREDIT_WEIGHT,
    Vote,
    credits,
    figures,
    outlet_key,
    swapped_rarity,
    toll_shift,
    tolls,
    update_note,
    vote,
    wire_credits,
)

_FERRY = [
    "The ferry Marrow Star ran aground off Keldholm island early on Saturday.",
    "All 212 passengers and 14 crew were taken ashore by lifeboats within three hours.",
    "The coast guard said the ship had left the harbour at Brask at 5:40 a.m.",
    "Divers found a gash of about 6 metres in the hull below the waterline.",
    "The operator, Northsound Lines, cancelled its other crossings until Monday.",
]
WIRE = "BRASK (Tidewire) — " + " ".join(_FERRY)
#: The same sentences, without the credit dateline, lightly edited.
REWRITE = " ".join(s.replace("early on", "on") for s in _FERRY)
#: A synonym spinner's copy: every sentence in order, common words swapped for rarer ones.
SPUN = (
    "The ferry Marrow Star ran aground off Keldholm isle at dawn upon Saturday. "
    "Every 212 voyagers plus 14 mariners were conveyed ashore through lifeboats within "
    "three hours. The coastguard stated this vessel possessed departed the haven at Brask "
    "at 5:40 a.m. Frogmen discovered one laceration of roughly 6 metres within the hull "
    "beneath the waterline. The operator, Northsound Lines, rescinded its remaining "
    "crossings till Monday."
)
PLAIN = " ".join(_FERRY)


def _aligner(*texts: str) -> StoryAligner:
    return StoryAligner([prepare(Article(text=t)) for t in texts])


def test_a_credit_in_place_of_the_dateline_is_not_the_wire_s() -> None:
    # a copy that opens with the agency's name where the place was credits its source
    credited = "(Tidewire) – " + PLAIN
    aside = "The Port Agency (PA) - which runs Brask harbour - said little. " + PLAIN
    assert wire_credits(prepare(Article(text=credited))) == 0
    assert wire_credits(prepare(Article(text=aside))) == 0
    assert wire_credits(prepare(Article(text="Brask, May 3 (Tidewire): " + PLAIN))) == 1


def test_wire_credit_dateline_marks_the_wire() -> None:
    aligner = _aligner(REWRITE, WIRE)
    assert wire_credits(aligner.docs[1]) == 1 and wire_credits(aligner.docs[0]) == 0
    verdict = vote(aligner, 0, 1, carried=(0.0, 0.0), compared=(None, 0.0))
    assert verdict.score <= -WIRE_CREDIT_WEIGHT and verdict.decided
    assert "the second text keeps the wire's credit dateline" in verdict.reasons[0]


def test_a_condensed_copy_keeps_a_part_of_the_figures() -> None:
    condensed = " ".join(_FERRY[:2])
    aligner = _aligner(PLAIN, condensed)
    assert {"212", "14", "6"} <= figures(aligner.docs[0])
    verdict = vote(aligner, 0, 1, carried=(0.0, 0.0), compared=(None, 0.0))
    assert verdict.score == FIGURES_WEIGHT
    assert "the first text has more figures" in verdict.reasons[0]
    # half a vote alone: an update adds later figures as often as a copy drops them
    assert not verdict.decided


def test_a_page_that_says_it_was_revised_is_the_later_version() -> None:
    noted = "This story has been updated with new developments. " + REWRITE
    aligner = _aligner(noted, PLAIN)
    assert update_note(aligner.docs[0]) and not update_note(aligner.docs[1])
    verdict = vote(aligner, 0, 1, carried=(0.0, 0.0), compared=(None, 0.0))
    assert verdict.score == -UPDATE_NOTE_WEIGHT and verdict.decided
    assert "the first text says its page was revised" in verdict.reasons[0]
    assert update_note(prepare(Article(text=PLAIN + "\n\nEditor's note: times corrected.")))
    # a page's own time stamp is the source's: copies drop it
    assert not update_note(prepare(Article(text="09:12 GMT (updated at 10:42 GMT)\n" + PLAIN)))
    # a story that merely mentions an update of something else is no note
    assert not update_note(prepare(Article(text="The operator updated its timetable. " + PLAIN)))


def test_the_text_the_other_articles_carry_wins() -> None:
    aligner = _aligner(PLAIN, REWRITE)
    verdict = vote(aligner, 0, 1, carried=(0.1, 1.2), compared=(None, 0.0))
    assert verdict.score == -CARRIED_WEIGHT, verdict
    assert "carry more of the second text (1.20 against 0.10)" in verdict.reasons[0]


def test_a_spun_copy_uses_rarer_words() -> None:
    aligner = _aligner(PLAIN, SPUN)
    shift = swapped_rarity(aligner, 0, 1)
    assert shift is not None and shift > 0.2, shift
    verdict = vote(aligner, 0, 1, carried=(0.0, 0.0), compared=(None, 0.0))
    assert any("swaps words for rarer ones" in r and "second" in r for r in verdict.reasons)


def test_weak_evidence_leaves_the_direction_undecided() -> None:
    aligner = _aligner(PLAIN, REWRITE)
    verdict = vote(aligner, 0, 1, carried=(0.0, 0.0), compared=("a", 0.3))
    assert verdict.reasons == () and not verdict.decided
    assert abs(verdict.score) < DECISION_MARGIN


def test_graph_names_the_source_by_its_credit_dateline() -> None:
    members = [stored(Article(text=t, id=n)) for n, t in (("rewrite", REWRITE), ("wire", WIRE))]
    graph = derive(members, compare_edges=False)
    assert graph.parents == {"rewrite": "wire"}
    assert "credit dateline" in " ".join(graph.edges[0].reasons)
    assert graph.edges[0].direction is EdgeDirection.INFERRED


def test_publication_times_make_the_direction_known() -> None:
    # the times overrule the credit dateline's lean: the earlier text is the source
    members = [
        stored(Article(text=REWRITE, id="rewrite", published=datetime(2026, 3, 2, 8, tzinfo=UTC))),
        stored(Article(text=WIRE, id="wire", published=datetime(2026, 3, 2, 9, tzinfo=UTC))),
    ]
    graph = derive(members, compare_edges=False)
    assert graph.parents == {"wire": "rewrite"}
    assert graph.edges[0].direction is EdgeDirection.KNOWN


def test_graph_says_when_the_direction_is_unknown() -> None:
    # the same text twice but for one word: no cue points either way
    twin = PLAIN.replace("cancelled", "called off")
    members = [stored(Article(text=t, id=n)) for n, t in (("one", PLAIN), ("two", twin))]
    graph = derive(members, compare_edges=False)
    assert len(graph.edges) == 1
    assert any(r.startswith(DIRECTION_UNKNOWN) for r in graph.edges[0].reasons)
    assert graph.edges[0].direction is EdgeDirection.UNKNOWN


def test_independent_reports_chain_too_loosely_to_be_copies() -> None:
    # two sentences on a chain that only just pass the sentence threshold: shared names
    loose = PairAlignment(aligned=2, copy_coverage=0.4, source_coverage=0.3, similarity=0.58)
    close = PairAlignment(aligned=2, copy_coverage=0.4, source_coverage=0.3, similarity=0.72)
    assert not loose.is_copy and close.is_copy
    assert MIN_SIMILARITY == 0.60


def test_a_close_chain_needs_less_of_the_text() -> None:
    # two paragraphs copied nearly word for word into a longer page of its own: a close
    # chain covering 14% of each text is a copy; a loose one covering as much is not
    close = PairAlignment(aligned=2, copy_coverage=0.14, source_coverage=0.15, similarity=0.72)
    loose = PairAlignment(aligned=2, copy_coverage=0.14, source_coverage=0.15, similarity=0.68)
    thin = PairAlignment(aligned=2, copy_coverage=0.10, source_coverage=0.11, similarity=0.9)
    assert close.is_copy and not loose.is_copy and not thin.is_copy


def _candidate(weight: float, src: int, dst: int, *, decided: bool) -> Candidate:
    al = PairAlignment(aligned=3, copy_coverage=0.6, source_coverage=0.6, similarity=0.8)
    basis = EdgeDirection.INFERRED if decided else EdgeDirection.UNKNOWN
    return Candidate(weight, src, dst, 0.1, 0.1, [], DerivationKind.SPUN, al, basis)


def test_a_known_direction_wins_a_tie_against_an_unknown_one() -> None:
    # article 2 has two parents of nearly equal weight: the sibling 0 (arrow unknown,
    # earlier in the timeline) and its source 1 (direction decided by the text)
    chosen, parent = branching(
        [_candidate(0.504, 0, 2, decided=False), _candidate(0.495, 1, 2, decided=True)]
    )
    assert parent == {2: 1} and len(chosen) == 1
    # a clearly heavier unknown candidate still wins
    _, parent = branching(
        [_candidate(0.60, 0, 2, decided=False), _candidate(0.40, 1, 2, decided=True)]
    )
    assert parent == {2: 0}


def test_an_unknown_direction_follows_the_cues_lean_else_the_fuller_text() -> None:
    docs = [prepare(Article(text=t)) for t in (" ".join(_FERRY[:2]), PLAIN)]
    lean = Vote(-0.5, ("the second text has more figures the other lacks (3 against 0)",))
    src, dst, why = _arrow(lean, 0, 1, docs)
    assert (src, dst) == (1, 0)
    assert why[0].startswith(f"{DIRECTION_UNKNOWN}: no publication times")
    assert "score 0.5 of the 1.0 needed" in why[0]
    assert "drawn the way they lean: the source has more figures" in why[0]
    src, dst, why = _arrow(Vote(0.0, ()), 0, 1, docs)
    assert (src, dst) == (1, 0) and why[0].endswith("drawn from the fuller text")
    src, dst, why = _arrow(
        Vote(1.5, ("the first text keeps the wire's credit dateline",)), 0, 1, docs
    )
    assert (src, dst) == (0, 1) and why[0].startswith("no publication times; textual cues")


def test_an_outlet_is_credited_by_its_registrable_name() -> None:
    # parametrized by hand: a subdomain, a plain domain, a name, a name too short
    assert outlet_key("english.tidewaterherald.co.uk") == "tidewaterherald"
    assert outlet_key("brasknews.com") == "brasknews"
    assert outlet_key("The Tidewater Herald") == "thetidewaterherald"
    assert outlet_key("kbr.tv") is None and outlet_key(None) is None
    assert outlet_key("people.cn") is None  # a common word: "People" opens sentences


def test_a_copy_credits_its_source_by_name_or_in_the_dateline_s_stead() -> None:
    source = prepare(Article(text=PLAIN, outlet="tidewaterherald.com"))
    named = prepare(Article(text=PLAIN + " Reported by Tidewater Herald.", outlet="ferrynow.net"))
    lower = prepare(Article(text=PLAIN + " The tidewater herald fleet.", outlet="ferrynow.net"))
    in_place = prepare(Article(text="(Tidewire) – " + PLAIN, outlet="ferrynow.net"))
    assert credits(named, source) and credits(in_place, source)
    assert not credits(lower, source) and not credits(source, named)
    # the name's words must stand together: "Tidewater" here and "Herald" there are not it
    apart = prepare(
        Article(text="Tidewater crews worked. " + PLAIN + " Herald Street shut.", outlet="x.net")
    )
    assert not credits(apart, source)
    aligner = StoryAligner([source, named])
    verdict = vote(aligner, 0, 1, carried=(0.0, 0.0), compared=(None, 0.0))
    assert verdict.score >= CREDIT_WEIGHT and verdict.decided, verdict
    assert "the second text credits a source" in verdict.reasons[0]


def test_graph_names_the_source_the_copy_credits() -> None:
    members = [
        stored(
            Article(text=PLAIN + " Reported by Tidewater Herald.", id="copy", outlet="ferrynow.net")
        ),
        stored(Article(text=PLAIN, id="herald", outlet="tidewaterherald.com")),
    ]
    graph = derive(members, compare_edges=False)
    assert graph.parents == {"copy": "herald"}
    assert graph.edges[0].direction is EdgeDirection.INFERRED
    assert "the copy credits a source" in " ".join(graph.edges[0].reasons)


def test_a_write_through_that_raises_the_toll_is_the_later_version() -> None:
    early = (
        "At least 9 people were killed and 40 were injured when the ferry Marrow Star ran "
        "aground off Keldholm island on Saturday. The coast guard said the ship had left the "
        "harbour at Brask at 5:40 a.m. Divers found a gash of about 6 metres in the hull."
    )
    update = (
        "At least 14 people were killed and 52 were injured when the ferry Marrow Star ran "
        "aground off Keldholm island on Saturday, officials said. The coast guard said the "
        "ship had left the harbour at Brask at 5:40 a.m. Divers found a gash of about 6 "
        "metres in the hull. The operator cancelled its other crossings."
    )
    assert tolls("the death toll rose to 72") == {"dead": 72}
    assert tolls("10 earthquakes of magnitude 6 struck") == {}
    aligner = _aligner(update, early)
    assert toll_shift(aligner, 0, 1) == -2  # dead and injured, both lower on the second
    verdict = vote(aligner, 0, 1, carried=(0.0, 0.0), compared=(None, 0.0))
    assert verdict.score <= -TOLL_WEIGHT + 0.5 and verdict.decided
    assert any("the first text gives a higher toll" in r for r in verdict.reasons)
