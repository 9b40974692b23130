"""Mentions inside a token run: numbers (with hedges and units), dates, and names."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from text_to_num import text2num

from wiretrace.text.lexicon import (
    APPROXIMATE,
    EXACT,
    LOWER_BOUND,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    RELATIVE_DAYS,
    SCALE_WORDS,
    STOPWORDS,
    TITLES,
    UPPER_BOUND,
    WEEKDAYS,
)
from wiretrace.text.tokens import Token, stem

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
    """A quantity: value (scale applied), unit word, and hedge class."""

    start: int
    end: int
    value: float
    unit: str | None
    #: "approx", "lower", "upper", "exact", "none", "fraction", or "vague" for an order
    #: of magnitude ("tens of millions")
    hedge: str
    hedge_start: int
    #: "the 87th minute": a rank, compared only with ranks.
    ordinal: bool = False
    #: Stems of the content words around the figure (which figure of the other side
    #: it corresponds to, when several changed).
    context: frozenset[str] = field(default=frozenset())
    #: End of the unit word when one follows the figure ("million euros"), else None.
    unit_end: int | None = None
    #: The unit word as the text writes it ("cracks"; ``unit`` is its stem, "crack"),
    #: or the canonical unit ("percent", "euro") when no word follows the figure.
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


#: Words that join a year in one compound and name a part of it ("mid-2027").
_YEAR_PARTS = frozenset("mid early late end start pre post".split())


def _year_in_compound(word: str) -> int | None:
    """The year of "mid-2027", "late-2025" (a part word, a hyphen, four digits), else None."""
    head, _, year = word.rpartition("-")
    if head in _YEAR_PARTS and len(year) == 4 and year.isdigit() and 1900 <= int(year) <= 2100:
        return int(year)
    return None


def _is_month(tok: Token) -> bool:
    return tok.norm in MONTHS and tok.capitalized and not (tok.norm == "may" and tok.raw == "MAY")


_NEGATED = frozenset("not no never n't without".split())
_FLIPPED = {"lower": "upper", "upper": "lower"}


def _hedge(tokens: list[Token], i: int) -> tuple[str, int]:
    prev = [t.norm for t in tokens[max(0, i - 3) : i]]
    for words, kind in _MULTI_HEDGES:
        n = len(words)
        if len(prev) >= n and tuple(prev[-n:]) == words:
            # "had not been expected to play more than 15" = "no more than 15": a negation
            # shortly before a bound flips it (unless it is part of the bound itself)
            before = {t.norm for t in tokens[max(0, i - n - 5) : i - n]}
            if kind in _FLIPPED and before & _NEGATED:
                kind = _FLIPPED[kind]
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
        if kind == "lower" and w in _SPAN_WORDS and _duration_follows(tokens, i):
            kind = "none"  # "over three years", "within two weeks": a stretch of time
        if kind != "none":
            return kind, tokens[i - 1].start
    return "none", tokens[i].start


#: Bound words that before a duration name a stretch of time, not a bound ("spend 95
#: million over three years").
_SPAN_WORDS = frozenset({"over"})
_TIME_UNITS = frozenset(
    "year years month months week weeks day days decade decades hour hours".split()
)


def _duration_follows(tokens: list[Token], i: int) -> bool:
    """Whether the figure at ``tokens[i]`` counts units of time ("three years")."""
    return i + 1 < len(tokens) and tokens[i + 1].norm in _TIME_UNITS


def numbers_and_dates(
    tokens: list[Token], text: str | None = None
) -> tuple[list[NumberMention], list[DateMention]]:
    """Numbers and date parts among ``tokens`` (a day next to a month is a date, not a number).

    Args:
        tokens: a run of tokens (``wiretrace.text.tokens.tokenize``).
        text: the text they point into; with it a currency sign before a figure is its unit.

    Spelled-out numbers of several words are read with text2num; "a dozen" = 12 and
    "a quarter of" = 25 percent from the lexicon; ordinals ("87th") are ranks, not counts.
    """
    numbers: list[NumberMention] = []
    dates: list[DateMention] = []
    used: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok.norm in WEEKDAYS and tok.capitalized:
            dates.append(DateMention(tok.start, tok.end, "weekday", (WEEKDAYS[tok.norm],)))
        elif tok.norm in RELATIVE_DAYS:
            dates.append(DateMention(tok.start, tok.end, "relday", tok.norm))
        elif "-" in tok.norm and (year := _year_in_compound(tok.norm)) is not None:
            # "mid-2027", "late-2025": the year of a compound (one token)
            at = tok.start + len(tok.raw) - 4
            dates.append(DateMention(at, tok.end, "year", (year,)))
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
    spelled = _spelled_runs(tokens)
    skip_to = -1
    for i, tok in enumerate(tokens):
        if i in used or i < skip_to:
            continue
        value: float | None
        unit: str | None = None
        last = i
        ordinal = False
        vague = False
        if (
            tok.norm in NUMBER_WORDS
            and i + 2 < len(tokens)
            and tokens[i + 1].norm in _PARTS
            and tokens[i + 2].norm == "of"
        ):
            # "two thirds of" = "two-thirds of"
            value = NUMBER_WORDS[tok.norm] * _PARTS[tokens[i + 1].norm]
            unit, last = "percent", i + 1
        elif i in spelled:
            value, last = spelled[i]
        elif tok.number:
            value = _parse_number(tok)
            ordinal = tok.norm[-2:] in _ORDINAL_SUFFIXES
        elif tok.norm in _FRACTIONS and _fraction_of(tokens, i):
            value, unit = _FRACTIONS[tok.norm], "percent"  # "a quarter of" = 25 percent
        elif "-" in tok.norm and _ordinal_head(tok.norm) is not None:
            # "fifth-largest", "3rd-biggest": a rank
            value, ordinal = _ordinal_head(tok.norm), True
        elif tok.norm in _SUPERLATIVES and _ranked(tokens, i):
            # "the country's largest operator": rank one, against "second-largest"
            value, ordinal = 1.0, True
        elif tok.norm in ORDINAL_WORDS and i + 1 < len(tokens) and tokens[i + 1].content:
            # "his second stage win", "the fifth district": a rank (a bare "first" or
            # "second" is too often an adverb or a time to read)
            value, ordinal = float(ORDINAL_WORDS[tok.norm]), True
        elif tok.norm in _MAGNITUDES and i + 1 < len(tokens) and tokens[i + 1].norm == "of":
            # "tens of millions of euros", "hundreds of people": an order of magnitude,
            # compared only with another one
            value, vague, last = _MAGNITUDES[tok.norm], True, i
            if i + 2 < len(tokens) and tokens[i + 2].norm in _MAGNITUDE_SCALES:
                value *= _MAGNITUDE_SCALES[tokens[i + 2].norm]
                last = i + 2
                if i + 3 < len(tokens) and tokens[i + 3].norm == "of":
                    last = i + 3
        elif tok.norm in NUMBER_WORDS and tok.norm not in _VAGUE_NUMBERS and "-" not in tok.norm:
            value = float(NUMBER_WORDS[tok.norm])
            # "several hundred", "a few thousand": an order of magnitude, as "hundreds of"
            vague = tok.norm in _MAGNITUDE_WORDS and i > 0 and tokens[i - 1].norm in _FEW
        elif _counted_compound(tok.norm) is not None:
            # "a four-year review", "a two-day strike": the count and its unit in one word
            value, word = _counted_compound(tok.norm) or (0.0, "")
            unit = stem(word)
        else:
            continue
        if value is None:
            continue
        if [t.norm for t in tokens[last + 1 : last + 4]] == ["and", "a", "half"]:
            value, last = value + 0.5, last + 3  # "two and a half years"
        if tok.number and _is_year(tok, value):
            dates.append(DateMention(tok.start, tok.end, "year", (int(value),)))
            continue
        skip_to = last + 1
        end = tokens[last].end
        if unit is None and tok.raw.endswith("%"):
            unit = "percent"
        if unit is None and text is not None and tok.start and text[tok.start - 1] in _CURRENCY:
            unit = _CURRENCY[text[tok.start - 1]]
        k = last + 1
        unit_end: int | None = None
        unit_word = unit
        if k < len(tokens) and tokens[k].norm in SCALE_WORDS and tokens[k].start - end <= 1:
            value *= SCALE_WORDS[tokens[k].norm]
            end = tokens[k].end
            k += 1
        elif k < len(tokens) and tokens[k].start - end <= 1 and _scaled_unit(tokens[k].norm):
            # "a 14 million-euro project": the scale and the unit in one compound
            scale, word = _scaled_unit(tokens[k].norm) or (1.0, "")
            value *= scale
            end = tokens[k].end
            if unit is None:
                unit, unit_end, unit_word = stem(word), tokens[k].end, word
            k += 1
        limit = last + 3
        if (
            unit is None
            and k + 2 < len(tokens)
            and tokens[k].norm in _RANGE_JOINS
            and (tokens[k + 1].number or tokens[k + 1].norm in NUMBER_WORDS)
            and tokens[k + 2].norm in SCALE_WORDS
            and value < 1000
        ):
            # the first figure of a range takes the second's scale and unit: "between 15
            # and 20 million euros" is 15 million euros to 20 million euros
            value *= SCALE_WORDS[tokens[k + 2].norm]
            k += 3
            limit = k + 1
        if unit is None and k < len(tokens) and tokens[k].norm in _PERCENT:
            unit = "percent"
            unit_word = unit
        while unit is None and k < len(tokens) and k <= limit:
            t = tokens[k]
            if t.norm in NUMBER_WORDS or t.norm in ORDINAL_WORDS:
                limit += 1  # "four of the seven stations": the unit is the noun after it
            elif t.content and not t.number:
                unit, unit_end, unit_word = t.stem, t.end, t.raw
            k += 1
        hedge, hedge_start = _hedge(tokens, i)
        if vague:
            hedge = "vague"
        if unit == "percent" and not tok.number and hedge == "none":
            hedge = "fraction"  # "a quarter of" is as round as "25%" or "roughly 25%"
        context = frozenset(
            t.stem
            for t in tokens[max(0, i - 3) : i] + tokens[last + 1 : last + 3]
            if t.content and not t.number
        )
        numbers.append(
            NumberMention(
                tok.start,
                end,
                value,
                unit,
                hedge,
                hedge_start,
                ordinal,
                context,
                unit_end,
                unit_word,
            )
        )
    return numbers, dates


_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
#: Round number words that "several" or "a few" turn into an order of magnitude.
_MAGNITUDE_WORDS = frozenset({"dozen", "hundred", "thousand", "million", "billion"})
_FEW = frozenset({"several", "few", "many"})
#: Words joining the two figures of a range ("15 and 20 million", "15 to 20 million").
_RANGE_JOINS = frozenset({"and", "to", "-", "–", "—"})


def _counted_compound(norm: str) -> tuple[float, str] | None:
    """A count written with its unit as one compound: "four-year" -> (4.0, "year"); the
    head a number word (not a vague plural), the rest one word that is no number."""
    head, _, rest = norm.partition("-")
    if (
        head in NUMBER_WORDS
        and head not in _VAGUE_NUMBERS
        and rest.isalpha()
        and len(rest) > 1
        and rest not in NUMBER_WORDS
        and rest not in ORDINAL_WORDS
    ):
        return float(NUMBER_WORDS[head]), rest
    return None


def _scaled_unit(norm: str) -> tuple[float, str] | None:
    """A scale and a unit written as one compound: "million-euro" -> (1e6, "euro")."""
    head, _, rest = norm.partition("-")
    if head in SCALE_WORDS and rest.isalpha() and len(rest) > 1:
        return SCALE_WORDS[head], rest
    return None


#: "tens of" ... "billions of": the order of magnitude each word gives.
_MAGNITUDES = {"tens": 10.0, "dozens": 24.0, "hundreds": 100.0, "thousands": 1e3,
               "millions": 1e6, "billions": 1e9}  # fmt: skip
_MAGNITUDE_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
_CURRENCY = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen"}
_FRACTIONS = {
    "quarter": 25.0,
    "half": 50.0,
    "third": 100 / 3,
    "two-thirds": 200 / 3,
    "three-quarters": 75.0,
}
_PARTS = {"thirds": 100 / 3, "quarters": 25.0, "fifths": 20.0}
_SPELLED = frozenset(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred
    """.split()
)


