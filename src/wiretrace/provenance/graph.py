"""Derivation graph of a story: which article was copied from which, with evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from wiretrace.compare import compare
from wiretrace.config import CompareConfig
from wiretrace.model import Comparison
from wiretrace.store.base import StoredArticle
from wiretrace.stories.cluster import as_utc
from wiretrace.stories.features import Featurizer

#: A pair is a copy when this share of the copy's word 5-grams occurs in the source.
COPY_CONTAINMENT = 0.3
#: Below that, down to this share, a pair is a candidate rewrite: it becomes an edge only
#: if the compare engine aligns at least ``REWRITE_MIN_STRONG`` sentence groups strongly
#: (real rewrites paraphrase most sentences and keep the quotes: the founding seed pair
#: shares only 18% of its 5-grams). Stock phrases and shared quotes of independent
#: reports stay below this share in most news.
MIN_EDGE_CONTAINMENT = 0.12
REWRITE_MIN_STRONG = 3
#: Sources of an article are looked for among this many articles before it in time
#: order, so that a story of thousands of near-identical items stays linear.
SOURCE_WINDOW = 300
#: Parents whose containment is within this of the best are tied: the earliest wins.
_TIE = 0.02


@dataclass(frozen=True, slots=True)
class Edge:
    """``target`` was (most likely) derived from ``source``.

    Attributes:
        source_id, target_id: Article ids.
        confidence: 0..1, from the shared text and the agreement of time and text on the
            direction.
        reasons: Why, in words: shared text, publication times, textual direction signals.
        containment: Share of the target's shingles found in the source.
        reverse_containment: Share of the source's shingles found in the target.
        comparison: ``compare(source, target)``: aligned passages and what the copy
            changed (None until computed, see ``derive(..., compare_edges=False)``).
    """

    source_id: str
    target_id: str
    confidence: float
    reasons: tuple[str, ...]
    containment: float
    reverse_containment: float
    comparison: Comparison | None = None


@dataclass(frozen=True, slots=True)
class DerivationGraph:
    """A story's articles in time order, the derivation edges, and the roots.

    Attributes:
        articles: Members, earliest first (unknown times last, in ingest order).
        edges: One edge into each derived article (a forest: no article has two parents).
        roots: Articles with no source in the story: originals and independent reports.
        earliest: The earliest known version (first root in time order).
    """

    articles: tuple[StoredArticle, ...]
    edges: tuple[Edge, ...]
    roots: tuple[str, ...] = field(default_factory=tuple)
    earliest: str | None = None

    @property
    def parents(self) -> dict[str, str]:
        """Copy id -> source id."""
        return {e.target_id: e.source_id for e in self.edges}

    def role(self, article_id: str) -> str:
        """ "earliest" (the earliest known version), "copy" (derived from another article
        of the story) or "independent" (shares no derivation with the others)."""
        if article_id == self.earliest:
            return "earliest"
        return "copy" if article_id in self.parents else "independent"

    def lineage_order(self) -> list[StoredArticle]:
        """Articles with every source before its copies (depth first from the roots, in
        time order): the order in which text was passed on."""
        children: dict[str, list[str]] = {}
        for edge in self.edges:
            children.setdefault(edge.source_id, []).append(edge.target_id)
        rank = {item.id: n for n, item in enumerate(self.articles)}
        by_id = {item.id: item for item in self.articles}
        out: list[StoredArticle] = []
        stack = sorted(self.roots, key=rank.__getitem__, reverse=True)
        while stack:
            node = stack.pop()
            out.append(by_id[node])
            stack.extend(sorted(children.get(node, ()), key=rank.__getitem__, reverse=True))
        return out


def time_key(published: datetime | None, position: int) -> tuple[bool, datetime, int]:
    """Sort key of the timeline: publication time (UTC), unknown times last, then the
    given position (ingest order)."""
    when = as_utc(published)
    return (when is None, when.replace(tzinfo=None) if when else datetime.max, position)


def timeline(members: Sequence[StoredArticle]) -> list[StoredArticle]:
    """Articles by publication time (UTC), those without one last, else in given order."""
    order = sorted(range(len(members)), key=lambda n: time_key(members[n].article.published, n))
    return [members[n] for n in order]


def derive(
    members: Sequence[StoredArticle],
    config: CompareConfig | None = None,
    *,
    compare_edges: bool = True,
    featurizer: Featurizer | None = None,
) -> DerivationGraph:
    """Build the derivation forest of one story.

    Each pair sharing text (exact shingle containment of at least
    ``MIN_EDGE_CONTAINMENT``) is a candidate edge, oriented by publication time when both
    times are known and differ, else by the compare engine's direction. Edges are then
    taken greedily by containment (a maximum branching: each article gets at most one
    source, no cycles), so a rewrite of a rewrite hangs under the rewrite whose changes it
    carries, not under the wire story. ``compare_edges`` runs ``compare`` on every chosen
    edge for its findings and direction reasons.
    """
    cfg = config or CompareConfig()
    ordered = timeline(members)
    feat = featurizer or Featurizer(cfg.candidates, cfg.stories, cfg.clean)
    sets = [feat.shingles(item.article.text) for item in ordered]
    times = [as_utc(item.article.published) for item in ordered]
    n = len(ordered)
    candidates: list[tuple[float, int, int, float, list[str]]] = []
    compared: dict[tuple[int, int], Comparison] = {}
    for j in range(n):
        for i in range(max(0, j - SOURCE_WINDOW), j):
            if not len(sets[i]) or not len(sets[j]):
                continue
            shared = len(np.intersect1d(sets[i], sets[j], assume_unique=True))
            c_ij, c_ji = shared / len(sets[j]), shared / len(sets[i])  # j in i, i in j
            if max(c_ij, c_ji) < MIN_EDGE_CONTAINMENT:
                continue
            oriented = _orient(i, j, times, ordered, cfg, compared)
            if oriented is None:
                continue
            src, dst, why = oriented
            weight = c_ij if (src, dst) == (i, j) else c_ji
            if weight < MIN_EDGE_CONTAINMENT:
                continue
            if weight < COPY_CONTAINMENT:
                result = compared.get((src, dst)) or compare(
                    ordered[src].article, ordered[dst].article, config=cfg
                )
                compared[(src, dst)] = result
                strong = sum(1 for al in result.alignments if al.similarity >= 0.5)
                if not result.related or strong < REWRITE_MIN_STRONG:
                    continue
                why = [*why, f"a rewrite: {strong} passages aligned by the compare engine"]
            candidates.append((weight, src, dst, c_ji if src == i else c_ij, why))
    # greedy maximum branching: best containment first, ties to the earlier source
    candidates.sort(key=lambda c: (-round(c[0] / _TIE), c[1], c[2]))
    parent: dict[int, int] = {}
    chosen: list[tuple[float, int, int, float, list[str]]] = []
    for cand in candidates:
        _, src, dst, _, _ = cand
        if dst in parent or _reaches(parent, src, dst):
            continue
        parent[dst] = src
        chosen.append(cand)
    edges = []
    for weight, src, dst, reverse, why in sorted(chosen, key=lambda c: (c[2], c[1])):
        comparison = None
        if compare_edges:
            comparison = compared.get((src, dst)) or compare(
                ordered[src].article, ordered[dst].article, config=cfg
            )
        edges.append(_edge(ordered, src, dst, weight, reverse, why, comparison, times))
    roots = tuple(ordered[i].id for i in range(n) if i not in parent)
    return DerivationGraph(
        articles=tuple(ordered),
        edges=tuple(edges),
        roots=roots,
        earliest=roots[0] if roots else None,
    )


def _reaches(parent: dict[int, int], start: int, goal: int) -> bool:
    """Whether ``goal`` is ``start`` or one of its ancestors (adding goal -> ... would
    close a cycle)."""
    node: int | None = start
    while node is not None:
        if node == goal:
            return True
        node = parent.get(node)
    return False


def _orient(
    i: int,
    j: int,
    times: list[datetime | None],
    ordered: list[StoredArticle],
    cfg: CompareConfig,
    compared: dict[tuple[int, int], Comparison],
) -> tuple[int, int, list[str]] | None:
    """(source, copy, reasons) for a pair sharing text; None when nothing orders it."""
    ti, tj = times[i], times[j]
    if ti is not None and tj is not None and ti != tj:
        src, dst = (i, j) if ti < tj else (j, i)
        return src, dst, [f"published {_delay(abs(tj - ti).total_seconds())} later"]
    result = compare(ordered[i].article, ordered[j].article, config=cfg)
    side = result.direction.source
    if side is None:
        # no textual signal: keep ingest order, say so
        compared[(i, j)] = result
        return i, j, ["no publication times and no textual signal: ingest order kept"]
    if side == "a":
        compared[(i, j)] = result
        return i, j, [f"text evidence (confidence {result.direction.confidence:.2f})"]
    return j, i, [f"text evidence (confidence {result.direction.confidence:.2f})"]


def _delay(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min"
    return f"{hours // 24} days"


def _edge(
    ordered: list[StoredArticle],
    src: int,
    dst: int,
    weight: float,
    reverse: float,
    why: list[str],
    comparison: Comparison | None,
    times: list[datetime | None],
) -> Edge:
    reasons = [
        f"{weight:.0%} of the copy's word 5-grams occur in the source "
        f"({reverse:.0%} of the source's in the copy)",
        *why,
    ]
    text_confidence = min(1.0, weight / (2 * COPY_CONTAINMENT))
    timed = times[src] is not None and times[dst] is not None and times[src] != times[dst]
    direction = 0.5
    if comparison is not None and comparison.direction.source is not None:
        agrees = comparison.direction.source == "a"
        conf = comparison.direction.confidence
        reasons.append(
            ("text agrees: " if agrees else "text suggests the reverse: ")
            + "; ".join(comparison.direction.reasons[:3])
        )
        direction = 0.5 + 0.5 * conf if agrees else 0.5 - 0.4 * conf
    if timed:
        direction = max(direction, 0.8) if direction >= 0.5 else 0.6
    confidence = round(0.4 * text_confidence + 0.6 * direction, 2)
    return Edge(
        source_id=ordered[src].id,
        target_id=ordered[dst].id,
        confidence=confidence,
        reasons=tuple(reasons),
        containment=round(weight, 4),
        reverse_containment=round(reverse, 4),
        comparison=comparison,
    )
