"""Which per-article quantity grows as the incremental store grows (issue 13): on the
corpus and features that ``bench_ingest_growth.py`` caches in ``--dir``, the decisions of
``StoryClusterer`` into a copy of the store, per window of articles, with either

- counters (the default): SQLite statements by kind, cosines and the sizes of their
  vectors, weighted vectors computed and their sizes, story records and document
  frequencies read from the store, what the clusterer holds in memory, and cProfile over
  the windows that end at ``--profile-at`` (cProfile charges each call, so it inflates
  functions made of many small calls, such as the cosine's ``dict.get``);
- or ``--sections``: the CPU time of each step of a decision (``process_time`` around
  each step: a few microseconds per article), and of the garbage collector by generation.

The counters cost time of their own: read rates from ``bench_ingest_growth.py``, and the
growth of each counter or section here."""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wiretrace.stories.cluster as cluster_module
from bench_ingest_growth import cached_features
from wiretrace.store import SQLiteStore
from wiretrace.stories.cluster import StoryClusterer

_WORDS = re.compile(r"\s+")
_KIND = re.compile(r"(\w+(?: OR \w+)?)\b.*?\b(?:FROM|INTO|UPDATE|TABLE)\s+(\w+)", re.I)


def statement_kind(sql: str) -> str:
    """A statement's first words and table, without its values."""
    words = _WORDS.sub(" ", sql).strip()
    match = _KIND.match(words)
    return f"{match.group(1).upper()} {match.group(2)}" if match else words[:30]


def count(
    clusterer: StoryClusterer, store: SQLiteStore, counts: Counter[str], statements: Counter[str]
) -> None:
    """Count calls and sizes (wrappers around the clusterer's and the store's methods) and
    SQLite statements by kind."""
    original_cosine = cluster_module.cosine
    original_weighted = cluster_module.weighted

    def counted_cosine(x: dict[int, float], y: dict[int, float]) -> float:
        counts["cosine"] += 1
        counts["cosine smaller side"] += min(len(x), len(y))
        counts["cosine larger side"] += max(len(x), len(y))
        return original_cosine(x, y)

    def counted_weighted(
        terms: dict[int, float], idf_of: Callable[[int], float]
    ) -> dict[int, float]:
        counts["weighted"] += 1
        counts["weighted terms"] += len(terms)
        return original_weighted(terms, idf_of)

    cluster_module.cosine = counted_cosine  # type: ignore[assignment]
    cluster_module.weighted = counted_weighted  # type: ignore[assignment]

    def wrap(obj: Any, name: str, measure: Callable[..., int] | None = None) -> None:
        inner = getattr(obj, name)

        def wrapper(*a: Any, **k: Any) -> Any:
            counts[name] += 1
            if measure is not None:
                counts[f"{name} size"] += measure(*a, **k)
            return inner(*a, **k)

        setattr(obj, name, wrapper)

    wrap(store, "story")
    wrap(store, "document_frequencies", lambda terms: len(terms))
    wrap(store, "story_spans", lambda ids: len(ids))
    wrap(store, "story_features_of")
    original_similar = clusterer._similar_stories

    def similar(*a: Any, **k: Any) -> dict[str, float]:
        out = original_similar(*a, **k)
        counts["stories scored"] += len(out)
        return out

    clusterer._similar_stories = similar  # type: ignore[method-assign]
    store._db.set_trace_callback(lambda sql: statements.update((statement_kind(sql),)))


def timed(clusterer: StoryClusterer, store: SQLiteStore, counts: Counter[str]) -> None:
    """Charge the CPU time of each step of a decision to ``counts`` (milliseconds)."""
    clock = time.process_time

    def wrap(obj: Any, name: str, label: str) -> None:
        inner = getattr(obj, name)

        def wrapper(*a: Any, **k: Any) -> Any:
            start = clock()
            try:
                return inner(*a, **k)
            finally:
                counts[f"{label} ms"] += 1000 * (clock() - start)

        setattr(obj, name, wrapper)

    wrap(clusterer, "_load_df", "load_df")
    wrap(clusterer, "_copy_links", "copy_links")
    wrap(clusterer, "_similar_stories", "similar_stories")
    wrap(clusterer, "_stories_near", "similar_stories: stories_near")
    wrap(clusterer, "_weighted", "similar_stories: weighted")
    wrap(clusterer, "_decide", "decide")
    wrap(clusterer, "_keep_active", "keep_active")
    wrap(store, "apply_index", "apply_index")
    wrap(store, "unindexed", "unindexed")
    wrap(store, "band_matches", "copy_links: band_matches")
    wrap(store, "signatures", "copy_links: signatures")
    wrap(store, "story", "store.story")
    original_cosine = cluster_module.cosine

    def timed_cosine(x: dict[int, float], y: dict[int, float]) -> float:
        start = clock()
        try:
            return original_cosine(x, y)
        finally:
            counts["similar_stories: cosine ms"] += 1000 * (clock() - start)

    cluster_module.cosine = timed_cosine  # type: ignore[assignment]
    store._db = _TimedConnection(store._db, counts)  # type: ignore[assignment]


