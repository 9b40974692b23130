"""One record (a JSONL line, a Parquet row) into an Article, or the reason it is skipped."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wiretrace.ingest.dates import with_inferred_time
from wiretrace.ingest.fields import map_fields
from wiretrace.ingest.readers import parse_published
from wiretrace.model import Article


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or record that was not ingested: where (file, or file:line) and why."""

    where: str
    reason: str


def record_to_article(
    obj: object,
    where: str,
    *,
    field_map: Mapping[str, str] | None = None,
    mapped: set[tuple[str, str]] | None = None,
) -> Article | Skipped:
    """An Article from a dict with ``id`` and ``text`` (and optional metadata).

    Common alternative names (``source``/``site``, ``date``/``pubDate``/``published_at``,
    ``content``/``body``) and the names of ``field_map`` are mapped to ours
    (``wiretrace.ingest.fields``); the (name, field) pairs used are added to ``mapped``.
    """
    if not isinstance(obj, dict):
        return Skipped(where, "a line must hold one JSON object")
    obj, used = map_fields(obj, field_map)
    if mapped is not None:
        mapped.update(used)
    article_id, text = obj.get("id"), obj.get("text")
    if not isinstance(article_id, str | int) or isinstance(article_id, bool) or article_id == "":
        return Skipped(where, 'missing "id" (a string or number)')
    if not isinstance(text, str) or not text.strip():
        return Skipped(where, 'missing or empty "text"')
    fields: dict[str, str | None] = {}
    for key in ("title", "url", "outlet"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return Skipped(where, f'"{key}" must be a string')
        fields[key] = value
    try:
        published = parse_published(obj.get("published"))
    except ValueError as exc:
        return Skipped(where, str(exc))
    return with_inferred_time(
        Article(
            text=text,
            id=str(article_id),
            title=fields["title"],
            url=fields["url"],
            outlet=fields["outlet"],
            published=published,
            path=where,
        )
    )
