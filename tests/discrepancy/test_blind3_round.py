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
    assert (K.NUMBER_CHANGED, "three", "two") in found  # "only" is emphasis, no bound
    assert K.HEDGE_CHANGED not in [kind for kind, _, _ in found]


def test_the_same_figure_given_another_noun_is_not_a_change() -> None:
    a = LEAD + "More than 1,200 swimmers signed a letter against the closure, and 40 staff."
    b = LEAD + "More than 1,200 people signed a letter against the closure, and 40 staff."

    assert K.NUMBER_CHANGED not in kinds(a, b)


def test_a_clause_cut_from_a_kept_sentence_is_an_omission_though_its_words_occur_elsewhere() -> (
    None
):
    # every word of the cut clause is somewhere in B, but not in (or next to) the sentence
    # that keeps the rest, nor together in one sentence
    tail = (
        "The baths opened in 1931. The council voted seven to four. The club has 300 "
        "members. Its lease was signed in 2019. A breach of the fire rules closed the baths "
        "for a week in 2021. The town's own pool will open in 2027."
    )
    a = (
        LEAD + "Club chair Ida Brekke said the club had not been told before the vote, in "
        "breach of the council's own agreement with the club.\n\n" + tail + " It is "
        "the town's only agreement of its kind."
    )
    b = (
        LEAD
        + "Club chair Ida Brekke said the club had not been told before the vote.\n\n"
        + tail
        + " It is the town's only agreement of its kind."
    )

    omissions = [f for f in compare(a, b).findings if f.kind is K.OMISSION]

    assert [f.a_text for f in omissions] == [
        "in breach of the council's own agreement with the club"
    ]


def test_a_clause_moved_into_another_sentence_is_not_an_omission() -> None:
    a = (
        LEAD + "Club chair Ida Brekke said the club had not been told before the vote, in "
        "breach of the council's own agreement with the club. The baths opened in 1931."
    )
    b = (
        LEAD + "Club chair Ida Brekke said the club had not been told before the vote. The "
        "baths opened in 1931.\n\nThe club says that silence was a breach of its own "
        "agreement with the council."
    )

    assert K.OMISSION not in kinds(a, b)


def test_a_figure_with_a_thousands_comma_is_not_cut_into_clauses() -> None:
    a = LEAD + "Attendance stood at roughly 37,000 visits a year, the town said."
    b = LEAD + "Attendance was about 37,000 visits a year, the town said."

    assert K.OMISSION not in kinds(a, b)


def test_a_clause_added_to_a_kept_sentence_is_an_unsupported_addition() -> None:
    a = (
        LEAD + "The river Orne rose by a metre overnight. Sandbags were handed out in Brenn.\n\n"
        "More rain is forecast for the weekend."
    )
    b = (
        LEAD + "The river Orne rose by a metre overnight. Sandbags were handed out in Brenn.\n\n"
        "More rain is forecast for the weekend, and the river may flood the old mill at Brenn."
    )

    additions = [f.b_text for f in compare(a, b).findings if f.kind is K.UNSUPPORTED_ADDITION]

    assert additions == ["and the river may flood the old mill at Brenn"]


def test_a_negated_verb_restated_positively_in_a_reworded_stretch_is_a_negation_change() -> None:
    a = (
        LEAD + "The mayor said the town was in talks with two builders to reuse the site but "
        "had not signed any contract."
    )
    b = LEAD + "The mayor said the town had signed a builder to reuse the site."

    found = [(f.kind, f.a_text, f.b_text) for f in compare(a, b).findings]

    assert (K.NEGATION_CHANGED, "not signed", "signed") in found


def test_a_negated_verb_kept_negated_in_other_words_is_not_a_negation_change() -> None:
    a = (
        LEAD + "The mayor said the town was in talks with two builders to reuse the site but "
        "had not signed any contract."
    )
    b = LEAD + "The mayor said the town had yet to sign a builder, and has not signed one."

    assert K.NEGATION_CHANGED not in kinds(a, b)


QUOTE = '"We simply cannot afford to keep the baths open any longer,"'
REST = "\n\nThe baths opened in 1931 and were last repaired in 1998."


