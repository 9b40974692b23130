from __future__ import annotations

import itertools

import pytest

from tests.utils.factories import make_document
from wiretrace import BoilerplateReason, BoilerplateSpan, CleanConfig
from wiretrace.clean import find_boilerplate, kept_regions

R = BoilerplateReason

#: A page copy with every kind of furniture around a five-sentence body.
FURNISHED = """…council votes to shut Alder Street bridge
By Henrike Sol
BRENNICK (Nordpress) - The town council voted on Monday to close the old bridge to heavy traffic.
Photo: Council engineers inspect a cracked pier / Nordpress
Engineers found cracks in two of the bridge's support piers.

READ ALSO:
Ferry timetable changes for the summer season
New cycle lane opens along the harbour front

Council leader Marta Keller said the closure would hurt local hauliers.
The bridge carries about 4,000 vehicles a day.
More from Brennick Daily:
Harbour festival returns after five-year pause
Local bakery wins regional bread prize
School roof repairs finish ahead of schedule
"""

FURNISHED_BODY = (
    "The town council voted on Monday to close the old bridge to heavy traffic.",
    "Engineers found cracks in two of the bridge's support piers.",
    "Council leader Marta Keller said the closure would hurt local hauliers.",
    "The bridge carries about 4,000 vehicles a day.",
)


def _by_reason(spans: tuple[BoilerplateSpan, ...]) -> dict[BoilerplateReason, list[str]]:
    out: dict[BoilerplateReason, list[str]] = {}
    for span in spans:
        out.setdefault(span.reason, []).append(span.text)
    return out


def _assert_well_formed(text: str, spans: tuple[BoilerplateSpan, ...]) -> None:
    previous_end = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip()
        assert span.start >= previous_end, "spans overlap or are out of order"
        previous_end = span.end


def _removed(text: str, spans: tuple[BoilerplateSpan, ...], line: str) -> bool:
    start = text.index(line)
    end = start + len(line)
    return any(s.start < end and start < s.end for s in spans)


def test_every_kind_of_furniture_is_found_with_exact_spans() -> None:
    spans = find_boilerplate(FURNISHED)

    _assert_well_formed(FURNISHED, spans)
    assert _by_reason(spans) == {
        R.TITLE_FRAGMENT: ["…council votes to shut Alder Street bridge"],
        R.BYLINE: ["By Henrike Sol"],
        R.DATELINE: ["BRENNICK (Nordpress) -"],
        R.PHOTO_CREDIT: ["Photo: Council engineers inspect a cracked pier / Nordpress"],
        R.RELATED_LINKS: [
            "READ ALSO:\nFerry timetable changes for the summer season\n"
            "New cycle lane opens along the harbour front",
            "More from Brennick Daily:\nHarbour festival returns after five-year pause\n"
            "Local bakery wins regional bread prize\nSchool roof repairs finish ahead of schedule",
        ],
    }


def test_body_survives_cleaning_and_segmentation() -> None:
    doc = make_document(FURNISHED)

    assert tuple(s.text for s in doc.sentences) == FURNISHED_BODY
    for sentence in doc.sentences:
        for bp in doc.boilerplate:
            assert sentence.end <= bp.start or bp.end <= sentence.start


