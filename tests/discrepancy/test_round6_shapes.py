"""Findings on the kinds of fault the fifth blind set showed (issue 10, sixth round): a
speaker named in an apposition, a speaker swap reported once, and more. Fictional texts."""

from __future__ import annotations

from tests.utils.factories import make_document
from wiretrace import FindingKind, compare
from wiretrace.discrepancy.quotes import extract_quotes

K = FindingKind
LEAD = "The Tessmoor water board met on Thursday to discuss the winter pipe repairs.\n\n"
TAIL = "\n\nThe board meets again in three weeks."


def kinds(a: str, b: str) -> set[FindingKind]:
    return {f.kind for f in compare(a, b).findings}


def test_a_speaker_named_in_an_apposition_after_the_quote_is_read() -> None:
    for text, speaker in (
        (
            '"The pipes under the old town are older than anyone here," the board\'s chief '
            "engineer, Ragna Solberg, said.",
            "Ragna Solberg",
        ),
        (
            '"The pipes under the old town are older than anyone here," said the board\'s '
            "deputy chair, Ivo Marten.",
            "Ivo Marten",
        ),
    ):
        quotes = extract_quotes(make_document(LEAD + text + TAIL))
        assert [q.speaker for q in quotes] == [speaker]


def test_a_quote_given_to_another_official_in_an_apposition_is_one_attribution_change() -> None:
    quote = '"We will fix the worst streets first and the rest by spring,"'
    a = LEAD + quote + " the board's chief engineer, Ragna Solberg, said." + TAIL
    b = LEAD + quote + " said the board's finance director, Ivo Marten." + TAIL

    result = compare(a, b).findings

    assert [f.kind for f in result] == [K.ATTRIBUTION_CHANGED]
    assert "Ragna Solberg" in (result[0].a_text or "")
    assert "Ivo Marten" in (result[0].b_text or "")


def test_a_speaker_swap_is_not_also_a_name_change() -> None:
    a = LEAD + '"Nobody will be left without water," said Ragna Solberg.' + TAIL
    b = LEAD + '"Nobody will be left without water," said Ivo Marten.' + TAIL

    assert kinds(a, b) == {K.ATTRIBUTION_CHANGED}


def test_a_name_misspelt_at_every_mention_is_one_name_change() -> None:
    a = (
        LEAD + "Engineer Oskar Lindqvall led the survey of the old mains.\n\n"
        "Lindqvall found eleven cracked joints near the market square." + TAIL
    )
    b = (
        LEAD + "Engineer Oskar Lindgrell led the survey of the old mains.\n\n"
        "Lindgrell found eleven cracked joints near the market square." + TAIL
    )

    names = [f for f in compare(a, b).findings if f.kind is K.ENTITY_CHANGED]

    assert len(names) == 1
    assert "Oskar Lindqvall" in (names[0].a_text or "")


def test_a_plain_space_between_groups_of_three_digits_separates_thousands() -> None:
    a = LEAD + "The board will replace 148,000 metres of pipe, about 12,500 of them cast iron."
    b = LEAD + "The board will replace 148 000 metres of pipe, about 12 500 of them cast iron."

    assert compare(a, b).findings == ()


def test_a_year_written_with_a_part_of_it_is_a_date() -> None:
    a = LEAD + "The new pumping station should be running by mid-2027, the board said." + TAIL
    b = LEAD + "The new pumping station should be running by mid-2028, the board said." + TAIL

    dates = [f for f in compare(a, b).findings if f.kind is K.DATE_CHANGED]

    assert [(f.a_text, f.b_text) for f in dates] == [("2027", "2028")]


def test_a_second_guillemet_quote_before_another_sentence_keeps_its_speaker() -> None:
    doc = make_document(
        LEAD + "« The old mains are failing, » Ragna Solberg said. « We cannot wait another "
        "winter. » The mayor has asked for a report by March." + TAIL
    )

    assert [q.speaker for q in extract_quotes(doc)] == ["Ragna Solberg", "Ragna Solberg"]


def test_a_verb_that_passes_a_figure_is_one_bound_and_just_is_emphasis() -> None:
    a = LEAD + "Water use exceeded 40 litres a head in just 12 days of the heatwave." + TAIL
    b = LEAD + "Water use topped 40 litres a head in 12 days of the heatwave." + TAIL

    assert K.HEDGE_CHANGED not in kinds(a, b)


