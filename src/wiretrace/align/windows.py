"""Windows for very long pairs: A cut into runs of sentences, each paired with the stretch
of B that their shared word n-grams point to (seed anchors), so that alignment and the
finding detectors only ever see two bounded pieces at a time.

The whole-text aligner compares every sentence of A with every sentence of B; on two
10 MB texts (about 68,000 sentences each) its per-token objects alone take most of a
gigabyte. Here A is cut into windows of at most ``window_chars`` characters; each window
looks up its word 4-grams among B's (a sorted array of hashes, so memory is a few bytes
per word) and is paired with the B sentences between the 10th and 90th percentile of the
matches, widened by a margin and capped at ``3 * window_chars``. A window without enough
anchors (paraphrase, or an unrelated text) gets the stretch of B at the same relative
position. 4-grams that occur more than ``max_occurrences`` times in B (boilerplate,
repeated sentences) are not anchors: they point everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from wiretrace.model import Document

_WORD = re.compile(r"\w+")
#: Words per anchor n-gram: long enough to be rare in news text, short enough to survive
#: light edits (a changed number breaks only the 4-grams that hold it).
NGRAM = 4
#: An n-gram in more than this many places of B anchors nothing.
MAX_OCCURRENCES = 4
#: Fewer matched n-grams than this: the window is paired by relative position.
MIN_ANCHORS = 3
_MULT = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant (golden ratio), for mixing


@dataclass(frozen=True, slots=True)
class Window:
    """Sentences ``[a_lo, a_hi)`` of A and the stretch ``[b_lo, b_hi)`` of B they are
    aligned against (indexes into each document's sentences)."""

    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int


def sentence_windows(doc: Document, window_chars: int) -> list[tuple[int, int]]:
    """Consecutive runs ``[lo, hi)`` of the document's sentences, each of at most
    ``window_chars`` characters (a longer sentence is a window of its own)."""
    out: list[tuple[int, int]] = []
    lo, size = 0, 0
    for i, s in enumerate(doc.sentences):
        n = s.end - s.start
        if i > lo and size + n > window_chars:
            out.append((lo, i))
            lo, size = i, 0
        size += n
    if lo < len(doc.sentences):
        out.append((lo, len(doc.sentences)))
    return out


def ngram_hashes(doc: Document) -> tuple[np.ndarray, np.ndarray]:
    """(hash, sentence index) of every word 4-gram of the document's sentences, words
    lowercased; an n-gram belongs to the sentence of its first word. Hashes are 64-bit
    mixes of Python's string hashes: stable within one process, which is all a compare
    needs."""
    words: list[int] = []
    owner: list[int] = []
    text = doc.text
    for k, s in enumerate(doc.sentences):
        found = [hash(w.lower()) for w in _WORD.findall(text, s.start, s.end)]
        words.extend(found)
        owner.extend([k] * len(found))
    if len(words) < NGRAM:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    w = np.array(words, dtype=np.int64).view(np.uint64)
    h = np.zeros(len(w) - NGRAM + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(NGRAM):
            h = h * _MULT + w[j : len(w) - NGRAM + 1 + j]
    return h, np.array(owner[: len(h)], dtype=np.int64)


def pair_windows(
    a: Document,
    b: Document,
    window_chars: int,
    *,
    max_occurrences: int = MAX_OCCURRENCES,
) -> list[Window]:
    """The windows of A (``sentence_windows``) with the stretch of B each is aligned
    against (see the module docstring). Deterministic for given texts.

    Args:
        a, b: the two segmented documents.
        window_chars: most characters of A per window; a stretch of B holds at most
            three times as many (and at least the window's own share of B).
        max_occurrences: n-grams in more places of B than this are not anchors.
    """
    nb = len(b.sentences)
    if not a.sentences or not nb:
        return []
    b_hash, b_owner = ngram_hashes(b)
    order = np.argsort(b_hash, kind="stable")
    b_hash, b_owner = b_hash[order], b_owner[order]
    a_hash, a_owner = ngram_hashes(a)  # in text order: owners ascend
    b_starts = np.array([s.start for s in b.sentences], dtype=np.int64)
    b_chars = np.array([s.end - s.start for s in b.sentences], dtype=np.int64)
    b_cum = np.concatenate(([0], np.cumsum(b_chars)))
    a_total = sum(s.end - s.start for s in a.sentences) or 1
    out: list[Window] = []
    for lo, hi in sentence_windows(a, window_chars):
        first, last = np.searchsorted(a_owner, [lo, hi])
        anchors = _anchors(a_hash[first:last], b_hash, b_owner, max_occurrences)
        if len(anchors) >= MIN_ANCHORS:
            b_lo = int(np.quantile(anchors, 0.1, method="lower"))
            b_hi = int(np.quantile(anchors, 0.9, method="higher")) + 1
            centre = int(np.median(anchors))
        else:  # no shared wording to go by: the same relative position in B
            share_lo = (a.sentences[lo].start - a.sentences[0].start) / a_total
            centre = int(np.searchsorted(b_starts, b_starts[0] + share_lo * b_cum[-1]))
            centre = min(max(centre, 0), nb - 1)
            b_lo, b_hi = centre, centre + 1
        b_lo, b_hi = _widen(b_lo, b_hi, centre, b_cum, window_chars)
        out.append(Window(lo, hi, b_lo, b_hi))
    return out


def _anchors(
    hashes: np.ndarray, b_hash: np.ndarray, b_owner: np.ndarray, max_occurrences: int
) -> np.ndarray:
    """B sentence indexes of the n-grams in ``hashes`` that occur in B at most
    ``max_occurrences`` times."""
    if not len(hashes) or not len(b_hash):
        return np.zeros(0, np.int64)
    left = np.searchsorted(b_hash, hashes, side="left")
    right = np.searchsorted(b_hash, hashes, side="right")
    count = right - left
    keep = (count > 0) & (count <= max_occurrences)
    if not keep.any():
        return np.zeros(0, np.int64)
    left, count = left[keep], count[keep]
    # every place of every kept n-gram (at most max_occurrences each)
    idx = np.repeat(left, count) + (
        np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    )
    return np.sort(b_owner[idx])


def _widen(
    b_lo: int, b_hi: int, centre: int, b_cum: np.ndarray, window_chars: int
) -> tuple[int, int]:
    """``[b_lo, b_hi)`` widened by half a window of characters on each side, then cut to
    at most ``3 * window_chars`` characters around ``centre``."""
    nb = len(b_cum) - 1
    margin = window_chars // 2
    lo = int(np.searchsorted(b_cum, b_cum[b_lo] - margin, side="left"))
    hi = int(np.searchsorted(b_cum, b_cum[b_hi] + margin, side="right"))
    lo, hi = max(0, min(lo, b_lo)), min(nb, max(hi, b_hi))
    budget = 3 * window_chars
    if b_cum[hi] - b_cum[lo] > budget:
        half = budget // 2
        mid = b_cum[centre]
        lo = max(lo, int(np.searchsorted(b_cum, mid - half, side="left")))
        hi = min(hi, int(np.searchsorted(b_cum, mid + half, side="right")))
        lo, hi = min(lo, centre), max(hi, centre + 1)
    return lo, max(hi, lo + 1)
