"""Number and date findings: a figure, its qualifier or a date part changed in a passage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from wiretrace.discrepancy.detectors.base import (
    Context,
    PassageView,
    equal_figures,
    inside,
    measure,
    same_value,
)
from wiretrace.discrepancy.mentions import DateMention, NumberMention
from wiretrace.model import Finding, FindingFamily, FindingKind
from wiretrace.text.lexicon import CONVERSIONS, UNITS


class FigureDetector:
    """Numbers (value and unit) and date parts compared within each aligned passage; a
    figure kept with another qualifier is a hedge finding (``PolarityDetector``)."""

    family: ClassVar[FindingFamily] = FindingFamily.NUMBERS_AND_DATES

    def detect(self, ctx: Context, earlier: Sequence[Finding]) -> list[Finding]:
        """Number findings then date findings, passage by passage. A figure changed
        inside quotation marks on both sides, in a quote a quote finding already reports,
        is the quote's words changed: reported once (``quote_altered``), as a hedge or a
        negation changed there is."""
        quoted = [f for f in earlier if f.kind.family is FindingFamily.QUOTES]
        quotes_a = [f.a_span for f in quoted if f.a_span]
        quotes_b = [f.b_span for f in quoted if f.b_span]
        out: list[Finding] = []
        for view in ctx.views():
            out.extend(_number_findings(ctx, view))
            out.extend(_date_findings(ctx, view))
        return [
            f
            for f in out
            if not (
                f.a_span
                and f.b_span
                and inside(f.a_span[0], quotes_a)
                and inside(f.b_span[0], quotes_b)
            )
        ]


def _number_findings(ctx: Context, view: PassageView) -> list[Finding]:
    nums_a: list[NumberMention] = view.mentions_a[0]
    nums_b: list[NumberMention] = view.mentions_b[0]
    out: list[Finding] = []
    matches = equal_figures(nums_a, nums_b)
    used_b = set(matches.values())
    unmatched_a: list[NumberMention] = []
    for ia, na in enumerate(nums_a):
        match = matches.get(ia)
        if match is None:
            unmatched_a.append(na)
            continue
        nb = nums_b[match]
        unit_a, unit_b = UNITS.get(na.unit or ""), UNITS.get(nb.unit or "")
        if (
            unit_a
            and unit_b
            and unit_a[0] == unit_b[0]
            and unit_a[1] != unit_b[1]
            and measure(na) != measure(nb)
        ):
            # the same value in another currency or unit: "6.2 million euros" -> "dollars"
            out.append(
                ctx.finding(
                    FindingKind.NUMBER_CHANGED,
                    (na.hedge_start, na.unit_end or na.end),
                    (nb.hedge_start, nb.unit_end or nb.end),
                    0.8,
                    f"A gives {_fmt(na.value)} {unit_a[1]}; B gives {_fmt(nb.value)} {unit_b[1]}",
                )
            )
    unmatched_b = [nb for k, nb in enumerate(nums_b) if k not in used_b]
    # a value A gives elsewhere for the same kind of thing is not a change ("2 goals" in
    # A and B; another A figure of 2 goals is not changed into it)
    a_values = {(round(n.value, 6), n.unit) for n in nums_a}
    for na in unmatched_a:
        # the changed figure's counterpart: same unit and kind (count or rank), and among
        # those the one with the most context words in common ("fell 13 percent" pairs
        # with "fell 15%", not with "about 25%" elsewhere in the passage)
        key = measure(na)[0]
        same = [
            nb for nb in unmatched_b if nb.unit and measure(nb)[0] == key and _same_sort(na, nb)
        ]
        partner = max(same, key=lambda nb: len(nb.context & na.context), default=None)
        confidence = 0.85
        if (
            partner is None
            and len(unmatched_a) == 1
            and len(unmatched_b) == 1
            and _same_sort(na, unmatched_b[0])
        ):
            partner, confidence = unmatched_b[0], 0.6
        if (
            partner is None
            or abs(partner.value - na.value) < 1e-9
            or _converted(na, partner)
            or {
                (round(partner.value, 6), partner.unit),
                (round(partner.value, 6), None),
            }
            & a_values
        ):
            continue
        unmatched_b.remove(partner)
        # a rank of centuries or millennia ("the second century") names a period: a date
        period = na.ordinal and (na.unit_word or "").lower() in _PERIODS
        out.append(
            ctx.finding(
                FindingKind.DATE_CHANGED if period else FindingKind.NUMBER_CHANGED,
                (na.hedge_start, na.end),
                (partner.hedge_start, partner.end),
                confidence,
                f"A gives {_fmt(na.value)}"
                f"{' ' + na.unit_word if na.unit_word else ''}; B gives {_fmt(partner.value)}"
                f"{' ' + partner.unit_word if partner.unit_word else ''}",
            )
        )
    return out


#: Units that make a rank a date: "the second century", "the third millennium".
_PERIODS = frozenset({"century", "centuries", "millennium", "millennia"})


def _converted(na: NumberMention, nb: NumberMention) -> bool:
    """Whether two figures in different units of one dimension give the same amount, one
    rounded after conversion: either, converted into the other's unit and rounded as the
    other is written, is the other ("41 km" = "25 miles", "about 3 km" = "about two
    miles", "72 hours" = "three days", "30 months" = "two and a half years")."""
    unit_a, unit_b = UNITS.get(na.unit or ""), UNITS.get(nb.unit or "")
    if not unit_a or not unit_b or unit_a[1] == unit_b[1] or unit_a[0] != unit_b[0]:
        return False
    scale_a, scale_b = CONVERSIONS.get(unit_a[1]), CONVERSIONS.get(unit_b[1])
    if not scale_a or not scale_b:
        return False
    return _rounds_to(na.value * scale_a / scale_b, nb.value) or _rounds_to(
        nb.value * scale_b / scale_a, na.value
    )


def _rounds_to(value: float, written: float) -> bool:
    """Whether ``value`` rounded to the precision ``written`` shows (its decimals, or the
    zeros that end a whole number) is ``written``."""
    if written.is_integer():
        step = 1.0
        n = int(abs(written))
        while n and n % 10 == 0:
            step, n = step * 10, n // 10
    else:
        step = 10.0 ** -len(repr(written).split(".")[1])
    return same_value(round(value / step) * step, written)


def _same_sort(na: NumberMention, nb: NumberMention) -> bool:
    """Whether two figures can be compared: counts with counts, ranks with ranks and
    orders of magnitude ("tens of millions") with orders of magnitude."""
    return na.ordinal == nb.ordinal and (na.hedge == "vague") == (nb.hedge == "vague")


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:,}"


def _date_findings(ctx: Context, view: PassageView) -> list[Finding]:
    dates_a: list[DateMention] = view.mentions_a[1]
    dates_b: list[DateMention] = view.mentions_b[1]
    sa, sb = ctx.a, ctx.b
    out: list[Finding] = []
    months_a = {d.value[0] for d in dates_a if d.field in ("month", "monthday")}
    months_b = {d.value[0] for d in dates_b if d.field in ("month", "monthday")}
    for part in ("weekday", "monthday", "year", "month", "relday"):
        vb_all = {d.value for d in dates_b if d.field == part}
        va_all = {d.value for d in dates_a if d.field == part}
        fa = [d for d in dates_a if d.field == part and d.value not in vb_all]
        fb = [d for d in dates_b if d.field == part and d.value not in va_all]
        if part == "month" and months_a & months_b and not (fa and fb):
            continue
        for da, db in zip(fa, fb, strict=False):
            out.append(
                ctx.finding(
                    FindingKind.DATE_CHANGED,
                    (da.start, da.end),
                    (db.start, db.end),
                    0.85,
                    f"A dates this “{sa.text[da.start : da.end]}”; "
                    f"B “{sb.text[db.start : db.end]}”",
                )
            )
    return out
