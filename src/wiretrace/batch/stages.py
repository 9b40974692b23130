"""The batch form of the story rule: candidate pairs, links that pass the rule, and the
cohesion check and split of a component. Pure functions over plain values, called alike
by the local and the Spark engine (which differ only in how data moves between them).

The rule is the incremental clusterer's (``stories.cluster``), taken in rounds over a
whole corpus instead of one article at a time:

1. Copy links: two articles whose estimated containment (MinHash) passes
   ``StoriesConfig.copy_containment`` belong together, as an incremental copy joins the
   member's story. Connected components over these links only, then each component is
   checked for cohesion (the size-weighted mean cosine of each article to the centroid
   of the others);
   one below ``BatchConfig.cohesion_similarity`` is split by running the sequential rule
   over its articles in ingest order (``split_component``).
2. Centroid links, in rounds: two groups that share a rare name or number are linked
   when an article of one agrees with the other's centroid (``join_similarity``, within
   the time window) and, between two groups of several articles, their centroids agree
   too (``merge_similarity``). Components over the
   links that passed, then the same cohesion check and split. A round that changes no
   group ends the loop.

An article therefore never joins a group through one member it resembles: it joins when
it copies text, or when it agrees with the group's centroid. Single-link chaining over
raw candidate pairs cannot happen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from wiretrace.config import BatchConfig, StoriesConfig
from wiretrace.stories.features import ArticleFeatures
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

#: A link graph: unit key -> {linked unit key: strength}, both directions present.
Links = Mapping[int, Mapping[int, float]]


class Vocabulary:
    """Idf of every term from whole-corpus document frequencies (the batch engines know
    the corpus up front; the incremental clusterer counts the articles seen so far).

    Args:
        df: Term key -> number of articles containing it.
        count: Number of articles.
    """

    def __init__(self, df: Mapping[int, int], count: int) -> None:
        self.df = df
        self.count = count
        self._cache: dict[int, float] = {}

    def __call__(self, term: int) -> float:
        """The idf of one term (cached)."""
        value = self._cache.get(term)
        if value is None:
            value = self._cache[term] = idf(self.count, self.df.get(term, 0))
        return value


@dataclass(slots=True)
class StoryUnit:
    """A group of articles the rule treats as one: an article, or a group formed earlier.

    Attributes:
        key: The smallest member ordinal (ingest order); the group's id while it lives.
        members: Member ordinals, ascending.
        centroid: Sum of the members' term vectors (``ArticleFeatures.terms``), cut back
            to the top terms as a story centroid is.
        first, last: Earliest and latest known publication time (POSIX seconds), or None;
            an article without one takes the day its text names (``day_time``).
        figures: A single article's figures and named days (``ArticleFeatures.figures``);
            empty for a group.
        monthday: A single article's first named month-day, for the window check of an
            article without any time; None for a group.
    """

    key: int
    members: tuple[int, ...]
    centroid: dict[int, float]
    first: float | None
    last: float | None
    figures: tuple[int, ...] = ()
    monthday: tuple[int, int] | None = None

    @property
    def size(self) -> int:
        """Number of articles."""
        return len(self.members)


def article_unit(ordinal: int, features: ArticleFeatures, when: float | None) -> StoryUnit:
    """The unit of one article (``when``: its time in POSIX seconds, see ``article_time``)."""
    return StoryUnit(
        ordinal,
        (ordinal,),
        dict(features.terms),
        when,
        when,
        features.figures,
        features.event_monthday,
    )


def article_time(published: datetime | None, features: ArticleFeatures) -> float | None:
    """An article's time for the window: its publication time, else noon of the day its
    text names, as POSIX seconds (None when neither is known)."""
    when = as_utc(published) or day_time(features.event_day)
    return when.timestamp() if when else None


def merge_units(
    units: Sequence[StoryUnit], limit: int, idf_of: Callable[[int], float]
) -> StoryUnit:
    """One unit of several: centroids summed in key order (so the sum is the same float
    wherever it is computed), cut back to ``limit`` terms once over twice that."""
    ordered = sorted(units, key=lambda u: u.key)
    centroid: dict[int, float] = {}
    for unit in ordered:
        for term, weight in unit.centroid.items():
            centroid[term] = centroid.get(term, 0.0) + weight
    if len(centroid) > 2 * limit:
        centroid = cut_centroid(centroid, limit)
    firsts = [u.first for u in ordered if u.first is not None]
    lasts = [u.last for u in ordered if u.last is not None]
    return StoryUnit(
        key=ordered[0].key,
        members=tuple(sorted(m for u in ordered for m in u.members)),
        centroid=centroid,
        first=min(firsts) if firsts else None,
        last=max(lasts) if lasts else None,
    )


# ---- candidate pairs ----


def band_pairs(bucket: Sequence[int], cap: int) -> Iterator[tuple[int, int]]:
    """Pairs ``(earlier, later)`` of one LSH band bucket (ordinals, ascending): each
    article with at most ``cap`` articles before it in ingest order."""
    for i, later in enumerate(bucket):
        for earlier in bucket[max(0, i - cap) : i]:
            yield earlier, later


def lookup_names(
    names: Iterable[int], df: Mapping[int, int], config: StoriesConfig, cap: int
) -> tuple[int, ...]:
    """An article's lookup features: its rarest names and numbers found in at least one
    other article and in at most ``cap`` articles, at most ``lookup_features`` of them
    (rarest in the corpus first, then in the language: ``names`` comes in that order), as
    the incremental clusterer looks up its rarest names."""
    known = [(df[n], k, n) for k, n in enumerate(names) if 2 <= df.get(n, 0) <= cap]
    known.sort()
    return tuple(n for _, _, n in known[: config.lookup_features])


def name_pairs(lookups: Sequence[int], holders: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Pairs ``(smaller, larger)`` of one name bucket: each article that looks the name up
    with each article that has it."""
    for a in lookups:
        for b in holders:
            if a != b:
                yield (a, b) if a < b else (b, a)


