"""View models of the pages: sparklines, the derivation graph's layout, marked text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from typing import Any
from urllib.parse import urlencode

from wiretrace.model import BoilerplateSpan, Comparison, FindingKind
from wiretrace.report.rows import side_by_side

#: Finding kinds in legend order, with the words the legend shows.
KINDS: tuple[tuple[str, str], ...] = tuple(
    (k.value, k.value.replace("_", " ")) for k in FindingKind
)


def when(value: str | datetime | None) -> str:
    """A time as "YYYY-MM-DD HH:MM" (UTC as stored), or "—"."""
    if not value:
        return "—"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.strftime("%Y-%m-%d %H:%M")


def pct(value: float | None) -> str:
    """A share as a whole percentage."""
    return "—" if value is None else f"{value:.0%}"


@dataclass(frozen=True, slots=True)
class Sparkline:
    """Articles over time as an SVG polyline (``points`` in a ``width`` x ``height``
    box) and the words a screen reader gets."""

    points: str
    width: int
    height: int
    label: str


def sparkline(
    published: Sequence[datetime | None], *, bins: int = 24, width: int = 96, height: int = 20
) -> Sparkline | None:
    """Counts of articles in ``bins`` equal slices between the first and the last
    publication time; None when fewer than two articles are dated."""
    times = sorted(t.timestamp() for t in published if t is not None)
    if len(times) < 2:
        return None
    lo, hi = times[0], times[-1]
    span = max(hi - lo, 1.0)
    counts = [0] * bins
    for t in times:
        counts[min(bins - 1, int((t - lo) / span * bins))] += 1
    top = max(counts)
    step = width / (bins - 1)
    points = " ".join(
        f"{i * step:.1f},{height - 2 - (c / top) * (height - 4):.1f}" for i, c in enumerate(counts)
    )
    hours = span / 3600
    spread = f"{hours:.0f} h" if hours < 48 else f"{hours / 24:.0f} days"
    return Sparkline(points, width, height, f"{len(times)} dated articles over {spread}")


@dataclass(slots=True)
class Node:
    """A drawn article: box position, role, link, label lines."""

    id: str
    x: int
    y: int
    role: str
    outlet: str
    when: str
    href: str


@dataclass(slots=True)
class DrawnEdge:
    """A drawn derivation edge: curve, label position and text, compare link."""

    source_id: str
    target_id: str
    path: str
    label_x: int
    label_y: int
    label: str
    kind: str
    href: str
    index: int


@dataclass(slots=True)
class Graph:
    """The derivation forest laid out left to right (depth = columns, lineage = rows)."""

    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[DrawnEdge] = field(default_factory=list)


NODE_W, NODE_H, COL, ROW = 190, 42, 370, 58


def edge_kind(edge: dict[str, Any]) -> str:
    """The edge's kind as the story JSON gives it (verbatim, light_edit, spun,
    paraphrase, condensed), else "copy" or "rewrite" by shared text."""
    kind = edge.get("kind")
    if isinstance(kind, str) and kind:
        return kind
    return "copy" if float(edge.get("containment") or 0) >= 0.3 else "rewrite"


def compare_href(source_id: str, target_id: str) -> str:
    """The compare page of two stored articles."""
    return "/compare?" + urlencode({"a": source_id, "b": target_id})


def article_href(article_id: str) -> str:
    """An article's page (the id percent-encoded, "/" included)."""
    from urllib.parse import quote

    return "/articles/" + quote(article_id, safe="")


