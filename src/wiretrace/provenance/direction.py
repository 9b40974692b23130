"""Direction of derivation: weigh textual and time evidence for "A is the source of B".

Copies tend to trim quotes, drop attribution chains and specific details, add context
sentences and page furniture, and appear later. Quotes turned into reported speech (or
reported speech into quotes) are not counted: rewrites do both. Each signal adds a signed
weight (positive: A is the source); the sum gives the verdict and, through tanh, the
confidence. When both publication times are known, the earlier text is the source unless
the textual signals point the other way by at least ``_VERY_STRONG``; the first reason says
so. Weights were set by hand on the demo and eval pairs; re-run ``make eval-gate`` after
changing them.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import timedelta
from typing import Literal

from wiretrace.model import BoilerplateReason, Direction, Document, Finding, FindingKind
from wiretrace.text.counted import counted

_PAGE_FURNITURE = {BoilerplateReason.RELATED_LINKS, BoilerplateReason.TITLE_FRAGMENT}
_MARGIN = 0.4
#: Textual evidence against the earlier publication time must reach this score to
#: overrule it (the signals' weights add up to about 3 at most, so only a case where
#: nearly every signal points the other way does).
_VERY_STRONG = 2.5


def infer_direction(
    a: Document,
    b: Document,
    findings: tuple[Finding, ...],
    reverse: tuple[Finding, ...] = (),
    *,
    identical: bool = False,
) -> Direction:
    """Which of A and B is more likely the source, with a confidence and the reasons.

    Args:
        a, b: the two documents.
        findings: findings of B relative to A.
        reverse: quote and attribution findings of A relative to B (the same signals read
            the other way, so that the verdict does not depend on argument order).
        identical: the texts are the same.
    """
    if identical:
        return Direction(None, 0.0, ("the texts are identical: no textual evidence of order",))
    score = 0.0
    reasons: list[tuple[float, str]] = []

    def add(weight: float, reason: str) -> None:
        nonlocal score
        score += weight
        reasons.append((weight, reason))

    for copy, origin, sign, evidence in (("B", "A", 1.0, findings), ("A", "B", -1.0, reverse)):
        kinds = Counter(f.kind for f in evidence)
        n = kinds[FindingKind.QUOTE_TRIMMED]
        if n:
            add(
                sign * 0.8 * min(n, 2),
                f"{copy} quotes {n} of {origin}'s quotations only in part (copies trim quotes)",
            )
        n = kinds[FindingKind.ATTRIBUTION_DROPPED]
        if n:
            add(
                sign * 0.7 * min(n, 2),
                f"{copy} drops {counted(n, 'attribution')} that {origin} gives "
                "(copies lose sourcing)",
            )
    omitted = _specifics(findings, FindingKind.OMISSION)
    added = _specifics(findings, FindingKind.UNSUPPORTED_ADDITION)
    if omitted > added:
        add(
            min(1.0, 0.25 * (omitted - added)),
            f"A has {counted(omitted, 'specific detail')} (names, numbers) that B lacks; "
            f"B adds {added}",
        )
    elif added > omitted:
        add(
            -min(1.0, 0.25 * (added - omitted)),
            f"B has {counted(added, 'specific detail')} (names, numbers) that A lacks; "
            f"A adds {omitted}",
        )
    furniture_a = {s.reason for s in a.boilerplate} & _PAGE_FURNITURE
    furniture_b = {s.reason for s in b.boilerplate} & _PAGE_FURNITURE
    if furniture_b and not furniture_a:
        add(0.5, "B carries aggregator page furniture (" + ", ".join(sorted(furniture_b)) + ")")
    elif furniture_a and not furniture_b:
        add(-0.5, "A carries aggregator page furniture (" + ", ".join(sorted(furniture_a)) + ")")
    pa, pb = a.article.published, b.article.published
    if pa is not None and pb is not None and pa != pb:
        text_score = score
        earlier: Literal["a", "b"] = "a" if pa < pb else "b"
        gap = _duration(abs(pb - pa))
        add(
            1.5 if earlier == "a" else -1.5,
            f"{earlier.upper()} was published first ({min(pa, pb).isoformat()}, {gap} earlier)",
        )
        against = text_score if earlier == "b" else -text_score
        if against < _VERY_STRONG:
            # both times known: the earlier text is the source unless the text says
            # otherwise very strongly
            ordered = [r for w, r in sorted(reasons, key=lambda x: -abs(x[0]))]
            why = (
                f"both publication times are known: the earlier text ({earlier.upper()}, "
                f"{gap} before the other) is the source"
            )
            if against > 0:
                why += (
                    "; the textual signals point the other way, but not strongly enough "
                    f"({against:.1f} < {_VERY_STRONG})"
                )
            ordered.insert(0, why)
            confidence = round(max(0.6, math.tanh(abs(score) / 2)), 3)
            return Direction(earlier, confidence, tuple(ordered))
    if not reasons:
        return Direction(None, 0.0, ("no signal points either way",))
    source: Literal["a", "b"] | None
    source = "a" if score > _MARGIN else "b" if score < -_MARGIN else None
    confidence = round(math.tanh(abs(score) / 2), 3) if source else 0.0
    ordered = [r for w, r in sorted(reasons, key=lambda x: -abs(x[0]))]
    if source is None:
        ordered.insert(0, "the signals are too weak or conflicting to decide")
    return Direction(source, confidence, tuple(ordered))


def _duration(delta: timedelta) -> str:
    """A time gap in words: "5 h 40 min", "3 days"."""
    minutes = int(delta.total_seconds() // 60)
    if minutes >= 2 * 24 * 60:
        return f"{minutes // (24 * 60)} days"
    hours, mins = divmod(minutes, 60)
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


def _specifics(findings: tuple[Finding, ...], kind: FindingKind) -> int:
    """Names and numbers inside findings of one kind: a rough count of specific details."""
    total = 0
    for f in findings:
        if f.kind is not kind:
            continue
        text = f.a_text if kind is FindingKind.OMISSION else f.b_text
        if not text:
            continue
        words = text.split()
        total += sum(1 for w in words[1:] if w[:1].isupper()) + sum(
            1 for w in words if any(c.isdigit() for c in w)
        )
    return total
