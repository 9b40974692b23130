"""The Store interface every backend implements, and the record it keeps per article."""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from wiretrace.model import Article

_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """A hash of the text with whitespace collapsed: the same article re-saved with other
    line breaks is still a duplicate."""
    return hashlib.sha256(_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as kept in a store: its id (given at ingest, or derived) and hash."""

    id: str
    article: Article
    content_hash: str


@dataclass(slots=True)
class IngestReport:
    """What one batch of ``Store.add`` did: new ids, and duplicates skipped (with why)."""

    added: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (id, reason)


class Store(ABC):
    """A collection of articles. ``add`` is atomic per batch and idempotent: an article
    whose id, URL or content hash is already stored is skipped, never duplicated."""

    @abstractmethod
    def add(self, articles: Iterable[StoredArticle]) -> IngestReport:
        """Add a batch in one transaction; either all new articles land or none."""

    @abstractmethod
    def get(self, article_id: str) -> StoredArticle | None:
        """The article with this id, or None."""

    @abstractmethod
    def __iter__(self) -> Iterator[StoredArticle]:
        """Every stored article, in ingest order."""

    @abstractmethod
    def __len__(self) -> int:
        """How many articles are stored."""

    def close(self) -> None:  # noqa: B027 - optional hook, most backends need nothing
        """Release resources (a no-op unless the backend holds any)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
