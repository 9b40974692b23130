"""Batch commands: ``batch`` (a whole corpus to Parquet tables, locally or on Spark) and
``load`` (a batch output into a store)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wiretrace.cli.options import ConfigOption, DbOption, err, fail, load_config
from wiretrace.errors import WiretraceError
from wiretrace.outputs import check_output_folder


def batch_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or folders (.txt .html .json .jsonl .parquet .warc RSS)."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the Parquet tables.")],
    engine: Annotated[str, typer.Option("--engine", help="local or spark.")] = "local",
    master: Annotated[
        str, typer.Option("--master", help="Spark master URL (local[2]: two local cores).")
    ] = "local[2]",
    partitions: Annotated[
        int, typer.Option("--partitions", min=1, help="Spark partitions and shuffle partitions.")
    ] = 8,
    findings: Annotated[
        bool,
        typer.Option(
            "--findings/--no-findings", help="Compare each edge (findings, quotes); slower."
        ),
    ] = True,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Local engine: feature processes.")
    ] = 1,
    config: ConfigOption = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace tables already in --out (never an input)."),
    ] = False,
) -> None:
    """Cluster a whole corpus into stories and write articles, edges, findings and quotes
    as Parquet tables (the same tables from either engine). --out may not be an input,
    lie inside an input folder or hold one; tables already there need --force."""
    from wiretrace.batch.pipeline import Engine, run_batch
    from wiretrace.batch.tables import SCHEMAS

    if engine not in {e.value for e in Engine}:
        err.print(f"[bold red]error:[/] unknown engine {engine!r}; use local or spark")
        raise typer.Exit(2)
    try:
        check_output_folder(out, [f"{name}.parquet" for name in SCHEMAS], inputs=paths, force=force)
    except WiretraceError as exc:
        raise fail(exc) from None  # before the work: a refused output costs nothing
    try:
        report = run_batch(
            paths,
            out,
            engine=engine,
            config=load_config(config),
            master=master,
            partitions=partitions,
            findings=findings,
            jobs=jobs,
        )
    except WiretraceError as exc:
        raise fail(exc) from None
    inputs = report.inputs
    rows = ", ".join(f"{n} {name}" for name, n in report.rows.items())
    startup = (
        f" after {report.startup_seconds:.1f} s of Spark start-up" if engine == "spark" else ""
    )
    err.print(
        f"{len(inputs.items)} articles, {len(inputs.duplicates)} duplicates skipped, "
        f"{len(inputs.skipped)} records skipped; wrote {rows} to {out} in "
        f"{report.seconds:.1f} s{startup}",
        highlight=False,
    )
    for where, reason in inputs.duplicates[:10]:
        err.print(f"[yellow]duplicate:[/] {where}: {reason}", highlight=False)
    for skipped in inputs.skipped[:20]:
        err.print(f"[yellow]skipped:[/] {skipped.where}: {skipped.reason}", highlight=False)


def load_cmd(
    folder: Annotated[Path, typer.Argument(help="A `batch` or `export --format tables` folder.")],
    db: DbOption = Path("wiretrace.db"),
    config: ConfigOption = None,
) -> None:
    """Load a batch output into a new store, stories as the batch found them."""
    from wiretrace.batch.load import load_tables
    from wiretrace.store import open_store

    try:
        cfg = load_config(config)
        with open_store(db) as store:
            count = load_tables(folder, store, cfg)
    except WiretraceError as exc:
        raise fail(exc) from None
    err.print(f"loaded {count} articles from {folder} into {db}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the batch commands to ``app``."""
    app.command("batch")(batch_cmd)
    app.command("load")(load_cmd)
