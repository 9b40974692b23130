"""Sentence alignment: tf-idf cosine, an optimal 1:1 assignment, then 1:n / n:1 merging.

Unlike a line diff, the assignment is global (Hungarian algorithm on the similarity
matrix), so reordered sentences pair as well as those in place. Neighbours of an aligned
sentence join its group when they raise the group's similarity: that turns a split or
a merge into one 1:n or n:1 alignment. Short sentences left over that state the same
figure-bearing fact in other words ("Turnout was 74 percent." / "Turnout stood at 47%.")
pair last, in order (``_figure_twins``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix

from wiretrace.config import AlignConfig
from wiretrace.model import Alignment, AlignmentKind
from wiretrace.text.analysis import Analysis
from wiretrace.text.tokens import normalize_quotes

_SPACE = re.compile(r"\s+")
#: Sparse path: rows per block product, and partners kept per row. Memory, not accuracy:
#: a sentence's true partner is almost always among its three best-scoring candidates.
_BLOCK_ROWS = 256
_TOP_K = 3


@dataclass(slots=True)
class SimilarityMatrix:
    """Term vectors of both documents' sentences and their pairwise cosine.

    On the dense path (small inputs) the vectors are also kept as dense arrays, so that
    group cosines cost microseconds; the sparse path keeps memory bounded.
    """

    a_vectors: csr_matrix
    b_vectors: csr_matrix
    shared: np.ndarray | None  # shared content terms per pair (dense path only)
    cosine: np.ndarray | None  # dense nA x nB, or None on the sparse path
    a_dense: np.ndarray | None = None
    b_dense: np.ndarray | None = None

    def dense_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """Both documents' sentence vectors as dense arrays (made once, then kept)."""
        if self.a_dense is None or self.b_dense is None:
            self.a_dense = self.a_vectors.toarray()
            self.b_dense = self.b_vectors.toarray()
        return self.a_dense, self.b_dense

    @classmethod
    def build(cls, a: Analysis, b: Analysis, dense: bool) -> SimilarityMatrix:
        """Tf-idf vectors over the sentences of both documents (idf from both)."""
        a_terms = [a.terms(i) for i in range(len(a.tokens))]
        b_terms = [b.terms(i) for i in range(len(b.tokens))]
        vocab: dict[str, int] = {}
        a_ids = [[vocab.setdefault(t, len(vocab)) for t in terms] for terms in a_terms]
        b_ids = [[vocab.setdefault(t, len(vocab)) for t in terms] for terms in b_terms]
        n = len(a_terms) + len(b_terms)
        if dense:
            ad = _dense_counts(a_ids, len(vocab))
            bd = _dense_counts(b_ids, len(vocab))
            df = (ad > 0).sum(axis=0) + (bd > 0).sum(axis=0)
            idf = np.log((n + 1) / (df + 1.0)) + 1.0
            ad = _dense_weigh(ad, idf)
            bd = _dense_weigh(bd, idf)
            # products of the sparse forms: the vectors are mostly zeros, and a dense
            # (sentences x vocabulary) product cost most of the passage aligner's time
            sa, sb = csr_matrix(ad), csr_matrix(bd)
            shared = (_presence(sa) @ _presence(sb).T).toarray()
            return cls(sa, sb, shared, (sa @ sb.T).toarray(), ad, bd)
        av = _counts(a_ids, len(vocab))
        bv = _counts(b_ids, len(vocab))
        df = np.asarray((av > 0).sum(axis=0)).ravel() + np.asarray((bv > 0).sum(axis=0)).ravel()
        idf = np.log((n + 1) / (df + 1.0)) + 1.0
        return cls(_weigh(av, idf), _weigh(bv, idf), None, None)


def _presence(m: csr_matrix) -> csr_matrix:
    """1.0 where a term occurs in a sentence."""
    out = m.copy()
    out.data = np.ones_like(out.data)
    return out


def _dense_counts(ids: list[list[int]], width: int) -> np.ndarray:
    m = np.zeros((len(ids), width), dtype=np.float64)
    lengths = [len(x) for x in ids]
    rows = np.repeat(np.arange(len(ids)), lengths)
    cols = np.fromiter((j for x in ids for j in x), dtype=np.int64, count=sum(lengths))
    np.add.at(m, (rows, cols), 1.0)
    return m


