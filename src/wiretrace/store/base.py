"""The Store interface every backend implements, and the record it keeps per article."""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import numpy as np

from wiretrace.model import Article

_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """A hash of the text with whitespace collapsed: the same article re-saved with other
    line breaks is still a duplicate."""
    return hashlib.sha256(_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


def canonical_url(url: str | None) -> str | None:
    """A URL as an identity key: courlan's ``normalize_url`` (strict: tracking parameters
    dropped, host lower-cased, query sorted), then the scheme, a leading ``www.``, the
    fragment and a trailing slash left out. None for no URL.

    Example:
        >>> canonical_url("https://www.Example.com/news/a/?utm_source=x&id=3#top")
        'example.com/news/a?id=3'
    """
    if not url or not url.strip():
        return None
    from courlan import normalize_url  # imported on first use: a quicker CLI start

    raw = url.strip()
    try:
        normal = normalize_url(raw, strict=True)
    except ValueError:  # courlan refuses some malformed URLs: the raw text is the key
        normal = raw
    parts = urlsplit(normal)
    host = parts.netloc.lower().removeprefix("www.")
    key = host + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")
    return key or raw


#: Kinds of links between stored articles (see ``Link``).
LINK_KINDS = ("version", "verbatim")


@dataclass(frozen=True, slots=True)
class Link:
    """A link between two stored articles: ``article_id`` is a later ``version`` of
    ``earlier_id`` (the same canonical URL with changed text), or a ``verbatim`` copy of
    it (the same text from another outlet or URL)."""

    article_id: str
    kind: str
    earlier_id: str


@dataclass(frozen=True, slots=True)
class KnownArticle:
    """What the duplicate rules need of a stored article."""

    id: str
    canonical_url: str | None
    outlet: str | None


def _outlet_key(outlet: str | None) -> str | None:
    return " ".join(outlet.casefold().split()) if outlet and outlet.strip() else None


def duplicate_or_link(
    article_id: str,
    url: str | None,
    outlet: str | None,
    same_text: Sequence[KnownArticle],
    same_url: Sequence[KnownArticle],
) -> tuple[str | None, Link | None]:
    """The duplicate rules for an article whose id is new, given the stored articles with
    its text and those with its canonical URL (each oldest first).

    Returns:
        (reason, None) when it is a duplicate: the same text and the same canonical URL,
        or the same text and the same outlet (or either names none); (None, link) when
        it is kept with a link: a ``verbatim`` copy of the first article with its text,
        or a new ``version`` of the latest article at its URL; (None, None) otherwise.
    """
    key = canonical_url(url)
    mine = _outlet_key(outlet)
    for known in same_text:
        if key and known.canonical_url == key:
            return f"same text and URL as {known.id!r}", None
    for known in same_text:
        theirs = _outlet_key(known.outlet)
        if mine is None or theirs is None or mine == theirs:
            return f"same text and outlet as {known.id!r}", None
    if same_text:
        return None, Link(article_id, "verbatim", same_text[0].id)
    if key and same_url:
        return None, Link(article_id, "version", same_url[-1].id)
    return None, None


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
    links: list[Link] = field(default_factory=list)  # versions and verbatim copies added


@dataclass(slots=True)
class StoryRecord:
    """A story as kept in a store.

    Attributes:
        id: Story id ("s1", "s2", ...), stable while the story lives; a story merged into
            another disappears and its articles move.
        title: Title of its earliest article.
        first_seen: Earliest publication time of its articles (None if none is known).
        last_seen: Latest publication time of its articles.
        size: Number of articles.
        centroid: Sum of the members' term vectors (term key -> weight), the top terms only.
    """

    id: str
    title: str | None
    first_seen: datetime | None
    last_seen: datetime | None
    size: int
    centroid: dict[int, float]


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """The index rows of one article: its story, shingle count, MinHash signature, bands."""

    article_id: str
    story_id: str
    shingle_count: int
    signature: np.ndarray
    band_keys: tuple[int, ...]


@dataclass(slots=True)
class IndexUpdate:
    """One atomic change of the index: new entries, story upserts, merges, lookup features
    (feature key, story id) and document-frequency increments."""

    entries: list[IndexEntry] = field(default_factory=list)
    stories: list[StoryRecord] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)  # removed story -> kept story
    features: set[tuple[int, str]] = field(default_factory=set)
    df: Counter[int] = field(default_factory=Counter)
    next_story: int = 0


