"""``wiretrace compare``: two articles, aligned passages, typed findings, which came first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from wiretrace.cli.options import (
    ConfigOption,
    FormatOption,
    OutputFormat,
    OutputOption,
    emit_rich,
    fail,
    load_config,
    write,
)
from wiretrace.compare import compare
from wiretrace.errors import WiretraceError
from wiretrace.ingest import read_article
from wiretrace.report import comparison_to_dict, render_html
from wiretrace.report.text import render_text


def compare_cmd(
    a: Annotated[Path, typer.Argument(help="Reference article (.txt, .html or .json).")],
    b: Annotated[Path, typer.Argument(help="Article to compare with it.")],
    fmt: FormatOption = OutputFormat.text,
    output: OutputOption = None,
    config: ConfigOption = None,
) -> None:
    """Compare two articles: aligned passages, typed findings, and which came first."""
    try:
        cfg = load_config(config)
        result = compare(read_article(a, cfg.ingest), read_article(b, cfg.ingest), config=cfg)
    except WiretraceError as exc:
        raise fail(exc) from None
    if fmt is OutputFormat.json:
        payload = json.dumps(comparison_to_dict(result), ensure_ascii=False, indent=2) + "\n"
    elif fmt is OutputFormat.html:
        payload = render_html(result)
    else:
        emit_rich(render_text(result), output)
        return
    write(payload, output)


def register(app: typer.Typer) -> None:
    """Add the compare command to ``app``."""
    app.command("compare")(compare_cmd)
