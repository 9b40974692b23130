"""Findings on the kinds of fault the seventh blind set showed (issue 10, ninth round):
prefixed negations, vague round figures, quoted fragments, sources in more shapes.
Fictional texts."""

from __future__ import annotations

from wiretrace import FindingKind, compare
from wiretrace.text.tokens import negated_base, stem

K = FindingKind
LEAD = "The Orlen Valley dam was closed to traffic on Monday after a crack was found.\n\n"
TAIL = "\n\nThe dam supplies water to four towns in the valley."


def kinds(a: str, b: str) -> list[FindingKind]:
    return sorted(f.kind for f in compare(LEAD + a + TAIL, LEAD + b + TAIL).findings)


def test_a_word_negated_by_its_prefix_stems_as_its_base() -> None:
    assert negated_base("unaffected") == "affected"
    assert stem("unharmed") == stem("harmed")
    # not a prefix: "under", "until", "union", "unique", "unlike"
    for word in ("understood", "until", "union", "unique", "unlike", "unified"):
        assert negated_base(word) is None, word
    # "uni" before m, n, d is the prefix
    assert negated_base("uninjured") == "injured"


def test_not_affected_said_as_unaffected_is_no_finding() -> None:
    a = "It said the turbines themselves were not damaged."
    b = "The operator added that the turbines themselves were undamaged."

    assert kinds(a, b) == []


def test_unlikely_made_likely_flips_the_statement() -> None:
    a = "Engineers said a reopening was unlikely before the end of May."
    b = "Engineers said a reopening was likely before the end of May."

    assert kinds(a, b) == [K.NEGATION_CHANGED]


def test_several_hundred_and_hundreds_are_one_vague_figure() -> None:
    a = "Several hundred residents had gathered on the bank below the dam."
    b = "Hundreds of residents had gathered on the bank below the dam."

    assert kinds(a, b) == []


def test_a_one_word_quote_cut_from_a_short_quoted_phrase_is_trimmed() -> None:
    a = 'The operator\'s director, Ilse Varn, said a reopening in June was "possible but unlikely".'
    b = 'Director Ilse Varn said a reopening in June was "possible".'

    result = compare(LEAD + a + TAIL, LEAD + b + TAIL).findings

    assert [f.kind for f in result if f.kind.family.value == "quotes"] == [K.QUOTE_TRIMMED]


def test_a_plural_source_that_says_in_the_present_is_dropped() -> None:
    a = "Hydrologists say the new spillway will protect the towns from spring floods."
    b = "The new spillway will protect the towns from spring floods."

    assert kinds(a, b) == [K.ATTRIBUTION_DROPPED]


def test_figures_credited_to_another_body_change_the_attribution() -> None:
    a = "Water board figures show the reservoir lost 4.2 million cubic metres in July."
    b = "Tessel Bank figures show the reservoir lost 4.2 million cubic metres in July."

    assert kinds(a, b) == [K.ATTRIBUTION_CHANGED]


def test_a_claim_given_to_another_unnamed_body_changes_the_attribution() -> None:
    a = "The transport ministry said it had received 40 complaints about the closure."
    b = "The opposition said it had received 40 complaints about the closure."

    assert kinds(a, b) == [K.ATTRIBUTION_CHANGED]


def test_a_described_named_source_given_to_another_body_changes_the_attribution() -> None:
    a = "Residents' group Valley Voice said it had received dozens of calls about the dam."
    b = "The water regulator said it had received dozens of calls about the dam."

    assert kinds(a, b) == [K.ATTRIBUTION_CHANGED]


def test_a_bare_name_described_by_its_kind_is_the_same_source() -> None:
    # "Orlen Hydro said" -> "the utility said": the same body, described
    a = "Orlen Hydro said it had received dozens of calls about the dam."
    b = "The utility said it had received dozens of calls about the dam."

    assert K.ATTRIBUTION_CHANGED not in kinds(a, b)


def test_collective_sources_in_other_words_are_the_same_source() -> None:
    a = "Farming communities said the closure would cut off their water."
    b = "Farming towns said the closure would cut off their water."

    assert K.ATTRIBUTION_CHANGED not in kinds(a, b)


def test_a_chamber_of_commerce_is_a_source() -> None:
    a = "The chamber of commerce said shops near the dam would lose trade."
    b = "Shops near the dam will lose trade."

    assert K.ATTRIBUTION_DROPPED in kinds(a, b)


def test_no_evidence_that_made_a_plain_denial_is_a_hedge_change() -> None:
    a = "The utility said there was no evidence that any house had been flooded."
    b = "The utility said no house had been flooded."

    assert kinds(a, b) == [K.HEDGE_CHANGED]


