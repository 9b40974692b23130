"""The desk's story list between writes, in-process: how often a read finds its page kept
and the CPU per read, with bench_desk.py's list mix and its writes (one article at a
time, a fixed number of list reads after each), on a copy of its mixed store.

Each read is what the API's story list does: the page the desk keeps (``kept_page``),
else the page computed and kept (``story_page``), then the JSON (kept with the page
where the desk does, ``page_body``). One thread, no server,
no builder: the figure is the story list's own, which bench_desk.py's load mixes with
everything else on a shared machine.

Usage::

    .venv/bin/python benchmarks/bench_desk_pages.py /tmp/desk2b/mixed-base.db
    PYTHONPATH=/tmp/desk-before/src .venv/bin/python benchmarks/bench_desk_pages.py \\
        /tmp/desk2b/mixed-base.db
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_desk import extra_writes
from wiretrace.config import CompareConfig
from wiretrace.report.stories import summary_to_dict
from wiretrace.store.base import StoryQuery
from wiretrace.web.desk import Desk
from wiretrace.web.settings import DeskSettings

WORDS = ["council", "bridge", "police", "minister", "river", "strike", "fire", "budget"]


def mix(outlets: list[str], count: int, rng: random.Random) -> list[StoryQuery]:
    """bench_desk.py's story-list filters (``read_mix``), as queries."""
    since = datetime.fromisoformat("2026-03-02T00:00:00+00:00")
    until = datetime.fromisoformat("2026-03-20T00:00:00+00:00")
    out = []
    for _ in range(count):
        kind = rng.randrange(6)
        if kind == 0:
            out.append(StoryQuery())
        elif kind == 1:
            out.append(StoryQuery(q=rng.choice(WORDS)))
        elif kind == 2:
            out.append(StoryQuery(outlet=rng.choice(outlets)))
        elif kind == 3:
            out.append(StoryQuery(since=since, until=until))
        elif kind == 4:
            out.append(StoryQuery(sort="-size"))
        else:
            out.append(StoryQuery(offset=rng.randrange(0, 400)))
    return out


def kept_body(desk: Desk, query: StoryQuery, page: Any) -> bytes | None:
    """The JSON the desk keeps with a page (``Desk.page_body``; None before it had it)."""
    kept = getattr(desk, "page_body", None)
    return kept(query, page) if kept is not None else None


def keep_body(desk: Desk, query: StoryQuery, page: Any, body: bytes) -> None:
    keep = getattr(desk, "keep_page_body", None)
    if keep is not None:
        keep(query, page, body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="bench_desk.py's mixed-base.db")
    parser.add_argument("--writes", type=int, default=40)
    parser.add_argument("--reads", type=int, default=20, help="list reads after each write")
    args = parser.parse_args()
    rng = random.Random(12)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "pages.db"
        source, copy = sqlite3.connect(args.base), sqlite3.connect(db)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        desk = Desk(
            DeskSettings(db=db, background_builds=False, prebuild_stories=0), CompareConfig()
        )
        desk.start()
        try:
            with desk.reader() as corpus:
                listing = corpus.story_page(StoryQuery(limit=500))
            outlets = sorted({o for s in listing.items for o in s.outlets})
            queries = mix(outlets, args.writes * args.reads, rng)
            kept = cpu = 0.0
            for n, article in enumerate(extra_writes()[: args.writes]):
                desk.add([article])
                for query in queries[n * args.reads : (n + 1) * args.reads]:
                    start = time.process_time()
                    with desk.reader() as corpus:
                        page = desk.kept_page(corpus, query)
                        kept += page is not None
                        if page is None:
                            page = desk.story_page(corpus, query)
                    body = kept_body(desk, query, page)
                    if body is None:
                        payload = {
                            "items": [summary_to_dict(s) for s in page.items],
                            "total": page.total,
                            "limit": query.limit,
                            "offset": query.offset,
                        }
                        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
                        keep_body(desk, query, page, text.encode("utf-8"))
                    cpu += time.process_time() - start
        finally:
            desk.close()
    reads = len(queries)
    print(
        json.dumps(
            {
                "writes": args.writes,
                "reads": reads,
                "kept_share": round(kept / reads, 3),
                "cpu_ms_per_read": round(cpu * 1000 / reads, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
