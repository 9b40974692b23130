"""``wiretrace compare``: two articles, aligned passages, typed findings, which came first."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wiretrace.cli.options import (
    ConfigOption,
    ForceOption,
    FormatOption,
    Guard,
    OpenOption,
    OutputFormat,
    OutputOption,
    emit_rich,
    fail,
    html_format,
    load_config,
    open_corpus,
    open_html,
    require_store,
    write,
)
from wiretrace.compare import compare
from wiretrace.config import CompareConfig
from wiretrace.errors import NotFoundError, WiretraceError
from wiretrace.ingest.sources import read_one
from wiretrace.model import Article, Comparison, FindingKind
from wiretrace.report import comparison_to_dict, render_html
from wiretrace.report.text import render_text

if TYPE_CHECKING:
    from wiretrace.corpus import Corpus

_ARTICLE_HELP = (
    "A file (.txt .html .json, or a .jsonl/.parquet/WARC/feed file of one article), or "
    "with --db a stored article id."
)


def _article(arg: str, cfg: CompareConfig, corpus: Corpus | None) -> Article:
    """An argument that names an existing file is a file; otherwise a stored id."""
    path = Path(arg)
    if path.exists() or corpus is None:
        return read_one(path, cfg.ingest)
    stored = corpus.store.get(arg)
    if stored is None:
        raise NotFoundError(
            f"{arg!r} is neither a file nor an article id in the store; "
            "`wiretrace articles` lists the ids"
        )
    return stored.article


def filter_findings(
    result: Comparison, kinds: list[FindingKind] | None, min_confidence: float | None
) -> Comparison:
    """Keep the findings of ``kinds`` (all when None) at or above ``min_confidence``.
    A filter only: nothing is reclassified."""
    kept = tuple(
        f
        for f in result.findings
        if (not kinds or f.kind in kinds)
        and (min_confidence is None or f.confidence >= min_confidence)
    )
    return replace(result, findings=kept)


def compare_cmd(
    a: Annotated[str, typer.Argument(help="Reference article. " + _ARTICLE_HELP)],
    b: Annotated[str, typer.Argument(help="Article to compare with it. " + _ARTICLE_HELP)],
    fmt: FormatOption = OutputFormat.text,
    output: OutputOption = None,
    config: ConfigOption = None,
    force: ForceOption = False,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="A store: an argument that is not a file is its article id."),
    ] = None,
    findings_only: Annotated[
        bool, typer.Option("--findings-only", help="Only the findings, no side-by-side text.")
    ] = False,
    kinds: Annotated[
        list[FindingKind] | None,
        typer.Option("--kind", help="Only findings of this kind (repeat for more kinds)."),
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Only findings at or above this confidence (a filter: nothing is reclassified).",
        ),
    ] = None,
    open_page: OpenOption = False,
) -> None:
    """Compare two articles: aligned passages, typed findings, and which came first."""
    fmt = html_format(fmt, open_page)
    files = tuple(Path(x) for x in (a, b) if Path(x).exists())
    guard = Guard(inputs=files, stores=(db,) if db else (), force=force)
    guard.check(output)  # before the work: a refused output costs nothing
    corpus = None
    if db is not None:
        require_store(db)
        corpus = open_corpus(db, config)
    try:
        cfg = corpus.config if corpus else load_config(config)
        result = compare(_article(a, cfg, corpus), _article(b, cfg, corpus), config=cfg)
    except WiretraceError as exc:
        raise fail(exc) from None
    finally:
        if corpus is not None:
            corpus.store.close()
    result = filter_findings(result, kinds, min_confidence)
    if fmt is OutputFormat.json:
        payload = json.dumps(comparison_to_dict(result), ensure_ascii=False, indent=2) + "\n"
    elif fmt is OutputFormat.html:
        payload = render_html(result)
        if open_page:
            open_html(payload, output, guard, "compare")
            return
    else:
        emit_rich(render_text(result, findings_only=findings_only), output, guard)
        return
    write(payload, output, guard)


def register(app: typer.Typer) -> None:
    """Add the compare command to ``app``."""
    app.command("compare")(compare_cmd)
