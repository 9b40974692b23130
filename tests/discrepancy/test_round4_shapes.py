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


STRIKE = "Pilots at the airline Corvale voted on Tuesday to strike for two days next week.\n\n"
CLOSE = "\n\nThe airline said it would publish a reduced timetable on Thursday."


def test_a_short_sentence_restating_a_changed_figure_is_a_changed_figure() -> None:
    # too few shared words for the aligner, the same subject and unit
    a = STRIKE + "Turnout was 81 percent.\n\nThe union is seeking 7 percent." + CLOSE
    b = STRIKE + "Turnout stood at 18%.\n\nThe union wants 7%." + CLOSE

    result = found(a, b)

    assert result == {(K.NUMBER_CHANGED, "18%")}


def test_a_figure_restyled_inside_a_quote_is_not_an_alteration() -> None:
    a = STRIKE + '"We offered a raise over twelve years and a 3 per cent bonus," she said.' + CLOSE
    b = STRIKE + '"We offered a raise over a dozen years and a 3% bonus," she said.' + CLOSE

    assert found(a, b) == set()


def test_could_not_is_an_inability_not_a_hedge() -> None:
    a = STRIKE + "The two sides failed to agree on pensions, the mediator said." + CLOSE
    b = STRIKE + "The two sides could not agree on pensions, the mediator said." + CLOSE

    assert found(a, b) == set()


def test_a_century_changed_is_a_date_change() -> None:
    a = STRIKE + "The coins found at the site were minted in the fourth century." + CLOSE
    b = STRIKE + "The coins found at the site were minted in the fifth century." + CLOSE

    assert found(a, b) == {(K.DATE_CHANGED, "fifth")}


def test_a_qualifier_changed_inside_a_quote_is_the_quote_alteration_only() -> None:
    a = STRIKE + '"It will cost us more than 9 million euros," the chief executive said.' + CLOSE
    b = STRIKE + '"It will cost us 9 million euros," the chief executive said.' + CLOSE

    assert {kind for kind, _ in found(a, b)} == {K.QUOTE_ALTERED}


def test_amounts_in_ranges_compounds_and_partitives_keep_their_scale_and_unit() -> None:
    a = (
        STRIKE + "The strike could cost between 12 and 18 million euros, on top of a "
        "6 million-euro fine. Crews are trained at three of the nine bases." + CLOSE
    )
    b = (
        STRIKE + "The strike could cost between €12m and €18m, on top of a €6 million "
        "fine. Crews are trained at three of the bases." + CLOSE
    )

    assert found(a, b) == set()


def test_a_clause_restating_a_figure_in_other_words_is_no_omission_or_addition() -> None:
    a = STRIKE + "The airline, which is 30 percent owned by the state, flies to 40 cities." + CLOSE
    b = STRIKE + "The airline, in which the state holds a 30% stake, flies to 40 cities." + CLOSE

    assert found(a, b) == set()


def test_a_count_written_with_its_unit_in_one_word_is_a_figure() -> None:
    a = STRIKE + "The vote ends a four-year dispute over pensions and rosters." + CLOSE
    b = STRIKE + "The vote ends a five-year dispute over pensions and rosters." + CLOSE
    c = STRIKE + "The vote ends a dispute over pensions that ran over four years." + CLOSE

    assert found(a, b) == {(K.NUMBER_CHANGED, "five-year")}
    # "over four years" is a stretch of time, not "more than four"
    assert K.HEDGE_CHANGED not in {kind for kind, _ in found(a, c)}
