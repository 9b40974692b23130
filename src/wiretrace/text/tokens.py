"""Tokenisation with character spans, accent/quote folding and Snowball stemming."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from wiretrace.text.lexicon import STOPWORDS, SYNONYMS

_STEMMER = Stemmer.Stemmer("english")

# Numbers (with separators and ordinal/percent suffixes) or words (with inner apostrophes
# and hyphens: "Moscow's", "two-state", "O'Neill").
_TOKEN_RE = re.compile(
    r"\d+(?:[.,:]\d+)*(?:st|nd|rd|th|%)?"
    r"|[^\W\d_]+(?:['’\-][^\W_]+)*",
)
_QUOTE_TRANSLATION = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "′": "'",
        "–": "-",
        "—": "-",
        "…": ".",
    }
)


def normalize_quotes(text: str) -> str:
    """Map typographic quotes, apostrophes and dashes to ASCII, keeping the length."""
    return text.translate(_QUOTE_TRANSLATION)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case, strip accents and a possessive ``'s``: "Fiancée’s" -> "fiancee"."""
    w = normalize_quotes(word).lower()
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    if not w.isascii():
        w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    return w


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a folded word, mapped through the synonym lexicon."""
    s = str(_STEMMER.stemWord(word))
    return SYNONYMS.get(s, s)


@dataclass(frozen=True, slots=True)
class Token:
    """A word or number with its span in the source text."""

    start: int
    end: int
    raw: str
    norm: str
    stem: str
    content: bool
    capitalized: bool
    number: bool


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with spans into ``text``."""
    out: list[Token] = []
    stop = len(text) if end is None else end
    for m in _TOKEN_RE.finditer(text, start, stop):
        raw = m.group()
        norm = fold(raw)
        is_number = raw[0].isdigit()
        out.append(
            Token(
                start=m.start(),
                end=m.end(),
                raw=raw,
                norm=norm,
                stem=norm if is_number else stem(norm),
                content=is_number or (norm not in STOPWORDS and len(norm) > 1),
                capitalized=raw[0].isupper(),
                number=is_number,
            )
        )
    return out


def content_terms(tokens: list[Token]) -> list[str]:
    """The stems of the content tokens, in order."""
    return [t.stem for t in tokens if t.content]
