"""Run the fuzz corpus at scale (a benchmark-style script, not a test): N hostile files
through every reader and compare, plus N/10 hostile compare pairs; counts internal errors.

    .venv/bin/python -m tests.fuzz.run_fuzz --cases 10000 --jobs 2

Prints a table by kind and mutation, every failing case with what went wrong (rerun one
with ``--start K --cases 1``), and the totals; exits 1 when any guarantee broke. The last
run's count, date and figures go in tests/README.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from tests.fuzz.corpus import make_case
from tests.fuzz.harness import check_case, check_pair


def _run_chunk(args: tuple[int, int, int]) -> list[tuple[int, str, str, list[str]]]:
    start, count, seed = args
    out = []
    with tempfile.TemporaryDirectory() as folder:
        for number in range(start, start + count):
            case = make_case(number, seed)
            problems = check_case(case, Path(folder), twice=number % 10 == 0)
            out.append((number, case.kind, "+".join(case.mutations), problems))
            if number % 10 == 0:
                out.append((number, "compare", "pair", check_pair(number, twice=True)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    chunk = 25
    jobs = [
        (s, min(chunk, args.start + args.cases - s), args.seed)
        for s in range(args.start, args.start + args.cases, chunk)
    ]
    began = time.monotonic()
    by_kind: Counter[str] = Counter()
    by_mutation: Counter[str] = Counter()
    failures: list[tuple[int, str, str, list[str]]] = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for results in pool.map(_run_chunk, jobs):
            for number, kind, mutation, problems in results:
                by_kind[kind] += 1
                by_mutation[mutation] += 1
                if problems:
                    failures.append((number, kind, mutation, problems))
    elapsed = time.monotonic() - began
    print(f"fuzz run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, seed {args.seed}")
    print("cases by kind:", ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())))
    print("cases by mutation:", ", ".join(f"{k} {n}" for k, n in sorted(by_mutation.items())))
    for number, kind, mutation, problems in failures:
        print(f"FAIL case {number} ({kind}, {mutation}): {'; '.join(problems)[:300]}")
    total = sum(by_kind.values())
    pairs = by_kind["compare"]
    print(
        f"{total} checks ({args.cases} files + {pairs} compare pairs) in {elapsed:.0f} s: "
        f"{len(failures)} with an internal error or a broken guarantee"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
