"""datatrove's MinHash stages 1-3 (signatures, LSH buckets, clusters) on a JSONL corpus:
the peer of our candidate stage in bench_batch.py. Runs in the peer's own venv (it never
imports wiretrace): `benchmarks/.venv-peer/bin/python benchmarks/peer_datatrove.py IN WORK`.
Prints one JSON line: seconds per stage, duplicate pairs and clustered documents."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from datatrove.executor.local import LocalPipelineExecutor
from datatrove.pipeline.dedup.minhash import (
    MinhashConfig,
    MinhashDedupBuckets,
    MinhashDedupCluster,
    MinhashDedupSignature,
)
from datatrove.pipeline.readers import JsonlReader
from datatrove.utils.hashing import HashConfig


def main() -> None:
    source, work = Path(sys.argv[1]), Path(sys.argv[2])
    tasks = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    # our settings: word 5-grams, 128 hashes in 32 bands of 4 rows, 32-bit hashes
    config = MinhashConfig(
        n_grams=5, num_buckets=32, hashes_per_bucket=4, hash_config=HashConfig(precision=32)
    )
    figures: dict[str, float | int] = {}
    stages = [
        (
            "signatures",
            [
                JsonlReader(str(source.parent), glob_pattern=source.name),
                MinhashDedupSignature(output_folder=str(work / "sigs"), config=config),
            ],
            tasks,
        ),
        (
            "buckets",
            [
                MinhashDedupBuckets(
                    input_folder=str(work / "sigs"),
                    output_folder=str(work / "buckets"),
                    config=config,
                )
            ],
            config.num_buckets,
        ),
        (
            "clusters",
            [
                MinhashDedupCluster(
                    input_folder=str(work / "buckets"),
                    output_folder=str(work / "remove_ids"),
                    config=config,
                )
            ],
            1,
        ),
    ]
    for name, pipeline, count in stages:
        start = time.perf_counter()
        LocalPipelineExecutor(
            pipeline=pipeline,
            tasks=count,
            workers=min(2, count),
            logging_dir=str(work / "logs" / name),
        ).run()
        figures[f"{name}_s"] = round(time.perf_counter() - start, 2)
    pairs = 0
    for dups in (work / "buckets").glob("*.dups"):
        pairs += dups.stat().st_size // 16  # four uint32 per pair (file, doc, file, doc)
    removed = 0
    for ids in (work / "remove_ids").glob("*.remove"):
        removed += ids.stat().st_size // 4
    figures["pairs"] = pairs
    figures["removed_docs"] = removed
    figures["total_s"] = round(sum(v for k, v in figures.items() if k.endswith("_s")), 2)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
