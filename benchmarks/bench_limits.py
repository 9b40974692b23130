"""Peak memory and wall time of ingest on 64 MB inputs and of compare at its size cap."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _results
from bench_memory import big_article, run_child

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--compare-chars", type=int, default=4_000_000)
    parser.add_argument("--no-store", action="store_true")
    args = parser.parse_args(argv)
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        jsonl = tmp / "day.jsonl"
        articles = synth_jsonl(jsonl, SIZE)
        txt = tmp / "one.txt"
        txt.write_text(big_article(7, SIZE - 200_000), encoding="utf-8")
        a, b = tmp / "a.txt", tmp / "b.txt"
        a.write_text(big_article(1, args.compare_chars)[: args.compare_chars], encoding="utf-8")
        b.write_text(big_article(2, args.compare_chars)[: args.compare_chars], encoding="utf-8")
        cases = {
            f"ingest 64 MB JSONL ({articles} articles), no clustering": (
                _CLI_CHILD, ["ingest", str(jsonl), "--db", str(tmp / "j.db"), "--no-cluster"]),
            "ingest 64 MB JSONL, clustering (jobs 2)": (
                _CLI_CHILD, ["ingest", str(jsonl), "--db", str(tmp / "j.db")]),
            "ingest one 64 MB .txt article, clustering": (
                _CLI_CHILD, ["ingest", str(txt), "--db", str(tmp / "t.db")]),
            "peer: read + decode the 64 MB JSONL": (_PEER_CHILD, [str(jsonl)]),
            f"compare {args.compare_chars:,} x {args.compare_chars:,} chars (the cap)": (
                _CLI_CHILD, ["compare", str(a), str(b), "--format", "json", "-o", str(tmp / "o")]),
        }  # fmt: skip
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
