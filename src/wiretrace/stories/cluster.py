"""Incremental story clustering: each new article joins a story by shared text or by
centroid similarity within a time window, or starts one; never single-link chaining."""

from __future__ import annotations

import ctypes
import heapq
import json
import os
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Set
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta

import numpy as np

from wiretrace.config import CandidatesConfig, CleanConfig, StoriesConfig
from wiretrace.model import Article
from wiretrace.store.base import IndexEntry, IndexUpdate, Store, StoredArticle, StoryRecord
from wiretrace.stories.active import ActiveStories
from wiretrace.stories.features import ArticleFeatures, Featurizer
from wiretrace.stories.rule import (
    cosine,
    cut_centroid,
    day_time,
    estimated_containment,
    figures_apart,
    idf,
    monthday_in,
    weighted,
)
from wiretrace.stories.when import as_utc

#: Story records kept in memory (least recently used dropped first); stories are local in
#: time, so a few thousand cover every story a new article can join.
_STORY_CACHE = 4096
#: Stories last seen within this many time windows (``StoriesConfig.window_hours``, plus
#: a day) before the latest article stay in memory for the name lookup
#: (``ActiveStories``); an article older than that is looked up in the store instead.
#: Four windows keep articles that arrive up to about nine days late answered from memory.
_ACTIVE_WINDOWS = 4
#: Stories of the window an article is scored against (centroid cosines), those sharing
#: the most of its looked-up names first: as an archive grows, the rarest names of an
#: article are shared by more of the window's stories (2-3 per article at 5k synthetic
#: articles, 9 at 22k) and every one of them cost a cosine. The story an article joined
#: by similarity was the first of that order for 98.5% of joins up to 16k synthetic
#: articles, and past the 8th for 4 of 2,600 (benchmarks/README.md, bench_ingest_growth).
#: Copies are always scored. Re-run ``make eval-gate`` after changing it.
_MAX_CANDIDATES = 8
#: Bumped when features or decisions change in a way that makes old indexes stale.
INDEX_VERSION = 8
#: A figure or named day found in more of a run's stories than this is too common to
#: pair stories on in the consolidation pass.
_CONSOLIDATE_BUCKET = 20
#: Figures and named days two stories must share to be paired in that pass (one is
#: often chance: "3 people", the same weekday).
_CONSOLIDATE_SHARED = 2


