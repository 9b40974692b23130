"""The detector interface and what every detector shares: the two sides, passages, quote pairs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import ClassVar, Protocol

from rapidfuzz.distance import Indel

from wiretrace.config import FindingsConfig
from wiretrace.discrepancy.mentions import (
    DateMention,
    NameMention,
    NumberMention,
    name_probes,
    names,
    numbers_and_dates,
    proper_words,
)
from wiretrace.discrepancy.quotes import (
    quote_breaks,
    quote_relation,
    quote_sentence_starts,
    quote_words,
)
from wiretrace.model import (
    Alignment,
    AlignmentKind,
    Document,
    Finding,
    FindingFamily,
    FindingKind,
    Quote,
    Sentence,
    Span,
)
from wiretrace.text.analysis import Analysis
from wiretrace.text.lexicon import (
    CAVEATS,
    NEGATIONS,
    NEGATIVE_PHRASES,
    NEGATIVE_VERBS,
    UNCERTAIN,
    UNITS,
    canonical_unit,
)
from wiretrace.text.tokens import Token, plain_stem

#: A difflib-style edit operation over two word sequences: (tag, i1, i2, j1, j2).
Opcode = tuple[str, int, int, int, int]

_CLAUSE_BREAK = re.compile(
    r"[,;:()—–]|\s-\s|\s(?=(?:which|who|whose|while|although|whereas|because|after|"
    r"before|as\s+part|amid|despite)\b)"
)


class Detector(Protocol):
    """One family of findings. A detector reads the comparison ``Context`` and the findings
    of the detectors before it in the registry, and returns its own findings of B
    relative to A (confidences are heuristic scores in [0, 1], not probabilities).

    Adding a kind of finding means adding a detector module (and its test) and listing the
    detector in ``wiretrace.discrepancy.detect.DETECTORS``.
    """

    #: The family every finding of this detector belongs to.
    family: ClassVar[FindingFamily]

    def detect(self, ctx: Context, earlier: Sequence[Finding]) -> list[Finding]:
        """Findings of this family; ``earlier`` holds those of the detectors run before."""
        ...


@dataclass(slots=True)
class Side:
    """One document seen by the detectors, with per-sentence caches."""

    an: Analysis
    quotes: tuple[Quote, ...]
    lowercase: frozenset[str]
    proper: frozenset[str]
    name_context: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())

    @property
    def text(self) -> str:
        """The article text exactly as read; all spans point into it."""
        return self.an.doc.text

    def names(self, sentences: Iterable[int]) -> list[NameMention]:
        """Name mentions of the given sentences (lower-case and proper word sets of both
        texts decide what counts as a name)."""
        lower, proper = self.name_context
        out: list[NameMention] = []
        memo = self.an.memo
        for i in sentences:
            # kept in the document's memo by the context words they depend on
            # (``name_probes``): the context is the pair's, so a key without them made a
            # comparison depend on the pairs compared before it
            key = ("names", i)
            kept: tuple[tuple[str, ...], dict[tuple[bool, ...], list[NameMention]]]
            kept = memo.get(key) or memo.setdefault(
                key, (name_probes(self.an.tokens[i], self.text), {})
            )
            probes, by_context = kept
            bits = tuple(b for w in probes for b in (w in lower, w in proper))
            found = by_context.get(bits)
            if found is None:
                found = by_context[bits] = names(self.an.tokens[i], self.text, lower, proper)
            out.extend(found)
        return out


def _word_sets(an: Analysis) -> tuple[frozenset[str], frozenset[str]]:
    """Words a text uses in lower case, and words it capitalises mid-sentence (memoised)."""
    key = ("word_sets", -1)
    if key not in an.memo:
        lower = frozenset(t.norm for toks in an.tokens for t in toks if not t.capitalized)
        an.memo[key] = (lower, proper_words(an.tokens, an.doc.text))
    sets: tuple[frozenset[str], frozenset[str]] = an.memo[key]
    return sets


def make_sides(
    a: Analysis, b: Analysis, quotes_a: tuple[Quote, ...], quotes_b: tuple[Quote, ...]
) -> tuple[Side, Side]:
    """The two sides, sharing one name context (what either text capitalises)."""
    sa = Side(a, quotes_a, *_word_sets(a))
    sb = Side(b, quotes_b, *_word_sets(b))
    context = (sa.lowercase | sb.lowercase, sa.proper | sb.proper)
    sa.name_context = sb.name_context = context
    return sa, sb


class PassageView:
    """One alignment's tokens on both sides, with their word-level diff and their number
    and date mentions computed on first use."""

    def __init__(
        self,
        alignment: Alignment,
        ta: list[Token],
        tb: list[Token],
        close: bool,
        docs: tuple[Document, Document],
        analyses: tuple[Analysis, Analysis] | None = None,
    ):
        self.alignment = alignment
        self.docs = docs
        #: The two sides' analyses, whose memo keeps each run of sentences' mentions
        #: across the compares of one document (a story compares each member many times)
        self.analyses = analyses
        self.texts = (docs[0].text, docs[1].text)
        self.ta = ta
        self.tb = tb
        #: Close enough in wording that polarity and attribution edits can be read off the
        #: diff (paraphrases below 0.35 similarity are not).
        self.close = close

    @cached_property
    def alignment_sentences_a(self) -> list[Sentence]:
        """A's sentences of the passage."""
        return [self.docs[0].sentences[i] for i in self.alignment.a_sentences]

    @cached_property
    def alignment_sentences_b(self) -> list[Sentence]:
        """B's sentences of the passage."""
        return [self.docs[1].sentences[j] for j in self.alignment.b_sentences]

    @cached_property
    def opcodes(self) -> list[Opcode]:
        """The word-level diff of the two token runs (folded words)."""
        return token_opcodes([t.norm for t in self.ta], [t.norm for t in self.tb])

    @cached_property
    def mentions_a(self) -> tuple[list[NumberMention], list[DateMention]]:
        """Numbers and date parts of A's side."""
        if self.analyses is None:
            return numbers_and_dates(self.ta, self.texts[0])
        return run_mentions(self.analyses[0], self.alignment.a_sentences, self.ta)

    @cached_property
    def mentions_b(self) -> tuple[list[NumberMention], list[DateMention]]:
        """Numbers and date parts of B's side."""
        if self.analyses is None:
            return numbers_and_dates(self.tb, self.texts[1])
        return run_mentions(self.analyses[1], self.alignment.b_sentences, self.tb)


