"""Multi-article containers: Parquet tables, WARC/ARC crawls and RSS/Atom feeds (streamed)."""

from __future__ import annotations

import calendar
import io
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.handler import ContentHandler

from wiretrace.config import IngestConfig
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
    config: IngestConfig | None = None,
    *,
    field_map: Mapping[str, str] | None = None,
    mapped: set[tuple[str, str]] | None = None,
) -> Iterator[Article | Skipped]:
    """One article per row (columns ``id``, ``text`` required, or their alternative
    names; see ``record_to_article``), read in row batches; a file broken in the middle
    keeps the rows before the break."""
    import pyarrow.parquet as pq

    cfg = config or IngestConfig()
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
    try:
        for batch in table.iter_batches(batch_size=batch_rows, columns=columns):
            for record in batch.to_pylist():
                row += 1
                where = f"{path}#row{row}"
                for key, value in record.items():
                    if isinstance(value, datetime):
                        record[key] = value.isoformat()
                if any(isinstance(v, str) and len(v) > cfg.max_bytes for v in record.values()):
                    yield Skipped(where, f"a field over {cfg.max_bytes:,} characters")
                    continue
                yield record_to_article(record, where, field_map=field_map, mapped=mapped)
    except Exception as exc:  # pyarrow: a corrupt page, a cut-off file
        if isinstance(exc, MemoryError):
            raise
        yield Skipped(str(path), _broken(exc, "Parquet", row, "row"))


#: The first bytes of a gzip stream.
_GZIP_MAGIC = b"\x1f\x8b"


def read_warc(path: Path, config: IngestConfig | None = None) -> Iterator[Article | Skipped]:
    """The HTML responses of a WARC or ARC file (plain or gzipped), each through the HTML
    extractor.

    A gzipped file is read as one decompressed stream (Python's ``gzip``), so both layouts
    work: one gzip member per record (the standard) and one member for the whole file (a
    valid crawl that warcio's own reader stops after the first record of). A response
    body over ``IngestConfig.max_bytes`` is skipped, and a file cut off or broken in the
    middle keeps every record before the break and reports where it stopped.
    """
    from warcio.archiveiterator import ArchiveIterator

    cfg = config or IngestConfig()
    number = 0
    try:
        stream = _open_stream(path)
        with stream:
            for number, record in enumerate(ArchiveIterator(stream, arc2warc=True), 1):
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{path}#record{number}"
                http = record.http_headers
                ctype = (http.get_header("Content-Type") or "") if http else ""
                status = http.get_statuscode() if http else ""
                if status != "200" or "html" not in ctype.lower():
                    continue
                body = record.content_stream().read(cfg.max_bytes + 1)
                if getattr(record.raw_stream, "limit", 0) > 0 and len(body) <= cfg.max_bytes:
                    if getattr(getattr(stream, "raw", None), "error", None) is not None:
                        number -= 1  # the file is cut off in this record: said once, below
                        break
                    yield Skipped(where, f"{uri}: the record is cut off (file truncated)")
                    continue
                if len(body) > cfg.max_bytes:
                    yield Skipped(
                        where,
                        f"{uri}: response body over {cfg.max_bytes:,} bytes "
                        "(IngestConfig.max_bytes)",
                    )
                    continue
                try:
                    article = parse_html(decode_bytes(body, path=where), where, url=uri or None)
                except InputError as exc:
                    yield Skipped(where, f"{uri}: {str(exc).removeprefix(where + ': ')}")
                    continue
                record_id = record.rec_headers.get_header("WARC-Record-ID") or uri
                yield replace(article, id=uri or record_id)
        error = getattr(getattr(stream, "raw", None), "error", None)
        if error is not None:
            yield Skipped(str(path), _broken(error, "WARC/ARC", number, "record"))
    except Exception as exc:  # warcio, gzip and zlib raise many kinds on broken input
        if isinstance(exc, MemoryError):
            raise
        yield Skipped(str(path), _broken(exc, "WARC/ARC", number, "record"))


def _open_stream(path: Path) -> BinaryIO:
    """The file, decompressed as one stream when it starts with the gzip magic bytes."""
    handle = path.open("rb")
    if handle.read(2) == _GZIP_MAGIC:
        handle.seek(0)
        return io.BufferedReader(_GzipStream(handle), buffer_size=_CHUNK)
    handle.seek(0)
    return handle


_CHUNK = 64 * 1024


