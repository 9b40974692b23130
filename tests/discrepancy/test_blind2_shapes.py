"""Findings on the kinds of fault the second blind set showed: a quote whose second part is
dropped, pronoun speakers re-credited, ranks in words, orders of magnitude, currencies, and
sentences that share one word not merged. Fictional texts."""

from __future__ import annotations

from tests.utils.factories import make_document
from wiretrace import FindingKind, compare
from wiretrace.discrepancy import extract_quotes
from wiretrace.discrepancy.mentions import numbers_and_dates
from wiretrace.text.tokens import tokenize

K = FindingKind
LEAD = "The ferry company Vallo said on Monday that it would sell two of its oldest boats.\n\n"


def kinds(a: str, b: str) -> list[FindingKind]:
    return [f.kind for f in compare(a, b).findings]


def test_a_dropped_second_part_of_a_quote_is_a_trimmed_quote_not_an_omission() -> None:
    a = (
        LEAD + '"We are selling them because they are too slow," said Ruth Amsel, the '
        'company\'s director. "The crossings will be quicker by the summer."\n\n'
        "The boats were built in the harbour town of Keld."
    )
    b = (
        LEAD + '"We are selling them because they are too slow," said Ruth Amsel, the '
        "company's director.\n\nThe boats were built in the harbour town of Keld."
    )

    found = compare(a, b).findings

    assert [f.kind for f in found] == [K.QUOTE_TRIMMED]
    assert found[0].a_text == "The crossings will be quicker by the summer"
    assert found[0].b_text is not None and "Ruth Amsel" in found[0].b_text


def test_a_quote_of_its_own_in_a_new_paragraph_is_not_a_trimmed_one() -> None:
    a = (
        LEAD + '"We are selling them because they are too slow," said Ruth Amsel.\n\n'
        '"The crossings will be quicker by the summer," said Ruth Amsel.'
    )
    b = LEAD + '"We are selling them because they are too slow," said Ruth Amsel.'

    assert K.QUOTE_TRIMMED not in kinds(a, b)


def test_a_pronoun_speaker_after_a_relative_clause_is_the_named_subject() -> None:
    text = (
        LEAD + "Amsel, who has run the company since 2019, said the sale was overdue. "
        '"We should have done it years ago," she told reporters.'
    )

    (quote,) = extract_quotes(make_document(text))

    assert quote.speaker == "Amsel"


def test_a_quote_of_a_pronoun_speaker_given_to_someone_named_is_reported() -> None:
    a = (
        LEAD + "Amsel, who has run the company since 2019, said the sale was overdue. "
        '"We should have done it years ago," she told reporters.'
    )
    b = (
        LEAD + "Amsel, who has run the company since 2019, said the sale was overdue. "
        '"We should have done it years ago," Jonas Brekk told reporters.'
    )

    (finding,) = [f for f in compare(a, b).findings if f.kind is K.ATTRIBUTION_CHANGED]
    assert finding.confidence < 0.8  # a pronoun read as a name is a reading, not a word


def test_one_speaker_named_in_full_and_by_surname_is_not_a_re_credited_quote() -> None:
    a = (
        LEAD + "The harbour master, Rui Catarino, spoke at the quay.\n\n"
        '"The boats served us well," Catarino said.'
    )
    b = (
        LEAD + "The harbour master, Rui Cardoso, spoke at the quay.\n\n"
        '"The boats served us well," Rui Cardoso said.'
    )

    found = kinds(a, b)

    assert K.ATTRIBUTION_CHANGED not in found
    assert K.ENTITY_CHANGED in found


def test_ranks_in_words_are_compared_with_ranks() -> None:
    a = LEAD + "It is the second sale of boats by the company this decade."
    b = LEAD + "It is the third sale of boats by the company this decade."

    (finding,) = compare(a, b).findings
    assert (finding.kind, finding.a_text, finding.b_text) == (K.NUMBER_CHANGED, "second", "third")


def test_a_rank_is_not_compared_with_a_count() -> None:
    (rank,) = numbers_and_dates(tokenize("the fifth district"))[0]
    (count,) = numbers_and_dates(tokenize("five districts"))[0]

    assert rank.ordinal and not count.ordinal


def test_orders_of_magnitude_are_compared_with_each_other() -> None:
    a = LEAD + "The sale could bring in tens of millions of crowns, the company said."
    b = LEAD + "The sale could bring in hundreds of millions of crowns, the company said."

    (finding,) = compare(a, b).findings
    assert finding.kind is K.NUMBER_CHANGED
    assert finding.a_text is not None and finding.a_text.startswith("tens of millions")


