"""Story reports: the JSON contract of ``stories``/``story``, Rich text and an HTML page."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from wiretrace.clean.headline import headline_text
from wiretrace.report.html import comparison_section, page
from wiretrace.report.json import SCHEMA_VERSION
from wiretrace.report.names import member_names, named_edge
from wiretrace.text.counted import counted

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wiretrace.corpus import SimilarHit, StorySummary, StoryView
    from wiretrace.provenance.changes import ChangeSummary, Holder
    from wiretrace.provenance.graph import Edge
    from wiretrace.provenance.membership import MemberEvidence
    from wiretrace.store.base import StoredArticle


def summary_to_dict(summary: StorySummary) -> dict[str, Any]:
    """One story of ``wiretrace stories --format json``."""
    return {
        "story_id": summary.story_id,
        "title": summary.title,
        "article_ids": list(summary.article_ids),
        "first_seen": summary.first_seen.isoformat() if summary.first_seen else None,
        "outlets": list(summary.outlets),
    }


def article_title(item: StoredArticle) -> str | None:
    """An article's title as given, else its headline line (``clean.headline``)."""
    return item.article.title or headline_text(item.article.text)


def _article(item: StoredArticle) -> dict[str, Any]:
    a = item.article
    return {
        "id": item.id,
        "title": article_title(item),
        "outlet": a.outlet,
        "url": a.url,
        "published": a.published.isoformat() if a.published else None,
        "published_inferred": a.published_inferred,
    }


def _edge(edge: Edge) -> dict[str, Any]:
    out: dict[str, Any] = {
        "source_id": edge.source_id,
        "target_id": edge.target_id,
        "confidence": edge.confidence,
        "reasons": list(edge.reasons),
        "containment": edge.containment,
        "reverse_containment": edge.reverse_containment,
        "kind": edge.kind.value,
        "direction": edge.direction.value,
        "aligned_sentences": edge.aligned,
        "aligned_coverage": edge.coverage,
    }
    if edge.comparison is not None:
        out["findings"] = [
            {
                "kind": f.kind.value,
                "source_text": f.a_text,
                "source_span": list(f.a_span) if f.a_span else None,
                "copy_text": f.b_text,
                "copy_span": list(f.b_span) if f.b_span else None,
                "confidence": f.confidence,
                "explanation": f.explanation,
            }
            for f in edge.comparison.findings
        ]
    return out


def _membership(m: MemberEvidence | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "how": m.how,
        "with": m.with_id,
        "score": m.score,
        "kind": m.kind,
        "names": list(m.names),
        "figures": list(m.figures),
        "days": list(m.days),
    }


def why_text(m: MemberEvidence | None) -> str:
    """One line of membership evidence: "shares text with X (spun, 0.64)" or "close to
    the others (cosine 0.41): Noto, Ishikawa; 7.5-magnitude; 2024-01-01"."""
    if m is None:
        return ""
    if m.how == "alone":
        return "the story's only article"
    matched = "; ".join(
        part
        for part in (", ".join(m.names[:4]), ", ".join(m.figures[:3]), ", ".join(m.days[:2]))
        if part
    )
    if m.how == "shared_text":
        head = f"shares text with {m.with_id} ({m.kind}, {m.score:.2f})"
    else:
        head = f"close to the others (cosine {m.score:.2f})"
    return f"{head}: {matched}" if matched else head


def story_to_dict(view: StoryView) -> dict[str, Any]:
    """``wiretrace story ID --format json``: the summary plus timeline, edges and quotes."""
    graph = view.graph
    evidence = {m.article_id: m for m in view.members}
    names = member_names(graph.articles)
    return {
        "schema_version": SCHEMA_VERSION,
        **summary_to_dict(view.summary),
        "earliest_id": graph.earliest,
        "roots": list(graph.roots),
        "timeline": [
            {
                **_article(item),
                "role": graph.role(item.id),
                "membership": _membership(evidence.get(item.id)),
            }
            for item in graph.articles
        ],
        "edges": [_edge(named_edge(e, names)) for e in graph.edges],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "earliest_id": q.earliest_id,
                "new_in_copy": q.new_in_copy,
                "altered": bool(q.altered),
                "variants": [
                    {
                        "article_id": v.article_id,
                        "outlet": v.outlet,
                        "published": v.published.isoformat() if v.published else None,
                        "text": v.text,
                        "speaker": v.speaker,
                        "span": list(v.span),
                        "relation": v.relation,
                        "speaker_changed": v.speaker_changed,
                    }
                    for v in q.variants
                ],
            }
            for q in view.quotes
        ],
        "changes": changes_to_dict(view.changes) if view.changes is not None else None,
        "links": [
            {"kind": k.kind, "article_id": k.article_id, "earlier_id": k.earlier_id}
            for k in view.links
        ],
    }


