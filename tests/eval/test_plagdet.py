"""The PAN measures on hand-made cases, each value worked out by hand (Potthast et al. 2010)."""

from __future__ import annotations

import importlib
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

# eval/ is a folder of scripts, not a package: import its modules the way the scripts do
# (with eval/ on sys.path), as tests/eval/test_eval_gate.py does.
EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
if str(EVAL_DIR) not in sys.path:
    sys.path.insert(0, str(EVAL_DIR))

plagdet: ModuleType = importlib.import_module("plagdet")
score = plagdet.score


def ann(
    this: tuple[int, int], source: tuple[int, int], susp: str = "s1", src: str = "r1"
) -> object:
    """A case or detection in the pair (susp, src)."""
    return plagdet.Annotation(susp, src, this, source)


def check(
    result: object, precision: float, recall: float, granularity: float, value: float
) -> None:
    assert result.precision == pytest.approx(precision)
    assert result.recall == pytest.approx(recall)
    assert result.granularity == pytest.approx(granularity)
    assert result.plagdet == pytest.approx(value)


def test_perfect_detection() -> None:
    case = ann((100, 400), (0, 300))

    result = score([case], [ann((100, 400), (0, 300))])

    check(result, 1.0, 1.0, 1.0, 1.0)
    assert (result.cases, result.detections) == (1, 1)


def test_half_detected_case_counts_characters_of_both_ranges() -> None:
    # The case has 100 + 300 characters; the detection covers 100 + 100 of them. Recall is
    # 200 / 400 = 0.5 (a mean of per-side shares would give (1 + 1/3) / 2 instead).
    case = ann((0, 100), (0, 300))
    detection = ann((0, 100), (0, 100))

    result = score([case], [detection])

    # F1 = 2 * 1 * 0.5 / 1.5 = 2/3; granularity 1, so plagdet = F1 / log2(2) = F1.
    check(result, 1.0, 0.5, 1.0, 2 / 3)


def test_case_found_as_two_fragments() -> None:
    # Two detections cover 40 + 40 characters on each side of a 100 + 100 case.
    case = ann((0, 100), (0, 100))
    pieces = [ann((0, 40), (0, 40)), ann((60, 100), (60, 100))]

    result = score([case], pieces)

    recall = (80 + 80) / 200
    f1 = 2 * 1.0 * recall / (1.0 + recall)
    check(result, 1.0, recall, 2.0, f1 / math.log2(3))


def test_fragments_that_cover_the_case_still_pay_for_granularity() -> None:
    case = ann((0, 100), (0, 100))
    halves = [ann((0, 50), (0, 50)), ann((50, 100), (50, 100))]

    result = score([case], halves)

    check(result, 1.0, 1.0, 2.0, 1 / math.log2(3))


def test_overlap_on_the_suspicious_side_only_does_not_detect() -> None:
    case = ann((0, 100), (0, 100))
    elsewhere_in_source = ann((0, 100), (500, 600))

    result = score([case], [elsewhere_in_source])

    # Not a detection: no recall, no precision, and no detected case for granularity.
    check(result, 0.0, 0.0, 1.0, 0.0)


def test_false_detection_in_another_pair_lowers_precision() -> None:
    case = ann((0, 100), (0, 100))
    right = ann((0, 100), (0, 100))
    # Same ranges but another source document: it matches nothing.
    wrong_pair = ann((0, 100), (0, 100), src="r2")

    result = score([case], [right, wrong_pair])

    # precision = (1 + 0) / 2; F1 = 2 * 0.5 * 1 / 1.5 = 2/3.
    check(result, 0.5, 1.0, 1.0, 2 / 3)


def test_detection_larger_than_the_case_lowers_precision() -> None:
    case = ann((100, 200), (100, 200))
    # 200 characters in the suspicious document, 100 in the source: 300 in all, of which
    # the 100 + 100 of the case are right.
    detection = ann((50, 250), (100, 200))

    result = score([case], [detection])

    # precision 2/3, recall 1: F1 = 2 * (2/3) / (5/3) = 0.8.
    check(result, 2 / 3, 1.0, 1.0, 0.8)


def test_one_detection_spanning_two_cases() -> None:
    cases = [ann((0, 100), (0, 100)), ann((200, 300), (200, 300))]
    detection = ann((0, 300), (0, 300))

    result = score(cases, [detection])

    # Each case is fully covered by one detection (granularity 1); the detection's
    # 300 + 300 characters hold 200 + 200 case characters: precision 2/3, F1 0.8.
    check(result, 2 / 3, 1.0, 1.0, 0.8)
    assert (result.cases, result.detections) == (2, 1)


@pytest.mark.parametrize(
    ("cases", "detections", "expected"),
    [
        # nothing to find and nothing found: a perfect score by convention
        ([], [], (1.0, 1.0, 1.0, 1.0)),
        # cases but no detections: nothing found
        ([ann((0, 100), (0, 100))], [], (0.0, 0.0, 1.0, 0.0)),
        # detections but no cases: all of them false
        ([], [ann((0, 100), (0, 100))], (0.0, 1.0, 1.0, 0.0)),
    ],
)
def test_empty_sets(
    cases: list[object], detections: list[object], expected: tuple[float, float, float, float]
) -> None:
    check(score(cases, detections), *expected)


def test_measures_do_not_depend_on_order() -> None:
    cases = [ann((0, 100), (0, 100)), ann((200, 300), (200, 300), src="r2")]
    detections = [
        ann((0, 40), (0, 40)),
        ann((60, 150), (60, 150)),
        ann((200, 300), (200, 300), src="r2"),
        ann((500, 600), (0, 100), susp="s2"),
    ]

    forward = score(cases, detections)
    backward = score(cases[::-1], detections[::-1])

    check(backward, forward.precision, forward.recall, forward.granularity, forward.plagdet)
    assert 0.0 < forward.plagdet < 1.0
