"""Finding detectors run over aligned passages and over the documents as a whole."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from wiretrace.config import FindingsConfig
from wiretrace.discrepancy.mentions import (
    DateMention,
    NameMention,
    NumberMention,
    names,
    numbers_and_dates,
    proper_words,
)
from wiretrace.discrepancy.quotes import contiguous, quote_relation, quote_words, same_speaker
from wiretrace.model import (
    Alignment,
    AlignmentKind,
    Finding,
    FindingKind,
    Quote,
    Sentence,
    Span,
)
from wiretrace.text.analysis import Analysis
from wiretrace.text.lexicon import (
    CERTAIN,
    GENERIC_SOURCES,
    MONTHS,
    NEGATIONS,
    NEGATIVE_VERBS,
    NEUTRAL_MODALS,
    STOPWORDS,
    TITLES,
    UNCERTAIN,
)
from wiretrace.text.tokens import Token, fold, stem

_CLAUSE_BREAK = re.compile(
    r"[,;:()—–]|\s-\s|\s(?=(?:which|who|whose|while|although|whereas|because|after|"
    r"before|as\s+part|amid|despite)\b)"
)
Opcode = tuple[str, int, int, int, int]
_PRONOUN_SOURCES = frozenset("he she they it we i who which that this there".split())


@dataclass(slots=True)
class _Side:
    """One document seen by the detectors, with per-sentence caches."""

    an: Analysis
    quotes: tuple[Quote, ...]
    lowercase: frozenset[str]
    proper: frozenset[str]
    name_context: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())

    @property
    def text(self) -> str:
        return self.an.doc.text

    def names(self, sentences: Iterable[int]) -> list[NameMention]:
        """Name mentions of the given sentences (lower-case and proper word sets of both
        texts decide what counts as a name)."""
        lower, proper = self.name_context
        out: list[NameMention] = []
        memo = self.an.memo
        for i in sentences:
            key = ("names", i)
            if key not in memo:
                memo[key] = names(self.an.tokens[i], self.text, lower, proper)
            out.extend(memo[key])
        return out

    def sources(self, sentences: tuple[int, ...]) -> list[tuple[str, Span, str | None]]:
        """Attribution phrases of the given sentences (outside quote attributions)."""
        out: list[tuple[str, Span, str | None]] = []
        memo = self.an.memo
        for i in sentences:
            key = ("sources", i)
            if key not in memo:
                sent = self.an.doc.sentences[i]
                skip = [
                    q.attribution_span
                    for q in self.quotes
                    if q.attribution_span and q.sentence == i
                ]
                memo[key] = _sources(sent.text, sent.start, skip)
            out.extend(memo[key])
        return out


def _word_sets(an: Analysis) -> tuple[frozenset[str], frozenset[str]]:
    """Words a text uses in lower case, and words it capitalises mid-sentence (memoised)."""
    key = ("word_sets", -1)
    if key not in an.memo:
        lower = frozenset(t.norm for toks in an.tokens for t in toks if not t.capitalized)
        an.memo[key] = (lower, proper_words(an.tokens, an.doc.text))
    sets: tuple[frozenset[str], frozenset[str]] = an.memo[key]
    return sets


def detect_findings(
    a: Analysis,
    b: Analysis,
    alignments: tuple[Alignment, ...],
    quotes_a: tuple[Quote, ...],
    quotes_b: tuple[Quote, ...],
    config: FindingsConfig | None = None,
) -> tuple[Finding, ...]:
    """All findings of B relative to A, sorted by position in B then A.

    Confidences are heuristic scores in [0, 1], not calibrated probabilities.
    """
    cfg = config or FindingsConfig()
    sa, sb = _sides(a, b, quotes_a, quotes_b)
    found: list[Finding] = []
    quote_findings, fabricated_b, quoted_a = _quote_findings(sa, sb, alignments)
    found.extend(quote_findings)
    for al in alignments:
        found.extend(_alignment_findings(sa, sb, al))
    found.extend(_name_findings(sa, sb))
    sentences, clauses = _coverage_findings(sa, sb, alignments, fabricated_b, quoted_a, cfg)
    found.extend(sentences)
    # a clause that overlaps a more specific finding is explained by it already
    specific_a = [f.a_span for f in found if f.a_span]
    specific_b = [f.b_span for f in found if f.b_span]
    for f in clauses:
        span, others = (f.a_span, specific_a) if f.a_span else (f.b_span, specific_b)
        if span and not any(s < span[1] and span[0] < e for s, e in others):
            found.append(f)
    out = _dedupe(f for f in found if f.confidence >= cfg.min_confidence)
    out.sort(
        key=lambda f: (
            f.b_span[0] if f.b_span else (f.a_span[0] if f.a_span else 0),
            f.a_span[0] if f.a_span else 0,
        )
    )
    return tuple(out)


def _sides(
    a: Analysis, b: Analysis, quotes_a: tuple[Quote, ...], quotes_b: tuple[Quote, ...]
) -> tuple[_Side, _Side]:
    sa = _Side(a, quotes_a, *_word_sets(a))
    sb = _Side(b, quotes_b, *_word_sets(b))
    context = (sa.lowercase | sb.lowercase, sa.proper | sb.proper)
    sa.name_context = sb.name_context = context
    return sa, sb


def reverse_evidence(
    a: Analysis,
    b: Analysis,
    alignments: tuple[Alignment, ...],
    quotes_a: tuple[Quote, ...],
    quotes_b: tuple[Quote, ...],
) -> tuple[Finding, ...]:
    """Quote and attribution findings of A relative to B: the reverse reading, used only
    as evidence of direction (a trimmed quote or a dropped relay in A points to B)."""
    sb, sa = _sides(b, a, quotes_b, quotes_a)
    swapped = tuple(
        Alignment(al.b_sentences, al.a_sentences, al.b_span, al.a_span, al.similarity, al.kind)
        for al in alignments
    )
    found = _quote_findings(sb, sa, swapped)[0]
    for al in swapped:
        found.extend(_attribution_findings(sb, sa, al))
    return tuple(found)


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


def _finding(
    kind: FindingKind,
    sa: _Side,
    sb: _Side,
    a_span: Span | None,
    b_span: Span | None,
    confidence: float,
    explanation: str,
) -> Finding:
    return Finding(
        kind=kind,
        a_span=a_span,
        b_span=b_span,
        a_text=sa.text[a_span[0] : a_span[1]] if a_span else None,
        b_text=sb.text[b_span[0] : b_span[1]] if b_span else None,
        confidence=round(max(0.0, min(1.0, confidence)), 3),
        explanation=explanation,
    )


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[tuple[object, ...]] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.kind, f.a_span, f.b_span)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _inside(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


# --------------------------------------------------------------------------- quotes


def _quote_findings(
    sa: _Side, sb: _Side, alignments: tuple[Alignment, ...]
) -> tuple[list[Finding], set[int], set[int]]:
    """Trimmed, altered and fabricated quotes, and their attribution changes.

    Returns the findings, the indices of fabricated B quotes and of A quotes that B
    quotes in some form.
    """
    out: list[Finding] = []
    fabricated: set[int] = set()
    a_words = [quote_words(q.text) for q in sa.quotes]
    a_matched: set[int] = set()
    for bi, qb in enumerate(sb.quotes):
        wb = quote_words(qb.text)
        if not wb:
            continue
        best, best_score, relation = -1, 0.0, "fabricated"
        for ai, wa in enumerate(a_words):
            kind, score = quote_relation(wa, wb)
            if kind == "same":
                best, best_score, relation = ai, 1.0, "same"
                break
            if kind != "unrelated" and score > best_score:
                best, best_score, relation = ai, score, kind
        if relation != "fabricated":
            a_matched.add(best)
        qa = sa.quotes[best] if best >= 0 else None
        if relation == "trimmed" and qa is not None:
            out.append(
                _finding(
                    FindingKind.QUOTE_TRIMMED,
                    sa,
                    sb,
                    (qa.start, qa.end),
                    (qb.start, qb.end),
                    0.9,
                    _trim_explanation(quote_words(qa.text), wb),
                )
            )
        elif relation == "altered" and qa is not None:
            out.append(
                _finding(
                    FindingKind.QUOTE_ALTERED,
                    sa,
                    sb,
                    (qa.start, qa.end),
                    (qb.start, qb.end),
                    0.55 + 0.35 * best_score,
                    "the words inside the quotation marks differ: " + _word_diff(a_words[best], wb),
                )
            )
        elif relation == "fabricated":
            fabricated.add(bi)
            out.append(_fabricated(sa, sb, qb, wb, alignments))
        if qa is not None:
            out.extend(_quote_attribution(sa, sb, qa, qb))
    # A quotes whose words B keeps only partly, inside a quote of its own
    for ai, qa in enumerate(sa.quotes):
        if ai in a_matched:
            continue
        wa = a_words[ai]
        content = [w for w in wa if len(w) > 2]
        if not content:
            continue
        for qb in sb.quotes:
            wb = quote_words(qb.text)
            shared = [w for w in content if w in wb]
            if not shared or len(shared) / len(content) < 0.5 or wa == wb:
                continue
            if contiguous(wa, wb):
                continue  # B quotes A's words verbatim inside a longer quote
            b_span = _clause_around(sb.text, qb, shared)
            out.append(
                _finding(
                    FindingKind.QUOTE_ALTERED,
                    sa,
                    sb,
                    (qa.start, qa.end),
                    b_span,
                    0.5 + 0.3 * len(shared) / len(content),
                    f"A quotes “{qa.text}”; B's quote keeps only "
                    f"{', '.join(repr(w) for w in shared)} in other wording",
                )
            )
            break
    return out, fabricated, a_matched


def _trim_explanation(wa: list[str], wb: list[str]) -> str:
    n = len(wb)
    at = next(i for i in range(len(wa) - n + 1) if wa[i : i + n] == wb)
    parts = []
    if at:
        parts.append(f"the opening “{' '.join(wa[:at])}” was cut")
    if at + n < len(wa):
        parts.append(f"the ending “{' '.join(wa[at + n :])}” was cut")
    return "B quotes only part of A's quotation: " + " and ".join(parts)


def _word_diff(wa: list[str], wb: list[str]) -> str:
    ops = token_opcodes(wa, wb)
    parts = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "replace":
            parts.append(f"“{' '.join(wa[i1:i2])}” → “{' '.join(wb[j1:j2])}”")
        elif tag == "delete":
            parts.append(f"“{' '.join(wa[i1:i2])}” dropped")
        elif tag == "insert":
            parts.append(f"“{' '.join(wb[j1:j2])}” added")
    return "; ".join(parts[:4]) or "punctuation only"


def _clause_around(text: str, q: Quote, words: list[str]) -> Span:
    """The clause of quote ``q`` holding the first of ``words``."""
    inner = text[q.start : q.end]
    lowered = inner.lower()
    pos = min((p for p in (lowered.find(w) for w in words) if p >= 0), default=0)
    left = max(inner.rfind(",", 0, pos), inner.rfind(";", 0, pos))
    right_candidates = [p for p in (inner.find(",", pos), inner.find(";", pos)) if p >= 0]
    right = min(right_candidates) if right_candidates else len(inner)
    seg = inner[left + 1 : right]
    lead = len(seg) - len(seg.lstrip())
    return (q.start + left + 1 + lead, q.start + left + 1 + len(seg.rstrip()))


def _fabricated(
    sa: _Side, sb: _Side, qb: Quote, wb: list[str], alignments: tuple[Alignment, ...]
) -> Finding:
    """A quote of B whose words A never quotes; point at A's reported speech if any."""
    # the A sentence sharing most words with the quote, preferring aligned ones
    b_sent = qb.sentence
    candidates = [i for al in alignments if b_sent in al.b_sentences for i in al.a_sentences]
    content = {stem(w) for w in wb if len(w) > 3 and w not in STOPWORDS}
    best_i, best_cov = -1, 0.0
    for i in candidates or range(len(sa.an.tokens)):
        stems = {t.stem for t in sa.an.tokens[i]}
        cov = len(content & stems) / len(content) if content else 0.0
        if cov > best_cov:
            best_i, best_cov = i, cov
    speaker = f" attributed to {qb.speaker}" if qb.speaker else ""
    if best_i >= 0 and best_cov >= 0.3:
        s = sa.an.doc.sentences[best_i]
        in_quote = any(q.sentence == best_i for q in sa.quotes)
        how = "in other words" if in_quote else "only as reported (indirect) speech"
        return _finding(
            FindingKind.QUOTE_FABRICATED,
            sa,
            sb,
            (s.start, s.end),
            (qb.start, qb.end),
            0.9 if len(wb) > 3 else 0.8,
            f"B has a direct quote{speaker} that A never quotes; A gives this content {how}",
        )
    return _finding(
        FindingKind.QUOTE_FABRICATED,
        sa,
        sb,
        None,
        (qb.start, qb.end),
        0.75,
        f"B has a direct quote{speaker} whose words do not appear as a quote anywhere in A",
    )


