"""Parquet, WARC and RSS/Atom ingest on files written here with the real libraries."""

from __future__ import annotations

import gc
import io
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wiretrace.ingest.sources import Skipped, iter_articles
from wiretrace.model import Article

BODY = (
    "The harbour authority in Brennick reopened the north quay on Tuesday after a "
    "three-week repair. Officials said about 40 fishing boats had been moored elsewhere. "
    "The repair cost nearly 2 million crowns, according to the town council."
)
PAGE = f"""<!DOCTYPE html><html><head><title>Quay reopens</title>
<meta property="og:site_name" content="Brennick Daily"></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Quay reopens</h1><p>{BODY}</p><p>Traffic on the coast road was normal.</p></article>
<footer>Contact us</footer></body></html>"""


def split(items: list[Article | Skipped]) -> tuple[list[Article], list[Skipped]]:
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Skipped)
    ]


def test_parquet_rows(tmp_path: Path) -> None:
    table = pa.table(
        {
            "id": ["p1", "p2", "p3"],
            "text": [BODY, "", "Short second story about the ferry timetable."],
            "outlet": ["Brennick Daily", None, "Coast FM"],
            "published": [datetime(2026, 3, 4, 9, 0, tzinfo=UTC), None, None],
        }
    )
    path = tmp_path / "day.parquet"
    pq.write_table(table, path)
    articles, skipped = split(list(iter_articles([path])))
    assert [a.id for a in articles] == ["p1", "p3"]
    assert articles[0].published == datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    assert skipped[0].where.endswith("#row2") and "text" in skipped[0].reason


def test_parquet_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"id": ["x"]}), path)
    _, skipped = split(list(iter_articles([path])))
    assert "text" in skipped[0].reason


# warcio's writer leaves a SpooledTemporaryFile to the garbage collector while building the
# fixture; the warning is about writing the test file, not about wiretrace's reader.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_warc_html_responses(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for uri, html, ctype in (
            ("https://brennick.example/quay", PAGE, "text/html; charset=utf-8"),
            ("https://brennick.example/logo.png", "PNG", "image/png"),
            ("https://brennick.example/menu", "<html><body><nav>Home</nav></body></html>",
             "text/html"),
        ):  # fmt: skip
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers
            )
            writer.write_record(record)
    gc.collect()  # let warcio's spooled buffers go now, inside this test's warning filter
    articles, skipped = split(list(iter_articles([path])))
    assert [a.id for a in articles] == ["https://brennick.example/quay"]
    assert "north quay" in articles[0].text and "Contact us" not in articles[0].text
    assert len(skipped) == 1 and "menu" in skipped[0].reason


def test_rss_entries(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Coast FM</title>
<item><title>Quay reopens</title><link>https://coast.example/1</link>
<guid>coast-1</guid><pubDate>Wed, 04 Mar 2026 09:15:00 GMT</pubDate>
<description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://coast.example/2</link><description></description></item>
</channel></rss>""",
        encoding="utf-8",
    )
    articles, skipped = split(list(iter_articles([path])))
    assert [a.id for a in articles] == ["coast-1"]
    assert articles[0].outlet == "Coast FM"
    assert articles[0].published == datetime(2026, 3, 4, 9, 15, tzinfo=UTC)
    assert articles[0].text.startswith("The harbour authority")
    assert "no text" in skipped[0].reason


def test_broken_files_are_skipped_not_raised(tmp_path: Path) -> None:
    (tmp_path / "x.parquet").write_bytes(b"not parquet at all")
    (tmp_path / "y.warc").write_bytes(b"not a warc file\n" * 10)
    _, skipped = split(list(iter_articles([tmp_path])))
    reasons = " ".join(s.reason for s in skipped)
    assert "Parquet" in reasons and "WARC" in reasons
