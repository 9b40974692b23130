"""Builders of small fictional web archives (WARC, ARC) and feeds for ingest tests."""

from __future__ import annotations

import gzip
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

STORIES = (
    (
        "https://brennick.example/quay",
        "Quay reopens in Brennick",
        "The harbour authority in Brennick reopened the north quay on Tuesday after a "
        "three-week repair. Officials said about 40 fishing boats had been moored elsewhere.",
    ),
    (
        "https://brennick.example/ferry",
        "Ferry timetable changes",
        "The Brennick ferry will run every forty minutes from Monday, the operator said, "
        "after a second vessel returned from its annual overhaul at the Tolvik yard.",
    ),
    (
        "https://brennick.example/school",
        "School roof repaired",
        "Builders finished the new roof of the Brennick primary school on Friday, two weeks "
        "ahead of the date the council had set when the storm damage was first assessed.",
    ),
)


def page(title: str, body: str) -> str:
    """A small article page with navigation and a footer around the article."""
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>{title}</h1><p>{body}</p><p>Traffic on the coast road was normal "
        "all day, the police said.</p></article><footer>Contact us</footer></body></html>"
    )


def warc_bytes(
    stories: tuple[tuple[str, str, str], ...] = STORIES, *, compress: str = "member"
) -> bytes:
    """A WARC of HTML responses. ``compress``: "member" (one gzip member per record, the
    standard), "stream" (the whole file one gzip stream) or "none"."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress == "member")
    for uri, title, body in stories:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(page(title, body).encode()), http_headers=headers
        )
        writer.write_record(record)
        record.raw_stream.close()  # warcio spools the payload to a temporary file
    data = out.getvalue()
    return gzip.compress(data) if compress == "stream" else data


def arc_bytes(stories: tuple[tuple[str, str, str], ...] = STORIES) -> bytes:
    """An ARC (version 1) file of HTML responses, the format before WARC."""
    desc = b"1 0 Brennick Test Crawl\nURL IP-address Archive-date Content-type Archive-length\n"
    head = b"filedesc://crawl.arc 0.0.0.0 20260302120000 text/plain %d\n" % len(desc)
    parts = [head + desc + b"\n"]
    for uri, title, body in stories:
        html = page(title, body).encode()
        http = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\n\r\n" % len(html)
        ) + html
        line = f"{uri} 192.0.2.1 20260302120000 text/html {len(http)}\n".encode()
        parts.append(line + http + b"\n")
    return b"".join(parts)


def rss_bytes(items: tuple[tuple[str, str, str], ...] = STORIES, *, doctype: str = "") -> bytes:
    """An RSS 2.0 feed with one item per story; ``doctype`` is put before the root."""
    entries = "".join(
        f"<item><title>{title}</title><link>{uri}</link><guid>{uri}</guid>"
        f"<description>{body}</description></item>"
        for uri, title, body in items
    )
    return (
        f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>Coast FM</title>'
        f"{entries}</channel></rss>"
    ).encode()