def run_mentions(
    an: Analysis, sentences: tuple[int, ...], tokens: list[Token] | None = None
) -> tuple[list[NumberMention], list[DateMention]]:
    """``numbers_and_dates`` of the tokens of a run of sentences (``tokens``, when the
    caller has them: ``an.tokens_in(sentences)``), kept in the analysis's memo: the same
    for every comparison of the document, so read only (never change the lists)."""
    key = ("run_mentions", -1)
    memo: dict[tuple[int, ...], tuple[list[NumberMention], list[DateMention]]]
    memo = an.memo.setdefault(key, {})
    found = memo.get(sentences)
    if found is None:
        run = an.tokens_in(sentences) if tokens is None else tokens
        found = memo[sentences] = numbers_and_dates(run, an.doc.text)
    return found


@dataclass(frozen=True, slots=True)
class QuotePair:
    """A quote of B and the quote of A it relates to best (``a`` is -1 when none)."""

    b: int
    a: int
    #: "same", "trimmed", "altered", "fabricated", "prepended" (new sentences, then A's
    #: quote word for word) or "appended" (A's quote word for word
    #: with sentences A never quotes after it; ``words`` holds those)
    relation: str
    score: float
    words: list[str]
    #: Further A quotes that B's quote joins to the first one ("same" only).
    also: tuple[int, ...] = ()


@lru_cache(maxsize=16384)
def _quote_relation(a_text: str, b_text: str) -> tuple[str, float]:
    """``quote_relation`` of two quotations' texts (kept: a story's copies repeat its
    quotes, and each compare pairs every quote of one side with every quote of the
    other)."""
    return quote_relation(
        quote_words(a_text),
        quote_words(b_text),
        quote_breaks(a_text),
        quote_sentence_starts(a_text),
    )


