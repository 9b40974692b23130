"""A Rich side-by-side view of a comparison for the terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from wiretrace.model import Comparison, FindingKind, Span
from wiretrace.report.rows import side_by_side

_STYLES = {
    FindingKind.ENTITY_CHANGED: "bold red",
    FindingKind.NUMBER_CHANGED: "bold dark_orange",
    FindingKind.DATE_CHANGED: "bold yellow",
    FindingKind.QUOTE_ALTERED: "bold magenta",
    FindingKind.QUOTE_TRIMMED: "bold blue",
    FindingKind.QUOTE_FABRICATED: "bold bright_magenta",
    FindingKind.ATTRIBUTION_DROPPED: "bold cyan",
    FindingKind.ATTRIBUTION_CHANGED: "bold bright_cyan",
    FindingKind.HEDGE_CHANGED: "bold green_yellow",
    FindingKind.NEGATION_CHANGED: "bold bright_red",
    FindingKind.UNSUPPORTED_ADDITION: "green",
    FindingKind.OMISSION: "dim strike",
}


def _text(full: str, span: Span, marks: list[tuple[Span, FindingKind]]) -> Text:
    start, end = span
    out = Text(full[start:end])
    for (s, e), kind in marks:
        lo, hi = max(s, start), min(e, end)
        if lo < hi:
            out.stylize(_STYLES[kind], lo - start, hi - start)
    return out


def findings_table(result: Comparison) -> Table:
    """The findings, one row each: kind (never cut: the column is as wide as the longest
    kind shown), confidence, the text in A and in B, and why."""
    width = max((len(f.kind.value) for f in result.findings), default=4)
    count = len(result.findings)
    findings = Table(
        title=f"Findings ({count})", title_justify="left", expand=True, show_lines=True
    )
    findings.add_column("kind", no_wrap=True, min_width=width)
    findings.add_column("conf", no_wrap=True, justify="right", width=4)
    findings.add_column("A", ratio=4)
    findings.add_column("B", ratio=4)
    findings.add_column("why", ratio=6)
    for f in result.findings:
        findings.add_row(
            Text(f.kind.value, _STYLES[f.kind]),
            f"{f.confidence:.2f}",
            f.a_text or "—",
            f.b_text or "—",
            f.explanation,
        )
    return findings


def render_text(result: Comparison, *, findings_only: bool = False) -> RenderableType:
    """The verdict and direction, the findings, then (unless ``findings_only``) the
    side-by-side table and the boilerplate left out."""
    d = result.direction
    src = {"a": "A is the source", "b": "B is the source", None: "undecided"}[d.source]
    named = [
        f"{side}: {doc.title}" + (f" ({doc.article.outlet})" if doc.article.outlet else "")
        for side, doc in (("A", result.a), ("B", result.b))
        if doc.title
    ]
    header = Text.assemble(
        *[f"{line}\n" for line in named],
        (result.verdict, "bold"),
        "\n",
        ("Direction: ", "bold"),
        f"{src} (confidence {d.confidence:.2f})",
        *[f"\n  • {r}" for r in d.reasons],
    )
    parts: list[RenderableType] = [Panel(header, title="wiretrace compare")]
    if not result.related:
        return Group(*parts)
    parts.append(findings_table(result))
    if findings_only:
        return Group(*parts)
    ma = [(f.a_span, f.kind) for f in result.findings if f.a_span]
    mb = [(f.b_span, f.kind) for f in result.findings if f.b_span]
    table = Table(show_lines=True, expand=True)
    table.add_column("A", ratio=10)
    table.add_column("", ratio=2, justify="center")
    table.add_column("B", ratio=10)
    for row in side_by_side(result):
        left = _text(result.a.text, row.a_span, ma) if row.a_span else Text("—", "dim")
        right = _text(result.b.text, row.b_span, mb) if row.b_span else Text("—", "dim")
        meta = (
            Text(f"{row.alignment.kind.value}\n{row.alignment.similarity:.2f}", "dim")
            if row.alignment
            else Text("only A" if row.a_span else "only B", "dim italic")
        )
        table.add_row(left, meta, right)
    parts.append(table)
    for side, doc in (("A", result.a), ("B", result.b)):
        for bp in doc.boilerplate:
            parts.append(
                Text(
                    f"boilerplate in {side} [{bp.start}, {bp.end}) {bp.reason.value}: "
                    + bp.text[:80].replace("\n", " / "),
                    "dim",
                )
            )
    return Group(*parts)
