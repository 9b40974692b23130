"""The story rule's arithmetic, shared by the incremental clusterer and the batch engines:
idf, tf-idf vectors, cosine, MinHash containment, the time window (and the day a text
names), centroid cut-back."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime

import numpy as np


def idf(count: int, df: int) -> float:
    """Smoothed inverse document frequency of a term found in ``df`` of ``count``
    articles: ``log((count + 1) / (df + 1)) + 1`` (scikit-learn's smooth idf)."""
    return math.log((count + 1) / (df + 1)) + 1.0


def weighted(terms: dict[int, float], idf_of: Callable[[int], float]) -> dict[int, float]:
    """A term vector (term key -> weight) times idf, L2-normalised (an empty or all-zero
    vector stays as it is). Keys keep the input's order, so the result is reproducible
    to the last bit wherever it is computed."""
    vector = {t: w * idf_of(t) for t, w in terms.items()}
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {t: w / norm for t, w in vector.items()}


def cosine(x: dict[int, float], y: dict[int, float]) -> float:
    """Dot product of two normalised sparse vectors (their cosine), summed over the
    smaller one's keys in its order."""
    if len(y) < len(x):
        x, y = y, x
    get = y.get
    return sum([w * get(t, 0.0) for t, w in x.items()])


def estimated_containment(
    count_a: int, signature_a: np.ndarray, count_b: int, signature_b: np.ndarray
) -> float:
    """Share of the smaller shingle set found in the other, estimated from two MinHash
    signatures: the Jaccard estimate J (share of equal slots) gives the shared count
    ``J (|A| + |B|) / (1 + J)``, divided by ``min(|A|, |B|)`` (capped at 1).
    Approximate, as every MinHash estimate; callers skip empty sets."""
    jaccard = float(np.count_nonzero(signature_a == signature_b)) / len(signature_b)
    shared = jaccard * (count_a + count_b) / (1.0 + jaccard)
    return min(1.0, shared / max(1, min(count_a, count_b)))


def in_window(when: float | None, span: tuple[float, float] | None, reach: float) -> bool:
    """Whether a time (POSIX seconds) lies within ``reach`` seconds of a story's span of
    first and last publication; an unknown time or span is always within."""
    if when is None or span is None:
        return True
    return span[0] - reach <= when <= span[1] + reach


def cut_centroid(centroid: dict[int, float], limit: int) -> dict[int, float]:
    """The ``limit`` terms of a centroid with the highest weight (ties by key), in
    ascending order of weight: how a story centroid that grew past twice the limit is
    cut back (weights already carry the terms' rarity in the language)."""
    ranked = sorted(centroid.items(), key=lambda kv: (kv[1], kv[0]))
    return dict(ranked[-limit:])


def monthday_in(monthday: tuple[int, int], span: tuple[float, float], reach: float) -> bool:
    """Whether a month-day, in some year the span touches, lies within ``reach``
    seconds of the span (POSIX seconds)."""
    month, day = monthday
    first = datetime.fromtimestamp(span[0] - reach, UTC)
    last = datetime.fromtimestamp(span[1] + reach, UTC)
    for year in range(first.year, last.year + 1):
        try:
            moment = datetime(year, month, day, 12, tzinfo=UTC).timestamp()
        except ValueError:
            continue
        if span[0] - reach - 43200 <= moment <= span[1] + reach + 43200:
            return True
    return False


def day_time(day: date | None) -> datetime | None:
    """Noon UTC of a day named in the text: the time of an article without one."""
    return None if day is None else datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
