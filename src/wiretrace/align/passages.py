"""Passage alignment: seed, extend, filter (after Sanchez-Perez, Sidorov and Gelbukh 2014).

Seeds are sentence pairs similar by both tf-idf cosine and Dice; seeds close together in
both texts are clustered into passages (alternating splits on gaps along A and along B
until stable); a passage pair whose own cosine is too low is re-split with a smaller gap;
overlaps are resolved (the weaker passage keeps its seeds outside the stronger one) and
short passages dropped; each edge then moves from the unit to the word that best separates
the copy from its surroundings, and passages adjacent in both texts are joined. A second,
looser setting with larger gaps catches summaries, and wins when its passages are much
longer in the source than in the copy and its matches are not all in one normal passage.
The sentence vectors are those of the sentence aligner (one alignment core).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

import numpy as np

from wiretrace.align.sentences import SimilarityMatrix
from wiretrace.config import PassageConfig
from wiretrace.errors import InputTooLargeError
from wiretrace.model import Passage
from wiretrace.text.analysis import Analysis
from wiretrace.text.tokens import Token

Seed = tuple[int, int]
#: Text before a sentence's first word (after a full stop; after a line break when the
#: word is capitalised) and after its last.
_AFTER_STOP = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+[\"'\u201c\u2018(\[]*$")
_AFTER_NEWLINE = re.compile(r"\n\s*[\"'\u201c\u2018(\[]*$")
_BEFORE_STOP = re.compile(r"[\"'\u201d\u2019)\]]*[.!?]|\s*\n\s*[A-Z0-9\"'\u201c(]")
#: Closing punctuation right after a passage's last word belongs to the passage.
_CLOSE = re.compile(r"[.!?;:,]?[\"'\u201d\u2019)\]]*")
#: A passage resting on one seed needs this cosine (one shared sentence is weak evidence).
_LONE_SEED = 0.6
#: Extension steps per passage, and the cosine gain each step needs.
_MAX_EXTENSION = 6
_EXTENSION_GAIN = 0.005
#: A whole-source summary needs this cosine with its source (unrelated pages that share
#: a topic mostly reach 0.2-0.29 in the loose setting, summaries 0.33-0.55; 0.26 was best
#: on the even half of the PAN 2013 training sample).
_SUMMARY_MIN_SIMILARITY = 0.26
#: A summary's stretch of B is trimmed to sentences matching some source sentence this well.
_SUMMARY_EDGE = 0.3
#: ... and this share of its sentences must match some source sentence that well.
_SUMMARY_DENSITY = 0.4
#: A summary's unit in B "matches" a source unit at this cosine (for the local share).
_SUMMARY_MATCH = 0.2
#: A normal-setting passage with more seeds than this is a copy, not part of a summary.
_SUMMARY_MAX_SEEDS = 3
#: Summary pieces at most this many sentences apart in B are one summary.
_SUMMARY_JOIN = 3
#: A summary whose seeds range over at least this share of the source claims all of it.
_SUMMARY_SPREAD = 0.5
#: A seed survives the mutual filter when its cosine is within this share of the best in
#: its row and its column (tuned on half of the PAN 2013 training pairs).
_NEAR_BEST = 0.9


@dataclass(frozen=True, slots=True)
class _Setting:
    seed_cosine: float
    seed_dice: float
    max_gap: int
    min_passage_cosine: float
    #: keep only seeds near the best of both their row and column (one source sentence
    #: per copied sentence); off for summaries, where many source sentences feed one
    mutual: bool


class PassageAligner:
    """Finds reused passages between two analysed documents (A: source, B: copy).

    Raises:
        InputTooLargeError: the texts have more unit pairs than ``max_unit_pairs``.

    Example:
        >>> PassageAligner().align(analyze(source), analyze(copy))  # doctest: +SKIP
        (Passage(a_span=(1300, 1998), b_span=(3593, 4291), ...),)
    """

    def __init__(self, config: PassageConfig | None = None) -> None:
        self.config = config or PassageConfig()

    def align(self, a: Analysis, b: Analysis) -> tuple[Passage, ...]:
        """Passages ordered by their position in B."""
        if not a.tokens or not b.tokens:
            return ()
        cfg = self.config
        pairs = len(a.tokens) * len(b.tokens)
        if pairs > cfg.max_unit_pairs:
            raise InputTooLargeError(
                f"{len(a.tokens):,} x {len(b.tokens):,} alignment units is over the passage "
                f"aligner's limit of {cfg.max_unit_pairs:,} pairs; split the texts, or raise "
                "PassageConfig.max_unit_pairs if memory allows (dense vectors)"
            )
        sim = SimilarityMatrix.build(a, b, dense=True)
        cos, dice = _cosine_and_dice(sim)
        normal = self._run(
            a,
            b,
            sim,
            cos,
            dice,
            _Setting(
                cfg.seed_cosine, cfg.seed_dice, cfg.max_gap, cfg.min_passage_cosine, mutual=True
            ),
        )
        summary = self._run(
            a,
            b,
            sim,
            cos,
            dice,
            _Setting(
                cfg.summary_seed_cosine,
                cfg.summary_seed_dice,
                cfg.summary_max_gap,
                cfg.summary_min_passage_cosine,
                mutual=False,
            ),
        )
        summarised = self._summarised(a, b, summary, cos)
        whole = [
            p
            for p in summarised
            if _ratio(p) >= cfg.summary_ratio
            and p.a_sentences == (0, len(a.tokens) - 1)
            and p.similarity >= _SUMMARY_MIN_SIMILARITY
            and p.b_span[1] - p.b_span[0] >= cfg.min_chars
        ]
        # Choose by output shape (as Sanchez-Perez et al.): a summary is short in B and
        # drawn from all of A, and the normal setting sees it only as a few scattered
        # sentence matches, not as one well-seeded copy.
        if (
            whole
            and all(_scattered(p, whole) for p in normal)
            and _local_share(whole, normal, cos) < cfg.summary_max_local
        ):
            return tuple(whole)
        if cfg.edge_window and normal:
            refined = _join_adjacent(self._refine_edges(a, b, list(normal)), cfg.join_gap)
            return tuple(
                p
                for p in refined
                if p.a_span[1] - p.a_span[0] >= cfg.min_chars
                and p.b_span[1] - p.b_span[0] >= cfg.min_chars
            )
        return normal

    def _summarised(
        self, a: Analysis, b: Analysis, passages: tuple[Passage, ...], cos: np.ndarray
    ) -> tuple[Passage, ...]:
        """A summary draws on the whole of its source: merge the summary's pieces (close
        together in B) into one, trim B sentences at its edges that match nothing in A
        well, and when its seeds range over most of A, claim all of A."""
        merged: list[Passage] = []
        for p in sorted(passages, key=lambda p: p.b_span):
            if merged and p.b_sentences[0] - merged[-1].b_sentences[1] <= _SUMMARY_JOIN:
                q = merged[-1]
                merged[-1] = Passage(
                    a_span=(min(q.a_span[0], p.a_span[0]), max(q.a_span[1], p.a_span[1])),
                    b_span=(q.b_span[0], p.b_span[1]),
                    a_sentences=(
                        min(q.a_sentences[0], p.a_sentences[0]),
                        max(q.a_sentences[1], p.a_sentences[1]),
                    ),
                    b_sentences=(q.b_sentences[0], p.b_sentences[1]),
                    similarity=max(q.similarity, p.similarity),
                    seeds=q.seeds + p.seeds,
                )
            else:
                merged.append(p)
        best_b = cos.max(axis=0)
        sb = b.doc.sentences
        trimmed = []
        for p in merged:
            lo, hi = p.b_sentences
            while lo < hi and best_b[lo] < _SUMMARY_EDGE:
                lo += 1
            while hi > lo and best_b[hi] < _SUMMARY_EDGE:
                hi -= 1
            dense = float(np.mean(best_b[lo : hi + 1] >= _SUMMARY_EDGE))
            if dense < _SUMMARY_DENSITY:
                continue  # scattered topical matches, not a summary
            trimmed.append(replace(p, b_span=(sb[lo].start, sb[hi].end), b_sentences=(lo, hi)))
        sentences = a.doc.sentences
        whole = (sentences[0].start, sentences[-1].end)
        out = []
        for p in trimmed:
            spread = (p.a_sentences[1] - p.a_sentences[0] + 1) / len(sentences)
            if spread >= _SUMMARY_SPREAD:
                p = replace(p, a_span=whole, a_sentences=(0, len(sentences) - 1))
            out.append(p)
        return tuple(out)

    def _run(
        self,
        a: Analysis,
        b: Analysis,
        sim: SimilarityMatrix,
        cos: np.ndarray,
        dice: np.ndarray,
        setting: _Setting,
    ) -> tuple[Passage, ...]:
        mask = (cos >= setting.seed_cosine) & (dice >= setting.seed_dice)
        if setting.mutual:
            near_best = _NEAR_BEST * cos.max(axis=1, keepdims=True)
            near_best_col = _NEAR_BEST * cos.max(axis=0, keepdims=True)
            mask &= (cos >= near_best) & (cos >= near_best_col)
        rows, cols = np.nonzero(mask)
        seeds = list(zip(rows.tolist(), cols.tolist(), strict=True))
        if not seeds:
            return ()
        found: list[tuple[Passage, list[Seed]]] = []
        for cluster in _cluster(seeds, setting.max_gap):
            found.extend(self._validate(a, b, sim, cluster, setting.max_gap, setting))
        passages = self._resolve_overlaps(a, b, sim, found, setting)
        cfg = self.config
        kept = [
            p
            for p in passages
            if p.a_span[1] - p.a_span[0] >= cfg.min_chars
            and p.b_span[1] - p.b_span[0] >= cfg.min_chars
            and (p.seeds >= 2 or p.similarity >= _LONE_SEED)
        ]
        kept.sort(key=lambda p: p.b_span)
        return tuple(kept)

    def _resolve_overlaps(
        self,
        a: Analysis,
        b: Analysis,
        sim: SimilarityMatrix,
        found: list[tuple[Passage, list[Seed]]],
        setting: _Setting,
    ) -> list[Passage]:
        """Where passages overlap in B, keep the one with more evidence: more seeds, then
        the more similar (a short exact duplicate must not push out the long true
        passage). The other loses its seeds inside the kept one's stretch of B and is
        validated again on the rest (a stray seed can tie two copies together)."""
        queue = sorted(found, key=lambda x: (-x[0].seeds, -x[0].similarity))
        kept: list[Passage] = []
        while queue:
            p, seeds = queue.pop(0)
            if not any(_overlap_b(p, q) for q in kept):
                kept.append(p)
                continue
            rest = [
                s
                for s in seeds
                if not any(q.b_sentences[0] <= s[1] <= q.b_sentences[1] for q in kept)
            ]
            if not rest or len(rest) == len(seeds):
                continue
            for cluster in _cluster(rest, setting.max_gap):
                queue.extend(self._validate(a, b, sim, cluster, setting.max_gap, setting))
            queue.sort(key=lambda x: (-x[0].seeds, -x[0].similarity))
        return kept

    def _refine_edges(self, a: Analysis, b: Analysis, passages: list[Passage]) -> list[Passage]:
        """Move each passage's four edges from unit to word boundaries (see ``_edges``):
        B's against A's unit span (and a little beyond), then A's against B's new span,
        then B's again against A's new span."""
        cfg = self.config
        ordered = sorted(passages, key=lambda p: p.b_span)
        out: list[Passage] = []
        a_all = (0, len(a.doc.text))
        for k, p in enumerate(ordered):
            b_floor = ordered[k - 1].b_span[1] if k else 0
            b_ceil = ordered[k + 1].b_span[0] if k + 1 < len(ordered) else len(b.doc.text)
            b_span = _edges(b, p.b_span, a, p.a_span, (b_floor, b_ceil), cfg, cfg.edge_reach)
            a_span = _edges(a, p.a_span, b, b_span, a_all, cfg, 0)
            b_span = _edges(b, b_span, a, a_span, (b_floor, b_ceil), cfg, 0)
            out.append(
                replace(
                    p,
                    a_span=a_span,
                    b_span=b_span,
                    a_sentences=_units_of(a, a_span),
                    b_sentences=_units_of(b, b_span),
                )
            )
        return out

    def _validate(
        self,
        a: Analysis,
        b: Analysis,
        sim: SimilarityMatrix,
        cluster: list[Seed],
        gap: int,
        setting: _Setting,
    ) -> list[tuple[Passage, list[Seed]]]:
        """Keep a cluster whose passages are similar enough; else split it tighter."""
        ia = [s[0] for s in cluster]
        ib = [s[1] for s in cluster]
        a_lo, a_hi, b_lo, b_hi = min(ia), max(ia), min(ib), max(ib)
        score = _passage_cosine(sim, a_lo, a_hi, b_lo, b_hi)
        if score >= setting.min_passage_cosine:
            a_lo, a_hi, b_lo, b_hi, score = _extend(
                sim, (a_lo, a_hi, b_lo, b_hi), score, len(a.tokens), len(b.tokens)
            )
            sa, sb = a.doc.sentences, b.doc.sentences
            return [
                (
                    Passage(
                        a_span=(sa[a_lo].start, sa[a_hi].end),
                        b_span=(sb[b_lo].start, sb[b_hi].end),
                        a_sentences=(a_lo, a_hi),
                        b_sentences=(b_lo, b_hi),
                        similarity=round(score, 4),
                        seeds=len(cluster),
                    ),
                    cluster,
                )
            ]
        if gap <= 1 or len(cluster) < 2:
            return []
        out: list[tuple[Passage, list[Seed]]] = []
        for sub in _cluster(cluster, gap - 1):
            out.extend(self._validate(a, b, sim, sub, gap - 1, setting))
        return out


def _units_of(doc: Analysis, span: tuple[int, int]) -> tuple[int, int]:
    """First and last unit that a character span touches."""
    sents = doc.doc.sentences
    inside = [i for i, s in enumerate(sents) if s.end > span[0] and s.start < span[1]]
    return (inside[0], inside[-1]) if inside else (0, 0)


def _flat_tokens(doc: Analysis) -> list[Token]:
    """All tokens of a document in text order (made once, kept in its memo)."""
    key = ("passages.flat", 0)
    flat: list[Token] | None = doc.memo.get(key)
    if flat is None:
        flat = [t for toks in doc.tokens for t in toks]
        doc.memo[key] = flat
    return flat


def _between(doc: Analysis, lo: int, hi: int) -> list[Token]:
    """Tokens lying wholly inside characters ``lo`` to ``hi``."""
    flat = _flat_tokens(doc)
    i = bisect.bisect_left(flat, lo, key=lambda t: t.start)
    j = bisect.bisect_right(flat, hi, key=lambda t: t.end)
    return flat[i:j]


def _edges(
    doc: Analysis,
    span: tuple[int, int],
    other: Analysis,
    other_span: tuple[int, int],
    limits: tuple[int, int],
    cfg: PassageConfig,
    other_reach: int,
) -> tuple[int, int]:
    """Word-level start and end of a passage in ``doc``.

    Each edge is a change point: content words of the copy are found in the other
    side's text near the matching edge at rate ``p_in``, other text's words at rate
    ``p_out`` (measured beside the passage); the edge is the word that maximises the
    log-likelihood ratio of the words between it and the passage's inside. It may move
    out by ``edge_reach`` characters (edges of an obfuscated copy often miss the seeds)
    or in (a unit often starts before the copy)."""
    w, reach = cfg.edge_window, cfg.edge_reach
    text = doc.doc.text
    s0, e0 = span
    os0, oe0 = other_span
    mid = (s0 + e0) // 2
    beside = _between(doc, max(s0 - reach - cfg.edge_background, 0), s0 - reach) + _between(
        doc, e0 + reach, e0 + reach + cfg.edge_background
    )
    beside = [t for t in beside if t.content]
    start, end = s0, e0
    near = _between(other, os0 - other_reach, os0 + w)
    toks = _between(doc, max(s0 - reach, limits[0]), min(s0 + w, mid))
    best = _best_edge(toks, near, beside, (s0, e0), False, text, cfg.edge_snap)
    if best is not None:
        start = toks[best].start
    near = _between(other, oe0 - w, oe0 + other_reach)
    toks = _between(doc, max(e0 - w, mid), min(e0 + reach, limits[1]))
    best = _best_edge(toks, near, beside, (s0, e0), True, text, cfg.edge_snap)
    if best is not None:
        end = toks[best].end
        m = _CLOSE.match(text, end, limits[1])
        if m:
            end = m.end()
    if end <= start:
        return span
    return start, end


def _best_edge(
    toks: list[Token],
    near: list[Token],
    beside: list[Token],
    span: tuple[int, int],
    from_end: bool,
    text: str,
    snap: float,
) -> int | None:
    """Index of the token where the best-scoring run towards the inside begins (``None``:
    leave the edge where it is). Content words score by the log-likelihood ratio of
    being found in ``near`` inside a copy (rate measured inside ``span``) versus beside
    it (rate measured in ``beside``); function words score 0; a sentence boundary earns
    ``snap``; ties go to the inside."""
    support = {t.stem for t in near if t.content}
    inside = [t.stem in support for t in toks if t.content and span[0] <= t.start < span[1]]
    if len(inside) < 3 or not beside:
        return None
    p_in = min(0.98, (sum(inside) + 0.5) / (len(inside) + 1))
    p_out = (sum(t.stem in support for t in beside) + 0.5) / (len(beside) + 1)
    if p_in <= p_out + 0.05:
        return None
    hit, miss = np.log(p_in / p_out), np.log((1 - p_in) / (1 - p_out))
    sc = np.array([(hit if t.stem in support else miss) if t.content else 0.0 for t in toks])
    if from_end:
        run = np.cumsum(sc)
        bonus = [_ends_sentence(text, t.end) for t in toks]
    else:
        run = np.cumsum(sc[::-1])[::-1]
        bonus = [_starts_sentence(text, t) for t in toks]
    run = run + snap * np.array(bonus, dtype=np.float64)
    best = int(np.argmax(run)) if from_end else len(run) - 1 - int(np.argmax(run[::-1]))
    return best if run[best] > 0 else None


def _starts_sentence(text: str, tok: Token) -> bool:
    before = text[max(tok.start - 8, 0) : tok.start]
    if tok.start == 0 or _AFTER_STOP.search(before):
        return True
    return bool(_AFTER_NEWLINE.search(before)) and (tok.capitalized or tok.number)


def _ends_sentence(text: str, end: int) -> bool:
    after = text[end : end + 8]
    return end >= len(text.rstrip()) or bool(_BEFORE_STOP.match(after))


def _cosine_and_dice(sim: SimilarityMatrix) -> tuple[np.ndarray, np.ndarray]:
    ad, bd = sim.dense_vectors()
    present_a = (ad > 0).astype(np.float64)
    present_b = (bd > 0).astype(np.float64)
    cos = sim.cosine if sim.cosine is not None else ad @ bd.T
    shared = sim.shared if sim.shared is not None else present_a @ present_b.T
    den = present_a.sum(axis=1)[:, None] + present_b.sum(axis=1)[None, :]
    dice = np.divide(2.0 * shared, den, out=np.zeros_like(shared), where=den > 0)
    return cos, dice


def _split(seeds: list[Seed], gap: int, axis: int) -> list[list[Seed]]:
    ordered = sorted(seeds, key=lambda s: (s[axis], s[1 - axis]))
    groups: list[list[Seed]] = [[ordered[0]]]
    for seed in ordered[1:]:
        if seed[axis] - groups[-1][-1][axis] > gap:
            groups.append([])
        groups[-1].append(seed)
    return groups


def _cluster(seeds: list[Seed], gap: int) -> list[list[Seed]]:
    """Split seeds on gaps along A, then along B, until no cluster splits further."""
    clusters = [seeds]
    axis = 0
    stable = 0
    while stable < 2:
        nxt: list[list[Seed]] = []
        for c in clusters:
            nxt.extend(_split(c, gap, axis))
        stable = stable + 1 if len(nxt) == len(clusters) else 0
        clusters = nxt
        axis = 1 - axis
    return clusters


def _passage_cosine(sim: SimilarityMatrix, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> float:
    ad, bd = sim.dense_vectors()
    va = ad[a_lo : a_hi + 1].sum(axis=0)
    vb = bd[b_lo : b_hi + 1].sum(axis=0)
    den = float(np.linalg.norm(va) * np.linalg.norm(vb))
    return float(va @ vb) / den if den else 0.0


def _extend(
    sim: SimilarityMatrix,
    bounds: tuple[int, int, int, int],
    score: float,
    na: int,
    nb: int,
) -> tuple[int, int, int, int, float]:
    """Grow a passage one sentence at a time at either end of either side while that
    raises its cosine: obfuscated edges of a copy often miss the seed thresholds."""
    a_lo, a_hi, b_lo, b_hi = bounds
    for _ in range(_MAX_EXTENSION):
        best = None
        for cand in (
            (a_lo - 1, a_hi, b_lo, b_hi),
            (a_lo, a_hi + 1, b_lo, b_hi),
            (a_lo, a_hi, b_lo - 1, b_hi),
            (a_lo, a_hi, b_lo, b_hi + 1),
        ):
            if cand[0] < 0 or cand[1] >= na or cand[2] < 0 or cand[3] >= nb:
                continue
            new = _passage_cosine(sim, *cand)
            if new > score + _EXTENSION_GAIN and (best is None or new > best[1]):
                best = (cand, new)
        if best is None:
            break
        (a_lo, a_hi, b_lo, b_hi), score = best
    return a_lo, a_hi, b_lo, b_hi, score


def _join_adjacent(passages: list[Passage], gap: int) -> list[Passage]:
    """Join passages that follow each other in both texts with at most ``gap``
    characters between them: one copy that the seeds split in two."""
    out: list[Passage] = []
    for p in sorted(passages, key=lambda p: p.b_span):
        if out:
            q = out[-1]
            b_gap = p.b_span[0] - q.b_span[1]
            a_gap = p.a_span[0] - q.a_span[1]
            if 0 <= b_gap <= gap and 0 <= a_gap <= gap:
                out[-1] = Passage(
                    a_span=(q.a_span[0], p.a_span[1]),
                    b_span=(q.b_span[0], p.b_span[1]),
                    a_sentences=(q.a_sentences[0], p.a_sentences[1]),
                    b_sentences=(q.b_sentences[0], p.b_sentences[1]),
                    similarity=max(q.similarity, p.similarity),
                    seeds=q.seeds + p.seeds,
                )
                continue
        out.append(p)
    return out


def _overlap_b(p: Passage, q: Passage) -> bool:
    return p.b_span[0] < q.b_span[1] and q.b_span[0] < p.b_span[1]


def _scattered(p: Passage, summaries: list[Passage]) -> bool:
    """A normal-setting passage that is part of a summary: inside a summary's stretch of B
    and resting on few seeds."""
    inside = any(s.b_span[0] <= p.b_span[0] and p.b_span[1] <= s.b_span[1] + 1 for s in summaries)
    verbatim = p.similarity >= 0.95 and 0.7 <= _ratio(p) <= 1.4  # a copied passage
    return inside and p.seeds <= _SUMMARY_MAX_SEEDS and not verbatim


def _local_share(whole: list[Passage], normal: tuple[Passage, ...], cos: np.ndarray) -> float:
    """Largest share of a summary's matched units in B whose best source unit lies in (or
    next to) one normal-setting passage: a summary draws on all of its source, a
    paraphrased copy mistaken for one on the single stretch that the normal setting found."""
    best: list[int] = []
    for w in whole:
        block = cos[:, w.b_sentences[0] : w.b_sentences[1] + 1]
        rows = block.argmax(axis=0)
        best.extend(int(rows[j]) for j in np.nonzero(block.max(axis=0) >= _SUMMARY_MATCH)[0])
    if not best or not normal:
        return 0.0
    found = np.array(best)
    return max(
        float(np.mean((found >= p.a_sentences[0] - 1) & (found <= p.a_sentences[1] + 1)))
        for p in normal
    )


def _ratio(p: Passage) -> float:
    """Source length over copy length: summaries are much shorter than their source."""
    return (p.a_span[1] - p.a_span[0]) / max(1, p.b_span[1] - p.b_span[0])