def test_the_same_value_in_another_currency_is_a_changed_figure() -> None:
    a = LEAD + "The two boats are expected to fetch 6.2 million euros, the company said."
    b = LEAD + "The two boats are expected to fetch 6.2 million dollars, the company said."

    (finding,) = compare(a, b).findings
    assert finding.kind is K.NUMBER_CHANGED
    assert "euro" in finding.explanation and "dollar" in finding.explanation


def test_the_same_unit_spelled_the_british_or_american_way_is_the_same_figure() -> None:
    a = LEAD + "The boats will sail 12 kilometres to the breakers' yard, the company said."
    b = LEAD + "The boats will sail 12 kilometers to the breakers' yard, the company said."

    assert kinds(a, b) == []


def test_a_sentence_sharing_one_word_is_not_merged_into_a_neighbours_alignment() -> None:
    a = (
        LEAD + '"The boats are old, but they are safe," said Ruth Amsel.\n\n'
        "Repairs are expected to cost 3 million crowns this year."
    )
    b = LEAD + "Repairs will cost 3 million crowns this year."

    result = compare(a, b)

    assert all(len(al.a_sentences) == 1 for al in result.alignments)
    assert K.HEDGE_CHANGED in {f.kind for f in result.findings}


def test_a_colon_intro_whose_name_closes_an_apposition() -> None:
    text = (
        LEAD + "The company's director, Ruth Amsel, said:\n\n"
        '"The boats have served us well."\n\nMore later.'
    )

    (quote,) = extract_quotes(make_document(text))

    assert quote.speaker == "Ruth Amsel"


def test_a_colon_intro_with_a_relative_clause_names_its_subject() -> None:
    text = (
        LEAD + "Amsel, who founded the company with her classmate Jonas Brekk, said in "
        'a letter:\n\n"The boats have served us well."\n\nMore later.'
    )

    (quote,) = extract_quotes(make_document(text))

    assert quote.speaker == "Amsel"


def test_a_colon_intro_does_not_take_a_noun_of_the_relative_clause() -> None:
    text = (
        LEAD + "Minister Ruth Amsel, who chaired the meeting, said: "
        "“The boats have served us well.”\n\nMore later."
    )

    (quote,) = extract_quotes(make_document(text))

    assert quote.speaker is not None and quote.speaker.endswith("Ruth Amsel")


def test_german_quote_marks_are_quotes_with_their_speakers() -> None:
    text = LEAD + "„The boats have served us well,“ said Ruth Amsel. „We will miss them.“"

    quotes = extract_quotes(make_document(text))

    assert [q.text for q in quotes] == ["The boats have served us well", "We will miss them"]
    assert quotes[0].speaker == "Ruth Amsel"


def test_a_place_named_as_a_possessive_or_an_adjective_is_one_name() -> None:
    a = LEAD + "The boats were bought by Norway's Jonas Brekk, a collector."
    b = LEAD + "The boats were bought by Norwegian Jonas Brekk, a collector."

    assert K.ENTITY_CHANGED not in kinds(a, b)


def test_a_negation_dropped_with_a_qualifier_after_it_is_found() -> None:
    a = LEAD + "The company said the older boat was not at immediate risk of sinking."
    b = LEAD + "The company said the older boat was at risk of sinking."

    assert kinds(a, b) == [K.NEGATION_CHANGED]


def test_a_source_with_a_time_after_its_verb_is_an_attribution_dropped() -> None:
    a = LEAD + "Ticket sales fell by a fifth in March, the port authority said last week."
    b = LEAD + "Ticket sales fell by a fifth in March."

    (finding,) = compare(a, b).findings
    assert finding.kind is K.ATTRIBUTION_DROPPED
    assert finding.a_text == "the port authority said last week"


def test_a_figure_changed_between_the_headlines_is_reported_from_the_headlines() -> None:
    a = "Vallo ferry sale brings 40 million crowns\n\n" + LEAD
    b = "Vallo ferry sale brings 45 million crowns\n\n" + LEAD

    (finding,) = compare(a, b).findings
    assert finding.kind is K.NUMBER_CHANGED
    assert (finding.a_text, finding.b_text) == ("40 million", "45 million")
    assert finding.explanation.startswith("in the headlines:")


def test_a_headline_is_never_compared_with_body_text() -> None:
    a = "About 40 boats to be sold\n\n" + LEAD
    b = "Vallo sells its oldest ferries\n\n" + LEAD

    assert kinds(a, b) == []


def test_german_quotes_keep_their_sentence_ends() -> None:
    from wiretrace.segment import split_sentences

    text = "„We will appeal. The ruling is wrong,“ said Ilse Brandt. The court did not comment."

    assert [s.text for s in split_sentences(text)] == [
        "„We will appeal. The ruling is wrong,“ said Ilse Brandt.",
        "The court did not comment.",
    ]