def _quote_attribution(sa: _Side, sb: _Side, qa: Quote, qb: Quote) -> list[Finding]:
    out: list[Finding] = []
    a_span = qa.attribution_span or qa.speaker_span
    b_span = qb.attribution_span or qb.speaker_span
    same = same_speaker(qa.speaker, qb.speaker)
    resolved = _from_pronoun(sa.text, qa) or _from_pronoun(sb.text, qb)
    if same is False and not resolved:
        out.append(
            _finding(
                FindingKind.ATTRIBUTION_CHANGED,
                sa,
                sb,
                a_span,
                b_span,
                0.8,
                f"A attributes this quote to {qa.speaker}; B to {qb.speaker}",
            )
        )
    elif qa.intermediary and not qb.intermediary and a_span:
        head = qa.intermediary.split()[-1].lower().rstrip("s")
        b_sentence = sb.an.doc.sentences[qb.sentence]
        if head not in sb.text[b_sentence.start : b_sentence.end].lower():
            out.append(
                _finding(
                    FindingKind.ATTRIBUTION_DROPPED,
                    sa,
                    sb,
                    a_span,
                    b_span,
                    0.85,
                    f"A reports this quote second-hand, through {qa.intermediary}; B presents "
                    f"it as said directly{' by ' + qb.speaker if qb.speaker else ''}",
                )
            )
    return out


