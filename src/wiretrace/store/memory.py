"""An in-memory Store, for tests and one-off runs."""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import numpy as np

from wiretrace.errors import StoreError
from wiretrace.store.base import (
    Deletion,
    IndexEntry,
    IndexUpdate,
    IngestReport,
    KnownArticle,
    Link,
    Membership,
    Store,
    StoredArticle,
    StoryQuery,
    StoryRecord,
    canonical_url,
    duplicate_or_link,
)


class MemoryStore(Store):
    """Keeps articles in dictionaries; same duplicate rules as the SQLite store."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredArticle] = {}
        self._urls: dict[str, list[KnownArticle]] = {}
        self._hashes: dict[str, list[KnownArticle]] = {}
        self._links: list[Link] = []
        self._index_config: str | None = None
        self._generation = 0
        self._reset()

    def _reset(self) -> None:
        self._entries: dict[str, IndexEntry] = {}
        self._story_of: dict[str, str] = {}
        self._bands: dict[int, list[str]] = {}
        self._stories: dict[str, StoryRecord] = {}
        self._features: dict[int, set[str]] = {}
        self._df: Counter[int] = Counter()
        self._next_story = 1
        self._cache: dict[str, tuple[str, str]] = {}

    def add(self, articles: Iterable[StoredArticle]) -> IngestReport:
        """Add a batch; duplicates (id, URL or content) are reported and skipped."""
        report = IngestReport()
        staged: dict[str, StoredArticle] = {}
        urls = {k: list(v) for k, v in self._urls.items()}
        hashes = {k: list(v) for k, v in self._hashes.items()}
        for item in articles:
            a = item.article
            if item.id in self._by_id or item.id in staged:
                report.duplicates.append((item.id, f"id {item.id!r} is already stored"))
                continue
            key = canonical_url(a.url)
            reason, link = duplicate_or_link(
                item.id,
                a.url,
                a.outlet,
                hashes.get(item.content_hash, []),
                urls.get(key, []) if key else [],
            )
            if reason:
                report.duplicates.append((item.id, reason))
                continue
            staged[item.id] = item
            known = KnownArticle(item.id, key, a.outlet)
            if key:
                urls.setdefault(key, []).append(known)
            hashes.setdefault(item.content_hash, []).append(known)
            report.added.append(item.id)
            if link:
                report.links.append(link)
        self._by_id.update(staged)
        self._urls, self._hashes = urls, hashes
        self._links.extend(report.links)
        return report

    def links(self, article_id: str) -> list[Link]:
        """The version and verbatim links from and to an article, oldest first."""
        return [link for link in self._links if article_id in (link.article_id, link.earlier_id)]

    def delete(self, deletion: Deletion) -> None:
        """Remove the articles and rewrite their stories' index (validated first, so a
        bad deletion changes nothing)."""
        gone = set(deletion.article_ids)
        missing = sorted(gone - self._by_id.keys())
        if missing:
            raise StoreError(f"cannot delete {missing[0]!r}: it is not stored")
        self._generation += 1
        for article_id in gone:
            del self._by_id[article_id]
            self._entries.pop(article_id, None)
            self._story_of.pop(article_id, None)
        for index in (self._urls, self._hashes):
            for key in list(index):
                index[key] = [k for k in index[key] if k.id not in gone]
                if not index[key]:
                    del index[key]
        for band in list(self._bands):
            self._bands[band] = [a for a in self._bands[band] if a not in gone]
        self._links = [
            link
            for link in self._links
            if link.article_id not in gone and link.earlier_id not in gone
        ]
        replaced = {(link.article_id, link.kind) for link in deletion.links}
        self._links = [link for link in self._links if (link.article_id, link.kind) not in replaced]
        self._links.extend(deletion.links)
        removed = set(deletion.removed_stories)
        for story_id in removed:
            self._stories.pop(story_id, None)
            self._cache.pop(story_id, None)
        for stories in self._features.values():
            stories -= removed
        self._story_of.update(deletion.members)
        for record in deletion.stories:
            self._stories[record.id] = copy.deepcopy(record)
        for feature, story_id in deletion.features:
            self._features.setdefault(feature, set()).add(story_id)
        self._df.subtract(deletion.df)
        self._df = +self._df  # drop terms no article has any more
        self._next_story = max(self._next_story, deletion.next_story)

    def get(self, article_id: str) -> StoredArticle | None:
        """The article with this id, or None."""
        return self._by_id.get(article_id)

    def __iter__(self) -> Iterator[StoredArticle]:
        return iter(list(self._by_id.values()))

    def __len__(self) -> int:
        return len(self._by_id)

    # ---- index ----

    def index_config(self) -> str | None:
        """The settings fingerprint the index was built with."""
        return self._index_config

    def reset_index(self, config: str) -> None:
        """Drop the index and record the new settings."""
        self._generation += 1
        self._reset()
        self._index_config = config

    def unindexed(self, limit: int) -> list[StoredArticle]:
        """Articles without a story yet, in ingest order."""
        out = []
        for article_id, item in self._by_id.items():
            if article_id not in self._story_of:
                out.append(item)
                if len(out) >= limit:
                    break
        return out

    def apply_index(self, update: IndexUpdate) -> None:
        """Apply the update (validated first, so a bad one changes nothing)."""
        for entry in update.entries:
            if entry.article_id not in self._by_id:
                raise StoreError(f"cannot index {entry.article_id!r}: it is not stored")
        self._generation += 1
        for old, new in update.merged.items():
            for article_id, story in self._story_of.items():
                if story == old:
                    self._story_of[article_id] = new
            for stories in self._features.values():
                if old in stories:
                    stories.discard(old)
                    stories.add(new)
            self._stories.pop(old, None)
        for entry in update.entries:
            self._entries[entry.article_id] = entry
            self._story_of[entry.article_id] = entry.story_id
            for key in entry.band_keys:
                self._bands.setdefault(key, []).append(entry.article_id)
        for record in update.stories:
            self._stories[record.id] = copy.deepcopy(record)
        for old in update.merged:
            self._cache.pop(old, None)
        for feature, story_id in update.features:
            self._features.setdefault(feature, set()).add(story_id)
        self._df.update(update.df)
        self._next_story = max(self._next_story, update.next_story)

    def band_matches(self, keys: Iterable[int], limit: int = 1000) -> dict[str, int]:
        """Indexed article id -> number of shared band keys (the ``limit`` most recent
        hits of each key only)."""
        return dict(Counter(a for key in keys for a in self._bands.get(key, ())[-limit:]))

    def signatures(self, article_ids: Iterable[str]) -> dict[str, tuple[int, np.ndarray]]:
        """Article id -> (shingle count, signature)."""
        return {
            i: (self._entries[i].shingle_count, self._entries[i].signature.astype(np.uint32))
            for i in article_ids
            if i in self._entries
        }

    def feature_stories(self, features: Iterable[int], limit: int = 1000) -> dict[int, list[str]]:
        """Lookup feature -> story ids (at most ``limit`` each)."""
        return {f: sorted(self._features[f])[:limit] for f in features if f in self._features}

    def active_stories(self, since: datetime) -> list[tuple[str, datetime | None, list[int]]]:
        """(story id, last seen, features) of the stories last seen at or after ``since``
        and of the undated ones."""
        cut = _utc(since)
        chosen = {
            i: s.last_seen
            for i, s in self._stories.items()
            if s.last_seen is None or _utc(s.last_seen) >= cut  # type: ignore[operator]
        }
        features: dict[str, list[int]] = {i: [] for i in chosen}
        for feature, stories in self._features.items():
            for story_id in stories & chosen.keys():
                features[story_id].append(feature)
        return [(i, chosen[i], sorted(features[i])) for i in sorted(chosen)]

    def story_features_of(self, story_id: str) -> list[int]:
        """The lookup features of one story."""
        return sorted(f for f, stories in self._features.items() if story_id in stories)

    def stories_near(
        self, features: Iterable[int], start: datetime, end: datetime
    ) -> dict[int, list[tuple[str, datetime | None, datetime | None]]]:
        """Feature -> (story id, first seen, last seen) of its stories whose span comes
        within ``start``..``end``, and of its undated stories."""
        lo, hi = _utc(start), _utc(end)
        out: dict[int, list[tuple[str, datetime | None, datetime | None]]] = {}
        for feature in features:
            for story_id in sorted(self._features.get(feature, ())):
                story = self._stories.get(story_id)
                if story is None:
                    continue
                first, last = _utc(story.first_seen), _utc(story.last_seen)
                if first is None or last is None or (last >= lo and first <= hi):  # type: ignore[operator]
                    out.setdefault(feature, []).append(
                        (story_id, story.first_seen, story.last_seen)
                    )
        return out

    def document_frequencies(self, terms: Iterable[int]) -> dict[int, int]:
        """Term key -> document frequency."""
        return {t: self._df[t] for t in terms if t in self._df}

    def indexed_count(self) -> int:
        """Number of indexed articles."""
        return len(self._entries)

    def next_story_number(self) -> int:
        """The number of the next new story."""
        return self._next_story

    def index_generation(self) -> int:
        """Writes to the index so far (``Store.index_generation``)."""
        return self._generation

    def story(self, story_id: str) -> StoryRecord | None:
        """One story, or None."""
        found = self._stories.get(story_id)
        return copy.deepcopy(found) if found else None

    def story_spans(
        self, story_ids: Iterable[str]
    ) -> dict[str, tuple[datetime | None, datetime | None]]:
        """Story id -> (first seen, last seen)."""
        return {
            i: (self._stories[i].first_seen, self._stories[i].last_seen)
            for i in story_ids
            if i in self._stories
        }

    def story_count(self) -> int:
        """How many stories there are."""
        return len(self._stories)

    def stories(self) -> Iterator[StoryRecord]:
        """Every story, earliest first."""
        far = datetime.max.replace(tzinfo=None)

        def key(story: StoryRecord) -> tuple[bool, datetime, int]:
            seen = story.first_seen.replace(tzinfo=None) if story.first_seen else far
            return (story.first_seen is None, seen, int(story.id[1:]))

        for story in sorted(self._stories.values(), key=key):
            yield copy.deepcopy(story)

    def members(self, story_id: str) -> list[StoredArticle]:
        """A story's articles in ingest order."""
        return [self._by_id[i] for i in self._by_id if self._story_of.get(i) == story_id]

    def memberships(self) -> Iterator[Membership]:
        """Every indexed article's story, id, outlet and time, in ingest order."""
        for article_id, item in self._by_id.items():
            story = self._story_of.get(article_id)
            if story is not None:
                a = item.article
                yield Membership(story, article_id, a.outlet, a.published)

    def story_of(self, article_id: str) -> str | None:
        """The story of an indexed article."""
        return self._story_of.get(article_id)

    def story_page(self, query: StoryQuery) -> tuple[list[StoryRecord], int]:
        """A page of the filtered listing (``q`` matches words as substrings of the
        lower-cased title and text: a simpler stand-in for the SQLite store's FTS5)."""
        members: dict[str, list[str]] = {}
        for article_id, story_id in self._story_of.items():
            members.setdefault(story_id, []).append(article_id)
        words = re.findall(r"\w+", (query.q or "").lower())
        timed = query.since is not None or query.until is not None
        picked = []
        for story in self._stories.values():
            items = [self._by_id[i].article for i in members.get(story.id, ())]
            if query.outlet is not None and all(a.outlet != query.outlet for a in items):
                continue
            if timed and not _within(story.first_seen, query.since, query.until):
                continue
            if words and not any(
                all(w in f"{a.title or ''}\n{a.text}".lower() for w in words) for a in items
            ):
                continue
            picked.append(story)
        picked.sort(key=_sort_key(query.sort))
        page = picked[query.offset : query.offset + query.limit]
        return [replace(s, centroid={}) for s in page], len(picked)

    def memberships_of(self, story_ids: Iterable[str]) -> list[Membership]:
        """The memberships of these stories, in ingest order."""
        wanted = set(story_ids)
        return [m for m in self.memberships() if m.story_id in wanted]

    def cached_story(self, story_id: str, key: str) -> str | None:
        """The payload cached for a story under ``key``, or None."""
        found = self._cache.get(story_id)
        return found[1] if found and found[0] == key else None

    def story_cache_entry(self, story_id: str) -> tuple[str, str] | None:
        """(key, payload) kept for a story under any key, or None."""
        return self._cache.get(story_id)

    def cache_story(self, story_id: str, key: str, payload: str) -> None:
        """Keep a payload for a story under ``key`` (replacing any other)."""
        if story_id in self._stories:
            self._cache[story_id] = (key, payload)


def _within(seen: datetime | None, since: datetime | None, until: datetime | None) -> bool:
    if seen is None:
        return False
    return (since is None or seen >= since) and (until is None or seen <= until)


def _sort_key(sort: str) -> Callable[[StoryRecord], tuple[Any, ...]]:
    """The order of ``StoryQuery.sort`` as the SQLite store gives it: undated stories
    last, ties by id as text."""

    def seen(story: StoryRecord) -> float:
        return story.first_seen.timestamp() if story.first_seen else 0.0

    def desc(text: str) -> tuple[int, ...]:
        return (*(-ord(c) for c in text), 1)

    if sort == "-size":
        return lambda s: (-s.size, s.first_seen is None, -seen(s), desc(s.id))
    if sort == "first_seen":
        return lambda s: (s.first_seen is None, seen(s), s.id)
    return lambda s: (s.first_seen is None, -seen(s), desc(s.id))


def _utc(value: datetime | None) -> datetime | None:
    """A time in UTC (a naive time is taken to be UTC already), as the clusterer reads it."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
