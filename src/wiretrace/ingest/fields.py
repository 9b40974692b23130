"""Common alternative field names in JSON, JSONL and Parquet records, mapped to ours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wiretrace.errors import ConfigError

#: Our field -> the alternative names other tools write, tried in this order when our
#: own name is absent.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "outlet": ("source", "site"),
    "published": ("date", "pubDate", "published_at"),
    "text": ("content", "body"),
}
#: The fields a record can give.
FIELDS = ("id", "text", "title", "url", "outlet", "published")


def parse_field_map(spec: str | None) -> dict[str, str]:
    """``"source=outlet,date=published"`` as ``{"source": "outlet", "date": "published"}``.

    Raises:
        ConfigError: a pair is not ``name=field`` or names a field wiretrace has not.
    """
    out: dict[str, str] = {}
    for pair in (spec or "").split(","):
        if not pair.strip():
            continue
        name, sep, field = (part.strip() for part in pair.partition("="))
        if not sep or not name or field not in FIELDS:
            raise ConfigError(
                f"--map {pair.strip()!r}: give name=field pairs, field one of "
                f"{', '.join(FIELDS)} (e.g. --map source=outlet,date=published)"
            )
        out[name] = field
    return out


def map_fields(
    record: Mapping[str, Any], field_map: Mapping[str, str] | None = None
) -> tuple[dict[str, Any], tuple[tuple[str, str], ...]]:
    """The record with alternative names renamed to ours, and the (name, field) pairs
    that were used. ``field_map`` (``{"source": "outlet"}``) comes first and replaces
    the built-in aliases of the fields it names; otherwise an alias is used only where
    our own name is absent."""
    out = dict(record)
    used: list[tuple[str, str]] = []
    explicit = dict(field_map or {})
    for name, field in explicit.items():
        if record.get(name) is not None:
            out[field] = record[name]
            used.append((name, field))
    for field, names in FIELD_ALIASES.items():
        if field in explicit.values() or out.get(field) is not None:
            continue
        for name in names:
            if record.get(name) is not None:
                out[field] = record[name]
                used.append((name, field))
                break
    return out, tuple(used)


def describe(used: set[tuple[str, str]]) -> str:
    """A one-line note of the mapped names: "source -> outlet, date -> published"."""
    return ", ".join(f"{name} -> {field}" for name, field in sorted(used))
