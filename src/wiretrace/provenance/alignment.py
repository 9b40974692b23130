"""In-order sentence alignment between the articles of one story: which pairs are copies
(verbatim, lightly edited, spun, paraphrased or condensed) whatever 5-grams they share.

A copy keeps its source's sentences in their order, however many words it swaps; an
independent report of the same facts tells them in its own order and words. So every
sentence of every member gets one tf-idf vector (stems weighted by their rarity in the
language, ``text.rarity``), all cosines of the story come from one sparse product, and
for each pair the longest chain of sentence matches that runs forward in both texts is
found (a longest increasing subsequence weighted by characters). Its length and the share
of each text it covers decide whether the pair is a copy; nothing needs shared 5-grams.

The thresholds (``SENTENCE_MATCH``, ``MIN_ALIGNED``, ``MIN_COVERAGE``, ``MIN_SIMILARITY``,
``CLOSE_SIMILARITY``, ``CLOSE_COVERAGE``) were chosen on the
odd half of the real-news dev set (eval/news_eval.py, eval/README.md) and checked on the
even half; re-run ``make eval-news`` and ``make eval-gate`` after changing one.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from wiretrace.model import Document
from wiretrace.text.rarity import language_idf
from wiretrace.text.tokens import Token, tokenize

#: Two sentences match when the cosine of their vectors reaches this (a spun sentence
#: with most words swapped for synonyms still shares its names, numbers and rare words).
SENTENCE_MATCH = 0.55
#: A copy has at least this many sentences aligned in order with its source...
MIN_ALIGNED = 2
#: ... covering at least this share of the characters of one of the two texts...
MIN_COVERAGE = 0.20
#: ... with a mean cosine of at least this over the chained sentences: independent
#: reports of one event share its names and figures, so a few of their sentences pass
#: ``SENTENCE_MATCH``, but their chains stay just above it (odd half of the dev set:
#: 0.586 for the independent pair that aligned, 0.68 and up for labelled copies).
MIN_SIMILARITY = 0.60
#: A close chain (mean cosine at least ``CLOSE_SIMILARITY``) needs only
#: ``CLOSE_COVERAGE`` of one text: a copy of two paragraphs inside a longer page of its
#: own. On the odd half of the dev set the labelled copies missed at 0.20 chained at
#: 0.72 and up, independent reports at 0.69 and under.
CLOSE_SIMILARITY = 0.70
CLOSE_COVERAGE = 0.12
#: One candidate source holds a copy's sentence closer than another when its cosine is
#: higher by this much; under it the two tie (``StoryAligner.closer_share``).
CLOSER_BY = 0.05
#: The opening of a text: its first sentences (headline, dateline and lead).
OPENING_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class PairAlignment:
    """How the sentences of a copy candidate line up, in order, with a source candidate.

    Attributes:
        aligned: Sentence pairs on the in-order chain (the smaller of both readings).
        copy_coverage: Share of the copy's characters on the chain (0..1).
        source_coverage: Share of the source's characters on the chain (0..1).
        similarity: Mean cosine of the chained sentence pairs (0..1).
        opening: Whether the chain holds one of the first ``OPENING_SENTENCES`` sentences
            of the copy or of the source (a copy keeps its source's lead; a later report
            that reuses only an earlier one's background paragraphs does not).
    """

    aligned: int
    copy_coverage: float
    source_coverage: float
    similarity: float
    opening: bool = True

    @property
    def is_copy(self) -> bool:
        """Whether the alignment makes the pair a copy (see the module constants)."""
        return (
            self.aligned >= MIN_ALIGNED
            and self.similarity >= MIN_SIMILARITY
            and max(self.copy_coverage, self.source_coverage)
            >= (CLOSE_COVERAGE if self.similarity >= CLOSE_SIMILARITY else MIN_COVERAGE)
        )


class StoryAligner:
    """Sentence vectors of a story's documents and their pairwise cosines, computed once.

    Args:
        docs: The members, cleaned and segmented (``compare.prepare``).
        tokens: Each member's tokens per sentence when the caller has them
            (``Analysis.tokens``: ``tokenize`` of each sentence); tokenised here
            otherwise. Kept as ``tokens`` for the story's other readers.

    Example:
        >>> aligner = StoryAligner([prepare(a) for a in articles])  # doctest: +SKIP
        >>> aligner.pair(0, 1).is_copy  # doctest: +SKIP
        True
    """

    def __init__(
        self, docs: Sequence[Document], tokens: Sequence[list[list[Token]]] | None = None
    ) -> None:
        self.docs = list(docs)
        self.tokens: list[list[list[Token]]] = (
            [list(t) for t in tokens]
            if tokens is not None
            else [[tokenize(d.text, s.start, s.end) for s in d.sentences] for d in self.docs]
        )
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        data: list[float] = []
        self._offsets = [0]
        self._lengths: list[np.ndarray] = []
        row = 0
        for doc, doc_tokens in zip(self.docs, self.tokens, strict=True):
            lengths = []
            for sentence, sentence_tokens in zip(doc.sentences, doc_tokens, strict=True):
                counts: Counter[str] = Counter()
                rarity: dict[str, float] = {}
                for tok in sentence_tokens:
                    if tok.content:
                        counts[tok.stem] += 1
                        rarity[tok.stem] = language_idf(tok.norm)
                weights = {s: (1.0 + math.log(n)) * rarity[s] for s, n in counts.items()}
                norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
                for stem, w in weights.items():
                    rows.append(row)
                    cols.append(vocab.setdefault(stem, len(vocab)))
                    data.append(w / norm)
                lengths.append(max(1, sentence.end - sentence.start))
                row += 1
            self._offsets.append(row)
            self._lengths.append(np.asarray(lengths, dtype=np.float64))
        self._pairs: dict[tuple[int, int], PairAlignment] = {}
        matrix = csr_matrix((data, (rows, cols)), shape=(row, max(1, len(vocab))))
        self._cosine = (matrix @ matrix.T).toarray() if row else np.zeros((0, 0))
        # the chain of document x's sentences against document y's, keyed (x, y): both
        # readings of a pair use the same two chains, so each is found once when the
        # product came out exactly symmetric (it does unless summation order differs)
        self._chains: dict[tuple[int, int], tuple[int, float, float, int]] = {}
        self._symmetric = bool(np.array_equal(self._cosine, self._cosine.T))

    def matches(self, source: int, copy: int) -> list[tuple[int, int]]:
        """(copy sentence, source sentence) index pairs: each sentence of document ``copy``
        with its most similar sentence of document ``source``, where their cosine reaches
        ``SENTENCE_MATCH`` (in the copy's order; not restricted to the in-order chain)."""
        a0, a1 = self._offsets[source], self._offsets[source + 1]
        b0, b1 = self._offsets[copy], self._offsets[copy + 1]
        block = self._cosine[b0:b1, a0:a1]
        if block.size == 0:
            return []
        # Python ints and floats: indexing numpy arrays one scalar at a time is slow
        best, value = block.argmax(axis=1).tolist(), block.max(axis=1).tolist()
        return [(r, best[r]) for r in range(len(best)) if value[r] >= SENTENCE_MATCH]

    def closer_share(self, copy: int, first: int, second: int) -> float | None:
        """Sentence-level attribution of a copy between two candidate sources: the share of
        the copy's characters, over the sentences that both candidates match (cosine at
        least ``SENTENCE_MATCH``), on which ``first`` holds the closer sentence by at least
        ``CLOSER_BY`` in cosine (closer by less, as two verbatim carriers of one wire text
        are, counts half).

        A copy of a copy carries its intermediate's changes, so its sentences are closer to
        the intermediate's than to the original's; a copy taken beside a sibling from one
        source is closer to that source on the sentences the sibling changed. Whole-text
        weights (containment, aligned share) mix this with how much of each candidate was
        gathered or added. This is stemmatology's rule (a witness shares its exemplar's
        changes, "common errors") read sentence by sentence, as text-reuse lineage work
        attributes each reused passage to its nearest witness.

        Args:
            copy, first, second: Indexes into ``docs``.

        Returns:
            0..1 (above 0.5: ``first`` is closer), or None when no sentence of the copy
            matches both.
        """
        c0, c1 = self._offsets[copy], self._offsets[copy + 1]
        best = []
        for other in (first, second):
            block = self._cosine[c0:c1, self._offsets[other] : self._offsets[other + 1]]
            best.append(block.max(axis=1) if block.size else np.zeros(c1 - c0))
        both = (best[0] >= SENTENCE_MATCH) & (best[1] >= SENTENCE_MATCH)
        if not both.any():
            return None
        lengths = self._lengths[copy][both]
        a, b = best[0][both], best[1][both]
        won = np.where(a > b + CLOSER_BY, 1.0, np.where(a < b - CLOSER_BY, 0.0, 0.5))
        return float((lengths * won).sum() / lengths.sum())

    def pair(self, source: int, copy: int) -> PairAlignment:
        """The in-order alignment of document ``copy`` against document ``source``
        (indexes into ``docs``), computed once per pair (the derivation and the vote ask
        for the same pairs)."""
        kept = self._pairs.get((source, copy))
        if kept is None:
            kept = self._pairs[(source, copy)] = self._pair(source, copy)
        return kept

    def _pair(self, source: int, copy: int) -> PairAlignment:
        a0, a1 = self._offsets[source], self._offsets[source + 1]
        b0, b1 = self._offsets[copy], self._offsets[copy + 1]
        block = self._cosine[b0:b1, a0:a1]  # copy sentences x source sentences
        if block.size == 0 or int((block.max(axis=1) >= SENTENCE_MATCH).sum()) < MIN_ALIGNED:
            return PairAlignment(0, 0.0, 0.0, 0.0)
        n_copy, cov_copy, sim_copy, first_copy = self._chain(copy, source, block)
        n_src, cov_src, sim_src, first_src = self._chain(source, copy, block.T)
        return PairAlignment(
            aligned=min(n_copy, n_src),
            copy_coverage=round(cov_copy, 4),
            source_coverage=round(cov_src, 4),
            similarity=round(max(sim_copy, sim_src), 4),
            opening=min(first_copy, first_src) < OPENING_SENTENCES,
        )

    def _chain(self, rows: int, columns: int, block: np.ndarray) -> tuple[int, float, float, int]:
        """``_chain`` of document ``rows``'s sentences (``block``'s rows) against document
        ``columns``'s, found once per ordered pair when the cosines are symmetric (then
        ``block`` is the same whichever reading of the pair asks)."""
        if not self._symmetric:
            return _chain(block, self._lengths[rows])
        kept = self._chains.get((rows, columns))
        if kept is None:
            kept = self._chains[(rows, columns)] = _chain(block, self._lengths[rows])
        return kept


def _chain(block: np.ndarray, lengths: np.ndarray) -> tuple[int, float, float, int]:
    """The heaviest chain of row -> best-column matches whose columns strictly increase
    (sentence order kept on both sides), weighted by row length times cosine.

    Returns:
        (matches on the chain, share of the rows' characters on it, mean cosine, the
        earlier of its first row and its first column; ``len(lengths)`` when empty).
    """
    best = block.argmax(axis=1).tolist()  # Python ints and floats: the loop below is
    value = block.max(axis=1).tolist()  # quadratic in the matched rows, numpy scalars are slow
    rows = [r for r, v in enumerate(value) if v >= SENTENCE_MATCH]
    if not rows:
        return 0, 0.0, 0.0, len(lengths)
    size = lengths.tolist()
    columns = [best[r] for r in rows]
    score: list[float] = []  # by position in ``rows``
    back: list[int] = []  # the previous position on the chain, -1 at its start
    for k, r in enumerate(rows):
        column, weight = columns[k], size[r] * value[r]
        top, link = weight, -1
        # ``score`` holds the k positions before this one: zip stops there
        for q, (earlier, held) in enumerate(zip(columns, score, strict=False)):
            if earlier < column and held + weight > top:
                top, link = held + weight, q
        score.append(top)
        back.append(link)
    end = max(range(len(rows)), key=lambda k: (score[k], -k))
    chain: list[int] = []
    while end >= 0:
        chain.append(rows[end])
        end = back[end]
    covered = float(sum(size[r] for r in chain)) / float(lengths.sum())
    first = min(chain[-1], best[chain[-1]])  # the chain is read back from its end
    return len(chain), covered, float(np.mean([value[r] for r in chain])), first
