"""Hypothesis properties of ``compare`` on hostile text: any Unicode (control characters,
right-to-left marks, CJK, emoji, combining marks) mixed into news sentences raises nothing
outside the WiretraceError tree, keeps every span inside its text, and gives the same
result twice (issue 14)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.corpus import CONTROLS, SCRIPTS
from tests.fuzz.harness import check_compare
from tests.utils.texts import BRIDGE, ORCHID

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

PIECES = st.one_of(
    st.sampled_from(BRIDGE + ORCHID),
    st.sampled_from(SCRIPTS),
    st.sampled_from(CONTROLS),
    st.text(st.characters(codec="utf-8"), max_size=60),
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Mn", "So"]), max_size=20),
)
HOSTILE = st.lists(PIECES, min_size=1, max_size=12).map(" ".join)


@PROPERTY
@given(a=HOSTILE, b=HOSTILE)
def test_compare_on_hostile_text_is_safe_exact_and_deterministic(a: str, b: str) -> None:
    assert check_compare(a, b, twice=True) == []


@PROPERTY
@given(a=HOSTILE, cut=st.integers(0, 400))
def test_compare_with_a_truncated_copy(a: str, cut: int) -> None:
    text = " ".join(BRIDGE) + " " + a
    assert check_compare(text, text[: len(text) - cut], twice=False) == []
