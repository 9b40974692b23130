"""The story list in-process on a store built by bench_desk.py (``DIR/mixed-base.db`` or
``DIR/listing.db``): the search alone (``SQLiteStore.story_page`` with ``q``: the median
of 10 calls per word and order, after one to warm the page cache; most of the load
mix's words are in a large share of the synthetic articles, the walk of
``_common_word_page``), and with ``--pages`` whole pages as the desk's story list reads
them (``Corpus.story_page`` and the JSON of its items) for 600 queries of the load
mix's filters, CPU milliseconds per page."""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from wiretrace.corpus import Corpus
from wiretrace.report.stories import summary_to_dict
from wiretrace.store import SQLiteStore
from wiretrace.store.base import StoryQuery

WORDS = ["council", "bridge", "police", "minister", "river", "strike", "fire", "budget"]


def searches(store: SQLiteStore, rounds: int) -> None:
    """Print the median time of each word's search, in both indexed orders."""
    for word in WORDS:
        for sort in ("-first_seen", "-size"):
            query = StoryQuery(q=word, sort=sort)
            total = store.story_page(query)[1]
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                store.story_page(query)
                times.append((time.perf_counter() - start) * 1000)
            print(f"{word:9} {sort:12} {total:7,} stories  {statistics.median(times):7.1f} ms")


def pages(corpus: Corpus, count: int = 600) -> float:
    """CPU milliseconds per story-list page (page and JSON) over ``count`` queries drawn
    as the load's mix draws them (none, a word, an outlet, a time range, by size, an
    offset up to 400)."""
    rng = random.Random(5)
    outlets = sorted({m.outlet for m in corpus.store.memberships() if m.outlet})
    queries = []
    for _ in range(count):
        kind = rng.randrange(6)
        if kind == 1:
            queries.append(StoryQuery(q=rng.choice(WORDS)))
        elif kind == 2:
            queries.append(StoryQuery(outlet=rng.choice(outlets)))
        elif kind == 3:
            since, until = datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC)
            queries.append(StoryQuery(since=since, until=until))
        elif kind == 4:
            queries.append(StoryQuery(sort="-size"))
        else:
            queries.append(StoryQuery(offset=rng.randrange(0, 400) if kind else 0))
    start = time.process_time()
    for query in queries:
        page = corpus.story_page(query)
        json.dumps({"items": [summary_to_dict(s) for s in page.items], "total": page.total})
    return (time.process_time() - start) * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path, help="a store built by bench_desk.py")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--pages", action="store_true", help="also time whole pages")
    args = parser.parse_args()
    store = SQLiteStore(args.db)
    try:
        searches(store, args.rounds)
        if args.pages:
            corpus = Corpus(store, auto_update=False)
            print(f"story list pages: {pages(corpus):.2f} ms of CPU per page")
    finally:
        store.close()


if __name__ == "__main__":
    main()
