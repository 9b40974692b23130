"""Days a news text names ("on Monday", "September 18", "Jan. 1, 2024"), resolved to
calendar dates against the publication time when it is known."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from wiretrace.discrepancy.mentions import DateMention
from wiretrace.text.lexicon import MONTHS, WEEKDAYS

#: A month-day without a year is put in the publication year, or the year before when
#: that would place it more than this many days after publication (a January article
#: about "December 28").
_FUTURE_DAYS = 7
#: Words that tie a following month-day to a year written next to it ("May 5, 2023").
_YEAR_GAP = 3
_RELATIVE = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_MONTH = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_WEEKDAY = "|".join(w.capitalize() for w in WEEKDAYS)
_DATE_RE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\b)"
    rf"(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<wd>{_WEEKDAY})\b"
    r"|\b(?P<rel>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)\b"
)


def date_mentions(text: str) -> list[DateMention]:
    """Month-days ("September 18", "18 September", "Sept. 18, 2024" with its year),
    weekdays and relative days of a text, in order: a regular-expression reading, about
    ten times faster than tokenising (``discrepancy.mentions`` reads dates inside aligned
    passages; story features need only these)."""
    out: list[DateMention] = []
    for m in _DATE_RE.finditer(text):
        if m.group("wd"):
            weekday = WEEKDAYS[m.group("wd").lower()]
            out.append(DateMention(m.start(), m.end(), "weekday", (weekday,)))
        elif m.group("rel"):
            out.append(DateMention(m.start(), m.end(), "relday", m.group("rel").lower()))
        else:
            month = MONTHS[(m.group("m1") or m.group("m2")).lower()]
            day = int(m.group("d1") or m.group("d2"))
            if not 1 <= day <= 31:
                continue
            end = m.end("d1") if m.group("d1") else m.end("m2")
            out.append(DateMention(m.start(), end, "monthday", (month, day)))
            if m.group("y"):
                year = int(m.group("y"))
                out.append(DateMention(m.start("y"), m.end("y"), "year", (year,)))
    return out


def as_utc(value: datetime | None) -> datetime | None:
    """A publication time in UTC (a naive time is taken to be UTC already)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def resolve_days(text: str, mentions: list[DateMention], published: datetime | None) -> list[date]:
    """Calendar days the text names, in text order.

    Args:
        text: The text the mentions point into.
        mentions: Its date mentions (``discrepancy.mentions.numbers_and_dates``), in order.
        published: Publication time, or None. Without it only dates that carry their
            year ("May 5, 2023") resolve; with it, weekdays ("on Monday": the last such
            day on or before publication), relative days ("yesterday") and month-days
            without a year resolve too.

    Returns:
        The resolved days; impossible dates (February 30) are skipped.
    """
    out: list[date] = []
    day0 = published.date() if published else None
    years = [m for m in mentions if m.field == "year"]
    for m in mentions:
        if m.field == "monthday":
            month, day = _ints(m)
            year = _year_after(m, years, text)
            if year is None and day0 is not None:
                year = day0.year
                try:
                    if date(year, month, day) > day0 + timedelta(days=_FUTURE_DAYS):
                        year -= 1
                except ValueError:
                    continue
            if year is None:
                continue
            try:
                out.append(date(year, month, day))
            except ValueError:
                continue
        elif m.field == "weekday" and day0 is not None and not _in_monthday(m, mentions):
            (weekday,) = _ints(m)
            back = (day0.weekday() - weekday) % 7
            out.append(day0 - timedelta(days=back))
        elif m.field == "relday" and day0 is not None:
            out.append(day0 + timedelta(days=_RELATIVE.get(str(m.value), 0)))
    return out


def _year_after(m: DateMention, years: list[DateMention], text: str) -> int | None:
    """The year written right after a month-day ("September 18, 2024"), if any."""
    for y in years:
        if 0 <= y.start - m.end <= _YEAR_GAP and text[m.end : y.start].strip(" ,") == "":
            return _ints(y)[0]
    return None


def _in_monthday(m: DateMention, mentions: list[DateMention]) -> bool:
    """Whether a weekday stands next to a month-day ("Wednesday, September 18"): the
    month-day is the more precise reading."""
    return any(o.field == "monthday" and 0 <= o.start - m.end <= 3 for o in mentions)


def _ints(m: DateMention) -> tuple[int, ...]:
    """The numeric fields of a date mention (a relative day's value is a word)."""
    return tuple(int(v) for v in m.value) if isinstance(m.value, tuple) else ()
