"""The story list's search in-process (``SQLiteStore.story_page`` with ``q``): the median
of 10 calls per word and order, after one to warm the page cache, on a store built by
bench_desk.py (``DIR/mixed-base.db`` or ``DIR/listing.db``). The words are the load
mix's; most are in a large share of the synthetic articles (the walk of
``_common_word_page``)."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from wiretrace.store import SQLiteStore
from wiretrace.store.base import StoryQuery

WORDS = ["council", "bridge", "police", "minister", "river", "strike", "fire", "budget"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path, help="a store built by bench_desk.py")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with SQLiteStore(args.db) as store:
        for word in WORDS:
            for sort in ("-first_seen", "-size"):
                query = StoryQuery(q=word, sort=sort)
                total = store.story_page(query)[1]
                times = []
                for _ in range(args.rounds):
                    start = time.perf_counter()
                    store.story_page(query)
                    times.append((time.perf_counter() - start) * 1000)
                print(f"{word:9} {sort:12} {total:7,} stories  {statistics.median(times):7.1f} ms")


if __name__ == "__main__":
    main()