def test_a_bound_dropped_before_a_figure_is_still_a_hedge_change() -> None:
    a = LEAD + "Water use exceeded 40 litres a head during the heatwave." + TAIL
    b = LEAD + "Water use reached 40 litres a head during the heatwave." + TAIL

    assert K.HEDGE_CHANGED in kinds(a, b)


def test_a_quotation_over_paragraphs_takes_the_speaker_after_its_close() -> None:
    doc = make_document(
        LEAD + "Chief engineer Ragna Solberg said the board had no choice.\n\n"
        '"The pipes under the old town are older than anyone here.\n\n'
        '"We will replace them street by street," she told the council.' + TAIL
    )

    quotes = extract_quotes(doc)

    assert [(q.speaker, q.attribution) for q in quotes] == [("Ragna Solberg", "she told")]


def test_a_phrase_quoted_in_reported_speech_is_no_continuation_of_a_quote() -> None:
    a = (
        LEAD + '"The plan is sound," said engineer Ivo Marten, who called the budget '
        '"tight". He said a delay was "quite likely" before the spring.' + TAIL
    )
    b = (
        LEAD + '"The plan is sound," said engineer Ivo Marten, who called the budget '
        '"tight". He said a delay was probable before the spring.' + TAIL
    )

    assert K.QUOTE_TRIMMED not in kinds(a, b)


def test_plans_made_public_are_no_hedge_against_would() -> None:
    a = LEAD + "The board said it would spend about 40 million crowns on new mains." + TAIL
    b = LEAD + "The board also unveiled plans to spend some 40 million crowns on new mains." + TAIL

    assert K.HEDGE_CHANGED not in kinds(a, b)


def test_a_hedge_word_said_with_its_synonym_elsewhere_in_the_edit_is_kept() -> None:
    a = (
        LEAD + "Repairs cost 3.1 million crowns, slightly above the 2.9 million expected by "
        "engineers consulted by the board." + TAIL
    )
    b = (
        LEAD + "Repairs cost 3.1 million crowns, edging past the 2.9 million that engineers "
        "had anticipated." + TAIL
    )

    assert K.HEDGE_CHANGED not in kinds(a, b)


def test_a_hedge_phrase_cut_after_the_opening_article_is_a_hedge_change() -> None:
    a = (
        LEAD + "The burst bore the hallmarks of a main damaged by frost near the market "
        "square, according to the board's engineers." + TAIL
    )
    b = (
        LEAD + "The main was damaged by frost near the market square, according to the "
        "board's engineers." + TAIL
    )

    assert K.HEDGE_CHANGED in kinds(a, b)


def test_a_hedge_in_a_quote_made_reported_speech_and_cut_is_a_hedge_change() -> None:
    a = LEAD + '"There was a leak, maybe, but the main was already old," Ragna Solberg said.'
    b = LEAD + "Ragna Solberg admitted there had been a leak but said the main was already old."

    hedges = [f for f in compare(a, b).findings if f.kind is K.HEDGE_CHANGED]

    assert hedges and hedges[0].a_text == "maybe" and "leak" in (hedges[0].b_text or "")


def test_a_trailing_source_cut_after_a_claim_with_a_verb_of_report_is_dropped() -> None:
    a = (
        LEAD + "The harbour ferry carried 1.2 million people last year and reported revenue "
        "of 9.5 million crowns, according to its accounts."
    )
    b = (
        LEAD + "The harbour ferry carried 1.2 million people last year and reported revenue "
        "of 9.5 million crowns."
    )

    dropped = [f for f in compare(a, b).findings if f.kind is K.ATTRIBUTION_DROPPED]

    assert dropped and dropped[0].a_text == "according to its accounts"


def test_a_source_kept_only_as_the_actor_of_its_claim_is_dropped() -> None:
    a = LEAD + "The board said it would review the contract with the pipe supplier." + TAIL
    b = LEAD + "The board will review the contract with the pipe supplier." + TAIL

    dropped = [f for f in compare(a, b).findings if f.kind is K.ATTRIBUTION_DROPPED]

    assert dropped and dropped[0].a_text == "The board said"


def test_a_source_kept_as_the_speaker_is_not_dropped() -> None:
    a = LEAD + "The board said it would review the contract with the pipe supplier." + TAIL
    b = LEAD + "The board said it will review the contract with the pipe supplier." + TAIL

    assert K.ATTRIBUTION_DROPPED not in kinds(a, b)


