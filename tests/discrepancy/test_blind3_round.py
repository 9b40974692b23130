"""Findings on the kinds of fault left after the second blind set, and those the third blind
set showed: a spelled-out count changed next to another changed figure, and more. Fictional
texts."""

from __future__ import annotations

from wiretrace import FindingKind, compare

K = FindingKind
LEAD = "The town of Pellmor said on Tuesday that it would close its old swimming baths.\n\n"


def kinds(a: str, b: str) -> list[FindingKind]:
    return [f.kind for f in compare(a, b).findings]


def test_a_spelled_out_count_changed_beside_another_figure_is_paired_by_its_unit() -> None:
    # "two" stays in B but now counts days, so A's "three days" changed into it
    a = (
        LEAD + "The sports budget will fall by 1.4 million crowns, and two halls, in Brenn "
        "and Asker, will open only three days a week."
    )
    b = (
        LEAD + "The sports budget will fall by 1.8 million crowns, and the Brenn and Asker "
        "halls will open only two days a week."
    )

    found = [(f.kind, f.a_text, f.b_text) for f in compare(a, b).findings]

    assert (K.NUMBER_CHANGED, "1.4 million", "1.8 million") in found
    assert (K.NUMBER_CHANGED, "only three", "only two") in found
    assert K.HEDGE_CHANGED not in [kind for kind, _, _ in found]


def test_the_same_figure_given_another_noun_is_not_a_change() -> None:
    a = LEAD + "More than 1,200 swimmers signed a letter against the closure, and 40 staff."
    b = LEAD + "More than 1,200 people signed a letter against the closure, and 40 staff."

    assert K.NUMBER_CHANGED not in kinds(a, b)