def test_no_evidence_and_a_clause_that_cannot_rule_it_out_are_one_hedge_change() -> None:
    # the "no" of "no evidence" and B's "not" keep the polarity; the clause that hedges
    # the claim a second time is part of the same change, not an omission
    a = (
        "The utility said it had no evidence that the water had been contaminated, but "
        "that it could not rule it out while tests continued."
    )
    b = "The utility said the water had not been contaminated."

    assert kinds(a, b) == [K.HEDGE_CHANGED]


def test_told_to_attend_made_told_to_stay_away_flips_the_statement() -> None:
    a = "Residents were told to attend the meeting unless they had been contacted."
    b = "Residents were told to stay away from the meeting unless they had been contacted."

    assert K.NEGATION_CHANGED in kinds(a, b)


def test_analysts_at_another_firm_is_a_name_change_not_another_source() -> None:
    a = "Analysts at Corrin Securities said the repairs could cost 30 million euros."
    b = "Analysts at Halm Capital said the repairs could cost 30 million euros."

    assert kinds(a, b) == [K.ENTITY_CHANGED]


FRAGMENT = "The Orlen water board said residents should boil tap water for a week. {claim}"


def test_a_quoted_fragment_left_in_a_sentence_without_a_source_drops_it() -> None:
    a = FRAGMENT.format(claim='It said the risk to health was "very small".')
    b = FRAGMENT.format(claim='The risk to health is "very small".')

    assert K.ATTRIBUTION_DROPPED in kinds(a, b)


def test_a_quoted_fragment_beside_its_speakers_name_keeps_the_speaker() -> None:
    a = 'Board chair Ada Wren said the repairs had gone "remarkably smoothly" this week.'
    b = 'Board chair Ada Wren praised repairs that had gone "remarkably smoothly" this week.'

    assert K.ATTRIBUTION_DROPPED not in kinds(a, b)


def test_a_clause_crediting_the_news_agency_is_no_addition() -> None:
    a = "Power was restored to the valley on Tuesday, the grid operator said."
    b = (
        "Power was restored to the valley on Tuesday, the grid operator said, the Orlen "
        "News Agency reported."
    )

    assert kinds(a, b) == []


def test_a_name_changed_inside_an_altered_quote_is_the_quote_finding_only() -> None:
    a = '"Hundreds of homes in Brask and Velde lost water," said mayor Ines Carr.'
    b = '"Dozens of homes in Brask and Tolde lost water," said mayor Ines Carr.'

    assert kinds(a, b) == [K.QUOTE_ALTERED]


def test_a_closing_source_cut_points_at_the_clause_it_sourced() -> None:
    # the figure before the source is reworded ("per cent" -> "%"): the cut is still
    # where the source stood, in the clause of the national average
    a = (
        "Unemployment in the valley stands at 9.1 per cent, against a national average "
        "of 6.2 per cent, according to the statistics office."
    )
    b = "Unemployment in the valley stands at 9.1%, compared with a national average of 6.2%."

    found = compare(LEAD + a + TAIL, LEAD + b + TAIL).findings

    assert [(f.kind, f.b_text) for f in found] == [
        (K.ATTRIBUTION_DROPPED, "compared with a national average of 6.2%")
    ]


def test_a_quote_given_to_the_subject_of_another_paragraph_changes_its_speaker() -> None:
    # each "he" stands for the person the paragraph names, with a verb that is no verb
    # of speech ("welcomed"); the continued quote borrows the pronoun before it
    a = (
        'Mayor Tomas Brenn welcomed the repairs. "The valley can rely on its dam," he '
        'said on Monday. "We will rebuild the road by spring."\n\nThe road stays shut.'
    )
    b = (
        'Mayor Tomas Brenn welcomed the repairs. "The valley can rely on its dam," he '
        "said on Monday.\n\nEngineer Kasia Morn, who leads the works, also praised the crews. "
        '"We will rebuild the road by spring," she said.\n\nThe road stays shut.'
    )

    found = compare(LEAD + a + TAIL, LEAD + b + TAIL).findings

    assert [(f.kind, f.a_text) for f in found if f.kind is K.ATTRIBUTION_CHANGED] == [
        (K.ATTRIBUTION_CHANGED, "We will rebuild the road by spring")
    ]


def test_figures_converted_into_other_units_and_rounded_are_no_change() -> None:
    a = "The closure cut the road for about 3 km and the 41-km stretch beyond it for 72 hours."
    b = (
        "The closure cut the road for about two miles and the 25-mile stretch beyond it "
        "for three days."
    )

    assert kinds(a, b) == []


