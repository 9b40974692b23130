"""Mentions inside a token run: numbers (with hedges and units), dates, and names."""

from __future__ import annotations

from dataclasses import dataclass

from wiretrace.text.lexicon import (
    APPROXIMATE,
    EXACT,
    LOWER_BOUND,
    MONTHS,
    NUMBER_WORDS,
    RELATIVE_DAYS,
    SCALE_WORDS,
    STOPWORDS,
    TITLES,
    UPPER_BOUND,
    WEEKDAYS,
)
from wiretrace.text.tokens import Token

_CONNECTORS = frozenset("de van von der al bin da del la le di du".split())
_PERCENT = frozenset({"percent", "per", "pct"})
_VAGUE_NUMBERS = frozenset({"dozens", "hundreds", "thousands", "one"})
_MULTI_HEDGES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("as", "much", "as"), "upper"),
    (("as", "many", "as"), "upper"),
    (("up", "to"), "upper"),
    (("no", "more", "than"), "upper"),
    (("more", "than"), "lower"),
    (("at", "least"), "lower"),
    (("less", "than"), "upper"),
    (("fewer", "than"), "upper"),
    (("close", "to"), "approx"),
    (("an", "estimated"), "approx"),
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A quantity: value (scale applied), unit (as a stem, for matching), hedge class,
    and the unit word as written (for explanations: "cracks", not "crack")."""

    start: int
    end: int
    value: float
    unit: str | None
    hedge: str  # "approx", "lower", "upper", "exact" or "none"
    hedge_start: int
    unit_word: str | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date part: weekday, month-day, month, year or relative day."""

    start: int
    end: int
    field: str  # "weekday", "monthday", "month", "year", "relday"
    value: tuple[int, ...] | str


@dataclass(frozen=True, slots=True)
class NameMention:
    """A run of capitalised words naming someone or something (titles left out)."""

    start: int
    end: int
    words: tuple[str, ...]


def _parse_number(tok: Token) -> float | None:
    raw = tok.norm.rstrip("%")
    for suffix in ("st", "nd", "rd", "th"):
        if raw.endswith(suffix):
            raw = raw[: -len(suffix)]
    if ":" in raw:
        return None  # a clock time
    if "," in raw:
        parts = raw.split(",")
        if all(len(p) == 3 for p in parts[1:]):
            raw = raw.replace(",", "")
        else:
            return None
    try:
        return float(raw)
    except ValueError:
        return None


def _is_year(tok: Token, value: float) -> bool:
    return tok.raw.isdigit() and len(tok.raw) == 4 and 1900 <= value <= 2100


def _is_month(tok: Token) -> bool:
    return tok.norm in MONTHS and tok.capitalized and not (tok.norm == "may" and tok.raw == "MAY")


def _hedge(tokens: list[Token], i: int) -> tuple[str, int]:
    prev = [t.norm for t in tokens[max(0, i - 3) : i]]
    for words, kind in _MULTI_HEDGES:
        n = len(words)
        if len(prev) >= n and tuple(prev[-n:]) == words:
            return kind, tokens[i - n].start
    if prev:
        w = prev[-1]
        kind = (
            "approx"
            if w in APPROXIMATE
            else "lower"
            if w in LOWER_BOUND
            else "upper"
            if w in UPPER_BOUND
            else "exact"
            if w in EXACT
            else "none"
        )
        if kind != "none":
            return kind, tokens[i - 1].start
    return "none", tokens[i].start


