"""Findings on the kinds of fault left after the fourth blind set (issue 10, fifth round):
sources dropped around restyled figures, quotes cut by whole clauses, and more. Fictional
texts."""

from __future__ import annotations

from wiretrace import FindingKind, compare
from wiretrace.discrepancy.quotes import quote_breaks, quote_relation, quote_words

K = FindingKind
LEAD = "Dalvik's harbour authority published its quarterly freight figures on Monday.\n\n"
TAIL = "\n\nThe next figures are due at the end of July."


def found(a: str, b: str) -> set[tuple[FindingKind, str | None]]:
    return {(f.kind, f.b_text or f.a_text) for f in compare(a, b).findings}


def kinds(a: str, b: str) -> set[FindingKind]:
    return {f.kind for f in compare(a, b).findings}


def test_a_said_that_source_dropped_around_a_restyled_figure_is_attribution_dropped() -> None:
    # the words before the name describe the source; "14 percent" and "14%" are one figure
    a = (
        LEAD + "Port economist Anja Virtanen said that container traffic fell 14 percent, "
        "the steepest drop in a decade, as two shipping lines moved their calls." + TAIL
    )
    b = (
        LEAD + "Container traffic fell 14%, the steepest drop in a decade, as two shipping "
        "lines moved their calls." + TAIL
    )

    result = compare(a, b).findings

    dropped = [f for f in result if f.kind is K.ATTRIBUTION_DROPPED]
    assert dropped and "Anja Virtanen said" in (dropped[0].a_text or "")


def test_a_trailing_according_to_cut_beside_restyled_figures_is_attribution_dropped() -> None:
    a = (
        LEAD + "Bulk cargo and timber held up better, rising 3.4 percent and 5.2 percent "
        "respectively, according to the authority." + TAIL
    )
    b = LEAD + "Bulk cargo and timber held up better, rising 3.4% and 5.2% respectively." + TAIL

    dropped = [f for f in compare(a, b).findings if f.kind is K.ATTRIBUTION_DROPPED]

    assert dropped and dropped[0].a_text == "according to the authority"


QUOTE = (
    '"The season was long, but it was not a failure. We will be back next spring with a '
    'crew that has learned to win," said coach Marit Lund.'
)


def test_a_whole_clause_cut_from_inside_a_quote_is_a_trimmed_quote() -> None:
    a = LEAD + QUOTE + TAIL
    b = (
        LEAD + '"The season was long. We will be back next spring with a crew that has '
        'learned to win," said coach Marit Lund.' + TAIL
    )

    assert K.QUOTE_TRIMMED in kinds(a, b)
    assert K.QUOTE_ALTERED not in kinds(a, b)


def test_an_end_cut_with_its_determiner_changed_is_a_trimmed_quote() -> None:
    a = LEAD + QUOTE + TAIL
    b = (
        LEAD + '"The season was long, but it was not a failure. We will be back next '
        'spring with this crew," said coach Marit Lund.' + TAIL
    )

    assert K.QUOTE_TRIMMED in kinds(a, b)


def test_words_cut_inside_a_clause_of_a_quote_alter_it() -> None:
    words = quote_words(QUOTE.split('"')[1])
    breaks = quote_breaks(QUOTE.split('"')[1])
    # "with a crew that has learned to win" -> "with a crew": the end, so trimmed;
    # "was long, but it was not a failure" -> "was long, but a failure": inside a clause
    cut_inside = quote_words(
        "The season was long, but a failure. We will be back next spring with a crew "
        "that has learned to win"
    )

    assert quote_relation(words, cut_inside, breaks)[0] == "altered"
    assert quote_relation(words, words[:-5], breaks)[0] == "trimmed"


def test_quote_breaks_are_word_indices_after_punctuation() -> None:
    text = "Yes, we will. Then – later – more"

    assert quote_words(text) == ["yes", "we", "will", "then", "later", "more"]
    assert quote_breaks(text) == frozenset({1, 3, 4, 5})


def test_a_claim_credited_to_another_body_of_the_same_place_is_attribution_changed() -> None:
    a = (
        LEAD + "Freight theft costs the region about 4 million euros a year, according to "
        "the Dalvik Shippers' Association, a figure expected to rise." + TAIL
    )
    b = (
        LEAD + "Freight theft costs the region about 4 million euros a year, according to "
        "the University of Dalvik, a figure expected to rise." + TAIL
    )

    changed = [f for f in compare(a, b).findings if f.kind is K.ATTRIBUTION_CHANGED]

    assert changed and "University of Dalvik" in (changed[0].b_text or "")


def test_reported_speech_moved_from_an_aide_to_the_person_named_in_the_possessive() -> None:
    a = (
        LEAD + "Halvorsen's chief of staff, Petra Lind, said the port would not appeal the "
        "ruling." + TAIL
    )
    b = LEAD + "Halvorsen said the port would not appeal the ruling." + TAIL

    assert K.ATTRIBUTION_CHANGED in kinds(a, b)


def test_a_quote_signed_after_a_dash_on_its_own_line_changes_speaker() -> None:
    quote = '"A quota set in spring will not survive an autumn like this one."'
    a = LEAD + quote + " —Sofie Brandt, chair of the pilots' guild" + TAIL
    b = LEAD + quote + " —Jonas Ek, Dalvik harbour master" + TAIL

    changed = [f for f in compare(a, b).findings if f.kind is K.ATTRIBUTION_CHANGED]

    assert changed
    assert changed[0].a_text == "—Sofie Brandt, chair of the pilots' guild"
    assert changed[0].b_text == "—Jonas Ek, Dalvik harbour master"
