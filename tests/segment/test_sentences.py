from __future__ import annotations

import pytest

from wiretrace import ConfigError, SegmentConfig, Sentence
from wiretrace.segment import is_hard_wrapped, split_sentences

#: A paragraph hard-wrapped at about 70 columns, as some archives store text.
WRAPPED = """The town council of Brennick voted on Monday to close the old
Alder Street bridge to heavy traffic after engineers found cracks in
two of its support piers during a routine inspection last month. The
council leader, Marta Keller, said the closure would hurt local
hauliers but that public safety had to come first in every case. The
bridge, which was built in 1962, carries about four thousand vehicles
each day and links the harbour district with the industrial estate on
the northern bank of the river. Repairs are expected to take a year.
"""


def _check_spans(text: str, sentences: tuple[Sentence, ...]) -> None:
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert s.start >= previous_end
        previous_end = s.end


def _texts(text: str, config: SegmentConfig | None = None) -> list[str]:
    sentences = split_sentences(text, config=config)
    _check_spans(text, sentences)
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles and the U.S. abbreviation do not end a sentence
        (
            "Mr. Keller met Dr. Varga in the U.S. capital on Monday. They spoke for an hour.",
            [
                "Mr. Keller met Dr. Varga in the U.S. capital on Monday.",
                "They spoke for an hour.",
            ],
        ),
        # initials of a name do not end a sentence
        (
            "The report was written by J. R. Hollis and A. Pell. It runs to 40 pages.",
            ["The report was written by J. R. Hollis and A. Pell.", "It runs to 40 pages."],
        ),
        # a quote with sentence ends inside stays one sentence
        (
            '"We will rebuild. We always do," Keller said. The crowd cheered.',
            ['"We will rebuild. We always do," Keller said.', "The crowd cheered."],
        ),
        # an exclamation inside a quote, then the speech verb
        ('"Stop!" he said. Nobody moved.', ['"Stop!" he said.', "Nobody moved."]),
        # curly quotes with a question inside
        (
            "“Is it safe? Nobody knows,” she said. Work resumed.",
            ["“Is it safe? Nobody knows,” she said.", "Work resumed."],
        ),
        # a quote that ends the sentence closes it
        (
            'Keller said: "The bridge is closed." Hauliers were angry.',
            ['Keller said: "The bridge is closed."', "Hauliers were angry."],
        ),
        # decimals and times are not sentence ends
        (
            "Prices rose 2.5 per cent. Shops open at 9 a.m. on Mondays.",
            ["Prices rose 2.5 per cent.", "Shops open at 9 a.m. on Mondays."],
        ),
        # a lower-case word after a period is a continuation
        (
            "The vote was 12 vs. 9 in favour. It passed.",
            ["The vote was 12 vs. 9 in favour.", "It passed."],
        ),
        # question and exclamation marks end sentences
        (
            "Will the bridge reopen? Nobody knows! Keller hopes so.",
            ["Will the bridge reopen?", "Nobody knows!", "Keller hopes so."],
        ),
        # a blank line ends a paragraph even without a full stop
        (
            "Bridge closed to lorries\n\nThe council voted on Monday. Keller agreed.",
            ["Bridge closed to lorries", "The council voted on Monday.", "Keller agreed."],
        ),
        # single newlines between short lines end sentences in text that is not wrapped
        (
            "Bridge closed to lorries\nThe council voted on Monday.\nKeller agreed.",
            ["Bridge closed to lorries", "The council voted on Monday.", "Keller agreed."],
        ),
        # an ellipsis ends a sentence when a capital follows
        ("The vote was close… Keller won.", ["The vote was close…", "Keller won."]),
        # a closing bracket after the full stop belongs to the sentence
        (
            "The bridge is old. (It was built in 1962.) Repairs start soon.",
            ["The bridge is old.", "(It was built in 1962.)", "Repairs start soon."],
        ),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_hard_wrapped_lines_are_joined() -> None:
    assert is_hard_wrapped(WRAPPED)

    sentences = _texts(WRAPPED)

    assert len(sentences) == 4
    assert sentences[0].startswith("The town council of Brennick")
    assert sentences[0].endswith("during a routine inspection last month.")
    assert sentences[1].startswith("The\ncouncil leader, Marta Keller")
    assert sentences[3] == "Repairs are expected to take a year."