def _fraction_of(tokens: list[Token], i: int) -> bool:
    """ "a quarter of", "two-thirds of", "half of", or a change "by a third" / "by half":
    a share, not a period ("first quarter") or a rank ("a third term")."""
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    prev = tokens[i - 1].norm if i else ""
    bare = tokens[i].norm in ("two-thirds", "three-quarters", "half")
    if nxt != "of":
        # "cut by a third", "rose by half": the share a figure changed by
        before = prev if bare else (tokens[i - 2].norm if i >= 2 and prev in ("a", "one") else "")
        return before == "by" and not (nxt and tokens[i + 1].content)
    if bare:
        return True
    return prev in ("a", "one")


#: Superlatives that rank: "the largest" is "the first-largest" ("second-largest" ->
#: "largest" moves a rank). Common English ones, listed by hand.
_SUPERLATIVES = frozenset(
    """
    largest biggest busiest highest lowest oldest richest smallest longest tallest
    deadliest strongest fastest youngest poorest heaviest wettest driest hottest coldest
    """.split()
)


def _ranked(tokens: list[Token], i: int) -> bool:
    """Whether the superlative at ``i`` ranks a noun: after "the" or a possessive ("the
    country's largest operator"), and followed by a content word."""
    if i == 0 or i + 1 >= len(tokens) or not tokens[i + 1].content:
        return False
    prev = tokens[i - 1]
    return prev.norm == "the" or prev.raw.endswith(("'s", "’s"))


