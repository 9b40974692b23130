"""Readers for plain text, HTML (main text via trafilatura) and JSON article files."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from wiretrace.config import IngestConfig
from wiretrace.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputFormatError,
    InputNotFoundError,
    InputTooLargeError,
)
from wiretrace.ingest.dates import with_inferred_time
from wiretrace.ingest.fields import map_fields
from wiretrace.ingest.frontmatter import split_front_matter
from wiretrace.model import Article

_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_JSON_SUFFIXES = {".json"}
# Fewer words than this after extraction means the page had no article (only navigation).
_MIN_HTML_WORDS = 8
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}


def read_article(
    path: str | Path,
    config: IngestConfig | None = None,
    *,
    field_map: Mapping[str, str] | None = None,
    mapped: set[tuple[str, str]] | None = None,
) -> Article:
    """Read one article from a .txt, .html or .json file.

    Args:
        path: the file. ``.json`` holds one object with ``text`` and optional ``title``,
            ``url``, ``outlet``, ``published`` (ISO 8601) and ``id``; common alternative
            names (``content``, ``source``, ``pubDate``...) are mapped
            (``wiretrace.ingest.fields``).
        config: size limit; defaults to ``IngestConfig()``.
        field_map: A JSON object's field names to ours (``{"source": "outlet"}``, as
            ``ingest --map``), before the built-in aliases.
        mapped: Receives the (name, field) pairs a JSON object's mapping used.

    Returns:
        The article; for HTML its ``text`` is the main text extracted by trafilatura.

    Raises:
        InputNotFoundError, InputTooLargeError, BinaryInputError, EncodingError,
        EmptyInputError, InputFormatError: each with the path and how to fix it.
    """
    cfg = config or IngestConfig()
    p = Path(path)
    name = str(p)
    if not p.is_file():
        what = "is a directory, not a file" if p.is_dir() else "does not exist"
        raise InputNotFoundError(f"{what}; give the path of an article file", path=name)
    try:
        size = p.stat().st_size
    except OSError as exc:  # a link loop, a name too long, a folder we may not enter
        raise InputNotFoundError(f"cannot read the file ({exc.strerror})", path=name) from exc
    if size > cfg.max_bytes:
        raise InputTooLargeError(
            f"file is {size:,} bytes, over the limit of {cfg.max_bytes:,} bytes "
            "(raise IngestConfig.max_bytes to accept it)",
            path=name,
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputNotFoundError(
            f"cannot read the file ({exc.strerror}); check its permissions", path=name
        ) from exc
    suffix = p.suffix.lower()
    if suffix in _JSON_SUFFIXES:
        return _parse_json(
            decode_bytes(data, path=name), name, cfg.max_depth, field_map=field_map, mapped=mapped
        )
    text = decode_bytes(data, path=name)
    if suffix in _HTML_SUFFIXES or (suffix not in _TEXT_SUFFIXES and _looks_like_html(text)):
        return parse_html(text, name)
    if suffix not in _TEXT_SUFFIXES:
        raise InputFormatError(f"unknown file type {suffix!r}; use .txt, .html or .json", path=name)
    front = split_front_matter(text, path=name)
    text = text[front.body_start :]
    if not text.strip():
        raise EmptyInputError("file holds no text (empty or whitespace only)", path=name)
    article = Article(
        text=text,
        id=p.stem,
        title=front.title,
        url=front.url,
        outlet=front.outlet,
        published=front.published,
        path=name,
    )
    return with_inferred_time(article)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried first among equally clean decodings: the usual legacy encodings of Western news.
_PREFERRED_LEGACY = ("cp1252", "latin_1")


def decode_bytes(data: bytes, *, path: str | None = None) -> str:
    """Decode bytes: a BOM decides; else UTF-8; else the cleanest legacy decoding.

    For non-UTF-8 bytes, charset-normalizer proposes encodings; each candidate, plus
    Windows-1252 and Latin-1, is scored with charset-normalizer's mess ratio, and the
    cleanest wins (ties go to Windows-1252, the most common legacy encoding of Western
    news pages). Short texts are ambiguous by nature: convert to UTF-8 to be sure.

    Raises:
        BinaryInputError: the bytes look like binary data (NUL or many control bytes).
        EncodingError: no encoding decodes them.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"file starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} ({exc.reason} at byte {exc.start}); re-save it as UTF-8",
                    path=path,
                ) from exc
    if _is_binary(data):
        raise BinaryInputError(
            "file is binary data, not text; give a .txt, .html or .json article", path=path
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [*_PREFERRED_LEGACY, *(m.encoding for m in from_bytes(data))]
    best: tuple[float, int, str] | None = None
    sample = data[:200_000]
    for rank, encoding in enumerate(dict.fromkeys(candidates)):
        try:
            # incremental: a multi-byte character cut at the sample's end is no error
            decoded = codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        except (UnicodeDecodeError, LookupError):
            continue
        score = (mess_ratio(decoded, 1.0), rank, encoding)
        if best is None or score < best:
            best = score
    if best is None:
        raise EncodingError(
            "could not detect the text encoding; convert the file to UTF-8 "
            "(e.g. `iconv -f LATIN1 -t UTF-8`)",
            path=path,
        )
    return data.decode(best[2], errors="replace")


def _is_binary(data: bytes) -> bool:
    """Many NUL or control bytes mean binary data; a stray NUL in a text file does not."""
    head = data[:8192]
    if not head:
        return False
    if head.count(0) / len(head) > 0.01:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL)
    return controls / len(head) > 0.05


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def parse_html(html: str, path: str, *, url: str | None = None) -> Article:
    """The main text and metadata of an HTML page (trafilatura).

    Raises:
        InputFormatError: the HTML cannot be parsed.
        EmptyInputError: the page has no article text (navigation only, for example).
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            # keep the time of day the page states, not only its date (htmldate's format)
            date_extraction_params={"outputformat": _DATE_TIME, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises a variety of lxml/parse errors
        raise InputFormatError(f"could not parse the HTML: {exc}", path=path) from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < _MIN_HTML_WORDS:
        raise EmptyInputError(
            "no main text found in the HTML page (is it a full article page?)", path=path
        )
    try:
        published = parse_published(_date_or_time(getattr(doc, "date", None)))
    except ValueError:
        # The page's own date metadata is malformed: the article is still usable.
        published = None
    # the page's date comes from its metadata or URL (htmldate, inside trafilatura)
    article = Article(
        text=text,
        id=Path(path).stem,
        title=getattr(doc, "title", None),
        url=getattr(doc, "url", None) or url,
        outlet=getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        published=published,
        path=path,
        published_inferred=published is not None,
    )
    return with_inferred_time(article)


def load_json(raw: str, path: str, max_depth: int = 100) -> Any:
    """``json.loads`` with a nesting limit, so hostile input cannot exhaust the stack.

    Args:
        raw: the JSON text.
        path: where it came from (file, or file:line), for messages.
        max_depth: the deepest nesting of arrays and objects accepted
            (``IngestConfig.max_depth``).

    Raises:
        InputFormatError: the JSON is invalid or nested deeper than ``max_depth``.
    """
    if raw.count("[") + raw.count("{") > max_depth:  # cheap: only then measure the depth
        depth = json_depth(raw)
        if depth > max_depth:
            raise InputFormatError(
                f"JSON nested {depth} levels deep, over the limit of {max_depth} "
                "(IngestConfig.max_depth); an article is one flat object",
                path=path,
            )
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputFormatError(
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", path=path
        ) from exc
    except RecursionError as exc:  # a backstop: json_depth counts brackets in strings out
        raise InputFormatError(
            "JSON nested too deeply to parse (IngestConfig.max_depth)", path=path
        ) from exc


# A JSON string literal, unrolled so that matching is linear in its length.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_OPENING = np.frombuffer(b"[{", np.uint8)
_CLOSING = np.frombuffer(b"]}", np.uint8)


def json_depth(raw: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (string contents left out;
    an unterminated string counts as structure, which only ever over-counts).

    Computed without recursion: brackets outside strings become +1/-1 steps and the depth
    is the maximum of their running sum (numpy), linear in the text's length.
    """
    outside = np.frombuffer(_JSON_STRING.sub("", raw).encode("ascii", "ignore"), np.uint8)
    steps = np.isin(outside, _OPENING).astype(np.int64) - np.isin(outside, _CLOSING)
    return max(0, int(np.cumsum(steps).max())) if len(steps) else 0