def _from_pronoun(text: str, q: Quote) -> bool:
    """Whether the quote's speaker was resolved from a pronoun (a guess, not evidence)."""
    if q.speaker_span is None:
        return False
    return text[q.speaker_span[0] : q.speaker_span[1]].lower() in {"he", "she", "they"}


# --------------------------------------------------------------------------- per alignment


def _alignment_findings(sa: _Side, sb: _Side, al: Alignment) -> list[Finding]:
    ta = sa.an.tokens_in(al.a_sentences)
    tb = sb.an.tokens_in(al.b_sentences)
    out: list[Finding] = []
    nums_a, dates_a = numbers_and_dates(ta)
    nums_b, dates_b = numbers_and_dates(tb)
    out.extend(_number_findings(sa, sb, nums_a, nums_b))
    out.extend(_date_findings(sa, sb, dates_a, dates_b))
    opcodes = token_opcodes([t.norm for t in ta], [t.norm for t in tb])
    out.extend(_slot_name_findings(sa, sb, al, ta, tb, opcodes))
    close = al.kind != AlignmentKind.PARAPHRASE or al.similarity >= 0.35
    if close:
        quote_spans_a = [(q.start, q.end) for q in sa.quotes]
        quote_spans_b = [(q.start, q.end) for q in sb.quotes]
        out.extend(_polarity_findings(sa, sb, ta, tb, opcodes, quote_spans_a, quote_spans_b, al))
        out.extend(_attribution_findings(sa, sb, al))
    return out


