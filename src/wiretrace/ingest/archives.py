"""Multi-article containers: Parquet tables, WARC crawls and RSS/Atom feeds (streamed)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from wiretrace.errors import InputError
from wiretrace.ingest.dates import with_inferred_time
from wiretrace.ingest.fields import FIELD_ALIASES
from wiretrace.ingest.readers import decode_bytes, parse_html
from wiretrace.ingest.records import Skipped, record_to_article
from wiretrace.model import Article

_PARQUET_COLUMNS = ("id", "text", "title", "url", "outlet", "published")


def read_parquet(
    path: Path,
    batch_rows: int = 1000,
    *,
    field_map: Mapping[str, str] | None = None,
    mapped: set[tuple[str, str]] | None = None,
) -> Iterator[Article | Skipped]:
    """One article per row (columns ``id``, ``text`` required, or their alternative
    names; see ``record_to_article``), read in row batches."""
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError and others
        yield Skipped(str(path), f"not a readable Parquet file: {exc}")
        return
    names = set(table.schema_arrow.names)
    known = {field for name, field in (field_map or {}).items() if name in names}
    known |= {f for f, alts in FIELD_ALIASES.items() if any(a in names for a in alts)}
    missing = {"id", "text"} - names - known
    if missing:
        yield Skipped(str(path), f"Parquet file lacks column(s) {', '.join(sorted(missing))}")
        return
    wanted = {
        *_PARQUET_COLUMNS,
        *(field_map or {}),
        *(a for v in FIELD_ALIASES.values() for a in v),
    }
    columns = [c for c in table.schema_arrow.names if c in wanted]
    row = 0
    for batch in table.iter_batches(batch_size=batch_rows, columns=columns):
        for record in batch.to_pylist():
            row += 1
            for key, value in record.items():
                if isinstance(value, datetime):
                    record[key] = value.isoformat()
            yield record_to_article(record, f"{path}#row{row}", field_map=field_map, mapped=mapped)


def read_warc(path: Path) -> Iterator[Article | Skipped]:
    """The HTML responses of a WARC file, each through the HTML extractor."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), 1):
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{path}#record{number}"
                http = record.http_headers
                ctype = (http.get_header("Content-Type") or "") if http else ""
                status = http.get_statuscode() if http else ""
                if status != "200" or "html" not in ctype.lower():
                    continue
                body = record.content_stream().read()
                try:
                    article = parse_html(decode_bytes(body, path=where), where, url=uri or None)
                except InputError as exc:
                    yield Skipped(where, f"{uri}: {str(exc).removeprefix(where + ': ')}")
                    continue
                record_id = record.rec_headers.get_header("WARC-Record-ID") or uri
                yield replace(article, id=uri or record_id)
    except ArchiveLoadFailed as exc:
        yield Skipped(str(path), f"not a readable WARC file: {exc}")


def read_feed(path: Path) -> Iterator[Article | Skipped]:
    """The entries of an RSS or Atom feed: full content where given, else the summary."""
    import feedparser

    feed = feedparser.parse(path.read_bytes())
    if feed.bozo and not feed.entries:
        yield Skipped(str(path), f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}")
        return
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, 1):
        where = f"{path}#entry{number}"
        html = ""
        if entry.get("content"):
            html = " ".join(c.get("value", "") for c in entry.content)
        html = html or entry.get("summary", "")
        text = _html_to_text(html)
        if not text.strip():
            yield Skipped(where, "entry has no text (no content or summary)")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
        yield with_inferred_time(
            Article(
                text=text,
                id=entry.get("id") or entry.get("link") or f"{path.stem}#{number}",
                title=entry.get("title"),
                url=entry.get("link"),
                outlet=outlet,
                published=published,
                path=where,
            )
        )


def _html_to_text(html: str) -> str:
    if "<" not in html:
        return html.strip()
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml's parser errors: treat the snippet as plain text
        return html.strip()
    blocks = [" ".join(el.text_content().split()) for el in root.iter("p", "li", "h1", "h2")]
    text = "\n".join(b for b in blocks if b)
    return text or " ".join(root.text_content().split())


__all__ = ["read_feed", "read_parquet", "read_warc"]
