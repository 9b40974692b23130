"""Hostile and broken inputs: each bad file or record is skipped with its position, every
good record is kept, and nothing raises outside the WiretraceError tree (issue 14)."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.utils.archives import STORIES, arc_bytes, rss_bytes, warc_bytes
from wiretrace.config import IngestConfig
from wiretrace.errors import InputFormatError, InputTooLargeError
from wiretrace.ingest import read_article
from wiretrace.ingest.readers import json_depth, load_json
from wiretrace.ingest.sources import Skipped, iter_articles
from wiretrace.model import Article

URIS = [uri for uri, _, _ in STORIES]


def split(items: list[Article | Skipped]) -> tuple[list[Article], list[Skipped]]:
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Skipped)
    ]


def read(*paths: Path, config: IngestConfig | None = None) -> tuple[list[Article], list[Skipped]]:
    return split(list(iter_articles(paths, config)))


@pytest.mark.parametrize("depth", [101, 100_000])
def test_deeply_nested_json_file_is_a_format_error(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"text": ' + "[" * depth + "]" * depth + "}")
    with pytest.raises(InputFormatError, match="nested"):
        read_article(path)


def test_deeply_nested_jsonl_line_is_skipped_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "day.jsonl"
    good = {"id": "g1", "text": "The north quay reopened on Tuesday after repairs."}
    path.write_text(
        json.dumps(good) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n{broken\n"
        + json.dumps({**good, "id": "g2", "text": "A second story about the ferry."}) + "\n"
    )  # fmt: skip
    articles, skipped = read(path)
    assert [a.id for a in articles] == ["g1", "g2"]
    assert [s.where for s in skipped] == [f"{path}:2", f"{path}:3"]
    assert "nested 100000 levels" in skipped[0].reason


def test_json_depth_ignores_brackets_inside_strings() -> None:
    assert json_depth('{"text": "[[[[{{{{"}') == 1
    assert json_depth('[["a\\"]]"]]') == 2
    assert load_json('{"a": "' + "[" * 500 + '"}', "x") == {"a": "[" * 500}


def test_json_depth_limit_is_a_setting(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"text": "Quay reopens after the repair.", "extra": [[[[1]]]]}')
    assert read_article(path).text.startswith("Quay")
    with pytest.raises(InputFormatError, match="max_depth"):
        read_article(path, IngestConfig(max_depth=3))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        # the standard layout: one gzip member per record
        ("crawl.warc.gz", warc_bytes(compress="member")),
        # one gzip stream for the whole file (field case 18): valid, read as a stream
        ("stream.warc.gz", warc_bytes(compress="stream")),
        # uncompressed
        ("crawl.warc", warc_bytes(compress="none")),
        # ARC, the older format (field case 19), plain and gzipped as one stream
        ("crawl.arc", arc_bytes()),
        ("crawl.arc.gz", gzip.compress(arc_bytes())),
    ],
)
def test_every_archive_layout_yields_every_response(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    articles, skipped = read(path)
    assert [a.id for a in articles] == URIS, skipped
    assert skipped == []
    assert articles[0].text.startswith("Quay reopens") and "Contact us" not in articles[0].text


@pytest.mark.parametrize("compress", ["member", "stream"])
def test_cut_off_gzip_warc_keeps_the_whole_records(tmp_path: Path, compress: str) -> None:
    data = warc_bytes(compress=compress)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 200])  # the last record loses its end
    articles, skipped = read(path)
    assert [a.id for a in articles] == URIS[: len(articles)]
    assert len(articles) >= (2 if compress == "member" else 1)
    assert len(skipped) == 1 and skipped[0].where.startswith(str(path))
    assert "truncated" in skipped[0].reason or "cut off" in skipped[0].reason


def test_warc_with_a_truncated_record_header(tmp_path: Path) -> None:
    data = warc_bytes(compress="none")
    second = data.index(b"WARC/1", 10)
    path = tmp_path / "head.warc"
    path.write_bytes(data[: second + 40])  # the second record stops inside its header
    articles, skipped = read(path)
    assert [a.id for a in articles] == URIS[:1]
    assert len(skipped) == 1 and "record" in skipped[0].reason


@pytest.mark.parametrize("size", [0, 1, 2, 10, 60])
def test_warc_cut_at_the_start(tmp_path: Path, size: int) -> None:
    path = tmp_path / "tiny.warc.gz"
    path.write_bytes(warc_bytes()[:size])
    articles, skipped = read(path)
    assert articles == []
    assert len(skipped) <= 1


def test_response_body_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_bytes(compress="none"))
    articles, skipped = read(path, config=IngestConfig(max_bytes=200))
    assert articles == []
    assert len(skipped) == 3 and all("max_bytes" in s.reason for s in skipped)


BOMB = (
    '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)


@pytest.mark.parametrize(
    "doctype",
    [
        # entity expansion ("billion laughs")
        BOMB,
        # an external entity naming a local file
        '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>',
        # an external parameter entity
        '<!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;]>',
    ],
)
def test_feeds_declaring_entities_are_refused(tmp_path: Path, doctype: str) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(rss_bytes(doctype=doctype).replace(b"</description>", b" &d;</description>"))
    articles, skipped = read(path)
    assert articles == []
    assert len(skipped) == 1 and "entities" in skipped[0].reason


def test_a_feed_naming_a_local_file_is_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes(rss_bytes())
    path = tmp_path / "feed.rss"
    path.write_text(str(secret))  # feedparser would open a file named by a string
    articles, _ = read(path)
    assert articles == []


def test_a_plain_feed_is_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(rss_bytes(doctype="<!DOCTYPE rss>"))
    articles, skipped = read(path)
    assert [a.id for a in articles] == URIS and skipped == []


def test_a_feed_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(rss_bytes())
    articles, skipped = read(path, config=IngestConfig(max_bytes=100))
    assert articles == [] and "max_bytes" in skipped[0].reason


def test_symlink_loop_is_reported_and_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text("The north quay reopened on Tuesday after repairs.")
    (folder / "sub" / "up").symlink_to(folder)  # sub/up -> crawl: a loop
    (folder / "self").symlink_to(".")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # a broken link
    articles, skipped = read(folder)
    assert [a.id for a in articles] == ["sub/a"]
    reasons = {Path(s.where).name: s.reason for s in skipped}
    assert "loop" in reasons["self"] and "loop" in reasons["up"]
    assert "gone.txt" in reasons


def test_a_named_pipe_is_reported_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block forever
    (tmp_path / "a.txt").write_text("The north quay reopened on Tuesday after repairs.")
    articles, skipped = read(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert "pipe" in skipped[0].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file; chmod proves nothing")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The north quay reopened on Tuesday after repairs.")
    path.chmod(0)
    articles, skipped = read(tmp_path)
    assert articles == [] and "cannot read" in skipped[0].reason


def test_cut_off_parquet_keeps_nothing_half_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "day.parquet"
    pq.write_table(pa.table({"id": ["p1"], "text": ["The quay reopened on Tuesday."]}), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    articles, skipped = read(path)
    assert articles == [] and "Parquet" in skipped[0].reason


def test_a_folder_with_broken_files_keeps_every_good_record(tmp_path: Path) -> None:
    good = 0
    (tmp_path / "a.txt").write_text("The north quay reopened on Tuesday after repairs.")
    good += 1
    (tmp_path / "b.json").write_text(json.dumps({"text": "The ferry runs every forty minutes."}))
    good += 1
    lines = [json.dumps({"id": f"j{k}", "text": f"Story {k} about the quay."}) for k in range(5)]
    (tmp_path / "c.jsonl").write_text("\n".join([*lines[:2], "{bad", *lines[2:]]) + "\n")
    good += 5
    (tmp_path / "d.warc.gz").write_bytes(warc_bytes(compress="stream"))
    good += 3
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "cut.warc.gz").write_bytes(warc_bytes()[:100])
    (tmp_path / "bomb.rss").write_bytes(rss_bytes(doctype=BOMB))
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.html").write_text("")
    (tmp_path / "e.arc").write_bytes(arc_bytes(STORIES[:1]))  # a duplicate of one WARC page
    good += 1
    articles, skipped = read(tmp_path)
    assert len(articles) == good
    names = {Path(s.where.split("#")[0].split(":")[0]).name for s in skipped}
    assert {"c.jsonl", "deep.json", "cut.warc.gz", "bomb.rss", "binary.txt", "empty.html"} <= names


def test_text_over_the_compare_limit_is_refused() -> None:
    # over max_compare_chars a text is compared in windows; over max_bytes it is refused
    from wiretrace import compare
    from wiretrace.config import CompareConfig

    cfg = CompareConfig(ingest=IngestConfig(max_compare_chars=50, max_bytes=100))
    with pytest.raises(InputTooLargeError, match="max_bytes"):
        compare("The quay reopened. " * 10, "The quay reopened.", config=cfg)
