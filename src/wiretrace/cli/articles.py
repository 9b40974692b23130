"""Article commands: ``articles`` (list), ``article ID`` (one, as stored), ``delete ID...``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from wiretrace.clean.headline import headline_text
from wiretrace.cli.options import (
    ConfigOption,
    DbOption,
    ListFormat,
    ListFormatOption,
    emit_json,
    emit_rich,
    fail,
    with_corpus,
)
from wiretrace.cli.pager import page_text
from wiretrace.errors import ConfigError
from wiretrace.report.articles import (
    article_rows_to_dict,
    article_view_to_dict,
    delete_report_lines,
    delete_report_to_dict,
)
from wiretrace.text.counted import counted


def _when(value: str | None, what: str) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise fail(
            ConfigError(
                f"{what} {value!r} is not a date; give ISO 8601 (2026-03-04 or 2026-03-04T09:15)"
            )
        ) from None


def articles_cmd(
    db: DbOption = Path("wiretrace.db"),
    story: Annotated[
        str | None, typer.Option("--story", help="Only this story's articles.")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Only this outlet's articles.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Published at or after (ISO 8601).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Published before (ISO 8601).")
    ] = None,
    fmt: ListFormatOption = ListFormat.text,
    config: ConfigOption = None,
) -> None:
    """List the stored articles: id, time, outlet, story, title."""
    start, end = _when(since, "--since"), _when(until, "--until")
    rows = with_corpus(
        db,
        config,
        lambda corpus: corpus.articles(story=story, outlet=outlet, since=start, until=end),
    )
    if fmt is ListFormat.json:
        emit_json(article_rows_to_dict(rows))
        return
    table = Table(title=counted(len(rows), "article"), title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet")
    table.add_column("story", no_wrap=True)
    table.add_column("title")
    for r in rows:
        table.add_row(
            r.article_id,
            r.published.isoformat(timespec="minutes") if r.published else "",
            r.outlet or "",
            r.story_id or "",
            r.title or "",
        )
    emit_rich(table, None)


def article_cmd(
    article_id: Annotated[str, typer.Argument(help="A stored article id (`wiretrace articles`).")],
    db: DbOption = Path("wiretrace.db"),
    fmt: ListFormatOption = ListFormat.text,
    config: ConfigOption = None,
) -> None:
    """One article as stored: metadata, story, versions and verbatim copies, boilerplate
    spans, and its text."""
    view = with_corpus(db, config, lambda corpus: corpus.article(article_id))
    if fmt is ListFormat.json:
        payload = article_view_to_dict(view)
        emit_json(payload)
        return
    a = view.stored.article
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold", no_wrap=True)
    head.add_column()
    for label, value in (
        ("id", view.stored.id),
        ("title", a.title or headline_text(a.text)),
        ("outlet", a.outlet),
        ("published", a.published.isoformat() if a.published else None),
        ("url", a.url),
        ("file", a.path),
        ("story", view.story_id),
    ):
        if value:
            head.add_row(label, Text(value))
    for link in view.links:
        if link.article_id == view.stored.id:
            what = "new version of" if link.kind == "version" else "verbatim copy of"
            head.add_row(link.kind, Text(f"{what} {link.earlier_id}"))
        else:
            what = "later version:" if link.kind == "version" else "copied verbatim by"
            head.add_row(link.kind, Text(f"{what} {link.article_id}"))
    parts: list[RenderableType] = [head]
    for bp in view.boilerplate:
        parts.append(
            Text(
                f"boilerplate [{bp.start}, {bp.end}) {bp.reason.value}: "
                + bp.text[:80].replace("\n", " / "),
                "dim",
            )
        )
    parts.append(Text(""))
    parts.append(Text(a.text))
    emit_rich(Group(*parts), None)


def delete_cmd(
    article_ids: Annotated[
        list[str], typer.Argument(help="Stored article ids (`wiretrace articles`).")
    ],
    db: DbOption = Path("wiretrace.db"),
    fmt: ListFormatOption = ListFormat.text,
    config: ConfigOption = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Say what would be removed and which stories would change; change nothing.",
        ),
    ] = False,
) -> None:
    """Remove articles from the store, in one transaction. The stories they were in are
    re-clustered without them (a story may split; others are untouched). An unknown id
    deletes nothing (exit 3); --dry-run says what deleting would do."""
    report = with_corpus(db, config, lambda corpus: corpus.delete(article_ids, dry_run=dry_run))
    if fmt is ListFormat.json:
        payload = delete_report_to_dict(report)
        emit_json(payload)
        return
    page_text("\n".join(delete_report_lines(report)) + "\n")


def register(app: typer.Typer) -> None:
    """Add the article commands to ``app``."""
    app.command("articles")(articles_cmd)
    app.command("article")(article_cmd)
    app.command("delete")(delete_cmd)
