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


FERRY_REPORTED = (
    "The Vardo council approved the harbour budget on Monday.\n\nThe ferry company said it "
    "would appeal, arguing that the council had ignored the safety review.\n\nThe new quay "
    "opens in June."
)
FERRY_QUOTED = (
    "The Vardo council approved the harbour budget on Monday.\n\nThe ferry company said it "
    "would appeal. “The council ignored every finding of the safety review, and we will "
    "take this to court,” its chief executive, Maren Holt, said.\n\nThe new quay opens in June."
)
CREDIT = "VARDO, May 3 (Nordwire) - "


def test_a_source_quote_the_copy_gives_as_reported_speech_is_not_fabricated() -> None:
    # B carries the wire's credit dateline: B is the source, and A (the copy) turned
    # its quote into reported speech, a rewrite's usual edit
    result = compare(FERRY_REPORTED, CREDIT + FERRY_QUOTED)

    assert result.direction.source == "b"
    assert K.QUOTE_FABRICATED not in {f.kind for f in result.findings}


def test_a_copy_that_turns_reported_speech_into_a_quote_fabricates_it() -> None:
    result = compare(CREDIT + FERRY_REPORTED, FERRY_QUOTED)

    assert result.direction.source == "a"
    assert K.QUOTE_FABRICATED in {f.kind for f in result.findings}


PORT_A = (
    "The port of Kessby reported record cargo volumes on Thursday.\n\n"
    "Throughput rose by a fifth over the year, the port authority said.\n\n"
    "{frame}\n\n"
    "Freight forwarder Ada Lunn said the gains would not last beyond the spring."
)


def test_a_reservation_of_commentators_reworded_in_place_is_no_omission_or_addition() -> None:
    a = PORT_A.format(frame="Some traders were less upbeat.")
    b = PORT_A.format(frame="Not all economists were convinced, however.")

    kinds = {f.kind for f in compare(a, b).findings}

    assert K.OMISSION not in kinds
    assert K.UNSUPPORTED_ADDITION not in kinds


def test_a_reservation_replaced_by_praise_stays_an_omission_and_an_addition() -> None:
    a = PORT_A.format(frame="Some traders were less upbeat.")
    b = PORT_A.format(frame="Economists praised the figures.")

    kinds = {f.kind for f in compare(a, b).findings}

    assert {K.OMISSION, K.UNSUPPORTED_ADDITION} <= kinds


def test_a_hedge_among_function_words_cut_is_a_hedge_change() -> None:
    a = LEAD + "Engineers said the fault was likely to have begun in the ramp motor." + TAIL
    b = LEAD + "Engineers said the fault began in the ramp motor." + TAIL

    result = compare(a, b).findings

    assert [(f.kind, f.a_text) for f in result] == [(K.HEDGE_CHANGED, "likely")]


def test_a_figure_changed_inside_a_quote_is_one_quote_finding() -> None:
    a = LEAD + "“We carried 4,200 passengers on the first day,” the operator said." + TAIL
    b = LEAD + "“We carried 2,400 passengers on the first day,” the operator said." + TAIL

    result = compare(a, b).findings

    assert [f.kind for f in result] == [K.QUOTE_ALTERED]


def test_a_figure_changed_in_reported_speech_is_a_number_change() -> None:
    a = LEAD + "The operator said it carried 4,200 passengers on the first day." + TAIL
    b = LEAD + "The operator said it carried 2,400 passengers on the first day." + TAIL

    assert [f.kind for f in compare(a, b).findings] == [K.NUMBER_CHANGED]


def test_a_denial_merged_into_the_next_passage_and_stated_plainly_is_a_flip() -> None:
    a = (
        LEAD + "The Dockers' Guild, which represents most crews, said it would contest the "
        "timetable. Its chair, Ivo Brandt, said the guild had been given no notice. "
        "“We read about it in the paper like everyone else,” Brandt said." + TAIL
    )
    b = (
        LEAD + "The Dockers' Guild, which said it had been given notice of the change, vowed "
        "to contest the timetable. “We read about it in the paper like everyone else,” "
        "said guild chair Ivo Brandt." + TAIL
    )

    result = compare(a, b).findings

    flips = [f for f in result if f.kind is K.NEGATION_CHANGED]
    assert [(f.a_text, f.b_text) for f in flips] == [("no notice", "notice")]
    assert K.OMISSION not in {f.kind for f in result}