def test_quoted_words_given_without_marks_or_speaker_drop_the_attribution() -> None:
    a = LEAD + 'Engineer Ivo Marten said the repair plan was "bold but long overdue".' + TAIL
    b = LEAD + "The repair plan was bold but long overdue." + TAIL

    dropped = [f for f in compare(a, b).findings if f.kind is K.ATTRIBUTION_DROPPED]

    assert dropped and "Ivo Marten" in (dropped[0].a_text or "")


def test_a_source_that_closes_the_merged_sentence_keeps_its_claims_sourced() -> None:
    a = (
        LEAD + "Leaks rose to 40 a week, the board said on Monday, and engineers warned the "
        "count was likely to climb as the frost deepens."
    )
    b = (
        LEAD + "Leaks rose to 40 a week and the count will climb as the frost deepens, the "
        "board said on Monday."
    )

    assert K.ATTRIBUTION_DROPPED not in kinds(a, b)


def test_voted_down_says_rejected() -> None:
    a = LEAD + "Councillors rejected the plan to close the east pumping station." + TAIL
    b = LEAD + "Councillors voted down the plan to close the east pumping station." + TAIL

    assert K.NEGATION_CHANGED not in kinds(a, b)


def test_a_sentence_appended_to_a_kept_quote_is_a_fabricated_quote() -> None:
    a = LEAD + '"The old mains have served this town for ninety years," said Ragna Solberg.'
    b = (
        LEAD + '"The old mains have served this town for ninety years. We will not let them '
        'fail on our watch," said Ragna Solberg.'
    )

    result = compare(a, b).findings

    assert [f.kind for f in result] == [K.QUOTE_FABRICATED]
    assert result[0].b_text == "We will not let them fail on our watch"


def test_a_dropped_sentence_is_not_tied_to_the_other_text_by_a_figure_of_another_unit() -> None:
    kept = (
        "Households will get grants of up to 5,000 euros for flooded cellars.\n\n"
        "Crews will work through the night in the old town and along the harbour road.\n\n"
        "The board asked residents to run a tap for a minute each morning, to keep their "
        "service pipes from freezing, and to report any burst at once.\n\n"
    )
    a = (
        LEAD
        + kept
        + "It is the worst night for the service pipes in the old town since 2010, when "
        "frost split more than 5,000 metres of mains." + TAIL
    )
    b = LEAD + kept + TAIL

    omitted = [f.a_text for f in compare(a, b).findings if f.kind is K.OMISSION]

    assert omitted and "since 2010" in (omitted[0] or "")


def test_a_state_without_something_said_as_its_loss_is_no_flip_and_a_hedge_swap_counts() -> None:
    a = (
        LEAD + "About 3,000 homes were without water on Monday night, according to the water "
        "board, which said supply might not be fully back until Friday."
    )
    b = (
        LEAD + "About 3,000 homes lost water, and the water board said supply would be back "
        "by Friday."
    )

    found = kinds(a, b)

    assert K.NEGATION_CHANGED not in found
    assert K.UNSUPPORTED_ADDITION not in found
    assert K.HEDGE_CHANGED in found


def test_a_denial_said_with_a_phrasal_verb_is_no_change() -> None:
    a = LEAD + "A residents' group said the repair plan was a start but did not go far enough."
    b = LEAD + "A residents' group said the repair plan was a start but fell short."

    assert compare(a, b).findings == ()


def test_staying_out_is_not_intervening() -> None:
    a = LEAD + "The mayor said the town would not intervene in the dispute over the contract."
    b = LEAD + "The mayor said the town would stay out of the dispute over the contract."

    assert K.NEGATION_CHANGED not in kinds(a, b)


def test_an_institution_named_by_a_common_noun_replaced_by_another_is_a_name_change() -> None:
    a = LEAD + "The county council, which owns the old pumping station, will pay for half."
    b = LEAD + "The regional bank, which owns the old pumping station, will pay for half."

    names = [(f.a_text, f.b_text) for f in compare(a, b).findings if f.kind is K.ENTITY_CHANGED]

    assert names == [("county council", "regional bank")]


def test_an_institution_said_in_another_word_of_no_organisation_is_no_name_change() -> None:
    a = LEAD + "The company, which owns the old pumping station, will pay for half."
    b = LEAD + "The firm, which owns the old pumping station, will pay for half."

    assert K.ENTITY_CHANGED not in kinds(a, b)


