"""Language of a text, and what compare does with a pair that is not in English."""

from __future__ import annotations

from wiretrace import FindingKind, compare
from wiretrace.text.language import detect_language

EN = (
    "The harbour board of Lindqvist reopened the northern pier on Monday after a week of "
    "repairs, and the chair said the work had cost about 1.2 million crowns in total."
)
FR = (
    "Le conseil du port de Lindqvist a rouvert lundi la jetée nord après une semaine de "
    "travaux, et la présidente a déclaré que les réparations avaient coûté environ 1,2 "
    "million de couronnes au total, selon un communiqué publié dans la soirée."
)
DE = (
    "Die Hafenbehörde von Lindqvist hat am Montag den Nordpier nach einer Woche der "
    "Reparatur wieder geöffnet, und die Vorsitzende sagte, die Arbeiten hätten etwa 1,2 "
    "Millionen Kronen gekostet, wie es in einer Mitteilung am Abend hieß."
)


def test_languages() -> None:
    assert detect_language(EN) == "en"
    assert detect_language(FR) == "fr"
    assert detect_language(DE) == "de"
    assert detect_language("Pier reopens") == "en"  # too short to tell: English


def test_a_pair_not_in_english_gets_alignment_and_direction_but_no_english_only_kinds() -> None:
    b = FR.replace("Lindqvist a rouvert lundi", "Lindqvist a rouvert mardi").replace(
        "ne semaine", "ne semaine entière"
    )
    result = compare(
        FR + "\n\n" + FR.replace("nord", "sud"), b + "\n\n" + FR.replace("nord", "sud")
    )

    assert result.related and result.alignments
    assert result.languages == ("fr", "fr")
    assert "English-only checks" in result.verdict
    english_only = {
        FindingKind.HEDGE_CHANGED,
        FindingKind.NEGATION_CHANGED,
        FindingKind.ATTRIBUTION_DROPPED,
        FindingKind.ATTRIBUTION_CHANGED,
    }
    assert not {f.kind for f in result.findings} & english_only


def test_a_translated_copy_is_named_as_such() -> None:
    result = compare(EN, FR)

    assert result.languages == ("en", "fr")
    assert "fr" in result.verdict and "translat" in result.verdict