def _number_findings(
    sa: _Side, sb: _Side, nums_a: list[NumberMention], nums_b: list[NumberMention]
) -> list[Finding]:
    out: list[Finding] = []
    used_b: set[int] = set()
    unmatched_a: list[NumberMention] = []
    for na in nums_a:
        match = next(
            (
                k
                for k, nb in enumerate(nums_b)
                if k not in used_b and abs(nb.value - na.value) < 1e-9
            ),
            None,
        )
        if match is None:
            unmatched_a.append(na)
            continue
        used_b.add(match)
        nb = nums_b[match]
        if na.hedge != nb.hedge:
            # "about 35 percent" vs "35 percent" is a loss of precision, less than a change
            # from "about" to "exactly" or "more than"
            mild = {na.hedge, nb.hedge} == {"approx", "none"}
            out.append(
                _finding(
                    FindingKind.HEDGE_CHANGED,
                    sa,
                    sb,
                    (na.hedge_start, na.end),
                    (nb.hedge_start, nb.end),
                    0.5 if mild else 0.75,
                    f"the same figure is qualified differently: {na.hedge} in A, {nb.hedge} in B",
                )
            )
    unmatched_b = [nb for k, nb in enumerate(nums_b) if k not in used_b]
    a_values = {round(n.value, 6) for n in nums_a}
    for na in unmatched_a:
        partner = next((nb for nb in unmatched_b if nb.unit and nb.unit == na.unit), None)
        confidence = 0.85
        if partner is None and len(unmatched_a) == 1 and len(unmatched_b) == 1:
            partner, confidence = unmatched_b[0], 0.6
        if partner is None or round(partner.value, 6) in a_values:
            continue
        unmatched_b.remove(partner)
        out.append(
            _finding(
                FindingKind.NUMBER_CHANGED,
                sa,
                sb,
                (na.hedge_start, na.end),
                (partner.hedge_start, partner.end),
                confidence,
                f"A gives {_fmt(na.value)}"
                f"{' ' + na.unit if na.unit else ''}; B gives {_fmt(partner.value)}",
            )
        )
    return out


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:,}"


def _date_findings(
    sa: _Side, sb: _Side, dates_a: list[DateMention], dates_b: list[DateMention]
) -> list[Finding]:
    out: list[Finding] = []
    months_a = {d.value[0] for d in dates_a if d.field in ("month", "monthday")}
    months_b = {d.value[0] for d in dates_b if d.field in ("month", "monthday")}
    for part in ("weekday", "monthday", "year", "month", "relday"):
        vb_all = {d.value for d in dates_b if d.field == part}
        va_all = {d.value for d in dates_a if d.field == part}
        fa = [d for d in dates_a if d.field == part and d.value not in vb_all]
        fb = [d for d in dates_b if d.field == part and d.value not in va_all]
        if part == "month" and months_a & months_b:
            continue
        for da, db in zip(fa, fb, strict=False):
            out.append(
                _finding(
                    FindingKind.DATE_CHANGED,
                    sa,
                    sb,
                    (da.start, da.end),
                    (db.start, db.end),
                    0.85,
                    f"A dates this “{sa.text[da.start : da.end]}”; "
                    f"B “{sb.text[db.start : db.end]}”",
                )
            )
    return out


def _slot_name_findings(
    sa: _Side,
    sb: _Side,
    al: Alignment,
    ta: list[Token],
    tb: list[Token],
    opcodes: Sequence[Opcode],
) -> list[Finding]:
    """A name replaced by another name in the same place of an aligned passage.

    A short substitution only needs the names to be absent from the other passage; a
    longer one needs them absent from the whole other text.
    """
    out: list[Finding] = []
    names_a = sa.names(al.a_sentences)
    names_b = sb.names(al.b_sentences)
    group_a = frozenset(t.norm for t in ta)
    group_b = frozenset(t.norm for t in tb)
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "replace" or i2 - i1 > 6 or j2 - j1 > 6:
            continue
        short = i2 - i1 <= 3 and j2 - j1 <= 3
        na = _changed_names(names_a, ta[i1:i2], group_b if short else sb.an.norms)
        nb = _changed_names(names_b, tb[j1:j2], group_a if short else sa.an.norms)
        if len(na) == 1 and len(nb) == 1:
            a_n, b_n = na[0], nb[0]
            variant = fuzz.ratio(" ".join(a_n.words), " ".join(b_n.words)) >= 75
            out.append(
                _finding(
                    FindingKind.ENTITY_CHANGED,
                    sa,
                    sb,
                    (a_n.start, a_n.end),
                    (b_n.start, b_n.end),
                    0.45 if variant else 0.8,
                    (
                        "the name is spelled differently (a variant or a different person)"
                        if variant
                        else "the same place in the passage names someone else"
                    )
                    + f": “{sa.text[a_n.start : a_n.end]}” → “{sb.text[b_n.start : b_n.end]}”",
                )
            )
    return out


def _changed_names(
    mentions: list[NameMention], region: list[Token], known: frozenset[str]
) -> list[NameMention]:
    """Names overlapping a replaced stretch whose replaced words the other side lacks."""
    if not region:
        return []
    lo, hi = region[0].start, region[-1].end
    out = []
    for n in mentions:
        if n.end <= lo or n.start >= hi:
            continue
        words = {t.norm for t in region if n.start <= t.start < n.end}
        if words and not words & known:
            out.append(n)
    return out


