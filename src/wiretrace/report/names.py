"""Names of a story's articles in its reports: the outlet (or id) instead of "A" and "B"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wiretrace.provenance.graph import Edge
    from wiretrace.store.base import StoredArticle

#: Quoted article text inside an explanation (“…” or "…"): never renamed.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
#: A side letter: "A" or "B" standing alone, not a part of a name ("A-level", "B2").
_SIDE = re.compile(r"(?<![\w-])([AB])(?![\w-])")
#: A capitalised word just before a letter makes it a name ("Plan B", "Group A").
_NAME_BEFORE = re.compile(r"[A-Z][a-z]+ $")


def member_names(items: Iterable[StoredArticle]) -> dict[str, str]:
    """Article id -> how a story's reports name it: its outlet; the outlet and the id
    when another member has the same outlet ("Nordpress (wire2)"); the id when it
    names no outlet."""
    members = list(items)
    outlets = Counter(m.article.outlet for m in members if m.article.outlet)
    out = {}
    for m in members:
        outlet = m.article.outlet
        if not outlet:
            out[m.id] = m.id
        else:
            out[m.id] = outlet if outlets[outlet] == 1 else f"{outlet} ({m.id})"
    return out


def name_sides(text: str, a: str, b: str) -> str:
    """``text`` (a finding's explanation or a direction reason, where "A" is the source
    and "B" the copy) with the side letters replaced by the names ``a`` and ``b``;
    quoted article text is left as it is.

    Example:
        >>> name_sides("A gives 12 cracks; B gives “Plan B”", "Nordpress", "Harbour Times")
        'Nordpress gives 12 cracks; Harbour Times gives “Plan B”'
    """
    names = {"A": a, "B": b}

    def swap(part: str) -> str:
        def one(m: re.Match[str]) -> str:
            if _NAME_BEFORE.search(part, 0, m.start()):
                return m.group(1)
            return names[m.group(1)]

        return _SIDE.sub(one, part)

    out: list[str] = []
    pos = 0
    for m in _QUOTED.finditer(text):
        out.append(swap(text[pos : m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(swap(text[pos:]))
    return "".join(out)


def named_edge(edge: Edge, names: dict[str, str]) -> Edge:
    """The edge with its reasons, its comparison's direction reasons and its findings'
    explanations naming the source and the copy (``names``: article id -> name)."""
    a = names.get(edge.source_id, edge.source_id)
    b = names.get(edge.target_id, edge.target_id)
    reasons = tuple(name_sides(r, a, b) for r in edge.reasons)
    comparison = edge.comparison
    if comparison is not None:
        comparison = replace(
            comparison,
            findings=tuple(
                replace(f, explanation=name_sides(f.explanation, a, b)) for f in comparison.findings
            ),
            direction=replace(
                comparison.direction,
                reasons=tuple(name_sides(r, a, b) for r in comparison.direction.reasons),
            ),
        )
    return replace(edge, reasons=reasons, comparison=comparison)