def test_a_quote_left_without_its_speaker_is_an_attribution_dropped() -> None:
    a = LEAD + QUOTE + " said Mayor Ida Brekke." + REST
    b = LEAD + QUOTE.replace(',"', '."') + REST

    (finding,) = compare(a, b).findings

    assert finding.kind is K.ATTRIBUTION_DROPPED
    assert finding.a_text is not None and "Ida Brekke" in finding.a_text
    assert finding.b_text is not None and finding.b_text.startswith("We simply cannot")


def test_a_quote_whose_speaker_is_named_in_the_next_sentence_keeps_its_attribution() -> None:
    a = LEAD + QUOTE + " said Mayor Ida Brekke." + REST
    b = LEAD + QUOTE.replace(',"', '."') + " Those were the words of Mayor Brekke." + REST

    assert K.ATTRIBUTION_DROPPED not in kinds(a, b)


def test_a_sentence_split_off_that_restates_a_figure_is_not_an_addition() -> None:
    a = (
        LEAD + "The baths, which draw around 41,000 visits a year, lost 2 million crowns "
        "last year. They opened in 1931."
    )
    b = (
        LEAD + "The baths lost 2 million crowns last year. The pool, which is heated, gets "
        "about 41,000 visitors annually. They opened in 1931."
    )

    assert K.UNSUPPORTED_ADDITION not in kinds(a, b)


def test_an_added_sentence_with_a_figure_of_its_own_is_still_an_addition() -> None:
    a = LEAD + "The baths lost 2 million crowns last year. They opened in 1931."
    b = (
        LEAD + "The baths lost 2 million crowns last year. A new sports hall with "
        "seating for 1,400 spectators will replace them. They opened in 1931."
    )

    additions = [f.b_text for f in compare(a, b).findings if f.kind is K.UNSUPPORTED_ADDITION]

    assert additions == ["A new sports hall with seating for 1,400 spectators will replace them."]


WIRE_LONG = (
    LEAD + "The baths lost 2 million crowns last year, the town said. "
    "The main pool was built in 1931 and the diving tower in 1954. "
    "A sauna was added in 1978 and closed in 2015. "
    "The building is heated by an oil boiler that is due for replacement. "
    "Swimming lessons will move to the school pool in Brenn from March. "
    "The town has not yet decided what to do with the building. "
    "About 60 people signed a petition against the closure."
)


def test_a_condensed_copy_dropping_plain_detail_has_no_omission() -> None:
    b = LEAD + (
        "The baths lost 2 million crowns last year, the town said. Swimming lessons will "
        "move to the school pool in Brenn from March. The town has not yet decided what to "
        "do with the building."
    )

    assert K.OMISSION not in kinds(WIRE_LONG, b)


def test_a_condensed_copy_dropping_a_caveat_has_an_omission() -> None:
    b = LEAD + (
        "The baths lost 2 million crowns last year, the town said. Swimming lessons will "
        "move to the school pool in Brenn from March. About 60 people signed a petition "
        "against the closure."
    )

    omissions = [f.a_text for f in compare(WIRE_LONG, b).findings if f.kind is K.OMISSION]

    assert omissions == ["The town has not yet decided what to do with the building."]


def test_a_belief_stated_as_fact_is_a_hedge_change() -> None:
    a = LEAD + "Engineers believe the roof was weakened by a leak in the 1990s, the town said."
    b = LEAD + "The roof was weakened by a leak in the 1990s, the town said."

    assert kinds(a, b) == [K.HEDGE_CHANGED]


def test_an_intention_stated_as_a_decision_is_a_hedge_change() -> None:
    a = LEAD + "The club said it would consider a legal challenge to the closure."
    b = LEAD + "The club said it would file a legal challenge to the closure."

    assert kinds(a, b) == [K.HEDGE_CHANGED]


def test_a_hedge_word_kept_in_another_form_is_a_negation_change_only() -> None:
    a = LEAD + "The mayor said she did not expect the pool to reopen this year."
    b = LEAD + "The mayor said she expected the pool to reopen this year."

    assert kinds(a, b) == [K.NEGATION_CHANGED]


