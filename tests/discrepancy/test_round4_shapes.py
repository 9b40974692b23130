"""Findings on the kinds of fault left after the third blind set (issue 10, fourth round):
a caveat replaced by another claim inside a kept sentence, and more. Fictional texts."""

from __future__ import annotations

from wiretrace import FindingKind, compare

K = FindingKind
LEAD = "The Vessany rowing club won the regional eights title on Saturday.\n\n"
TAIL = "\n\nThe club was founded in 1907 and trains on the lower river."


def found(a: str, b: str) -> set[tuple[FindingKind, str | None]]:
    return {(f.kind, f.b_text or f.a_text) for f in compare(a, b).findings}


def test_a_caveat_replaced_by_a_claim_inside_a_kept_sentence_is_an_addition() -> None:
    a = (
        LEAD + "The crew's time would rank among the best in the country this season, but "
        "the national body has not yet decided whether it will send them to next "
        "summer's European championships." + TAIL
    )
    b = (
        LEAD + "The crew's time ranks among the best in the country this season and all "
        "but guarantees them a seat at next summer's European championships." + TAIL
    )

    result = found(a, b)

    assert (
        K.UNSUPPORTED_ADDITION,
        "guarantees them a seat at next summer's European championships",
    ) in result


def test_a_negation_reworded_without_a_new_claim_is_no_addition() -> None:
    a = (
        LEAD + "The crew's time would rank among the best in the country this season, but "
        "the national body has not yet decided whether it will send them to next "
        "summer's European championships." + TAIL
    )
    b = (
        LEAD + "The crew's time would rank among the best in the country this season, but "
        "the national body is still weighing whether it will send them to next "
        "summer's European championships." + TAIL
    )

    assert K.UNSUPPORTED_ADDITION not in {kind for kind, _ in found(a, b)}