@dataclass(slots=True)
class Context:
    """Everything the detectors read: both sides, the alignments and the settings.

    Per-passage views and the pairing of quotes are computed once, on first use.
    ``reverse`` marks the reverse reading (A relative to B), which ``reverse_evidence``
    runs for the direction only: there every passage counts as close.
    """

    a: Side
    b: Side
    alignments: tuple[Alignment, ...]
    config: FindingsConfig
    reverse: bool = False
    _views: dict[int, PassageView] = field(default_factory=dict)
    _quote_pairs: list[QuotePair] | None = None
    _condensed: bool | None = None

    def view(self, index: int) -> PassageView:
        """The view of ``alignments[index]``."""
        if index not in self._views:
            al = self.alignments[index]
            ta = self.a.an.tokens_in(al.a_sentences)
            tb = self.b.an.tokens_in(al.b_sentences)
            close = self.reverse or al.kind != AlignmentKind.PARAPHRASE or al.similarity >= 0.35
            self._views[index] = PassageView(
                al, ta, tb, close, (self.a.an.doc, self.b.an.doc), (self.a.an, self.b.an)
            )
        return self._views[index]

    @property
    def condensed(self) -> bool:
        """Whether B is a condensed copy of A: its body has at most
        ``FindingsConfig.condensed_ratio`` of A's words. A condensed copy leaves out
        detail by design; only what it drops that is a caveat, a denial or a qualifier
        is worth reporting."""
        if self._condensed is None:
            words_a = sum(len(toks) for toks in self.a.an.tokens)
            words_b = sum(len(toks) for toks in self.b.an.tokens)
            self._condensed = words_b <= self.config.condensed_ratio * words_a
        return self._condensed

    def views(self) -> list[PassageView]:
        """Views of every alignment, in order."""
        return [self.view(k) for k in range(len(self.alignments))]

    def quote_pairs(self) -> list[QuotePair]:
        """Each quote of B with the quote of A it relates to best (B quotes without words
        are left out)."""
        if self._quote_pairs is None:
            a_words = [quote_words(q.text) for q in self.a.quotes]
            a_breaks = [quote_breaks(q.text) for q in self.a.quotes]
            a_starts = [quote_sentence_starts(q.text) for q in self.a.quotes]
            pairs: list[QuotePair] = []
            for bi, qb in enumerate(self.b.quotes):
                wb = quote_words(qb.text)
                if not wb:
                    continue
                best, best_score, relation = -1, 0.0, "fabricated"
                for ai, qa in enumerate(self.a.quotes):
                    kind, score = _quote_relation(qa.text, qb.text)
                    if kind == "same":
                        best, best_score, relation = ai, 1.0, "same"
                        break
                    if kind != "unrelated" and score > best_score:
                        best, best_score, relation = ai, score, kind
                also: tuple[int, ...] = ()
                words = wb
                if relation != "same":
                    joined = _joined_quotes(a_words, wb)
                    if joined:
                        best, best_score, relation, also = joined[0], 1.0, "same", joined[1:]
                    else:
                        rest = _after_a_prefix(a_words, wb)
                        if rest is not None:
                            # "“X,” she said. “Y.”" became "“X. Y'.”": B's quote is A's
                            # first quote word for word, then a changed second one
                            first, tail = rest
                            for ai, wa in enumerate(a_words):
                                kind, score = quote_relation(wa, tail, a_breaks[ai], a_starts[ai])
                                if ai != first and kind != "unrelated":
                                    best, best_score, relation = ai, score, kind
                                    also, words = (first,), tail
                                    break
                            else:
                                if _new_sentences(qb.text, len(a_words[first])):
                                    # "“X.”" became "“X. Z.”": sentences A never quotes
                                    # appended to its quote are made up, X is kept
                                    best, best_score, relation = first, 1.0, "appended"
                                    words = tail
                        else:
                            head = _before_a_suffix(a_words, wb, qb.text)
                            if head is not None:
                                # "“X.”" became "“Z. X.”": sentences A never quotes put
                                # before its quote are made up, X is kept
                                best, best_score, relation = head[0], 1.0, "prepended"
                                words = head[1]
                pairs.append(QuotePair(bi, best, relation, best_score, words, also))
            self._quote_pairs = pairs
        return self._quote_pairs

    def quoted_a(self) -> set[int]:
        """Indices of A quotes that B quotes in some form."""
        return {a for p in self.quote_pairs() if p.relation != "fabricated" for a in (p.a, *p.also)}

    def fabricated_b(self) -> set[int]:
        """Indices of B quotes whose words A never quotes (in part: "appended")."""
        return {
            p.b for p in self.quote_pairs() if p.relation in ("fabricated", "appended", "prepended")
        }

    def finding(
        self,
        kind: FindingKind,
        a_span: Span | None,
        b_span: Span | None,
        confidence: float,
        explanation: str,
    ) -> Finding:
        """A finding with the texts of its spans filled in and its confidence clamped."""
        return Finding(
            kind=kind,
            a_span=a_span,
            b_span=b_span,
            a_text=self.a.text[a_span[0] : a_span[1]] if a_span else None,
            b_text=self.b.text[b_span[0] : b_span[1]] if b_span else None,
            confidence=round(max(0.0, min(1.0, confidence)), 3),
            explanation=explanation,
        )


