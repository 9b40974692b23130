"""Acceptance on the founding seed pair (read from ../shared/seeds; skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrace import BoilerplateReason, Comparison, FindingKind, compare

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
WIRE = SEEDS / "002_92f1b64a3400c9d2.txt"
REWRITE = SEEDS / "000_bb4c616f336eea0b.txt"

pytestmark = pytest.mark.skipif(not WIRE.exists(), reason="../shared/seeds is not present")


@pytest.fixture(scope="module")
def result() -> Comparison:
    return compare(WIRE, REWRITE)


def _find(result: Comparison, kind: FindingKind, a: str | None, b: str | None) -> None:
    """Assert a finding of ``kind`` whose A text holds ``a`` and B text holds ``b``."""
    for f in result.findings:
        if f.kind is not kind:
            continue
        if a is not None and (f.a_text is None or a not in f.a_text):
            continue
        if b is not None and (f.b_text is None or b not in f.b_text):
            continue
        # spans point at exactly the reported text
        if f.a_span:
            assert result.a.text[f.a_span[0] : f.a_span[1]] == f.a_text
        if f.b_span:
            assert result.b.text[f.b_span[0] : f.b_span[1]] == f.b_text
        return
    listing = "\n".join(f"{f.kind.value}: {f.a_text!r} | {f.b_text!r}" for f in result.findings)
    pytest.fail(f"no {kind.value} finding with A~{a!r} B~{b!r}; got:\n{listing}")


@pytest.mark.parametrize(
    ("kind", "a", "b"),
    [
        # the hostage renamed
        (FindingKind.ENTITY_CHANGED, "Alexander", "Ruslan"),
        # the relay through news agencies is gone
        (FindingKind.ATTRIBUTION_DROPPED, "news agencies", "Putin said"),
        # the quote loses its first word
        (FindingKind.QUOTE_TRIMMED, "Here we have", "We have"),
        # reported speech turned into a direct quote by the freed hostage
        (FindingKind.QUOTE_FABRICATED, "He thanked Putin", "I want to thank you"),
        # "like brothers" reworded inside the new quote
        (FindingKind.QUOTE_ALTERED, "like brothers", "brothers"),
        # a quoted phrase the wire never quotes
        (FindingKind.QUOTE_FABRICATED, None, "humanitarian gesture"),
        # two unsourced additions
        (FindingKind.UNSUPPORTED_ADDITION, None, "quiet but steady diplomatic engagement"),
        (FindingKind.UNSUPPORTED_ADDITION, None, "restraint on all sides"),
        # three omitted facts
        (FindingKind.OMISSION, "truly done everything possible", None),
        (FindingKind.OMISSION, "grandmother", None),
        (FindingKind.OMISSION, "father was killed", None),
    ],
)
def test_seed_findings(result: Comparison, kind: FindingKind, a: str | None, b: str | None) -> None:
    _find(result, kind, a, b)


def test_seed_two_state_sentence_aligns_not_added(result: Comparison) -> None:
    b_text = result.b.text
    start = b_text.index("two-state")
    assert any(al.b_span[0] <= start < al.b_span[1] for al in result.alignments)
    assert not any(
        f.kind is FindingKind.UNSUPPORTED_ADDITION
        and f.b_span
        and f.b_span[0] <= start < f.b_span[1]
        for f in result.findings
    )


def test_seed_direction(result: Comparison) -> None:
    assert result.direction.source == "a"
    assert result.direction.confidence >= 0.7
    assert result.direction.reasons


def test_seed_boilerplate(result: Comparison) -> None:
    reasons_b = {bp.reason for bp in result.b.boilerplate}
    assert BoilerplateReason.RELATED_LINKS in reasons_b
    assert BoilerplateReason.TITLE_FRAGMENT in reasons_b
    trailing = [
        bp for bp in result.a.boilerplate if bp.reason is BoilerplateReason.TRAILING_HEADLINES
    ]
    assert len(trailing) == 1 and trailing[0].text.count("\n") == 7  # eight headline lines
    # boilerplate is never aligned nor reported
    for bp in result.a.boilerplate:
        for f in result.findings:
            assert not (f.a_span and f.a_span[0] < bp.end and bp.start < f.a_span[1])


@pytest.mark.parametrize(
    "phrase",
    [
        "nearly 500 days",  # same hedge both sides
        "250",  # some / roughly 250
        "October 7, 2023",  # same date
        "Elena",  # same name
        "Sapir Cohen",  # same name
        "fianc",  # fiancee / fiancée
        "February",  # same month
    ],
)
def test_seed_no_false_findings_on_agreed_facts(result: Comparison, phrase: str) -> None:
    for f in result.findings:
        if f.kind in (FindingKind.OMISSION, FindingKind.UNSUPPORTED_ADDITION):
            continue  # whole sentences may contain the phrase for other reasons
        for text in (f.a_text, f.b_text):
            assert text is None or phrase not in text, f"{f.kind.value}: {text!r}"