class _TimedConnection:
    """A SQLite connection whose ``execute``/``executemany`` charge their CPU time to
    ``counts`` by statement kind (``sql: ...``; a commit includes its checkpoint)."""

    def __init__(self, db: Any, counts: Counter[str]) -> None:
        self._inner = db
        self._counts = counts

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def execute(self, sql: str, *args: Any) -> Any:
        start = time.process_time()
        try:
            return self._inner.execute(sql, *args)
        finally:
            self._counts[f"sql: {statement_kind(sql)} ms"] += 1000 * (time.process_time() - start)

    def executemany(self, sql: str, *args: Any) -> Any:
        start = time.process_time()
        try:
            return self._inner.executemany(sql, *args)
        finally:
            self._counts[f"sql: {statement_kind(sql)} ms"] += 1000 * (time.process_time() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, required=True, help="bench_ingest_growth's cache")
    parser.add_argument("--window", type=int, default=2000, help="articles per window")
    parser.add_argument("--profile-at", default="", help="profile the windows ending here")
    parser.add_argument("--stop", type=int, default=0, help="stop after this many articles")
    parser.add_argument(
        "--sections", action="store_true", help="CPU time per step (no counters, no profile)"
    )
    parser.add_argument(
        "--cache-mb", type=int, default=0, help="SQLite page cache (MB; 0: the store's own)"
    )
    parser.add_argument("--label", default="attribute", help="name of the store copy")
    args = parser.parse_args()
    work: Path = args.dir
    profile_at = {int(p) for p in args.profile_at.split(",") if p} if not args.sections else set()
    db = work / f"{args.label}.db"
    for leftover in work.glob(f"{args.label}.db*"):
        leftover.unlink()
    shutil.copyfile(work / "articles.db", db)
    store = SQLiteStore(db)
    if args.cache_mb:
        store._db.execute(f"PRAGMA cache_size = -{args.cache_mb * 1024}")
    clusterer = StoryClusterer(store)
    counts: Counter[str] = Counter()
    statements: Counter[str] = Counter()
    if args.sections:
        timed(clusterer, store, counts)
    else:
        count(clusterer, store, counts, statements)
    gc_start = [0.0]

    def gc_callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_start[0] = time.process_time()
        else:
            counts[f"gc{info['generation']} ms"] += 1000 * (time.process_time() - gc_start[0])

    gc.callbacks.append(gc_callback)

    features = cached_features(work)
    done, window_start, window_cpu = 0, 0, 0.0
    last_counts: Counter[str] = Counter()
    last_statements: Counter[str] = Counter()
    profile: cProfile.Profile | None = None
    idf_size = 0
    while True:
        if profile is None and any(
            window_start < p <= window_start + args.window for p in profile_at
        ):
            profile = cProfile.Profile()
            profile.enable()
        batch = store.unindexed(clusterer.batch_size)
        if batch:
            cpu = time.process_time()
            for item in batch:
                feats = next(features)
                start = time.process_time()
                clusterer.add(item, flush=False, features=feats)
                counts["add ms"] += 1000 * (time.process_time() - start)
                if len(clusterer._idf) < idf_size:
                    counts["idf refreshes"] += 1
                idf_size = len(clusterer._idf)
            clusterer.flush()
            window_cpu += time.process_time() - cpu
            done += len(batch)
        end = not batch or bool(args.stop and done >= args.stop)
        if end or done - window_start >= args.window:
            n = done - window_start
            if n == 0:
                break
            print(
                f"\n== store at {done}: {n / window_cpu:.1f} articles per CPU second;"
                f" df {len(clusterer._df)}, spans {len(clusterer._spans)},"
                f" active {len(clusterer._active)}, story cache {len(clusterer._stories)},"
                f" weighted cache {len(clusterer._weighted_stories)}, idf {len(clusterer._idf)},"
                f" gc objects {len(gc.get_objects())}"
            )
            delta = counts - last_counts
            print("  per article:")
            for key, value in sorted(delta.items()):
                print(f"    {key:40} {value / n:9.3f}")
            if statements:
                sdelta = statements - last_statements
                print(
                    "  statements per article: "
                    + ", ".join(f"{k} {v / n:.2f}" for k, v in sdelta.most_common())
                )
            last_counts, last_statements = counts.copy(), statements.copy()
            if profile is not None:
                profile.disable()
                stats = pstats.Stats(profile)
                rows = []
                for (path, line, name), (_cc, calls, tt, cum, _callers) in stats.stats.items():  # type: ignore[attr-defined]
                    rows.append((tt, cum, calls, f"{Path(path).name}:{line}:{name}"))
                rows.sort(reverse=True)
                print("  cProfile (ms per article: own, cumulative; calls per article):")
                for tt, cum, calls, key in rows[:30]:
                    print(
                        f"    {key:60} {1000 * tt / n:7.3f} {1000 * cum / n:8.3f} {calls / n:8.2f}"
                    )
                profile = None
            window_start, window_cpu = done, 0.0
            sys.stdout.flush()
        if end:
            break
    store.close()


if __name__ == "__main__":
    main()
