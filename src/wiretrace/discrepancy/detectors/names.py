"""Name findings: someone else named in the same place, or a name's other part changed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import ClassVar

from rapidfuzz import fuzz

from wiretrace.discrepancy.detectors.base import Context, PassageView, Side
from wiretrace.discrepancy.mentions import NameMention
from wiretrace.model import Finding, FindingFamily, FindingKind, Span
from wiretrace.text.lexicon import ORGANISATION_HEADS, TITLES
from wiretrace.text.tokens import Token, fold


class NameDetector:
    """Names replaced in aligned passages, then full names across the whole texts."""

    family: ClassVar[FindingFamily] = FindingFamily.NAMES

    def detect(self, ctx: Context, earlier: Sequence[Finding]) -> list[Finding]:
        """Slot substitutions passage by passage, then first-name / surname changes."""
        out: list[Finding] = []
        for view in ctx.views():
            out.extend(_slot_name_findings(ctx, view))
            out.extend(_institution_findings(ctx, view))
        out.extend(_name_findings(ctx))
        # a speaker replaced by another person is an attribution change (reported by the
        # attribution detector), not a name change as well
        moved = [
            (f.a_span, f.b_span)
            for f in earlier
            if f.kind is FindingKind.ATTRIBUTION_CHANGED and f.a_span and f.b_span
        ]
        # a name changed inside a quote that a quote finding reports is the quote's
        # words changed: reported once (``quote_altered``), as a figure there is
        moved += [
            (f.a_span, f.b_span)
            for f in earlier
            if f.kind is FindingKind.QUOTE_ALTERED and f.a_span and f.b_span
        ]
        kept: list[Finding] = []
        seen: set[tuple[frozenset[str], frozenset[str]]] = set()
        for f in out:
            if any(_within(f.a_span, x) and _within(f.b_span, y) for x, y in moved):
                continue
            # a name misspelt at every mention is one change, reported where first seen
            key = _changed_words(f.a_text or "", f.b_text or "")
            if key in seen:
                continue
            seen.add(key)
            kept.append(f)
        return kept


def _within(inner: Span | None, outer: Span) -> bool:
    """Whether span ``inner`` lies inside ``outer``."""
    return inner is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def _changed_words(x: str, y: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words only one of two names has (folded): "Bram Kettel" -> "Bram Kessel" and
    "Kettel" -> "Kessel" are one change."""
    wx = {fold(w) for w in re.findall(r"[\w’'-]+", x)}
    wy = {fold(w) for w in re.findall(r"[\w’'-]+", y)}
    return frozenset(wx - wy), frozenset(wy - wx)


def _slot_name_findings(ctx: Context, view: PassageView) -> list[Finding]:
    """A name replaced by another name in the same place of an aligned passage.

    A short substitution only needs the names to be absent from the other passage; a
    longer one needs them absent from the whole other text.
    """
    sa, sb = ctx.a, ctx.b
    al, ta, tb = view.alignment, view.ta, view.tb
    out: list[Finding] = []
    slots = [
        op
        for op in view.opcodes
        if op[0] == "replace" and op[2] - op[1] <= 6 and op[4] - op[3] <= 6
    ]
    if not slots:
        return out  # no short replacement (a passage kept word for word): no slot to read
    names_a = sa.names(al.a_sentences)
    names_b = sb.names(al.b_sentences)
    # a word the passage names fewer times than before counts as gone from it ("the
    # Elderstowe utility … a court in Elderstowe" -> "the Elderstowe utility … a court in
    # Marlow"): counted, not just present
    count_a, count_b = Counter(t.norm for t in ta), Counter(t.norm for t in tb)
    group_a = frozenset(w for w in count_a if count_a[w] >= count_b[w])
    group_b = frozenset(w for w in count_b if count_b[w] >= count_a[w])
    for _, i1, i2, j1, j2 in slots:
        short = i2 - i1 <= 3 and j2 - j1 <= 3
        na = _changed_names(names_a, ta[i1:i2], group_b if short else sb.an.norms)
        nb = _changed_names(names_b, tb[j1:j2], group_a if short else sa.an.norms)
        if len(na) == 1 and len(nb) == 1:
            a_n, b_n = na[0], nb[0]
            raw_a, raw_b = sa.text[a_n.start : a_n.end], sb.text[b_n.start : b_n.end]
            if _same_but_place_form(a_n.words, b_n.words, raw_a + " " + raw_b):
                continue
            variant = fuzz.ratio(" ".join(a_n.words), " ".join(b_n.words)) >= 75
            out.append(
                ctx.finding(
                    FindingKind.ENTITY_CHANGED,
                    (a_n.start, a_n.end),
                    (b_n.start, b_n.end),
                    0.45 if variant else 0.8,
                    (
                        "the name is spelled differently (a variant or a different person)"
                        if variant
                        else "the same place in the passage names someone else"
                    )
                    + f": “{sa.text[a_n.start : a_n.end]}” → “{sb.text[b_n.start : b_n.end]}”",
                )
            )
    return out


