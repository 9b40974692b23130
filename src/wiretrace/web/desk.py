"""The desk's runtime: a pool of read connections, the single writer, the compare limit."""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections import ChainMap, OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from wiretrace.config import CompareConfig
from wiretrace.corpus import AddReport, Corpus, ListedStory, StoryPage
from wiretrace.model import Article
from wiretrace.report.story_cache import last_story_json_text, story_json_text, story_key
from wiretrace.store import SQLiteStore
from wiretrace.store.base import StoryQuery
from wiretrace.store.lock import WriteLock
from wiretrace.stories.recluster import DeleteReport
from wiretrace.web.builder import StoryBuilder
from wiretrace.web.problems import Problem
from wiretrace.web.settings import DeskSettings

#: Story-list pages remembered per process (``Desk.story_page``), least recently used
#: first out.
PAGES_KEPT = 256
#: Stories whose listing (summary and times) is remembered per process for the story
#: list's pages (``Desk.story_page``), forgotten all at once beyond this (~1 KB each).
SUMMARIES_KEPT = 20_000
#: Locks striped by story id: one derivation of a story at a time per process.
STORY_LOCKS = 64
#: Seconds a first read of a story waits for the background builder to build it before
#: deriving it itself (``Desk.built_story_text``).
BUILD_WAIT_S = 15.0


@dataclass(slots=True)
class _Kept:
    """A story-list page kept by ``Desk.story_page``: the page, the ids of the stories
    it shows, stories changed since it was computed that its filters may match
    (looked up at its next use), and its answer's body once rendered (``page_body``)."""

    page: StoryPage
    shown: frozenset[str]
    unsure: frozenset[str] = frozenset()
    body: bytes | None = None


def _filters_articles(query: StoryQuery) -> bool:
    """Whether a listing keeps only stories with an article matching a search or from
    an outlet."""
    return bool(query.q and query.q.strip()) or query.outlet is not None


