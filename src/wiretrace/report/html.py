"""A self-contained HTML report (inline CSS, no scripts or fonts from elsewhere)."""

from __future__ import annotations

from html import escape
from itertools import pairwise

from wiretrace.model import Comparison, Finding, FindingKind, Span
from wiretrace.outputs import GENERATOR_META
from wiretrace.report.rows import side_by_side

_COLOURS = {
    FindingKind.ENTITY_CHANGED: "#f6c1c1",
    FindingKind.NUMBER_CHANGED: "#f9d49b",
    FindingKind.DATE_CHANGED: "#f9e39b",
    FindingKind.QUOTE_ALTERED: "#d7c6f3",
    FindingKind.QUOTE_TRIMMED: "#c6d3f3",
    FindingKind.QUOTE_FABRICATED: "#efb1e0",
    FindingKind.ATTRIBUTION_DROPPED: "#b9e4ef",
    FindingKind.ATTRIBUTION_CHANGED: "#a6dcd0",
    FindingKind.HEDGE_CHANGED: "#dbeaa6",
    FindingKind.NEGATION_CHANGED: "#ffb38a",
    FindingKind.UNSUPPORTED_ADDITION: "#c8f0c0",
    FindingKind.OMISSION: "#e0e0e0",
}
_CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2.5rem;border-top:2px solid #ccc;
padding-top:1rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;
padding:.4rem .5rem;vertical-align:top;text-align:left}th{background:#f4f4f4}
td.side{width:45%}td.meta{width:10%;font-size:.8rem;color:#555;text-align:center}
td.empty{background:#fafafa;color:#aaa;font-style:italic}mark{border-radius:3px;padding:0 1px}
.legend span{display:inline-block;margin:.1rem .3rem;padding:0 .3rem;border-radius:3px;
font-size:.8rem}.verdict{font-weight:600}.reasons{font-size:.9rem;color:#444}
.bp{color:#888;font-size:.85rem;white-space:pre-wrap}.conf{color:#666;font-size:.8rem}
"""


def _mark(text: str, start: int, end: int, findings: list[tuple[Span, Finding]]) -> str:
    """HTML of ``text[start:end]`` with finding spans highlighted."""
    cuts = {start, end}
    inside = [(s, f) for s, f in findings if s[0] < end and s[1] > start]
    for (s, e), _ in inside:
        cuts.update({max(s, start), min(e, end)})
    points = sorted(cuts)
    out: list[str] = []
    for lo, hi in pairwise(points):
        piece = escape(text[lo:hi])
        cover = [f for (s, e), f in inside if s <= lo and hi <= e]
        if cover:
            f = cover[-1]
            tip = escape("; ".join(f"{c.kind.value}: {c.explanation}" for c in cover))
            out.append(f'<mark style="background:{_COLOURS[f.kind]}" title="{tip}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def comparison_section(
    result: Comparison, heading: str, labels: tuple[str, str] = ("A", "B")
) -> str:
    """One comparison: verdict, direction, side-by-side aligned text and findings;
    ``labels`` name the two sides (a story names its articles, not "A" and "B")."""
    a_text, b_text = result.a.text, result.b.text
    la, lb = (escape(x) for x in labels)
    fa = [(f.a_span, f) for f in result.findings if f.a_span]
    fb = [(f.b_span, f) for f in result.findings if f.b_span]
    d = result.direction
    src = {"a": f"{la} is the source", "b": f"{lb} is the source", None: "undecided"}[d.source]
    parts = [
        f"<h2>{escape(heading)}</h2>",
        f'<p class="verdict">{escape(result.verdict)}</p>',
        f"<p>Direction: <b>{src}</b> (confidence {d.confidence:.2f})</p>",
        '<ul class="reasons">' + "".join(f"<li>{escape(r)}</li>" for r in d.reasons) + "</ul>",
    ]
    for side, doc in ((la, result.a), (lb, result.b)):
        if doc.boilerplate:
            items = "".join(
                f"<li><b>{escape(bp.reason.value)}</b> [{bp.start}, {bp.end}): "
                f'<span class="bp">{escape(bp.text[:300])}</span></li>'
                for bp in doc.boilerplate
            )
            parts.append(
                f"<details><summary>Boilerplate removed from {side} "
                f"({len(doc.boilerplate)})</summary><ul>{items}</ul></details>"
            )
    if result.related:
        rows = [f"<table><tr><th>{la}</th><th>match</th><th>{lb}</th></tr>"]
        for row in side_by_side(result):
            left = (
                f'<td class="side">{_mark(a_text, *row.a_span, fa)}</td>'
                if row.a_span
                else f'<td class="side empty">not in {la}</td>'
            )
            right = (
                f'<td class="side">{_mark(b_text, *row.b_span, fb)}</td>'
                if row.b_span
                else f'<td class="side empty">not in {lb}</td>'
            )
            meta = (
                f"{row.alignment.kind.value}<br>{row.alignment.similarity:.2f}"
                if row.alignment
                else "—"
            )
            rows.append(f'<tr>{left}<td class="meta">{meta}</td>{right}</tr>')
        rows.append("</table>")
        parts.extend(rows)
        parts.append(f"<h3>Findings ({len(result.findings)})</h3>")
        parts.append(
            f"<table><tr><th>kind</th><th>{la}</th><th>{lb}</th><th>explanation</th></tr>"
            + "".join(
                f'<tr><td><mark style="background:{_COLOURS[f.kind]}">{f.kind.value}</mark>'
                f'<br><span class="conf">confidence {f.confidence:.2f}</span></td>'
                f"<td>{escape(f.a_text or '—')}</td><td>{escape(f.b_text or '—')}</td>"
                f"<td>{escape(f.explanation)}</td></tr>"
                for f in result.findings
            )
            + "</table>"
        )
    return "\n".join(parts)


def page(title: str, body: str) -> str:
    """A complete HTML page with the report's styles and the finding colour legend."""
    legend = "".join(f'<span style="background:{c}">{k.value}</span>' for k, c in _COLOURS.items())
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">{GENERATOR_META}'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f'<h1>{escape(title)}</h1><p class="legend">{legend}</p>{body}</body></html>\n'
    )


def _label(result: Comparison, side: str) -> str:
    doc = result.a if side == "a" else result.b
    art = doc.article
    return art.outlet or doc.title or art.path or side.upper()


def _sides(result: Comparison) -> str:
    """Which article is A and which is B: title (as given, else the headline line),
    outlet and file."""
    items = []
    for side, doc in (("A", result.a), ("B", result.b)):
        art = doc.article
        known = [x for x in (doc.title, art.outlet, art.path) if x]
        items.append(f"<li><b>{side}</b>: {escape(' · '.join(known) or 'text given')}</li>")
    return f'<ul class="sides">{"".join(items)}</ul>'


def render_html(result: Comparison) -> str:
    """One comparison as a complete HTML page."""
    title = f"wiretrace: {_label(result, 'a')} vs {_label(result, 'b')}"
    return page(title, _sides(result) + comparison_section(result, "A vs B"))


def render_html_many(results: list[Comparison], title: str) -> str:
    """Several comparisons (e.g. one wire story against each rewrite) on one page."""
    summary = ["<table><tr><th>B</th><th>verdict</th><th>source</th><th>findings</th></tr>"]
    for r in results:
        src = {"a": "A", "b": "B", None: "—"}[r.direction.source]
        summary.append(
            f"<tr><td>{escape(_label(r, 'b'))}</td><td>{escape(r.verdict)}</td>"
            f"<td>{src} ({r.direction.confidence:.2f})</td><td>{len(r.findings)}</td></tr>"
        )
    summary.append("</table>")
    sections = [comparison_section(r, f"{_label(r, 'a')} vs {_label(r, 'b')}") for r in results]
    return page(title, "\n".join(summary) + "\n".join(sections))
