"""Batch engines side by side on one synthetic corpus: `wiretrace batch --engine local`
against `--engine spark --master local[2]` (wall time, peak RSS of the whole process tree,
Spark's start-up apart, identical tables); the candidate stage (ours, local and on Spark,
against datatrove's MinHash stages 1-3 run in its own venv); batch against the
incremental store (pairwise F1 between the two partitions, and time)."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import store as store_row
from wiretrace.batch.inputs import read_inputs
from wiretrace.batch.stages import band_pairs, copy_link
from wiretrace.batch.tables import SCHEMAS, read_table
from wiretrace.config import BatchConfig, CompareConfig
from wiretrace.corpus import Corpus
from wiretrace.stories.features import Featurizer
from wiretrace.synth import SynthConfig, iter_records, pairwise_scores, write_jsonl

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT / "benchmarks" / ".venv-peer" / "bin" / "python"


def tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, in MB (from /proc)."""
    children: dict[int, list[int]] = defaultdict(list)
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children[ppid].append(int(entry.name))
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        rss[int(entry.name)] = int(found.group(1)) if found else 0
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total / 1024


def run_tree(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run a command; (wall seconds, peak RSS of its process tree in MB, stderr)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, text=True, env=env)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, tree_rss_mb(proc.pid))
            time.sleep(0.25)
        wall = time.perf_counter() - start
        err.seek(0)
        text = err.read()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{text[-3000:]}")
    return wall, peak, text


def shuffle_by_stage(events: Path) -> list[dict[str, object]]:
    """Shuffle bytes written and read, and records, per Spark stage, from the event log of
    a run (stage names are Spark's call sites: `spark.py:LINE`)."""
    written: dict[int, int] = defaultdict(int)
    read: dict[int, int] = defaultdict(int)
    records: dict[int, int] = defaultdict(int)
    names: dict[int, str] = {}
    logs = []  # Spark 4 writes a rolling log: a folder of events_N_* parts
    for entry in sorted(events.iterdir()):
        logs += sorted(entry.glob("events_*")) if entry.is_dir() else [entry]
    for log in logs:
        for line in log.read_text().splitlines():
            event = json.loads(line)
            kind = event.get("Event")
            if kind == "SparkListenerTaskEnd":
                stage = event["Stage ID"]
                metrics = event.get("Task Metrics") or {}
                write = metrics.get("Shuffle Write Metrics") or {}
                got = metrics.get("Shuffle Read Metrics") or {}
                written[stage] += write.get("Shuffle Bytes Written", 0)
                records[stage] += write.get("Shuffle Records Written", 0)
                read[stage] += got.get("Remote Bytes Read", 0) + got.get("Local Bytes Read", 0)
            elif kind == "SparkListenerStageCompleted":
                info = event["Stage Info"]
                names[info["Stage ID"]] = info["Stage Name"]
    return [
        {
            "stage": stage,
            "name": names.get(stage, "?"),
            "shuffle_write_mb": round(written[stage] / 1e6, 2),
            "shuffle_records": records[stage],
            "shuffle_read_mb": round(read[stage] / 1e6, 2),
        }
        for stage in sorted(set(written) | set(read))
        if written[stage] or read[stage]
    ]


def candidates_local(source: Path) -> dict[str, float | int]:
    """Our candidate stage in one process: features (shingles, MinHash, band keys, and the
    term vector the story rule needs), band buckets, pairs, copy links."""
    items = read_inputs([source]).items
    cfg, bcfg = CompareConfig(), BatchConfig()
    start = time.perf_counter()
    featurizer = Featurizer(cfg.candidates, cfg.stories, cfg.clean)
    features = [featurizer(i.article) for i in items]
    featured = time.perf_counter() - start
    buckets: dict[int, list[int]] = defaultdict(list)
    for n, f in enumerate(features):
        for key in f.band_keys:
            buckets[key].append(n)
    pairs = {p for b in buckets.values() for p in band_pairs(b, bcfg.band_bucket_cap)}
    links = 0
    for a, b in pairs:
        fa, fb = features[a], features[b]
        if copy_link(fa.shingle_count, fa.signature, fb.shingle_count, fb.signature, cfg.stories):
            links += 1
    return {
        "features_s": round(featured, 2),
        "total_s": round(time.perf_counter() - start, 2),
        "pairs": len(pairs),
        "copy_links": links,
    }