def _cues(tokens: list[Token], lo: int, hi: int, words: frozenset[str]) -> list[Token]:
    out = []
    negations = "not" in words
    for k in range(lo, hi):
        t = tokens[k]
        if t.capitalized and t.norm in MONTHS:
            continue  # "May 3" is a date, not a modal
        if t.norm in words or t.stem in words or (t.norm.endswith("n't") and "n't" in words):
            out.append(t)
        elif negations and t.norm == "yet" and k + 1 < len(tokens) and tokens[k + 1].norm == "to":
            out.append(t)  # "has yet to concede" = "has not conceded"
    return out


def _local_ops(opcodes: Sequence[Opcode], tokens: list[Token]) -> list[Opcode]:
    """Changed stretches that are an edit of the same statement: short, and anchored by
    unchanged words on both sides. A long or unanchored stretch is an omission, an
    addition or a rewording, not a change of polarity."""
    out: list[Opcode] = []
    for k, op in enumerate(opcodes):
        tag, i1, i2, j1, j2 = op
        size = max(i2 - i1, j2 - j1)
        limit = 3 if tag in ("delete", "insert") else 8
        anchored = (
            k > 0
            and _anchor(opcodes[k - 1], tokens)
            and k + 1 < len(opcodes)
            and _anchor(opcodes[k + 1], tokens)
        )
        if tag != "equal" and size <= limit and anchored:
            out.append(op)
    return out


def _anchor(op: Opcode, tokens: list[Token]) -> bool:
    """An unchanged stretch that pins an edit in place: two words, or one content word
    (a lone "the" matches anywhere)."""
    tag, i1, i2, _, _ = op
    return tag == "equal" and (i2 - i1 >= 2 or any(t.content for t in tokens[i1:i2]))


def _polarity_findings(
    sa: _Side,
    sb: _Side,
    ta: list[Token],
    tb: list[Token],
    opcodes: Sequence[Opcode],
    quote_spans_a: list[tuple[int, int]],
    quote_spans_b: list[tuple[int, int]],
    al: Alignment,
) -> list[Finding]:
    """Negation and hedging cues that one side of the changed stretches has and the other
    lacks (summed over the passage, so that a cue moved within it is not a change)."""
    out: list[Finding] = []
    confidence = 0.85 if al.kind != AlignmentKind.PARAPHRASE else 0.6
    ops = _local_ops(opcodes, ta)

    def collect(words: frozenset[str]) -> tuple[list[Token], list[Token]]:
        ca: list[Token] = []
        cb: list[Token] = []
        for _, i1, i2, j1, j2 in ops:
            ca.extend(_cues(ta, i1, i2, words))
            cb.extend(_cues(tb, j1, j2, words))
        return ca, cb

    def quoted(cues: list[Token], spans: list[tuple[int, int]]) -> bool:
        return bool(cues) and all(_inside(t.start, spans) for t in cues)

    neg_a, neg_b = collect(NEGATIONS | NEGATIVE_VERBS)
    # a flip inside quotation marks on both sides is reported as quote_altered
    in_quotes = quoted(neg_a, quote_spans_a) and quoted(neg_b, quote_spans_b)
    if (len(neg_a) + len(neg_b)) % 2 == 1 and not in_quotes:
        out.append(
            _finding(
                FindingKind.NEGATION_CHANGED,
                sa,
                sb,
                _cue_span(neg_a) or _near(ta, neg_b, tb, opcodes, side="a"),
                _cue_span(neg_b) or _near(tb, neg_a, ta, opcodes, side="b"),
                confidence,
                "the statement's polarity flips: "
                + (f"A has “{_words(neg_a)}”" if neg_a else "A states it positively")
                + (f", B has “{_words(neg_b)}”" if neg_b else ", B states it positively"),
            )
        )
    unc_a, unc_b = collect(UNCERTAIN)
    in_quotes = quoted(unc_a, quote_spans_a) if unc_a else quoted(unc_b, quote_spans_b)
    if bool(unc_a) != bool(unc_b) and not in_quotes:
        neutral_a, neutral_b = collect(NEUTRAL_MODALS)
        if not (neutral_b if unc_a else neutral_a):
            cert_a, cert_b = collect(CERTAIN)
            hedged, plain = ("A", "B") if unc_a else ("B", "A")
            out.append(
                _finding(
                    FindingKind.HEDGE_CHANGED,
                    sa,
                    sb,
                    _cue_span(unc_a or cert_a) or _near(ta, unc_b, tb, opcodes, side="a"),
                    _cue_span(unc_b or cert_b) or _near(tb, unc_a, ta, opcodes, side="b"),
                    confidence - 0.05,
                    f"{hedged} hedges the claim (“{_words(unc_a or unc_b)}”); "
                    f"{plain} states it as certain",
                )
            )
    return out


def _words(tokens: list[Token]) -> str:
    return " ".join(t.raw for t in tokens)


def _cue_span(cues: list[Token]) -> Span | None:
    return (cues[0].start, cues[-1].end) if cues else None


