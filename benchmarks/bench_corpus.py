"""End-to-end corpus engine: ingest + story clustering of a synthetic corpus (default 100k
articles of ~600 words) into a SQLite store on disk, peak RSS, then adding one article at a
time to that store; clustering and derivation-edge accuracy against the ground truth."""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import store as store_row
from wiretrace.corpus import Corpus
from wiretrace.synth import SynthConfig, SynthRecord, iter_records, pairwise_scores, write_jsonl


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (of this process, or of the largest finished child)."""
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000, help="corpus size (approx.)")
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument(
        "--adds", type=int, default=205, help="single adds timed afterwards (5 by the CLI)"
    )
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: temp)")
    parser.add_argument("--jobs", type=int, default=2, help="feature worker processes")
    parser.add_argument("--no-store", action="store_true")
    args = parser.parse_args()

    # about 6 articles per event (1 wire, 2-6 rewrites, 0-2 independent) + distractors
    events = max(1, int(args.articles / 6.2))
    config = SynthConfig(
        num_events=events, distractors=events // 5, words_per_article=args.words, seed=7
    )
    work = args.dir or Path(tempfile.mkdtemp(prefix="wiretrace-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    feed, db = work / "corpus.jsonl", work / "bench.db"
    db.unlink(missing_ok=True)
    gold: dict[str, str] = {}
    sources: dict[str, str] = {}
    held_out: list[SynthRecord] = []
    adds_every = max(1, (events + events // 5) * 6 // max(1, args.adds))

    def records() -> Iterator[SynthRecord]:
        for n, record in enumerate(iter_records(config)):
            aid = record.article.id or ""
            if n % adds_every == adds_every - 1 and len(held_out) < args.adds:
                held_out.append(record)  # kept back: added one by one at the end
            else:
                gold[aid] = record.event_id
                if record.derived_from:
                    sources[aid] = record.derived_from
                yield record

    t0 = time.perf_counter()
    written = write_jsonl(records(), feed)
    generate_s = time.perf_counter() - t0
    print(
        f"generated {written:,} articles ({feed.stat().st_size / 1e6:.0f} MB) in {generate_s:.0f} s"
    )

    corpus = Corpus.open(db)
    t0 = time.perf_counter()
    from wiretrace.corpus import ingest

    result = ingest([feed], corpus.store, batch_size=1000)
    ingest_s = time.perf_counter() - t0
    print(
        f"ingest: {result.added:,} articles in {ingest_s:.0f} s ({result.added / ingest_s:,.0f}/s)"
    )
    t0 = time.perf_counter()
    assignments = corpus.update(jobs=args.jobs)
    cluster_s = time.perf_counter() - t0
    print(
        f"cluster: {len(assignments):,} articles in {cluster_s:.0f} s "
        f"({len(assignments) / cluster_s:,.0f}/s)"
    )
    rss = peak_rss_mb()
    t0 = time.perf_counter()
    listed = corpus.stories()
    stories_s = time.perf_counter() - t0
    biggest = max(listed, key=lambda s: len(s.article_ids))
    t0 = time.perf_counter()
    corpus.story(biggest.story_id)
    story_s = time.perf_counter() - t0
    print(
        f"stories: {len(listed):,} listed in {stories_s:.1f} s; the largest "
        f"({len(biggest.article_ids)} articles) shown in {story_s:.1f} s"
    )
    predicted = {a.article_id: a.story_id for a in assignments}
    precision, recall = pairwise_scores(predicted, gold)

    # single adds to the full store
    times = []
    extra_for_cli = held_out[-5:]
    held_out = held_out[:-5]
    for record in held_out:
        start = time.perf_counter()
        corpus.add(record.article)
        times.append((time.perf_counter() - start) * 1000)
    corpus.close()
    # the same from the command line: a new process opens the store and adds one file
    cli_times = []
    for k, record in enumerate(extra_for_cli):
        one = work / f"one-{k}.jsonl"
        write_jsonl([record], one)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "wiretrace", "ingest", str(one), "--db", str(db), "-j", "1"],
            check=True,
            capture_output=True,
        )
        cli_times.append(time.perf_counter() - start)
    p50 = statistics.median(times) if times else 0.0
    p99 = sorted(times)[int(len(times) * 0.99) - 1] if times else 0.0
    total = ingest_s + cluster_s
    figures = {
        "articles": result.added,
        "words": args.words,
        "ingest_s": round(ingest_s, 1),
        "cluster_s": round(cluster_s, 1),
        "total_s": round(total, 1),
        "articles_per_s": round(result.added / total, 1),
        "peak_rss_mb": round(rss),
        "worker_peak_rss_mb": round(peak_rss_mb(resource.RUSAGE_CHILDREN)),
        "db_mb": round(db.stat().st_size / 1e6),
        "add_one_p50_ms": round(p50, 1),
        "add_one_p99_ms": round(p99, 1),
        "cli_add_one_s": round(statistics.median(cli_times), 2) if cli_times else None,
        "stories": len(listed),
        "stories_list_s": round(stories_s, 1),
        "largest_story_s": round(story_s, 1),
        "jobs": args.jobs,
        "pair_precision": round(precision, 4),
        "pair_recall": round(recall, 4),
        "generate_s": round(generate_s, 1),
    }
    print(json.dumps(figures, indent=2))
    print(
        f"targets: total {total:.0f} s (<= 600), peak RSS {rss:.0f} MB (<= 4096), "
        f"add one p50 {p50:.1f} ms (<= 100), pairwise P {precision:.4f} R {recall:.4f} (>= 0.97)"
    )
    if not args.no_store:
        store_row("bench_corpus", figures)


if __name__ == "__main__":
    main()
