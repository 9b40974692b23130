"""YAML front matter at the top of a plain-text article: title, outlet, URL, time.

A .txt article may start with a block between two ``---`` lines::

    ---
    title: Bridge closed to heavy traffic
    outlet: Nordpress
    url: https://nordpress.example/a1
    published: 2026-03-04T09:15:00Z
    ---
    The town council of Brennick voted on Monday ...

The block is parsed with PyYAML (``safe_load``) and removed: the article's text starts
after it, and every span wiretrace reports is an offset into that text. ``source`` or
``site`` may stand for ``outlet``, ``date`` for ``published``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from wiretrace.errors import InputFormatError

_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_ALIASES = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
}


@dataclass(frozen=True, slots=True)
class TextMetadata:
    """Metadata for the plain-text files of one ingest run (``--title``, ``--outlet``,
    ``--published``): it fills what a file's own front matter leaves out."""

    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What a front-matter block gave; ``body_start`` is where the text begins after it."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    body_start: int = 0


def split_front_matter(text: str, *, path: str | None = None) -> FrontMatter:
    """The front matter at the start of ``text`` (``body_start`` 0 when there is none).

    Raises:
        InputFormatError: the block is not valid YAML, not a mapping, or a value has the
            wrong type (the message names the key and the fix).
    """
    match = _BLOCK.match(text)
    if match is None:
        return FrontMatter()
    import yaml

    try:
        data: Any = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise InputFormatError(
            f"the front matter (between the --- lines) is not valid YAML: {exc}", path=path
        ) from exc
    if not isinstance(data, dict):
        raise InputFormatError(
            "the front matter must be 'key: value' lines (title, outlet, url, published)",
            path=path,
        )
    fields: dict[str, Any] = {}
    for key, value in data.items():
        name = _ALIASES.get(str(key).strip().lower())
        if name is None or value is None:
            continue
        fields[name] = _published(value, path) if name == "published" else _string(key, value, path)
    return FrontMatter(body_start=match.end(), **fields)


def _string(key: object, value: object, path: str | None) -> str:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip()
    raise InputFormatError(f"front matter {key!s}: give a plain text value", path=path)


def _published(value: object, path: str | None) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    raise InputFormatError(
        f"front matter published: {value!r} is not a date; give ISO 8601 "
        "(2026-03-04 or 2026-03-04T09:15:00Z)",
        path=path,
    )
