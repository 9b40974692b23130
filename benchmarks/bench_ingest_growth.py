"""How the incremental clustering rate changes as the store grows (issue 13: the rate at
1M must be at least 0.9x the rate at 10k): a synthetic corpus is stored once, its features
are computed once in worker processes and cached (both flat per article and not timed),
then ``StoryClusterer`` decides every article into a copy of that store on disk, in
ingest order and in batches as ``Corpus.update`` does. The rate of decisions is timed per
window of articles, in wall time and in the process's CPU time (on a machine shared with
other jobs the CPU rate is the steadier figure); at each checkpoint the script prints the
rates of the window ending there, their ratio to the first checkpoint's, the store's size
on disk (with its WAL) and the peak RSS.
Pairwise precision and recall of the stories against the ground truth close the run.

Run it twice on the same ``--dir`` (the cache) with two checkouts' ``src`` on
``PYTHONPATH`` for a side-by-side comparison of the same decisions."""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import shutil
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import store as store_row
from wiretrace.corpus import ingest
from wiretrace.model import Article
from wiretrace.store import SQLiteStore
from wiretrace.stories.cluster import StoryClusterer
from wiretrace.stories.features import ArticleFeatures, Featurizer
from wiretrace.synth import SynthConfig, iter_records, pairwise_scores, write_jsonl

_FEATURES_CHUNK = 500
_WORKER: Featurizer | None = None


def _init() -> None:
    global _WORKER
    _WORKER = Featurizer()


def _features(articles: list[Article]) -> list[ArticleFeatures]:
    assert _WORKER is not None
    return [_WORKER(a) for a in articles]


