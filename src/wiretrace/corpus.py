"""The corpus engine: ingest into a store, cluster into stories, trace who copied whom."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as _replace
from datetime import datetime
from pathlib import Path
from typing import TextIO

import numpy as np

from wiretrace.clean import find_boilerplate
from wiretrace.clean.headline import headline_text
from wiretrace.compare import PreparedTexts, aligned_passages, compare, prepare
from wiretrace.config import CompareConfig, IngestConfig
from wiretrace.errors import ConfigError, NotFoundError, OutputError
from wiretrace.ingest.frontmatter import TextMetadata
from wiretrace.ingest.sources import Skipped, iter_articles
from wiretrace.model import Article, BoilerplateSpan, DerivationKind
from wiretrace.outputs import STDOUT, atomic_path, check_output, same_file, source_file
from wiretrace.provenance.changes import ChangeSummary, descendants, summarize_changes
from wiretrace.provenance.graph import DerivationGraph, derive, time_key, timeline, timeline_order
from wiretrace.provenance.membership import MemberEvidence, membership_evidence
from wiretrace.provenance.quotes import TrackedQuote, track_quotes
from wiretrace.provenance.title import needs_source_title, source_title
from wiretrace.store import Membership, Store, StoredArticle, content_hash, open_store
from wiretrace.store.base import STORY_SORTS, Link, StoryQuery, StoryRecord
from wiretrace.stories.cluster import Assignment, StoryClusterer, index_fingerprint
from wiretrace.stories.recluster import DeleteReport, plan_deletion
from wiretrace.stories.when import as_utc


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingest run, and each skipped record or duplicate with its reason."""

    added: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: versions and verbatim copies among the added articles
    links: list[Link] = field(default_factory=list)
    #: things said once about the run (ids given their extension, field names mapped)
    notices: list[str] = field(default_factory=list)
    #: Where the last committed batch ended (file, or file:line / #record), or None.
    last_where: str | None = None

    @property
    def read(self) -> int:
        """Articles read from the inputs (added or found already stored)."""
        return self.added + len(self.duplicates)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    batch_size: int = 500,
    config: IngestConfig | None = None,
    on_batch: Callable[[IngestSummary], None] | None = None,
    text_metadata: TextMetadata | None = None,
    field_map: Mapping[str, str] | None = None,
) -> IngestSummary:
    """Read articles from ``paths`` and add them to ``store`` in batches; plain-text files
    without front matter take their title, outlet and time from ``text_metadata``;
    ``field_map`` maps record field names to ours (``{"source": "outlet"}``).

    Each batch is one transaction: a run killed in the middle keeps every finished batch
    and nothing of the unfinished one, and a rerun adds only what is missing. A record is
    a duplicate when its id is stored, or its text is stored under the same canonical URL
    or the same outlet (or no outlet); the same text from another outlet or URL is kept
    with a ``verbatim`` link, and changed text at a stored URL is kept as a new
    ``version`` (see ``wiretrace.store.duplicate_or_link``). A bad file or record never
    stops the run: it is listed in ``skipped`` with its file and position.

    Raises:
        StoreError: the store cannot be written (disk full, read-only, locked); the
            batch in progress is rolled back, the finished ones are kept.
    """
    summary = IngestSummary()
    batch: list[StoredArticle] = []

    def flush() -> None:
        report = store.add(batch)
        summary.added += len(report.added)
        summary.duplicates.extend(report.duplicates)
        summary.links.extend(report.links)
        summary.last_where = batch[-1].article.path or batch[-1].id
        batch.clear()
        if on_batch:
            on_batch(summary)

    for item in iter_articles(
        paths,
        config,
        on_notice=summary.notices.append,
        text_metadata=text_metadata,
        field_map=field_map,
    ):
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


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story in a listing: the JSON contract of ``wiretrace stories --format json``."""

    story_id: str
    title: str | None
    article_ids: tuple[str, ...]
    first_seen: datetime | None
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ListedStory:
    """A story as a page of the listing shows it (``Corpus.story_page``): its summary and
    its articles' publication times, earliest first (None for undated ones, last)."""

    summary: StorySummary
    published: tuple[datetime | None, ...]


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One page of a filtered story listing (``Corpus.story_page``).

    Attributes:
        items: The page's stories (the JSON contract of ``wiretrace stories``).
        total: How many stories match the filters in all.
        published: Story id -> its articles' publication times, earliest first (None
            for undated articles, last): what a sparkline of the story is drawn from.
    """

    items: tuple[StorySummary, ...]
    total: int
    published: dict[str, tuple[datetime | None, ...]]


@dataclass(frozen=True, slots=True)
class AddReport:
    """What ``Corpus.add_batch`` did: each added article's story assignment, the
    duplicates with their reasons ((id, reason) pairs)."""

    added: tuple[Assignment, ...]
    duplicates: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class ArticleView:
    """A stored article with its story id and the boilerplate spans cleaning removes."""

    stored: StoredArticle
    story_id: str | None
    boilerplate: tuple[BoilerplateSpan, ...]
    #: versions and verbatim copies from and to it: its sources first, then its later
    #: versions and copies, earliest published first (undated last, in ingest order)
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article in a listing (``wiretrace articles``), without its text; ``title`` as
    given, else its headline line (``clean.headline``), as the story outputs have it."""

    article_id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: datetime | None
    story_id: str | None


