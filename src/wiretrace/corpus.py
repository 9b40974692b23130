"""The corpus engine: ingest files into a store in atomic, idempotent batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wiretrace.config import IngestConfig
from wiretrace.ingest.sources import Skipped, iter_articles
from wiretrace.model import Article
from wiretrace.store import Store, StoredArticle, content_hash


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingest run, and each skipped record or duplicate with its reason."""

    added: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    batch_size: int = 500,
    config: IngestConfig | None = None,
    on_batch: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Read articles from ``paths`` and add them to ``store`` in batches.

    Each batch is one transaction: a run killed in the middle keeps every finished batch
    and nothing of the unfinished one, and a rerun adds only what is missing (ids, URLs
    and texts already stored are skipped as duplicates).
    """
    summary = IngestSummary()
    batch: list[StoredArticle] = []

    def flush() -> None:
        report = store.add(batch)
        summary.added += len(report.added)
        summary.duplicates.extend(report.duplicates)
        batch.clear()
        if on_batch:
            on_batch(summary)

    for item in iter_articles(paths, config):
        if isinstance(item, Skipped):
            summary.skipped.append(item)
            continue
        batch.append(_stored(item))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return summary


def _stored(article: Article) -> StoredArticle:
    digest = content_hash(article.text)
    return StoredArticle(id=article.id or digest[:16], article=article, content_hash=digest)
