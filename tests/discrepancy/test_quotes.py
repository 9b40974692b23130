from __future__ import annotations

import pytest

from tests.utils.factories import make_document
from wiretrace import Document, Quote
from wiretrace.discrepancy import RuleBasedAttributor, extract_quotes
from wiretrace.discrepancy.quotes import quote_words, same_speaker


def _quotes(text: str) -> tuple[Quote, ...]:
    doc = make_document(text)
    quotes = extract_quotes(doc)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        sentence = doc.sentences[q.sentence]
        assert sentence.start <= q.start <= q.end <= sentence.end
        if q.speaker_span is not None:
            assert 0 <= q.speaker_span[0] < q.speaker_span[1] <= len(text)
        if q.attribution_span is not None:
            start, end = q.attribution_span
            assert text[start:end].strip(" ,:;") == q.attribution
    return quotes


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        # straight double quotes; the trailing comma is not part of the quote
        ('"We cannot take any chances," Keller said.', "We cannot take any chances"),
        # curly double quotes
        ("“We cannot take any chances,” Keller said.", "We cannot take any chances"),
        # guillemets
        ("«Nous fermons le pont», a déclaré Marta Keller.", "Nous fermons le pont"),
        # single curly quotes at word boundaries
        ("Keller called the plan ‘a sensible compromise’ on Monday.", "a sensible compromise"),
        # a quoted fragment inside reported speech
        ('Keller said the risk was "low but real".', "low but real"),
    ],
)
def test_quote_text_and_span(text: str, inner: str) -> None:
    quotes = _quotes(text)

    assert [q.text for q in quotes] == [inner]


@pytest.mark.parametrize(
    "text",
    [
        # apostrophes are not quotation marks
        "Keller’s plan, which the council’s members backed, passed on Monday.",
        # quotation marks around no letters
        'The vote was "..." according to the minutes.',
    ],
)
def test_no_quotes(text: str) -> None:
    assert _quotes(text) == ()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # name and verb after the quote
        pytest.param('"We cannot take any chances," Keller told reporters.', "Keller", id="after"),
        # name and verb before the quote
        pytest.param(
            'Council leader Marta Keller said: "We cannot take any chances."',
            "Marta Keller",
            id="before",
        ),
        # inverted verb, the name ends the sentence (no full stop in the speaker)
        pytest.param(
            '"We cannot take any chances," said Marta Keller.', "Marta Keller", id="said-name"
        ),
        # an unnamed collective source
        pytest.param('"Nobody was hurt," police said.', "police", id="collective"),
        # a pronoun resolved to the last named speaker
        pytest.param(
            'Marta Keller said the bridge was unsafe. "We cannot take any chances," she said.',
            "Marta Keller",
            id="pronoun",
        ),
        # inverted verb with a role before the name
        pytest.param(
            '"We cannot take any chances," said council leader Marta Keller.',
            "Marta Keller",
            id="said-role-name",
        ),
        # role before the name, verb last
        pytest.param(
            '"We cannot take any chances," council leader Marta Keller said.',
            "Marta Keller",
            id="role-name-said",
        ),
        # "According to" at the start of the sentence
        pytest.param(
            'According to Marta Keller, "the bridge is beyond repair".',
            "Marta Keller",
            id="according-to",
        ),
    ],
)
def test_speaker(text: str, speaker: str) -> None:
    (quote,) = _quotes(text)

    assert quote.speaker is not None
    assert quote.speaker.endswith(speaker)


@pytest.mark.parametrize(
    ("text", "speaker", "intermediary"),
    [
        # "<agency> quoted <name> as saying", quote at the end
        (
            "The Nordpress agency quoted Jonas Pell as saying the closure was "
            '"regrettable but necessary".',
            "Jonas Pell",
            "Nordpress agency",
        ),
        # the same chain after the quote
        (
            '"It is regrettable," the Nordpress agency quoted Jonas Pell as saying.',
            "Jonas Pell",
            "Nordpress agency",
        ),
    ],
)
def test_second_hand_quote_keeps_its_intermediary(
    text: str, speaker: str, intermediary: str
) -> None:
    (quote,) = _quotes(text)

    assert quote.speaker == speaker
    assert quote.intermediary is not None
    assert quote.intermediary.endswith(intermediary)


def test_a_following_quote_continues_the_speaker() -> None:
    quotes = _quotes("“The bridge is closed,” Keller said. “It will stay closed until June.”")

    assert [q.speaker for q in quotes] == ["Keller", "Keller"]


def test_a_new_attribution_is_not_inherited_from_the_previous_quote() -> None:
    text = (
        '"We will not reopen until it is safe," Marta Keller told reporters. '
        "The regional broadcaster RTB quoted transport official Jonas Pell as saying the "
        'closure was "regrettable but necessary".'
    )

    first, second = _quotes(text)

    assert first.speaker == "Marta Keller"
    assert second.speaker is not None
    assert "Jonas Pell" in second.speaker
    assert second.intermediary is not None
    assert second.intermediary.endswith("RTB")


def test_custom_attributor_is_used() -> None:
    class Everyone:
        def attribute(self, doc: Document, quotes: list[Quote]) -> list[Quote]:
            return [
                Quote(start=q.start, end=q.end, text=q.text, sentence=q.sentence, speaker="X")
                for q in quotes
            ]

    doc = make_document('"We cannot take any chances," Keller said.')

    assert [q.speaker for q in extract_quotes(doc, Everyone())] == ["X"]
    assert [q.speaker for q in extract_quotes(doc, RuleBasedAttributor())] == ["Keller"]


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        # the surname alone matches the full name
        ("Keller", "Marta Keller", True),
        # a title is ignored
        ("Mayor Keller", "Marta Keller", True),
        # different people
        ("Jonas Pell", "Marta Keller", False),
        # a pronoun says nothing
        ("she", "Marta Keller", None),
        # unknown speaker
        (None, "Marta Keller", None),
    ],
)
def test_same_speaker(x: str | None, y: str | None, expected: bool | None) -> None:
    assert same_speaker(x, y) is expected


def test_quote_words_fold_case_accents_and_apostrophes() -> None:
    assert quote_words("The Café’s roof, Keller's plan") == [
        "the",
        "cafe",
        "roof",
        "keller",
        "plan",
    ]
