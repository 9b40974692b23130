"""Corpus and store commands: ``ingest``, ``stories``, ``story``, ``similar``, ``export``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from wiretrace.cli.options import (
    EXIT_INPUT,
    ConfigOption,
    DbOption,
    FormatOption,
    Interrupted,
    ListFormat,
    ListFormatOption,
    OutputFormat,
    OutputOption,
    cluster,
    emit_rich,
    err,
    fail,
    open_corpus,
    with_corpus,
    write,
)
from wiretrace.errors import WiretraceError
from wiretrace.ingest import read_article
from wiretrace.model import Article

if TYPE_CHECKING:
    from wiretrace.corpus import Corpus, IngestSummary, SimilarHit


class ExportFormat(StrEnum):
    """Formats of ``export``."""

    jsonl = "jsonl"
    parquet = "parquet"


def ingest_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or folders (.txt .html .json .jsonl .parquet .warc RSS)."),
    ],
    db: DbOption = Path("wiretrace.db"),
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per transaction.")
    ] = 500,
    cluster_after: Annotated[
        bool, typer.Option("--cluster/--no-cluster", help="Update the stories after ingest.")
    ] = True,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes for features.")
    ] = 2,
    config: ConfigOption = None,
) -> None:
    """Add articles to the store and group them into stories; reruns skip what is there.

    A bad file or record is listed and skipped; the run goes on and exits 0. A named path
    that does not exist (nothing is read, no store is created), or a run in which nothing
    could be read, exits 3. Ctrl-C or SIGTERM stop it between transactions and say where.
    """
    from wiretrace.corpus import IngestSummary, ingest
    from wiretrace.ingest.sources import missing_paths

    missing = missing_paths(paths)
    if missing:
        err.print(
            f"[bold red]error:[/] no such file or folder: {', '.join(missing)}; nothing was "
            "read and the store was not touched",
            highlight=False,
        )
        raise typer.Exit(EXIT_INPUT)
    corpus = open_corpus(db, config)
    progress_of = IngestSummary()
    clustered = 0
    phase = "ingest"
    try:
        with corpus, Progress(console=err, transient=True) as progress:
            task = progress.add_task("ingesting", total=None)

            def show(summary: IngestSummary) -> None:
                nonlocal progress_of
                progress_of = summary
                progress.update(
                    task,
                    description=f"ingesting: {summary.added} added, {len(summary.duplicates)} "
                    f"duplicates, {len(summary.skipped)} skipped",
                )

            try:
                result = ingest(
                    paths,
                    corpus.store,
                    batch_size=batch_size,
                    config=corpus.config.ingest,
                    on_batch=show,
                )
                progress.stop()
                if cluster_after:
                    phase = "cluster"
                    clustered = cluster(corpus, jobs)
                total = len(corpus.store)
                stories = corpus.store.story_count()
            except WiretraceError as exc:
                raise fail(exc) from None
    except (KeyboardInterrupt, Interrupted):  # Ctrl-C or SIGTERM (see ``catch_interrupts``)
        err.print(_stopped_at(phase, progress_of, db), highlight=False)
        raise
    for where, reason in result.duplicates[:10]:
        err.print(f"[yellow]duplicate:[/] {where}: {reason}", highlight=False)
    for skipped in result.skipped[:20]:
        err.print(f"[yellow]skipped:[/] {skipped.where}: {skipped.reason}", highlight=False)
    hidden = len(result.skipped) - 20
    if hidden > 0:
        err.print(f"... and {hidden} more skipped records", highlight=False)
    err.print(
        f"{result.added} added, {len(result.duplicates)} duplicates skipped, "
        f"{len(result.skipped)} records skipped; {total} articles in {db}"
        + (f"; {clustered} clustered, {stories} stories" if cluster_after else ""),
        highlight=False,
    )
    if not result.read:
        err.print(
            "[bold red]error:[/] nothing could be read from "
            + (", ".join(map(str, paths)) if len(paths) <= 3 else f"{len(paths)} paths")
            + (" (every file or record was skipped)" if result.skipped else " (no files)"),
            highlight=False,
        )
        raise typer.Exit(EXIT_INPUT)


def _stopped_at(phase: str, summary: IngestSummary, db: Path) -> str:
    """Where an interrupted ingest stopped, and how to resume it."""
    if phase == "cluster":
        return (
            f"stopped while clustering: every article is stored in {db}; the stories "
            "decided so far are saved, the rest are assigned by the next `wiretrace "
            "ingest` or `wiretrace stories` run"
        )
    last = f", the last from {summary.last_where}" if summary.last_where else ""
    return (
        f"stopped: {summary.added} articles added to {db} in finished batches{last}; the "
        "batch in progress was rolled back. Run the same command again to resume "
        "(stored articles are skipped as duplicates)"
    )


def stories_cmd(
    db: DbOption = Path("wiretrace.db"),
    fmt: ListFormatOption = ListFormat.text,
    config: ConfigOption = None,
    min_articles: Annotated[
        int, typer.Option("--min-articles", min=1, help="Only stories with this many articles.")
    ] = 1,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most this many stories.")
    ] = None,
) -> None:
    """List the stories in the store, earliest first."""
    from wiretrace.report.stories import render_stories_text, summary_to_dict

    summaries = [
        s
        for s in with_corpus(db, config, lambda corpus: corpus.stories())
        if len(s.article_ids) >= min_articles
    ][:limit]
    if fmt is ListFormat.json:
        payload = [summary_to_dict(s) for s in summaries]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        Console().print(render_stories_text(summaries))


def story_cmd(
    story_id: Annotated[str, typer.Argument(help="A story id from `wiretrace stories`.")],
    db: DbOption = Path("wiretrace.db"),
    fmt: FormatOption = OutputFormat.text,
    output: OutputOption = None,
    config: ConfigOption = None,
) -> None:
    """One story: timeline, derivation tree (who copied whom, with findings), quotes."""
    from wiretrace.report.stories import render_story_html, render_story_text
    from wiretrace.report.story_cache import story_json

    if fmt is OutputFormat.json:  # the desk's function: cached in the store
        payload = with_corpus(db, config, lambda corpus: story_json(corpus, story_id))
        write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", output)
        return
    view = with_corpus(db, config, lambda corpus: corpus.story(story_id))
    if fmt is OutputFormat.html:
        write(render_story_html(view), output)
    else:
        emit_rich(render_story_text(view), output)


def similar_cmd(
    query: Annotated[str, typer.Argument(help="A stored article id, or a file to look up.")],
    db: DbOption = Path("wiretrace.db"),
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many.")] = 20,
    fmt: ListFormatOption = ListFormat.text,
    config: ConfigOption = None,
) -> None:
    """Articles that share text with an article, with the overlap both ways."""
    from wiretrace.report.stories import similar_to_dict

    def find(corpus: Corpus) -> list[SimilarHit]:
        target: str | Article = query
        if corpus.store.get(query) is None and Path(query).exists():
            target = read_article(Path(query), corpus.config.ingest)
        return corpus.similar(target, limit=limit)

    hits = with_corpus(db, config, find)
    if fmt is ListFormat.json:
        payload = [similar_to_dict(h) for h in hits]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"{len(hits)} articles sharing text with {query}", title_justify="left")
    for column in ("article", "outlet", "story", "query in it", "it in query", "passages"):
        table.add_column(column)
    for h in hits:
        table.add_row(
            h.article_id,
            h.outlet or "",
            h.story_id or "",
            f"{h.query_in_hit:.0%}",
            f"{h.hit_in_query:.0%}",
            str(h.passages),
        )
    Console().print(table)


def export_cmd(
    out: Annotated[Path, typer.Argument(help="The file to write.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")] = (
        ExportFormat.jsonl
    ),
    db: DbOption = Path("wiretrace.db"),
) -> None:
    """Write every article with its story id (JSON Lines or Parquet)."""
    count = with_corpus(db, None, lambda corpus: corpus.export(out, fmt.value))
    err.print(f"wrote {count} articles to {out}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the corpus and store commands to ``app``."""
    app.command("ingest")(ingest_cmd)
    app.command("stories")(stories_cmd)
    app.command("story")(story_cmd)
    app.command("similar")(similar_cmd)
    app.command("export")(export_cmd)
