"""The detector registry: one detector per family, each kind owned by one family."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from tests.utils.factories import make_document
from wiretrace import Finding, FindingFamily, FindingKind
from wiretrace.align import SentenceAligner
from wiretrace.discrepancy import Context, detect_findings, extract_quotes
from wiretrace.discrepancy.detect import DETECTORS
from wiretrace.discrepancy.detectors.base import make_sides
from wiretrace.discrepancy.mentions import names
from wiretrace.text.analysis import analyze

WIRE = (
    "The council approved 42 new homes on Monday. "
    "Mayor Ilse Varga said the plan may pass next year."
)
COPY = (
    "The council approved 24 new homes on Tuesday. "
    "Mayor Ilse Varga said the plan will pass next year."
)


def _inputs(a: str, b: str):  # type: ignore[no-untyped-def]
    da, db = make_document(a), make_document(b)
    an_a, an_b = analyze(da), analyze(db)
    alignments = SentenceAligner().align(an_a, an_b)
    return an_a, an_b, alignments, extract_quotes(da), extract_quotes(db)


def test_every_kind_has_a_family_and_every_family_a_detector() -> None:
    families = [d.family for d in DETECTORS]

    assert sorted(families) == sorted(FindingFamily)
    assert {k.family for k in FindingKind} == set(FindingFamily)
    assert DETECTORS[-1].family is FindingFamily.COVERAGE  # it reads the others' findings


def test_each_detector_reports_only_its_family() -> None:
    found = detect_findings(*_inputs(WIRE, COPY), detectors=DETECTORS)

    assert {f.kind for f in found} >= {
        FindingKind.NUMBER_CHANGED,
        FindingKind.DATE_CHANGED,
        FindingKind.HEDGE_CHANGED,
    }
    for detector in DETECTORS:
        alone = detect_findings(*_inputs(WIRE, COPY), detectors=(detector,))
        assert all(f.kind.family is detector.family for f in alone)


class _EveryYear:
    """A detector added from outside: reports nothing but sees the earlier findings."""

    family: ClassVar[FindingFamily] = FindingFamily.NUMBERS_AND_DATES
    seen: ClassVar[list[int]] = []

    def detect(self, ctx: Context, earlier: Sequence[Finding]) -> list[Finding]:
        self.seen.append(len(earlier))
        return []


def test_a_new_detector_only_needs_the_interface() -> None:
    detectors = (*DETECTORS[:-1], _EveryYear(), DETECTORS[-1])

    with_extra = detect_findings(*_inputs(WIRE, COPY), detectors=detectors)

    assert with_extra == detect_findings(*_inputs(WIRE, COPY))
    assert _EveryYear.seen and _EveryYear.seen[-1] >= 3


def test_name_mentions_depend_on_the_pair_not_on_the_pairs_compared_before() -> None:
    # "Hope" opens a sentence of A: a name when the other text capitalises it
    # mid-sentence, not when it writes "hope" in lower case; A's analysis is shared by
    # both comparisons (as a story's compares share it), and its kept mentions must
    # follow each pair's context
    an_a = analyze(make_document("Hope Marlow opened the bridge. Hope rose in the town."))
    lower = analyze(make_document("There was little hope in the town that day."))
    proper = analyze(make_document("The mayor thanked Hope for the bridge."))
    fresh = analyze(make_document("Hope Marlow opened the bridge. Hope rose in the town."))
    for other in (lower, proper, lower):
        sa, _ = make_sides(an_a, other, (), ())
        sf, _ = make_sides(fresh, other, (), ())
        got = sa.names(range(2))
        assert got == names_of(fresh, sf.name_context)
    sa, _ = make_sides(an_a, proper, (), ())
    sl, _ = make_sides(an_a, lower, (), ())
    assert len(sa.names([1])) == 1 and sl.names([1]) == []


def names_of(an, context):  # type: ignore[no-untyped-def]
    return [m for i in range(2) for m in names(an.tokens[i], an.doc.text, *context)]