def _new_sentences(text: str, kept: int) -> bool:
    """Whether the words of quote ``text`` after its first ``kept`` words start a new
    sentence (four words or more after a sentence end)."""
    found = list(_QUOTE_WORD.finditer(text))
    if len(found) < kept + 4:
        return False
    gap = text[found[kept - 1].end() : found[kept].start()]
    return any(c in gap for c in ".!?")


_QUOTE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _after_a_prefix(a_words: list[list[str]], wb: list[str]) -> tuple[int, list[str]] | None:
    """An A quote (three words or more) that B's quote opens with, and the words after it."""
    for i, wa in enumerate(a_words):
        if len(wa) >= 3 and len(wb) > len(wa) + 2 and wb[: len(wa)] == wa:
            return i, wb[len(wa) :]
    return None


def _before_a_suffix(
    a_words: list[list[str]], wb: list[str], text: str
) -> tuple[int, list[str]] | None:
    """An A quote (three words or more) that B's quote closes with, after a sentence of
    four words or more that A never quotes: the A quote and the words before it."""
    for i, wa in enumerate(a_words):
        n = len(wb) - len(wa)
        if len(wa) >= 3 and n >= 4 and wb[n:] == wa:
            found = list(_QUOTE_WORD.finditer(text))
            if len(found) == len(wb) and any(
                c in text[found[n - 1].end() : found[n].start()] for c in ".!?"
            ):
                return i, wb[:n]
    return None


def _joined_quotes(a_words: list[list[str]], wb: list[str]) -> tuple[int, ...]:
    """A quotes (two or more, in order) whose words joined make B's quote word for word:
    "“X,” she said. “Y.”" quoted as "she said: “X. Y.”" is the same quotation."""
    out: list[int] = []
    pos = 0
    start = 0
    while pos < len(wb):
        nxt = next(
            (
                i
                for i in range(start, len(a_words))
                if a_words[i] and wb[pos : pos + len(a_words[i])] == a_words[i]
            ),
            None,
        )
        if nxt is None:
            return ()
        out.append(nxt)
        pos += len(a_words[nxt])
        start = nxt + 1
    return tuple(out) if len(out) >= 2 else ()


def token_opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """difflib-style opcodes over two word sequences, from rapidfuzz's LCS (C++, much
    faster than SequenceMatcher); adjacent deletes and inserts merge into one replace."""
    out: list[Opcode] = []
    for op in Indel.opcodes(a, b):
        tag, i1, i2, j1, j2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        if out and tag != "equal" and out[-1][0] != "equal":
            _, pi1, _, pj1, _ = out[-1]
            out[-1] = ("replace", pi1, i2, pj1, j2)
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