def _ordinal_head(norm: str) -> float | None:
    """The rank a hyphenated compound opens with ("fifth-largest" -> 5, "3rd-biggest" ->
    3), or None."""
    head = norm.split("-", 1)[0]
    if head in ORDINAL_WORDS:
        return float(ORDINAL_WORDS[head])
    if head[-2:] in _ORDINAL_SUFFIXES and head[:-2].isdigit():
        return float(head[:-2])
    return None


def _spelled_word(norm: str) -> bool:
    return norm in _SPELLED or ("-" in norm and all(part in _SPELLED for part in norm.split("-")))


def _spelled_runs(tokens: list[Token]) -> dict[int, tuple[float, int]]:
    """Spelled-out numbers of two or more words ("twenty-one", "three hundred and five"),
    read by text2num: first token index -> (value, last token index)."""
    out: dict[int, tuple[float, int]] = {}
    i = 0
    while i < len(tokens):
        if not _spelled_word(tokens[i].norm):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens):
            nxt = tokens[j + 1].norm
            if _spelled_word(nxt):
                j += 1
            elif nxt == "and" and j + 2 < len(tokens) and _spelled_word(tokens[j + 2].norm):
                j += 2
            else:
                break
        if j > i or "-" in tokens[i].norm:
            phrase = " ".join(t.norm for t in tokens[i : j + 1])
            # not one number ("one two three"): read word by word
            with contextlib.suppress(ValueError):
                out[i] = (float(text2num(phrase, "en")), j)
        i = j + 1
    return out


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
            gap = text[run[-1].end : tok.start] if run else ""
            if run and len(gap) > 2 and gap.strip() != "&":
                flush()  # "Hollis & Crane" is one name
            run.append(tok)
        elif run and tok.norm in _CONNECTORS and not tok.capitalized:
            run.append(tok)
        elif run:
            flush()
    flush()
    return out


def name_probes(tokens: list[Token], text: str) -> tuple[str, ...]:
    """The words whose place in ``lowercase_words`` and ``proper`` ``names`` may read for
    these tokens (a capitalised word that may open a name at the start of a sentence or
    quotation, titles included): ``names`` gives the same mentions under two contexts
    that agree on them."""
    return tuple(
        tok.norm
        for i, tok in enumerate(tokens)
        if tok.capitalized
        and not tok.number
        and tok.norm not in WEEKDAYS
        and not _is_month(tok)
        and tok.norm not in STOPWORDS
        and len(tok.norm) > 1
        and (i == 0 or _starts_clause(text, tokens[i - 1], tok.start))
    )


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
