"""Findings on the kinds of fault the sixth blind set showed (issue 10, seventh round):
attribution in a dash line, after a colon intro and in an apposition, and more.
Fictional texts."""

from __future__ import annotations

from tests.utils.factories import make_document
from wiretrace import FindingKind, compare
from wiretrace.discrepancy.quotes import extract_quotes

K = FindingKind
LEAD = "The Ostrava Lane library reopened on Saturday after a year of repairs.\n\n"
TAIL = "\n\nThe library is open six days a week."


def kinds(a: str, b: str) -> set[FindingKind]:
    return {f.kind for f in compare(a, b).findings}


def test_a_dash_line_with_a_role_before_the_name_names_the_speaker() -> None:
    text = LEAD + "“Every shelf is back where it was.”\n\n—Ostrava Lane head librarian Vera Kosk"

    quotes = extract_quotes(make_document(text + TAIL))

    assert [q.speaker for q in quotes] == ["Vera Kosk"]


def test_a_dash_line_speaker_replaced_is_one_attribution_change() -> None:
    quote = "“Every shelf is back where it was. The roof will hold for fifty years.”"
    a = LEAD + quote + "\n\n—Ostrava Lane head librarian Vera Kosk" + TAIL
    b = LEAD + quote + "\n\n—Ostrava Lane caretaker Tomas Brenn" + TAIL

    result = compare(a, b).findings

    assert [f.kind for f in result] == [K.ATTRIBUTION_CHANGED]
    assert (result[0].a_text or "").startswith("—Ostrava")


def test_a_colon_intro_without_a_verb_of_saying_names_its_subject() -> None:
    text = (
        LEAD + "A volunteer from the Friends of Ostrava Lane group summed up the mood:\n\n"
        "“We waited a long time for this. It was worth it.”"
    )

    quotes = extract_quotes(make_document(text + TAIL))

    assert quotes[0].speaker == "volunteer from the Friends of Ostrava Lane group"


def test_a_colon_intro_is_read_in_its_own_sentence_only() -> None:
    # the sentence before the intro ends in a verb of saying; the intro is not read
    # across the full stop
    text = (
        LEAD + "The council will pay for new lights if asked. Mayor Ilse Dorn also praised "
        "the builders:\n\n“They finished two weeks early.”"
    )

    quotes = extract_quotes(make_document(text + TAIL))

    assert quotes[0].speaker == "Mayor Ilse Dorn"


def test_a_colon_introduced_quote_given_to_another_speaker_is_an_attribution_change() -> None:
    quote = "“We waited a long time for this. It was worth it.”"
    a = LEAD + "A volunteer from the Friends of Ostrava Lane group summed up the mood:\n\n"
    b = LEAD + "Mayor Ilse Dorn also praised the builders:\n\n"

    result = compare(a + quote + TAIL, b + quote + TAIL).findings

    assert [f.kind for f in result] == [K.ATTRIBUTION_CHANGED]
    assert "volunteer" in (result[0].a_text or "")
    assert "Ilse Dorn" in (result[0].b_text or "")


def test_a_colon_introduced_quote_reported_as_said_by_another_is_an_attribution_change() -> None:
    a = (
        LEAD + "Its director, Jana Vesely, said at the ceremony:\n\n"
        "“The reading room is warmer than it has ever been. Families can stay all day.”"
    )
    b = (
        LEAD + "Its treasurer, Karel Mudra, said at the ceremony that the reading room was "
        "warmer than it had ever been and that families could stay all day."
    )

    changed = [f for f in compare(a + TAIL, b + TAIL).findings if f.kind is K.ATTRIBUTION_CHANGED]

    assert len(changed) == 1
    # the finding points at the intro that named the speaker, and at B's new speaker
    assert "Jana Vesely" in (changed[0].a_text or "")
    assert "Karel Mudra" in (changed[0].b_text or "")


def test_a_claim_given_to_a_source_named_before_an_apposition_is_an_attribution_change() -> None:
    a = LEAD + "Police said the lane would stay closed to cars until Monday." + TAIL
    b = (
        LEAD + "Ostrava Transit, the city bus company, said the lane would stay closed to "
        "cars until Monday." + TAIL
    )

    result = compare(a, b).findings

    assert [f.kind for f in result] == [K.ATTRIBUTION_CHANGED]
    assert "Ostrava Transit" in (result[0].b_text or "")


