"""An in-memory Store, for tests and one-off runs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from wiretrace.store.base import IngestReport, Store, StoredArticle


class MemoryStore(Store):
    """Keeps articles in dictionaries; same duplicate rules as the SQLite store."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredArticle] = {}
        self._urls: dict[str, str] = {}
        self._hashes: dict[str, str] = {}

    def add(self, articles: Iterable[StoredArticle]) -> IngestReport:
        """Add a batch; duplicates (id, URL or content) are reported and skipped."""
        report = IngestReport()
        staged: dict[str, StoredArticle] = {}
        urls = dict(self._urls)
        hashes = dict(self._hashes)
        for item in articles:
            known = item.id in self._by_id or item.id in staged
            reason = _duplicate(item, known, urls, hashes)
            if reason:
                report.duplicates.append((item.id, reason))
                continue
            staged[item.id] = item
            if item.article.url:
                urls[item.article.url] = item.id
            hashes[item.content_hash] = item.id
            report.added.append(item.id)
        self._by_id.update(staged)
        self._urls, self._hashes = urls, hashes
        return report

    def get(self, article_id: str) -> StoredArticle | None:
        """The article with this id, or None."""
        return self._by_id.get(article_id)

    def __iter__(self) -> Iterator[StoredArticle]:
        return iter(list(self._by_id.values()))

    def __len__(self) -> int:
        return len(self._by_id)


def _duplicate(
    item: StoredArticle, known_id: bool, urls: dict[str, str], hashes: dict[str, str]
) -> str | None:
    if known_id:
        return f"id {item.id!r} is already stored"
    if item.article.url and item.article.url in urls:
        return f"same URL as {urls[item.article.url]!r}"
    if item.content_hash in hashes:
        return f"same text as {hashes[item.content_hash]!r}"
    return None
