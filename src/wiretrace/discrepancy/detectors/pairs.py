"""Sentence pairs the coverage findings read apart from the alignment: a sentence
replaced by another, one cut in part, a framing sentence reworded in place."""

from __future__ import annotations

from itertools import pairwise

from wiretrace.discrepancy.detectors.base import Context, Side, caveat_cues
from wiretrace.model import Sentence
from wiretrace.text.lexicon import GENERIC_SOURCES, NEGATIONS, NEGATIVE_VERBS
from wiretrace.text.tokens import Token

#: The caveat kinds whose presence on one side only marks a replaced sentence (a hedge or
#: a contrast alone is too common in loose rewordings: "than expected" -> "than
#: anticipated").
_DENIALS = frozenset({"negation", "caution"})


def replaced_pairs(ctx: Context) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """One-to-one alignments that pair a sentence with its replacement, not a rewording:
    the two share few words (similarity below ``FindingsConfig.replaced_similarity``) and
    one has a negation or a word of caution the other lacks ("The cause was not yet
    known." against "The fire was caused by a fuel leak."). The dropped sentence is an
    omission, the new one an addition. A pair that keeps a run of words together (two
    content words among four or more in a row, ``_kept_run``) is one sentence cut or
    reworded in part ("Most cases were mild and resolved …, but two were hospitalised."
    against "Most cases were mild and cleared up on their own."): its clauses decide, as
    in a sentence kept closely (the second list: partners for the clause rules)."""
    out: list[tuple[int, int]] = []
    cut: list[tuple[int, int]] = []
    sa, sb = ctx.a, ctx.b
    for al in ctx.alignments:
        if len(al.a_sentences) != 1 or len(al.b_sentences) != 1:
            continue
        if al.similarity >= ctx.config.replaced_similarity:
            continue
        i, j = al.a_sentences[0], al.b_sentences[0]
        x, y = sa.an.doc.sentences[i], sb.an.doc.sentences[j]
        cues_a = caveat_cues(sa, sa.an.tokens[i], x.start, x.end) & _DENIALS
        cues_b = caveat_cues(sb, sb.an.tokens[j], y.start, y.end) & _DENIALS
        if _crossing(ctx, i, j) and not _kept_run(
            sentence_tokens(sa, i, x), sentence_tokens(sb, j, y)
        ):
            out.append((i, j))
        elif cues_a != cues_b:
            kept = _kept_run(sentence_tokens(sa, i, x), sentence_tokens(sb, j, y))
            (cut if kept else out).append((i, j))
    return out, cut


#: A framing sentence has at most this many content words (a lead-in, "Independent
#: experts were more cautious."; set from the blind sets' framing sentences, 3-4 words).
_FRAMING_TERMS = 4


def framing_twins(
    ctx: Context, aligned_a: set[int], aligned_b: set[int]
) -> tuple[set[int], set[int]]:
    """Short framing sentences reworded in the same place: the only unaligned sentence
    of A and the only one of B between the same two alignments, each a reservation of
    unnamed commentators (``_framing``: "Some analysts were less enthusiastic." and "Not
    all observers were impressed, however."). A lead-in that affirms ("Analysts welcomed
    the plan.") against one that denies stays reported, as do two that affirm (a prefix
    negation, "unconvinced", is not read)."""
    order = sorted(ctx.alignments, key=lambda al: (al.a_sentences[0], al.b_sentences[0]))
    na, nb = len(ctx.a.an.tokens), len(ctx.b.an.tokens)
    out_a: set[int] = set()
    out_b: set[int] = set()
    bounds = [((-1,), (-1,))] + [(al.a_sentences, al.b_sentences) for al in order]
    bounds.append(((na,), (nb,)))
    for (pa, pb), (qa, qb) in pairwise(bounds):
        gap_a = [i for i in range(max(pa) + 1, min(qa)) if i not in aligned_a]
        gap_b = [j for j in range(max(pb) + 1, min(qb)) if j not in aligned_b]
        if (
            len(gap_a) == len(gap_b) == 1
            and _framing(ctx.a, gap_a[0])
            and _framing(ctx.b, gap_b[0])
        ):
            out_a.add(gap_a[0])
            out_b.add(gap_b[0])
    return out_a, out_b


#: Unnamed commentators whose reaction a framing sentence reports: the collective
#: sources of ``GENERIC_SOURCES`` and the common words for people who comment.
_COMMENTATORS = GENERIC_SOURCES | frozenset(
    "observers critics commentators economists investors traders campaigners".split()
)


def _framing(side: Side, index: int) -> bool:
    """Whether sentence ``index`` is a framing reservation: at most ``_FRAMING_TERMS``
    content words, no figure, no name (no capital after the first word), no quote, an
    unnamed group of commentators (``_COMMENTATORS``) and a denial (a negation, a
    denying verb, or "less" before a word: "less enthusiastic")."""
    sent = side.an.doc.sentences[index]
    toks = sentence_tokens(side, index, sent)
    terms = [t for t in toks if t.content]
    if not terms or len(terms) > _FRAMING_TERMS or _has_quote(side, sent):
        return False
    if any(t.number or (k and t.capitalized) for k, t in enumerate(toks)):
        return False
    if not any(t.norm in _COMMENTATORS for t in terms):
        return False
    return any(
        t.norm in NEGATIONS
        or t.stem in NEGATIVE_VERBS
        or (t.norm == "less" and k + 1 < len(toks) and not toks[k + 1].number)
        for k, t in enumerate(toks)
    )


def _crossing(ctx: Context, i: int, j: int) -> bool:
    """Whether pairing A sentence ``i`` with B sentence ``j`` crosses two or more other
    alignments (one before it in A and after it in B, or the reverse): a loose pair far
    out of the order of its neighbours shares a topic word, not a statement."""
    crossed = 0
    for al in ctx.alignments:
        a0, b0 = al.a_sentences[0], al.b_sentences[0]
        if (a0 < i and b0 > j) or (a0 > i and b0 < j):
            crossed += 1
    return crossed >= 2


def sentence_tokens(side: Side, index: int, sent: Sentence) -> list[Token]:
    """The tokens of sentence ``index`` that lie inside it."""
    return [t for t in side.an.tokens[index] if sent.start <= t.start < sent.end]


def _kept_run(xs: list[Token], ys: list[Token], length: int = 4, content: int = 2) -> bool:
    """Whether ``xs`` and ``ys`` share ``length`` words in a row (by norm), ``content`` of
    them content words: a stretch a rewrite kept, which a replacement sentence does not
    have. (Four words with two content words: a stock phrase of function words, "one of
    the", does not count; tuned on the blind sets' low-similarity one-to-one pairs.)"""
    if len(xs) < length or len(ys) < length:
        return False
    grams = {
        tuple(t.norm for t in xs[k : k + length])
        for k in range(len(xs) - length + 1)
        if sum(t.content for t in xs[k : k + length]) >= content
    }
    return any(
        tuple(t.norm for t in ys[k : k + length]) in grams for k in range(len(ys) - length + 1)
    )


def _has_quote(side: Side, sent: Sentence) -> bool:
    """Whether a direct quote of ``side`` overlaps sentence ``sent``."""
    return any(q.start < sent.end and sent.start < q.end for q in side.quotes)