def derivation_graph(story: dict[str, Any]) -> Graph:
    """Lay out a story's derivation forest: each root and its copies depth first (the
    order text was passed on), one row per article, one column per generation."""
    timeline = story.get("timeline") or []
    order = {item["id"]: n for n, item in enumerate(timeline)}
    children: dict[str, list[str]] = {}
    parent: dict[str, str] = {}
    for edge in story.get("edges") or []:
        children.setdefault(edge["source_id"], []).append(edge["target_id"])
        parent[edge["target_id"]] = edge["source_id"]
    roots = [i["id"] for i in timeline if i["id"] not in parent]
    rows: list[tuple[str, int]] = []
    stack = [(r, 0) for r in sorted(roots, key=order.__getitem__, reverse=True)]
    seen: set[str] = set()
    while stack:
        node, depth = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        rows.append((node, depth))
        kids = sorted(children.get(node, ()), key=lambda k: order.get(k, 0), reverse=True)
        stack.extend((k, depth + 1) for k in kids)
    by_id = {item["id"]: item for item in timeline}
    depth_max = max((d for _, d in rows), default=0)
    graph = Graph(width=20 + (depth_max + 1) * COL, height=20 + max(1, len(rows)) * ROW)
    place: dict[str, Node] = {}
    for row, (node_id, depth) in enumerate(rows):
        item = by_id.get(node_id, {})
        node = Node(
            id=node_id,
            x=10 + depth * COL,
            y=10 + row * ROW,
            role=str(item.get("role") or "independent"),
            outlet=_cut(str(item.get("outlet") or node_id), 26),
            when=when(item.get("published")),
            href=article_href(node_id),
        )
        place[node_id] = node
        graph.nodes.append(node)
    for index, edge in enumerate(story.get("edges") or []):
        src, dst = place.get(edge["source_id"]), place.get(edge["target_id"])
        if src is None or dst is None:
            continue
        x1, y1 = src.x + NODE_W, src.y + NODE_H // 2
        x2, y2 = dst.x, dst.y + NODE_H // 2
        bend = (x2 - x1) // 2
        kind = edge_kind(edge)
        graph.edges.append(
            DrawnEdge(
                source_id=edge["source_id"],
                target_id=edge["target_id"],
                path=f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}",
                label_x=x2 - 12,
                label_y=y2 - 7,
                label=f"{kind.replace('_', ' ')} · {float(edge.get('confidence') or 0):.2f}",
                kind=kind,
                href=compare_href(edge["source_id"], edge["target_id"]),
                index=index,
            )
        )
    return graph


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text and the findings covering it (kinds, and finding numbers)."""

    text: str
    kinds: tuple[str, ...] = ()
    findings: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class CompareRow:
    """One row of the side-by-side view: A's pieces, B's pieces (None: no counterpart),
    the alignment's kind and similarity."""

    number: int
    a: tuple[Piece, ...] | None
    b: tuple[Piece, ...] | None
    kind: str | None
    similarity: float | None


def _pieces(
    text: str, start: int, end: int, marks: list[tuple[int, int, str, int]]
) -> tuple[Piece, ...]:
    cuts = {start, end}
    inside = [m for m in marks if m[0] < end and m[1] > start]
    for s, e, _, _ in inside:
        cuts.update({max(s, start), min(e, end)})
    out = []
    for lo, hi in pairwise(sorted(cuts)):
        cover = [m for m in inside if m[0] <= lo and hi <= m[1]]
        out.append(
            Piece(
                text[lo:hi],
                tuple(dict.fromkeys(m[2] for m in cover)),
                tuple(m[3] for m in cover),
            )
        )
    return tuple(out)


def compare_rows(result: Comparison) -> list[CompareRow]:
    """The comparison in reading order, each side cut into pieces at finding edges."""
    a_marks = [
        (f.a_span[0], f.a_span[1], f.kind.value, n)
        for n, f in enumerate(result.findings)
        if f.a_span
    ]
    b_marks = [
        (f.b_span[0], f.b_span[1], f.kind.value, n)
        for n, f in enumerate(result.findings)
        if f.b_span
    ]
    rows = []
    for number, row in enumerate(side_by_side(result)):
        rows.append(
            CompareRow(
                number=number,
                a=_pieces(result.a.text, *row.a_span, a_marks) if row.a_span else None,
                b=_pieces(result.b.text, *row.b_span, b_marks) if row.b_span else None,
                kind=row.alignment.kind.value if row.alignment else None,
                similarity=row.alignment.similarity if row.alignment else None,
            )
        )
    return rows


def boilerplate_pieces(
    text: str, boilerplate: Sequence[BoilerplateSpan]
) -> list[tuple[str, str | None]]:
    """The article text cut into (text, boilerplate reason or None) runs."""
    out: list[tuple[str, str | None]] = []
    at = 0
    for span in sorted(boilerplate, key=lambda b: b.start):
        if span.start > at:
            out.append((text[at : span.start], None))
        out.append((text[span.start : span.end], span.reason.value))
        at = max(at, span.end)
    if at < len(text):
        out.append((text[at:], None))
    return out


def split_facts(
    changes: dict[str, Any] | None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The change summary's facts: those some copy changed or dropped (shown first, in
    full), and those every copy kept (listed compactly)."""
    facts = (changes or {}).get("facts") or []
    moved = [f for f in facts if f.get("changed") or f.get("dropped")]
    steady = [f for f in facts if not (f.get("changed") or f.get("dropped"))]
    return moved, steady
