"""Scores against a synthetic corpus's ground truth: pairwise clustering precision/recall."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping


def same_label_pairs(labels: Mapping[str, str]) -> set[tuple[str, str]]:
    """Every unordered pair of keys with the same label, as (smaller, larger)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key, label in labels.items():
        groups[label].append(key)
    return {
        (a, b) if a < b else (b, a)
        for group in groups.values()
        for a, b in itertools.combinations(group, 2)
    }


def pairwise_scores(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering (article id -> cluster) against gold
    labels (article id -> event): a pair counts when both place the two articles together.
    With no pair on a side, that side's score is 1.0 (nothing claimed, nothing missed)."""
    got, want = same_label_pairs(predicted), same_label_pairs(gold)
    hits = len(got & want)
    return (hits / len(got) if got else 1.0), (hits / len(want) if want else 1.0)
