"""Deleting articles: the stories they were in are re-clustered locally without them
(other stories untouched), and the whole change is one ``Deletion`` for the store."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from wiretrace.config import CandidatesConfig, CleanConfig, StoriesConfig
from wiretrace.errors import NotFoundError
from wiretrace.store.base import Deletion, Link, Store, StoredArticle, StoryRecord
from wiretrace.store.memory import MemoryStore
from wiretrace.stories.cluster import StoryClusterer
from wiretrace.stories.features import ArticleFeatures, Featurizer


@dataclass(frozen=True, slots=True)
class StoryChange:
    """What a delete did to one story.

    Attributes:
        story_id: The story as it was.
        removed: Its deleted articles.
        parts: (story id, number of articles) of what is left, the part that keeps
            ``story_id`` first; empty when no article is left. More than one part: the
            story split (an article that bridged its parts went).
    """

    story_id: str
    removed: tuple[str, ...]
    parts: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class DeleteReport:
    """What ``Corpus.delete`` did: the deleted ids (as given, without repeats), each
    story they were in, and links re-pointed past deleted articles. ``dry_run``: nothing
    was removed; this is what deleting would do."""

    deleted: tuple[str, ...]
    stories: tuple[StoryChange, ...]
    relinked: tuple[Link, ...] = ()
    dry_run: bool = False


class _LocalIndex(MemoryStore):
    """One story's remaining members, clustered apart from every other story, but with
    the whole store's document frequencies (less the deleted articles and these members
    themselves, which are counted again as they are added): the idf weights are the
    corpus's, as when the members were first clustered."""

    def __init__(self, base: Store, removed: Counter[int], base_count: int) -> None:
        super().__init__()
        self._base = base
        self._removed = removed
        self._base_count = base_count

    def put(self, items: Iterable[StoredArticle]) -> None:
        """Take stored articles as they are (they passed the duplicate rules once)."""
        for item in items:
            self._by_id[item.id] = item

    def document_frequencies(self, terms: Iterable[int]) -> dict[int, int]:
        """Term key -> the store's count, less the removed, plus this index's own."""
        wanted = list(terms)
        base = self._base.document_frequencies(wanted)
        own = super().document_frequencies(wanted)
        out = {}
        for term in wanted:
            n = base.get(term, 0) - self._removed.get(term, 0) + own.get(term, 0)
            if n > 0:
                out[term] = n
        return out

    def indexed_count(self) -> int:
        """The store's indexed articles (less the removed) plus this index's own."""
        return self._base_count + super().indexed_count()

    def feature_pairs(self) -> Iterator[tuple[int, str]]:
        """(lookup feature, story id) of every local story."""
        for feature, stories in self._features.items():
            for story_id in stories:
                yield feature, story_id


def plan_deletion(
    store: Store,
    article_ids: Sequence[str],
    candidates: CandidatesConfig | None = None,
    stories: StoriesConfig | None = None,
    clean: CleanConfig | None = None,
) -> tuple[Deletion, DeleteReport]:
    """What deleting ``article_ids`` changes, computed without writing: the articles, and
    for each story they were in, its remaining members re-clustered by the story rule
    (``StoryClusterer``, in ingest order) among themselves only. The part with the most
    articles (ties: the one with the earliest ingested article) keeps the story's id;
    other parts get new ids. The store's index must be complete (every article
    clustered) and the caller must hold its write lock until ``Store.delete`` is done.

    Args:
        store: The store (read only here).
        article_ids: Ids to delete; repeats are ignored.
        candidates, stories, clean: The settings the index was built with.

    Raises:
        NotFoundError: an id is not stored (all unknown ids are named).
    """
    ids = list(dict.fromkeys(article_ids))
    missing = [i for i in ids if store.get(i) is None]
    if missing:
        shown = ", ".join(repr(i) for i in missing[:10])
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        raise NotFoundError(
            f"no article{'s' if len(missing) > 1 else ''} {shown}{more} in the store; "
            "nothing was deleted "
            "(`wiretrace articles` lists the stored ids)"
        )
    gone = set(ids)
    featurizer = Featurizer(candidates, stories, clean)
    by_story: dict[str, list[str]] = {}
    deleted_terms: Counter[int] = Counter()
    unindexed = 0
    for article_id in ids:
        story_id = store.story_of(article_id)
        if story_id is None:
            unindexed += 1
            continue
        by_story.setdefault(story_id, []).append(article_id)
        item = store.get(article_id)
        assert item is not None  # checked above
        deleted_terms.update(featurizer(item.article).terms.keys())
    deletion = Deletion(
        article_ids=ids, df=deleted_terms, unindexed=unindexed, links=_relinks(store, ids)
    )
    indexed_left = store.indexed_count() - (len(ids) - unindexed)
    next_number = store.next_story_number()
    changes = []
    for story_id, removed in sorted(by_story.items(), key=lambda kv: _story_number(kv[0])):
        remaining = [m for m in store.members(story_id) if m.id not in gone]
        features = [featurizer(m.article) for m in remaining]
        parts = _recluster(
            store, remaining, features, deleted_terms, indexed_left, candidates, stories, clean
        )
        deletion.removed_stories.append(story_id)
        names: list[tuple[str, int]] = []
        for n, (record, members, feats) in enumerate(parts):
            new_id = story_id if n == 0 else f"s{next_number}"
            if n:
                next_number += 1
            deletion.stories.append(replace(record, id=new_id))
            deletion.members.update(dict.fromkeys(members, new_id))
            deletion.features.update((f, new_id) for f in feats)
            names.append((new_id, len(members)))
        changes.append(StoryChange(story_id, tuple(removed), tuple(names)))
    deletion.next_story = next_number
    report = DeleteReport(tuple(ids), tuple(changes), tuple(deletion.links))
    return deletion, report