def test_a_denial_dropped_from_merged_sentences_is_not_a_flipped_polarity() -> None:
    a = (
        LEAD + "The pool's operator, which was not fined, has denied negligence. In a "
        "statement on Monday, it said it had replaced the boiler."
    )
    b = (
        LEAD + "The pool's operator, which was not fined, said in a statement on Monday that "
        "it had replaced the boiler."
    )

    assert K.NEGATION_CHANGED not in kinds(a, b)


def test_a_negation_dropped_before_a_synonym_is_still_a_flipped_polarity() -> None:
    a = LEAD + "The town said the building was not in danger of collapsing this winter."
    b = LEAD + "The town said the building was at risk of collapsing this winter."

    assert kinds(a, b) == [K.NEGATION_CHANGED]


def test_a_share_changed_by_a_third_or_by_half_is_a_changed_figure() -> None:
    a = LEAD + "The town will cut the pool's opening hours by a third from March."
    b = LEAD + "The town will cut the pool's opening hours by half from March."

    (finding,) = compare(a, b).findings
    assert (finding.kind, finding.b_text) == (K.NUMBER_CHANGED, "half")


def test_a_rank_in_a_hyphenated_compound_is_compared_with_ranks() -> None:
    a = LEAD + "The baths were once the country's fifth-largest indoor pool."
    b = LEAD + "The baths were once the country's fourth-largest indoor pool."

    (finding,) = compare(a, b).findings
    assert finding.kind is K.NUMBER_CHANGED


def test_a_unit_written_short_is_the_same_unit() -> None:
    a = LEAD + "The river has moved 4.7 kilometres east of the baths since 1992."
    b = LEAD + "The river has moved 7.4 km east of the baths since 1992."

    (finding,) = compare(a, b).findings
    assert (finding.kind, finding.a_text, finding.b_text) == (K.NUMBER_CHANGED, "4.7", "7.4")


def test_the_same_quantity_in_a_metric_multiple_is_not_a_change() -> None:
    a = LEAD + "A 1.4-gigawatt solar farm will heat the new pool, the town said."
    b = LEAD + "A 1,400-megawatt solar farm will heat the new pool, the town said."

    assert kinds(a, b) == []


def test_a_caveat_replaced_by_an_invented_claim_is_an_omission_and_an_addition() -> None:
    # the two sentences align (they share "roof leaks" and "cause"), loosely
    opening = LEAD + "Water came through the roof twice last winter, flooding the changing rooms. "
    a = opening + "The cause of the roof leaks was not yet known. The baths opened in 1931."
    b = opening + (
        "The roof leaks were caused by a cracked gutter, the Pellmor Post understands. "
        "The baths opened in 1931."
    )

    found = {(f.kind, f.a_text or f.b_text) for f in compare(a, b).findings}

    assert found == {
        (K.OMISSION, "The cause of the roof leaks was not yet known."),
        (
            K.UNSUPPORTED_ADDITION,
            "The roof leaks were caused by a cracked gutter, the Pellmor Post understands.",
        ),
    }


def test_a_sentence_added_after_a_kept_one_is_an_addition_though_they_align_together() -> None:
    a = (
        LEAD + "The baths, among the oldest in the region, drew about 41,000 swimmers last "
        "year. They opened in 1931."
    )
    b = (
        LEAD + "The baths, among the oldest in the region, drew about 41,000 swimmers last "
        "year. Their swimmer numbers have fallen every year since the boiler failed. "
        "They opened in 1931."
    )

    additions = [f.b_text for f in compare(a, b).findings if f.kind is K.UNSUPPORTED_ADDITION]

    assert additions == ["Their swimmer numbers have fallen every year since the boiler failed."]


def test_a_reason_given_with_citing_is_not_a_source() -> None:
    a = (
        LEAD + "Judge Ella Brant let the operator keep its licence, citing its cooperation "
        "with the inspectors."
    )
    b = LEAD + "Judge Ella Brant let the operator keep its licence."

    assert K.ATTRIBUTION_DROPPED not in kinds(a, b)


def test_a_study_that_shows_a_finding_still_sources_it() -> None:
    a = (
        LEAD + "The baths use about three times more energy than in the 1990s, according to "
        "a survey published on Monday."
    )
    b = (
        LEAD + "The baths now use roughly three times as much energy as in the 1990s, a new "
        "survey shows."
    )

    assert K.ATTRIBUTION_DROPPED not in kinds(a, b)