def _near(
    tokens: list[Token],
    other_cues: list[Token],
    other_tokens: list[Token],
    opcodes: Sequence[Opcode],
    side: str,
) -> Span | None:
    """The stretch of ``tokens`` that replaces the other side's first cue."""
    if not other_cues:
        return None
    index = other_tokens.index(other_cues[0])
    for _, i1, i2, j1, j2 in opcodes:
        lo, hi, mlo, mhi = (j1, j2, i1, i2) if side == "a" else (i1, i2, j1, j2)
        if lo <= index < max(hi, lo + 1):
            if mhi > mlo:
                return (tokens[mlo].start, tokens[mhi - 1].end)
            if mlo < len(tokens):
                return (tokens[mlo].start, tokens[mlo].end)
    return None


_SPEECH = re.compile(
    r"\b(?:said|says|told|tells|reported|reports|announced|confirmed|stated|according|"
    r"quoted|cited|citing|statement|added|claimed|wrote)\b",
    re.IGNORECASE,
)


def _attribution_findings(sa: _Side, sb: _Side, al: Alignment) -> list[Finding]:
    """A claim attributed to a source in A, stated without that source (or with another)
    in B. Attribution of direct quotes is handled with the quotes."""
    out: list[Finding] = []
    a_sources = sa.sources(al.a_sentences)
    if not a_sources:
        return out
    b_sources = sb.sources(al.b_sentences)
    b_words = {t.norm for j in al.b_sentences for t in sb.an.tokens[j]}
    b_stems = {t.stem for j in al.b_sentences for t in sb.an.tokens[j] if t.content}
    a_words = {t.norm for i in al.a_sentences for t in sa.an.tokens[i]}
    for src, phrase_span, relayed in a_sources:
        if _source_in(src, b_words):
            continue
        claim = _claim_terms(sa, al, phrase_span)
        if claim and sum(1 for t in claim if t in b_stems) < 0.5 * len(claim):
            continue  # B lacks the claim itself: an omission, not a dropped source
        if relayed is not None:
            # "the agency quoted X as saying" -> "X said": the relay is dropped
            direct = [ps for s, ps, _ in b_sources if same_speaker(s, relayed)]
            if direct or not b_sources:
                out.append(
                    _finding(
                        FindingKind.ATTRIBUTION_DROPPED,
                        sa,
                        sb,
                        phrase_span,
                        direct[0] if direct else _first_clause(sb.text, al.b_span),
                        0.8,
                        f"A reports this second-hand, through {src}; B drops {src}",
                    )
                )
                continue
        other = [
            (s, ps)
            for s, ps, _ in b_sources
            if same_speaker(s, src) is False
            and _named(s)
            and fuzz.ratio(s.lower(), src.lower()) < 70
            and not {fold(w) for w in s.split()} & a_words
        ]
        if other:
            out.append(
                _finding(
                    FindingKind.ATTRIBUTION_CHANGED,
                    sa,
                    sb,
                    phrase_span,
                    other[0][1],
                    0.65,
                    f"A attributes this to {src}; B to {other[0][0]}",
                )
            )
        elif not b_sources and not _SPEECH.search(_claim_sentence(sb, al, claim)):
            out.append(
                _finding(
                    FindingKind.ATTRIBUTION_DROPPED,
                    sa,
                    sb,
                    phrase_span,
                    _first_clause(sb.text, al.b_span),
                    0.7,
                    f"A attributes this to {src}; B states it without a source",
                )
            )
    return out


def _source_in(source: str, words: set[str]) -> bool:
    """Whether a passage (its folded words) still names a source: all of the source's
    capitalised words when it has any ("St. Aldric General Hospital"), else its head noun
    ("the agencies")."""
    names = [fold(w) for w in source.split() if w[:1].isupper() and fold(w) not in TITLES]
    if names:
        return all(w in words or w.rstrip("s") in words for w in names)
    head = fold(source.split()[-1])
    return head in words or head.rstrip("s") in words


def _claim_terms(side: _Side, al: Alignment, phrase: Span) -> list[str]:
    """Content stems of the clause an attribution phrase attributes (the phrase excluded)."""
    lo, hi = al.a_span
    clauses = _clauses(side.text, lo, hi)
    clause = next((c for c in clauses if c[0] <= phrase[0] < c[1]), (lo, hi))
    toks = [
        t
        for i in al.a_sentences
        for t in side.an.tokens[i]
        if clause[0] <= t.start < clause[1] and not phrase[0] <= t.start < phrase[1] and t.content
    ]
    if len(toks) < 2:  # "..., the airline said": the claim is the rest of the sentence
        toks = [
            t
            for i in al.a_sentences
            for t in side.an.tokens[i]
            if not phrase[0] <= t.start < phrase[1] and t.content
        ]
    return [t.stem for t in toks]


def _claim_sentence(side: _Side, al: Alignment, claim: list[str]) -> str:
    """The sentence of B's passage that carries most of a claim's terms."""
    wanted = set(claim)
    best = max(
        al.b_sentences,
        key=lambda j: sum(1 for t in side.an.tokens[j] if t.stem in wanted),
    )
    return side.an.doc.sentences[best].text


def _named(source: str) -> bool:
    """A named source ("Marchetti", "the Interior Ministry"), not a generic one ("the airline")."""
    return any(w[:1].isupper() for w in source.split()) and not _generic(source)


def _first_clause(text: str, span: Span) -> Span:
    """The first clause of a passage: where an unsourced claim starts."""
    lo, hi = _clauses(text, span[0], span[1])[0]
    return _widen(text, (lo, hi), lo, hi)