@pytest.mark.parametrize(
    ("text", "reason", "expected"),
    [
        # a "Related:" header with the linked headline on the same line
        pytest.param(
            "The council met on Monday.\n"
            "Related: Ferry timetable changes for the summer season\n"
            "Keller said the vote was close.\n",
            R.RELATED_LINKS,
            "Related: Ferry timetable changes for the summer season",
            id="related-inline",
        ),
        # "READ ALSO:" followed by bulleted headlines
        pytest.param(
            "The council met on Monday.\n"
            "READ ALSO:\n"
            "- Ferry timetable changes for the summer season\n"
            "- New cycle lane opens along the harbour front\n"
            "Keller said the vote was close.\n",
            R.RELATED_LINKS,
            "READ ALSO:\n- Ferry timetable changes for the summer season\n"
            "- New cycle lane opens along the harbour front",
            id="read-also-bullets",
        ),
        # "More from <outlet>:" and headline lines up to the end
        pytest.param(
            "The council met on Monday.\n"
            "Keller said the vote was close.\n"
            "More from Velmora Post:\n"
            "Harbour festival returns after five-year pause\n",
            R.RELATED_LINKS,
            "More from Velmora Post:\nHarbour festival returns after five-year pause",
            id="more-from",
        ),
        # three headline lines with no header after the last body sentence
        pytest.param(
            "The council met on Monday.\n"
            "Keller said the vote was close.\n\n"
            "Harbour festival returns after five-year pause\n"
            "Local bakery wins regional bread prize\n"
            "School roof repairs finish ahead of schedule\n",
            R.TRAILING_HEADLINES,
            "Harbour festival returns after five-year pause\n"
            "Local bakery wins regional bread prize\n"
            "School roof repairs finish ahead of schedule",
            id="trailing-headlines",
        ),
        # a truncated title fragment starting with an ellipsis (three dots)
        pytest.param(
            "...votes to shut Alder Street bridge\nThe council met on Monday.\n",
            R.TITLE_FRAGMENT,
            "...votes to shut Alder Street bridge",
            id="title-fragment-dots",
        ),
        # a byline with a role after a comma
        pytest.param(
            "By Henrike Sol, Transport Correspondent\nThe council met on Monday.\n",
            R.BYLINE,
            "By Henrike Sol, Transport Correspondent",
            id="byline-role",
        ),
        # a photo credit line in brackets
        pytest.param(
            "The council met on Monday.\n(Photo: Brennick Daily/Ilse Varga)\n"
            "Keller said the vote was close.\n",
            R.PHOTO_CREDIT,
            "(Photo: Brennick Daily/Ilse Varga)",
            id="photo-credit",
        ),
        # a dateline with an agency in brackets and an en dash
        pytest.param(
            "VELMORA (Nordpress) – The council met on Monday.\n",
            R.DATELINE,
            "VELMORA (Nordpress) –",
            id="dateline-en-dash",
        ),
    ],
)
def test_single_kind(text: str, reason: BoilerplateReason, expected: str) -> None:
    spans = find_boilerplate(text)

    _assert_well_formed(text, spans)
    assert [(s.reason, s.text) for s in spans] == [(reason, expected)]


BODY_ONLY = [
    # a short last body sentence ending with a period
    pytest.param(
        "The town council voted on Monday to close the old bridge.\n"
        "Engineers found cracks in two piers.\n"
        "Keller said the closure would hurt hauliers.\n"
        "It reopens in May.\n",
        id="short-last-sentence",
    ),
    # the last lines are ordinary sentences, one per line
    pytest.param(
        "The town council voted on Monday to close the old bridge.\n"
        "Engineers found cracks in two piers.\n"
        "Repairs will take a year.\n"
        "Hauliers must use the ring road.\n"
        "Buses are not affected.\n",
        id="sentences-at-end",
    ),
    # only two headline-like lines at the end: fewer than min_trailing_headlines
    pytest.param(
        "The town council voted on Monday to close the old bridge.\n"
        "Harbour festival returns after five-year pause\n"
        "Local bakery wins regional bread prize\n",
        id="two-headlines",
    ),
    # a body sentence that starts with "Related"
    pytest.param(
        "The two unions met on Monday.\n"
        "Related talks between the unions broke down on Friday after three hours.\n"
        "Both sides will meet again next week.\n",
        id="starts-with-related",
    ),
    # a body sentence that starts with "By" and a time phrase
    pytest.param(
        "By noon the river had risen two metres.\n"
        "Engineers closed the old bridge as a precaution.\n",
        id="starts-with-by",
    ),
    # a body sentence about pictures, ending with a period
    pytest.param(
        "The storm hit overnight.\n"
        "Photos of the flooded square were shared thousands of times on Tuesday.\n",
        id="photos-sentence",
    ),
    # capitals at the start of a sentence are not a dateline without a dash
    pytest.param(
        "NATO ministers met in Velmora on Monday.\nThey agreed to meet again in June.\n",
        id="capitals-no-dash",
    ),
    # a quote that ends a line, then an ordinary sentence
    pytest.param(
        'Keller said the closure was "regrettable but necessary"\n'
        "The council will review it in June.\n",
        id="quote-line",
    ),
]


@pytest.mark.parametrize("text", BODY_ONLY)
def test_body_lines_are_never_removed(text: str) -> None:
    spans = find_boilerplate(text)

    assert spans == ()
    assert kept_regions(text, spans) == [(0, len(text))]


@pytest.mark.parametrize(
    ("config", "gone"),
    [
        # related-link blocks kept when switched off
        (CleanConfig(related_links=False), R.RELATED_LINKS),
        # the title fragment kept when switched off
        (CleanConfig(title_fragment=False), R.TITLE_FRAGMENT),
        # bylines kept when switched off
        (CleanConfig(bylines=False), R.BYLINE),
        # datelines go with the byline switch
        (CleanConfig(bylines=False), R.DATELINE),
        # photo credits go with the byline switch too
        (CleanConfig(bylines=False), R.PHOTO_CREDIT),
    ],
)
def test_switches(config: CleanConfig, gone: BoilerplateReason) -> None:
    assert gone in {s.reason for s in find_boilerplate(FURNISHED)}
    assert gone not in {s.reason for s in find_boilerplate(FURNISHED, config)}