def test_a_state_replaced_by_its_opposite_is_a_negation_change() -> None:
    a = LEAD + "The children's pool, which the town said would stay open, needs new tiles."
    b = LEAD + "The children's pool, which the town said would close, needs new tiles."

    found = [(f.kind, f.a_text, f.b_text) for f in compare(a, b).findings]

    assert found == [(K.NEGATION_CHANGED, "open", "close")]


def test_work_that_continues_or_is_suspended_is_a_negation_change() -> None:
    a = LEAD + "About 40 people work on the new sports hall, which the town said would continue."
    b = LEAD + "Some 40 people work on the new sports hall, which the town said would be suspended."

    assert kinds(a, b) == [K.NEGATION_CHANGED]


def test_a_source_cut_while_another_source_of_the_sentence_stays_is_dropped() -> None:
    a = (
        LEAD + "Engineers at Holt Surveying said the repairs could cost 3 million crowns, "
        "though the town said it expected to share the cost with the county."
    )
    b = (
        LEAD + "The repairs will cost 3 million crowns, though the town said it expected to "
        "share the cost with the county."
    )

    found = [(f.kind, f.a_text) for f in compare(a, b).findings]

    assert (K.ATTRIBUTION_DROPPED, "Holt Surveying said") in found


def test_a_denial_merged_into_its_neighbours_alignment_is_an_omission() -> None:
    a = (
        LEAD + 'None of the swimmers was hurt, lifeguard Tove Marsh said. "The staff did '
        'everything right and the hall was empty in four minutes," Marsh told reporters.'
    )
    b = (
        LEAD + '"The staff did everything right and the hall was empty in four minutes," '
        "lifeguard Tove Marsh told reporters."
    )

    omissions = [f.a_text for f in compare(a, b).findings if f.kind is K.OMISSION]

    assert omissions == ["None of the swimmers was hurt, lifeguard Tove Marsh said."]


def test_a_caveat_clause_with_a_prepositional_before_is_read_whole() -> None:
    a = (
        LEAD + "Engineer Sara Holm said the tests suggested that the roof may be unsafe, "
        "though she said more checks were needed before any final verdict."
    )
    b = LEAD + "Engineer Sara Holm said the tests showed that the roof is unsafe."

    omissions = [f.a_text for f in compare(a, b).findings if f.kind is K.OMISSION]

    assert omissions == ["though she said more checks were needed before any final verdict"]


def test_a_condensed_copy_cutting_the_first_part_of_a_quote_reports_no_trimmed_quote() -> None:
    a = WIRE_LONG + (
        '\n\n"We have looked at every option for the building," said Mayor Ida Brekke. '
        '"Every child in Pellmor should still learn to swim."'
    )
    b = LEAD + (
        "The baths lost 2 million crowns last year, the town said. The town has not yet "
        'decided what to do with the building. "Every child in Pellmor should still learn to '
        'swim," said Mayor Ida Brekke.'
    )

    assert K.QUOTE_TRIMMED not in kinds(a, b)


def test_a_clause_said_in_other_words_is_not_an_addition() -> None:
    a = (
        LEAD + "The town said it had ended its contract with the builder Holt after repeated "
        "delays in finishing the roof and would seek damages. The pool opened in 1931."
    )
    b = (
        LEAD + "The town said it had cancelled its deal with the builder Holt after persistent "
        "hold-ups in completing the roof and would pursue compensation. The pool opened in "
        "1931."
    )

    assert K.UNSUPPORTED_ADDITION not in kinds(a, b)
    assert K.OMISSION not in kinds(a, b)


def test_a_source_cut_with_the_clause_it_closes_is_not_an_attribution_dropped() -> None:
    a = (
        LEAD + "The pool's new roof will be among the lightest in the country this year, but "
        "the town council has not yet decided whether the builder will be paid for next "
        "year's work, a town spokesman said."
    )
    b = (
        LEAD + "The pool's new roof will be among the lightest in the country this year and "
        "all but guarantees the builder a contract for next year's work."
    )

    assert K.ATTRIBUTION_DROPPED not in kinds(a, b)