def _institution_findings(ctx: Context, view: PassageView) -> list[Finding]:
    """An institution named by a common noun replaced by another in the same place of a
    closely kept passage: "The finance ministry, which owns 34 percent" -> "The central
    bank, which owns 34 percent". Both short stretches (two or three words: a bare head
    swapped, "the company" -> "the group", is as often a paraphrase) end in an
    organisation's head noun (``ORGANISATION_HEADS``), the heads differ, neither stands in
    the other passage, and the words either side of the swap are kept."""
    if view.alignment.similarity < 0.6:
        return []
    ta, tb, ops = view.ta, view.tb, view.opcodes
    words_a, words_b = {t.norm for t in ta}, {t.norm for t in tb}
    out: list[Finding] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace" or not (2 <= i2 - i1 <= 3 and 2 <= j2 - j1 <= 3):
            continue  # a bare head swapped ("the company" -> "the group") is a paraphrase
        if not (0 < k < len(ops) - 1 and ops[k - 1][0] == ops[k + 1][0] == "equal"):
            continue
        head_a, head_b = ta[i2 - 1], tb[j2 - 1]
        if head_a.norm not in ORGANISATION_HEADS or head_b.norm not in ORGANISATION_HEADS:
            continue
        if head_a.stem == head_b.stem or head_a.norm in words_b or head_b.norm in words_a:
            continue
        if any(t.capitalized and t.start != view.alignment.a_span[0] for t in ta[i1:i2]):
            continue  # a proper name: the name detectors' to read
        a_span, b_span = (ta[i1].start, head_a.end), (tb[j1].start, head_b.end)
        out.append(
            ctx.finding(
                FindingKind.ENTITY_CHANGED,
                a_span,
                b_span,
                0.7,
                "the same place in the passage names another institution: "
                f"“{ctx.a.text[a_span[0] : a_span[1]]}” → “{ctx.b.text[b_span[0] : b_span[1]]}”",
            )
        )
    return out


_DEMONYM_ENDINGS = ("ian", "an", "ese", "ish", "i", "ic", "ean")


def _same_but_place_form(wa: tuple[str, ...], wb: tuple[str, ...], raw: str) -> bool:
    """Whether two names differ only in how a place is named before them: "Italy's Paolo
    Moretti" = "Italian Paolo Moretti", "Spain's Javier Lorca" = "Spanish Javier Lorca"
    (a possessive against a demonym sharing its first three letters). ``raw`` holds the
    two names as written (the words are folded, without the possessive)."""
    only_a = [w for w in wa if w not in wb]
    only_b = [w for w in wb if w not in wa]
    if len(only_a) != 1 or len(only_b) != 1 or len(wa) < 2 or len(wb) < 2:
        return False
    x, y = only_a[0], only_b[0]
    place, adj = (x, y) if y.endswith(_DEMONYM_ENDINGS) else (y, x)
    if not adj.endswith(_DEMONYM_ENDINGS) or place[:3] != adj[:3] or place == adj:
        return False
    return re.search(rf"\b{re.escape(place)}['’]s\b", raw, re.IGNORECASE) is not None


def _changed_names(
    mentions: list[NameMention], region: list[Token], known: frozenset[str]
) -> list[NameMention]:
    """Names overlapping a replaced stretch whose replaced words the other side lacks."""
    if not region:
        return []
    lo, hi = region[0].start, region[-1].end
    out = []
    for n in mentions:
        if n.end <= lo or n.start >= hi:
            continue
        words = {t.norm for t in region if n.start <= t.start < n.end}
        if words and not words & known:
            out.append(n)
    return out


def _name_findings(ctx: Context) -> list[Finding]:
    """Full names sharing a surname (or a first name) but differing in the other part."""
    sa, sb = ctx.a, ctx.b
    full_a = _full_names(sa)
    full_b = _full_names(sb)
    out: list[Finding] = []
    reported: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for na in full_a:
        for nb in full_b:
            if na.words == nb.words or (na.words, nb.words) in reported:
                continue
            fa, la = na.words[:-1], na.words[-1]
            fb, lb = nb.words[:-1], nb.words[-1]
            if la == lb and fa != fb:
                new_a = [w for w in fa if w not in sb.an.norms]
                new_b = [w for w in fb if w not in sa.an.norms]
                if not new_a or not new_b:
                    continue
                what = "first name"
            elif fa == fb and la != lb and la not in sb.an.norms and lb not in sa.an.norms:
                what = "surname"
            else:
                continue
            raw = sa.text[na.start : na.end] + " " + sb.text[nb.start : nb.end]
            if _same_but_place_form(na.words, nb.words, raw):
                continue
            reported.add((na.words, nb.words))
            variant = fuzz.ratio(" ".join(na.words), " ".join(nb.words)) >= 80
            out.append(
                ctx.finding(
                    FindingKind.ENTITY_CHANGED,
                    (na.start, na.end),
                    (nb.start, nb.end),
                    0.4 if variant else 0.85,
                    f"the {what} differs: “{sa.text[na.start : na.end]}” in A, "
                    f"“{sb.text[nb.start : nb.end]}” in B"
                    + (" (possibly a spelling variant)" if variant else ""),
                )
            )
    return out


def _full_names(side: Side) -> list[NameMention]:
    """Distinct names of two to four words (titles left out) in a text."""
    out: list[NameMention] = []
    seen: set[tuple[str, ...]] = set()
    for n in side.names(range(len(side.an.tokens))):
        words = tuple(w for w in n.words if w not in TITLES)
        if 2 <= len(words) <= 4 and words not in seen:
            seen.add(words)
            out.append(n)
    return out