def numbers_and_dates(tokens: list[Token]) -> tuple[list[NumberMention], list[DateMention]]:
    """Numbers and date parts among ``tokens`` (a day next to a month is a date, not a number)."""
    numbers: list[NumberMention] = []
    dates: list[DateMention] = []
    used: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok.norm in WEEKDAYS and tok.capitalized:
            dates.append(DateMention(tok.start, tok.end, "weekday", (WEEKDAYS[tok.norm],)))
        elif tok.norm in RELATIVE_DAYS:
            dates.append(DateMention(tok.start, tok.end, "relday", tok.norm))
        elif _is_month(tok):
            month = MONTHS[tok.norm]
            day = None
            for j in (i + 1, i - 1):
                if 0 <= j < len(tokens) and tokens[j].number:
                    v = _parse_number(tokens[j])
                    if (
                        v is not None
                        and v.is_integer()
                        and 1 <= v <= 31
                        and len(tokens[j].raw.rstrip("stndrh")) <= 2
                    ):
                        day = (j, int(v))
                        break
            if day is None:
                dates.append(DateMention(tok.start, tok.end, "month", (month,)))
            else:
                j, d = day
                used.add(j)
                lo, hi = min(tok.start, tokens[j].start), max(tok.end, tokens[j].end)
                dates.append(DateMention(lo, hi, "monthday", (month, d)))
    for i, tok in enumerate(tokens):
        if i in used:
            continue
        value: float | None
        if tok.number:
            value = _parse_number(tok)
        elif tok.norm in NUMBER_WORDS and tok.norm not in _VAGUE_NUMBERS and "-" not in tok.norm:
            value = float(NUMBER_WORDS[tok.norm])
        else:
            continue
        if value is None:
            continue
        if tok.number and _is_year(tok, value):
            dates.append(DateMention(tok.start, tok.end, "year", (int(value),)))
            continue
        end = tok.end
        unit: str | None = "percent" if tok.raw.endswith("%") else None
        unit_word = unit
        k = i + 1
        if k < len(tokens) and tokens[k].norm in SCALE_WORDS and tokens[k].start - end <= 1:
            value *= SCALE_WORDS[tokens[k].norm]
            end = tokens[k].end
            k += 1
        if unit is None and k < len(tokens) and tokens[k].norm in _PERCENT:
            unit = unit_word = "percent"
        while unit is None and k < len(tokens) and k <= i + 3:
            t = tokens[k]
            if t.content and not t.number:
                unit, unit_word = t.stem, t.raw
            k += 1
        hedge, hedge_start = _hedge(tokens, i)
        numbers.append(NumberMention(tok.start, end, value, unit, hedge, hedge_start, unit_word))
    return numbers, dates


def names(
    tokens: list[Token], text: str, lowercase_words: frozenset[str], proper: frozenset[str]
) -> list[NameMention]:
    """Capitalised runs that name people, places or organisations (titles excluded).

    A capitalised word at the start of a sentence or quotation counts only when it is
    also capitalised somewhere mid-sentence (``proper``) and never used in lower case.
    """
    out: list[NameMention] = []
    run: list[Token] = []

    def flush() -> None:
        while run and run[-1].norm in _CONNECTORS:
            run.pop()
        if run:
            out.append(NameMention(run[0].start, run[-1].end, tuple(t.norm for t in run)))
        run.clear()

    for i, tok in enumerate(tokens):
        nameish = (
            tok.capitalized
            and not tok.number
            and (tok.norm not in TITLES or bool(run))
            and tok.norm not in WEEKDAYS
            and not _is_month(tok)
            and tok.norm not in STOPWORDS
            and len(tok.norm) > 1
        )
        if nameish:
            initial = i == 0 or _starts_clause(text, tokens[i - 1], tok.start)
            if initial and not run:
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                opens_name = (
                    nxt is not None
                    and nxt.capitalized
                    and nxt.norm not in TITLES
                    and nxt.norm not in STOPWORDS
                    and nxt.start - tok.end <= 1
                )
                if tok.norm in lowercase_words or not (tok.norm in proper or opens_name):
                    nameish = False
        if nameish:
            if run and tok.start - run[-1].end > 2:
                flush()
            run.append(tok)
        elif run and tok.norm in _CONNECTORS and not tok.capitalized:
            run.append(tok)
        elif run:
            flush()
    flush()
    return out


def proper_words(token_lists: list[list[Token]], text: str) -> frozenset[str]:
    """Words capitalised somewhere other than at the start of a sentence or quotation."""
    out: set[str] = set()
    for toks in token_lists:
        for i, tok in enumerate(toks):
            if (
                i
                and tok.capitalized
                and not tok.number
                and not _starts_clause(text, toks[i - 1], tok.start)
            ):
                out.add(tok.norm)
    return frozenset(out)


def _starts_clause(text: str, prev: Token, start: int) -> bool:
    gap = text[prev.end : start]
    if gap.strip() == "." and (prev.norm in TITLES or len(prev.norm) == 1):
        return False  # "St. Aldric", "J. Smith": an abbreviation, not a sentence end
    return any(c in gap for c in '.!?"“”«»:\n')