def test_min_trailing_headlines() -> None:
    text = (
        "The council met on Monday.\n"
        "Harbour festival returns after five-year pause\n"
        "Local bakery wins regional bread prize\n"
        "School roof repairs finish ahead of schedule\n"
    )

    assert [s.reason for s in find_boilerplate(text)] == [R.TRAILING_HEADLINES]
    assert find_boilerplate(text, CleanConfig(min_trailing_headlines=4)) == ()
    assert find_boilerplate(text, CleanConfig(trailing_headlines=False)) == ()


def test_spans_never_overlap() -> None:
    # a byline-shaped line inside a related-links block is claimed by one span only
    text = "The council met on Monday.\nREAD ALSO:\nBy Henrike Sol\nKeller said it was close.\n"

    spans = find_boilerplate(text)

    _assert_well_formed(text, spans)
    assert "READ ALSO:" in "".join(s.text for s in spans)


def test_an_article_of_headlines_only_is_kept() -> None:
    # with no body left, the lines are the article, not a list of links
    text = (
        "Harbour festival returns after five-year pause\n"
        "Local bakery wins regional bread prize\n"
        "School roof repairs finish ahead of schedule\n"
    )

    assert find_boilerplate(text) == ()


def test_crlf_offsets() -> None:
    text = FURNISHED.replace("\n", "\r\n")

    spans = find_boilerplate(text)

    _assert_well_formed(text, spans)
    assert [s.reason for s in spans] == [s.reason for s in find_boilerplate(FURNISHED)]


@pytest.mark.parametrize(
    "text",
    [
        # empty text
        "",
        # whitespace only
        " \n\n\t\n",
    ],
)
def test_no_text_no_spans(text: str) -> None:
    assert find_boilerplate(text) == ()


def test_kept_regions_are_the_complement() -> None:
    spans = find_boilerplate(FURNISHED)
    regions = kept_regions(FURNISHED, spans)

    pieces = sorted([(s.start, s.end) for s in spans] + regions)
    assert pieces[0][0] == 0
    assert pieces[-1][1] == len(FURNISHED)
    for (_, end), (start, _) in itertools.pairwise(pieces):
        assert end == start


@pytest.mark.parametrize(
    ("text", "reason", "removed"),
    [
        # an outlet credit in place of a place name
        ("(Nordpress) - The pier reopened on Monday.\n\nMore.", "dateline", "(Nordpress) -"),
        ("Nordpress — The pier reopened on Monday.\n\nMore.", "dateline", "Nordpress —"),
        # sign-offs crediting a wire or agencies
        ("The pier reopened.\n\nNordpress contributed to this report.", "byline", None),
        ("The pier reopened.\n\nMore text.\n\n— Agencies", "byline", "— Agencies"),
        ("The pier reopened.\n\nWith agencies", "byline", "With agencies"),
        # editors' notes, at the top or the bottom
        ("The pier reopened.\n\nThis is a breaking news story.", "editors_note", None),
        ("This story has been updated.\n\nThe pier reopened.", "editors_note", None),
    ],
)
def test_credits_and_editors_notes(text: str, reason: str, removed: str | None) -> None:
    spans = find_boilerplate(text)

    assert [s.reason.value for s in spans] == [reason]
    if removed is not None:
        assert spans[0].text == removed


def test_a_sentence_about_the_story_is_not_an_editors_note() -> None:
    assert find_boilerplate("The pier reopened.\n\nThis story is about the pier.") == ()


def test_sign_offs_that_credit_reporting_or_staff_with_agencies_are_removed() -> None:
    body = "The Tessmoor water board met on Thursday.\n\nIt meets again in three weeks.\n\n"
    for line in (
        "This report is based on reporting by Nordpress.",
        "Based on reports from Nordpress and agencies.",
        "Tessmoor Courier staff, with agencies",
        "Staff and agencies",
    ):
        spans = find_boilerplate(body + line)
        assert (body + line)[spans[-1].start : spans[-1].end] == line


def test_a_sentence_about_staff_is_not_a_sign_off() -> None:
    body = "The Tessmoor water board met on Thursday.\n\nIt meets again in three weeks.\n\n"
    assert find_boilerplate(body + "The staff and volunteers were thanked.") == ()
