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
    """MinHash signatures: for each of ``num_hashes`` random hash functions of the shingle
    space, the minimum value (Broder 1997). Two signatures agree in a share of positions
    that estimates the Jaccard similarity of the shingle sets (approximate).

    The hash functions are multiply-shift ((a * x + b) mod 2**64, top 32 bits; Dietzfelbinger
    et al.), which numpy computes without a modulo: several times faster than the
    Mersenne-prime permutations of datasketch, with the same estimate.

    Example:
        >>> sig = MinhashSignature(CandidatesConfig())
        >>> a = sig.signature(shingles("the council voted on monday to close the bridge"))
        >>> a.shape
        (128,)
    """

    def __init__(self, config: CandidatesConfig | None = None) -> None:
        self.config = config or CandidatesConfig()
        rng = np.random.default_rng(self.config.seed)
        n = self.config.num_hashes
        # odd multipliers over the full 64 bits
        self._a = (rng.integers(0, 2**63, size=n, dtype=np.uint64) << np.uint64(1) | np.uint64(1))[
            :, None
        ]
        self._b = rng.integers(0, 2**63, size=n, dtype=np.uint64)[:, None]

    def signature(self, hashed: np.ndarray) -> np.ndarray:
        """The signature of one shingle set (all-max for an empty set)."""
        if not len(hashed):
            return np.full(self.config.num_hashes, np.iinfo(np.uint64).max, dtype=np.uint64)
        values = self._a * hashed[None, :]  # wraps mod 2**64; in place from here on
        values += self._b
        values >>= _SHIFT
        out: np.ndarray = values.min(axis=1)
        return out

    @staticmethod
    def jaccard(x: np.ndarray, y: np.ndarray) -> float:
        """The estimated Jaccard similarity of two signatures (share of equal positions)."""
        return float(np.mean(x == y))
