"""Peak memory and wall time of ``compare`` on a ~10 MB article, beside a difflib sentence diff."""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _results

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "src" / "wiretrace" / "demo" / "corpus"
EVAL = ROOT / "eval" / "corpus" / "compare"
SMALL = DEMO / "rewrite-1.json"

#: The issue's bound: a 10 MB input stays under 1 GB of memory.
RSS_LIMIT_BYTES = 1024**3
TARGET_BYTES = 10 * 1024 * 1024
PRIMARY = "10MB vs rewrite-1"

_SENTENCE = re.compile(r"(?<=[.!?])[\"”’']?\s+|\n+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

# The child processes. Each prints one JSON line; the parent reads its peak RSS.
_WIRETRACE_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from wiretrace import compare, read_article
from wiretrace.config import CompareConfig, IngestConfig
t1 = time.perf_counter()
a, b = read_article(sys.argv[1]), read_article(sys.argv[2])
t2 = time.perf_counter()
# above the default cap (IngestConfig.max_compare_chars): measured on purpose
r = compare(a, b, config=CompareConfig(ingest=IngestConfig(max_compare_chars=10**9)))
t3 = time.perf_counter()
print(json.dumps({
    "import_s": t1 - t0, "read_s": t2 - t1, "compare_s": t3 - t2,
    "sentences": [len(r.a.sentences), len(r.b.sentences)],
    "alignments": len(r.alignments), "findings": len(r.findings), "related": r.related,
}))
"""

_DIFFLIB_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[3])
from bench_compare import difflib_sentence_diff
from wiretrace import read_article
t1 = time.perf_counter()
a, b = read_article(sys.argv[1]), read_article(sys.argv[2])
t2 = time.perf_counter()
difflib_sentence_diff(a.text, b.text)
t3 = time.perf_counter()
print(json.dumps({"read_s": t2 - t1, "compare_s": t3 - t2}))
"""


def corpus_sentences() -> list[str]:
    """Every sentence of our own demo and eval articles (no third-party text)."""
    out: list[str] = []
    for path in sorted([*DEMO.glob("*.json"), *EVAL.glob("*/*.json")]):
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        out.extend(s.strip() for s in _SENTENCE.split(text) if len(s.split()) >= 4)
    return out


def big_article(seed: int, target_bytes: int = TARGET_BYTES) -> str:
    """~``target_bytes`` of plain text: shuffled corpus sentences with varied numbers."""
    rng = random.Random(seed)
    sentences = corpus_sentences()
    paragraphs: list[str] = []
    size = 0
    while size < target_bytes:
        picked = [rng.choice(sentences) for _ in range(rng.randint(1, 4))]
        para = " ".join(_NUMBER.sub(lambda _: str(rng.randint(2, 99_999)), s) for s in picked)
        paragraphs.append(para)
        size += len(para.encode("utf-8")) + 1
    return "\n".join(paragraphs) + "\n"


def run_child(code: str, args: list[str], timeout_s: float, max_memory_gb: float) -> dict[str, Any]:
    """Run ``python -c code args`` and return its JSON line, wall time and peak RSS.

    Peak RSS comes from ``os.wait4``: the child's own rusage, the figure that
    ``getrusage(RUSAGE_CHILDREN)`` gives for all waited-for children together; ``ru_maxrss``
    is in KiB on Linux. The child's address space is capped at ``max_memory_gb`` so a
    runaway case fails with MemoryError instead of exhausting the machine.
    """
    cap = int(max_memory_gb * 1024**3)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    # Output goes to files, not pipes: a child blocked on a full pipe would never exit.
    with tempfile.TemporaryFile("w+") as out_f, tempfile.TemporaryFile("w+") as err_f:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            stdout=out_f,
            stderr=err_f,
            text=True,
            cwd=ROOT,
            env=env,
            preexec_fn=limit,
        )
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout_s:
                os.kill(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.05)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read(), err_f.read()
    scale = 1 if sys.platform == "darwin" else 1024  # macOS reports bytes
    result: dict[str, Any] = {
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(usage.ru_maxrss * scale / 1024**2, 1),
        "returncode": proc.returncode,
        "timed_out": timed_out,
    }
    if proc.returncode == 0 and out.strip():
        child = json.loads(out.strip().splitlines()[-1])
        result.update({k: round(v, 2) if isinstance(v, float) else v for k, v in child.items()})
    elif not timed_out:
        result["error"] = err.strip().splitlines()[-1] if err.strip() else "no output"
    return result


