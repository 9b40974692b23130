"""Shared text primitives: normalisation, tokens with spans, stems, stopwords, lexicons."""

from wiretrace.text.tokens import (
    Token,
    fold,
    normalize_quotes,
    stem,
    tokenize,
)

__all__ = ["Token", "fold", "normalize_quotes", "stem", "tokenize"]