def _recluster(
    store: Store,
    remaining: list[StoredArticle],
    features: list[ArticleFeatures],
    deleted_terms: Counter[int],
    indexed_left: int,
    candidates: CandidatesConfig | None,
    stories: StoriesConfig | None,
    clean: CleanConfig | None,
) -> list[tuple[StoryRecord, list[str], set[int]]]:
    """The parts of one story's remaining members: (record, member ids in ingest order,
    lookup features), the part that keeps the story's id first."""
    if not remaining:
        return []
    removed = deleted_terms.copy()
    for feats in features:
        removed.update(feats.terms.keys())
    local = _LocalIndex(store, removed, indexed_left - len(remaining))
    local.put(remaining)
    clusterer = StoryClusterer(local, candidates, stories, clean=clean)
    for item, feats in zip(remaining, features, strict=True):
        clusterer.add(item, flush=False, features=feats)
    clusterer.flush()
    order = {m.id: n for n, m in enumerate(remaining)}
    members: dict[str, list[str]] = {}
    for row in local.memberships():
        members.setdefault(row.story_id, []).append(row.article_id)
    lookups: dict[str, set[int]] = {}
    for feature, story_id in local.feature_pairs():
        lookups.setdefault(story_id, set()).add(feature)
    out = []
    for record in local.stories():
        ids = sorted(members.get(record.id, []), key=order.__getitem__)
        if ids:
            out.append((record, ids, lookups.get(record.id, set())))
    out.sort(key=lambda part: (-len(part[1]), order[part[1][0]]))
    return out


def _relinks(store: Store, ids: Sequence[str]) -> list[Link]:
    """Links that replace those through deleted articles: a later version of a deleted
    article points to the deleted article's own earlier version (the nearest one that
    stays); the remaining verbatim copies of a deleted original point to the first of
    them, which becomes the original."""
    gone = set(ids)
    earlier: dict[str, str] = {}  # deleted article -> its earlier version
    later: dict[str, list[str]] = {}  # deleted article -> later versions that stay
    copies: dict[str, list[str]] = {}  # deleted original -> verbatim copies that stay
    for article_id in ids:
        for link in store.links(article_id):
            if link.article_id == article_id and link.kind == "version":
                earlier[article_id] = link.earlier_id
            elif link.earlier_id == article_id and link.article_id not in gone:
                target = later if link.kind == "version" else copies
                target.setdefault(article_id, []).append(link.article_id)
    out: list[Link] = []
    for article_id, versions in later.items():
        previous = earlier.get(article_id)
        while previous in gone:
            previous = earlier.get(previous)
        if previous is not None:
            out.extend(Link(v, "version", previous) for v in versions)
    for copied in copies.values():
        first, *rest = copied
        out.extend(Link(c, "verbatim", first) for c in rest)
    return out


def _story_number(story_id: str) -> tuple[int, str]:
    digits = story_id[1:]
    return (int(digits), story_id) if digits.isdigit() else (1 << 62, story_id)
