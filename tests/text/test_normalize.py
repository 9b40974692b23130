"""The normalisation layer: what changes, what is kept, and offsets back to the text as read."""

from __future__ import annotations

import ftfy  # noqa: F401 - registers the sloppy-windows-1252 codec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiretrace.text.normalize import matching_key, normalize


def test_plain_ascii_is_left_alone_without_a_map() -> None:
    n = normalize("The pier reopened on Monday.")

    assert n.text == n.source and not n.changed
    assert n.span((4, 8)) == (4, 8)


@pytest.mark.parametrize(
    ("raw", "working"),
    [
        # numeric and named HTML entities in plain text
        ("Mum&#8217;s &amp; Dad&#x2019;s", "Mum’s & Dad’s"),
        # an unknown entity stays as written
        ("R&D &bogus; lab", "R&D &bogus; lab"),
        # CRLF and a lone CR
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        # BOM, soft hyphen, zero-width space removed
        ("\ufeffbak\u00adery\u200b shop", "bakery shop"),
        # no-break and thin spaces
        ("14.20\u00a0euros at 41\u202f°C", "14.20 euros at 41 °C"),
        # a no-break space between digit groups is a thousands separator
        ("some 310\u00a0000 people", "some 310,000 people"),
        # NFKC where safe: ligature and full-width letters; accents composed
        ("\ufb01ne \uff21 cafe\u0301", "fine A café"),
        # NFKC where it is not safe: superscripts, fractions, the ellipsis
        ("12 km² and ½ … done", "12 km² and ½ … done"),
        # quote marks and dashes are kept for quote extraction
        ("“Yes” – ‘no’ — «si»", "“Yes” – ‘no’ — «si»"),
    ],
)
def test_working_text(raw: str, working: str) -> None:
    assert normalize(raw).text == working


def test_mojibake_is_repaired_with_offsets_into_the_text_as_read() -> None:
    correct = "Åsnebru plant cuts jobs\n\n“We tried,” said Ingrid Øvrebø, the manager in Åsnebru."
    # what a reader that takes UTF-8 for Windows-1252 shows (ftfy registers the codec
    # that keeps the five undefined bytes, as browsers do)
    garbled = correct.encode("utf-8").decode("sloppy-windows-1252")

    n = normalize(garbled)

    assert n.text == correct
    i = n.text.index("Øvrebø")
    s, e = n.span((i, i + len("Øvrebø")))
    assert garbled[s:e] == "Ã˜vrebÃ¸"


def test_spans_map_to_what_became_them() -> None:
    raw = "A\u00a0&amp;\u00a0B\r\nC"
    n = normalize(raw)

    assert n.text == "A & B\nC"
    assert raw[slice(*n.span((2, 3)))] == "&amp;"
    assert raw[slice(*n.span((0, len(n.text))))] == raw
    assert n.span((3, 3)) == n.span((3, 4))[:1] * 2


@given(
    st.text(
        alphabet=st.sampled_from(list("ab &;#\r\n\u00a0\u00ad\ufeff’Ã…€œ1 \u0301é")), max_size=60
    )
)
def test_every_span_maps_inside_the_source(raw: str) -> None:
    n = normalize(raw)
    for i in range(len(n.text) + 1):
        for j in range(i, min(len(n.text), i + 5) + 1):
            s, e = n.span((i, j))
            assert 0 <= s <= e <= len(raw)


def test_matching_key_unifies_marks_for_matching_only() -> None:
    assert matching_key("“Yes…” – it’s  done") == matching_key('"Yes..." - it\'s done')


def test_plain_spaces_between_groups_of_three_digits_become_commas() -> None:
    n = normalize("a pipe of 148 000 metres, 1 250 000 euros")
    assert n.text == "a pipe of 148,000 metres, 1,250,000 euros"
    assert n.span((10, 17)) == (10, 17)


@pytest.mark.parametrize(
    "raw", ["in 2019 200 people left", "pages 3.5 000", "between 40 and 600 tonnes"]
)
def test_other_spaces_between_figures_are_left_alone(raw: str) -> None:
    assert normalize(raw).text == raw