def main(argv: list[str] | None = None) -> int:
    """Build the inputs, measure each case in a child process, print and store the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds per child process (120)"
    )
    parser.add_argument(
        "--max-memory-gb",
        type=float,
        default=8.0,
        help="address-space cap per child, a safety net (8)",
    )
    parser.add_argument("--skip-big-vs-big", action="store_true", help="only 10 MB vs small")
    parser.add_argument("--check", action="store_true", help="exit 1 if a peak RSS >= 1 GiB")
    parser.add_argument("--no-store", action="store_true", help="do not write results.sqlite")
    args = parser.parse_args(argv)

    cases: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="wiretrace-bench-") as tmp:
        big1, big2 = Path(tmp) / "big-1.txt", Path(tmp) / "big-2.txt"
        big1.write_text(big_article(seed=1), encoding="utf-8")
        big2.write_text(big_article(seed=2), encoding="utf-8")
        sizes = {p.name: p.stat().st_size for p in (big1, big2)}
        plan = [(PRIMARY, [str(big1), str(SMALL)])]
        if not args.skip_big_vs_big:
            plan.append(("10MB vs other 10MB", [str(big1), str(big2)]))
        bench_dir = str(Path(__file__).resolve().parent)
        for name, files in plan:
            cases[name] = {
                "wiretrace": run_child(_WIRETRACE_CHILD, files, args.timeout, args.max_memory_gb),
                "difflib": run_child(
                    _DIFFLIB_CHILD, [*files, bench_dir], args.timeout, args.max_memory_gb
                ),
            }
        baseline = run_child("import wiretrace", [], args.timeout, args.max_memory_gb)

    print(
        f"bench_memory: inputs {sizes['big-1.txt'] / 1e6:.1f} MB and "
        f"{sizes['big-2.txt'] / 1e6:.1f} MB; idle `import wiretrace` child "
        f"{baseline['peak_rss_mb']:.0f} MB"
    )
    print(f"{'case':22} {'engine':10} {'peak RSS MB':>12} {'wall s':>8}  notes")
    failed = False
    for name, engines in cases.items():
        for engine, r in engines.items():
            if r["timed_out"]:
                note = f"killed after {args.timeout:g} s"
            elif r["returncode"]:
                note = f"failed: {r.get('error')}"
            elif engine == "wiretrace":
                note = (
                    f"read {r['read_s']} s, compare {r['compare_s']} s, "
                    f"sentences {r['sentences'][0]}/{r['sentences'][1]}, "
                    f"{r['alignments']} alignments, {r['findings']} findings"
                )
            else:
                note = f"read {r['read_s']} s, diff {r['compare_s']} s"
            print(f"{name:22} {engine:10} {r['peak_rss_mb']:12.1f} {r['wall_s']:8.2f}  {note}")
            if engine == "wiretrace":
                # Over the limit fails; so does the main case (10 MB vs an article) not
                # finishing, since its memory is then unknown.
                failed |= r["peak_rss_mb"] * 1024**2 >= RSS_LIMIT_BYTES
                failed |= name == PRIMARY and (r["timed_out"] or r["returncode"] != 0)
        wt, dl = engines["wiretrace"], engines["difflib"]
        print(
            f"{'':22} ratio wiretrace/difflib: RSS {wt['peak_rss_mb'] / dl['peak_rss_mb']:.1f}x, "
            f"wall {wt['wall_s'] / dl['wall_s']:.1f}x"
        )
    print(f"limit: peak RSS < {RSS_LIMIT_BYTES / 1024**2:.0f} MB for a 10 MB input")

    figures = {
        "input_bytes": sizes,
        "baseline_import_rss_mb": baseline["peak_rss_mb"],
        "cases": cases,
        "rss_limit_mb": RSS_LIMIT_BYTES / 1024**2,
        "within_limit": not failed,
    }
    if not args.no_store:
        row = _results.store("bench_memory", figures)
        print(f"stored as run {row} in {_results.DEFAULT_DB.relative_to(ROOT)}")
    if args.check and failed:
        print("FAIL: a peak RSS reached 1 GiB, or the 10 MB case did not finish", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
