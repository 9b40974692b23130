"""The CI slice of the fuzz corpus: 500 hostile files through every reader and compare,
plus 100 hostile compare pairs; 0 internal errors (the full 10,000 are run by
tests/fuzz/run_fuzz.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.corpus import cases
from tests.fuzz.harness import check_case, check_pair

SLICE, CHUNK = 500, 50


@pytest.mark.parametrize("start", range(0, SLICE, CHUNK))
def test_fuzz_cases_raise_nothing_outside_the_error_tree(tmp_path: Path, start: int) -> None:
    problems = {
        case.name: found
        for case in cases(CHUNK, seed=0, start=start)
        if (found := check_case(case, tmp_path, twice=case.name.endswith("0." + case.kind)))
    }
    assert problems == {}


@pytest.mark.parametrize("start", range(0, 100, 50))
def test_hostile_compare_pairs(start: int) -> None:
    problems = {
        n: found for n in range(start, start + 50) if (found := check_pair(n, twice=n % 10 == 0))
    }
    assert problems == {}