def candidates_spark(source: Path, partitions: int) -> dict[str, float | int]:
    """The same stage on Spark local[2] (features through mapInArrow, the band self-join,
    scoring): start-up apart."""
    from wiretrace.batch.spark import SparkEngine, spark_session

    items = read_inputs([source]).items
    start = time.perf_counter()
    spark = spark_session("local[2]", partitions)
    startup = time.perf_counter() - start
    try:
        start = time.perf_counter()
        engine = SparkEngine(spark, partitions=partitions)
        features = engine.features(engine.articles(items)).persist()
        features.count()
        featured = time.perf_counter() - start
        links = engine.copy_links(features).count()
        total = time.perf_counter() - start
    finally:
        spark.stop()
    return {
        "startup_s": round(startup, 2),
        "features_s": round(featured, 2),
        "total_s": round(total, 2),
        "copy_links": links,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000, help="corpus size (approx.)")
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: temp)")
    parser.add_argument("--peer", type=Path, default=PEER, help="python of the peer's venv")
    parser.add_argument("--skip", default="", help="comma list of: spark, peer, incremental")
    parser.add_argument("--no-store", action="store_true")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    work = args.dir or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / "corpus.jsonl"
    events = max(1, round(args.articles / 6.1))
    config = SynthConfig(
        num_events=events, distractors=events // 4, seed=7, words_per_article=args.words
    )
    start = time.perf_counter()
    count = write_jsonl(iter_records(config), source)
    print(
        f"corpus: {count} articles, {source.stat().st_size / 1e6:.0f} MB "
        f"(generated in {time.perf_counter() - start:.0f} s, not counted)"
    )
    figures: dict[str, object] = {"articles": count, "words": args.words}
    wiretrace = [sys.executable, "-m", "wiretrace", "batch", str(source), "--no-findings"]

    wall, rss, _ = run_tree([*wiretrace, "--out", str(work / "local")])
    figures["local"] = {"wall_s": round(wall, 1), "peak_rss_mb": round(rss)}
    print(f"batch --engine local: {wall:.1f} s, peak RSS {rss:.0f} MB")
    if "spark" not in skip:
        events = work / "events"
        shutil.rmtree(events, ignore_errors=True)
        events.mkdir()
        wall, rss, err = run_tree(
            [
                *wiretrace,
                "--out",
                str(work / "spark"),
                "--engine",
                "spark",
                "--master",
                "local[2]",
                "--partitions",
                str(args.partitions),
            ],
            env={
                **os.environ,
                "PYSPARK_SUBMIT_ARGS": "--conf spark.eventLog.enabled=true "
                "--conf spark.eventLog.compress=false "
                f"--conf spark.eventLog.dir={events} pyspark-shell",
            },
        )
        found = re.search(r"in ([\d.]+) s after ([\d.]+) s of Spark start-up", err)
        run_s, startup_s = (float(found.group(1)), float(found.group(2))) if found else (0, 0)
        same = all(
            read_table(work / "local", n).to_pylist() == read_table(work / "spark", n).to_pylist()
            for n in SCHEMAS
        )
        figures["spark"] = {
            "wall_s": round(wall, 1),
            "startup_s": startup_s,
            "run_s": run_s,
            "peak_rss_mb": round(rss),
            "identical_tables": same,
            "shuffle": shuffle_by_stage(events),
        }
        print(
            f"batch --engine spark local[2]: {wall:.1f} s ({startup_s:.1f} s start-up, "
            f"{run_s:.1f} s run), peak RSS {rss:.0f} MB (JVM + Python workers); "
            f"tables identical: {same}"
        )
        totals: dict[str, list[float]] = {}
        for stage in figures["spark"]["shuffle"]:  # type: ignore[index]
            row = totals.setdefault(str(stage["name"]), [0.0, 0.0, 0.0])
            row[0] += float(stage["shuffle_write_mb"])
            row[1] += float(stage["shuffle_records"])
            row[2] += float(stage["shuffle_read_mb"])
        figures["spark"]["shuffle_by_job"] = {  # type: ignore[index]
            name: {"write_mb": round(w, 2), "records": int(n), "read_mb": round(r, 2)}
            for name, (w, n, r) in totals.items()
        }
        print("    shuffle per pipeline stage (write MB, records, read MB):")
        for name, (w, n, r) in totals.items():
            print(f"    {name:60} {w:10.2f} {int(n):10d} {r:10.2f}")
    figures["candidates_local"] = candidates_local(source)
    print("candidate stage, ours (one process):", figures["candidates_local"])
    if "spark" not in skip:
        figures["candidates_spark"] = candidates_spark(source, args.partitions)
        print("candidate stage, ours (Spark local[2]):", figures["candidates_spark"])
    if "peer" not in skip and args.peer.exists():
        done = subprocess.run(
            [
                str(args.peer),
                str(ROOT / "benchmarks" / "peer_datatrove.py"),
                str(source),
                str(work / "datatrove"),
                "2",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        figures["candidates_datatrove"] = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            "candidate stage, datatrove MinHash 1-3 (2 workers):", figures["candidates_datatrove"]
        )
    if "incremental" not in skip:
        db = work / "incremental.db"
        db.unlink(missing_ok=True)
        start = time.perf_counter()
        with Corpus.open(db) as corpus:
            corpus.ingest([source], jobs=2)
            stored = {m.article_id: m.story_id for m in corpus.store.memberships()}
        took = time.perf_counter() - start
        batch = {
            r["article_id"]: r["story_id"]
            for r in read_table(work / "local", "articles")
            .select(["article_id", "story_id"])
            .to_pylist()
        }
        p, r = pairwise_scores(batch, stored)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        figures["incremental"] = {
            "wall_s": round(took, 1),
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f1, 4),
        }
        print(
            f"incremental store (ingest, 2 feature workers): {took:.1f} s; batch vs store "
            f"pairwise P {p:.4f} R {r:.4f} F1 {f1:.4f}"
        )
    if not args.no_store:
        store_row("bench_batch", figures)


if __name__ == "__main__":
    main()
