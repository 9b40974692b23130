"""Per-document token analysis shared by the aligner and the discrepancy detectors."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from wiretrace.model import Document
from wiretrace.text.tokens import Token, tokenize


@dataclass(slots=True)
class Analysis:
    """Tokens of every sentence of a document, plus document-wide term sets."""

    doc: Document
    tokens: list[list[Token]]
    norms: frozenset[str] = field(default_factory=frozenset)
    stems: Counter[str] = field(default_factory=Counter)
    #: Per-sentence results that later stages compute once and share (keyed by stage).
    memo: dict[tuple[str, int], Any] = field(default_factory=dict)

    def terms(self, index: int) -> list[str]:
        """Content stems of sentence ``index``."""
        return [t.stem for t in self.tokens[index] if t.content]

    def tokens_in(self, sentences: tuple[int, ...] | list[int]) -> list[Token]:
        """All tokens of the given sentences, in order."""
        out: list[Token] = []
        for i in sentences:
            out.extend(self.tokens[i])
        return out


def analyze(doc: Document) -> Analysis:
    """Tokenise every sentence of ``doc`` once."""
    text = doc.text
    tokens = [tokenize(text, s.start, s.end) for s in doc.sentences]
    norms: set[str] = set()
    stems: Counter[str] = Counter()
    for toks in tokens:
        for t in toks:
            norms.add(t.norm)
            if t.content:
                stems[t.stem] += 1
    return Analysis(doc=doc, tokens=tokens, norms=frozenset(norms), stems=stems)
