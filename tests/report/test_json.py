from __future__ import annotations

import json
from datetime import UTC, datetime

from tests.utils.texts import BRIDGE, ORCHID, bridge, story
from wiretrace import Article, compare, comparison_to_dict
from wiretrace.report import SCHEMA_VERSION

A = bridge()
B = "By Henrike Sol\n" + bridge({1: BRIDGE[1].replace("12 cracks", "21 cracks")})


def test_schema_and_round_trip() -> None:
    data = comparison_to_dict(compare(A, B))

    assert data["schema_version"] == SCHEMA_VERSION
    assert SCHEMA_VERSION.count(".") == 1
    assert json.loads(json.dumps(data)) == data
    assert set(data) >= {
        "schema_version",
        "a",
        "b",
        "related",
        "verdict",
        "coverage",
        "direction",
        "boilerplate",
        "alignments",
        "findings",
    }


def test_documents_carry_metadata() -> None:
    published = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
    a = Article(
        text=A,
        title="Bridge closed",
        outlet="Nordpress",
        url="https://n.example/1",
        published=published,
        path="wire.json",
    )

    data = comparison_to_dict(compare(a, B))

    assert data["a"] == {
        "path": "wire.json",
        "title": "Bridge closed",
        "url": "https://n.example/1",
        "outlet": "Nordpress",
        "published": "2026-03-02T07:30:00+00:00",
        "chars": len(A),
        "sentences": len(BRIDGE),
        "language": "en",
        "title_span": None,
    }
    assert data["b"]["published"] is None
    assert data["b"]["path"] is None


def test_spans_match_texts() -> None:
    data = comparison_to_dict(compare(A, B))

    (bp,) = data["boilerplate"]["b"]
    assert bp == {"span": [0, 14], "reason": "byline", "text": "By Henrike Sol"}
    assert data["boilerplate"]["a"] == []
    for al in data["alignments"]:
        assert 0 <= al["similarity"] <= 1
        assert al["kind"] in {"verbatim", "near_verbatim", "paraphrase"}
        assert len(al["a_sentences"]) >= 1 and len(al["b_sentences"]) >= 1
    (finding,) = data["findings"]
    assert finding["kind"] == "number_changed"
    assert A[slice(*finding["a_span"])] == finding["a_text"] == "12"
    assert B[slice(*finding["b_span"])] == finding["b_text"] == "21"
    assert 0 < finding["confidence"] <= 1
    assert finding["explanation"]


def test_one_sided_findings_have_null_spans() -> None:
    data = comparison_to_dict(compare(A, bridge(drop=(6,))))

    omissions = [f for f in data["findings"] if f["kind"] == "omission"]
    assert omissions
    assert omissions[0]["b_span"] is None
    assert omissions[0]["b_text"] is None


def test_unrelated() -> None:
    data = comparison_to_dict(compare(A, story(*ORCHID)))

    assert data["related"] is False
    assert data["alignments"] == []
    assert data["findings"] == []
    assert data["direction"]["source"] is None


def test_each_side_carries_its_language_and_headline_span() -> None:
    a = "Bridge closed after cracks found\n\n" + A
    data = comparison_to_dict(compare(a, B))

    assert data["a"]["language"] == "en" and data["b"]["language"] == "en"
    start, end = data["a"]["title_span"]
    assert a[start:end] == "Bridge closed after cracks found"
    assert data["b"]["title_span"] is None
