"""``wiretrace pan-align``: passage reuse for PAN text-alignment pairs, as PAN XML files."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from wiretrace.cli.options import EXIT_INPUT, JobsOption, err, fail
from wiretrace.errors import OutputError, WiretraceError
from wiretrace.ingest import read_article
from wiretrace.outputs import check_output
from wiretrace.report.pan import pan_output_name, pan_xml


def _pan_pair(job: tuple[str, str, str, str, str]) -> tuple[str, str, str | None]:
    """Align one PAN pair and write its XML; returns (susp, src, error or None)."""
    from wiretrace.reuse import find_reuse, plain_text_config

    susp_name, src_name, susp_dir, src_dir, out_dir = job
    cfg = plain_text_config()
    try:
        source = read_article(Path(src_dir) / src_name, cfg.ingest)
        copy = read_article(Path(susp_dir) / susp_name, cfg.ingest)
        passages = find_reuse(source, copy, config=cfg)
        target = Path(out_dir) / pan_output_name(susp_name, src_name)
        tmp = target.with_suffix(".xml.tmp")
        tmp.write_text(pan_xml(susp_name, src_name, passages), encoding="utf-8")
        tmp.replace(target)  # a killed run never leaves a half-written file
    except WiretraceError as exc:
        return susp_name, src_name, str(exc)
    except OSError as exc:
        return susp_name, src_name, f"cannot write output: {exc.strerror}"
    return susp_name, src_name, None


def pan_align(
    pairs: Annotated[Path, typer.Option("--pairs", help="Lines 'suspicious.txt source.txt'.")],
    src: Annotated[Path, typer.Option("--src", help="Folder of source documents.")],
    susp: Annotated[Path, typer.Option("--susp", help="Folder of suspicious documents.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the PAN XML files.")],
    jobs: JobsOption = 2,
    force: Annotated[
        bool, typer.Option("--force", help="Replace XML files an earlier run wrote.")
    ] = False,
) -> None:
    """Detect reused passages for each PAN pair and write PAN XML files."""
    try:
        lines = pairs.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        err.print(f"[bold red]error:[/] cannot read the pairs file {pairs}: {exc.strerror}")
        raise typer.Exit(EXIT_INPUT) from None
    for folder, what in ((src, "--src"), (susp, "--susp")):
        if not folder.is_dir():
            err.print(f"[bold red]error:[/] {what} {folder} is not a folder")
            raise typer.Exit(EXIT_INPUT)
    todo: list[tuple[str, str, str, str, str]] = []
    for number, line in enumerate(lines, 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2:
            err.print(
                f"[bold red]error:[/] {pairs}:{number}: expected two file names, got {line!r}"
            )
            raise typer.Exit(EXIT_INPUT)
        todo.append((parts[0], parts[1], str(susp), str(src), str(out)))
    try:
        for susp_name, src_name, *_ in todo:
            check_output(
                out / pan_output_name(susp_name, src_name),
                inputs=(pairs, susp / susp_name, src / src_name),
                force=force,
            )
        out.mkdir(parents=True, exist_ok=True)
    except OutputError as exc:
        raise fail(exc) from None
    except OSError as exc:
        err.print(f"[bold red]error:[/] cannot create the folder {out}: {exc.strerror}")
        raise typer.Exit(EXIT_INPUT) from None
    failures: list[str] = []
    with Progress(console=err) as progress:
        task = progress.add_task("aligning pairs", total=len(todo))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for susp_name, src_name, error in pool.map(_pan_pair, todo, chunksize=4):
                if error:
                    failures.append(f"{susp_name} {src_name}: {error}")
                progress.advance(task)
    err.print(f"wrote {len(todo) - len(failures)} of {len(todo)} pairs to {out}")
    if failures:
        for line in failures[:20]:
            err.print(f"[bold red]failed:[/] {line}", highlight=False)
        raise typer.Exit(EXIT_INPUT)


def register(app: typer.Typer) -> None:
    """Add the pan-align command to ``app``."""
    app.command("pan-align")(pan_align)