def index_fingerprint(
    candidates: CandidatesConfig, stories: StoriesConfig, clean: CleanConfig | None = None
) -> str:
    """The settings an index depends on, as one stable string."""
    return json.dumps(
        {
            "version": INDEX_VERSION,
            "candidates": json.loads(str(candidates)),
            "stories": json.loads(str(stories)),
            "clean": asdict(clean or CleanConfig()),
        },
        sort_keys=True,
        separators=(",", ":"),
    )


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went, and why.

    Attributes:
        article_id: The article.
        story_id: Its story.
        reason: "copy" (shares text with a member), "similar" (close to the story's
            centroid) or "new" (started the story).
        score: Containment for a copy, centroid cosine for a similar article, else 0.
        via: For a copy, the member it shares most text with.
        merged: Stories merged into this one by the article.
    """

    article_id: str
    story_id: str
    reason: str
    score: float = 0.0
    via: str | None = None
    merged: tuple[str, ...] = field(default_factory=tuple)


class StoryClusterer:
    """Assigns articles to stories one at a time; decisions are written to the store in
    batches (one transaction each), so a run killed midway keeps every finished batch and
    redoes only the rest.

    The index (signatures, bands, stories, lookup features, document frequencies) lives in
    the store with the fingerprint of the settings that built it; opening a store indexed
    under other settings drops that index and rebuilds it (``rebuilt`` says so), so an
    index is never reused under other parameters.
    """

    def __init__(
        self,
        store: Store,
        candidates: CandidatesConfig | None = None,
        stories: StoriesConfig | None = None,
        *,
        clean: CleanConfig | None = None,
        batch_size: int = 256,
    ) -> None:
        self.store = store
        self.candidates_config = candidates or CandidatesConfig()
        self.config = stories or StoriesConfig()
        self.clean_config = clean or CleanConfig()
        self.batch_size = batch_size
        self.featurizer = Featurizer(self.candidates_config, self.config, self.clean_config)
        fingerprint = index_fingerprint(self.candidates_config, self.config, self.clean_config)
        previous = store.index_config()
        self.rebuilt = previous is not None and previous != fingerprint
        if previous != fingerprint:
            store.reset_index(fingerprint)
        self._count = store.indexed_count()
        self._next = store.next_story_number()
        #: the store's ``index_generation`` as of the load or our own last write
        self._generation = store.index_generation()
        self._df: dict[int, int] = {}
        self._stories: dict[str, StoryRecord] = {}
        #: story id -> (first seen, last seen) for every story met: the window check
        #: needs no centroid, so stories out of the window are never loaded
        self._spans: dict[str, tuple[float, float] | None] = {}
        self._idf: dict[int, float] = {}
        self._idf_count = self._count
        self._weighted_stories: dict[str, dict[int, float]] = {}
        self._pending = _Pending()
        #: the stories active around the latest articles, by lookup feature (loaded from
        #: the store at the first dated lookup): the lookup's cost follows the window's
        #: stories, not the archive's
        self._active = ActiveStories(_ACTIVE_WINDOWS * self.config.window_hours * 3600 + 86400)
        #: story id -> figure and day keys of the articles of the current ``run`` (None
        #: outside a run): what the consolidation pass pairs stories on
        self._run_figures: dict[str, set[int]] | None = None
        #: stories of the current ``run`` whose every article lacks a publication time:
        #: their span is a day the text names, a guess (a copy that opens on a past
        #: date's background), so it never keeps the consolidation pass from a merge
        self._run_guessed: set[str] = set()
        #: look each article's names up in the store around its time instead of in the
        #: stories kept in memory (see ``window_from_store``)
        self.window_from_store = False

    @property
    def window_from_store(self) -> bool:
        """Whether each article's names are looked up in the store around the article's
        time (``Store.stories_near``, one indexed query per article) instead of in the
        stories active around the latest articles kept in memory (``ActiveStories``).

        The decisions are the same either way. The window in memory is the cheaper one
        for a long run of writes by one clusterer; a clusterer that lives for a few
        articles (a writer that takes turns with another process and so reloads its
        state from the store at each turn, like the desk's) would pay ~0.3-0.5 s of CPU
        to load that window at every turn, and a lookup in the store costs it a few
        milliseconds instead. Setting it drops the window in memory."""
        return self._window_from_store

    @window_from_store.setter
    def window_from_store(self, value: bool) -> None:
        self._window_from_store = value
        if value:
            self._active = ActiveStories(self._active.keep_s)

    def in_sync(self) -> bool:
        """Whether the store's index is still the one this clusterer loaded or last
        wrote (no other connection or process has written to it since: the store's
        ``index_generation`` and counts are as this clusterer left them); a stale
        clusterer must be rebuilt."""
        if self._pending.update.entries:
            return True  # our own decisions are not written yet: the counts differ
        return (
            self.store.index_generation() == self._generation
            and self.store.indexed_count() == self._count
            and self.store.next_story_number() == self._next
        )

    # ---- running ----

    def run(
        self, on_article: Callable[[Assignment], None] | None = None, *, jobs: int = 1
    ) -> list[Assignment]:
        """Assign every article not yet in a story, in ingest order, and write it all;
        then merge the stories of the run that one event was split into by that order
        (``consolidate``).

        With ``jobs`` > 1, features are computed by that many worker processes ahead of
        the decisions (which stay sequential, so the result does not depend on ``jobs``).
        """
        done: list[Assignment] = []
        self._run_figures = {}
        self._run_guessed = set()
        try:
            self._run(done, on_article, jobs)
            moved = self.consolidate()
        finally:
            self._run_figures = None
            self._run_guessed = set()
        return [replace(a, story_id=moved[a.story_id]) if a.story_id in moved else a for a in done]

    def _run(
        self,
        done: list[Assignment],
        on_article: Callable[[Assignment], None] | None,
        jobs: int,
    ) -> None:
        """The decisions of ``run``, batch by batch."""

        def decide(items: list[StoredArticle], features: Iterable[ArticleFeatures]) -> None:
            for item, feats in zip(items, features, strict=True):
                assignment = self.add(item, flush=False, features=feats)
                done.append(assignment)
                if on_article:
                    on_article(assignment)
            self.flush()

        if jobs <= 1:
            while batch := self.store.unindexed(self.batch_size):
                decide(batch, map(self.featurizer, (i.article for i in batch)))
            return
        with ProcessPoolExecutor(
            max_workers=jobs,
            initializer=_init_worker,
            initargs=(self.candidates_config, self.config, self.clean_config),
        ) as pool:
            try:
                while window := self.store.unindexed(self.batch_size * 8):
                    chunks = [
                        window[k : k + self.batch_size]
                        for k in range(0, len(window), self.batch_size)
                    ]
                    futures = [
                        pool.submit(_featurize_many, [i.article for i in chunk]) for chunk in chunks
                    ]
                    for chunk, future in zip(chunks, futures, strict=True):
                        decide(chunk, future.result())
            except BaseException:  # interrupted: do not compute what will not be used
                pool.shutdown(cancel_futures=True)
                raise

    def add(
        self,
        item: StoredArticle,
        *,
        flush: bool = True,
        features: ArticleFeatures | None = None,
    ) -> Assignment:
        """Assign one stored article to a story. With ``flush`` (the default) the decision
        is written at once; otherwise it waits for ``flush`` or the batch size.
        ``features`` may be given when already computed (by ``run``'s workers)."""
        features = features or self.featurizer(item.article)
        published = as_utc(item.article.published) or day_time(features.event_day)
        self._load_df(features.terms)
        copies = self._copy_links(features)
        similar = self._similar_stories(features, published, copies)
        cut = self.config.join_similarity  # a story under it and not copied is never taken
        able = set(copies) | {i for i, score in similar.items() if score >= cut}
        for story_id in self._apart(features, able):
            copies.pop(story_id, None)
            similar.pop(story_id, None)
        assignment, update = self._decide(item, features, published, copies, similar)
        known = self._active.features_of(assignment.story_id)
        if known:  # stored or pending already: the write would be ignored
            update.features = {(n, s) for n, s in update.features if n not in known}
        if update.merged:
            self.flush()  # merges rewrite stored rows: apply them on a clean slate
            self._apply(update)
        else:
            self._pending.add(update)
        self._count += 1
        for term in features.terms:
            self._df[term] = self._df.get(term, 0) + 1
        if self._run_figures is not None:
            figures = self._run_figures.setdefault(assignment.story_id, set())
            figures.update(features.figures)
            for old in update.merged:
                figures.update(self._run_figures.pop(old, ()))
            if item.article.published is not None:
                guessed = False
            elif assignment.reason == "new":
                guessed = True
            else:
                guessed = assignment.story_id in self._run_guessed and all(
                    old in self._run_guessed for old in update.merged
                )
            self._run_guessed -= set(update.merged)
            if guessed:
                self._run_guessed.add(assignment.story_id)
            else:
                self._run_guessed.discard(assignment.story_id)
        for old in update.merged:
            self._stories.pop(old, None)
            self._weighted_stories.pop(old, None)
            self._spans.pop(old, None)
        for story in update.stories:
            self._stories[story.id] = story
            self._weighted_stories.pop(story.id, None)
            self._spans[story.id] = _span(story.first_seen, story.last_seen)
        self._keep_active(update, assignment.reason == "new", published)
        if len(self._spans) > 1_000_000:
            self.flush()  # so that reloaded spans include every decision
            self._spans.clear()
        while len(self._stories) > _STORY_CACHE:  # least recently used first
            gone = next(iter(self._stories))
            del self._stories[gone]
            self._weighted_stories.pop(gone, None)
        if flush or len(self._pending.update.entries) >= self.batch_size:
            self.flush()
        return assignment

    def flush(self) -> None:
        """Write the decisions not yet written (one transaction)."""
        if self._pending.update.entries:
            self._pending.update.next_story = self._next
            self._apply(self._pending.update)
        self._pending = _Pending()

    def retitle(self, titles: dict[str, str]) -> None:
        """Give stories new titles (story id -> title) and write them at once, in one
        transaction (their cached story pages go with it). Pending decisions are
        written first; an unknown story id is ignored."""
        if not titles:
            return
        self.flush()
        changed = []
        for story_id, title in sorted(titles.items()):
            story = self._story(story_id)
            if story is not None and story.title != title:
                story.title = title
                changed.append(story)
        if changed:
            self._apply(IndexUpdate(stories=changed))

    def _apply(self, update: IndexUpdate) -> None:
        """Write one update and note the index generation it made (our own write)."""
        self.store.apply_index(update)
        self._generation = self.store.index_generation()

    def consolidate(self) -> dict[str, str]:
        """Merge stories of the current run that one event was split into by the order
        its articles came in: pairs that share two figures or named days, whose spans lie
        within ``consolidate_hours`` and whose centroids reach ``consolidate_similarity``
        (cosine of the idf-weighted centroids: group average, never one link), best pair
        first, each merge written at once. ``run`` calls it at its end. A story of the run
        none of whose articles has a publication time has only a day its text names for a
        span (often a background date: "since the May 5, 2023 quake"), so its span is not
        checked.

        Returns:
            Removed story id -> the story it went into.
        """
        figures = self._run_figures
        if not figures or self.config.consolidate_similarity >= 1.0:
            return {}
        self.flush()
        self._idf.clear()  # weigh the centroids with the run's final document frequencies
        self._weighted_stories.clear()
        self._idf_count = self._count
        buckets: dict[int, list[str]] = {}
        for story_id, keys in sorted(figures.items()):
            for key in keys:
                buckets.setdefault(key, []).append(story_id)
        shared: Counter[tuple[str, str]] = Counter()
        for ids in buckets.values():
            if len(ids) <= _CONSOLIDATE_BUCKET:
                shared.update((x, y) for k, x in enumerate(ids) for y in ids[k + 1 :])
        heap: list[tuple[float, str, str]] = []
        for x, y in sorted(p for p, n in shared.items() if n >= _CONSOLIDATE_SHARED):
            score = self._consolidation_score(x, y)
            if score is not None:
                heap.append((-score, x, y))
        heapq.heapify(heap)
        gone: dict[str, str] = {}

        def find(story_id: str) -> str:
            while story_id in gone:
                story_id = gone[story_id]
            return story_id

        while heap:
            negative, x, y = heapq.heappop(heap)
            x, y = find(x), find(y)
            if x == y:
                continue
            score = self._consolidation_score(x, y)
            if score is None:
                continue
            if score < -negative - 1e-12:  # a merge changed a centroid: back in line
                heapq.heappush(heap, (-score, x, y))
                continue
            first, second = self._story(x), self._story(y)
            assert first is not None and second is not None
            kept = replace(first, centroid=dict(first.centroid))
            removed = self._absorb(kept, second)
            self._apply(IndexUpdate(stories=[kept], merged={removed: kept.id}))
            gone[removed] = kept.id
            figures[kept.id] = figures.pop(x, set()) | figures.pop(y, set())
            guessed = x in self._run_guessed and y in self._run_guessed
            self._run_guessed -= {x, y}
            if guessed:
                self._run_guessed.add(kept.id)
            for story_id in (x, y):
                self._stories.pop(story_id, None)
                self._weighted_stories.pop(story_id, None)
                self._spans.pop(story_id, None)
                self._active.drop(story_id)
            self._stories[kept.id] = kept
            self._spans[kept.id] = _span(kept.first_seen, kept.last_seen)
            self._reload_active(kept.id)
        return {old: find(old) for old in gone}

    def _consolidation_score(self, x: str, y: str) -> float | None:
        """Centroid cosine of two stories of the run, or None when the pass must not
        merge them (under two shared figures or days, spans too far apart, under the
        threshold)."""
        figures = self._run_figures or {}
        if len(figures.get(x, set()) & figures.get(y, set())) < _CONSOLIDATE_SHARED:
            return None
        a, b = self._story(x), self._story(y)
        if a is None or b is None:
            return None
        guessed = x in self._run_guessed or y in self._run_guessed
        if not guessed and not _spans_meet(a, b, self.config.consolidate_hours):
            return None
        score = cosine(self._weighted_story(a), self._weighted_story(b))
        return score if score >= self.config.consolidate_similarity else None

    def candidates(self, article: Article) -> list[str]:
        """Ids of indexed articles that may share text with ``article`` (nothing is
        written): LSH band matches, and the members of the stories it copies from or is
        close to."""
        self.flush()
        features = self.featurizer(article)
        self._load_df(features.terms)
        found = dict.fromkeys(sorted(self.store.band_matches(features.band_keys)))
        copies = self._copy_links(features)
        when = as_utc(article.published) or day_time(features.event_day)
        similar = self._similar_stories(features, when, copies, from_store=True)
        near = 0.8 * self.config.join_similarity
        for story_id in sorted(set(copies) | {s for s, v in similar.items() if v >= near}):
            found.update(dict.fromkeys(m.id for m in self.store.members(story_id)))
        return list(found)

    # ---- evidence ----

    def _load_df(self, terms: dict[int, float]) -> None:
        missing = [t for t in terms if t not in self._df]
        if missing:
            found = self.store.document_frequencies(missing)
            for term in missing:
                self._df[term] = found.get(term, 0)
        if len(self._df) > 2_000_000:  # bound memory on huge vocabularies
            self.flush()  # the store's counts must include every decision before a reload
            self._df = {t: self._df[t] for t in terms}
            self._idf.clear()
        if self._count > self._idf_count * 1.05 + 20:  # idf moves slowly: refresh now and then
            self._idf.clear()
            self._weighted_stories.clear()
            self._idf_count = self._count

    def _idf_of(self, term: int) -> float:
        value = self._idf.get(term)
        if value is None:
            value = idf(self._count, self._df.get(term, 0))
            self._idf[term] = value
        return value

    def _story(self, story_id: str) -> StoryRecord | None:
        story = self._stories.pop(story_id, None)  # re-inserted last: recently used
        if story is None:
            # not cached: a decision not yet written wins over the stored record
            story = self._pending.stories.get(story_id) or self.store.story(story_id)
        if story is not None:
            self._stories[story_id] = story
        return story

    def _story_of(self, article_id: str) -> str | None:
        entry = self._pending.entries.get(article_id)
        return entry.story_id if entry else self.store.story_of(article_id)

    def _copy_links(self, features: ArticleFeatures) -> dict[str, tuple[float, str]]:
        """Story id -> (best estimated containment either way, member) for members sharing
        text with the article (LSH candidates, containment estimated from MinHash)."""
        matches = self.store.band_matches(features.band_keys)
        for key in features.band_keys:
            for article_id in self._pending.bands.get(key, ()):
                matches[article_id] = matches.get(article_id, 0) + 1
        if not matches or not features.shingle_count:
            return {}
        signatures = self.store.signatures([m for m in matches if m not in self._pending.entries])
        for article_id in matches:
            entry = self._pending.entries.get(article_id)
            if entry:
                signatures[article_id] = (entry.shingle_count, entry.signature)
        mine = features.signature.astype(np.uint32)
        out: dict[str, tuple[float, str]] = {}
        for member, (count, signature) in sorted(signatures.items()):
            containment = estimated_containment(count, signature, features.shingle_count, mine)
            if containment < self.config.copy_containment:
                continue
            story_id = self._story_of(member)
            if story_id is not None and containment > out.get(story_id, (0.0, ""))[0]:
                out[story_id] = (containment, member)
        return out

    def _similar_stories(
        self,
        features: ArticleFeatures,
        published: datetime | None,
        copies: dict[str, tuple[float, str]],
        *,
        from_store: bool = False,
    ) -> dict[str, float]:
        """Story id -> centroid cosine, for stories sharing rare names or numbers with the
        article (within the time window) and for the stories it copies from;
        ``from_store`` looks the names up in the store around the article's time
        (``_stories_near``) instead of the stories kept in memory."""
        # rarest in the corpus first, then rarest in the language (``names`` is in that order)
        known = [(self._df[n], k, n) for k, n in enumerate(features.names) if self._df.get(n, 0)]
        known.sort()
        lookup = [n for _, _, n in known[: self.config.lookup_features]]
        cap = self.config.max_feature_stories
        window = timedelta(hours=self.config.window_hours)
        if published is not None:
            found = self._stories_near(
                lookup,
                published.timestamp(),
                window.total_seconds(),
                from_store=from_store or self._window_from_store,
            )
        else:  # no time: every story with the name, unless too many have it
            found = self.store.feature_stories(lookup, limit=cap + 1)
            for feature in lookup:
                extra = self._pending.features.get(feature)
                if extra:
                    found[feature] = sorted(set(found.get(feature, [])) | extra)
        shared: dict[str, int] = {}
        for stories in found.values():
            if len(stories) > cap:
                continue
            for story_id in stories:
                shared[story_id] = shared.get(story_id, 0) + 1
        if published is not None and len(shared) > _MAX_CANDIDATES:
            # the window's stories that share the most of the article's rarest names,
            # the latest first among equals: the cosines per article stay bounded
            ranked = sorted(shared, key=lambda i: (-shared[i], -_number(i)))
            shared = {i: shared[i] for i in ranked[:_MAX_CANDIDATES]}
        unknown = [i for i in shared if i not in self._spans]
        if unknown:  # (a story changed by a pending decision is always in _spans)
            for story_id, (first, last) in self.store.story_spans(unknown).items():
                self._spans[story_id] = _span(first, last)
        vector = self._weighted(features.terms)
        out: dict[str, float] = {}
        when = published.timestamp() if published else None
        reach = window.total_seconds()
        for story_id in sorted(set(shared) | set(copies)):
            elsewhen = False
            if story_id not in copies:
                span = self._spans.get(story_id)
                if span is not None and when is not None:
                    if not span[0] - reach <= when <= span[1] + reach:
                        continue
                elif (
                    span is not None
                    and features.event_monthdays
                    and not any(monthday_in(d, span, reach) for d in features.event_monthdays)
                ):
                    elsewhen = True  # no time, and no day its text names is in the window
            story = self._story(story_id)
            if story is not None:
                score = cosine(vector, self._weighted_story(story))
                if elsewhen or not any(f in story.centroid for f in features.figures):
                    score *= self.config.no_shared_figure_factor
                out[story_id] = score
        return out

    def _apart(self, features: ArticleFeatures, story_ids: Iterable[str]) -> list[str]:
        """The stories among ``story_ids`` that the article's figures mark as another
        event (``rule.figures_apart``: most units the two share disagree): the article
        neither copies into them nor joins them, however close its words are (a
        look-alike event retold with other figures)."""
        out = []
        for story_id in sorted(story_ids):
            story = self._story(story_id)
            if story is not None and figures_apart(features.figures, story.centroid):
                out.append(story_id)
        return out

    def _stories_near(
        self, lookup: list[int], when: float, reach: float, *, from_store: bool = False
    ) -> dict[int, list[str]]:
        """Lookup feature -> ids of the stories with it whose span comes within ``reach``
        seconds of ``when`` (POSIX seconds), and of the undated stories with it: from the
        stories in memory, or from the store for an article older than those (and
        always with ``from_store``: a reader that looks up one article needs no window
        in memory, which costs ~0.5 s to load at 10,000 articles). A feature is then too
        common when more than ``max_feature_stories`` stories of the window have it (not
        of the whole archive, so a town's name stays usable as it recurs over the
        years)."""
        active = self._active
        if active.since is None and not from_store:
            self.flush()  # the store must hold every decision before it is read back
            since = when - active.keep_s
            start = datetime.fromtimestamp(since, UTC)
            active.load(
                since,
                (
                    (i, _seconds(last), features)
                    for i, last, features in self.store.active_stories(start)
                ),
            )
        candidates: dict[int, Set[str]] = {}
        if not from_store and active.covers(when - reach):
            for feature in lookup:
                ids = active.stories(feature)
                if ids:
                    candidates[feature] = ids
        else:  # far older than the latest articles: ask the store around its time
            start = datetime.fromtimestamp(when - reach, UTC)
            end = datetime.fromtimestamp(when + reach, UTC)
            for feature, rows in self.store.stories_near(lookup, start, end).items():
                for story_id, first, last in rows:
                    if story_id not in self._spans:  # a pending decision's span is newer
                        self._spans[story_id] = _span(first, last)
                candidates[feature] = {row[0] for row in rows}
            for feature in lookup:
                extra = self._pending.features.get(feature)
                if extra:
                    candidates[feature] = set(candidates.get(feature, ())) | extra
            # a story a pending decision moved into the window has its stored names too
            for story_id in self._pending.stories:
                for feature in self._pending_names(story_id).intersection(lookup):
                    candidates[feature] = {*candidates.get(feature, ()), story_id}
        unknown = {i for ids in candidates.values() for i in ids if i not in self._spans}
        if unknown:
            for story_id, (first, last) in self.store.story_spans(unknown).items():
                self._spans[story_id] = _span(first, last)
        out: dict[int, list[str]] = {}
        for feature, ids in candidates.items():
            near = []
            for story_id in ids:
                span = self._spans.get(story_id)
                if span is None or span[0] - reach <= when <= span[1] + reach:
                    near.append(story_id)
            if near:
                out[feature] = sorted(near)
        return out

    def _pending_names(self, story_id: str) -> frozenset[int]:
        """The stored lookup features of a story changed by a pending decision (read
        once per story and batch: the store query around an article's time compares
        stored spans, which a pending decision may have stretched into the window)."""
        names = self._pending.stored_names.get(story_id)
        if names is None:
            names = frozenset(self.store.story_features_of(story_id))
            self._pending.stored_names[story_id] = names
        return names

    def _keep_active(self, update: IndexUpdate, started: bool, published: datetime | None) -> None:
        """Bring the stories in memory up to date with one decision: merged stories go,
        the chosen story gets the article's features (or all of its own, from the store,
        when it comes back into the kept stretch), and stories that fell out of it go."""
        active = self._active
        if active.since is None:
            return
        for old in update.merged:
            active.drop(old)
        names = [n for n, _ in update.features]
        for story in update.stories:
            span = self._spans.get(story.id)
            if not update.merged and (started or story.id in active):
                active.put(story.id, span[1] if span else None, names)
            else:
                self._reload_active(story.id)
        if published is not None:
            for gone in active.advance(published.timestamp()):
                if gone not in self._pending.stories:  # else the store's span is stale
                    self._spans.pop(gone, None)

    def _reload_active(self, story_id: str) -> None:
        """(Re)load one story's features from the store into memory, when it belongs
        there (last seen within the kept stretch, or undated)."""
        active = self._active
        active.drop(story_id)
        if active.since is None:
            return
        span = self._spans.get(story_id)
        if span is None or span[1] >= active.since:
            self.flush()
            active.put(story_id, span[1] if span else None, self.store.story_features_of(story_id))

    def _weighted(self, terms: dict[int, float]) -> dict[int, float]:
        """Terms (already weighted by their rarity in the language) times their corpus
        idf, L2-normalised: rare in the language and rare in this corpus."""
        known, compute = self._idf.get, self._idf_of
        return weighted(terms, lambda t: known(t) or compute(t))

    def _weighted_story(self, story: StoryRecord) -> dict[int, float]:
        vector = self._weighted_stories.get(story.id)
        if vector is None:
            vector = self._weighted(story.centroid)
            self._weighted_stories[story.id] = vector
        return vector

    # ---- decision ----

    def _decide(
        self,
        item: StoredArticle,
        features: ArticleFeatures,
        published: datetime | None,
        copies: dict[str, tuple[float, str]],
        similar: dict[str, float],
    ) -> tuple[Assignment, IndexUpdate]:
        cfg = self.config
        update = IndexUpdate()
        story: StoryRecord | None = None
        reason, score, via = "new", 0.0, None
        if copies:
            story_id, (score, via) = max(copies.items(), key=lambda kv: (kv[1][0], kv[0]))
            story, reason = self._story(story_id), "copy"
        elif similar:
            story_id, best = max(similar.items(), key=lambda kv: (kv[1], kv[0]))
            if best >= cfg.join_similarity:
                story, reason, score = self._story(story_id), "similar", best
        if story is None:
            story = StoryRecord(
                id=f"s{self._next}",
                title=item.article.title,
                first_seen=published,
                last_seen=published,
                size=0,
                centroid={},
            )
            self._next += 1
            update.next_story = self._next
            reason, score, via = "new", 0.0, None
        else:
            story = replace(story, centroid=dict(story.centroid))
        for other in self._merges(story, similar, copies):
            old_id = self._absorb(story, other)
            update.merged[old_id] = story.id
        self._join(story, item, features, published)
        update.stories.append(story)
        update.entries.append(
            IndexEntry(
                article_id=item.id,
                story_id=story.id,
                shingle_count=features.shingle_count,
                signature=features.signature,
                band_keys=features.band_keys,
            )
        )
        update.features = {(n, story.id) for n in features.names}
        update.df.update(features.terms.keys())
        assignment = Assignment(
            article_id=item.id,
            story_id=story.id,
            reason=reason,
            score=round(score, 4),
            via=via,
            merged=tuple(sorted(update.merged)),
        )
        return assignment, update

    def _merges(
        self,
        story: StoryRecord,
        similar: dict[str, float],
        copies: dict[str, tuple[float, str]],
    ) -> list[StoryRecord]:
        """Other stories the article also belongs to whose centroids are close to the
        chosen story's: merged by group average, never by one link."""
        if not story.size:
            return []
        out = []
        for story_id, score in sorted(similar.items()):
            if story_id == story.id:
                continue
            if score < self.config.join_similarity and story_id not in copies:
                continue
            other = self._story(story_id)
            if other is None or not _spans_meet(story, other, self.config.window_hours):
                continue
            mine, theirs = self._weighted_story(story), self._weighted_story(other)
            if cosine(mine, theirs) >= self.config.merge_similarity:
                out.append(other)
        return out

    def _absorb(self, story: StoryRecord, other: StoryRecord) -> str:
        """Fold ``other`` into ``story`` (which keeps the older id); returns the id that
        disappears."""
        for term, weight in other.centroid.items():
            story.centroid[term] = story.centroid.get(term, 0.0) + weight
        story.size += other.size
        if other.first_seen and (story.first_seen is None or other.first_seen < story.first_seen):
            story.title = other.title or story.title
        story.first_seen = _earliest(story.first_seen, other.first_seen)
        story.last_seen = _latest(story.last_seen, other.last_seen)
        if int(other.id[1:]) < int(story.id[1:]):
            gone, story.id = story.id, other.id
            return gone
        return other.id

    def _join(
        self,
        story: StoryRecord,
        item: StoredArticle,
        features: ArticleFeatures,
        published: datetime | None,
    ) -> None:
        for term, weight in features.terms.items():
            story.centroid[term] = story.centroid.get(term, 0.0) + weight
        limit = self.config.centroid_terms
        if len(story.centroid) > 2 * limit:  # amortised: cut back to the top terms
            story.centroid = cut_centroid(story.centroid, limit)
        if story.size == 0 or (
            published and (story.first_seen is None or published < story.first_seen)
        ):
            story.title = item.article.title or features.lead or story.title
        story.first_seen = _earliest(story.first_seen, published)
        story.last_seen = _latest(story.last_seen, published)
        story.size += 1


_WORKER: Featurizer | None = None


def _init_worker(candidates: CandidatesConfig, stories: StoriesConfig, clean: CleanConfig) -> None:
    global _WORKER
    # Ctrl-C reaches the whole process group: the parent stops the run, workers stay quiet
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    _WORKER = Featurizer(candidates, stories, clean)


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (``prctl(PR_SET_PDEATHSIG)``), so
    that a parent killed by ``kill -9`` leaves no worker blocked on its queue forever."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the call
        os._exit(1)


def _featurize_many(articles: list[Article]) -> list[ArticleFeatures]:
    assert _WORKER is not None
    return [_WORKER(a) for a in articles]


class _Pending:
    """Decisions made but not yet written, visible to the next decisions."""

    def __init__(self) -> None:
        self.update = IndexUpdate()
        self.entries: dict[str, IndexEntry] = {}
        self.bands: dict[int, list[str]] = {}
        self.features: dict[int, set[str]] = {}
        self.stories: dict[str, StoryRecord] = {}
        #: story id -> its lookup features in the store (``_pending_names``)
        self.stored_names: dict[str, frozenset[int]] = {}

    def add(self, update: IndexUpdate) -> None:
        for entry in update.entries:
            self.entries[entry.article_id] = entry
            self.update.entries.append(entry)
            for key in entry.band_keys:
                self.bands.setdefault(key, []).append(entry.article_id)
        for story in update.stories:
            self.stories[story.id] = story
        self.update.stories = list(self.stories.values())
        for feature, story_id in update.features:
            self.features.setdefault(feature, set()).add(story_id)
        self.update.features |= update.features
        self.update.df.update(update.df)


def _spans_meet(a: StoryRecord, b: StoryRecord, hours: float) -> bool:
    """Whether two stories' spans of publication lie within ``hours`` of each other (an
    unknown span always does): an undated article close to both never merges a story
    with one a year older."""
    sa, sb = _span(a.first_seen, a.last_seen), _span(b.first_seen, b.last_seen)
    if sa is None or sb is None:
        return True
    reach = hours * 3600.0
    return sa[0] - reach <= sb[1] and sb[0] - reach <= sa[1]


def _span(first: datetime | None, last: datetime | None) -> tuple[float, float] | None:
    """A story's first and last publication times as POSIX seconds (None when unknown)."""
    if first is None or last is None:
        return None
    return (as_utc(first) or first).timestamp(), (as_utc(last) or last).timestamp()


def _number(story_id: str) -> int:
    """The number of a story id ("s42" -> 42; 0 for another form)."""
    digits = story_id[1:]
    return int(digits) if digits.isdigit() else 0


def _seconds(value: datetime | None) -> float | None:
    """A time as POSIX seconds (a naive time is UTC), None when unknown."""
    return (as_utc(value) or value).timestamp() if value is not None else None


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return min(as_utc(a), as_utc(b))  # type: ignore[type-var]


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return max(as_utc(a), as_utc(b))  # type: ignore[type-var]
