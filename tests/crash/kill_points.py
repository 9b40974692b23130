"""Kill `wiretrace ingest` at 20 points spread over a 5,000-article run (a script, not a
test; the CI version is tests/store/test_crash.py).

    .venv/bin/python -m tests.crash.kill_points --articles 5000

The corpus comes from ``wiretrace.synth``; the store starts at schema version 1, so the
first run migrates it. Runs of ``wiretrace ingest`` on one store are killed one after the
other, each at the next point: inside the migration, inside ingest batches, inside
clustering batches (``wiretrace.failpoints``), and at random moments (a timer), by
SIGKILL, SIGTERM and SIGINT. After each kill the store is checked as it stands
(integrity, no duplicate, each clustered article in exactly one story, sizes match
members, fingerprint), and a copy of it is restarted to the end and checked in full
(every article stored once and in exactly one story). Prints a Markdown table for
tests/README.md; exits 1 when any check fails.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tests.utils.crash import counts, run, store_problems, synth_feed, version_1_store, wiretrace

BATCH = 250


@dataclass
class Point:
    """One kill: where (a failpoint name, or "timer"), how, and what came of it."""

    where: str
    signum: int
    stored: int = 0
    clustered: int = 0
    code: int | None = None
    said: str = ""
    problems: tuple[str, ...] = ()
    restart_problems: tuple[str, ...] = ()
    restarted: bool = False


def plan(rng: random.Random) -> list[tuple[str, int]]:
    """The 20 points: (failpoint spec or "timer:SECONDS", signal)."""
    kill, term, intr = signal.SIGKILL, signal.SIGTERM, signal.SIGINT

    def timer(signum: int) -> tuple[str, int]:
        return f"timer:{rng.uniform(6.0, 12.0):.1f}", signum

    return [
        ("migration", kill),
        *[("ingest", s) for s in (kill, kill, term)],
        timer(kill),
        *[("ingest", s) for s in (kill, intr, kill)],
        timer(kill),
        *[("index", s) for s in (kill, kill, term, kill)],
        timer(term),
        *[("index", s) for s in (kill, intr, kill, kill, kill)],
        timer(kill),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--dir", type=Path, default=None, help="keep the files here")
    parser.add_argument(
        "--restart-every",
        type=int,
        default=1,
        help="restart a copy to the end after every Nth kill (0: never)",
    )
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="wiretrace-kill-"))
    folder.mkdir(parents=True, exist_ok=True)
    feed, db = folder / "synth.jsonl", folder / "w.db"
    for stale in folder.glob("w.db*"):
        stale.unlink()
    began = time.monotonic()
    ids = synth_feed(feed, num_events=max(1, args.articles // 6), seed=args.seed)
    if len(ids) > args.articles:  # exactly N articles
        lines = feed.read_text(encoding="utf-8").splitlines(keepends=True)[: args.articles]
        feed.write_text("".join(lines), encoding="utf-8")
        ids = ids[: args.articles]
    version_1_store(db)
    rng = random.Random(args.seed)
    results: list[Point] = []
    ingest_step = max(2, len(ids) // BATCH // 7)  # kill in the step-th batch of a run
    for where, signum in plan(rng):
        point = Point(where=where, signum=signum)
        env = {}
        stored = counts(db, "SELECT COUNT(*) FROM articles")
        if where == "migration":
            env["WIRETRACE_FAILPOINT"] = f"migration:1:{signal.Signals(signum).name}"
        elif where == "ingest":
            k = stored // BATCH + ingest_step
            point.where = f"ingest.batch:{k}"
            env["WIRETRACE_FAILPOINT"] = f"{point.where}:{signal.Signals(signum).name}"
        elif where == "index":
            k = rng.randint(1, 2)
            point.where = f"index.batch:{k}"
            env["WIRETRACE_FAILPOINT"] = f"{point.where}:{signal.Signals(signum).name}"
        command = wiretrace("ingest", feed, "--db", db, "--batch-size", str(BATCH))
        proc = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **env},
        )
        if where.startswith("timer:"):
            try:
                proc.wait(timeout=float(where.split(":")[1]))
            except subprocess.TimeoutExpired:
                proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=900)
        point.code = proc.returncode
        point.said = next((ln for ln in stderr.splitlines() if ln.startswith("stopped")), "")
        point.stored = counts(db, "SELECT COUNT(*) FROM articles")
        point.clustered = counts(db, "SELECT COUNT(*) FROM members")
        point.problems = tuple(store_problems(db, ids, complete=False))
        if args.restart_every and (len(results) + 1) % args.restart_every == 0:
            point.restart_problems = tuple(restart_check(folder, feed, db, ids))
            point.restarted = True
        results.append(point)
        print(
            f"{len(results):2d} {point.where:<18} {signal.Signals(signum).name:<8} "
            f"exit {point.code}: {point.stored} stored, {point.clustered} clustered; "
            f"{'ok' if not (point.problems or point.restart_problems) else 'PROBLEMS'} "
            f"{'; '.join(point.problems + point.restart_problems)}",
            flush=True,
        )
    final = run("ingest", feed, "--db", db)
    final_problems = (
        store_problems(db, ids, complete=True)
        if final.returncode == 0
        else [f"the final run exited {final.returncode}: {final.stderr[-300:]}"]
    )
    elapsed = time.monotonic() - began
    bad = [p for p in results if p.problems or p.restart_problems]
    print()
    print(
        f"Last run: {datetime.now(UTC):%Y-%m-%d} UTC, {len(ids)} articles, "
        f"{len(results)} kill points, {elapsed:.0f} s"
    )
    print()
    print("| # | point | signal | exit | stored | clustered | store after kill | restarted copy |")
    print("|---|---|---|---|---|---|---|---|")
    for n, p in enumerate(results, 1):
        print(
            f"| {n} | `{p.where}` | {signal.Signals(p.signum).name} | {p.code} | {p.stored} | "
            f"{p.clustered} | {'ok' if not p.problems else '; '.join(p.problems)} | "
            f"{_restart_cell(p)} |"
        )
    print()
    print(f"Final run: exit {final.returncode}; "
          f"{'all invariants hold' if not final_problems else '; '.join(final_problems)}; "
          f"{len(bad)} kill points with a problem")  # fmt: skip
    stopped = [p.said for p in results if p.said]
    if stopped:
        print(f"SIGTERM/SIGINT said, e.g.: {stopped[0]}")
    return 1 if bad or final_problems else 0


def _restart_cell(point: Point) -> str:
    if not point.restarted:
        return "not run (--restart-every)"
    return "ok" if not point.restart_problems else "; ".join(point.restart_problems)


def restart_check(folder: Path, feed: Path, db: Path, ids: list[str]) -> list[str]:
    """Restart a copy of the killed store to the end; the full invariants must hold."""
    copy = folder / "restart"
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir()
    for path in folder.glob("w.db*"):
        if not path.name.endswith(".lock"):
            shutil.copy2(path, copy / path.name)
    result = run("ingest", feed, "--db", copy / "w.db")
    if result.returncode != 0:
        return [f"restart exited {result.returncode}: {result.stderr[-200:]}"]
    return store_problems(copy / "w.db", ids, complete=True)


if __name__ == "__main__":
    sys.exit(main())
