"""Tokenisation with character spans, accent/quote folding and Snowball stemming."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

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


#: Words that open with "un" without the negating prefix ("under", "until", "uncle",
#: "unless", "unlike"); "uni" words are listed apart (``negated_base``).
_NOT_UN_PREFIX = ("under", "until", "uncle", "unless", "unto")


@lru_cache(maxsize=65536)
def negated_base(word: str) -> str | None:
    """The word that a folded word negates with the prefix "un" ("unaffected" ->
    "affected", "unlikely" -> "likely", "unharmed" -> "harmed"), or None. Words of six
    letters or more only; "under", "until", "unless", "uncle", "unlike" and the "uni"
    words ("union", "unit", "unique", "unified"; but "uninjured", "unidentified",
    "unimportant" are negated) are not prefixed."""
    if len(word) < 6 or not word.startswith("un") or word.startswith(_NOT_UN_PREFIX):
        return None
    if word == "unlike" or (word.startswith("uni") and word[3] not in "mnd"):
        return None
    return word[2:]


@lru_cache(maxsize=65536)
def plain_stem(word: str) -> str:
    """The Snowball stem of a folded word, mapped through the synonym lexicon, its
    prefix "un" kept ("unconfirmed" -> "unconfirm")."""
    s = str(_STEMMER.stemWord(word))
    return SYNONYMS.get(s, s)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a folded word, mapped through the synonym lexicon; a word
    negated by the prefix "un" has its base's stem ("unaffected" -> "affect"), so that
    "was unaffected" and "was not affected" align (the polarity detector reads the
    prefix as a negation: ``negated_base``)."""
    return plain_stem(negated_base(word) or word)


class Token(NamedTuple):
    """A word or number with its span in the source text (a named tuple: cheap to make)."""

    start: int
    end: int
    raw: str
    norm: str
    stem: str
    content: bool
    capitalized: bool
    number: bool


@lru_cache(maxsize=131072)
def _word_info(raw: str) -> tuple[str, str, bool, bool, bool]:
    norm = fold(raw)
    is_number = raw[0].isdigit()
    return (
        norm,
        norm if is_number else stem(norm),
        is_number or (norm not in STOPWORDS and len(norm) > 1),
        raw[0].isupper(),
        is_number,
    )


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with spans into ``text``."""
    stop = len(text) if end is None else end
    make = Token._make
    return [
        make((m.start(), m.end(), m.group(), *_word_info(m.group())))
        for m in _TOKEN_RE.finditer(text, start, stop)
    ]


def first_words(text: str) -> list[tuple[str, tuple[str, str, bool, bool, bool]]]:
    """Each distinct token of ``text`` as written, in the order of its first occurrence,
    with (norm, stem, content, capitalized, number) as ``tokenize`` gives them: what a
    first-occurrence lookup reads, without spans (the same rules as ``tokenize``)."""
    info = _word_info
    return [(raw, info(raw)) for raw in dict.fromkeys(_TOKEN_RE.findall(text))]


def word_counts(text: str) -> list[tuple[tuple[str, str, bool, bool, bool], int]]:
    """((norm, stem, content, capitalized, number), count) per distinct token, without
    spans: the fast path for bag-of-words features (same rules as ``tokenize``)."""
    info = _word_info
    return [(info(raw), n) for raw, n in Counter(_TOKEN_RE.findall(text)).items()]