@dataclass(slots=True)
class Deletion:
    """One atomic delete (``Store.delete``): the articles that go, and the index rows
    that replace those of the stories they were in (re-clustered without them).

    Attributes:
        article_ids: The articles to remove (text, index rows, memberships, links, FTS
            rows); each must be stored.
        removed_stories: Every story the articles were in: its row, lookup features and
            cached derivation go, and ``stories`` holds what replaces it.
        stories: The story records after the delete (the parts of each re-clustered
            story; a story left with no article has none).
        members: Remaining article id -> its story id after the delete (the remaining
            members of ``removed_stories`` only).
        features: (lookup feature, story id) of the new ``stories``.
        df: Document-frequency decrements: term key -> how many deleted indexed
            articles contain it.
        unindexed: How many of ``article_ids`` were in no story (not counted in the
            index).
        links: Links that replace those from or to the deleted articles (a later version
            of a deleted article re-linked to its earlier version; verbatim copies of a
            deleted original re-linked to the first remaining copy).
        next_story: The number the next new story id takes after the delete.
    """

    article_ids: list[str] = field(default_factory=list)
    removed_stories: list[str] = field(default_factory=list)
    stories: list[StoryRecord] = field(default_factory=list)
    members: dict[str, str] = field(default_factory=dict)
    features: set[tuple[int, str]] = field(default_factory=set)
    df: Counter[int] = field(default_factory=Counter)
    unindexed: int = 0
    links: list[Link] = field(default_factory=list)
    next_story: int = 0


#: Orders of ``StoryQuery.sort``: newest first (the default), oldest first, largest first.
STORY_SORTS = ("-first_seen", "first_seen", "-size")


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """One page of a filtered story listing (``Store.story_page``).

    Attributes:
        limit: At most this many stories (1..500).
        offset: Stories skipped before the page.
        q: Full-text search over article titles and texts (words, all required; SQLite
            FTS5 with the Porter stemmer), or None.
        outlet: Only stories with an article from this outlet (exact name).
        since, until: Only stories whose ``first_seen`` is in ``[since, until]`` (UTC);
            undated stories are left out when either is given, kept otherwise.
        sort: One of ``STORY_SORTS``: "-first_seen" (newest first, undated last),
            "first_seen" (oldest first, undated last) or "-size" (most articles first).
    """

    limit: int = 50
    offset: int = 0
    q: str | None = None
    outlet: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    sort: str = "-first_seen"


@dataclass(frozen=True, slots=True)
class Membership:
    """An indexed article's story, without its text (for listings)."""

    story_id: str
    article_id: str
    outlet: str | None
    published: datetime | None


