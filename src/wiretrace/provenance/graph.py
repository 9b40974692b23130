"""Derivation graph of a story: which article was copied from which, with evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import numpy as np

from wiretrace.compare import PreparedTexts, compare
from wiretrace.config import CompareConfig
from wiretrace.model import Comparison, DerivationKind, Document, EdgeDirection
from wiretrace.provenance import vote as cues
from wiretrace.provenance.alignment import PairAlignment, StoryAligner
from wiretrace.provenance.branching import COPY_CONTAINMENT, Candidate, Pending, branching, rank
from wiretrace.provenance.runs import RUN_WORDS, longest_run, narration_words, run_grams
from wiretrace.provenance.vote import DECISION_MARGIN, Vote, vote
from wiretrace.store.base import StoredArticle
from wiretrace.stories.features import Featurizer
from wiretrace.stories.when import as_utc

#: Kinds by the share of the copy's 5-grams found in the source: verbatim from here up.
VERBATIM_CONTAINMENT = 0.8
#: A copy under this share of its source's length, covering less than
#: ``CONDENSED_SOURCE_COVERAGE`` of the source, is a condensed rewrite.
CONDENSED_LENGTH = 0.6
CONDENSED_SOURCE_COVERAGE = 0.6
#: A rewrite keeping this share of both texts in order (sentence by sentence) is spun.
SPUN_COVERAGE = 0.5
#: The reason that opens an edge whose direction the text could not decide.
DIRECTION_UNKNOWN = "direction unknown"
#: Sources of an article are looked for among this many articles before it in time
#: order, so that a story of thousands of near-identical items stays linear.
SOURCE_WINDOW = 300
#: Pairs sharing fewer word 5-grams than ``RUN_WORDS`` minus this are not searched for a
#: run (a run of 15 words holds 11 5-grams).
RUN_SHINGLE_SLACK = 4
#: Two articles published at least this far apart whose in-order alignment leaves out
#: both openings (``PairAlignment.opening``) are a follow-up and the earlier report whose
#: background paragraphs it reuses, not a copy and its source.
FOLLOW_UP_HOURS = 12.0


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
        kind: How the copy was made (``DerivationKind``).
        aligned: Sentences of the copy aligned in order with the source.
        coverage: Share of the copy's characters on that in-order alignment.
        comparison: ``compare(source, target)``: aligned passages and what the copy
            changed (None until computed, see ``derive(..., compare_edges=False)``).
        direction: How the direction was decided: by publication times (``known``), by
            the textual vote (``inferred``) or not at all (``unknown``: the first reason
            then opens with ``DIRECTION_UNKNOWN``).
    """

    source_id: str
    target_id: str
    confidence: float
    reasons: tuple[str, ...]
    containment: float
    reverse_containment: float
    kind: DerivationKind = DerivationKind.LIGHT_EDIT
    aligned: int = 0
    coverage: float = 0.0
    comparison: Comparison | None = None
    direction: EdgeDirection = EdgeDirection.KNOWN


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


