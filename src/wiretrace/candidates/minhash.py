"""Word shingles hashed with xxHash, and MinHash signatures computed with numpy."""

from __future__ import annotations

import string
from functools import lru_cache

import numpy as np
import xxhash

from wiretrace.config import CandidatesConfig
from wiretrace.text.tokens import fold

# Punctuation becomes space, then str.split: several times faster than a word regex.
_PUNCTUATION = str.maketrans(dict.fromkeys(string.punctuation + "“”‘’«»„‚—–…·•§¶©®°′″", " "))
_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)
_MULTIPLIER = np.uint64(1_000_003)
_DENSIFY_STEP = np.uint64(0x9E3779B1)


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    """xxHash32 of the folded word (cached: news vocabularies repeat)."""
    return xxhash.xxh32_intdigest(fold(word).encode())


def shingles(text: str, words: int = 5) -> np.ndarray:
    """Sorted unique 32-bit hashes of the text's ``words``-word shingles (folded words).

    A text shorter than ``words`` words gives one shingle of all its words.
    """
    words_found = text.translate(_PUNCTUATION).split()
    if not words_found:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.fromiter(map(_word_hash, words_found), dtype=np.uint64, count=len(words_found))
    n = min(words, len(hashed))
    count = len(hashed) - n + 1
    acc = np.zeros(count, dtype=np.uint64)
    for k in range(n):  # polynomial rolling combination, kept to 32 bits
        acc = (acc * _MULTIPLIER + hashed[k : k + count]) & _MASK32
    return np.unique(acc)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of A's shingles that B also has (|A ∩ B| / |A|); 0.0 for an empty A."""
    if not len(a):
        return 0.0
    return float(len(np.intersect1d(a, b, assume_unique=True)) / len(a))


class MinhashSignature:
    """MinHash signatures by one-permutation hashing with densification (Li, Owen and
    Zhang 2012; Shrivastava and Li 2014): each shingle is hashed once, the hash picks one
    of ``num_hashes`` bins, and each bin keeps its minimum; an empty bin borrows the value
    of the next non-empty bin (circularly) shifted by the distance, so that two sets agree
    in a bin with probability close to their Jaccard similarity. One hash per shingle
    instead of one per shingle and bin: O(n) rather than O(n * num_hashes), with the same
    estimate as classic k-permutation MinHash (Broder 1997) once sets are a few times
    larger than ``num_hashes``. The hash is multiply-shift over 64 bits (Dietzfelbinger
    et al.): the high 32 bits choose the bin, the low 32 bits are the value.

    Example:
        >>> sig = MinhashSignature(CandidatesConfig())
        >>> a = sig.signature(shingles("the council voted on monday to close the bridge"))
        >>> a.shape, a.dtype
        ((128,), dtype('uint32'))
    """

    def __init__(self, config: CandidatesConfig | None = None) -> None:
        self.config = config or CandidatesConfig()
        rng = np.random.default_rng(self.config.seed)
        self._a = rng.integers(0, 2**63, dtype=np.uint64) << np.uint64(1) | np.uint64(1)
        self._b = rng.integers(0, 2**63, dtype=np.uint64)
        self._k = np.uint64(self.config.num_hashes)
        self._index = np.arange(self.config.num_hashes)

    def signature(self, hashed: np.ndarray) -> np.ndarray:
        """The signature of one shingle set (all-max for an empty set), as uint32."""
        k = self.config.num_hashes
        if not len(hashed):
            return np.full(k, np.iinfo(np.uint32).max, dtype=np.uint32)
        mixed = hashed.astype(np.uint64, copy=True)
        mixed *= self._a  # wraps mod 2**64
        mixed += self._b
        bins = ((mixed >> _SHIFT) * self._k) >> _SHIFT  # fast range reduction to [0, k)
        keys = np.sort((bins << _SHIFT) | (mixed & _MASK32))
        first = np.empty(len(keys), dtype=bool)
        first[0] = True
        np.not_equal(keys[1:] >> _SHIFT, keys[:-1] >> _SHIFT, out=first[1:])
        keys = keys[first]  # the minimum of each non-empty bin, in bin order
        filled = (keys >> _SHIFT).astype(np.intp)
        out = np.empty(k, dtype=np.uint64)
        if len(filled) == k:
            out[:] = keys & _MASK32
            return out.astype(np.uint32)
        # densify: an empty bin takes the next filled bin's value plus a per-step offset
        nxt = np.searchsorted(filled, self._index) % len(filled)
        distance = (filled[nxt] - self._index) % k
        out[:] = (keys[nxt] & _MASK32) + distance.astype(np.uint64) * _DENSIFY_STEP
        return (out & _MASK32).astype(np.uint32)

    @staticmethod
    def jaccard(x: np.ndarray, y: np.ndarray) -> float:
        """The estimated Jaccard similarity of two signatures (share of equal positions)."""
        return float(np.mean(x == y))