def test_a_quote_made_the_reported_speech_of_another_person_is_an_attribution_change() -> None:
    a = (
        LEAD + '"The crews worked all night. These delays are ruining the square," Ragna '
        "Solberg told the council."
    )
    b = (
        LEAD + "Ragna Solberg said the crews had worked all night, while shopkeeper Ivo Marten "
        "complained that the delays were ruining the square."
    )

    changed = [f for f in compare(a, b).findings if f.kind is K.ATTRIBUTION_CHANGED]

    assert changed and changed[0].a_text == "These delays are ruining the square"
    assert "Ivo Marten" in (changed[0].b_text or "")


def test_a_condensed_copy_that_drops_a_caveat_with_its_paragraph_drops_the_paragraph() -> None:
    kept = (
        "Frost cracked eleven mains in the old town overnight, leaving about 900 homes "
        "without water on Friday morning.\n\n"
        "Crews were digging in four streets near the market square by dawn.\n\n"
    )
    dropped = (
        "Engineers warned that more mains could crack if the frost holds into next week. "
        "Most of the pipes in the old town were laid in the 1930s."
    )
    extra = (
        "\n\nThe board said bottled water would be handed out at the town hall, the library "
        "and two schools until supply is restored. Residents were asked to boil tap water "
        "for a day after it returns, and to report any leak they see in the street."
    )
    a = LEAD + kept + dropped + extra + TAIL
    b = LEAD + kept.rstrip() + TAIL

    omitted = [f.a_text for f in compare(a, b).findings if f.kind is K.OMISSION]

    assert omitted == [dropped]


def test_a_clause_split_off_into_a_reworded_sentence_is_no_addition() -> None:
    a = (
        LEAD + "Frost cracked eleven mains in the old town overnight, the board said, as "
        "icy winds slowed efforts to reach them." + TAIL
    )
    b = (
        LEAD + "Frost cracked eleven mains in the old town overnight, the board said. Bitter "
        "winds continue to complicate efforts to bring the leaks under control." + TAIL
    )

    assert K.UNSUPPORTED_ADDITION not in kinds(a, b)


def test_a_new_sentence_beside_a_kept_one_is_an_addition() -> None:
    a = LEAD + "Frost cracked eleven mains in the old town overnight, the board said." + TAIL
    b = (
        LEAD + "Frost cracked eleven mains in the old town overnight, the board said. The "
        "mayor blamed years of underinvestment by the previous council." + TAIL
    )

    assert K.UNSUPPORTED_ADDITION in kinds(a, b)


QUOTE_A = (
    '"We have replaced the mains under the market square for the first time since the war. '
    'The old town is next, and we will finish it by spring," said Ragna Solberg.'
)


def test_words_cut_from_the_end_of_a_sentence_inside_a_quote_trim_it() -> None:
    b = QUOTE_A.replace(" for the first time since the war", "")

    assert kinds(LEAD + QUOTE_A + TAIL, LEAD + b + TAIL) == {K.QUOTE_TRIMMED}


def test_a_sentence_end_cut_beside_a_changed_word_is_trimmed_and_altered() -> None:
    b = QUOTE_A.replace(" for the first time since the war", "").replace("spring", "summer")

    assert kinds(LEAD + QUOTE_A + TAIL, LEAD + b + TAIL) == {
        K.QUOTE_TRIMMED,
        K.QUOTE_ALTERED,
    }


def test_harmless_rewordings_of_the_new_shapes_are_clean() -> None:
    cases = [
        (
            '"The mains will hold," said the board\'s spokeswoman, Lena Dahl.',
            '"The mains will hold," Lena Dahl, the board\'s spokeswoman, said.',
        ),
        (
            "The company, which owns the old pumping station, will pay for half.",
            "The group, which owns the old pumping station, will pay for half.",
        ),
        (
            'Engineer Ivo Marten said the repair plan was "a good start".',
            "Engineer Ivo Marten called the repair plan a good start.",
        ),
        (
            "The council said it would vote on the repairs in May.",
            "The council will vote on the repairs in May, it said.",
        ),
        (
            'Engineer Ivo Marten said the repair plan was "a good start".',
            "The repair plan was a good start, according to engineer Ivo Marten.",
        ),
        (
            "Water use exceeded 40 litres a head, just over the 38 litres of last winter.",
            "Water use topped 40 litres a head, slightly above the 38 litres of last winter.",
        ),
    ]
    for a, b in cases:
        assert compare(LEAD + a + TAIL, LEAD + b + TAIL).findings == (), (a, b)
