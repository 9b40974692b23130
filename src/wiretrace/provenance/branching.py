"""The greedy maximum branching of a story's candidate edges: each article gets at most
one source and no cycle closes, shared text before alignment-only evidence, the heavier
candidate first, and a copy's sentences deciding between a source and its close rival."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wiretrace.model import DerivationKind, EdgeDirection
from wiretrace.provenance.alignment import PairAlignment, StoryAligner

#: A pair is a copy when this share of the copy's word 5-grams occurs in the source.
COPY_CONTAINMENT = 0.3
#: Parents whose weight is within this of the best are tied: the earliest wins.
TIE = 0.02
#: A copy's candidate sources of one tier whose weights reach this share of the best
#: one's are told apart by the copy's sentences (``StoryAligner.closer_share``): a
#: rival wins when it holds the closer sentence on more than ``ATTRIBUTION_SHARE`` of
#: the characters both match. Chosen on the odd half of the real-news dev set.
ATTRIBUTION_BAND = 0.8
ATTRIBUTION_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate edge: ``dst`` copied from ``src`` (indexes into the timeline)."""

    weight: float
    src: int
    dst: int
    containment: float
    reverse: float
    why: list[str]
    kind: DerivationKind
    alignment: PairAlignment
    direction: EdgeDirection = EdgeDirection.KNOWN

    @property
    def decided(self) -> bool:
        """Whether times or the textual cues decided the direction."""
        return self.direction is not EdgeDirection.UNKNOWN

    @property
    def rank(self) -> tuple[bool, int, bool, int, int]:
        """Its place in the branching's order (``rank``)."""
        return rank(self.containment, self.weight, self.decided, self.src, self.dst)


@dataclass(frozen=True, slots=True)
class Pending:
    """An untimed pair whose orientation waits for ``compare``'s vote (the costly part of
    a story whose articles carry no times): the best rank any of its orientations can
    take (``rank``), the (source, copy) orientations it can take, and how to orient it
    (the comparison, then the vote: a ``Candidate``, or None when the orientation the
    vote picks is no candidate)."""

    bound: tuple[bool, int, bool, int, int]
    outcomes: tuple[tuple[int, int], ...]
    resolve: Callable[[], Candidate | None]
    #: (containment, weight) of each of ``outcomes`` (``_Pair.weight``: known before the
    #: vote); None when not known, and the pair is then oriented whenever it may be a
    #: rival or a link that ``attributed`` reads
    weights: tuple[tuple[float, float], ...] | None = None


def rank(
    containment: float, weight: float, decided: bool, src: int, dst: int
) -> tuple[bool, int, bool, int, int]:
    """The branching's order of a candidate (smallest first): see ``branching``."""
    return (containment < COPY_CONTAINMENT, -round(weight / TIE), not decided, src, dst)


def branching(
    candidates: Sequence[Candidate | Pending], aligner: StoryAligner | None = None
) -> tuple[list[Candidate], dict[int, int]]:
    """Greedy maximum branching: each article gets at most one source, no cycles.

    Shared text first (its evidence is the strongest), then in-order alignments; by
    weight within each (tied within ``TIE``); among tied weights a known direction
    before an unknown one (an arbitrary arrow must not take a copy's one parent from its
    known source), then the earlier source. When a copy's best candidate source is
    itself a candidate copy of a close rival, the copy's sentences decide between the
    two (``attributed``): whole-text weights also measure how much of each candidate was
    gathered or what it added, not which one the copy's text came through.

    A ``Pending`` pair is oriented only when the greedy reaches the best rank it can
    take and one of its orientations could still be taken (its copy has no source yet
    and the edge closes no cycle; sources only get added, so one that cannot be taken
    then never can): its candidate then joins at its own rank, which is never better.
    The result is the one with every pair oriented first, without the comparisons whose
    pair could not change it.

    Returns:
        The chosen candidates and copy -> source (indexes into the timeline).
    """
    items = list(candidates)
    heap: list[tuple[tuple[bool, int, bool, int, int], int, int, Candidate | Pending]] = []
    # (rank, input index, 0 for a candidate / 1 for a pending pair, item): a settled
    # pair's candidate may share its rank and index with its own pending entry
    into: dict[int, list[Candidate]] = {}  # copy -> its candidate sources found so far
    links: set[tuple[int, int]] = set()
    waiting: dict[int, list[int]] = {}  # copy -> pending pairs that may orient into it
    resolved: set[int] = set()

    def found(n: int, cand: Candidate) -> None:
        """Queue candidate ``n`` and record it as a source candidate of its copy."""
        heapq.heappush(heap, (cand.rank, n, 0, cand))
        into.setdefault(cand.dst, []).append(cand)
        links.add((cand.src, cand.dst))

    def settle(n: int) -> None:
        """Orient pending pair ``n`` now (once); its candidate's rank is never better
        than its bound, so it joins the heap where the eager order had it."""
        if n in resolved:
            return
        resolved.add(n)
        pending = items[n]
        assert isinstance(pending, Pending)
        cand = pending.resolve()
        if cand is not None:
            found(n, cand)

    for n, item in enumerate(items):
        if isinstance(item, Pending):
            heapq.heappush(heap, (item.bound, n, 1, item))
            for _, dst in item.outcomes:
                waiting.setdefault(dst, []).append(n)
        else:
            found(n, item)
    parent: dict[int, int] = {}
    chosen: list[Candidate] = []
    while heap:
        _, n, _, item = heapq.heappop(heap)
        if isinstance(item, Pending):
            if n in resolved or all(
                dst in parent or reaches(parent, src, dst) for src, dst in item.outcomes
            ):
                continue
            settle(n)
            continue
        if item.dst in parent or reaches(parent, item.src, item.dst):
            continue
        if aligner is not None:
            # the rivals into this copy that ``attributed`` may pick must be known:
            # orient the pending pairs that may give one (weighed, with a link into the
            # best source known or possible, and closer than some possible pick on the
            # copy's sentences); the others cannot change its pick
            best = item
            maybe: dict[int, list[int] | None] = {}
            for m in waiting.get(best.dst, ()):
                if m not in resolved:
                    sources = _rival_sources(items[m], best, parent, links, waiting, items)
                    if sources is None or sources:
                        maybe[m] = sources
            picks = {best.src}
            picks.update(r.src for r in into[best.dst] if _weighed(r, best, parent))
            picks.update(src for sources in maybe.values() for src in sources or ())
            for m, sources in maybe.items():
                if sources is None or any(
                    _closer(aligner, best.dst, src, other)
                    for src in sources
                    for other in picks
                    if other != src
                ):
                    settle(m)

            def linked(src: int, dst: int) -> bool:
                """Whether (src, dst) is a candidate, orienting the pending pair that
                may give it first."""
                if (src, dst) not in links:
                    for m in waiting.get(dst, ()):
                        pending = items[m]
                        if isinstance(pending, Pending) and (src, dst) in pending.outcomes:
                            settle(m)
                return (src, dst) in links

            rivals = sorted(into[item.dst], key=lambda c: c.rank)
            item = attributed(item, rivals, parent, aligner, linked)
        parent[item.dst] = item.src
        chosen.append(item)
    return chosen, parent