def _holder(h: Holder) -> dict[str, Any]:
    return {"article_id": h.article_id, "outlet": h.outlet}


def changes_to_dict(changes: ChangeSummary) -> dict[str, Any]:
    """The ``changes`` object of the story JSON: each fact of the earliest version with
    the copies that kept, changed (to what) or dropped it, and claims only in copies."""
    return {
        "earliest_id": changes.earliest_id,
        "earliest_outlet": changes.earliest_outlet,
        "facts": [
            {
                "kind": f.kind,
                "text": f.text,
                "span": list(f.span),
                "kept": [_holder(h) for h in f.kept],
                "changed": [
                    {**_holder(c.holder), "to": c.to, "finding": c.kind} for c in f.changed
                ],
                "dropped": [_holder(h) for h in f.dropped],
            }
            for f in changes.facts
        ],
        "only_in_copies": [
            {"kind": c.kind, "text": c.text, "articles": [_holder(h) for h in c.holders]}
            for c in changes.only_in_copies
        ],
    }


def similar_to_dict(hit: SimilarHit) -> dict[str, Any]:
    """One line of ``wiretrace similar --format json``."""
    return {
        "article_id": hit.article_id,
        "title": hit.title,
        "outlet": hit.outlet,
        "published": hit.published.isoformat() if hit.published else None,
        "story_id": hit.story_id,
        "query_in_hit": hit.query_in_hit,
        "hit_in_query": hit.hit_in_query,
        "passages": hit.passages,
        "related": hit.related,
    }


def render_stories_text(summaries: list[StorySummary]) -> RenderableType:
    """A table of stories, earliest first."""
    table = Table(title=counted(len(summaries), "story"), title_justify="left")
    table.add_column("story")
    table.add_column("first seen")
    table.add_column("articles", justify="right")
    table.add_column("title")
    table.add_column("outlets")
    for s in summaries:
        table.add_row(
            s.story_id,
            s.first_seen.strftime("%Y-%m-%d %H:%M") if s.first_seen else "—",
            str(len(s.article_ids)),
            s.title or "",
            ", ".join(s.outlets[:4]) + (f" +{len(s.outlets) - 4}" if len(s.outlets) > 4 else ""),
        )
    return table


def _who(item: StoredArticle) -> str:
    a = item.article
    when = a.published.strftime("%Y-%m-%d %H:%M") if a.published else "time unknown"
    return f"{item.id} · {a.outlet or 'outlet unknown'} · {when}"