# ---- links that pass the rule ----


def copy_link(
    count_a: int,
    signature_a: np.ndarray,
    count_b: int,
    signature_b: np.ndarray,
    config: StoriesConfig,
) -> float | None:
    """The estimated containment of two articles when it makes a copy link
    (``copy_containment`` or more), else None; articles without shingles never link."""
    if not count_a or not count_b:
        return None
    containment = estimated_containment(count_a, signature_a, count_b, signature_b)
    return containment if containment >= config.copy_containment else None


def spans_meet(a: StoryUnit, b: StoryUnit, reach: float) -> bool:
    """Whether two units' time spans come within ``reach`` seconds of each other (an
    unknown span always does)."""
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return True
    return a.first - reach <= b.last and b.first - reach <= a.last


def in_time(unit: StoryUnit, other: StoryUnit, reach: float) -> bool:
    """The window check of the story rule between a unit and a group: their spans come
    within ``reach`` seconds; a single article with no time at all passes when the
    month-day its text names does (``monthday_in``); anything else unknown passes."""
    if None not in (unit.first, unit.last, other.first, other.last):
        return spans_meet(unit, other, reach)
    if other.first is None or other.last is None:
        return True
    if unit.first is None and unit.monthday is not None:
        return monthday_in(unit.monthday, (other.first, other.last), reach)
    return True


def joining_score(
    unit: StoryUnit,
    unit_vector: dict[int, float],
    group: StoryUnit,
    group_vector: dict[int, float],
    config: StoriesConfig,
) -> float:
    """The cosine of a unit and a group's centroid, scaled by ``no_shared_figure_factor``
    when the unit is a single article that shares none of its figures and named days with
    the group (a look-alike event), and 0 when the single article's figures mark it as
    another event (``apart``), as the incremental rule scores an article."""
    score = cosine(unit_vector, group_vector)
    if unit.size == 1 and not any(f in group.centroid for f in unit.figures):
        score *= config.no_shared_figure_factor
    if score >= config.join_similarity and apart(unit, group):  # (under it: never taken)
        return 0.0
    return score


def apart(unit: StoryUnit, group: StoryUnit) -> bool:
    """Whether a single article's figures mark it as another event than a group's
    (``rule.figures_apart``: most units the two share disagree): it neither copies into
    the group nor joins it, as the incremental clusterer bars such a story."""
    return unit.size == 1 and figures_apart(unit.figures, group.centroid)


