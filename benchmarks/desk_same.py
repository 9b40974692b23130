"""Whether two checkouts' desks answer the same bytes: a real ``wiretrace serve`` (two
worker processes) on a copy of one store, written to between rounds of reads, once per
checkout; then diff the two dumps (a change to how the desk keeps pages must not change
an answer).

Each round posts one more article (bench_desk.py's ``extra_writes``, in order), then
reads every story-list query of a fixed set twice (the second read may come from the
page the desk kept), the health and a few articles, each over a new connection (so that
either worker may answer, as a kept page of one meets the other's write). Story pages
are left out: whether one is ``stale`` depends on the background builder's timing.

Usage::

    PYTHONPATH=/tmp/desk-before/src .venv/bin/python benchmarks/desk_same.py dump \\
        /tmp/desk2b/mixed-base.db /tmp/a.jsonl
    .venv/bin/python benchmarks/desk_same.py dump /tmp/desk2b/mixed-base.db /tmp/b.jsonl
    .venv/bin/python benchmarks/desk_same.py diff /tmp/a.jsonl /tmp/b.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_desk import TOKEN, Served, extra_writes

WORDS = ["council", "bridge", "police", "minister", "river", "strike", "fire", "budget"]


def list_queries(url: str, rng: random.Random) -> list[str]:
    """The story-list queries read each round: the load mix's kinds, each outlet, a
    sample of offsets, and a few combinations."""
    listing = httpx.get(url + "/api/v1/stories", params={"limit": 500}, timeout=120).json()
    outlets = sorted({o for s in listing["items"] for o in s["outlets"]})
    queries = ["", "?sort=-size", "?sort=first_seen&limit=20", "?limit=5"]
    queries += ["?since=2026-03-02T00:00:00Z&until=2026-03-20T00:00:00Z"]
    queries += [f"?q={w}" for w in WORDS] + [f"?q={w}&sort=-size" for w in WORDS[:3]]
    queries += [f"?outlet={quote(o)}" for o in outlets]
    queries += [f"?offset={n}" for n in sorted(rng.sample(range(400), 12))]
    queries += [f"?q={WORDS[0]}&outlet={quote(outlets[0])}", "?q=!!", "?offset=100000"]
    return ["/api/v1/stories" + q for q in queries]


def dump(base: Path, out: Path, rounds: int) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "same.db"
        source, copy = sqlite3.connect(base), sqlite3.connect(db)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        server = Served(db, 2)
        try:
            url = server.url
            queries = list_queries(url, rng)
            listing = httpx.get(url + "/api/v1/stories", params={"limit": 50}, timeout=60)
            articles = [a for s in listing.json()["items"] for a in s["article_ids"]][:5]
            reads = [*queries, *queries, "/api/v1/health"]
            reads += [f"/api/v1/articles/{quote(a, '')}" for a in articles]
            writes = extra_writes()[:rounds]
            lines = 0
            with out.open("w") as sink:
                for n, article in enumerate([None, *writes]):
                    calls: list[tuple[str, str, dict[str, object] | None]] = []
                    if article is not None:
                        body: dict[str, object] = {
                            "id": article.id,
                            "text": article.text,
                            "title": article.title,
                            "outlet": article.outlet,
                            "published": article.published.isoformat()
                            if article.published
                            else None,
                        }
                        calls.append(("POST", "/api/v1/articles", body))
                    calls += [("GET", path, None) for path in reads]
                    for method, path, payload in calls:
                        with httpx.Client(base_url=url, timeout=120) as client:  # a new connection
                            response = client.request(
                                method,
                                path,
                                json=payload,
                                headers={"Authorization": f"Bearer {TOKEN}"},
                            )
                        row: dict[str, object] = {
                            "round": n,
                            "request": f"{method} {path}",
                            "status": response.status_code,
                            "bytes": len(response.content),
                            "sha256": hashlib.sha256(response.content).hexdigest(),
                        }
                        if method == "POST":  # a write's answer is short: kept whole
                            row["body"] = response.text
                        sink.write(json.dumps(row) + "\n")
                        lines += 1
        finally:
            server.stop()
    print(f"{lines} answers over {rounds} writes -> {out}")


def diff(a: Path, b: Path) -> int:
    left = a.read_text().splitlines()
    right = b.read_text().splitlines()
    differ = [(x, y) for x, y in zip(left, right, strict=False) if x != y]
    for x, y in differ[:10]:
        print("differ:", x, "\n       ", y)
    reads = [x for x in left if '"GET ' in x]
    read_differ = [x for x, _ in differ if '"GET ' in x]
    print(
        f"{len(left)} vs {len(right)} answers; {len(differ)} differ "
        f"(GETs: {len(read_differ)} of {len(reads)})"
    )
    return 1 if differ or len(left) != len(right) else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("dump")
    one.add_argument("base", type=Path, help="a store (bench_desk.py's mixed-base.db)")
    one.add_argument("out", type=Path)
    one.add_argument("--rounds", type=int, default=30, help="writes (default 30)")
    two = sub.add_parser("diff")
    two.add_argument("a", type=Path)
    two.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.base, args.out, args.rounds)
    else:
        raise SystemExit(diff(args.a, args.b))


if __name__ == "__main__":
    main()