def test_months_said_as_years_and_a_half_are_the_same_span() -> None:
    a = "The engineer was given a sentence of 30 months for falsifying the inspection."
    b = "The engineer was given a sentence of two and a half years for falsifying the inspection."

    assert kinds(a, b) == []


def test_a_converted_figure_that_does_not_round_to_the_other_is_changed() -> None:
    a = "The flood wall runs for 41 km along the valley."
    b = "The flood wall runs for 35 miles along the valley."

    assert kinds(a, b) == [K.NUMBER_CHANGED]


def test_without_said_as_unable_keeps_the_polarity() -> None:
    a = "The closure left about 900 households without access to clean water for a week."
    b = "The closure left about 900 households unable to get clean water for a week."

    assert kinds(a, b) == []


def test_a_word_hedge_beside_a_figure_hedge_in_one_clause_is_one_change() -> None:
    a = "The repairs are reportedly worth around 12 million euros, the utility said."
    b = "The repairs are worth 12 million euros, the utility said."

    assert kinds(a, b) == [K.HEDGE_CHANGED]


def test_a_rank_restated_with_another_noun_is_no_omission() -> None:
    a = (
        "The dam held 40 million cubic metres last spring, ranking as the region's second "
        "largest reservoir, and supplied four towns."
    )
    b = (
        "The dam held 40 million cubic metres last spring, the second-biggest store in the "
        "region, and supplied four towns."
    )

    assert K.OMISSION not in kinds(a, b)


def test_a_headline_naming_other_words_of_the_story_is_no_name_change() -> None:
    body = (
        "Orlen Hydro said its new turbine, the Kessa T4, would enter service in May.\n\n"
        "The turbine doubles the dam's output." + TAIL
    )
    a = "Orlen Hydro unveils turbine for the dam\n\n" + body
    b = "Kessa T4: new turbine for the Orlen dam\n\n" + body

    assert compare(a, b).findings == ()


def test_a_likely_claim_made_merely_possible_is_a_hedge_change() -> None:
    a = "Engineers said the closure was expected to last until the end of May."
    b = "Engineers said the closure could last until the end of May."

    assert kinds(a, b) == [K.HEDGE_CHANGED]


def test_one_possible_hedge_for_another_is_no_change() -> None:
    a = "Engineers said the closure might last until the end of May."
    b = "Engineers said the closure could last until the end of May."

    assert kinds(a, b) == []


def test_as_early_as_and_possible_are_hedges() -> None:
    a = "The road could reopen as early as next week, and further repairs were possible."
    b = "The road will reopen next week, and further repairs would follow."

    assert K.HEDGE_CHANGED in kinds(a, b)


def test_an_official_source_given_to_a_party_of_another_kind_changes_it() -> None:
    a = "Four guards were slightly hurt, according to a police statement."
    b = "Four guards were slightly hurt, according to protest organisers."

    assert kinds(a, b) == [K.ATTRIBUTION_CHANGED]


def test_the_agency_named_by_its_name_is_the_same_source() -> None:
    a = "The Orlen coast guard sent two boats. The boats found no one, the agency said."
    b = "The Orlen coast guard sent two boats. The boats found no one, the coast guard said."

    assert K.ATTRIBUTION_CHANGED not in kinds(a, b)


def test_a_quote_told_to_a_newspaper_given_as_said_drops_the_relay() -> None:
    a = '"We will look at the cost," she told the Orlen Courier, a newspaper.'
    b = '"We will look at the cost," she said.'

    assert kinds(a, b) == [K.ATTRIBUTION_DROPPED]


def test_a_source_named_after_its_verb_is_dropped_with_it() -> None:
    a = "Six of the workers were in a serious condition, said Dr Ilse Marr, the site doctor."
    b = "Six of the workers were in a serious condition."

    assert kinds(a, b) == [K.ATTRIBUTION_DROPPED]


def test_a_source_with_a_relative_clause_who_speaks_in_b_keeps_the_source() -> None:
    a = (
        "Anna Voss, whose shop on Dam Street flooded, said she was warned only after the "
        'water came in. "By then it was too late," she said.'
    )
    b = (
        'Anna Voss, whose shop on Dam Street flooded, said: "The warning came after the '
        'water came in. By then it was too late."'
    )

    assert K.ATTRIBUTION_DROPPED not in kinds(a, b)


def test_a_quote_given_to_the_person_a_title_names_changes_its_speaker() -> None:
    a = (
        '"We have never seen the river so high," said the mayor, Felix Hart.\n\n'
        'Hydrologist Priya Lund said the dam had held. "It did what it was built to do," '
        "she said."
    )
    b = (
        '"We have never seen the river so high," said the mayor, Felix Hart.\n\n'
        'Hydrologist Priya Lund said the dam had held. "It did what it was built to do," '
        "the mayor said."
    )

    assert kinds(a, b) == [K.ATTRIBUTION_CHANGED]