def prepare(work: Path, articles: int, jobs: int) -> None:
    """corpus.jsonl, gold.json, articles.db (articles only) and features.pkl in ``work``,
    each made only when missing."""
    feed, gold_path, base = work / "corpus.jsonl", work / "gold.json", work / "articles.db"
    if not gold_path.exists():
        events = max(1, round(articles / 6.1))
        config = SynthConfig(num_events=events, distractors=events // 4, seed=7)
        gold: dict[str, str] = {}

        def records() -> Iterator[object]:
            for record in iter_records(config):
                gold[record.article.id or ""] = record.event_id
                yield record

        start = time.perf_counter()
        write_jsonl(records(), feed)  # type: ignore[arg-type]
        gold_path.write_text(json.dumps(gold))
        print(f"corpus: {len(gold)} articles in {time.perf_counter() - start:.0f} s", flush=True)
    if not base.exists():
        partial = work / "articles.db.part"
        for leftover in work.glob("articles.db.part*"):
            leftover.unlink()
        store = SQLiteStore(partial)
        ingest([feed], store, batch_size=1000)
        store.close()
        partial.rename(base)
    cache = work / "features.pkl"
    if not cache.exists():
        store = SQLiteStore(base)
        items = [i.article for i in store]
        store.close()
        chunks = [items[k : k + _FEATURES_CHUNK] for k in range(0, len(items), _FEATURES_CHUNK)]
        start = time.perf_counter()
        partial = work / "features.pkl.part"
        with ProcessPoolExecutor(jobs, initializer=_init) as pool, partial.open("wb") as out:
            for n, done in enumerate(pool.map(_features, chunks)):
                pickle.dump(done, out, protocol=pickle.HIGHEST_PROTOCOL)
                print(f"features: {(n + 1) * _FEATURES_CHUNK} / {len(items)}", flush=True)
        partial.rename(cache)
        print(f"features: {time.perf_counter() - start:.0f} s (not counted)", flush=True)


def cached_features(work: Path) -> Iterator[ArticleFeatures]:
    with (work / "features.pkl").open("rb") as source:
        while True:
            try:
                chunk = pickle.load(source)
            except EOFError:
                return
            yield from chunk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=30_000, help="corpus size (approx.)")
    parser.add_argument(
        "--checkpoints", default="10000,30000", help="store sizes to report (comma-separated)"
    )
    parser.add_argument("--window", type=int, default=2000, help="articles per timed window")
    parser.add_argument("--dir", type=Path, required=True, help="work folder (the cache)")
    parser.add_argument("--jobs", type=int, default=2, help="feature worker processes")
    parser.add_argument("--label", default="run", help="name of this run (and its store file)")
    parser.add_argument("--no-store", action="store_true")
    args = parser.parse_args()
    work: Path = args.dir
    work.mkdir(parents=True, exist_ok=True)
    prepare(work, args.articles, args.jobs)
    checkpoints = sorted(int(c) for c in args.checkpoints.split(","))

    db = work / f"{args.label}.db"
    for leftover in work.glob(f"{args.label}.db*"):
        leftover.unlink()
    shutil.copyfile(work / "articles.db", db)
    store = SQLiteStore(db)
    clusterer = StoryClusterer(store)
    features = cached_features(work)
    done, window_start, window_time, window_cpu = 0, 0, 0.0, 0.0
    figures: dict[str, object] = {"label": args.label, "windows": []}
    rates: dict[int, float] = {}
    cpu_rates: dict[int, float] = {}
    while True:
        batch = store.unindexed(clusterer.batch_size)
        if batch:
            start, cpu = time.perf_counter(), time.process_time()
            for item in batch:
                clusterer.add(item, flush=False, features=next(features))
            clusterer.flush()
            window_time += time.perf_counter() - start
            window_cpu += time.process_time() - cpu
            done += len(batch)
        elif done - window_start < args.window // 2:
            break  # the last window is too short to time
        if not batch or done - window_start >= args.window:
            rate = (done - window_start) / window_time
            cpu_rate = (done - window_start) / window_cpu
            wal = db.with_name(db.name + "-wal")
            size = sum(p.stat().st_size for p in (db, wal) if p.exists()) / 1e6
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            figures["windows"].append(  # type: ignore[attr-defined]
                {
                    "articles": done,
                    "rate": round(rate, 1),
                    "cpu_rate": round(cpu_rate, 1),
                    "store_mb": round(size),
                    "rss_mb": round(rss),
                }
            )
            print(
                f"{args.label} store at {done:>8}: {rate:7.1f} articles/s ({cpu_rate:7.1f} per CPU"
                f" second), store {size:6.0f} MB,"
                f" peak RSS {rss:5.0f} MB",
                flush=True,
            )
            for point in checkpoints:
                if window_start < point <= done:
                    rates[point] = rate
                    cpu_rates[point] = cpu_rate
            window_start, window_time, window_cpu = done, 0.0, 0.0
        if not batch:
            break
    clusterer.consolidate()
    gold = json.loads((work / "gold.json").read_text())
    predicted = {m.article_id: m.story_id for m in store.memberships()}
    precision, recall = pairwise_scores(predicted, gold)
    first, first_cpu = rates.get(checkpoints[0]), cpu_rates.get(checkpoints[0])
    for point, rate in sorted(rates.items()):
        ratio = rate / first if first else float("nan")
        cpu_ratio = cpu_rates[point] / first_cpu if first_cpu else float("nan")
        print(
            f"{args.label} rate at {point}: {rate:.1f} articles/s ({ratio:.2f}x the first), "
            f"{cpu_rates[point]:.1f} per CPU second ({cpu_ratio:.2f}x)"
        )
    print(
        f"{args.label} {len(predicted)} articles, {store.story_count()} stories; "
        f"pairwise P {precision:.4f} R {recall:.4f}"
    )
    figures.update(
        rates={str(k): round(v, 1) for k, v in rates.items()},
        cpu_rates={str(k): round(v, 1) for k, v in cpu_rates.items()},
        precision=round(precision, 4),
        recall=round(recall, 4),
        stories=store.story_count(),
    )
    store.close()
    if not args.no_store:
        store_row("bench_ingest_growth", figures)


if __name__ == "__main__":
    main()