def any_apart(units: Sequence[StoryUnit]) -> bool:
    """Whether some single article of a component is ``apart`` from the rest of it (the
    sum of the other units' centroids): such a component is not kept whole on its
    cohesion, but split by the sequential rule, which keeps the article out."""
    if len(units) < 2:
        return False
    full: dict[int, float] = {}
    for unit in units:
        for term, weight in unit.centroid.items():
            full[term] = full.get(term, 0.0) + weight
    for unit in units:
        if unit.size != 1 or not unit.figures:
            continue
        own = unit.centroid
        rest = {t: w for t, w in full.items() if w - own.get(t, 0.0) > 1e-12}
        if figures_apart(unit.figures, rest):
            return True
    return False


#: A unit's weighted vector (``weighted(unit.centroid, idf_of)``), usually cached.
Vectors = Callable[[StoryUnit], dict[int, float]]


def bridges(article: StoryUnit, group: StoryUnit, vector: Vectors, config: StoriesConfig) -> bool:
    """Whether a single article agrees with a group's centroid as the incremental rule
    asks of an article joining a story: within the window, ``joining_score`` at least
    ``join_similarity``."""
    if not in_time(article, group, config.window_hours * 3600.0):
        return False
    score = joining_score(article, vector(article), group, vector(group), config)
    return score >= config.join_similarity


def article_bridges(
    article: StoryUnit, group: StoryUnit, vectors: tuple[Vectors, Vectors], config: StoriesConfig
) -> bool:
    """``bridges`` of a single article to a group, the article's vector from the first of
    ``vectors`` (articles) and the group's from the second (groups): an article and a group
    may share a key, so they are cached apart. Depends on the (article, group) pair only,
    so a distributed engine scores each distinct pair once."""
    single, grouped = vectors

    def both(unit: StoryUnit) -> dict[int, float]:
        return single(unit) if unit is article else grouped(unit)

    return bridges(article, group, both, config)


def groups_agree(
    group_a: StoryUnit, group_b: StoryUnit, vector: Vectors, config: StoriesConfig
) -> bool:
    """Whether two groups may be linked through an article pair that bridges them: always
    when one holds a single article, else when their centroids agree
    (``merge_similarity``; ``vector`` gives groups' weighted vectors)."""
    if group_a.size == 1 or group_b.size == 1:
        return True
    return cosine(vector(group_a), vector(group_b)) >= config.merge_similarity


def centroid_link(
    a: StoryUnit,
    b: StoryUnit,
    group_a: StoryUnit,
    group_b: StoryUnit,
    vectors: tuple[Vectors, Vectors],
    config: StoriesConfig,
) -> bool:
    """Whether a pair of articles ``a`` and ``b`` (single-article units) sharing a rare
    name links their groups: one of them agrees with the other's group centroid
    (``article_bridges``), and, when both groups hold several articles, the two centroids
    agree (``groups_agree``): the incremental rule's join, and its merge of two stories
    that one article belongs to, never a link through one member alone. ``vectors``:
    weighted vectors of articles and of groups (two caches: an article and a group may
    share a key)."""
    if not (
        article_bridges(a, group_b, vectors, config) or article_bridges(b, group_a, vectors, config)
    ):
        return False
    return groups_agree(group_a, group_b, vectors[1], config)


def cached_vectors(idf_of: Callable[[int], float]) -> Vectors:
    """A ``Vectors`` function caching by unit key (for units that do not change)."""
    cache: dict[int, dict[int, float]] = {}

    def vector(unit: StoryUnit) -> dict[int, float]:
        found = cache.get(unit.key)
        if found is None:
            found = cache[unit.key] = weighted(unit.centroid, idf_of)
        return found

    return vector


# ---- components ----