def timeline_order(times: Sequence[datetime | None]) -> list[int]:
    """The positions of publication times in timeline order: ``time_key``'s (by instant,
    unknown times last, then position), without making a UTC copy of each time (aware
    times compare by instant; a naive one is taken to be UTC). The story list orders
    every member of each story of a page with it (~0.3 ms of a ~1.7 ms page at 50
    stories)."""
    dated: list[tuple[datetime, int]] = []
    undated: list[int] = []
    for n, when in enumerate(times):
        if when is None:
            undated.append(n)
        else:
            dated.append((when if when.tzinfo is not None else when.replace(tzinfo=UTC), n))
    dated.sort()
    return [n for _, n in dated] + undated


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
    prepared: PreparedTexts | None = None,
) -> DerivationGraph:
    """Build the derivation forest of one story.

    A pair is a candidate edge when one shares at least ``COPY_CONTAINMENT`` of its word
    5-grams with the other, when their sentences align in order
    (``provenance.alignment``: spun, paraphrased, condensed copies share few 5-grams), or
    when they share a run of ``RUN_WORDS`` words of narration verbatim
    (``provenance.runs``: a short item that lifts one sentence of its source).
    Independent reports of the same facts, told in their own order, stay unlinked. Each
    candidate is oriented by publication time when both times are known and differ,
    else by a scored vote of textual cues (``provenance.vote``: the wire's credit
    dateline, what the story's other articles carry, figures, the compare engine's
    signals, a spinner's rarer words), whose reasons say "direction unknown" when the
    cues are too weak (see ``_orient``), and gets a ``kind``. Edges
    are then taken greedily by weight (the larger of the containment and the aligned
    share of the copy times its mean cosine; a maximum branching: each article gets at most one
    source, no cycles), so a rewrite of a rewrite hangs under the rewrite whose changes it
    carries, not under the wire story. ``compare_edges`` runs ``compare`` on every chosen
    edge for its findings and direction reasons; ``prepared`` (made under ``config``)
    keeps each member's cleaned text and analysis for those compares and for the
    caller's own (one is made when not given).
    """
    cfg = config or CompareConfig()
    ordered = timeline(members)
    feat = featurizer or Featurizer(cfg.candidates, cfg.stories, cfg.clean)
    sets = [feat.shingles(item.article.text) for item in ordered]
    memo = prepared if prepared is not None and prepared.serves(cfg, None) else PreparedTexts(cfg)
    docs = [memo.document(item.article) for item in ordered]
    aligner = StoryAligner(docs, [memo.analysis(item.article).tokens for item in ordered])
    times = [as_utc(item.article.published) for item in ordered]
    n = len(ordered)
    compared: dict[tuple[int, int], Comparison] = {}
    pairs: dict[tuple[int, int], PairAlignment] = {}
    carried = [0.0] * n  # how much of each article the others carry, in in-order runs
    for j in range(n):
        for i in range(max(0, j - SOURCE_WINDOW), j):
            for a, b in ((i, j), (j, i)):
                al = pairs[(a, b)] = aligner.pair(a, b)
                if al.is_copy:
                    carried[a] += al.source_coverage
    candidates: list[Candidate | Pending] = []
    narration: dict[int, list[str]] = {}  # per member, made when first needed
    grams: dict[int, frozenset[int]] = {}
    for j in range(n):
        for i in range(max(0, j - SOURCE_WINDOW), j):
            shared = 0
            if len(sets[i]) and len(sets[j]):
                shared = len(np.intersect1d(sets[i], sets[j], assume_unique=True))
            pair = _Pair(
                i,
                j,
                shared / len(sets[j]) if len(sets[j]) else 0.0,  # j in i
                shared / len(sets[i]) if len(sets[i]) else 0.0,  # i in j
                pairs[(i, j)],
                pairs[(j, i)],
            )
            if max(pair.c_ij, pair.c_ji) < COPY_CONTAINMENT and not (
                pair.al_ij.is_copy or pair.al_ji.is_copy
            ):
                # a short item lifting one sentence: a long verbatim run of narration
                if shared < RUN_WORDS - RUN_SHINGLE_SLACK:
                    continue
                for k in (i, j):
                    if k not in narration:
                        narration[k] = narration_words(docs[k])
                        grams[k] = run_grams(narration[k])
                if grams[i].isdisjoint(grams[j]):
                    continue
                run = longest_run(narration[i], narration[j])
                pair = replace(
                    pair,
                    run=run,
                    run_ij=run / max(1, _words(narration[j])),
                    run_ji=run / max(1, _words(narration[i])),
                )
            item = _orient(pair, times, ordered, memo, compared, docs, aligner, carried)
            if item is not None:
                candidates.append(item)
    chosen, parent = branching(candidates, aligner)
    edges = []
    for cand in sorted(chosen, key=lambda c: (c.dst, c.src)):
        comparison = None
        if compare_edges:
            comparison = compared.get((cand.src, cand.dst)) or compare(
                ordered[cand.src].article, ordered[cand.dst].article, config=cfg, prepared=memo
            )
        edges.append(_edge(ordered, cand, comparison, times))
    roots = tuple(ordered[i].id for i in range(n) if i not in parent)
    return DerivationGraph(
        articles=tuple(ordered),
        edges=tuple(edges),
        roots=roots,
        earliest=roots[0] if roots else None,
    )


