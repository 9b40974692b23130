"""Why the incremental clustering rate falls as the store grows: features computed up
front (not timed), then the decisions of ``StoryClusterer`` into a SQLite store on disk,
timed per window of articles and profiled (cProfile) over the first and the last window.
Prints articles/s per window and the functions whose per-article cost grew most."""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

from wiretrace.corpus import ingest
from wiretrace.store import SQLiteStore
from wiretrace.stories.cluster import StoryClusterer
from wiretrace.synth import SynthConfig, iter_records, write_jsonl


def per_article(stats: pstats.Stats, articles: int) -> dict[str, tuple[float, float]]:
    """function -> (cumulative ms per article, calls per article)."""
    out = {}
    for (path, _line, name), (_cc, calls, _tt, cum, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        key = f"{Path(path).name}:{name}"
        if key in out:
            continue
        out[key] = (1000 * cum / articles, calls / articles)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--window", type=int, default=2000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="profile-clustering-"))
    source = work / "corpus.jsonl"
    events = max(1, round(args.articles / 6.1))
    write_jsonl(
        iter_records(SynthConfig(num_events=events, distractors=events // 4, seed=7)), source
    )
    store = SQLiteStore(work / "store.db")
    ingest([source], store, batch_size=1000)
    clusterer = StoryClusterer(store)
    items = list(store)
    total = len(items)
    start = time.perf_counter()
    features = [clusterer.featurizer(i.article) for i in items]
    print(f"{total} articles; features {time.perf_counter() - start:.0f} s (not counted)")
    profiles = {}
    windows = []
    done = 0
    while done < total:
        chunk = range(done, min(total, done + args.window))
        profile = None
        if done == 0 or chunk.stop == total:
            profile = cProfile.Profile()
            profile.enable()
        start = time.perf_counter()
        for n in chunk:
            clusterer.add(items[n], flush=False, features=features[n])
        clusterer.flush()
        took = time.perf_counter() - start
        if profile is not None:
            profile.disable()
            profiles["first" if done == 0 else "last"] = per_article(
                pstats.Stats(profile), len(chunk)
            )
        windows.append((chunk.stop, len(chunk) / took))
        print(
            f"store at {chunk.stop:>7}: {len(chunk) / took:7.1f} articles/s (decisions only)",
            flush=True,
        )
        done = chunk.stop
    first, last = profiles["first"], profiles["last"]
    rows = []
    for key, (cum, calls) in last.items():
        before = first.get(key, (0.0, 0.0))
        rows.append((cum - before[0], key, before[0], cum, before[1], calls))
    rows.sort(reverse=True)
    print("\nfunction: ms/article first window -> last window (calls/article)")
    for growth, key, a, b, ca, cb in rows[:25]:
        print(f"{key:55} {a:7.3f} -> {b:7.3f} ms  (+{growth:.3f})  calls {ca:.1f} -> {cb:.1f}")
    print(
        f"store on disk: {(work / 'store.db').stat().st_size / 1e6:.0f} MB; stories: "
        f"{store.story_count()}"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