class _GzipStream(io.RawIOBase):
    """Gzip members, one after another, decompressed as one stream.

    Unlike ``gzip.GzipFile``, a cut-off or corrupt member ends the stream where the good
    data ends (the error is kept in ``error``), so a truncated crawl keeps its whole
    records and the reader can say where the file broke.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._inflate = zlib.decompressobj(wbits=31)
        self._pending = b""
        self._done = False
        #: Why the stream ended early (a cut-off or corrupt member), or None.
        self.error: EOFError | zlib.error | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while not self._pending and not self._done:
            try:
                self._fill()
            except (EOFError, zlib.error) as exc:  # kept for the caller; reads see the end
                self.error = exc
                self._done = True
        size = min(len(view), len(self._pending))
        view[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _fill(self) -> None:
        if self._inflate.eof:  # a member ended: the next one starts in its leftovers
            rest = self._inflate.unused_data
            self._inflate = zlib.decompressobj(wbits=31)
            if not rest.strip(b"\0"):
                rest = self._raw.read(_CHUNK)
                if not rest.strip(b"\0"):  # padding or nothing: a clean end
                    self._done = True
                    return
            self._pending = self._inflate.decompress(rest, _CHUNK)
            return
        data = self._inflate.unconsumed_tail or self._raw.read(_CHUNK)
        if not data:
            self._done = True
            raise EOFError("the compressed stream ends in the middle of a gzip member")
        self._pending = self._inflate.decompress(data, _CHUNK)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _broken(exc: BaseException, kind: str, done: int, unit: str) -> str:
    """The reason a container was cut short: where it broke, and the error."""
    detail = " ".join(str(exc).split())[:200] or type(exc).__name__
    if isinstance(exc, EOFError | zlib.error):
        detail = f"truncated or corrupt compressed data ({detail})"
    elif type(exc).__module__.startswith("warcio"):
        pass  # warcio's own messages say what is wrong
    elif kind.startswith("WARC"):  # warcio fails with AttributeError etc. on a bad header
        detail = f"malformed or truncated record header ({type(exc).__name__}: {detail})"
    where = f"after {unit} {done}" if done else "at the start"
    return f"not a readable {kind} file: broken {where}: {detail}"


def read_feed(path: Path, config: IngestConfig | None = None) -> Iterator[Article | Skipped]:
    """The entries of an RSS or Atom feed: full content where given, else the summary.

    The feed is first checked with defusedxml: a document that declares entities or
    names external ones (entity expansion, local files) is refused, never expanded.
    """
    import feedparser

    cfg = config or IngestConfig()
    size = path.stat().st_size
    if size > cfg.max_bytes:
        yield Skipped(
            str(path), f"feed is {size:,} bytes, over {cfg.max_bytes:,} (IngestConfig.max_bytes)"
        )
        return
    data = path.read_bytes()
    refusal = _unsafe_xml(data, cfg.max_depth)
    if refusal:
        yield Skipped(str(path), refusal)
        return
    # a stream, never the bytes themselves: feedparser opens a str or bytes that names a
    # local file or URL, and a document must never make us read one
    feed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
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
        try:
            published = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
        except (OverflowError, ValueError, OSError):  # a date outside the calendar
            published = None
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


def _unsafe_xml(data: bytes, max_depth: int) -> str | None:
    """Why an XML document is refused (it declares entities, references external ones,
    or nests elements deeper than ``max_depth``), or None. Uses defusedxml's expat reader
    with a handler that only counts depth; malformed XML is left to feedparser's lenient
    parser."""
    from xml.sax import SAXException

    import defusedxml.sax
    from defusedxml import DefusedXmlException

    handler = _DepthHandler(max_depth)
    try:
        defusedxml.sax.parseString(
            data, handler, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        return (
            f"refused: the XML declares entities or references external ones ({exc}); "
            "feeds never need them, and expanding them could exhaust memory or read "
            "local files"
        )
    except _TooDeep:
        return f"refused: XML elements nested more than {max_depth} deep (IngestConfig.max_depth)"
    except (SAXException, ValueError, OSError):
        return None
    return None


class _TooDeep(Exception):
    """Raised by ``_DepthHandler`` to stop parsing a document nested too deeply."""


class _DepthHandler(ContentHandler):
    """A SAX handler that builds nothing and stops at a nesting depth."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.depth = 0

    def startElement(self, name: str, attrs: object) -> None:
        self.depth += 1
        if self.depth > self.limit:
            raise _TooDeep

    def endElement(self, name: str) -> None:
        self.depth -= 1


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
