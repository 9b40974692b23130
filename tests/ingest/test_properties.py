"""Hypothesis properties of every reader: arbitrary bytes in any input format yield
articles or skips (with a position), never an exception outside the WiretraceError tree,
and the same result twice (issue 14)."""

from __future__ import annotations

import contextlib
import gzip
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.utils.archives import arc_bytes, rss_bytes, warc_bytes
from wiretrace.errors import InputError
from wiretrace.ingest import decode_bytes, read_article
from wiretrace.ingest.readers import json_depth, load_json
from wiretrace.ingest.records import record_to_article
from wiretrace.ingest.sources import Skipped, iter_articles
from wiretrace.model import Article

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

SEEDS = {
    ".txt": b"The north quay reopened on Tuesday after a three-week repair.",
    ".html": b"<html><body><article><p>The north quay reopened on Tuesday after a "
    b"three-week repair, officials said.</p></article></body></html>",
    ".json": json.dumps({"id": "q1", "text": "The north quay reopened on Tuesday."}).encode(),
    ".jsonl": b'{"id": "a", "text": "The quay reopened."}\n{"id": "b", "text": "Ferry."}\n',
    ".warc": warc_bytes(compress="none"),
    ".warc.gz": warc_bytes(compress="member"),
    ".arc": arc_bytes(),
    ".arc.gz": gzip.compress(arc_bytes()),
    ".rss": rss_bytes(),
}


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed file of some format, cut, with bytes replaced and bytes inserted."""
    suffix = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[suffix])
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, 6))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(max_size=40))
    return suffix, bytes(data)


def _read_all(suffix: str, data: bytes) -> list[Article | Skipped]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(iter_articles([path]))
        for item in items:
            assert isinstance(item, Article | Skipped)
            if isinstance(item, Skipped):
                assert item.where.startswith(str(path)) and item.reason
            else:
                assert item.text.strip()
        return [
            i if isinstance(i, Article) else Skipped(i.where[len(folder) :], i.reason)
            for i in items
        ]


@PROPERTY
@given(case=damaged())
def test_damaged_files_of_every_format_yield_articles_or_skips(case: tuple[str, bytes]) -> None:
    suffix, data = case
    first = _read_all(suffix, data)
    assert _strip_paths(first) == _strip_paths(_read_all(suffix, data))


def _strip_paths(items: list[Article | Skipped]) -> list[object]:
    return [(i.id, i.text, i.title) if isinstance(i, Article) else i.reason for i in items]


@PROPERTY
@given(suffix=st.sampled_from([".txt", ".html", ".json"]), data=st.binary(max_size=2000))
def test_read_article_raises_only_input_errors(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"a{suffix}"
        path.write_bytes(data)
        try:
            article = read_article(path)
        except InputError:
            return
        assert article.text.strip()


@PROPERTY
@given(data=st.binary(max_size=3000))
def test_decode_bytes_gives_text_or_an_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except InputError:
        return
    assert isinstance(text, str)
    assert decode_bytes(data) == text


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@PROPERTY
@given(value=JSON_VALUES)
def test_json_depth_matches_the_structure(value: object) -> None:
    raw = json.dumps(value)

    def depth(v: object) -> int:
        if isinstance(v, list):
            return 1 + max((depth(x) for x in v), default=0)
        if isinstance(v, dict):
            return 1 + max((depth(x) for x in v.values()), default=0)
        return 0

    assert json_depth(raw) == depth(value)
    assert load_json(raw, "x") == value


@PROPERTY
@given(text=st.text(max_size=300))
def test_load_json_raises_only_format_errors(text: str) -> None:
    with contextlib.suppress(InputError):
        load_json(text, "x", 5)


@PROPERTY
@given(
    obj=st.dictionaries(st.sampled_from(["id", "text", "title", "url", "published"]), JSON_VALUES)
)
def test_record_to_article_gives_an_article_or_a_reason(obj: dict[str, object]) -> None:
    result = record_to_article(obj, "f.jsonl:1")
    if isinstance(result, Skipped):
        assert result.where == "f.jsonl:1" and result.reason
    else:
        assert result.text.strip() and result.id


@pytest.mark.parametrize("depth", [99, 100, 101])
def test_depth_limit_edges(depth: int) -> None:
    raw = "[" * depth + "]" * depth
    if depth <= 100:
        assert load_json(raw, "x") is not None
    else:
        with pytest.raises(InputError):
            load_json(raw, "x")