def _generic(source: str) -> bool:
    return all(fold(w) in GENERIC_SOURCES or fold(w) in STOPWORDS for w in source.split())


_ADVERBS = r"(?:also|later|earlier|previously|privately|publicly|separately|further)"
# Anchors first, then short patterns around each anchor: much faster than one alternation
# tried at every position of the text.
_BE_VERBS = frozenset("be been being is are was were".split())
_ANCHOR = re.compile(
    r"\b(?:(?P<acc>[Aa]ccording\s+to|[Cc]iting)|(?P<via>quoted|cited)"
    r"|(?P<say>said|says|reported|reports|announced|confirmed|stated|told))\b"
)
_FORWARD_SOURCE = re.compile(
    r"\s+((?:the\s+)?(?:[\w’'.-]+\s+){0,6}?[\w’'-]+)(?=\s*[,;]|\.(?!\s*[A-Z][a-z])|\s*$)"
)
_RELAY_BEFORE = re.compile(r"((?:[\w’'.-]+\s+){0,4}[\w’'.-]+)\s+$")
_RELAY_SPEAKER = re.compile(
    r"\s+((?:[\w’'.-]+\s+){0,5}?[\w’'.-]+)\s+as\s+(?:saying|telling|stating)"
)
_SAYER_BEFORE = re.compile(
    rf"((?:[A-Z][\w’'.-]*\s+){{0,3}}[\w’'.-]+)\s*,?\s+(?:{_ADVERBS}\s+)?"
    r"(?:(?:has|have|had)\s+)?$"
)


def _sources(text: str, offset: int, skip: list[Span]) -> list[tuple[str, Span, str | None]]:
    """Attribution phrases of a passage: the source's words, the phrase's span, and the
    original speaker when the source only relays them ("X quoted Y as saying")."""
    out: list[tuple[str, Span, str | None]] = []
    for anchor in _ANCHOR.finditer(text):
        relayed: str | None = None
        if anchor.group("acc"):
            m = _FORWARD_SOURCE.match(text, anchor.end())
            if m is None:
                continue
            source, start, end = m.group(1), anchor.start(), m.end()
        elif anchor.group("via"):
            before = _RELAY_BEFORE.search(text, max(0, anchor.start() - 80), anchor.start())
            after = _RELAY_SPEAKER.match(text, anchor.end())
            if before is None or after is None:
                continue
            source, relayed = before.group(1), after.group(1)
            start, end = before.start(), after.end()
        else:
            before = _SAYER_BEFORE.search(text, max(0, anchor.start() - 80), anchor.start())
            if before is None:
                continue
            source, start, end = before.group(1), before.start(), anchor.end()
            last = source.split()[-1].lower()
            if last in _BE_VERBS or last.endswith("ly"):
                continue  # "had been formally confirmed": passive, no source
            if anchor.group() == "told":
                nxt = re.match(r"\s+\w+", text[end:])
                end += nxt.end() if nxt else 0
            if "," in text[before.end(1) : anchor.start()] and not source[:1].isupper():
                continue  # "... was not charged, said": the clause, not the source
        words = [w.strip(".,;:’'") for w in source.split()]
        while words and words[0].lower() in {"the", "a", "an"}:
            words = words[1:]
        words = [w for w in words if w]
        while words and re.fullmatch(_ADVERBS, words[-1].lower()):
            words.pop()
        if not words or words[-1].lower() in _PRONOUN_SOURCES | STOPWORDS:
            continue
        if anchor.group("say") and any(w.lower() in STOPWORDS for w in words):
            continue
        phrase = (offset + start, offset + end)
        if any(s < phrase[1] and phrase[0] < e for s, e in skip):
            continue
        out.append((" ".join(words), phrase, relayed))
    return out


# --------------------------------------------------------------------------- names


def _name_findings(sa: _Side, sb: _Side) -> list[Finding]:
    """Full names sharing a surname (or a first name) but differing in the other part."""
    full_a = _full_names(sa)
    full_b = _full_names(sb)
    out: list[Finding] = []
    reported: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for na in full_a:
        for nb in full_b:
            if na.words == nb.words or (na.words, nb.words) in reported:
                continue
            fa, la = na.words[:-1], na.words[-1]
            fb, lb = nb.words[:-1], nb.words[-1]
            if la == lb and fa != fb:
                new_a = [w for w in fa if w not in sb.an.norms]
                new_b = [w for w in fb if w not in sa.an.norms]
                if not new_a or not new_b:
                    continue
                what = "first name"
            elif fa == fb and la != lb and la not in sb.an.norms and lb not in sa.an.norms:
                what = "surname"
            else:
                continue
            reported.add((na.words, nb.words))
            variant = fuzz.ratio(" ".join(na.words), " ".join(nb.words)) >= 80
            out.append(
                _finding(
                    FindingKind.ENTITY_CHANGED,
                    sa,
                    sb,
                    (na.start, na.end),
                    (nb.start, nb.end),
                    0.4 if variant else 0.85,
                    f"the {what} differs: “{sa.text[na.start : na.end]}” in A, "
                    f"“{sb.text[nb.start : nb.end]}” in B"
                    + (" (possibly a spelling variant)" if variant else ""),
                )
            )
    return out