def test_short_lines_are_not_hard_wrapped() -> None:
    text = "Bridge closed\nThe council voted.\nKeller agreed.\n"

    assert not is_hard_wrapped(text)


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        # every newline is a boundary
        ("always", ["The council voted to close", "the bridge on Monday."]),
        # newlines never end a sentence by themselves
        ("never", ["The council voted to close\nthe bridge on Monday."]),
        # auto: a lower-case next line continues the sentence
        ("auto", ["The council voted to close\nthe bridge on Monday."]),
    ],
)
def test_newline_boundary(mode: str, expected: list[str]) -> None:
    text = "The council voted to close\nthe bridge on Monday."

    assert _texts(text, SegmentConfig(newline_boundary=mode)) == expected


def test_bad_newline_boundary() -> None:
    with pytest.raises(ConfigError, match="newline_boundary"):
        SegmentConfig(newline_boundary="sometimes")


def test_unbalanced_quote_is_given_up_after_max_quote_chars() -> None:
    # the opening quote is never closed; without a limit all would be one sentence
    text = '"The bridge is closed. ' + " ".join(
        f"Sentence number {n} follows here." for n in range(1, 8)
    )
    config = SegmentConfig(max_quote_chars=60)

    sentences = _texts(text, config)

    assert len(sentences) > 3
    assert sentences[-1] == "Sentence number 7 follows here."


def test_regions_limit_the_split() -> None:
    text = "Skip this part. Keep this one. And this one. Skip the end."
    start = text.index("Keep")
    end = text.index(" Skip the end")

    sentences = split_sentences(text, [(start, end)])

    _check_spans(text, sentences)
    assert [s.text for s in sentences] == ["Keep this one.", "And this one."]


@pytest.mark.parametrize(
    "text",
    [
        # nothing
        "",
        # whitespace
        "  \n\n  ",
        # punctuation without letters or digits
        "... -- !!",
    ],
)
def test_no_sentences(text: str) -> None:
    assert split_sentences(text) == ()


def test_run_on_text_is_cut_into_bounded_pieces() -> None:
    text = " ".join(["lorries"] * 2000)

    sentences = _texts(text)

    assert len(sentences) > 1
    assert all(len(s) <= 3000 for s in sentences)
    assert sum(len(s.split()) for s in sentences) == 2000


def test_short_lines_join_the_next_up_to_the_unit_limit() -> None:
    text = "Oslo\nNorway\nThe harbour opened a new ferry terminal on Monday morning.\nEnd"
    cfg = SegmentConfig(newline_boundary="lines", max_sentence_chars=250, min_sentence_chars=40)

    units = [s.text for s in split_sentences(text, config=cfg)]

    assert units == [
        "Oslo\nNorway\nThe harbour opened a new ferry terminal on Monday morning.",
        "End",
    ]


def test_negative_min_sentence_chars_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        SegmentConfig(min_sentence_chars=-1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an abbreviation that ends a sentence, then a capitalised clause
        (
            "The jets will be assembled in the U.S. Corvane will also train crews.",
            ["The jets will be assembled in the U.S.", "Corvane will also train crews."],
        ),
        # ... then a sentence opener
        (
            "It was built in the U.S. The cost is high.",
            ["It was built in the U.S.", "The cost is high."],
        ),
        # the head of a name after "U.S." continues the sentence
        (
            "It is near the U.S. Navy's former site.",
            ["It is near the U.S. Navy's former site."],
        ),
        # a title abbreviation never ends a sentence
        ("He met Gen. Ilsa Vantongeren on Monday.", ["He met Gen. Ilsa Vantongeren on Monday."]),
        # "a.m." inside a sentence
        ("They met at 9 a.m. that day.", ["They met at 9 a.m. that day."]),
    ],
)
def test_abbreviation_at_a_sentence_end(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_a_closing_guillemet_after_a_space_ends_the_sentence() -> None:
    text = "« The dam held, » she said. « We were lucky. » The board met on Friday."
    assert [s.text for s in split_sentences(text)] == [
        "« The dam held, » she said.",
        "« We were lucky. »",
        "The board met on Friday.",
    ]