def _parse_json(
    raw: str,
    path: str,
    max_depth: int = 100,
    *,
    field_map: Mapping[str, str] | None = None,
    mapped: set[tuple[str, str]] | None = None,
) -> Article:
    obj: Any = load_json(raw, path, max_depth)
    if not isinstance(obj, dict):
        raise InputFormatError(
            'JSON must be one object like {"text": "...", "title": "..."}', path=path
        )
    obj, used = map_fields(obj, field_map)  # content/body, source/site, date/pubDate...
    if mapped is not None:
        mapped.update(used)
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputFormatError('JSON object needs a "text" field holding a string', path=path)
    if not text.strip():
        raise EmptyInputError('the "text" field is empty', path=path)
    meta: dict[str, str | None] = {}
    for key in ("id", "title", "url", "outlet"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str | int):
            raise InputFormatError(f'"{key}" must be a string', path=path)
        meta[key] = None if value is None else str(value)
    try:
        published = parse_published(obj.get("published"))
    except ValueError as exc:
        raise InputFormatError(str(exc), path=path) from exc
    article = Article(
        text=text,
        id=meta["id"] or Path(path).stem,
        title=meta["title"],
        url=meta["url"],
        outlet=meta["outlet"],
        published=published,
        path=path,
    )
    return with_inferred_time(article)


_DATE_TIME = "%Y-%m-%dT%H:%M:%S%z"


def _date_or_time(value: object) -> object:
    """htmldate's ``%Y-%m-%dT%H:%M:%S%z`` result as ISO 8601; a page that gives only a
    date comes back at midnight without a zone, and is kept as the date alone."""
    if not isinstance(value, str) or "T" not in value:
        return value
    day, _, clock = value.partition("T")
    if clock in ("00:00:00", "00:00:00+0000") or not clock:
        return day
    if len(clock) > 8 and clock[8] in "+-" and ":" not in clock[9:]:
        clock = f"{clock[:11]}:{clock[11:]}"  # +0000 -> +00:00
    return f"{day}T{clock}"


def parse_published(value: object) -> datetime | None:
    """Parse an ISO 8601 date or datetime; naive values are taken as UTC.

    Raises:
        ValueError: the value is not an ISO 8601 string.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f'"published" must be an ISO 8601 string, got {value!r}')
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(
            f'"published" = {value!r} is not ISO 8601 (e.g. 2026-03-04T09:15:00Z)'
        ) from exc
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)
