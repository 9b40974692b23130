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


def test_hedges_carried_by_a_phrase_are_hedge_changes() -> None:
    cases = [
        (
            "The two ports had agreed in principle to share the dredging costs.",
            "The two ports had agreed to share the dredging costs.",
        ),
        (
            "Investigators said the fire bore the hallmarks of an arson attack by a gang.",
            "Investigators said the fire was set in an arson attack by a gang.",
        ),
    ]
    for a, b in cases:
        assert K.HEDGE_CHANGED in kinds(LEAD + a + TAIL, LEAD + b + TAIL), a


def test_the_words_of_a_hedge_phrase_alone_hedge_nothing() -> None:
    a = LEAD + "The plans for the new quay were shown to the council in March." + TAIL
    b = LEAD + "The drawings for the new quay were shown to the council in March." + TAIL

    assert K.HEDGE_CHANGED not in kinds(a, b)


def test_a_plan_restated_as_a_certainty_after_a_reworded_lead_in_is_a_hedge_change() -> None:
    a = (
        LEAD + "Harbour master Jonas Ek said traffic was recovering and that the authority "
        "planned to reopen the north basin in the spring." + TAIL
    )
    b = (
        LEAD + "Harbour master Jonas Ek described traffic as recovering, adding that Dalvik "
        "will reopen the north basin in the spring." + TAIL
    )

    assert K.HEDGE_CHANGED in kinds(a, b)


def test_an_expectation_made_certain_beside_a_cut_clause_is_a_hedge_change() -> None:
    a = (
        LEAD + "He said a new crane near the quay, which has been held up by a dispute with "
        "the supplier, was expected to arrive in 2027." + TAIL
    )
    b = LEAD + "A new crane near the quay will arrive in 2027." + TAIL

    assert K.HEDGE_CHANGED in kinds(a, b)


def test_one_sentence_of_a_long_quote_kept_and_reworded_is_an_altered_quote() -> None:
    a = (
        LEAD + '"If the channel silts up again, some ships could stop calling by winter. We '
        'would rather dredge twice a year than lose the lines that keep this port alive," '
        "Ek told a meeting of shippers." + TAIL
    )
    b = LEAD + '"If the channel silts up again, ships will stop calling by winter," Ek said.' + TAIL

    found_kinds = kinds(a, b)

    assert K.QUOTE_ALTERED in found_kinds
    assert K.QUOTE_FABRICATED not in found_kinds


def test_a_rank_made_a_bare_superlative_is_a_changed_figure() -> None:
    a = LEAD + "Dalvik is the country's second-largest container port by volume." + TAIL
    b = LEAD + "Dalvik is the country's largest container port by volume." + TAIL

    assert K.NUMBER_CHANGED in kinds(a, b)


def test_a_superlative_reworded_keeps_its_rank() -> None:
    a = LEAD + "Dalvik is the country's largest container port by volume." + TAIL
    b = LEAD + "Dalvik is the country's biggest container port by volume." + TAIL

    assert K.NUMBER_CHANGED not in kinds(a, b)


def test_a_short_caveat_cut_from_a_kept_sentence_is_an_omission() -> None:
    a = (
        LEAD + "The ferry company said it would try to move passengers to the late "
        "sailing but could not promise cabins." + TAIL
    )
    b = LEAD + "The ferry company said it would try to move passengers to the late sailing." + TAIL

    omitted = [f.a_text for f in compare(a, b).findings if f.kind is K.OMISSION]

    assert omitted == ["but could not promise cabins"]


def test_a_short_plain_clause_cut_from_a_kept_sentence_is_no_omission() -> None:
    a = (
        LEAD + "The ferry company said it would try to move passengers to the late "
        "sailing, weather permitting." + TAIL
    )
    b = LEAD + "The ferry company said it would try to move passengers to the late sailing." + TAIL

    assert K.OMISSION not in kinds(a, b)
