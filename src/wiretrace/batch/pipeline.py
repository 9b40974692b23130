"""A batch run end to end: read the inputs, cluster and derive with one engine, write the
four tables."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from wiretrace.batch.inputs import BatchInput, read_inputs
from wiretrace.batch.local import run_local
from wiretrace.batch.tables import write_tables
from wiretrace.config import BatchConfig, CompareConfig
from wiretrace.errors import InputError


class Engine(StrEnum):
    """Where a batch runs: in this process, or on Apache Spark."""

    local = "local"
    spark = "spark"


@dataclass(slots=True)
class BatchReport:
    """What a batch run did.

    Attributes:
        inputs: The articles read, duplicates and skipped records.
        rows: Rows written per table.
        seconds: Wall time of the clustering, derivation and writing (reading excluded).
        startup_seconds: Spark only: time to start the session (reported apart).
        component_runs: Spark only: (links, where) of each connected-components run.
    """

    inputs: BatchInput
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    startup_seconds: float = 0.0
    component_runs: list[tuple[int, str]] = field(default_factory=list)


def run_batch(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    engine: Engine | str = Engine.local,
    config: CompareConfig | None = None,
    batch: BatchConfig | None = None,
    master: str = "local[2]",
    partitions: int = 8,
    findings: bool = True,
    jobs: int = 1,
) -> BatchReport:
    """Cluster the articles under ``paths`` into stories, derive each story's graph and
    quotes, and write ``OUT/articles.parquet``, ``edges``, ``findings`` and ``quotes``.

    Args:
        paths: Files and folders, as ``ingest`` reads them.
        out: The output folder (created; tables in it are replaced).
        engine: "local" or "spark"; both give the same tables.
        config: Compare settings (features, story rule, derivation).
        batch: Bucket caps, cohesion threshold, rounds, driver component limit.
        master: Spark master URL (``local[2]``: two cores on this machine).
        partitions: Spark partitions for the articles and shuffles.
        findings: Run the compare engine on each edge (findings and quotes); without it
            the run is several times faster and edges rest on shared text and times.
        jobs: Local engine: worker processes for the features.

    Raises:
        InputError: no article could be read, or the output cannot be written.
        MissingDependencyError: the Spark engine without pyspark or Java 17+.
    """
    cfg = config or CompareConfig()
    bcfg = batch or BatchConfig()
    inputs = read_inputs(paths, cfg.ingest)
    if not inputs.items:
        raise InputError(
            "no article to process: every input was skipped or a duplicate"
            + (
                f" ({inputs.skipped[0].where}: {inputs.skipped[0].reason})"
                if inputs.skipped
                else ""
            )
        )
    report = BatchReport(inputs=inputs)
    if Engine(engine) is Engine.local:
        start = time.perf_counter()
        tables = run_local(inputs.items, cfg, bcfg, findings=findings, jobs=jobs)
        report.rows = write_tables(tables, out)
        report.seconds = time.perf_counter() - start
        return report
    from wiretrace.batch.spark import SparkEngine, spark_session

    start = time.perf_counter()
    session = spark_session(master, partitions)
    report.startup_seconds = time.perf_counter() - start
    try:
        start = time.perf_counter()
        runner = SparkEngine(session, cfg, bcfg, partitions=partitions)
        report.rows = runner.run(inputs.items, out, findings=findings)
        report.seconds = time.perf_counter() - start
        report.component_runs = runner.component_runs
    finally:
        session.stop()
    return report
