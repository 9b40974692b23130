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
    ConfigOption,
    DbOption,
    FormatOption,
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
    from wiretrace.corpus import Corpus, SimilarHit


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
    """Add articles to the store and group them into stories; reruns skip what is there."""
    from wiretrace.corpus import IngestSummary, ingest

    corpus = open_corpus(db, config)
    with corpus, Progress(console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)

        def show(summary: IngestSummary) -> None:
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
        except WiretraceError as exc:
            raise fail(exc) from None
        progress.stop()
        clustered = 0
        if cluster_after:
            try:
                clustered = cluster(corpus, jobs)
            except WiretraceError as exc:
                raise fail(exc) from None
        total = len(corpus.store)
        stories = corpus.store.story_count()
    err.print(
        f"{result.added} added, {len(result.duplicates)} duplicates skipped, "
        f"{len(result.skipped)} records skipped; {total} articles in {db}"
        + (f"; {clustered} clustered, {stories} stories" if cluster_after else ""),
        highlight=False,
    )
    for where, reason in result.duplicates[:10]:
        err.print(f"[yellow]duplicate:[/] {where}: {reason}", highlight=False)
    for skipped in result.skipped[:20]:
        err.print(f"[yellow]skipped:[/] {skipped.where}: {skipped.reason}", highlight=False)
    hidden = len(result.skipped) - 20
    if hidden > 0:
        err.print(f"... and {hidden} more skipped records", highlight=False)


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
    from wiretrace.report.stories import render_story_html, render_story_text, story_to_dict

    view = with_corpus(db, config, lambda corpus: corpus.story(story_id))
    if fmt is OutputFormat.json:
        write(json.dumps(story_to_dict(view), ensure_ascii=False, indent=2) + "\n", output)
    elif fmt is OutputFormat.html:
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
