"""Inputs of a batch run: the ``ingest`` readers, with the store's duplicate rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wiretrace.config import IngestConfig
from wiretrace.ingest.sources import Skipped, iter_articles
from wiretrace.store.base import (
    KnownArticle,
    Link,
    StoredArticle,
    canonical_url,
    content_hash,
    duplicate_or_link,
)


@dataclass(slots=True)
class BatchInput:
    """The articles of a batch run in ingest order, and what was left out (with why).

    Attributes:
        items: Articles with their ids (given, or the first 16 hex digits of the content
            hash, as ``ingest`` makes them); position = ordinal.
        duplicates: (id, reason) of each article dropped as a duplicate.
        skipped: Records the readers could not use.
        links: Versions and verbatim copies among the kept articles (as a store would
            link them).
    """

    items: list[StoredArticle] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def read_inputs(paths: Iterable[str | Path], config: IngestConfig | None = None) -> BatchInput:
    """Read files and folders as ``ingest`` does (JSONL, JSON, Parquet, WARC, RSS, text,
    HTML) and drop duplicates by the store's rules (``store.base.duplicate_or_link``, the
    function both stores use): the same id; the same text at the same canonical URL or
    from the same outlet (or with no outlet). The same text from another outlet or URL is
    kept as a ``verbatim`` copy, and changed text at a URL already read as a new
    ``version`` (both listed in ``links``). The first article read is kept."""
    out = BatchInput()
    ids: set[str] = set()
    urls: dict[str, list[KnownArticle]] = {}
    hashes: dict[str, list[KnownArticle]] = {}
    for record in iter_articles(paths, config):
        if isinstance(record, Skipped):
            out.skipped.append(record)
            continue
        digest = content_hash(record.text)
        item = StoredArticle(id=record.id or digest[:16], article=record, content_hash=digest)
        if item.id in ids:
            out.duplicates.append((item.id, f"id {item.id!r} is already stored"))
            continue
        key = canonical_url(record.url)
        reason, links = duplicate_or_link(
            item.id,
            record.url,
            record.outlet,
            hashes.get(digest, []),
            urls.get(key, []) if key else [],
        )
        if reason:
            out.duplicates.append((item.id, reason))
            continue
        known = KnownArticle(item.id, key, record.outlet)
        ids.add(item.id)
        if key:
            urls.setdefault(key, []).append(known)
        hashes.setdefault(digest, []).append(known)
        out.items.append(item)
        out.links.extend(links)
    return out