@dataclass(frozen=True, slots=True)
class _Pair:
    """Two members that share text: ``i`` before ``j`` in the timeline, the share of
    ``j``'s 5-grams found in ``i`` (``c_ij``) and of ``i``'s in ``j`` (``c_ji``), and the
    in-order alignments of ``j`` against ``i`` (``al_ij``) and of ``i`` against ``j``."""

    i: int
    j: int
    c_ij: float
    c_ji: float
    al_ij: PairAlignment
    al_ji: PairAlignment
    #: The longest verbatim run of narration both share (``provenance.runs``; counted only
    #: for pairs no other evidence makes candidates, else 0), and its share of ``j``'s
    #: words (``run_ij``) and of ``i``'s.
    run: int = 0
    run_ij: float = 0.0
    run_ji: float = 0.0

    def weight(self, src: int, dst: int) -> tuple[float, float] | None:
        """(containment, weight) of the candidate ``dst`` copied from ``src``; None when
        that orientation is no candidate (under ``COPY_CONTAINMENT`` and no copy by the
        in-order alignment). Shared text weighs by containment (a rewrite of a rewrite
        hangs under the rewrite whose changes it carries); an alignment-only copy by its
        aligned share times its mean cosine."""
        forward = (src, dst) == (self.i, self.j)
        contained = self.c_ij if forward else self.c_ji
        al = self.al_ij if forward else self.al_ji
        if contained >= COPY_CONTAINMENT:
            return contained, contained
        if al.is_copy:
            return contained, al.copy_coverage * al.similarity
        if self.run >= RUN_WORDS:
            return contained, self.run_ij if forward else self.run_ji
        return None


def _follow_up(source: datetime | None, copy: datetime | None, al: PairAlignment) -> bool:
    """Whether a pair sharing text is a later report reusing an earlier one's background:
    both times known, ``FOLLOW_UP_HOURS`` or more apart, and an in-order alignment that
    holds neither text's opening (a copy, however much it adds, keeps its source's lead;
    a follow-up opens with the new development and repeats the earlier report's body)."""
    if source is None or copy is None or al.aligned == 0 or al.opening:
        return False
    return abs((copy - source).total_seconds()) >= FOLLOW_UP_HOURS * 3600


def _kind(
    containment: float, al: PairAlignment, source: Document, copy: Document
) -> DerivationKind:
    """How the copy was made, from its shared 5-grams, its length against the source's
    and how much of both texts the in-order alignment covers (see ``DerivationKind``)."""
    if containment >= VERBATIM_CONTAINMENT:
        return DerivationKind.VERBATIM
    if containment >= COPY_CONTAINMENT:
        return DerivationKind.LIGHT_EDIT
    ratio = _kept_chars(copy) / max(1, _kept_chars(source))
    if ratio < CONDENSED_LENGTH and al.source_coverage < CONDENSED_SOURCE_COVERAGE:
        return DerivationKind.CONDENSED
    if min(al.copy_coverage, al.source_coverage) >= SPUN_COVERAGE:
        return DerivationKind.SPUN
    return DerivationKind.PARAPHRASE


def _words(words: list[str]) -> int:
    """Words of a ``narration_words`` list, break markers left out."""
    return sum(1 for w in words if w != "\x00")


def _kept_chars(doc: Document) -> int:
    """Characters in the document's sentences (boilerplate left out)."""
    return sum(s.end - s.start for s in doc.sentences)