def inside(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``pos`` falls in one of the half-open ``spans``."""
    return any(s <= pos < e for s, e in spans)


def clauses(text: str, start: int, end: int, *, words: bool = True) -> list[Span]:
    """The clauses of ``text[start:end]``: stretches between commas, semicolons, colons,
    brackets, dashes and (with ``words``) subordinating words ("which", "because", ...;
    "before" also opens a prepositional phrase, "before any firm conclusion")."""
    return list(_clauses(text, start, end, words))


@lru_cache(maxsize=8192)
def _clauses(text: str, start: int, end: int, words: bool) -> tuple[Span, ...]:
    # kept: a story's compares read each member's sentences many times over
    out: list[Span] = []
    pos = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        k = m.start()
        if text[k] == "," and text[k - 1 : k].isdigit() and text[k + 1 : k + 2].isdigit():
            continue  # a thousands separator ("37,000"), not a clause break
        if not words and text[k].isspace() and m.end() == k + 1:
            continue  # a break before a subordinating word
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return tuple(out)


def widen(text: str, span: Span, lo: int, hi: int) -> Span:
    """Extend a clause span to its clause bounds, trimmed of spaces and punctuation."""
    seg = text[lo:hi]
    left = len(seg) - len(seg.lstrip(" \t\n,;:"))
    right = len(seg.rstrip(" \t\n,;:."))
    return (lo + left, lo + right) if right > left else span


def first_clause(text: str, span: Span) -> Span:
    """The first clause of a passage: where an unsourced claim starts."""
    lo, hi = clauses(text, span[0], span[1])[0]
    return widen(text, (lo, hi), lo, hi)


def measure(n: NumberMention) -> tuple[str | None, float]:
    """A figure's unit key and value for comparison: units written differently ("km",
    "kilometres") share a key, and metric multiples of one unit ("gigawatt",
    "megawatt") are converted to the base unit of their dimension
    (``text.lexicon.canonical_unit``, which story features use too)."""
    if n.unit is None:
        return None, n.value
    return canonical_unit(n.unit, n.value)


def same_value(x: float, y: float) -> bool:
    """Equal figures, allowing for float error after a unit conversion."""
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def _dimensions_differ(na: NumberMention, nb: NumberMention) -> bool:
    """Whether two figures have known units that measure different things (``UNITS``)."""
    ua, ub = UNITS.get(na.unit or ""), UNITS.get(nb.unit or "")
    return ua is not None and ub is not None and ua[0] != ub[0]


def equal_figures(nums_a: list[NumberMention], nums_b: list[NumberMention]) -> dict[int, int]:
    """Index of a figure of A -> index of the figure of B with the same value that stands
    for it (the number and the hedge detectors pair figures the same way).

    Figures with the same unit (``measure``: "1.4 gigawatts" = "1,400 megawatts") pair
    first. A figure of B whose unit belongs to another A figure that found no equal is
    that figure's changed counterpart, not an equal of a figure with another unit: in
    "two branches will open three days a week" → "the branches will open two days a
    week", B's "two days" is the changed "three days", not A's "two branches".
    """
    matches: dict[int, int] = {}
    used: set[int] = set()
    ma, mb = [measure(n) for n in nums_a], [measure(n) for n in nums_b]
    for ia in range(len(nums_a)):
        for k in range(len(nums_b)):
            if k not in used and ma[ia][0] == mb[k][0] and same_value(ma[ia][1], mb[k][1]):
                matches[ia] = k
                used.add(k)
                break
    open_units = {ma[ia][0] for ia in range(len(nums_a)) if ia not in matches and ma[ia][0]}
    for ia, na in enumerate(nums_a):
        if ia in matches:
            continue
        for k, nb in enumerate(nums_b):
            if k in used or not same_value(nb.value, na.value):
                continue
            if mb[k][0] and mb[k][0] != ma[ia][0] and mb[k][0] in open_units:
                continue
            if _dimensions_differ(na, nb):
                continue  # "3 km" and "three days": two measures, whatever their values
            matches[ia] = k
            used.add(k)
            break
    return matches


_CONTRASTS = frozenset("but though although however yet despite whereas".split())


def caveat(side: Side, tokens: list[Token], lo: int, hi: int, *, in_quotes: bool = False) -> bool:
    """Whether ``text[lo:hi]`` holds a caveat, denial or qualifier (``caveat_cues``)."""
    return bool(caveat_cues(side, tokens, lo, hi, in_quotes=in_quotes))


def caveat_cues(
    side: Side, tokens: list[Token], lo: int, hi: int, *, in_quotes: bool = False
) -> set[str]:
    """The kinds of caveat, denial or qualifier cue in ``text[lo:hi]`` (outside direct
    quotes unless ``in_quotes``): "negation" (also a verb that negates, "denied"),
    "hedge", "contrast" ("but", "although") and "caution" (the rest of ``CAVEATS``:
    "speculative", "cautioned")."""
    quotes = [] if in_quotes else [(q.start, q.end) for q in side.quotes]
    out: set[str] = set()
    for k, t in enumerate(tokens):
        if not lo <= t.start < hi or inside(t.start, quotes):
            continue
        if (
            t.norm in NEGATIONS
            or t.norm.endswith("n't")
            or t.stem in NEGATIVE_VERBS
            or negative_phrase_at(tokens, k)
        ):
            out.add("negation")
        elif t.norm in UNCERTAIN:
            out.add("hedge")
        elif t.norm in _CONTRASTS:
            out.add("contrast")
        elif (t.norm in CAVEATS or plain_stem(t.norm) in CAVEATS) and t.norm not in _NOUNS:
            out.add("caution")
    return out


#: Nouns that share a stem with a word of caution: "the speed of the warnings", "the
#: alert came late" name a message, not a caveat ("forecasters warned").
_NOUNS = frozenset("warning warnings alert alerts caution".split())


def negative_phrase_at(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` is the particle of a phrasal verb that denies or refuses
    (``NEGATIVE_PHRASES``: "fell short", "stay out", "voted down")."""
    if not k:
        return False
    word, before = tokens[k].norm, tokens[k - 1].norm
    return any(word == particle and before in verbs for verbs, particle in NEGATIVE_PHRASES)
