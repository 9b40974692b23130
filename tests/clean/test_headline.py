"""The headline rule (one function the compare pipeline and ingest share)."""

from __future__ import annotations

import pytest

from wiretrace.clean import headline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # short, no closing period, blank line after: a headline
        ("Ferry runs aground, 14 hurt\n\nA ferry ran aground.", "Ferry runs aground, 14 hurt"),
        # leading blank lines are skipped
        ("\n\n  Pier reopens after storm  \n\nThe pier reopened.", "Pier reopens after storm"),
        # a question is a headline too
        ("Will the pier reopen?\n\nThe harbour board meets today.", "Will the pier reopen?"),
    ],
)
def test_headline(text: str, expected: str) -> None:
    span = headline(text)

    assert span is not None and text[span[0] : span[1]] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a first sentence with a closing period stays in the body
        "The pier reopened on Monday.\n\nIt had been shut for a week.",
        # no blank line after it: the first line of a paragraph
        "The pier reopened\non Monday after a week.",
        # a line that opens what follows
        "The board said:\n\nThe pier reopens on Monday.",
        # nothing after it
        "Pier reopens after storm\n\n",
        # one word is a section label, not a headline
        "Harbour\n\nThe pier reopened on Monday.",
        # too long for a headline
        " ".join(["word"] * 30) + "\n\nThe pier reopened.",
    ],
)
def test_no_headline(text: str) -> None:
    assert headline(text) is None


def test_headline_from_an_offset() -> None:
    text = "By Ola Nord\n\nPier reopens\n\nThe pier reopened."

    span = headline(text, text.index("Pier"))

    assert span is not None and text[span[0] : span[1]] == "Pier reopens"
