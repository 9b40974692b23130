"""Shared text primitives: normalisation, tokens with spans, stems, stopwords, lexicons."""

from wiretrace.text.tokens import (
    Token,
    content_terms,
    fold,
    normalize_quotes,
    stem,
    tokenize,
)

__all__ = ["Token", "content_terms", "fold", "normalize_quotes", "stem", "tokenize"]
