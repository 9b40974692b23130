"""compare on text shapes seen in the field: typesetting, encodings, headlines, datelines,
settings that filter. Fictional fixtures of the kinds in ../shared/fieldcases, and those
cases themselves when ../shared is present."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ftfy  # noqa: F401 - registers the sloppy-windows-1252 codec
import pytest

from wiretrace import BoilerplateReason, CompareConfig, FindingKind, FindingsConfig, compare
from wiretrace.report import comparison_to_dict

K = FindingKind

WIRE = (
    "Harbour bakery wins regional prize\n\n"
    "LINDQVIST, May 3 (Nordpress) - The Corran bakery on Quay Street won the regional "
    "bread prize on Friday, beating 31,200 entries from across the county.\n\n"
    '"Mum\'s recipe hasn\'t changed in 40 years," said owner Ilse Brandt. "We bake '
    'at 4 a.m. - every day..."\n\n'
    "The prize comes with 5,000 crowns & a trophy."
)


def _retypeset(text: str) -> str:
    """The same text as a careless copy-and-paste shows it."""
    out = (
        text.replace("\n", "\r\n")
        .replace("Mum's", "Mum&#8217;s")
        .replace("hasn't", "hasn’t")
        .replace(" & ", " &amp; ")
        .replace("40 years", "40&nbsp;years")
        .replace("31,200", "31\u00a0200")
        .replace("regional", "re\u00adgional")
        .replace('"Mum', "“Mum")
        .replace('years,"', "years,”")
        .replace('"We', "“We")
        .replace('..."', "…”")
        .replace(" - every", " – every")
    )
    return "\ufeff" + out


def test_a_retypeset_copy_is_identical() -> None:
    copy = _retypeset(WIRE)

    result = compare(WIRE, copy)

    assert result.findings == ()
    assert result.verdict == "identical texts"
    for s in result.b.sentences:  # spans point into the copy as read
        assert copy[s.start : s.end] == s.text


def test_a_retypeset_copy_keeps_real_changes_and_their_spans() -> None:
    copy = _retypeset(WIRE).replace("5,000 crowns", "6,000 crowns")

    result = compare(WIRE, copy)

    assert [f.kind for f in result.findings] == [K.NUMBER_CHANGED]
    f = result.findings[0]
    assert f.b_span is not None and copy[f.b_span[0] : f.b_span[1]] == f.b_text
    assert f.b_text is not None and "6,000" in f.b_text


def test_mojibake_is_repaired_not_reported() -> None:
    wire = WIRE.replace("Ilse Brandt", "Åse Øvrebø").replace("Quay", "Sjø")
    garbled = wire.replace("Åse", "Åsa").encode("utf-8").decode("sloppy-windows-1252")

    result = compare(wire, garbled)

    assert [f.kind for f in result.findings] == [K.ENTITY_CHANGED]
    f = result.findings[0]
    assert f.b_text is not None and "Ã…sa" in f.b_text  # the text as read


def test_thousands_with_a_no_break_space() -> None:
    copy = WIRE.replace("31,200", "31\u00a0200").replace("5,000", "5\u202f000")

    assert compare(WIRE, copy).findings == ()


def test_a_headline_is_not_compared_with_body_text() -> None:
    a = "About 1,400 people were evacuated from Kessling on Monday as the river rose."
    b = "1,400 evacuated as river floods\n\n" + a

    result = compare(a, b)

    assert result.findings == ()
    assert result.b.title_span is not None
    assert b[slice(*result.b.title_span)] == "1,400 evacuated as river floods"


def test_a_dateline_after_a_headline_is_boilerplate() -> None:
    result = compare(WIRE, WIRE)

    datelines = [bp for bp in result.a.boilerplate if bp.reason is BoilerplateReason.DATELINE]
    assert [bp.text for bp in datelines] == ["LINDQVIST, May 3 (Nordpress) -"]


def test_min_confidence_only_filters() -> None:
    copy = WIRE.replace("Ilse Brandt", "Ilsa Brandt").replace("31,200", "32,100")
    default = compare(WIRE, copy)
    strict = compare(WIRE, copy, config=CompareConfig(findings=FindingsConfig(min_confidence=0.5)))

    def key(f: Any) -> tuple[object, ...]:
        return (f.kind, f.a_span, f.b_span, f.explanation, f.confidence)

    assert [key(f) for f in strict.findings] == [
        key(f) for f in default.findings if f.confidence >= 0.5
    ]


# ------------------------------------------------------------------ ../shared/fieldcases

FIELDCASES = Path(__file__).resolve().parents[1].parent / "shared" / "fieldcases"
OURS = ("case02", "case08", "case10", "case12", "case13", "case20", "case21", "case23")


def _matches(f: dict[str, Any], want: dict[str, Any]) -> bool:
    a, b = f.get("a_text") or "", f.get("b_text") or ""
    return (
        f["kind"] == want["kind"]
        and want.get("a_text_contains", "") in a
        and want.get("b_text_contains", "") in b
        and ("b_text" not in want or b.strip() == want["b_text"])
    )


def _run(case: Path, a: str, b: str, config: CompareConfig | None = None) -> dict[str, Any]:
    result = compare(case / a, case / b, config=config)
    data: dict[str, Any] = comparison_to_dict(result)
    return data


@pytest.mark.skipif(not FIELDCASES.exists(), reason="../shared/fieldcases is not present")
@pytest.mark.parametrize("name", OURS)
def test_field_case(name: str) -> None:
    case = FIELDCASES / name
    exp = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    out = _run(case, *exp["compare"])
    found = out["findings"]
    if "findings" in exp:
        left = list(found)
        for want in exp["findings"]:
            hit = next((f for f in left if _matches(f, want)), None)
            assert hit is not None, f"missing {want}"
            left.remove(hit)
        assert left == []
    for want in exp.get("must", []):
        assert any(_matches(f, want) for f in found), want
    for ban in exp.get("must_not", []):
        assert not [f for f in found if _matches(f, ban)]
    if "direction_not" in exp:
        assert out["direction"]["source"] != exp["direction_not"]
    for extra in exp.get("also", []):
        assert _run(case, *extra["compare"])["direction"]["source"] == extra["direction"]
    if "boilerplate_a_contains" in exp:
        text = (case / exp["compare"][0]).read_text(encoding="utf-8")
        i = text.find(exp["boilerplate_a_contains"])
        assert any(bp["span"][0] <= i < bp["span"][1] for bp in out["boilerplate"]["a"])
    if "config_subset" in exp:
        config = CompareConfig.from_file(case / exp["config_subset"])
        strict = _run(case, *exp["compare"], config=config)["findings"]

        def key(f: dict[str, Any]) -> tuple[str, ...]:
            return (f["kind"], str(f.get("a_text")), str(f.get("b_text")), f["explanation"])

        assert sorted(map(key, strict)) == sorted(key(f) for f in found if f["confidence"] >= 0.5)


def test_an_outlet_credit_replacing_a_dateline_and_an_editors_note_give_no_findings() -> None:
    body = (
        "The harbour board reopened the northern pier on Monday after a week of repairs, "
        "chair Ilse Brandt said.\n\nRepairs cost 1.2 million crowns."
    )
    a = "LINDQVIST, Norway (Nordpress) - " + body
    b = "(Harbour Daily) - " + body + "\n\nThis story has been updated."

    assert compare(a, b).findings == ()


WIRE_QUOTES = (
    "A ferry capsized off Kessling Point on Saturday, the coastguard said.\n\n"
    '"The sea was running at four metres and the vessel rolled within minutes," '
    "spokeswoman Maren Holloway said.\n\n"
    "The ferry was carrying 41 passengers on the crossing to Vell."
)
REPORTED = (
    "A ferry overturned near Kessling Point on Saturday, coastguard officials said.\n\n"
    "According to spokeswoman Maren Holloway, waves were four metres high and the boat "
    "went over in a matter of minutes.\n\n"
    "The ferry was carrying 41 passengers on the crossing to Vell."
)


def test_reported_speech_made_from_a_quote_is_no_addition() -> None:
    result = compare(WIRE_QUOTES, REPORTED)

    assert K.UNSUPPORTED_ADDITION not in {f.kind for f in result.findings}
    assert result.direction.source != "b"


def test_the_earlier_publication_decides_when_both_times_are_known() -> None:
    from datetime import UTC, datetime

    from wiretrace import Article

    early = datetime(2026, 4, 12, 8, 5, tzinfo=UTC)
    late = datetime(2026, 4, 12, 13, 45, tzinfo=UTC)
    a = Article(text=WIRE_QUOTES, published=early)
    b = Article(text=REPORTED, published=late)

    forward, backward = compare(a, b), compare(b, a)

    assert forward.direction.source == "a" and backward.direction.source == "b"
    assert "earlier text" in forward.direction.reasons[0]
    assert "5 h 40 min" in forward.direction.reasons[0]