def test_a_modal_swapped_with_the_not_that_flips_its_verb_is_one_negation_change() -> None:
    a = LEAD + "The operator warned that fares could be higher next year." + TAIL
    b = LEAD + "The operator said that fares would not be higher next year." + TAIL

    assert [f.kind for f in compare(a, b).findings] == [K.NEGATION_CHANGED]


def test_a_hedge_and_a_flip_in_two_clauses_are_two_changes() -> None:
    a = (
        LEAD + "The harbour master said the pier was still not safe and that the swell "
        "would ease only on Friday." + TAIL
    )
    b = (
        LEAD + "The harbour master said the pier was now safe and that the swell was "
        "expected to ease only on Friday." + TAIL
    )

    kinds = sorted(f.kind for f in compare(a, b).findings)

    assert kinds == [K.HEDGE_CHANGED, K.NEGATION_CHANGED]


FERRY = [
    "The Harlow Bay ferry service resumed on Tuesday after a week of storms.",
    "The operator said all six vessels had passed their safety checks.",
    "Harbour staff cleared debris from the ramps over the weekend.",
    "Passenger numbers are expected to recover by the end of the month.",
    "The town council will review the winter timetable in March.",
    "Inspectors could impose fines of up to 20,000 crowns if safety faults were found.",
]


def test_a_loose_pair_far_out_of_order_is_an_omission_and_an_addition() -> None:
    # the dropped last sentence and the new third one share a topic word ("fines",
    # "fined"); paired across two other passages they are no rewording of each other
    new = "The operator has been fined twice before over safety faults."
    b = [*FERRY[:2], new, *FERRY[2:5]]

    result = compare("\n\n".join(FERRY), "\n\n".join(b)).findings

    assert {(f.kind, f.a_text or f.b_text) for f in result} == {
        (K.UNSUPPORTED_ADDITION, new),
        (K.OMISSION, FERRY[5]),
    }


def test_a_month_changed_beside_a_kept_month_is_a_date_change() -> None:
    a = LEAD + "The winter timetable runs between November and February." + TAIL
    b = LEAD + "The winter timetable runs between November and April." + TAIL

    result = compare(a, b).findings

    assert [(f.kind, f.a_text, f.b_text) for f in result] == [(K.DATE_CHANGED, "February", "April")]


def test_a_place_replaced_where_the_passage_still_names_it_once_is_a_name_change() -> None:
    a = LEAD + "The Kessby harbour board fined the operator, a tribunal in Kessby ruled." + TAIL
    b = LEAD + "The Kessby harbour board fined the operator, a tribunal in Dunmore ruled." + TAIL

    result = compare(a, b).findings

    assert [(f.kind, f.a_text, f.b_text) for f in result] == [
        (K.ENTITY_CHANGED, "Kessby", "Dunmore")
    ]


def test_a_clause_added_to_a_kept_sentence_with_one_known_word_is_an_addition() -> None:
    a = LEAD + "It is also offering a bonus of 2,000 euros to deckhands from other ports." + TAIL
    b = (
        LEAD + "It is also offering a bonus of 2,000 euros to deckhands from other ports, "
        "and is weighing replacing some ferries with buses." + TAIL
    )

    result = compare(a, b).findings

    assert [(f.kind, f.b_text) for f in result] == [
        (K.UNSUPPORTED_ADDITION, "and is weighing replacing some ferries with buses")
    ]


def test_a_source_cut_from_between_two_clauses_points_at_both_in_b() -> None:
    a = (
        LEAD + "About 300 crew members will strike at Kessby, Dunmore and the Harlow depot, "
        "the guild said, in the first stoppage of its kind since 1998." + TAIL
    )
    b = (
        LEAD + "About 300 crew members will strike at Kessby, Dunmore and the Harlow depot, "
        "in the first stoppage of its kind since 1998." + TAIL
    )

    dropped = [f for f in compare(a, b).findings if f.kind is K.ATTRIBUTION_DROPPED]

    assert [f.a_text for f in dropped] == ["the guild said"]
    assert "first stoppage" in (dropped[0].b_text or "")
    assert "Harlow depot" in (dropped[0].b_text or "")