def render_story_text(view: StoryView) -> RenderableType:
    """Timeline, derivation tree with per-edge findings, and tracked quotes."""
    graph = view.graph
    by_id = {item.id: item for item in graph.articles}
    parts: list[RenderableType] = [
        Text(f"{view.summary.story_id}: {view.summary.title or '(no title)'}", style="bold"),
    ]
    timeline = Table(title="Timeline", title_justify="left")
    evidence = {m.article_id: m for m in view.members}
    for column in ("published", "article", "outlet", "role", "title", "why in this story"):
        timeline.add_column(column)
    for item in graph.articles:
        a = item.article
        timeline.add_row(
            a.published.strftime("%Y-%m-%d %H:%M") if a.published else "—",
            item.id,
            a.outlet or "",
            graph.role(item.id),
            article_title(item) or "",
            why_text(evidence.get(item.id)),
        )
    parts.append(timeline)
    edges: dict[str, list[Edge]] = {}
    names = member_names(graph.articles)
    for e in graph.edges:
        edges.setdefault(e.source_id, []).append(named_edge(e, names))
    tree = Tree(Text("Derivation (source → copy)", style="bold"))

    def grow(node: Tree, article_id: str) -> None:
        for e in edges.get(article_id, []):
            label = Text(
                f"{_who(by_id[e.target_id])}  {e.kind.value}  confidence {e.confidence:.2f}"
            )
            child = node.add(label)
            child.add(Text("; ".join(e.reasons[:2]), style="dim"))
            if e.comparison is not None:
                for f in e.comparison.findings[:12]:
                    child.add(Text(f"{f.kind.value}: {f.explanation}", style="yellow"))
                if len(e.comparison.findings) > 12:
                    child.add(Text(f"... {len(e.comparison.findings) - 12} more findings"))
            grow(child, e.target_id)

    for root in graph.roots:
        node = tree.add(
            Text(_who(by_id[root]) + ("  (earliest)" if root == graph.earliest else ""))
        )
        grow(node, root)
    parts.append(tree)
    oriented = {frozenset((e.source_id, e.target_id)): e for e in graph.edges}
    for k in view.links:
        what = "a later version of" if k.kind == "version" else "a verbatim copy of"
        copy, first = k.article_id, k.earlier_id
        edge = oriented.get(frozenset((copy, first)))
        if k.kind == "verbatim" and edge is not None:  # as the tree has it: by time
            copy, first = edge.target_id, edge.source_id
        parts.append(Text(f"{k.kind}: {names[copy]} is {what} {names[first]}", style="dim"))
    if view.quotes:
        quotes = Table(title="Quotes", title_justify="left")
        for column in ("speaker", "quote (earliest version)", "in", "changed in"):
            quotes.add_column(column)
        for q in view.quotes:
            changed = [f"{v.article_id} ({v.relation})" for v in q.altered]
            if q.new_in_copy:
                changed.insert(0, f"first appears in a copy ({q.earliest_id})")
            quotes.add_row(q.speaker or "?", q.text, str(len(q.variants)), "\n".join(changed))
        parts.append(quotes)
    if view.changes is not None and (view.changes.facts or view.changes.only_in_copies):
        parts.append(render_changes_text(view.changes))
    return Group(*parts)


def _who_short(h: Holder) -> str:
    return h.outlet or h.article_id


def render_changes_text(changes: ChangeSummary) -> RenderableType:
    """The change summary: facts changed or dropped by some copy first, then the claims
    only in copies (facts every copy kept are counted, not listed)."""
    source = changes.earliest_outlet or changes.earliest_id
    table = Table(
        title=f"What the copies did with the earliest version ({source})", title_justify="left"
    )
    for column in ("fact", "kept by", "changed by (to)", "dropped by"):
        table.add_column(column)
    steady = 0
    for f in changes.facts:
        if not f.changed and not f.dropped:
            steady += 1
            continue
        table.add_row(
            f"{f.kind}: {f.text}",
            ", ".join(_who_short(h) for h in f.kept) or "—",
            "\n".join(f"{_who_short(c.holder)}: {c.to or '?'}" for c in f.changed) or "—",
            ", ".join(_who_short(h) for h in f.dropped) or "—",
        )
    parts: list[RenderableType] = [table] if table.row_count else []
    if steady:
        more = "more " if table.row_count else ""
        parts.append(Text(f"{counted(steady, more + 'fact')} kept by every copy", style="dim"))
    if changes.only_in_copies:
        claims = Table(title="Only in copies", title_justify="left")
        claims.add_column("kind")
        claims.add_column("text")
        claims.add_column("in")
        for c in changes.only_in_copies:
            claims.add_row(c.kind, c.text, ", ".join(_who_short(h) for h in c.holders))
        parts.append(claims)
    return Group(*parts)


def _who_html(holders: Sequence[Holder]) -> str:
    return escape(", ".join(_who_short(h) for h in holders)) or "—"


