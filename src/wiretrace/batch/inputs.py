"""Inputs of a batch run: the ``ingest`` readers, with the store's duplicate rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wiretrace.config import IngestConfig
from wiretrace.ingest.sources import Skipped, iter_articles
from wiretrace.store.base import StoredArticle, content_hash


@dataclass(slots=True)
class BatchInput:
    """The articles of a batch run in ingest order, and what was left out (with why).

    Attributes:
        items: Articles with their ids (given, or the first 16 hex digits of the content
            hash, as ``ingest`` makes them); position = ordinal.
        duplicates: (id, reason) of each article dropped as a duplicate.
        skipped: Records the readers could not use.
    """

    items: list[StoredArticle] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def read_inputs(paths: Iterable[str | Path], config: IngestConfig | None = None) -> BatchInput:
    """Read files and folders as ``ingest`` does (JSONL, JSON, Parquet, WARC, RSS, text,
    HTML) and drop duplicates as a store does: an article whose id, URL or whitespace-
    collapsed text was already read is skipped (the first one is kept)."""
    out = BatchInput()
    ids: set[str] = set()
    urls: dict[str, str] = {}
    hashes: dict[str, str] = {}
    for record in iter_articles(paths, config):
        if isinstance(record, Skipped):
            out.skipped.append(record)
            continue
        digest = content_hash(record.text)
        item = StoredArticle(id=record.id or digest[:16], article=record, content_hash=digest)
        if item.id in ids:
            out.duplicates.append((item.id, f"id {item.id!r} is already stored"))
        elif record.url and record.url in urls:
            out.duplicates.append((item.id, f"same URL as {urls[record.url]!r}"))
        elif digest in hashes:
            out.duplicates.append((item.id, f"same text as {hashes[digest]!r}"))
        else:
            ids.add(item.id)
            if record.url:
                urls[record.url] = item.id
            hashes[digest] = item.id
            out.items.append(item)
    return out
