"""Corpus and store commands: ``ingest``, ``stories``, ``story``, ``similar``, ``export``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from wiretrace.cli.options import (
    EXIT_INPUT,
    ConfigOption,
    DbOption,
    ForceOption,
    FormatOption,
    Guard,
    Interrupted,
    ListFormat,
    ListFormatOption,
    OpenOption,
    OutputFormat,
    OutputOption,
    cluster,
    emit_json,
    emit_rich,
    err,
    fail,
    html_format,
    open_corpus,
    open_html,
    with_corpus,
    write,
)
from wiretrace.errors import ConfigError, WiretraceError
from wiretrace.ingest import read_article
from wiretrace.model import Article
from wiretrace.outputs import STDOUT, check_output, check_output_folder
from wiretrace.stories.when import as_utc
from wiretrace.text.counted import counted

if TYPE_CHECKING:
    from wiretrace.corpus import Corpus, IngestSummary, SimilarHit
    from wiretrace.store.base import Link


class ExportFormat(StrEnum):
    """Formats of ``export``."""

    jsonl = "jsonl"
    parquet = "parquet"
    tables = "tables"


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
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Outlet of the plain-text files of this run.")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Time of the plain-text files (ISO 8601)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Title of the plain-text files of this run.")
    ] = None,
    field_map: Annotated[
        str | None,
        typer.Option(
            "--map",
            help="Record field names to ours, e.g. source=outlet,date=published "
            "(common ones are mapped anyway).",
        ),
    ] = None,
) -> None:
    """Add articles to the store and group them into stories; reruns skip what is there.
    A .txt file may start with YAML front matter (title, outlet, url, published).

    A bad file or record is listed and skipped; the run goes on and exits 0. A named path
    that does not exist (nothing is read, no store is created), or a run in which nothing
    could be read, exits 3. Ctrl-C or SIGTERM stop it between transactions and say where.
    """
    from wiretrace.corpus import IngestSummary, ingest
    from wiretrace.ingest.fields import parse_field_map
    from wiretrace.ingest.frontmatter import TextMetadata
    from wiretrace.ingest.readers import parse_published
    from wiretrace.ingest.sources import missing_paths

    try:
        when = parse_published(published)
        fields = parse_field_map(field_map)
    except ValueError as exc:
        raise fail(ConfigError(f"--published: {exc}")) from None
    except ConfigError as exc:
        raise fail(exc) from None
    text_metadata = (
        TextMetadata(title=title, outlet=outlet, published=when)
        if (title or outlet or when)
        else None
    )
    missing = missing_paths(paths)
    if missing:
        err.print(
            f"[bold red]error:[/] no such file or folder: {escape(', '.join(missing))}; "
            "nothing was read and the store was not touched",
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
                    text_metadata=text_metadata,
                    field_map=fields,
                )
                progress.stop()
                if cluster_after:
                    phase = "cluster"
                    clustered = cluster(corpus, jobs)
                total = len(corpus.store)
                stories = corpus.store.story_count()
                verbatim = _verbatim_in_time_order(corpus, result.links[:20])
            except WiretraceError as exc:
                raise fail(exc) from None
    except (KeyboardInterrupt, Interrupted):  # Ctrl-C or SIGTERM (see ``catch_interrupts``)
        err.print(_stopped_at(phase, progress_of, db), highlight=False)
        raise
    for notice in result.notices:
        err.print(f"note: {notice}", highlight=False)
    for link in result.links[:20]:
        if link.kind == "version":
            err.print(
                f"{link.article_id} is a new version of {link.earlier_id} (what changed: "
                f"wiretrace compare {link.earlier_id} {link.article_id} --db {db})",
                highlight=False,
            )
        else:
            copy, first = verbatim.get(link.article_id, (link.article_id, link.earlier_id))
            err.print(f"{copy} is a verbatim copy of {first}", highlight=False)
    for where, reason in result.duplicates[:10]:
        err.print(f"[yellow]duplicate:[/] {escape(where)}: {escape(reason)}", highlight=False)
    for skipped in result.skipped[:20]:
        err.print(
            f"[yellow]skipped:[/] {escape(skipped.where)}: {escape(skipped.reason)}",
            highlight=False,
        )
    hidden = len(result.skipped) - 20
    if hidden > 0:
        err.print(f"... and {hidden} more skipped records", highlight=False)
    err.print(
        f"{result.added} added, {counted(len(result.duplicates), 'duplicate')} skipped, "
        f"{counted(len(result.skipped), 'record')} skipped; {counted(total, 'article')} in {db}"
        + (f"; {clustered} clustered, {counted(stories, 'story')}" if cluster_after else ""),
        highlight=False,
    )
    if not result.read:
        err.print(
            "[bold red]error:[/] nothing could be read from "
            + escape(", ".join(map(str, paths)) if len(paths) <= 3 else f"{len(paths)} paths")
            + (" (every file or record was skipped)" if result.skipped else " (no files)"),
            highlight=False,
        )
        raise typer.Exit(EXIT_INPUT)


def _verbatim_in_time_order(corpus: Corpus, links: list[Link]) -> dict[str, tuple[str, str]]:
    """For each verbatim link: (copy, source) by publication time when both are known
    (the one stored first may have been published later), else as stored."""
    out = {}
    for link in links:
        if link.kind != "verbatim":
            continue
        copy, first = corpus.store.get(link.article_id), corpus.store.get(link.earlier_id)
        when = [
            as_utc(x.article.published) if x and x.article.published else None
            for x in (copy, first)
        ]
        if when[0] is not None and when[1] is not None and when[0] < when[1]:
            out[link.article_id] = (link.earlier_id, link.article_id)
    return out


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
        emit_json(payload)
    else:
        emit_rich(render_stories_text(summaries), None)


def story_cmd(
    story_id: Annotated[
        str, typer.Argument(help="A story id from `wiretrace stories`, or an article id.")
    ],
    db: DbOption = Path("wiretrace.db"),
    fmt: FormatOption = OutputFormat.text,
    output: OutputOption = None,
    config: ConfigOption = None,
    force: ForceOption = False,
    open_page: OpenOption = False,
) -> None:
    """One story: timeline, derivation tree (who copied whom, with findings), quotes."""
    fmt = html_format(fmt, open_page)
    from wiretrace.report.stories import render_story_html, render_story_text
    from wiretrace.report.story_cache import story_json

    guard = Guard(stores=(db,), force=force)
    guard.check(output)
    if fmt is OutputFormat.json:  # the desk's function: cached in the store
        payload = with_corpus(
            db, config, lambda corpus: story_json(corpus, corpus.resolve_story(story_id))
        )
        write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", output, guard)
        return
    view = with_corpus(db, config, lambda corpus: corpus.story(story_id))
    if fmt is OutputFormat.html and open_page:
        open_html(render_story_html(view), output, guard, f"story-{view.summary.story_id}")
    elif fmt is OutputFormat.html:
        write(render_story_html(view), output, guard)
    else:
        emit_rich(render_story_text(view), output, guard)


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
        emit_json(payload)
        return
    table = Table(
        title=f"{counted(len(hits), 'article')} sharing text with {query}", title_justify="left"
    )
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
    emit_rich(table, None)


def export_cmd(
    out: Annotated[
        Path, typer.Argument(help="The file to write (.jsonl or .parquet; '-': stdout).")
    ],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option("--format", "-f", help="File format (default: from the extension)."),
    ] = None,
    db: DbOption = Path("wiretrace.db"),
    force: ForceOption = False,
) -> None:
    """Write every article with its story id (JSON Lines or Parquet), or the four
    Parquet tables of ``wiretrace batch`` (``--format tables``, into a folder)."""
    if fmt is ExportFormat.tables:
        from wiretrace.batch.tables import SCHEMAS

        try:
            names = [f"{name}.parquet" for name in SCHEMAS]
            check_output_folder(out, names, stores=(db,), force=force)
        except WiretraceError as exc:
            raise fail(exc) from None
        rows = with_corpus(db, None, lambda corpus: corpus.export_tables(out))
        written = ", ".join(f"{n} {name}" for name, n in rows.items())
        err.print(f"wrote {written} to {out}", highlight=False)
        return
    from wiretrace.corpus import export_format

    try:
        export_format(out, fmt.value if fmt else None)
        check_output(out, stores=(db,), force=force)
    except WiretraceError as exc:
        raise fail(exc) from None
    count = with_corpus(
        db, None, lambda corpus: corpus.export(out, fmt.value if fmt else None, force=force)
    )
    if str(out) != STDOUT:
        err.print(f"wrote {counted(count, 'article')} to {out}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the corpus and store commands to ``app``."""
    app.command("ingest")(ingest_cmd)
    app.command("stories")(stories_cmd)
    app.command("story")(story_cmd)
    app.command("similar")(similar_cmd)
    app.command("export")(export_cmd)