def connected_components(links: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Node -> smallest node of its component, for every node of a link (union-find with
    path halving; nodes in no link are not listed)."""
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            if ra < rb:
                parent[rb] = ra
            else:
                parent[ra] = rb
    return {node: find(node) for node in list(parent)}


def cohesion(units: Sequence[StoryUnit], idf_of: Callable[[int], float]) -> float:
    """Group-average similarity of a component: the size-weighted mean cosine between
    each unit and the centroid of the others (leave-one-out, so that a small group's
    members are not judged against a centroid made mostly of themselves)."""
    ordered = sorted(units, key=lambda u: u.key)
    full: dict[int, float] = {}
    for unit in ordered:
        for term, weight in unit.centroid.items():
            full[term] = full.get(term, 0.0) + weight
    total = 0.0
    for unit in ordered:
        rest = {t: max(0.0, w - unit.centroid.get(t, 0.0)) for t, w in full.items()}
        total += unit.size * cosine(weighted(unit.centroid, idf_of), weighted(rest, idf_of))
    return total / max(1, sum(u.size for u in ordered))


def resolve_component(
    units: Sequence[StoryUnit],
    links: Links,
    idf_of: Callable[[int], float],
    stories: StoriesConfig,
    batch: BatchConfig,
) -> list[StoryUnit]:
    """The groups of one connected component: kept whole when cohesive, else split by
    the sequential rule. ``links`` are the copy links between the units (may be empty).
    Returns units by key."""
    if len(units) == 1:
        return [units[0]]
    if cohesion(units, idf_of) >= batch.cohesion_similarity and not any_apart(units):
        return [merge_units(units, stories.centroid_terms, idf_of)]
    return split_component(units, links, idf_of, stories)


def split_component(
    units: Sequence[StoryUnit],
    links: Links,
    idf_of: Callable[[int], float],
    config: StoriesConfig,
) -> list[StoryUnit]:
    """The incremental rule run over one component's units in key (ingest) order: a unit
    joins the group it has the strongest copy link to, else the group whose centroid
    it agrees with best (within the window, at the join or merge threshold), else starts
    one (a group its figures are ``apart`` from is neither); other groups it also
    belongs to are merged into the chosen one when their centroids agree
    (``merge_similarity``). Returns the groups by key."""
    reach = config.window_hours * 3600.0
    groups: dict[int, list[StoryUnit]] = {}  # group key -> its units
    merged: dict[int, StoryUnit] = {}  # group key -> the merged unit
    vectors: dict[int, dict[int, float]] = {}
    owner: dict[int, int] = {}  # unit key -> group key

    def vector(key: int) -> dict[int, float]:
        if key not in vectors:
            vectors[key] = weighted(merged[key].centroid, idf_of)
        return vectors[key]

    for unit in sorted(units, key=lambda u: u.key):
        copies: dict[int, float] = {}
        for other, strength in sorted(links.get(unit.key, {}).items()):
            group = owner.get(other)
            if group is not None and strength > copies.get(group, 0.0):
                copies[group] = strength
        for group in [g for g in copies if apart(unit, merged[g])]:
            del copies[group]  # a look-alike retold with other figures: not a copy
        mine = weighted(unit.centroid, idf_of)
        similar = {
            key: joining_score(unit, mine, merged[key], vector(key), config)
            for key in sorted(merged)
            if key in copies or in_time(unit, merged[key], reach)
        }
        threshold = config.join_similarity if unit.size == 1 else config.merge_similarity
        chosen: int | None = None
        if copies:
            chosen = max(copies.items(), key=lambda kv: (kv[1], -kv[0]))[0]
        elif similar:
            key, best = max(similar.items(), key=lambda kv: (kv[1], -kv[0]))
            if best >= threshold:
                chosen = key
        if chosen is None:
            groups[unit.key], merged[unit.key], owner[unit.key] = [unit], unit, unit.key
            continue
        for other, score in sorted(similar.items()):
            if other == chosen or (score < config.join_similarity and other not in copies):
                continue
            if cosine(vector(chosen), vector(other)) >= config.merge_similarity:
                for moved in groups.pop(other):
                    owner[moved.key] = chosen
                    groups[chosen].append(moved)
                del merged[other]
                vectors.pop(other, None)
        groups[chosen].append(unit)
        owner[unit.key] = chosen
        merged[chosen] = merge_units(groups[chosen], config.centroid_terms, idf_of)
        vectors.pop(chosen, None)
        if merged[chosen].key != chosen:  # an older group was absorbed: it names the group
            new = merged[chosen].key
            groups[new] = groups.pop(chosen)
            merged[new] = merged.pop(chosen)
            for moved in groups[new]:
                owner[moved.key] = new
    return [merged[key] for key in sorted(merged)]


def partition_signature(units: Iterable[StoryUnit]) -> frozenset[tuple[int, int]]:
    """(key, size) of every unit: two partitions of one corpus with the same signature
    are taken as the same (how both engines decide that a round changed nothing)."""
    return frozenset((u.key, u.size) for u in units)
