"""The change summary of a story: each fact of the earliest version (figure, name, quote,
attribution) and which copies kept, changed or dropped it; claims only in copies."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wiretrace.discrepancy.mentions import names, numbers_and_dates, proper_words
from wiretrace.discrepancy.quotes import extract_quotes
from wiretrace.model import Comparison, Document, Finding, FindingKind, Span
from wiretrace.text.analysis import analyze

#: Facts of the earliest version listed at most (first in reading order), and claims.
MAX_FACTS = 80
MAX_CLAIMS = 40

#: Finding kinds that say a fact of a kind was changed in the copy.
_CHANGED_BY: dict[str, frozenset[FindingKind]] = {
    "figure": frozenset({FindingKind.NUMBER_CHANGED, FindingKind.HEDGE_CHANGED}),
    "name": frozenset({FindingKind.ENTITY_CHANGED}),
    "quote": frozenset(
        {
            FindingKind.QUOTE_ALTERED,
            FindingKind.QUOTE_TRIMMED,
            FindingKind.ATTRIBUTION_CHANGED,
        }
    ),
    "attribution": frozenset({FindingKind.ATTRIBUTION_CHANGED}),
}
#: Finding kinds that say a fact was dropped (besides an omission of its sentence).
_DROPPED_BY: dict[str, frozenset[FindingKind]] = {
    "attribution": frozenset({FindingKind.ATTRIBUTION_DROPPED}),
}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Holder:
    """An article of the story: its id and outlet."""

    article_id: str
    outlet: str | None


@dataclass(frozen=True, slots=True)
class FactChange:
    """A copy that changed a fact: to what (the copy's words), by which finding kind."""

    holder: Holder
    to: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact of the earliest version and its fate in each copy.

    Attributes:
        kind: "figure", "name", "quote" or "attribution".
        text: Its words in the earliest version.
        span: Character offsets in the earliest version's text.
        kept, changed, dropped: The copies that kept it (same words, or the passage
            carried over with no finding on it), changed it (a finding on it) or
            dropped it (no counterpart, or an omission or dropped-attribution finding).
    """

    kind: str
    text: str
    span: Span
    kept: tuple[Holder, ...]
    changed: tuple[FactChange, ...]
    dropped: tuple[Holder, ...]


@dataclass(frozen=True, slots=True)
class CopyClaim:
    """A claim or quote found only in copies ("claim": an unsupported addition,
    "quote": a fabricated quote), with the copies that carry it."""

    kind: str
    text: str
    holders: tuple[Holder, ...]


@dataclass(frozen=True, slots=True)
class ChangeSummary:
    """What the copies did with the earliest version's facts, and what they added."""

    earliest_id: str
    earliest_outlet: str | None
    facts: tuple[Fact, ...]
    only_in_copies: tuple[CopyClaim, ...]


def earliest_facts(doc: Document) -> list[tuple[str, str, Span]]:
    """(kind, text, span) of the figures, names, quotes and quote attributions of a
    document, in reading order, each distinct text once."""
    an = analyze(doc)
    text = doc.text
    lower = frozenset(t.norm for toks in an.tokens for t in toks if not t.capitalized)
    proper = proper_words(an.tokens, text)
    found: list[tuple[str, str, Span]] = []
    for tokens in an.tokens:
        numbers, _ = numbers_and_dates(tokens)
        for n in numbers:
            start = n.hedge_start if n.hedge != "none" else n.start
            found.append(("figure", text[start : n.end], (start, n.end)))
        for m in names(tokens, text, lower, proper):
            found.append(("name", text[m.start : m.end], (m.start, m.end)))
    for q in extract_quotes(doc):
        found.append(("quote", q.text, (q.start, q.end)))
        if q.attribution and q.attribution_span:
            found.append(("attribution", q.attribution, q.attribution_span))
    found.sort(key=lambda f: (f[2][0], f[0]))
    seen: set[tuple[str, str]] = set()
    out = []
    for kind, words, span in found:
        key = (kind, _norm(words))
        if key in seen or not key[1]:
            continue
        seen.add(key)
        out.append((kind, words, span))
    return out[:MAX_FACTS]


def summarize_changes(
    earliest: Document,
    earliest_id: str,
    copies: Sequence[tuple[str, Comparison]],
) -> ChangeSummary:
    """The change summary of a story.

    Args:
        earliest: The earliest version, cleaned and segmented.
        earliest_id: Its article id.
        copies: (article id, ``compare(earliest, copy)``) for each copy derived from the
            earliest version, directly or through other copies (independent reports are
            left out: they did not take the facts from it).

    Returns:
        Each fact of the earliest version with the copies that kept, changed or dropped
        it, and the claims and quotes found only in copies (grouped by their words).
    """
    facts = []
    texts = [_norm(result.b.text) for _, result in copies]  # each copy's, folded once
    for kind, words, span in earliest_facts(earliest):
        kept: list[Holder] = []
        changed: list[FactChange] = []
        dropped: list[Holder] = []
        folded = _norm(words)
        for (article_id, result), text in zip(copies, texts, strict=True):
            holder = Holder(article_id, result.b.article.outlet)
            fate, finding = _fate(kind, span, folded, result, text)
            if fate == "changed" and finding is not None:
                changed.append(FactChange(holder, finding.b_text, finding.kind.value))
            elif fate == "kept":
                kept.append(holder)
            else:
                dropped.append(holder)
        facts.append(Fact(kind, words, span, tuple(kept), tuple(changed), tuple(dropped)))
    claims: dict[tuple[str, str], tuple[str, list[Holder]]] = {}
    for article_id, result in copies:
        holder = Holder(article_id, result.b.article.outlet)
        for f in result.findings:
            if f.kind not in (FindingKind.UNSUPPORTED_ADDITION, FindingKind.QUOTE_FABRICATED):
                continue
            if not f.b_text:
                continue
            kind = "quote" if f.kind is FindingKind.QUOTE_FABRICATED else "claim"
            key = (kind, _norm(f.b_text))
            entry = claims.setdefault(key, (f.b_text, []))
            if holder not in entry[1]:
                entry[1].append(holder)
    only = tuple(
        CopyClaim(kind, words, tuple(holders))
        for (kind, _), (words, holders) in list(claims.items())[:MAX_CLAIMS]
    )
    outlet = copies[0][1].a.article.outlet if copies else earliest.article.outlet
    return ChangeSummary(earliest_id, outlet, tuple(facts), only)


def _fate(
    kind: str, span: Span, folded: str, result: Comparison, copy_text: str
) -> tuple[str, Finding | None]:
    """ "changed" (with the finding), "dropped" or "kept" for one fact in one copy: the
    fact's words and the copy's text are given folded (``_norm``)."""
    for f in result.findings:
        if f.a_span is None or not _overlaps(f.a_span, span):
            continue
        if f.kind in _CHANGED_BY.get(kind, ()):
            return "changed", f
        if f.kind in _DROPPED_BY.get(kind, ()):
            return "dropped", f
    if folded in copy_text:
        return "kept", None
    for f in result.findings:
        if f.kind is FindingKind.OMISSION and f.a_span and _inside(span, f.a_span):
            return "dropped", f
    carried = any(_inside(span, al.a_span) for al in result.alignments)
    return ("kept", None) if carried and kind != "quote" else ("dropped", None)


def _overlaps(x: Span, y: Span) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def _inside(x: Span, y: Span) -> bool:
    return y[0] <= x[0] and x[1] <= y[1]


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def descendants(root: str, parents: Mapping[str, str]) -> list[str]:
    """Articles derived from ``root``, directly or through others (in no set order
    beyond: children before grandchildren)."""
    children: dict[str, list[str]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    out, frontier = [], [root]
    while frontier:
        nxt = []
        for node in frontier:
            for child in sorted(children.get(node, ())):
                out.append(child)
                nxt.append(child)
        frontier = nxt
    return out