@dataclass(frozen=True, slots=True)
class StoryView:
    """One story in full: its summary, derivation graph (timeline, edges with the
    compare engine's findings), tracked quotes and why each article is in it
    (``members``, in timeline order)."""

    summary: StorySummary
    graph: DerivationGraph
    quotes: tuple[TrackedQuote, ...]
    #: Each fact of the earliest version and what the copies did with it (None when the
    #: edges were not compared).
    changes: ChangeSummary | None = None
    #: Why each article is in the story, in timeline order.
    members: tuple[MemberEvidence, ...] = ()
    #: Stored version and verbatim links between members, oldest first (a verbatim
    #: link's edge in ``graph`` has the kind ``verbatim``).
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class SimilarHit:
    """An article sharing text with a query.

    Attributes:
        query_in_hit: Share of the query's word 5-grams that the hit contains.
        hit_in_query: Share of the hit's word 5-grams that the query contains.
        passages: Passages the compare engine aligned (0 when it found the texts unrelated).
    """

    article_id: str
    title: str | None
    outlet: str | None
    published: datetime | None
    story_id: str | None
    query_in_hit: float
    hit_in_query: float
    passages: int
    related: bool


class Corpus:
    """A store with its story index: ingest files, add articles, list stories, show one
    story's derivation graph and quotes, find similar articles, export.

    Example:
        >>> from wiretrace.store import MemoryStore
        >>> corpus = Corpus(MemoryStore())
        >>> corpus.add(Article(text="The bridge over the Ister reopened on Monday.", id="a1"))
        Assignment(article_id='a1', story_id='s1', reason='new', score=0.0, via=None, merged=())
    """

    def __init__(
        self, store: Store, config: CompareConfig | None = None, *, auto_update: bool = True
    ) -> None:
        """``auto_update=False`` makes the reading methods read the store as it is, never
        clustering pending articles first: a reader beside a writer (the HTTP server's
        read connections) must never write."""
        self.store = store
        self.config = config or CompareConfig()
        self.auto_update = auto_update
        self._clusterer: StoryClusterer | None = None
        self._window_from_store = False
        #: stories whose members changed since their title was last derived (see
        #: ``_title_from_source``): ``add`` defers, ``update`` and ``close`` catch up
        self._retitle: set[str] = set()

    @classmethod
    def open(cls, location: str | Path, config: CompareConfig | None = None) -> Corpus:
        """Open (or create) the store at ``location`` (a path, or ":memory:")."""
        cfg = config or CompareConfig()
        return cls(open_store(location, busy_timeout_s=cfg.store.busy_timeout_s), cfg)

    def reindex(
        self, on_article: Callable[[Assignment], None] | None = None, *, jobs: int = 1
    ) -> list[Assignment]:
        """Drop the story index and build it again from every stored article (stories get
        new ids); returns the assignments. Articles are never touched."""
        fingerprint = index_fingerprint(
            self.config.candidates, self.config.stories, self.config.clean
        )
        self.store.reset_index(fingerprint)
        self._clusterer = None
        self._retitle.clear()  # the old story ids are gone
        return self.update(on_article, jobs=jobs)

    def close(self) -> None:
        """Write pending index decisions (and the titles ``add`` deferred) and close the
        store."""
        if self._clusterer is not None:
            self._clusterer.flush()
        if self._retitle:
            with self.store.exclusive(wait=False) as held:
                if held:
                    self._title_from_source()
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def clusterer(self) -> StoryClusterer:
        """The story clusterer (opening it rebuilds an index made under other settings)."""
        if self._clusterer is None:
            self._clusterer = StoryClusterer(
                self.store, self.config.candidates, self.config.stories, clean=self.config.clean
            )
            self._clusterer.window_from_store = self._window_from_store
        return self._clusterer

    @property
    def window_from_store(self) -> bool:
        """Whether the clusterer looks each new article's names up in the store around
        the article's time instead of keeping the stories of recent windows in memory
        (``StoryClusterer.window_from_store``; the same decisions). Set it on a writer
        that takes turns with another process (the desk's writers): each turn after
        the other's reloads the clusterer's state, and the window in memory costs
        ~0.3 s of CPU to load at 10,000 articles where the lookups cost milliseconds.
        Off by default: a long run of writes by one process is cheaper with it."""
        return self._window_from_store

    @window_from_store.setter
    def window_from_store(self, value: bool) -> None:
        self._window_from_store = value
        if self._clusterer is not None:
            self._clusterer.window_from_store = value

    # ---- writing ----

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        batch_size: int = 500,
        on_batch: Callable[[IngestSummary], None] | None = None,
        on_article: Callable[[Assignment], None] | None = None,
        jobs: int = 1,
        text_metadata: TextMetadata | None = None,
        field_map: Mapping[str, str] | None = None,
    ) -> IngestSummary:
        """Ingest files (see ``ingest``), then assign every new article to a story."""
        summary = ingest(
            paths,
            self.store,
            batch_size=batch_size,
            config=self.config.ingest,
            on_batch=on_batch,
            text_metadata=text_metadata,
            field_map=field_map,
        )
        self.update(on_article, jobs=jobs)
        return summary

    def add(self, article: Article) -> Assignment | None:
        """Store one article and assign it to a story at once; None when it duplicates a
        stored article (same id, URL or text)."""
        item = _stored(article)
        report = self.store.add([item])
        if not report.added:
            return None
        with self.store.exclusive():
            done = self._synced_clusterer().add(item)
        # one story derivation per read, not per article: the next ``update`` (which
        # the reading methods call) or ``close`` names the story after its source
        self._retitle.add(done.story_id)
        return done

    def add_batch(self, articles: Iterable[Article]) -> AddReport:
        """Store articles in one transaction, then assign each new one to a story and
        write the decisions before returning (the store holds them all on return).

        Several writers must take turns (one process-wide write lock) and call ``reload``
        after taking it, so that no two hand out the same story id or decide on stale
        centroids.

        Raises:
            StoreError: the store cannot be written (nothing of the batch is kept).
        """
        items = [_stored(a) for a in articles]
        report = self.store.add(items)
        first: dict[str, StoredArticle] = {}
        for i in items:  # an id given twice: the first one was stored, the other skipped
            first.setdefault(i.id, i)
        with self.store.exclusive():  # other processes (an ingest) cluster in turn
            clusterer = self._synced_clusterer()
            done = tuple(clusterer.add(first[i], flush=False) for i in report.added)
            clusterer.flush()
            self._retitle.update(a.story_id for a in done)
            self._title_from_source()
        return AddReport(added=done, duplicates=tuple(report.duplicates))

    def delete(self, article_ids: Iterable[str], *, dry_run: bool = False) -> DeleteReport:
        """Remove stored articles: their text, index rows, memberships, links and search
        rows, and the cached derivations of their stories. Each story they were in is
        re-clustered locally without them (``stories.recluster.plan_deletion``): its
        remaining members may split into parts, the largest keeping the story's id; every
        other story is left as it is. A later version or verbatim copy of a deleted
        article is re-linked past it.

        Pending articles are clustered first; the whole delete is one transaction under
        the store's write lock (``Store.exclusive``), so a crash leaves the store as
        before or as after.

        Args:
            article_ids: Stored article ids (repeats ignored).
            dry_run: Only say what deleting would do: the same report, nothing removed.

        Returns:
            The deleted ids and what became of each story (with ``dry_run``: what would
            be deleted and what would become of each story).

        Raises:
            NotFoundError: an id is not stored (nothing is deleted).
            StoreError: the store cannot be written (nothing is deleted).
        """
        ids = list(article_ids)
        with self.store.exclusive():
            self.reload()
            self.update()
            deletion, report = plan_deletion(
                self.store,
                ids,
                self.config.candidates,
                self.config.stories,
                self.config.clean,
            )
            if dry_run:
                return _replace(report, dry_run=True)
            try:
                self.store.delete(deletion)
            finally:
                self._clusterer = None  # its story cache and frequencies are stale now
            self._retitle.update(p for c in report.stories for p, _ in c.parts)
            self._title_from_source()
        return report

    def reload(self) -> None:
        """Write pending decisions, then forget the clusterer's in-memory state (story
        cache, next story number, document frequencies), so that the next write starts
        from the store as another writer may have left it."""
        if self._clusterer is not None:
            self._clusterer.flush()
        self._clusterer = None

    def sync(self) -> bool:
        """Write pending decisions, then forget the clusterer's in-memory state only if
        another writer has changed the index since it was loaded or last written by it
        (``StoryClusterer.in_sync``: the store's ``index_generation`` and counts); a
        writer whose turns follow one another keeps its warm state (loading the stories
        active around the latest articles takes ~0.5 s at 10,000 articles). Call with
        the write lock held.

        Returns:
            Whether the state was forgotten (the next write reloads it from the store).
        """
        if self._clusterer is None:
            return False
        self._clusterer.flush()
        if self._clusterer.in_sync():
            return False
        self._clusterer = None
        return True

    def update(
        self,
        on_article: Callable[[Assignment], None] | None = None,
        *,
        jobs: int = 1,
        wait: bool = True,
    ) -> list[Assignment]:
        """Assign every stored article that has no story yet (an interrupted run resumes).
        The reading methods (``stories``, ``story``, ``similar``, ``export``) call it first,
        so they see every stored article, unless another process is clustering the store
        at that moment: then they do not wait (``wait=False``) and show the stories as
        they stand. ``jobs`` > 1 computes features in that many worker processes (same
        result).

        Clustering holds the store's lock (``Store.exclusive``), so two processes never
        decide stories at once; each takes the lock in turn and first reloads what the
        other decided.
        """
        with self.store.exclusive(wait=wait) as held:
            if not held:
                return []
            done = self._synced_clusterer().run(on_article, jobs=jobs)
            self._retitle.update(a.story_id for a in done)
            self._title_from_source()
            return done

    def _title_from_source(self) -> None:
        """Name each story whose members changed (``_retitle``) after its derivation's
        earliest version when some member has no publication time
        (``provenance.title``: two to ``SOURCE_TITLE_MAX_MEMBERS`` members), so that
        the story list and the story page, which marks that version "earliest", agree
        with it. One derivation per story and call. Call with the store's lock held."""
        ids = sorted(self._retitle)
        self._retitle.clear()
        if not ids:
            return
        rows: dict[str, list[datetime | None]] = {}
        for row in self.store.memberships_of(ids):
            rows.setdefault(row.story_id, []).append(row.published)
        clusterer = self.clusterer
        titles = {}
        for story_id in ids:
            if not needs_source_title(rows.get(story_id, [])):
                continue
            title = source_title(self.store.members(story_id), self.config, clusterer.featurizer)
            if title:
                titles[story_id] = title
        clusterer.retitle(titles)

    def _synced_clusterer(self) -> StoryClusterer:
        """The clusterer, rebuilt from the store when another process changed the index
        since it was loaded (call with the store's lock held)."""
        if self._clusterer is not None and not self._clusterer.in_sync():
            self._clusterer = None
        return self.clusterer

    def _pending(self) -> None:
        if self.auto_update:
            self.update(wait=False)  # never wait for another process's clustering

    # ---- reading ----

    def stories(self) -> list[StorySummary]:
        """Every story, earliest first (read without article texts)."""
        self._pending()  # a consistent view: pending articles are assigned first
        groups: dict[str, list[Membership]] = {}
        for row in self.store.memberships():
            groups.setdefault(row.story_id, []).append(row)
        out = []
        for record in self.store.stories():
            rows = groups.get(record.id, [])
            ordered = [rows[n] for n in timeline_order([r.published for r in rows])]
            out.append(
                StorySummary(
                    story_id=record.id,
                    title=self._story_title(record.title, ordered),
                    article_ids=tuple(r.article_id for r in ordered),
                    first_seen=record.first_seen,
                    outlets=tuple(dict.fromkeys(r.outlet for r in ordered if r.outlet)),
                )
            )
        return out

    def story(
        self,
        story_id: str,
        *,
        compare_edges: bool = True,
        prepared: PreparedTexts | None = None,
    ) -> StoryView:
        """One story with its derivation graph and quotes.

        ``story_id`` may also be an article id: the story of that article is shown.
        ``prepared`` (made under this corpus's config, e.g. ``PreparedTexts(config,
        keep=N)``) keeps per-article work and comparisons across calls; the view is the
        same without it.

        Raises:
            NotFoundError: no story and no article has this id.
        """
        self._pending()
        story_id = self.resolve_story(story_id)
        record = self.store.story(story_id)
        if record is None:  # resolve_story found it a moment ago
            raise NotFoundError(f"no story {story_id!r} in the store")
        members = self.store.members(story_id)
        if prepared is None or not prepared.serves(self.config, None):
            prepared = PreparedTexts(self.config)  # each member is cleaned and analysed once
        graph = derive(
            members,
            self.config,
            compare_edges=compare_edges,
            featurizer=self.clusterer.featurizer,
            prepared=prepared,
        )
        links = self._member_links(members)
        graph = _verbatim_edges(graph, links)
        quotes = track_quotes(
            graph.lineage_order(), self.config, parents=graph.parents, prepared=prepared
        )
        return StoryView(
            summary=self._summary(record.id, record.title, record.first_seen, members),
            graph=graph,
            quotes=tuple(quotes),
            changes=self._changes(graph, prepared) if compare_edges else None,
            members=tuple(membership_evidence(graph, self.clusterer.featurizer)),
            links=links,
        )

    def _member_links(self, members: list[StoredArticle]) -> tuple[Link, ...]:
        """The stored links whose two articles are both members, oldest first."""
        ids = {m.id for m in members}
        found: dict[Link, None] = {}
        for m in members:
            for link in self.store.links(m.id):
                if link.article_id in ids and link.earlier_id in ids:
                    found[link] = None
        return tuple(found)

    def _changes(
        self, graph: DerivationGraph, prepared: PreparedTexts | None = None
    ) -> ChangeSummary | None:
        """Compare the earliest version with each copy derived from it (an edge's own
        comparison when the earliest is its source) and summarise the facts' fates."""
        if graph.earliest is None:
            return None
        by_id = {item.id: item for item in graph.articles}
        direct = {
            e.target_id: e.comparison
            for e in graph.edges
            if e.source_id == graph.earliest and e.comparison is not None
        }
        earliest = by_id[graph.earliest].article
        copies = []
        for copy_id in descendants(graph.earliest, graph.parents):
            result = direct.get(copy_id) or compare(
                earliest, by_id[copy_id].article, config=self.config, prepared=prepared
            )
            copies.append((copy_id, result))
        if copies:
            doc = copies[0][1].a
        elif prepared is not None:
            doc = prepared.document(earliest)
        else:
            doc = prepare(earliest, self.config)
        return summarize_changes(doc, graph.earliest, copies)

    def story_page(
        self,
        query: StoryQuery | None = None,
        *,
        summaries: MutableMapping[str, ListedStory] | None = None,
    ) -> StoryPage:
        """One page of stories, filtered and ordered as ``query`` says (see
        ``StoryQuery``): what the HTTP API and the desk's story list show.

        Args:
            query: The filters and page.
            summaries: Story id -> its listing (``ListedStory``), looked up before its
                articles are read and filled in after: a caller that keeps them while
                those stories are unchanged (the desk) reads no articles for them.

        Raises:
            ConfigError: a limit outside 1..500, a negative offset or an unknown order.
        """
        records, total = self._story_records(query)
        known = summaries if summaries is not None else {}
        found = {r.id: known.get(r.id) for r in records}  # each looked up once
        groups: dict[str, list[Membership]] = {}
        for row in self.store.memberships_of(i for i, hit in found.items() if hit is None):
            groups.setdefault(row.story_id, []).append(row)
        items, published = [], {}
        for record in records:
            listed = found[record.id]
            if listed is None:
                rows = groups.get(record.id, [])
                ordered = [rows[n] for n in timeline_order([r.published for r in rows])]
                summary = StorySummary(
                    story_id=record.id,
                    title=self._story_title(record.title, ordered),
                    article_ids=tuple(r.article_id for r in ordered),
                    first_seen=record.first_seen,
                    outlets=tuple(dict.fromkeys(r.outlet for r in ordered if r.outlet)),
                )
                listed = ListedStory(summary, tuple(r.published for r in ordered))
                if summaries is not None:
                    summaries[record.id] = listed
            items.append(listed.summary)
            published[record.id] = listed.published
        return StoryPage(items=tuple(items), total=total, published=published)

    def story_page_ids(self, query: StoryQuery) -> tuple[tuple[str, ...], int]:
        """The ids of ``story_page(query)``'s stories, in order, and its total, without
        reading their articles: whether a page kept from before a write is still the
        page, when none of its stories has changed (the desk's story list).

        Raises:
            ConfigError: as ``story_page``.
        """
        records, total = self._story_records(query)
        return tuple(r.id for r in records), total

    def _story_records(self, query: StoryQuery | None) -> tuple[list[StoryRecord], int]:
        query = query or StoryQuery()
        if not 1 <= query.limit <= 500:
            raise ConfigError(f"limit {query.limit} is out of range; give 1 to 500")
        if query.offset < 0:
            raise ConfigError(f"offset {query.offset} is negative; give 0 or more")
        if query.sort not in STORY_SORTS:
            raise ConfigError(f"unknown sort {query.sort!r}; use one of {', '.join(STORY_SORTS)}")
        self._pending()
        query = _replace(query, since=as_utc(query.since), until=as_utc(query.until))
        return self.store.story_page(query)

    def article(self, article_id: str) -> ArticleView:
        """A stored article, its story id and its boilerplate spans.

        Raises:
            NotFoundError: no article has this id.
        """
        stored = self.store.get(article_id)
        if stored is None:
            raise NotFoundError(f"no article {article_id!r} in the store")
        boilerplate = find_boilerplate(stored.article.text, self.config.clean)
        return ArticleView(
            stored,
            self.store.story_of(article_id),
            tuple(boilerplate),
            self._links_source_first(article_id),
        )

    def _links_source_first(self, article_id: str) -> tuple[Link, ...]:
        """An article's links in reading order: what it is a version or copy of first,
        then its later versions and verbatim copies, earliest published first (undated
        last, in ingest order)."""
        links = self.store.links(article_id)

        def other(link: Link) -> str:
            return link.earlier_id if link.article_id == article_id else link.article_id

        published = {}
        for link in links:
            item = self.store.get(other(link))
            published[other(link)] = item.article.published if item else None
        order = sorted(
            range(len(links)),
            key=lambda n: (
                links[n].article_id != article_id,
                time_key(published[other(links[n])], n),
            ),
        )
        return tuple(links[n] for n in order)

    def articles(
        self,
        *,
        story: str | None = None,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[ArticleRow]:
        """Stored articles, earliest published first (undated last, in ingest order).

        Args:
            story: only this story's articles (a story id, or an article id: its story).
            outlet: only this outlet's (compared without case).
            since, until: only those published in [since, until); naive times are UTC.
                An undated article is left out when either is given.

        Raises:
            NotFoundError: ``story`` is neither a story id nor a stored article id.
        """
        self._pending()
        if story is not None:
            story = self.resolve_story(story)
            items = self.store.members(story)
        else:
            items = list(self.store)
        want = outlet.casefold() if outlet else None
        lo = as_utc(since) if since else None
        hi = as_utc(until) if until else None
        rows = []
        for item in items:
            a = item.article
            if want is not None and (a.outlet or "").casefold() != want:
                continue
            when = as_utc(a.published) if a.published else None
            if (lo or hi) and when is None:
                continue
            if (lo and when and when < lo) or (hi and when and when >= hi):
                continue
            rows.append(
                ArticleRow(
                    item.id,
                    a.title or headline_text(a.text),  # the headline rule, as in stories
                    a.outlet,
                    a.url,
                    a.published,
                    story or self.store.story_of(item.id),
                )
            )
        order = sorted(range(len(rows)), key=lambda n: time_key(rows[n].published, n))
        return [rows[n] for n in order]

    def resolve_story(self, story_or_article: str) -> str:
        """A story id as given, or the story of the article with that id.

        Raises:
            NotFoundError: neither a story nor a stored article has this id.
        """
        if self.store.story(story_or_article) is not None:
            return story_or_article
        if self.store.get(story_or_article) is not None:
            self._pending()
            owner = self.store.story_of(story_or_article)
            if owner is not None:
                return owner
        raise NotFoundError(
            f"no story or article {story_or_article!r} in the store; `wiretrace stories` "
            "lists the stories and `wiretrace articles` the articles"
        )

    def links(self, article_id: str) -> list[Link]:
        """The version and verbatim links from and to an article, oldest first."""
        return self.store.links(article_id)

    def _summary(
        self,
        story_id: str,
        title: str | None,
        first_seen: datetime | None,
        members: list[StoredArticle],
    ) -> StorySummary:
        items = timeline(members)
        outlets = tuple(dict.fromkeys(i.article.outlet for i in items if i.article.outlet))
        return StorySummary(
            story_id=story_id,
            title=self._story_title(title, items),
            article_ids=tuple(i.id for i in items),
            first_seen=first_seen,
            outlets=outlets,
        )

    def _story_title(
        self, stored: str | None, ordered: Sequence[Membership] | Sequence[StoredArticle]
    ) -> str | None:
        """A story's title, by the one rule that ``stories``, ``story_page`` and ``story``
        (text, JSON, HTML, the desk) all follow: the title the story index keeps with the
        story (that of its earliest published article: its own title, else its headline,
        else the start of its first line; when a member has no publication time, that
        of the derivation's earliest version, set when the members change:
        ``_title_from_source``), else the first sentence of the first article of its
        timeline (``ordered``: earliest first, undated last in ingest order). The list
        never derives a story itself: it reads what was written."""
        if stored or not ordered:
            return stored
        first = ordered[0]
        if isinstance(first, StoredArticle):
            return self._fallback_title(first.article)
        item = self.store.get(first.article_id)
        return self._fallback_title(item.article) if item else None

    def title_of(self, article: Article) -> str | None:
        """An article's title: as given, else the headline of its text with the
        boilerplate left out (``clean.headline``); None when it has neither."""
        if article.title:
            return article.title
        return headline_text(self.clusterer.featurizer.clean(article.text))

    def _fallback_title(self, article: Article) -> str:
        """An untitled article's first sentence (boilerplate left out), cut to 100 chars."""
        doc = prepare(article, self.config)
        first = doc.sentences[0].text.strip() if doc.sentences else ""
        return first if len(first) <= 100 else first[:99].rsplit(" ", 1)[0] + "…"

    def similar(self, query: str | Article, *, limit: int = 20) -> list[SimilarHit]:
        """Articles sharing text with ``query`` (a stored id, or an article from outside),
        with containment both ways, confirmed by the compare engine's alignment step
        (``aligned_passages``: related or not, and the passages it aligns; no findings).

        Raises:
            NotFoundError: ``query`` is a string that is not a stored id.
        """
        self._pending()
        if isinstance(query, str):
            stored = self.store.get(query)
            if stored is None:
                raise NotFoundError(f"no article {query!r} in the store")
            article, own_id = stored.article, stored.id
        else:
            article, own_id = query, None
        if self._clusterer is not None and not self._clusterer.in_sync():
            self._clusterer = None  # a reader's: another connection wrote since
        clusterer = self.clusterer
        mine = clusterer.featurizer.shingles(article.text)
        found: list[tuple[float, SimilarHit, Article]] = []
        for candidate in clusterer.candidates(article):
            if candidate == own_id:
                continue
            other = self.store.get(candidate)
            if other is None:
                continue
            theirs = clusterer.featurizer.shingles(other.article.text)
            shared = len(np.intersect1d(mine, theirs, assume_unique=True))
            q_in, h_in = shared / max(1, len(mine)), shared / max(1, len(theirs))
            hit = _hit(other, q_in, h_in, self.store)
            found.append((max(q_in, h_in), hit, other.article))
        found.sort(key=lambda row: (-row[0], row[1].article_id))
        top = found[:limit]
        confirmed = aligned_passages(article, [row[2] for row in top], config=self.config)
        out = [
            _replace(hit, passages=passages, related=related)
            for (_, hit, _), (related, passages) in zip(top, confirmed, strict=True)
        ]
        return [h for h in out if h.related or max(h.query_in_hit, h.hit_in_query) >= 0.1]

    def export(self, out: str | Path, fmt: str | None = None, *, force: bool = False) -> int:
        """Write every article with its story id as JSON Lines or Parquet; returns the
        number of rows.

        Args:
            out: the file; ``"-"`` writes JSON Lines to standard output.
            fmt: "jsonl" or "parquet"; None infers it from the extension (``.jsonl``,
                ``.ndjson``, ``.parquet``). A format that contradicts the extension is
                refused.
            force: replace an existing file (never the store itself).

        The file is written to a temporary name and renamed, so a failed export never
        leaves half a file.

        Raises:
            ConfigError: unknown format, or one that contradicts the extension.
            OutputError: ``out`` is the store, an existing file without ``force``, or
                cannot be written.
        """
        fmt = export_format(out, fmt)
        store_path = getattr(self.store, "path", None)
        check_output(out, stores=[store_path] if store_path else [], force=force)
        self._pending()
        if str(out) == STDOUT:
            return _write_jsonl_to(map(self._export_row, self.store), sys.stdout)
        rows = self._export_rows_not_from(Path(out))
        with atomic_path(out) as tmp:
            return _write_jsonl(rows, tmp) if fmt == "jsonl" else _write_parquet(rows, tmp)

    def _export_rows_not_from(self, target: Path) -> Iterator[dict[str, str | None]]:
        """The export rows, refusing (before the rename: ``target`` is left as it was)
        when ``target`` is a file a stored article was read from (a relative path taken
        from here or from the store's folder), as ``--force`` allows replacing any other
        existing file.

        Raises:
            OutputError: ``target`` exists and is the file of a stored article.
        """
        exists = target.exists()
        store_path = getattr(self.store, "path", None)
        # a relative path was relative to where ingest ran: here, or beside the store
        bases = [Path(), *([Path(store_path).parent] if store_path else [])]
        checked: set[str] = set()
        for item in self.store:
            where = item.article.path
            if exists and where and where not in checked:
                checked.add(where)
                if any(same_file(base / source_file(where), target) for base in bases):
                    raise OutputError(
                        f"{target} is the file article {item.id!r} was read from; refusing "
                        "to write over an input (give another output path)"
                    )
            yield self._export_row(item)

    def export_tables(self, out: str | Path, *, findings: bool = True) -> dict[str, int]:
        """Write the four tables ``wiretrace batch`` writes (``OUT/articles.parquet``,
        ``edges``, ``findings``, ``quotes``) for every story of the store; returns rows per
        table. ``ordinal`` is the ingest order.

        Raises:
            InputError: the folder cannot be written.
        """
        from wiretrace.batch.tables import StoryTables, story_tables, write_tables

        self.update()
        ordinals = {m.article_id: n for n, m in enumerate(self.store.memberships())}
        tables = StoryTables()
        for record in self.store.stories():
            members = self.store.members(record.id)
            tables.extend(
                story_tables(
                    record.id,
                    members,
                    [ordinals[m.id] for m in members],
                    self.config,
                    findings=findings,
                    featurizer=self.clusterer.featurizer,
                )
            )
        return write_tables(tables, out)

    def _export_row(self, item: StoredArticle) -> dict[str, str | None]:
        a = item.article
        return {
            "id": item.id,
            "story_id": self.store.story_of(item.id),
            "title": a.title,
            "url": a.url,
            "outlet": a.outlet,
            "published": a.published.isoformat() if a.published else None,
            "text": a.text,
        }


def _verbatim_edges(graph: DerivationGraph, links: tuple[Link, ...]) -> DerivationGraph:
    """The graph with the edge between the two articles of each stored ``verbatim`` link
    (the same text, in either direction) of kind ``verbatim``."""
    pairs = {frozenset((k.article_id, k.earlier_id)) for k in links if k.kind == "verbatim"}
    if not pairs:
        return graph
    edges = tuple(
        _replace(e, kind=DerivationKind.VERBATIM)
        if frozenset((e.source_id, e.target_id)) in pairs
        else e
        for e in graph.edges
    )
    return _replace(graph, edges=edges)


_EXPORT_COLUMNS = ("id", "story_id", "title", "url", "outlet", "published", "text")


_EXPORT_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


def export_format(out: str | Path, fmt: str | None = None) -> str:
    """The export format for ``out``: ``fmt`` checked against the extension, or inferred
    from it ("jsonl" for ``-``, standard output).

    Raises:
        ConfigError: ``fmt`` is unknown, contradicts the extension, or neither is known.
    """
    if fmt is not None and fmt not in ("jsonl", "parquet"):
        raise ConfigError(f"unknown export format {fmt!r}; use jsonl or parquet")
    if str(out) == STDOUT:
        if fmt == "parquet":
            raise ConfigError("Parquet cannot go to standard output; give a .parquet file")
        return "jsonl"
    suffix = Path(out).suffix.lower()
    inferred = _EXPORT_SUFFIXES.get(suffix)
    if fmt is None:
        if inferred is None:
            raise ConfigError(
                f"cannot tell the export format of {out} from its extension {suffix or '(none)'!r};"
                " name it .jsonl or .parquet, or give --format"
            )
        return inferred
    if inferred is not None and inferred != fmt:
        raise ConfigError(
            f"--format {fmt} contradicts the extension of {out} ({suffix}); "
            f"name it .{fmt} or drop --format"
        )
    return fmt


def _write_jsonl_to(rows: Iterable[dict[str, str | None]], handle: TextIO) -> int:
    count = 0
    for row in rows:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_jsonl(rows: Iterable[dict[str, str | None]], path: Path) -> int:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        return _write_jsonl_to(rows, handle)


def _write_parquet(rows: Iterable[dict[str, str | None]], path: Path, batch: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, pa.string()) for name in _EXPORT_COLUMNS])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, str | None]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
                chunk = []
        if chunk or not count:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count


def _hit(item: StoredArticle, q_in: float, h_in: float, store: Store) -> SimilarHit:
    a = item.article
    return SimilarHit(
        article_id=item.id,
        title=a.title,
        outlet=a.outlet,
        published=a.published,
        story_id=store.story_of(item.id),
        query_in_hit=round(q_in, 4),
        hit_in_query=round(h_in, 4),
        passages=0,
        related=False,
    )