def _orient(
    pair: _Pair,
    times: list[datetime | None],
    ordered: list[StoredArticle],
    memo: PreparedTexts,
    compared: dict[tuple[int, int], Comparison],
    docs: list[Document],
    aligner: StoryAligner,
    carried: list[float],
) -> Candidate | Pending | None:
    """The candidate edge of a pair sharing text (None when the orientation chosen is
    no candidate), or a ``Pending`` one when only ``compare``'s vote can settle it.

    Both times known and different: the earlier. Else the textual cues' scored vote
    (``provenance.vote``; ``compare``'s direction is asked only when its one vote could
    change the verdict, since comparing is most of a story's cost when few articles carry
    times, and then only when the branching reaches the pair, see ``branching``): the
    side it favours when it reaches its margin; below it the
    direction is unknown and the first reason says so; the arrow, drawn only so that the
    story still has one forest, follows the cues' lean, or with none the fuller text
    (copies excerpt more often than they add; ties keep the time order, then ingest
    order). Unknown directions lose ties against known ones in the branching."""
    i, j = pair.i, pair.j
    ti, tj = times[i], times[j]
    if ti is not None and tj is not None and ti != tj:
        src, dst = (i, j) if ti < tj else (j, i)
        if _follow_up(times[src], times[dst], pair.al_ij if src == i else pair.al_ji):
            return None
        why = [f"published {_delay(abs(tj - ti).total_seconds())} later"]
        return _candidate(pair, src, dst, why, EdgeDirection.KNOWN, docs)
    # what the story's *other* articles carry of each: the pair's own alignment is left
    # out, or a story of two would always point at the better-covered text
    own_i = pair.al_ij.source_coverage if pair.al_ij.is_copy else 0.0
    own_j = pair.al_ji.source_coverage if pair.al_ji.is_copy else 0.0
    others = (carried[i] - own_i, carried[j] - own_j)
    # compare's cue is one vote of COMPARE_WEIGHT: the whole comparison (most of the cost
    # of a story of undated articles) is run only when that vote can change the verdict
    verdict = vote(aligner, i, j, carried=others, compared=(None, 0.0))
    if abs(verdict.score) >= DECISION_MARGIN + cues.COMPARE_WEIGHT:
        return _voted(pair, verdict, None, docs, compared)

    def resolve() -> Candidate | None:
        result = compare(ordered[i].article, ordered[j].article, config=memo.config, prepared=memo)
        final = vote(
            aligner,
            i,
            j,
            carried=others,
            compared=(result.direction.source, result.direction.confidence),
        )
        return _voted(pair, final, result, docs, compared)

    # the vote with compare's cue can be any of these three: no cue, or one either way
    keys: list[tuple[bool, int, bool, int, int]] = []
    outcomes: dict[tuple[int, int], tuple[float, float]] = {}
    for side in (None, "a", "b"):
        hypo = (
            verdict if side is None else vote(aligner, i, j, carried=others, compared=(side, 1.0))
        )
        src, dst, _ = _arrow(hypo, i, j, docs)
        weighed = pair.weight(src, dst)
        if weighed is not None:
            keys.append(rank(*weighed, hypo.decided, src, dst))
            outcomes.setdefault((src, dst), weighed)
    if not keys:
        return None  # no orientation the vote can take makes a candidate
    return Pending(min(keys), tuple(outcomes), resolve, tuple(outcomes.values()))


def _voted(
    pair: _Pair,
    verdict: Vote,
    result: Comparison | None,
    docs: list[Document],
    compared: dict[tuple[int, int], Comparison],
) -> Candidate | None:
    """The candidate of an untimed pair as the vote orients it; ``result`` (``compare``
    of the pair in timeline order, when it was run) is kept for the edge when the vote
    keeps that order."""
    src, dst, why = _arrow(verdict, pair.i, pair.j, docs)
    if src == pair.i and result is not None:
        compared[(pair.i, pair.j)] = result
    basis = EdgeDirection.INFERRED if verdict.decided else EdgeDirection.UNKNOWN
    return _candidate(pair, src, dst, why, basis, docs)