class Desk:
    """What the routes share: read connections (each used by one thread at a time), one
    writer connection behind ``WriteLock``, and a bound on concurrent compares.

    Args:
        settings: The desk settings (store path, limits).
        config: Settings of every stage (``CompareConfig``).
    """

    def __init__(self, settings: DeskSettings, config: CompareConfig) -> None:
        self.settings = settings
        self.config = config
        self.lock = WriteLock(settings.db)
        self._writer: Corpus | None = None
        self._idle: queue.LifoQueue[Corpus] = queue.LifoQueue()
        self._opened: list[Corpus] = []
        self._open_lock = threading.Lock()
        self._compares = threading.BoundedSemaphore(settings.max_compares)
        self._pages: OrderedDict[StoryQuery, _Kept] = OrderedDict()
        self._pages_lock = threading.Lock()
        #: the index generation the kept pages are current at (None: not read yet)
        self._generation: int | None = None
        #: story id -> its listing, current at that generation (``story_page``)
        self._summaries: dict[str, ListedStory] = {}
        self._story_locks = [threading.Lock() for _ in range(STORY_LOCKS)]
        self.builder = StoryBuilder(settings.db, config) if settings.background_builds else None

    def start(self) -> None:
        """Open the store under the write lock (schema migrations run once, whatever the
        number of worker processes) and cluster any article stored without a story (a
        store filled by ``ingest --no-cluster``), so that readers never need to; then
        have the writer look names up in the store (``Corpus.window_from_store``); then
        queue the newest ``prebuild_stories`` stories for the background builder (those
        cached already cost it a lookup each; the desk's processes share the rest out).
        """
        with self.lock:
            writer = self._open()
            writer.auto_update = True
            writer.update()
            writer.auto_update = False
            # the writers of the desk's processes take turns, and each turn after
            # another's reloads the clusterer: a window in memory would be reloaded
            # (~0.3 s of CPU at 10,000 articles) where the store's lookups cost ms
            writer.window_from_store = True
            self._writer = writer
            first = min(self.settings.prebuild_stories, 500)
            newest = writer.story_page(StoryQuery(limit=first)).items if first else []
        if self.builder is not None and newest:
            # the desk's first pages: built in the background unless cached already
            self.builder.submit([s.story_id for s in newest])

    def close(self) -> None:
        """Stop the builder, close every connection."""
        if self.builder is not None:
            self.builder.close()
        with self.lock:
            if self._writer is not None:
                self._writer.reload()
        with self._open_lock:
            for corpus in self._opened:
                corpus.store.close()
            self._opened.clear()

    def _open(self) -> Corpus:
        store = SQLiteStore(self.settings.db, check_same_thread=False)
        corpus = Corpus(store, self.config, auto_update=False)
        with self._open_lock:
            self._opened.append(corpus)
        return corpus

    @contextlib.contextmanager
    def reader(self) -> Iterator[Corpus]:
        """A read connection for the calling thread (a pooled one, else a new one up to
        ``read_connections``; beyond that the caller waits for one to come back)."""
        try:
            corpus = self._idle.get_nowait()
        except queue.Empty:
            with self._open_lock:
                room = len(self._opened) - 1 < self.settings.read_connections
            corpus = self._open() if room else self._idle.get()
        try:
            yield corpus
        finally:
            self._idle.put(corpus)

    @contextlib.contextmanager
    def idle_reader(self) -> Iterator[Corpus | None]:
        """A pooled read connection if one is idle or another may be opened, else None:
        never waits, so the event loop's fast paths (``api``) may use it; a caller given
        None runs its work in the thread pool with ``reader()`` instead."""
        try:
            corpus: Corpus | None = self._idle.get_nowait()
        except queue.Empty:
            with self._open_lock:
                room = len(self._opened) - 1 < self.settings.read_connections
            corpus = self._open() if room else None
        try:
            yield corpus
        finally:
            if corpus is not None:
                self._idle.put(corpus)

    def add(self, articles: Iterable[Article]) -> AddReport:
        """Store and cluster articles as the single writer: take the lock, reload the
        clusterer's state from the store if another process (or connection) has written
        to the index since this one last did (``Corpus.sync``), write."""
        with self.lock:
            if self._writer is None:
                raise Problem(503, "the desk is starting; try again in a moment")
            self._writer.sync()
            report = self._writer.add_batch(articles)
        self._rebuild([a.story_id for a in report.added])
        return report

    def delete(self, article_ids: Iterable[str], *, dry_run: bool = False) -> DeleteReport:
        """Delete stored articles as the single writer (``Corpus.delete``: the stories
        they were in re-clustered without them, one transaction), under the same lock as
        ``add``; ``dry_run`` only reports what deleting would do.

        Raises:
            NotFoundError: an id is not stored (nothing is deleted).
        """
        with self.lock:
            if self._writer is None:
                raise Problem(503, "the desk is starting; try again in a moment")
            self._writer.reload()
            report = self._writer.delete(article_ids, dry_run=dry_run)
        if not dry_run:
            self._rebuild([part[0] for change in report.stories for part in change.parts])
        return report

    def _rebuild(self, story_ids: list[str]) -> None:
        """Have the stories a write changed rebuilt in the background (their readers
        meanwhile get the last version built, marked stale)."""
        if self.builder is not None and story_ids:
            self.builder.submit(list(dict.fromkeys(story_ids)), first=True)

    def story_page(self, corpus: Corpus, query: StoryQuery) -> StoryPage:
        """``corpus.story_page(query)``, remembered while the stories it could show are
        unchanged: the story list is read far more often than it changes, and a search
        for a common word costs ~100 ms at 100k articles where a remembered page costs
        microseconds.

        Exact, never stale: before each use the store's index generation (counted up
        by every write to the stories, by any process) is compared with the one the
        pages were kept at; when it has moved, the stories changed since
        (``SQLiteStore.story_changes``) are looked at. A page that shows one of them
        is forgotten. Another is looked at again at its next use: a page filtered by
        search or outlet is kept when none of the changed stories has an article that
        the filter matches (``SQLiteStore.stories_may_match``: then they were out of
        that listing before the writes and are out of it after, since a write to the
        index only moves articles between the stories it changes); a page without such
        a filter, when the listing still gives the same story ids and total
        (``Corpus.story_page_ids``: its stories unchanged, the same ids are the same
        page). A page computed reads the articles only of the stories whose listing
        the desk does not remember (``SUMMARIES_KEPT``; a story's is forgotten with
        the write that changes it). A delete, a reset or an unknown writer forgets
        every page. Writes to the story pages' cache (the background builder's) change
        nothing here. A page computed while the pages were brought up to a newer
        generation is not kept.

        Args:
            corpus: A read connection from ``reader()``.
            query: The filters and page (hashable).
        """
        hit, generation = self._kept_page(corpus, query)
        if hit is not None:
            return hit
        store = corpus.store
        if generation is None or not isinstance(store, SQLiteStore):
            return corpus.story_page(query)
        learned: dict[str, ListedStory] = {}
        with store.snapshot():  # the page at one generation, the summaries' if current
            if store.index_generation() != generation:
                return corpus.story_page(query)
            page = corpus.story_page(query, summaries=ChainMap(learned, self._summaries))
        with self._pages_lock:
            if generation == self._generation:
                self._pages[query] = _Kept(page, frozenset(p.story_id for p in page.items))
                while len(self._pages) > PAGES_KEPT:
                    self._pages.popitem(last=False)
                if len(self._summaries) + len(learned) > SUMMARIES_KEPT:
                    self._summaries.clear()
                self._summaries.update(learned)
        return page

    def page_body(self, query: StoryQuery, page: StoryPage) -> bytes | None:
        """The body kept with ``page`` (``keep_page_body``) while it is the page kept for
        ``query``, else None: the API renders a kept page's JSON once (0.2 ms for a page
        of 50 stories, at every read before)."""
        with self._pages_lock:
            kept = self._pages.get(query)
            return kept.body if kept is not None and kept.page is page else None

    def keep_page_body(self, query: StoryQuery, page: StoryPage, body: bytes) -> None:
        """Keep ``body``, rendered from ``page`` and ``query`` alone, with that page
        while it is the one kept for ``query``."""
        with self._pages_lock:
            kept = self._pages.get(query)
            if kept is not None and kept.page is page:
                kept.body = body

    def kept_page(self, corpus: Corpus, query: StoryQuery) -> StoryPage | None:
        """The page ``story_page`` remembers for ``query`` while it is current, else
        None; never computes one (a few microseconds, or an indexed lookup or two after
        a write: the event loop's fast path)."""
        return self._kept_page(corpus, query)[0]

    def _kept_page(self, corpus: Corpus, query: StoryQuery) -> tuple[StoryPage | None, int | None]:
        """The remembered page (or None) and the index generation the pages are kept at
        (None: not a SQLite store, nothing is remembered)."""
        store = corpus.store
        if not isinstance(store, SQLiteStore):  # pragma: no cover - the desk is SQLite
            return None, None
        generation = store.index_generation()
        if generation != self._generation:
            generation = self._catch_up(store)
        with self._pages_lock:
            if generation != self._generation:
                return None, None  # another thread moved the pages on meanwhile
            kept = self._pages.get(query)
            if kept is None:
                return None, generation
            if not kept.unsure:
                self._pages.move_to_end(query)
                return kept.page, generation
            unsure = kept.unsure
        # looked up at this generation, outside the lock
        same = self._still_same(corpus, store, query, kept, unsure, generation)
        with self._pages_lock:
            if generation != self._generation or self._pages.get(query) is not kept:
                return None, None
            if not same:
                del self._pages[query]
                return None, generation
            kept.unsure = frozenset()
            self._pages.move_to_end(query)
            return kept.page, generation

    @staticmethod
    def _still_same(
        corpus: Corpus,
        store: SQLiteStore,
        query: StoryQuery,
        kept: _Kept,
        unsure: frozenset[str],
        generation: int,
    ) -> bool:
        """Whether a kept page none of whose stories changed is still the page at
        ``generation``, stories ``unsure`` having changed since it was computed: with
        a filter on articles (search, outlet), when it matches none of theirs; without,
        when the listing gives the same stories in the same order and the same total
        (the stories' rows read from an index, no article read)."""
        if _filters_articles(query):  # its listing costs what the page does
            return store.stories_may_match(unsure, query, generation) is False
        with store.snapshot():
            if store.index_generation() != generation:
                return False
            ids, total = corpus.story_page_ids(query)
        return total == kept.page.total and ids == tuple(s.story_id for s in kept.page.items)

    def _catch_up(self, store: SQLiteStore) -> int:
        """Bring the kept pages to the store's index generation now (``story_page``);
        returns it."""
        with self._pages_lock:
            known = self._generation
        if known is None:
            generation, changed = store.index_generation(), None
        else:
            generation, changed = store.story_changes(known)
        with self._pages_lock:
            if self._generation != known:  # another thread caught up meanwhile
                if self._generation is not None and self._generation >= generation:
                    return self._generation
                changed = None
            self._generation = generation
            if changed is None:
                self._pages.clear()
                self._summaries.clear()
                return generation
            if not changed:
                return generation
            for story_id in changed:
                self._summaries.pop(story_id, None)
            for query, kept in list(self._pages.items()):
                if not changed.isdisjoint(kept.shown):
                    del self._pages[query]
                else:
                    kept.unsure = kept.unsure | changed
            return generation

    def story_text(self, story_id: str) -> tuple[str, str]:
        """The story JSON contract as text, and where it came from: ``"hit"`` (from the
        store's cache, current), ``"stale"`` (the story changed since the version kept
        was built: that version is returned, marked, and the story is queued for the
        background builder, so a write never makes its readers wait for a derivation)
        or ``"miss"`` (no version kept: derived now and cached). Concurrent first reads
        of the same story wait for one derivation (in this process) instead of each
        deriving it, which at ~0.5-1 s of CPU per 20-article story is what a burst of
        readers would otherwise multiply. Without a builder (``background_builds``
        off) a changed story is derived by its next reader, as a miss.

        Raises:
            NotFoundError: no story has this id.
        """
        with self.reader() as corpus:
            kept = self.kept_story_text(corpus, story_id)
        if kept is not None:
            return kept
        # the lock first, then a connection (waiting threads hold none); the build
        # reads the cache again: another thread may have built it meanwhile
        with self._story_locks[hash(story_id) % STORY_LOCKS], self.reader() as corpus:
            return story_json_text(corpus, story_id), "miss"

    def kept_story_text(self, corpus: Corpus, story_id: str) -> tuple[str, str] | None:
        """``story_text`` when the store keeps a version of the story (``"hit"``, or
        ``"stale"`` with the story queued for the builder), else None (a miss, an
        unknown id, or a changed story without a working builder: ``story_text``
        derives it or raises): reads only, never derives (the event loop's fast path).

        Args:
            corpus: A read connection from ``reader()`` or ``idle_reader()``.
        """
        kept = last_story_json_text(corpus, story_id)
        if kept is None:
            return None
        text, current = kept
        if current:
            return text, "hit"
        if self.builder is not None and self.builder.working:
            self.builder.submit([story_id], first=True)
            return text, "stale"
        return None

    async def built_story_text(
        self, story_id: str, wait_s: float = BUILD_WAIT_S
    ) -> tuple[str, str] | None:
        """A story no version of which is kept (a ``miss``), built by the background
        builder while the request waits without a thread: ``(text, "miss")``, or None
        when there is no working builder or idle connection, no such story, or the
        build took over ``wait_s`` (the caller then derives it: ``story_text``).

        A derivation in a desk process holds its GIL for 0.1-1 s (a 20-article story),
        and every other request of that process waits behind it; in the builder
        (another process, at ``BUILD_NICE``) it holds up nobody. The builder is asked
        to build it first; the store is then read every 10-100 ms (doubling) until the
        page is there."""
        if self.builder is None or not self.builder.working:
            return None
        with self.idle_reader() as corpus:
            if corpus is None or story_key(corpus, story_id) is None:
                return None  # busy pool: the caller derives it; no such story: 404
        self.builder.submit([story_id], first=True)
        loop = asyncio.get_running_loop()
        deadline, pause = loop.time() + wait_s, 0.01
        while loop.time() < deadline and self.builder.working:
            await asyncio.sleep(pause)
            pause = min(0.1, pause * 2)
            with self.idle_reader() as corpus:
                kept = self.kept_story_text(corpus, story_id) if corpus is not None else None
            if kept is not None:
                return kept[0], "miss" if kept[1] == "hit" else kept[1]
        return None

    @contextlib.contextmanager
    def compare_slot(self) -> Iterator[None]:
        """A slot for one compare, or 429 when ``max_compares`` are running."""
        if not self._compares.acquire(blocking=False):
            raise Problem(
                429,
                f"{self.settings.max_compares} compares are running; try again shortly",
                {"Retry-After": "1"},
            )
        try:
            yield
        finally:
            self._compares.release()