def test_a_sentence_put_before_a_kept_quote_is_made_up() -> None:
    a = (
        'Anna Voss said she was warned only after the water came in. "By then it was far '
        'too late," she said.'
    )
    b = (
        'Anna Voss said: "The warning came after the water was already in the shop. By '
        'then it was far too late."'
    )

    found = compare(LEAD + a + TAIL, LEAD + b + TAIL).findings

    assert [(f.kind, f.b_text) for f in found if f.kind.family.value == "quotes"] == [
        (K.QUOTE_FABRICATED, "The warning came after the water was already in the shop.")
    ]


def test_a_quote_left_in_a_paragraph_of_its_own_without_its_dash_speaker_drops_it() -> None:
    a = (
        "Dr Ilse Marr, the site doctor, said two workers were still in hospital.\n\n"
        '"Every hour in the water makes the injuries worse."\n—Dr Ilse Marr'
    )
    b = (
        "Dr Ilse Marr, the site doctor, said two workers were still in hospital.\n\n"
        '"Every hour in the water makes the injuries worse."'
    )

    assert K.ATTRIBUTION_DROPPED in kinds(a, b)


def test_a_negation_cut_after_the_first_word_flips_the_statement() -> None:
    a = "It has never reported an annual profit."
    b = "It reported its first annual profit last year."

    assert K.NEGATION_CHANGED in kinds(a, b)


def test_declined_to_is_did_not() -> None:
    a = "He did not criticise the engineers over the delay, saying they had done their best."
    b = "He declined to criticise the engineers over the delay, saying they had done their best."

    assert kinds(a, b) == []


def test_declining_to_a_figure_is_a_fall_not_a_refusal() -> None:
    a = "The quota is 200 tonnes this year, falling to about 150 tonnes by 2028."
    b = "The quota is 200 tonnes this year, declining to about 150 tonnes by 2028."

    assert kinds(a, b) == []


def test_a_flip_inside_an_altered_quote_is_the_quote_finding_only() -> None:
    a = '"We have made good progress, but the work is not done," the chief engineer said.'
    b = '"We have made great progress, and the work is nearly done," the chief engineer said.'

    assert kinds(a, b) == [K.QUOTE_ALTERED]


def test_a_firm_named_with_an_ampersand_is_one_name() -> None:
    a = '"The message is clear," said Jana Petr, an economist at Holm & Crane in Orlen.'
    b = '"The message is clear," said Jana Petr, an economist at Marden Securities in Orlen.'

    assert kinds(a, b) == [K.ENTITY_CHANGED]


def test_a_clock_time_or_a_firm_ends_a_sentence_before_a_new_one() -> None:
    from wiretrace.segment.sentences import split_sentences

    def texts(text: str) -> list[str]:
        return [s.text for s in split_sentences(text)]

    assert texts("The dam cracked at 4 a.m. Engineers believe the frost caused it.") == [
        "The dam cracked at 4 a.m.",
        "Engineers believe the frost caused it.",
    ]
    assert texts("The inquiry opens at 9 p.m. Monday in Orlen.") == [
        "The inquiry opens at 9 p.m. Monday in Orlen."
    ]
    assert texts("The builder was Holm & Co. Holm won the contract in 2019.") == [
        "The builder was Holm & Co.",
        "Holm won the contract in 2019.",
    ]


def test_single_quotes_hold_apostrophes_and_run_over_sentences() -> None:
    a = (
        "‘It’s a long wait,’ said nurse Ada Holm.\n\n"
        "‘Nobody has told us anything. We’re still waiting,’ a driver said."
    )
    quotes = compare(LEAD + a + TAIL, LEAD + a + TAIL).quotes_a

    assert [q.text for q in quotes] == [
        "It’s a long wait",
        "Nobody has told us anything. We’re still waiting",
    ]


def test_a_quote_of_one_speaker_joined_to_another_speakers_quote_changes_its_speaker() -> None:
    a = (
        '"The wards are full," said nurse Ada Holm. "We are tired."\n\n'
        'Minister Eva Lind urged calm. "Paying ransoms only funds the next attack," she '
        "told broadcasters."
    )
    b = (
        "‘The wards are full,’ said nurse Ada Holm. ‘We are tired. Paying ransoms only "
        "funds the next attack.’\n\nMinister Eva Lind urged calm."
    )

    found = compare(LEAD + a + TAIL, LEAD + b + TAIL).findings

    assert [f.b_text for f in found if f.kind is K.ATTRIBUTION_CHANGED] == [
        "We are tired. Paying ransoms only funds the next attack"
    ]