def _full_names(side: _Side) -> list[NameMention]:
    """Distinct names of two to four words (titles left out) in a text."""
    out: list[NameMention] = []
    seen: set[tuple[str, ...]] = set()
    for n in side.names(range(len(side.an.tokens))):
        words = tuple(w for w in n.words if w not in TITLES)
        if 2 <= len(words) <= 4 and words not in seen:
            seen.add(words)
            out.append(n)
    return out


# --------------------------------------------------------------------------- coverage


def _coverage_findings(
    sa: _Side,
    sb: _Side,
    alignments: tuple[Alignment, ...],
    fabricated_b: set[int],
    quoted_a: set[int],
    cfg: FindingsConfig,
) -> tuple[list[Finding], list[Finding]]:
    """Unaligned sentences and unsupported clauses: additions in B, omissions from A.

    Returns sentence-level and clause-level findings apart.

    Clauses inside an A quotation that B quotes in part are left to the quote findings.
    """
    kept_quotes_a = [(sa.quotes[k].start, sa.quotes[k].end) for k in quoted_a]
    out: list[Finding] = []
    clauses: list[Finding] = []
    aligned_a = {i for al in alignments for i in al.a_sentences}
    aligned_b = {j for al in alignments for j in al.b_sentences}
    fabricated_sentences = {sb.quotes[k].sentence for k in fabricated_b}
    for side, other, aligned, kind in (
        (sb, sa, aligned_b, FindingKind.UNSUPPORTED_ADDITION),
        (sa, sb, aligned_a, FindingKind.OMISSION),
    ):
        other_stems = other.an.stems
        for sent in _window(side.an, aligned, cfg.sparse_window_coverage):
            toks = side.an.tokens[sent.index]
            terms = [t for t in toks if t.content]
            if len(terms) < 3 or _is_heading(sent.text):
                continue
            if sent.index not in aligned:
                support = sum(1 for t in terms if t.stem in other_stems) / len(terms)
                if support >= cfg.sentence_covered_support:
                    continue
                if kind is FindingKind.UNSUPPORTED_ADDITION and sent.index in fabricated_sentences:
                    continue
                span = (sent.start, sent.end)
                out.append(_coverage_finding(kind, sa, sb, span, support, sentence=True))
                continue
            for lo, hi in _clauses(side.text, sent.start, sent.end):
                clause_terms = [t for t in terms if lo <= t.start < hi]
                if len(clause_terms) < cfg.clause_min_terms:
                    continue
                flags = [t.stem not in other_stems for t in clause_terms]
                unsupported = sum(flags)
                support = 1 - unsupported / len(clause_terms)
                if support > cfg.clause_max_support or _longest_run(flags) < cfg.clause_min_run:
                    continue
                if kind is FindingKind.UNSUPPORTED_ADDITION and any(
                    sb.quotes[k].start <= lo < sb.quotes[k].end for k in fabricated_b
                ):
                    continue
                if kind is FindingKind.OMISSION and _inside(lo, kept_quotes_a):
                    continue
                span = (clause_terms[0].start, clause_terms[-1].end)
                span = _widen(side.text, span, lo, hi)
                clauses.append(_coverage_finding(kind, sa, sb, span, support, sentence=False))
    return out, clauses


def _window(an: Analysis, aligned: set[int], min_share: float) -> list[Sentence]:
    """The sentences where additions or omissions are worth reporting.

    When only a small share of a text aligns (a short rewrite against a long compilation),
    report unaligned sentences only next to aligned ones, not the whole text.
    """
    sentences = an.doc.sentences
    if not aligned or len(aligned) >= min_share * len(sentences):
        return list(sentences)
    near = sorted({k for i in aligned for k in range(i - 2, i + 3) if 0 <= k < len(sentences)})
    return [sentences[k] for k in near]


def _coverage_finding(
    kind: FindingKind, sa: _Side, sb: _Side, span: Span, support: float, *, sentence: bool
) -> Finding:
    unit = "sentence" if sentence else "clause"
    base = 0.55 if sentence else 0.45
    confidence = base + 0.4 * (1 - support)
    if kind is FindingKind.UNSUPPORTED_ADDITION:
        return _finding(
            kind,
            sa,
            sb,
            None,
            span,
            confidence,
            f"this {unit} of B has no counterpart in A ({support:.0%} of its terms occur in A)",
        )
    return _finding(
        kind,
        sa,
        sb,
        span,
        None,
        confidence,
        f"this {unit} of A has no counterpart in B ({support:.0%} of its terms occur in B)",
    )


def _is_heading(text: str) -> bool:
    return not text.rstrip().endswith((".", "!", "?", '"', "”", "’", "'", ")")) and (
        len(text.split()) <= 15
    )


def _clauses(text: str, start: int, end: int) -> list[Span]:
    out: list[Span] = []
    pos = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return out


def _longest_run(flags: list[bool]) -> int:
    best = run = 0
    for f in flags:
        run = run + 1 if f else 0
        best = max(best, run)
    return best


def _widen(text: str, span: Span, lo: int, hi: int) -> Span:
    """Extend a clause span to its clause bounds, trimmed of spaces and punctuation."""
    seg = text[lo:hi]
    left = len(seg) - len(seg.lstrip(" \t\n,;:"))
    right = len(seg.rstrip(" \t\n,;:."))
    return (lo + left, lo + right) if right > left else span