def test_a_new_quote_that_shares_only_a_name_with_a_sentence_of_a_points_nowhere_in_a() -> None:
    a = LEAD + "Ostrava Lane library said it would add Sunday hours from March." + TAIL
    b = (
        LEAD + "Ostrava Lane library said it would add Sunday hours from March. "
        "“This is only the beginning for Ostrava Lane,” its director said." + TAIL
    )

    fabricated = [f for f in compare(a, b).findings if f.kind is K.QUOTE_FABRICATED]

    assert len(fabricated) == 1
    assert fabricated[0].a_span is None  # no sentence of A says it, even in other words


def test_a_new_quote_sentence_after_a_kept_quote_is_fabricated_without_an_a_pointer() -> None:
    quote = "“If the roof leaks again, we will close the top floor,” Vera Kosk said."
    a = LEAD + "The library said it would keep its opening hours. " + quote + TAIL
    b = LEAD + "The library said it would keep its opening hours. " + quote
    b += " “The library let its readers down.”" + TAIL

    fabricated = [f for f in compare(a, b).findings if f.kind is K.QUOTE_FABRICATED]

    assert len(fabricated) == 1
    assert fabricated[0].a_span is None
    assert "let its readers down" in (fabricated[0].b_text or "")


def test_a_closing_pronoun_source_cut_drops_the_attribution_it_stands_for() -> None:
    first = "Auditors said the repairs had cost 2.1 million crowns. "
    a = LEAD + first + "Most of the money went on the roof and the heating, they said." + TAIL
    b = LEAD + first + "Most of the money went on the roof and the heating." + TAIL

    result = compare(a, b).findings

    assert [f.kind for f in result] == [K.ATTRIBUTION_DROPPED]
    assert "Auditors" in result[0].explanation


def test_a_closing_pronoun_source_kept_or_named_is_no_finding() -> None:
    first = "Auditors said the repairs had cost 2.1 million crowns. "
    a = LEAD + first + "Most of the money went on the roof and the heating, they said." + TAIL
    for b in (
        LEAD + first + "Most of the money went on the roof and the heating, they added." + TAIL,
        LEAD + first + "Most of the money went on the roof and the heating, auditors said." + TAIL,
    ):
        assert compare(a, b).findings == ()


def test_a_sentence_spun_with_common_news_synonyms_is_no_omission_or_addition() -> None:
    a = LEAD + "The weather office kept its highest frost warning in place." + TAIL
    b = LEAD + "The weather office maintained its top frost alert." + TAIL

    assert compare(a, b).findings == ()


def test_a_dropped_quote_continuation_is_trimmed_though_another_quote_names_the_place() -> None:
    first = "“We have rooms that stood empty for years, and we cannot heat them all,” she said."
    a = (
        LEAD
        + "Director Jana Vesely said the east wing would close. "
        + first
        + " “The Ostrava Lane of the future will be smaller, but it will be warmer.”\n\n"
        "“The question is whether a smaller Ostrava Lane still draws readers,” said "
        "councillor Ivo Marten." + TAIL
    )
    b = (
        LEAD + "Director Jana Vesely said the east wing would close. " + first + "\n\n"
        "“The question is whether a smaller Ostrava Lane still draws readers,” said "
        "councillor Ivo Marten." + TAIL
    )

    result = compare(a, b).findings

    assert [f.kind for f in result] == [K.QUOTE_TRIMMED]
    assert "will be warmer" in (result[0].a_text or "")


def test_a_hedge_hardened_inside_a_quote_is_one_altered_quote_that_names_the_hedge() -> None:
    a = LEAD + "“If the pipes freeze again, we may have to shut the reading room,” Vesely said."
    b = LEAD + "“If the pipes freeze again, we will have to shut the reading room,” Vesely said."

    result = compare(a + TAIL, b + TAIL).findings

    # one report, not also a hedge change: a misquote first (blind2-5's convention)
    assert [f.kind for f in result] == [K.QUOTE_ALTERED]
    assert "hedge" in result[0].explanation and "may" in result[0].explanation


def test_a_whole_sentence_cut_from_an_altered_quote_is_trimmed_too() -> None:
    a = (
        LEAD + "“The roof is new. The boiler is new. What is not new, sadly, is the budget "
        "for the staff who run this place. We open at nine every day.”" + TAIL
    )
    b = LEAD + "“The roof is sound. The boiler is new. We open at nine every day.”" + TAIL

    assert {f.kind for f in compare(a, b).findings} == {K.QUOTE_ALTERED, K.QUOTE_TRIMMED}