class Store(ABC):
    """A collection of articles. ``add`` is atomic per batch and idempotent: an article
    whose id, URL or content hash is already stored is skipped, never duplicated."""

    def exclusive(self, *, wait: bool = True) -> AbstractContextManager[bool]:
        """Hold the store's clustering lock across processes (see ``SQLiteStore``); a
        store in one process's memory needs none. Yields whether the lock is held."""
        return nullcontext(True)

    @abstractmethod
    def add(self, articles: Iterable[StoredArticle]) -> IngestReport:
        """Add a batch in one transaction; either all new articles land or none."""

    @abstractmethod
    def get(self, article_id: str) -> StoredArticle | None:
        """The article with this id, or None."""

    @abstractmethod
    def links(self, article_id: str) -> list[Link]:
        """The version and verbatim links from and to an article, oldest first."""

    @abstractmethod
    def delete(self, deletion: Deletion) -> None:
        """Remove articles and rewrite the index of their stories, in one transaction:
        either all of ``deletion`` is applied or nothing (see ``Deletion``).

        Raises:
            StoreError: the store cannot be written (nothing was changed).
        """

    @abstractmethod
    def __iter__(self) -> Iterator[StoredArticle]:
        """Every stored article, in ingest order."""

    @abstractmethod
    def __len__(self) -> int:
        """How many articles are stored."""

    # ---- the reuse and story index (derived data, rebuilt when its settings change) ----

    @abstractmethod
    def index_config(self) -> str | None:
        """The settings fingerprint the index was built with (None: no index yet)."""

    @abstractmethod
    def reset_index(self, config: str) -> None:
        """Drop every index row and story; the index is rebuilt under ``config``."""

    @abstractmethod
    def unindexed(self, limit: int) -> list[StoredArticle]:
        """Up to ``limit`` articles not in the index yet, in ingest order."""

    @abstractmethod
    def apply_index(self, update: IndexUpdate) -> None:
        """Write one index update in a single transaction."""

    @abstractmethod
    def band_matches(self, keys: Iterable[int], limit: int = 1000) -> dict[str, int]:
        """Indexed article id -> how many of these LSH band keys it has, counting a
        bounded number (about ``limit``) of the most recently indexed hits, so that a
        template repeated thousands of times does not make each lookup scan them all."""

    @abstractmethod
    def signatures(self, article_ids: Iterable[str]) -> dict[str, tuple[int, np.ndarray]]:
        """Article id -> (shingle count, MinHash signature), for indexed articles."""

    @abstractmethod
    def feature_stories(self, features: Iterable[int], limit: int = 1000) -> dict[int, list[str]]:
        """Lookup feature -> ids of the stories it occurs in (at most ``limit`` per feature:
        a caller that drops features found in more stories asks for one more than its cap)."""

    @abstractmethod
    def active_stories(self, since: datetime) -> list[tuple[str, datetime | None, list[int]]]:
        """(story id, last seen, lookup features) of every story last seen at or after
        ``since`` (UTC) and of every undated story: what the clusterer keeps in memory
        (``stories.active.ActiveStories``). May include a few stories last seen up to a
        day before ``since`` (the SQLite store compares stored ISO times as text)."""

    @abstractmethod
    def story_features_of(self, story_id: str) -> list[int]:
        """The lookup features of one story (empty for an unknown story)."""

    @abstractmethod
    def stories_near(
        self, features: Iterable[int], start: datetime, end: datetime
    ) -> dict[int, list[tuple[str, datetime | None, datetime | None]]]:
        """Lookup feature -> (story id, first seen, last seen) of the stories with that
        feature whose span comes within ``start``..``end`` (UTC), and of the undated ones;
        may include a few stories up to a day further away (callers check the exact
        window). For an article older than the clusterer's stories in memory."""

    @abstractmethod
    def document_frequencies(self, terms: Iterable[int]) -> dict[int, int]:
        """Term key -> number of indexed articles containing it (absent: zero)."""

    @abstractmethod
    def indexed_count(self) -> int:
        """Number of articles in the index."""

    @abstractmethod
    def next_story_number(self) -> int:
        """The number the next new story id takes."""

    @abstractmethod
    def index_generation(self) -> int:
        """A number that changes with every write to the index (``apply_index``,
        ``delete``, ``reset_index``) by any connection or process: a writer that kept
        its clusterer in memory compares it with the one it saw last to know whether
        another writer has changed the index since (0 before the first such write)."""

    @abstractmethod
    def story(self, story_id: str) -> StoryRecord | None:
        """One story, or None."""

    @abstractmethod
    def story_spans(
        self, story_ids: Iterable[str]
    ) -> dict[str, tuple[datetime | None, datetime | None]]:
        """Story id -> (first seen, last seen), without loading the stories' centroids."""

    @abstractmethod
    def story_count(self) -> int:
        """How many stories there are."""

    @abstractmethod
    def stories(self) -> Iterator[StoryRecord]:
        """Every story, earliest first (unknown times last)."""

    @abstractmethod
    def members(self, story_id: str) -> list[StoredArticle]:
        """The articles of a story, in ingest order."""

    @abstractmethod
    def memberships(self) -> Iterator[Membership]:
        """Every indexed article's story, id, outlet and time, in ingest order (no text)."""

    @abstractmethod
    def story_of(self, article_id: str) -> str | None:
        """The story id of an indexed article, or None."""

    @abstractmethod
    def story_page(self, query: StoryQuery) -> tuple[list[StoryRecord], int]:
        """The stories of one page of a filtered listing (centroids left empty), and how
        many stories match the filters in all."""

    @abstractmethod
    def memberships_of(self, story_ids: Iterable[str]) -> list[Membership]:
        """The memberships of these stories only, in ingest order (no text)."""

    @abstractmethod
    def cached_story(self, story_id: str, key: str) -> str | None:
        """The payload cached for a story under ``key`` (see ``cache_story``), or None
        when there is none or it was built for another key."""

    @abstractmethod
    def story_cache_entry(self, story_id: str) -> tuple[str, str] | None:
        """(key, payload) of the payload kept for a story, whatever key it was built
        for: once the story has changed it is the last version built, which a reader
        may show marked as out of date while the current one is built; None when none
        is kept."""

    @abstractmethod
    def cache_story(self, story_id: str, key: str, payload: str) -> None:
        """Keep a derived payload of a story (its rendered derivation) under ``key``, a
        fingerprint of the members and settings it was built from (so a changed story
        no longer matches it). The entry is kept when the story changes (an article
        joins: ``story_cache_entry`` still finds it) and dropped when the story goes (a
        merge into another, a delete)."""

    def close(self) -> None:  # noqa: B027 - optional hook, most backends need nothing
        """Release resources (a no-op unless the backend holds any)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
