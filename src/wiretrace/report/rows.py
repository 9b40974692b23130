"""Side-by-side rows of a comparison: aligned groups and unaligned sentences in reading order."""

from __future__ import annotations

from dataclasses import dataclass

from wiretrace.model import Alignment, Comparison, Span


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a side-by-side view; a side is None where it has no counterpart."""

    a_span: Span | None
    b_span: Span | None
    alignment: Alignment | None


def side_by_side(result: Comparison) -> list[Row]:
    """Rows ordered by A, with B-only sentences placed after their aligned neighbour."""
    keyed: list[tuple[float, float, Row]] = []
    a_of_b: dict[int, int] = {}
    for al in result.alignments:
        for j in al.b_sentences:
            a_of_b[j] = al.a_sentences[0]
        keyed.append((al.a_sentences[0], al.b_sentences[0], Row(al.a_span, al.b_span, al)))
    aligned_a = {i for al in result.alignments for i in al.a_sentences}
    for s in result.a.sentences:
        if s.index not in aligned_a:
            keyed.append((s.index, -1, Row((s.start, s.end), None, None)))
    last_a = -0.5
    for s in result.b.sentences:
        if s.index in a_of_b:
            last_a = a_of_b[s.index]
            continue
        keyed.append((last_a + 0.5, s.index, Row(None, (s.start, s.end), None)))
    keyed.sort(key=lambda x: (x[0], x[1]))
    return [row for _, _, row in keyed]
