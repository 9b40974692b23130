"""Findings on the kinds of fault left after the sixth blind set (issue 10, eighth round):
harmless edits flagged and the misses that remained. Fictional texts."""

from __future__ import annotations

from wiretrace import FindingKind, compare

K = FindingKind
LEAD = "The Harlow Bay ferry service resumed on Tuesday after a week of storms.\n\n"
TAIL = "\n\nThe operator runs six crossings a day in winter."


def test_a_kept_sentence_with_a_caveat_clause_cut_reports_the_clause_only() -> None:
    # the pair shares few words overall (a loose rewording), and A has a negation
    # ("without") and a contrast B lacks; the shared run "most crossings were on time"
    # marks one sentence cut, not a sentence replaced by an invented one
    a = (
        LEAD + "Most crossings were on time and left without delay, the operator said, "
        "but three sailings were cancelled." + TAIL
    )
    b = LEAD + "Most crossings were on time and left promptly." + TAIL

    result = compare(a, b).findings

    assert sorted((f.kind, f.a_text) for f in result) == [
        (K.ATTRIBUTION_DROPPED, "the operator said"),
        (K.OMISSION, "but three sailings were cancelled"),
    ]


def test_a_sentence_replaced_by_another_is_still_an_omission_and_an_addition() -> None:
    a = LEAD + "The cause of the engine fault was not yet known." + TAIL
    b = LEAD + "Engineers traced the fault to a worn fuel pump." + TAIL

    kinds = sorted(f.kind for f in compare(a, b).findings)

    assert kinds == [K.OMISSION, K.UNSUPPORTED_ADDITION]