def _dense_weigh(counts: np.ndarray, idf: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        m = np.where(counts > 0, 1.0 + np.log(counts), 0.0) * idf
    norms = np.linalg.norm(m, axis=1)
    norms[norms == 0] = 1.0
    out: np.ndarray = m / norms[:, None]
    return out


def _counts(ids: list[list[int]], width: int) -> csr_matrix:
    """Term counts per sentence as a sparse matrix (duplicates summed)."""
    lengths = np.fromiter((len(x) for x in ids), dtype=np.int64, count=len(ids))
    rows = np.repeat(np.arange(len(ids)), lengths)
    cols = np.fromiter((j for x in ids for j in x), dtype=np.int64, count=int(lengths.sum()))
    data = np.ones(len(cols), dtype=np.float64)
    m = csr_matrix((data, (rows, cols)), shape=(len(ids), width))
    m.sum_duplicates()
    return m


def _weigh(counts: csr_matrix, idf: np.ndarray) -> csr_matrix:
    """Log-scaled tf times idf, rows normalised to unit length."""
    m = counts.copy()
    m.data = (1.0 + np.log(m.data)) * idf[m.indices]
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(m.multiply(1.0 / norms[:, None]))


class SentenceAligner:
    """Aligns the sentences of two analysed documents.

    Example:
        >>> aligner = SentenceAligner(AlignConfig())
        >>> alignments = aligner.align(analyze(doc_a), analyze(doc_b))  # doctest: +SKIP
    """

    def __init__(self, config: AlignConfig | None = None) -> None:
        self.config = config or AlignConfig()

    def align(self, a: Analysis, b: Analysis) -> tuple[Alignment, ...]:
        """Alignments ordered by their position in A."""
        na, nb = len(a.tokens), len(b.tokens)
        if na == 0 or nb == 0:
            return ()
        cfg = self.config
        dense = na * nb <= cfg.dense_pair_limit
        sim = SimilarityMatrix.build(a, b, dense)
        if sim.cosine is not None and sim.shared is not None:
            pairs = self._assign_dense(sim.cosine, sim.shared, na, nb)
        else:
            pairs = self._assign_sparse(sim)
        groups = self._merge_neighbours(pairs, sim, na, nb)
        groups += _figure_twins(a, b, groups)
        out = [self._make(a, b, ga, gb, sim) for ga, gb in groups]
        out.sort(key=lambda al: (al.a_sentences[0], al.b_sentences[0]))
        return tuple(out)

    def _assign_dense(
        self, cosine: np.ndarray, shared: np.ndarray, na: int, nb: int
    ) -> list[tuple[int, int]]:
        cfg = self.config
        valid = (cosine >= cfg.min_similarity) & (shared >= cfg.min_shared_terms)
        if not valid.any():
            return []
        pa = (np.arange(na) + 0.5) / na
        pb = (np.arange(nb) + 0.5) / nb
        bonus = cfg.position_weight * (1.0 - np.abs(pa[:, None] - pb[None, :]))
        weight = np.where(valid, cosine + bonus, 0.0)
        rows, cols = linear_sum_assignment(weight, maximize=True)
        return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if valid[i, j]]

    def _assign_sparse(self, sim: SimilarityMatrix) -> list[tuple[int, int]]:
        """Greedy best-first matching over each A sentence's best few partners (large inputs).

        Rows are processed in small blocks and only the top ``_TOP_K`` partners per row
        are kept, so memory stays bounded however repetitive the texts are.
        """
        cfg = self.config
        bt = sim.b_vectors.T.tocsc()
        scores: list[np.ndarray] = []
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        for lo in range(0, sim.a_vectors.shape[0], _BLOCK_ROWS):
            prod = (sim.a_vectors[lo : lo + _BLOCK_ROWS] @ bt).tocoo()
            keep = prod.data >= cfg.min_similarity
            data, row, col = prod.data[keep], prod.row[keep], prod.col[keep]
            del prod
            if not len(data):
                continue
            order = np.lexsort((-data, row))  # by row, best first within a row
            data, row, col = data[order], row[order], col[order]
            first = np.searchsorted(row, row, side="left")
            top = (np.arange(len(row)) - first) < _TOP_K
            scores.append(data[top])
            rows.append(row[top] + lo)
            cols.append(col[top])
        if not scores:
            return []
        all_scores = np.concatenate(scores)
        all_rows = np.concatenate(rows)
        all_cols = np.concatenate(cols)
        used_a: set[int] = set()
        used_b: set[int] = set()
        pairs: list[tuple[int, int]] = []
        for k in np.argsort(-all_scores, kind="stable").tolist():
            i, j = int(all_rows[k]), int(all_cols[k])
            if i in used_a or j in used_b:
                continue
            if self._shared(sim, i, j) < cfg.min_shared_terms:
                continue
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
        return pairs

    @staticmethod
    def _shared(sim: SimilarityMatrix, i: int, j: int) -> int:
        if sim.shared is not None:
            return int(sim.shared[i, j])
        ra = sim.a_vectors.indices[sim.a_vectors.indptr[i] : sim.a_vectors.indptr[i + 1]]
        rb = sim.b_vectors.indices[sim.b_vectors.indptr[j] : sim.b_vectors.indptr[j + 1]]
        return len(set(ra.tolist()) & set(rb.tolist()))

    @staticmethod
    def _cos(sim: SimilarityMatrix, ga: list[int], gb: list[int]) -> float:
        if sim.a_dense is not None and sim.b_dense is not None:
            da = sim.a_dense[ga].sum(axis=0)
            db = sim.b_dense[gb].sum(axis=0)
            den = float(np.linalg.norm(da) * np.linalg.norm(db))
            return float(da @ db) / den if den else 0.0
        va = sim.a_vectors[ga].sum(axis=0).A1
        vb = sim.b_vectors[gb].sum(axis=0).A1
        den = float(np.linalg.norm(va) * np.linalg.norm(vb))
        return float(va @ vb) / den if den else 0.0

    def _pair_cos(self, sim: SimilarityMatrix, i: int, j: int) -> float:
        if sim.cosine is not None:
            return float(sim.cosine[i, j])
        return self._cos(sim, [i], [j])

    def _merge_neighbours(
        self, pairs: list[tuple[int, int]], sim: SimilarityMatrix, na: int, nb: int
    ) -> list[tuple[list[int], list[int]]]:
        """Grow 1:1 pairs into 1:n / n:1 groups with adjacent unaligned sentences.

        An unaligned sentence joins the group next to it when the group's single
        sentence on the other side is (nearly) its best partner and their cosine
        reaches ``merge_min_similarity``: a split or merged sentence, not new content.
        """
        floor = self.config.merge_min_similarity
        groups: list[tuple[list[int], list[int]]] = [([i], [j]) for i, j in pairs]
        owner_a = {i: g for g, (i, _) in enumerate(pairs)}
        owner_b = {j: g for g, (_, j) in enumerate(pairs)}
        best_b = self._best_partner(sim, na, side="a")
        best_a = self._best_partner(sim, nb, side="b")
        changed = True
        while changed:
            changed = False
            for g, (ga, gb) in enumerate(groups):
                for grow_b in (True, False):
                    group, other = (gb, ga) if grow_b else (ga, gb)
                    if len(other) > 1:
                        continue  # keep groups 1:n or n:1, never n:m
                    owner = owner_b if grow_b else owner_a
                    limit = nb if grow_b else na
                    for cand in (min(group) - 1, max(group) + 1):
                        if not 0 <= cand < limit or cand in owner:
                            continue
                        one = other[0]
                        cos = (
                            self._pair_cos(sim, one, cand)
                            if grow_b
                            else self._pair_cos(sim, cand, one)
                        )
                        best = best_a[cand] if grow_b else best_b[cand]
                        if cos < floor or cos < 0.9 * best:
                            continue
                        shared = (
                            self._shared(sim, one, cand) if grow_b else self._shared(sim, cand, one)
                        )
                        if shared < self.config.min_shared_terms:
                            continue  # one shared word is a topic, not a split sentence
                        group[:] = sorted([*group, cand])
                        owner[cand] = g
                        changed = True
        return groups

    def _best_partner(self, sim: SimilarityMatrix, n: int, side: str) -> list[float]:
        """For each sentence of one side, its highest cosine with any sentence of the other."""
        if sim.cosine is not None:
            axis = 1 if side == "a" else 0
            if sim.cosine.size == 0:
                return [0.0] * n
            return [float(x) for x in sim.cosine.max(axis=axis)]
        vectors, others = (
            (sim.a_vectors, sim.b_vectors) if side == "a" else (sim.b_vectors, sim.a_vectors)
        )
        others_t = others.T.tocsc()
        best: list[float] = []
        for lo in range(0, vectors.shape[0], _BLOCK_ROWS):  # blocks: memory stays bounded
            prod = vectors[lo : lo + _BLOCK_ROWS] @ others_t
            best.extend(float(x) for x in prod.max(axis=1).toarray().ravel())
        return best

    def _make(
        self, a: Analysis, b: Analysis, ga: list[int], gb: list[int], sim: SimilarityMatrix
    ) -> Alignment:
        sa = a.doc.sentences
        sb = b.doc.sentences
        a_span = (sa[ga[0]].start, sa[ga[-1]].end)
        b_span = (sb[gb[0]].start, sb[gb[-1]].end)
        similarity = (
            self._pair_cos(sim, ga[0], gb[0]) if len(ga) == len(gb) == 1 else self._cos(sim, ga, gb)
        )
        at = _flat(a.doc.text[a_span[0] : a_span[1]])
        bt = _flat(b.doc.text[b_span[0] : b_span[1]])
        if at == bt:
            kind = AlignmentKind.VERBATIM
        elif fuzz.ratio(at, bt) >= self.config.near_verbatim_ratio * 100:
            kind = AlignmentKind.NEAR_VERBATIM
        else:
            kind = AlignmentKind.PARAPHRASE
        return Alignment(
            a_sentences=tuple(ga),
            b_sentences=tuple(gb),
            a_span=a_span,
            b_span=b_span,
            similarity=round(min(1.0, similarity), 4),
            kind=kind,
        )


