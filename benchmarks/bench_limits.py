"""Peak memory and wall time of ingest on 64 MB inputs, of compare at its whole-text
threshold, and of the windowed compare of two 10 MB texts beside a difflib peer."""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _results
from bench_memory import _DIFFLIB_CHILD, big_article, run_child

#: The issue's bound for one 64 MB input, and for compare below its cap.
RSS_LIMIT_MB = 2048
SIZE = 64 * 1024 * 1024 - 4096  # just under IngestConfig.max_bytes

_CLI_CHILD = """
import runpy, sys
sys.argv = ["wiretrace", *sys.argv[1:]]
try:
    runpy.run_module("wiretrace", run_name="__main__")
except SystemExit as exc:
    print('{"exit": %d}' % (exc.code or 0))
"""

# The floor any reader pays: the file's bytes and its decoded text in memory at once.
_PEER_CHILD = """
import json, sys, time
from pathlib import Path
t = time.perf_counter()
data = Path(sys.argv[1]).read_bytes()
text = data.decode("utf-8")
lines = sum(1 for _ in text.splitlines())
print(json.dumps({"read_s": time.perf_counter() - t, "lines": lines}))
"""


def synth_jsonl(path: Path, size: int) -> int:
    """Synthetic articles (wiretrace.synth) written until the file reaches ``size`` bytes."""
    from wiretrace.synth import SynthConfig, iter_generate

    count = 0
    with path.open("w", encoding="utf-8") as out:
        for record in iter_generate(SynthConfig(num_events=100_000, seed=4)):
            line = json.dumps({"id": record.id, "text": record.text, "title": record.title})
            if out.tell() + len(line) + 1 > size:
                break
            out.write(line + "\n")
            count += 1
    return count


def long_rewrite(text: str, seed: int = 5) -> str:
    """A rewrite of ``text`` line by line: every 97th line dropped, a figure changed in
    every 41st, and a new line of our own every 89th (what a long copy does)."""
    rng = random.Random(seed)
    out: list[str] = []
    for k, line in enumerate(text.split("\n")):
        if k % 97 == 5:
            continue
        if k % 41 == 3:
            line = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), line, count=1)
        out.append(line)
        if k % 89 == 7:
            out.append(f"The harbour office of Lindqvist added a note on day {k} of the log.")
    return "\n".join(out)


_WINDOWED_CHILD = """
import json, sys, time
from wiretrace import compare, read_article
a, b = read_article(sys.argv[1]), read_article(sys.argv[2])
t = time.perf_counter()
r = compare(a, b)
print(json.dumps({"compare_s": time.perf_counter() - t, "alignments": len(r.alignments),
                  "findings": len(r.findings), "related": r.related,
                  "coverage": [r.a_coverage, r.b_coverage], "windowed": "windows" in r.verdict}))
"""


def _limit_cases(tmp: Path, compare_chars: int) -> dict[str, tuple[str, list[str]]]:
    """The 64 MB ingest cases and the compare at the whole-text threshold."""
    jsonl = tmp / "day.jsonl"
    articles = synth_jsonl(jsonl, SIZE)
    txt = tmp / "one.txt"
    txt.write_text(big_article(7, SIZE - 200_000), encoding="utf-8")
    a, b = tmp / "a.txt", tmp / "b.txt"
    a.write_text(big_article(1, compare_chars)[:compare_chars], encoding="utf-8")
    b.write_text(big_article(2, compare_chars)[:compare_chars], encoding="utf-8")
    return {
        f"ingest 64 MB JSONL ({articles} articles), no clustering": (
            _CLI_CHILD, ["ingest", str(jsonl), "--db", str(tmp / "j.db"), "--no-cluster"]),
        "ingest 64 MB JSONL, clustering (jobs 2)": (
            _CLI_CHILD, ["ingest", str(jsonl), "--db", str(tmp / "j.db")]),
        "ingest one 64 MB .txt article, clustering": (
            _CLI_CHILD, ["ingest", str(txt), "--db", str(tmp / "t.db")]),
        "peer: read + decode the 64 MB JSONL": (_PEER_CHILD, [str(jsonl)]),
        f"compare {compare_chars:,} x {compare_chars:,} chars (the cap)": (
            _CLI_CHILD, ["compare", str(a), str(b), "--format", "json", "-o", str(tmp / "o")]),
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--compare-chars", type=int, default=4_000_000)
    parser.add_argument("--no-store", action="store_true")
    parser.add_argument(
        "--only-windowed", action="store_true", help="only the 10 MB x 10 MB compares"
    )
    args = parser.parse_args(argv)
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        cases = {} if args.only_windowed else _limit_cases(tmp, args.compare_chars)
        ten = 10 * 1024 * 1024
        big_a, big_b, shuffled = tmp / "big-a.txt", tmp / "big-b.txt", tmp / "big-c.txt"
        text = big_article(1, ten)
        big_a.write_text(text, encoding="utf-8")
        big_b.write_text(long_rewrite(text), encoding="utf-8")
        shuffled.write_text(big_article(2, ten), encoding="utf-8")
        bench = str(Path(__file__).resolve().parent)
        windowed = {
            "compare 10 MB x 10 MB long rewrite (windowed)": (
                _WINDOWED_CHILD, [str(big_a), str(big_b)]),
            "peer: difflib sentence diff, the same pair": (
                _DIFFLIB_CHILD, [str(big_a), str(big_b), bench]),
            "compare 10 MB x another 10 MB, shuffled sentences (windowed)": (
                _WINDOWED_CHILD, [str(big_a), str(shuffled)]),
            "peer: difflib sentence diff, the shuffled pair": (
                _DIFFLIB_CHILD, [str(big_a), str(shuffled), bench]),
        }  # fmt: skip
        cases = {**cases, **windowed}
        for name, (code, child_args) in cases.items():
            rows[name] = run_child(code, child_args, args.timeout, 8)
            print(f"{name}: {rows[name]}", flush=True)
    figures = {"rows": rows}
    if not args.no_store:
        _results.store("bench_limits", figures)
    over = [n for n, r in rows.items() if r["peak_rss_mb"] >= RSS_LIMIT_MB]
    print("all under 2 GB" if not over else f"over 2 GB: {over}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