def _weighed(rival: Candidate, best: Candidate, parent: dict[int, int]) -> bool:
    """Whether ``attributed`` weighs ``rival`` against ``best`` once its link is known:
    another candidate into the same copy, of the same tier, within the weight band,
    closing no cycle."""
    return (
        rival is not best
        and (rival.containment < COPY_CONTAINMENT) == (best.containment < COPY_CONTAINMENT)
        and rival.weight >= ATTRIBUTION_BAND * best.weight
        and not reaches(parent, rival.src, rival.dst)
    )


def _rival_sources(
    pending: Candidate | Pending,
    best: Candidate,
    parent: dict[int, int],
    links: set[tuple[int, int]],
    waiting: dict[int, list[int]],
    items: list[Candidate | Pending],
) -> list[int] | None:
    """The sources of the rivals into ``best.dst`` that the pending pair, once oriented,
    may give and ``attributed`` would weigh (``_weighed``, with a link into ``best.src``
    known or still possible from a pending pair): its orientations' weights are known
    before the vote. None when they are not known (any rival it gives may count)."""
    out: list[int] = []
    if not isinstance(pending, Pending):
        return out
    for k, (src, dst) in enumerate(pending.outcomes):
        if dst != best.dst:
            continue
        if pending.weights is None:
            return None
        contained, weight = pending.weights[k]
        if (
            (contained < COPY_CONTAINMENT) != (best.containment < COPY_CONTAINMENT)
            or weight < ATTRIBUTION_BAND * best.weight
            or reaches(parent, src, dst)
        ):
            continue
        if (src, best.src) in links or any(
            isinstance(other, Pending) and (src, best.src) in other.outcomes
            for other in (items[m] for m in waiting.get(best.src, ()))
        ):
            out.append(src)
    return out


def _closer(aligner: StoryAligner, copy: int, src: int, other: int) -> bool:
    """Whether ``attributed`` would move ``copy`` from ``other`` to ``src`` on its
    sentences (``closer_share`` over ``ATTRIBUTION_SHARE``)."""
    share = aligner.closer_share(copy, src, other)
    return share is not None and share > ATTRIBUTION_SHARE


def attributed(
    best: Candidate,
    rivals: list[Candidate],
    parent: dict[int, int],
    aligner: StoryAligner,
    linked: Callable[[int, int], bool],
) -> Candidate:
    """The candidate source of ``best.dst`` that its sentences come through, when the
    best candidate may be a sibling rather than the source.

    A rival counts when its source is a candidate source of ``best.src`` (``linked``,
    asked last: the copy would otherwise hang under a copy of the rival), it has the
    same tier of evidence (shared 5-grams, or alignment only), its weight is within
    ``ATTRIBUTION_BAND`` of ``best``'s and it closes no cycle. It wins when it holds the
    copy's closer sentences (``StoryAligner.closer_share`` above ``ATTRIBUTION_SHARE``):
    a copy of a copy carries the intermediate's changes and stays under it; a sibling
    does not, and its whole-text weight was lifted by how much of each text was gathered
    or added (a source cut short, a sibling that carries more of the story). The move
    only goes up the chain: a copy closer to another copy of its source is left where the
    weights put it, since two verbatim carriers of one wire text are as close to each
    other as a copy is to its intermediate."""
    tier = best.containment < COPY_CONTAINMENT
    pick = best
    for rival in rivals:
        if (
            rival is best
            or (rival.containment < COPY_CONTAINMENT) != tier
            or rival.weight < ATTRIBUTION_BAND * best.weight
            or reaches(parent, rival.src, rival.dst)
        ):
            continue
        if _closer(aligner, best.dst, rival.src, pick.src) and linked(rival.src, best.src):
            pick = rival
    return pick


def reaches(parent: dict[int, int], start: int, goal: int) -> bool:
    """Whether ``goal`` is ``start`` or one of its ancestors (adding goal -> ... would
    close a cycle)."""
    node: int | None = start
    while node is not None:
        if node == goal:
            return True
        node = parent.get(node)
    return False
