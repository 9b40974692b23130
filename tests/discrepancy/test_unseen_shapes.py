"""Findings on shapes the rules were not first fitted to: quotes over paragraphs, colon and
dash speakers, joined quotes, spelling variants, hedges both ways, ordinals, spelled-out
numbers, dropped and changed attribution. Fictional texts."""

from __future__ import annotations

import pytest

from tests.utils.factories import make_document
from wiretrace import FindingKind, compare
from wiretrace.discrepancy import extract_quotes

K = FindingKind
LEAD = "The harbour board of Lindqvist met on Monday to discuss the northern pier.\n\n"

MEMO_A = (
    LEAD + "Chair Ilse Brandt wrote in a letter to members:\n\n"
    "“The pier has served this town for ninety years. We owe it a proper repair.\n\n"
    "“The cost will be high, and some of you will disagree.\n\n"
    "“But we cannot let it fall into the sea.”\n\n"
    "The board will vote on the plan next month."
)
MEMO_B = (
    LEAD + "Chair Ilse Brandt wrote in a letter to members:\n\n"
    "“The pier has served this town for ninety years. We owe it a proper repair.\n\n"
    "“The cost will be high, and some of you will disagree.”\n\n"
    "The board will vote on the plan next month."
)


def test_a_quote_over_several_paragraphs_is_one_quote_with_its_colon_speaker() -> None:
    quotes = extract_quotes(make_document(MEMO_A))

    assert len(quotes) == 1
    assert quotes[0].text.startswith("The pier has served")
    assert quotes[0].text.endswith("fall into the sea")
    assert quotes[0].speaker is not None and quotes[0].speaker.endswith("Ilse Brandt")


def test_a_quote_cut_by_a_paragraph_is_trimmed_not_omitted() -> None:
    result = compare(MEMO_A, MEMO_B)

    assert [f.kind for f in result.findings] == [K.QUOTE_TRIMMED]


def test_a_speaker_after_a_dash_on_the_next_line() -> None:
    text = LEAD + "“We owe the town a proper repair.”\n—Councillor Mariam Osei\n\nMore later."

    (quote,) = extract_quotes(make_document(text))

    assert quote.speaker == "Councillor Mariam Osei"


def test_a_quote_given_to_another_speaker_on_a_dash_line() -> None:
    a = LEAD + "“We owe the town a proper repair,” said Councillor Mariam Osei.\n\nMore later."
    b = LEAD + "“We owe the town a proper repair.”\n—Councillor Tomas Vance\n\nMore later."

    assert K.ATTRIBUTION_CHANGED in {f.kind for f in compare(a, b).findings}


def test_quotes_joined_under_one_speaker_are_the_same_quotes() -> None:
    a = LEAD + (
        "“We would rather wait than rush,” Brandt told reporters. "
        "“A rushed repair would cost us more.”"
    )
    b = LEAD + (
        "Brandt told reporters: “We would rather wait than rush. "
        "A rushed repair would cost us more.”"
    )

    assert compare(a, b).findings == ()


@pytest.mark.parametrize(
    ("a_quote", "b_quote"),
    [
        # guillemets against curly quotes
        ("«The programme will go on»", "“The program will go on”"),
        # German low-high quotes, British spelling
        ("„The harbour must stay open“", "„The harbor must stay open“"),
    ],
)
def test_quote_marks_and_spelling_variants_are_no_change(a_quote: str, b_quote: str) -> None:
    a = LEAD + f"{a_quote}, said Brandt on Monday."
    b = LEAD + f"{b_quote}, said Brandt on Monday."

    assert compare(a, b).findings == ()


@pytest.mark.parametrize(
    ("a_clause", "b_clause"),
    [
        # a hedge dropped
        ("the board was likely to approve the repair", "the board would approve the repair"),
        ("the contractor had reportedly been paid twice", "the contractor had been paid twice"),
        # a hedge added
        ("the storm will hit the pier on Friday", "the storm may hit the pier on Friday"),
        ("the work would end in May", "the work was expected to end in May"),
    ],
)
def test_hedges_both_ways(a_clause: str, b_clause: str) -> None:
    a = LEAD + f"Brandt said {a_clause}, after a long debate in the hall."
    b = LEAD + f"Brandt said {b_clause}, after a long debate in the hall."

    assert [f.kind for f in compare(a, b).findings] == [K.HEDGE_CHANGED]


@pytest.mark.parametrize(
    ("a_text", "b_text"),
    [
        # an ordinal is a rank, not a count
        (
            "Vell scored in the 87th minute before a crowd of 9,200.",
            "Vell scored in the 87th-minute before a crowd of 9,200.",
        ),
        # "a dozen" = 12, "a quarter of" = 25 percent, spelled-out = digits
        (
            "A dozen boats and a quarter of the crews stayed.",
            "Twelve boats and 25 percent of the crews stayed.",
        ),
        ("Twenty-one members voted for it.", "21 members voted for it."),
    ],
)
def test_figures_written_another_way_are_no_change(a_text: str, b_text: str) -> None:
    assert compare(LEAD + a_text, LEAD + b_text).findings == ()


def test_a_figure_changed_in_a_reworded_clause_is_reported_once() -> None:
    a = LEAD + "Exports to Serra fell 13 percent, while exports to Vell fell about 25 percent."
    b = LEAD + "Exports to Vell fell about 25%, and shipments to Serra dropped 15%."

    changes = [f for f in compare(a, b).findings if f.kind is K.NUMBER_CHANGED]

    assert len(changes) == 1
    assert changes[0].a_text is not None and "13" in changes[0].a_text
    assert changes[0].b_text is not None and "15" in changes[0].b_text


def test_a_warning_stated_as_fact_drops_its_source() -> None:
    a = LEAD + "Harbour master Tomas Brekke warned that the pier had begun to sink."
    b = LEAD + "The pier has begun to sink."

    found = compare(a, b).findings
    assert K.ATTRIBUTION_DROPPED in {f.kind for f in found}
    assert K.OMISSION not in {f.kind for f in found}
