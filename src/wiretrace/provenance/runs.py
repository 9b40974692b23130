"""The longest run of words two texts share verbatim outside direct quotes: copy evidence
that survives when a short item lifts one sentence of its source and adds its own.

Independent reports of one event share names, figures and the quotes they both carry,
but not a long run of their own narration: the field's greedy-string-tiling and
minimum-match-length detectors (Wise 1993, JPlag; Clough's METER news corpus) count a
shared run of several words as reuse. Here only the single longest run counts, quoted
words are left out (two reports may quote one statement in full), and the run must reach
``RUN_WORDS``.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from wiretrace.discrepancy.quotes import extract_quotes
from wiretrace.model import Document
from wiretrace.text.tokens import tokenize

#: A copy shares a run of at least this many words of its source's narration. On the
#: real-news dev set (eval/README.md), independent reports of one event shared runs of 14
#: words at most outside quotes, labelled copies that no other evidence found 15 to 24.
RUN_WORDS = 15


def narration_words(doc: Document) -> list[str]:
    """The normalised words of the document's sentences (boilerplate left out), with each
    direct quote replaced by one break marker that matches nothing in another text.

    Args:
        doc: A segmented document.

    Returns:
        Words in text order; ``"\\x00"`` marks a quote or a gap between sentences' runs.
    """
    quoted = sorted((q.start, q.end) for q in extract_quotes(doc))
    words: list[str] = []
    k = 0
    for sentence in doc.sentences:
        for token in tokenize(doc.text, sentence.start, sentence.end):
            while k < len(quoted) and quoted[k][1] <= token.start:
                k += 1
            if k < len(quoted) and quoted[k][0] <= token.start < quoted[k][1]:
                if not words or words[-1] != "\x00":
                    words.append("\x00")
                continue
            if token.norm.isalnum() or any(c.isalnum() for c in token.norm):
                words.append(token.norm)
    return words


def run_grams(words: list[str]) -> frozenset[int]:
    """Hashes of every ``RUN_WORDS``-word window of a ``narration_words`` list that holds no
    break marker: two texts share a run of ``RUN_WORDS`` words only when these sets meet,
    a cheap test before ``longest_run``."""
    out: set[int] = set()
    start = 0  # first index of the current unbroken stretch
    for k, word in enumerate(words):
        if word == "\x00":
            start = k + 1
        elif k - start + 1 >= RUN_WORDS:
            out.add(hash(tuple(words[k - RUN_WORDS + 1 : k + 1])))
    return frozenset(out)


def longest_run(first: list[str], second: list[str]) -> int:
    """Length in words of the longest run ``first`` and ``second`` share (``narration_words``
    lists; break markers never match: the second list's are renamed).

    Uses ``difflib.SequenceMatcher.find_longest_match`` without its junk heuristic (the
    standard library's longest-common-block search).
    """
    other = ["\x01" if w == "\x00" else w for w in second]
    matcher = SequenceMatcher(None, first, other, autojunk=False)
    return matcher.find_longest_match(0, len(first), 0, len(other)).size
