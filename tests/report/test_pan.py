"""PAN text-alignment XML: one document element per pair, one feature per passage."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.test_reuse import COPY, SOURCE
from wiretrace.model import Passage
from wiretrace.report.pan import pan_output_name, pan_xml
from wiretrace.reuse import find_reuse, plain_text_config

SUSP = "suspicious-document00005.txt"
SRC = "source-document01090.txt"


def passage(a_span: tuple[int, int], b_span: tuple[int, int]) -> Passage:
    return Passage(
        a_span=a_span,
        b_span=b_span,
        a_sentences=(0, 1),
        b_sentences=(0, 1),
        similarity=0.9,
        seeds=2,
    )


def test_one_feature_per_passage_with_offsets_and_lengths() -> None:
    passages = (passage((1300, 1998), (3593, 4291)), passage((0, 665), (7344, 8009)))

    root = ET.fromstring(pan_xml(SUSP, SRC, passages))

    assert root.tag == "document"
    assert root.attrib == {"reference": SUSP}
    features = root.findall("feature")
    assert [f.attrib for f in features] == [
        {
            "name": "detected-plagiarism",
            "this_offset": "3593",
            "this_length": "698",
            "source_reference": SRC,
            "source_offset": "1300",
            "source_length": "698",
        },
        {
            "name": "detected-plagiarism",
            "this_offset": "7344",
            "this_length": "665",
            "source_reference": SRC,
            "source_offset": "0",
            "source_length": "665",
        },
    ]
    assert len(root) == len(features)  # nothing but features


def test_no_passage_gives_an_empty_document() -> None:
    root = ET.fromstring(pan_xml(SUSP, SRC, ()))

    assert root.attrib == {"reference": SUSP}
    assert len(root) == 0


def test_names_are_escaped() -> None:
    susp, src = 'odd "name" & <more>.txt', "it's.txt"

    root = ET.fromstring(pan_xml(susp, src, (passage((0, 10), (5, 20)),)))

    assert root.attrib["reference"] == susp
    assert [f.get("source_reference") for f in root.findall("feature")] == [src]


def test_offsets_point_at_the_passages() -> None:
    passages = find_reuse(SOURCE, COPY, config=plain_text_config())
    assert passages

    root = ET.fromstring(pan_xml("copy.txt", "source.txt", passages))

    for p, f in zip(passages, root.findall("feature"), strict=True):
        this = int(f.get("this_offset", "")), int(f.get("this_length", ""))
        source = int(f.get("source_offset", "")), int(f.get("source_length", ""))
        assert COPY[this[0] : this[0] + this[1]] == COPY[p.b_span[0] : p.b_span[1]]
        assert SOURCE[source[0] : source[0] + source[1]] == SOURCE[p.a_span[0] : p.a_span[1]]


@pytest.mark.parametrize(
    ("susp", "src", "expected"),
    [
        # the PAN names
        (SUSP, SRC, "suspicious-document00005-source-document01090.xml"),
        # a folder in the name is not part of the output name
        ("susp/a.txt", "src/b.txt", "a-b.xml"),
        # a name without an extension
        ("a", "b", "a-b.xml"),
    ],
)
def test_output_name(susp: str, src: str, expected: str) -> None:
    assert pan_output_name(susp, src) == expected
