"""PAN text-alignment measures: macro precision and recall, granularity, plagdet.

Definitions of Potthast, Stein, Barrón-Cedeño and Rosso (2010), "An Evaluation Framework
for Plagiarism Detection", as used by PAN 2013: a case or detection is a pair of character
ranges (suspicious, source); a detection *detects* a case when they overlap in both
documents; the characters of a case are those of both its ranges.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Annotation:
    """One plagiarism case or detection: a pair of documents and a range in each."""

    susp: str
    src: str
    this: Range  # [offset, offset + length) in the suspicious document
    source: Range  # [offset, offset + length) in the source document


@dataclass(frozen=True, slots=True)
class Scores:
    """The PAN measures over one set of cases and detections."""

    precision: float
    recall: float
    granularity: float
    plagdet: float
    cases: int
    detections: int


def _overlap(x: Range, y: Range) -> Range | None:
    lo, hi = max(x[0], y[0]), min(x[1], y[1])
    return (lo, hi) if lo < hi else None


def _union_length(ranges: Iterable[Range]) -> int:
    total = 0
    end = -1
    for lo, hi in sorted(ranges):
        if hi <= end:
            continue
        total += hi - max(lo, end)
        end = hi
    return total


def _detects(r: Annotation, s: Annotation) -> bool:
    return (
        r.susp == s.susp
        and r.src == s.src
        and _overlap(r.this, s.this) is not None
        and _overlap(r.source, s.source) is not None
    )


def _size(a: Annotation) -> int:
    return (a.this[1] - a.this[0]) + (a.source[1] - a.source[0])


def _covered(target: Annotation, others: Sequence[Annotation]) -> int:
    """Characters of ``target`` (both ranges) inside the overlapping parts of ``others``."""
    this = [o for x in others if (o := _overlap(target.this, x.this))]
    source = [o for x in others if (o := _overlap(target.source, x.source))]
    return _union_length(this) + _union_length(source)


def score(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> Scores:
    """Macro precision, macro recall, granularity and plagdet.

    Conventions for empty sets: no cases gives recall 1.0 (nothing to find); no
    detections gives precision 1.0 when there are no cases either, else 0.0.

    Example:
        >>> s = Annotation("s", "r", (0, 100), (0, 100))
        >>> score([s], [Annotation("s", "r", (0, 50), (0, 50))]).recall
        0.5
    """
    by_pair: dict[tuple[str, str], list[Annotation]] = {}
    for r in detections:
        by_pair.setdefault((r.susp, r.src), []).append(r)
    cases_by_pair: dict[tuple[str, str], list[Annotation]] = {}
    for s in cases:
        cases_by_pair.setdefault((s.susp, s.src), []).append(s)

    recall_sum = 0.0
    detected_counts: list[int] = []
    for s in cases:
        hits = [r for r in by_pair.get((s.susp, s.src), []) if _detects(r, s)]
        recall_sum += _covered(s, hits) / _size(s) if _size(s) else 0.0
        if hits:
            detected_counts.append(len(hits))
    precision_sum = 0.0
    for r in detections:
        hits = [s for s in cases_by_pair.get((r.susp, r.src), []) if _detects(r, s)]
        precision_sum += _covered(r, hits) / _size(r) if _size(r) else 0.0

    recall = recall_sum / len(cases) if cases else 1.0
    no_detection_precision = 0.0 if cases else 1.0
    precision = precision_sum / len(detections) if detections else no_detection_precision
    granularity = sum(detected_counts) / len(detected_counts) if detected_counts else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    plagdet = f1 / math.log2(1 + granularity)
    return Scores(precision, recall, granularity, plagdet, len(cases), len(detections))