def _candidate(
    pair: _Pair,
    src: int,
    dst: int,
    why: list[str],
    basis: EdgeDirection,
    docs: list[Document],
) -> Candidate | None:
    """The candidate edge ``dst`` copied from ``src``, with its kind and reasons; None
    when that orientation is no candidate."""
    weighed = pair.weight(src, dst)
    if weighed is None:
        return None
    contained, weight = weighed
    forward = (src, dst) == (pair.i, pair.j)
    reverse = pair.c_ji if forward else pair.c_ij
    al = pair.al_ij if forward else pair.al_ji
    kind = _kind(contained, al, docs[src], docs[dst])
    if contained < COPY_CONTAINMENT and not al.is_copy:
        why = [
            *why,
            f"a run of {pair.run} words of narration shared verbatim outside quotes "
            f"({(pair.run_ij if forward else pair.run_ji):.0%} of the copy's words)",
        ]
    elif contained < COPY_CONTAINMENT:
        why = [
            *why,
            f"{al.aligned} sentences aligned in order ({al.copy_coverage:.0%} of the "
            f"copy, {al.source_coverage:.0%} of the source, mean cosine "
            f"{al.similarity:.2f})",
        ]
    return Candidate(weight, src, dst, contained, reverse, why, kind, al, basis)


def _arrow(verdict: Vote, i: int, j: int, docs: list[Document]) -> tuple[int, int, list[str]]:
    """(source, copy, reasons) of an untimed pair from the textual vote: its side when it
    decides; else "direction unknown", drawn the way the cues lean, or with no lean from
    the fuller text (ties: ``i``, the earlier in the timeline)."""
    if verdict.decided:
        src, dst = (i, j) if verdict.score > 0 else (j, i)
        return (
            src,
            dst,
            [
                f"no publication times; textual cues point at the source (score "
                f"{abs(verdict.score):.1f}): " + "; ".join(_sides(verdict.reasons, i == src))
            ],
        )
    weak = f"score {abs(verdict.score):.1f} of the {DECISION_MARGIN:.1f} needed"
    if verdict.score:
        src, dst = (i, j) if verdict.score > 0 else (j, i)
        drawn = "drawn the way they lean: " + "; ".join(_sides(verdict.reasons, i == src))
    else:
        src = i if _kept_chars(docs[i]) >= _kept_chars(docs[j]) else j
        dst = j if src == i else i
        drawn = "drawn from the fuller text"
    return (
        src,
        dst,
        [
            f"{DIRECTION_UNKNOWN}: no publication times and the textual cues are too weak "
            f"({weak}); {drawn}"
        ],
    )


def _sides(reasons: tuple[str, ...], first_is_source: bool) -> list[str]:
    """The vote's reasons with "first"/"second" read as "the source"/"the copy"."""
    first, second = ("the source", "the copy") if first_is_source else ("the copy", "the source")
    return [r.replace("the first text", first).replace("the second text", second) for r in reasons]


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
    cand: Candidate,
    comparison: Comparison | None,
    times: list[datetime | None],
) -> Edge:
    src, dst = cand.src, cand.dst
    reasons = [
        f"{cand.kind.value}: {cand.containment:.0%} of the copy's word 5-grams occur in the "
        f"source ({cand.reverse:.0%} of the source's in the copy)",
        *cand.why,
    ]
    text_confidence = min(1.0, cand.weight / (2 * COPY_CONTAINMENT))
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
        containment=round(cand.containment, 4),
        reverse_containment=round(cand.reverse, 4),
        kind=cand.kind,
        aligned=cand.alignment.aligned,
        coverage=cand.alignment.copy_coverage,
        comparison=comparison,
        direction=cand.direction,
    )