#: Sentences with more content words than this are not paired as figure twins: a long
#: sentence that shares one word and a unit with another is not its restatement.
_TWIN_MAX_TERMS = 8


def _figure_twins(
    a: Analysis, b: Analysis, groups: list[tuple[list[int], list[int]]]
) -> list[tuple[list[int], list[int]]]:
    """Pairs of short sentences left unaligned that state one figure-bearing fact in
    other words: "Turnout was 74 percent." / "Turnout stood at 47%.", "The union is
    seeking 9 percent." / "The union wants 9%.". Too few shared words for the cosine, yet
    the same subject and a figure of the same unit, between the same aligned neighbours.
    Each becomes a 1:1 alignment, so that a changed figure is a changed figure, not an
    omission and an addition.

    A pair needs: both sentences unaligned and at most ``_TWIN_MAX_TERMS`` content words;
    a figure on each side with the same unit (the word after it, "%" read as "percent");
    a shared content word besides figures and units, and at least half of the shorter
    side's; order kept with the aligned sentences around them. Each sentence pairs once,
    the one sharing more words first.
    """
    used_a = {i for ga, _ in groups for i in ga}
    used_b = {j for _, gb in groups for j in gb}
    anchors = sorted((min(ga), min(gb)) for ga, gb in groups)

    def facts(an: Analysis, k: int) -> tuple[set[str], set[str]] | None:
        toks = an.tokens[k]
        terms = [t for t in toks if t.content]
        if len(terms) > _TWIN_MAX_TERMS:
            return None
        units: set[str] = set()
        for n, t in enumerate(toks):
            if not t.number:
                continue
            if t.norm.endswith("%"):
                units.add("percent")
            elif n + 1 < len(toks):
                units.add("percent" if toks[n + 1].norm in _PERCENT else toks[n + 1].stem)
        words = {t.stem for t in terms if not t.number and t.stem not in units}
        words -= _PERCENT
        return (units, words) if units and words else None

    def window(i: int) -> tuple[int, int]:
        lo, hi = -1, len(b.tokens)
        for ai, bj in anchors:
            if ai < i:
                lo = max(lo, bj)
            elif ai > i:
                hi = min(hi, bj)
        return lo, hi

    candidates: list[tuple[int, int, int]] = []
    for i in range(len(a.tokens)):
        if i in used_a or (fa := facts(a, i)) is None:
            continue
        lo, hi = window(i)
        for j in range(lo + 1, hi):
            if j in used_b or (fb := facts(b, j)) is None or not fa[0] & fb[0]:
                continue
            shared = len(fa[1] & fb[1])
            if shared and 2 * shared >= min(len(fa[1]), len(fb[1])):
                candidates.append((shared, i, j))
    out: list[tuple[list[int], list[int]]] = []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append(([i], [j]))
    return out


_PERCENT = frozenset({"percent", "per", "cent", "pct"})


def _flat(text: str) -> str:
    return _SPACE.sub(" ", normalize_quotes(text)).strip().lower()