def changes_html(changes: ChangeSummary) -> str:
    """The change summary as an HTML section (escaped): every fact of the earliest
    version with the outlets that kept, changed (to what) or dropped it; the facts some
    copy changed or dropped come first; then the claims only in copies."""
    source = changes.earliest_outlet or changes.earliest_id
    out = [
        '<h2 id="changes">What changed from the earliest version</h2>'
        f"<p>Each fact of the earliest version ({escape(source)}): which outlets kept it, "
        "changed it (to what) or dropped it.</p>"
    ]
    if not changes.facts:
        out.append(
            "<p><em>No figures, names, quotes or attributions found in the earliest "
            "version.</em></p>"
        )
    else:
        out.append(
            '<table class="changes"><tr><th>kind</th><th>fact</th><th>changed by (to what)</th>'
            "<th>dropped by</th><th>kept by</th></tr>"
        )
        ordered = sorted(changes.facts, key=lambda f: not (f.changed or f.dropped))
        for f in ordered:
            changed = "<br>".join(
                f"{escape(_who_short(c.holder))}: “{escape(c.to or '?')}” "
                f"<span class='conf'>{escape(c.kind.replace('_', ' '))}</span>"
                for c in f.changed
            )
            out.append(
                f"<tr><td>{escape(f.kind)}</td><td>{escape(f.text)}</td>"
                f"<td>{changed or '—'}</td><td>{_who_html(f.dropped)}</td>"
                f"<td>{_who_html(f.kept)}</td></tr>"
            )
        out.append("</table>")
    if changes.only_in_copies:
        out.append(
            "<h3>Claims only in copies</h3><table class='claims'><tr><th>kind</th><th>text</th>"
            "<th>in</th></tr>"
        )
        out.extend(
            f"<tr><td>{escape(c.kind)}</td><td>{escape(c.text)}</td>"
            f"<td>{_who_html(c.holders)}</td></tr>"
            for c in changes.only_in_copies
        )
        out.append("</table>")
    return "".join(out)


def render_story_html(view: StoryView) -> str:
    """One story as a self-contained HTML page: timeline, edges, the change summary,
    quotes, and each edge's side-by-side evidence."""
    graph = view.graph
    evidence = {m.article_id: m for m in view.members}
    names = member_names(graph.articles)
    edges = [named_edge(e, names) for e in graph.edges]
    rows = "".join(
        f"<tr><td>{escape(_when(item))}</td><td>{escape(item.id)}</td>"
        f"<td>{escape(item.article.outlet or '')}</td><td>{escape(article_title(item) or '')}</td>"
        f"<td>{graph.role(item.id)}</td><td>{escape(why_text(evidence.get(item.id)))}</td></tr>"
        for item in graph.articles
    )
    body = [
        "<h2>Timeline</h2><table><tr><th>published</th><th>article</th><th>outlet</th>"
        f"<th>title</th><th>role</th><th>why in this story</th></tr>{rows}</table>",
        "<h2>Derivation edges</h2><table><tr><th>source</th><th>copy</th><th>kind</th>"
        "<th>confidence</th>"
        "<th>reasons</th><th>findings</th></tr>",
    ]
    for e in edges:
        count = len(e.comparison.findings) if e.comparison else 0
        body.append(
            f"<tr><td>{escape(e.source_id)}</td><td>{escape(e.target_id)}</td>"
            f"<td>{e.kind.value}</td><td>{e.confidence:.2f}</td><td class='reasons'>"
            f"{'<br>'.join(escape(r) for r in e.reasons)}</td><td>{count}</td></tr>"
        )
    body.append("</table>")
    if view.changes is not None:
        body.append(changes_html(view.changes))
    if view.quotes:
        body.append(
            "<h2>Quotes</h2><table><tr><th>speaker</th><th>earliest version</th>"
            "<th>variants</th></tr>"
        )
        for q in view.quotes:
            variants = "<br>".join(
                f"{escape(v.article_id)}: <em>{escape(v.relation)}</em>"
                + (" (speaker changed)" if v.speaker_changed else "")
                + (f" “{escape(v.text)}”" if v.relation != "same" else "")
                for v in q.variants
            )
            flag = " <strong>(first appears in a copy)</strong>" if q.new_in_copy else ""
            body.append(
                f"<tr><td>{escape(q.speaker or '?')}</td><td>“{escape(q.text)}”{flag}</td>"
                f"<td>{variants}</td></tr>"
            )
        body.append("</table>")
    for e in edges:
        if e.comparison is not None:
            a, b = names[e.source_id], names[e.target_id]
            body.append(comparison_section(e.comparison, f"{a} → {b}", (a, b)))
    title = f"wiretrace story {view.summary.story_id}: {view.summary.title or ''}"
    return page(title, "\n".join(body))


def _when(item: StoredArticle) -> str:
    p = item.article.published
    return p.strftime("%Y-%m-%d %H:%M") if p else "—"
