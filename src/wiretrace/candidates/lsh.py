"""An in-memory MinHash LSH index: signatures cut into bands, one bucket table per band."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from wiretrace.config import CandidatesConfig

_BAND_SALT = 0x9E3779B97F4A7C15
_MASK63 = (1 << 63) - 1


class MinhashLSHIndex:
    """Finds ids whose signatures share at least one whole band with a query (the classic
    banding scheme; results are candidates to confirm, not verdicts)."""

    def __init__(self, config: CandidatesConfig | None = None) -> None:
        self.config = config or CandidatesConfig()
        self._tables: list[defaultdict[int, list[str]]] = [
            defaultdict(list) for _ in range(self.config.num_bands)
        ]
        self._size = 0
        rng = np.random.default_rng(self.config.seed + 1)
        rows = self.config.hashes_per_band
        self._mix = rng.integers(0, 2**63, size=rows, dtype=np.uint64) << np.uint64(1) | np.uint64(
            1
        )

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One 64-bit key per band: a random linear combination of that band's rows (one
        numpy expression for all bands; tables are per band, so only rows matter)."""
        bands = signature.astype(np.uint64).reshape(self.config.num_bands, -1)
        keys: list[int] = (bands * self._mix).sum(axis=1).tolist()
        return keys

    def flat_band_keys(self, signature: np.ndarray) -> list[int]:
        """One 63-bit key per band, distinct across bands, for a single key table (a
        database index) rather than one table per band."""
        keys = self.band_keys(signature)
        return [(k ^ (band * _BAND_SALT)) & _MASK63 for band, k in enumerate(keys)]

    def insert(self, key: str, signature: np.ndarray) -> None:
        """Add one signature under ``key``."""
        for table, band in zip(self._tables, self.band_keys(signature), strict=True):
            table[band].append(key)
        self._size += 1

    def query(self, signature: np.ndarray) -> set[str]:
        """Keys sharing at least one band with ``signature`` (approximate)."""
        out: set[str] = set()
        for table, band in zip(self._tables, self.band_keys(signature), strict=True):
            out.update(table.get(band, ()))
        return out

    def __len__(self) -> int:
        return self._size
