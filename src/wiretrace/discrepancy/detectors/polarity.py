"""Hedge and negation findings: a claim's polarity flipped or its certainty changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from wiretrace.discrepancy.detectors.base import (
    Context,
    Opcode,
    PassageView,
    Side,
    clauses,
    equal_figures,
    inside,
    negative_phrase_at,
)
from wiretrace.model import AlignmentKind, Finding, FindingFamily, FindingKind, Span
from wiretrace.text.lexicon import (
    ANTONYMS,
    CERTAIN,
    MONTHS,
    NEGATIONS,
    NEGATIVE_VERBS,
    NEUTRAL_MODALS,
    UNCERTAIN,
    UNCERTAIN_PHRASES,
)
from wiretrace.text.tokens import Token, negated_base


class PolarityDetector:
    """Negation and hedging cues that one side of a close passage's edits has and the
    other lacks."""

    family: ClassVar[FindingFamily] = FindingFamily.HEDGES_AND_NEGATION

    def detect(self, ctx: Context, earlier: Sequence[Finding]) -> list[Finding]:
        """Passage by passage: figures qualified differently, then (close passages only)
        negation and hedge cues."""
        out: list[Finding] = []
        for view in ctx.views():
            figures = _figure_hedges(ctx, view)
            out.extend(figures)
            if view.close:
                out.extend(_one_hedge_per_clause(ctx, figures, _polarity_findings(ctx, view)))
        out.extend(_merged_denials(ctx, out))
        # a cue inside a quote B makes up is the quote finding's to report: "accused the
        # board of lacking ambition" -> "“The board has sold … our ambition,” the group
        # said" is a fabricated quote, not a flip as well
        made_up = [f.b_span for f in earlier if f.kind is FindingKind.QUOTE_FABRICATED and f.b_span]
        # a flip inside a quote whose words a quote finding reports changed ("but the job
        # is not done" -> "and the job is nearly done") is that finding's, as a figure or
        # a name changed there is
        altered = [
            (f.a_span, f.b_span)
            for f in earlier
            if f.kind is FindingKind.QUOTE_ALTERED and f.a_span and f.b_span
        ]
        return [
            f
            for f in out
            if not (f.b_span and inside(f.b_span[0], made_up))
            and not (
                f.a_span
                and f.b_span
                and any(inside(f.a_span[0], [x]) and inside(f.b_span[0], [y]) for x, y in altered)
            )
        ]


def _one_hedge_per_clause(
    ctx: Context, figures: Sequence[Finding], found: list[Finding]
) -> list[Finding]:
    """``found`` without a hedge word's finding whose A clause holds a figure whose
    qualifier changed too ("reportedly worth around 180,000 euros" -> "worth 180,000
    euros"): one claim made certain, reported once (by the figure's finding)."""
    text = ctx.a.text
    hedged = [f.a_span for f in figures if f.kind is FindingKind.HEDGE_CHANGED and f.a_span]
    if not hedged:
        return found

    parts = clauses(text, 0, len(text))

    def clause_of(pos: int) -> Span:
        return next(((lo, hi) for lo, hi in parts if lo <= pos < hi), (pos, pos))

    return [
        f
        for f in found
        if not (
            f.kind is FindingKind.HEDGE_CHANGED
            and f.a_span
            and any(clause_of(f.a_span[0]) == clause_of(span[0]) for span in hedged)
        )
    ]


def _merged_denials(ctx: Context, found: Sequence[Finding]) -> list[Finding]:
    """A denial said of a thing in a sentence merged into a one-to-many alignment, whose
    other side states that thing without one: "Its secretary said the union had been
    given no warning." beside "The federation, which said it had been warned of the
    plan, …". The negation ("no", "not", a denying verb; outside quotes) stands right
    before the word it denies (at most one word between), that word's stem is in a
    sentence of the other side's (or next to them) that has no negation: a flip, not a
    sentence left out. Passages already read for polarity (``found``) are left alone."""
    out: list[Finding] = []
    for al in ctx.alignments:
        for own, mine, theirs, side, other in (
            ("a", al.a_sentences, al.b_sentences, ctx.a, ctx.b),
            ("b", al.b_sentences, al.a_sentences, ctx.b, ctx.a),
        ):
            if len(mine) < 2:
                continue
            if any(
                (f.a_span if own == "a" else f.b_span) is not None
                and f.kind.family is FindingFamily.HEDGES_AND_NEGATION
                and _within(f.a_span if own == "a" else f.b_span, side, mine)
                for f in found
            ):
                continue
            # the other side's sentences and their neighbours (a denial merged into the next
            # alignment is often stated in the sentence before), each without a negation
            near = range(max(0, min(theirs) - 1), min(len(other.an.tokens), max(theirs) + 2))
            their_tokens = [
                t
                for k in near
                if not any(
                    w.norm in NEGATIONS or w.stem in NEGATIVE_VERBS for w in other.an.tokens[k]
                )
                for t in other.an.tokens[k]
            ]
            quotes = [(q.start, q.end) for q in side.quotes]
            for i in mine:
                toks = side.an.tokens[i]
                for k, t in enumerate(toks):
                    if t.norm not in NEGATIONS or inside(t.start, quotes):
                        continue
                    target = next((w for w in toks[k + 1 : k + 3] if w.content), None)
                    if target is None or target.number:
                        continue
                    twin = next(
                        (w for w in their_tokens if w.stem == target.stem and not w.number),
                        None,
                    )
                    if twin is None:
                        continue
                    mine_span, their_span = (t.start, target.end), (twin.start, twin.end)
                    a_span, b_span = (
                        (mine_span, their_span) if own == "a" else (their_span, mine_span)
                    )
                    denied = side.text[t.start : target.end]
                    stated = other.text[twin.start : twin.end]
                    x, y = ("A", "B") if own == "a" else ("B", "A")
                    out.append(
                        ctx.finding(
                            FindingKind.NEGATION_CHANGED,
                            a_span,
                            b_span,
                            0.6,
                            f"the statement's polarity flips: {x} says “{denied}”, {y} “{stated}”",
                        )
                    )
                    break
    return out


def _within(span: Span | None, side: Side, sentences: tuple[int, ...]) -> bool:
    """Whether ``span`` starts inside one of ``sentences`` of ``side``."""
    if span is None:
        return False
    doc = side.an.doc
    return any(doc.sentences[i].start <= span[0] < doc.sentences[i].end for i in sentences)


#: Qualifiers that all say "a round figure": "a quarter of" = "25%" = "about 25%".
_ROUND = frozenset({"fraction", "approx", "none"})


def _figure_hedges(ctx: Context, view: PassageView) -> list[Finding]:
    """The same figure on both sides with another qualifier ("about 35" vs "more than 35").

    Figures pair up as the number detector pairs them (``equal_figures``).
    """
    nums_a, nums_b = view.mentions_a[0], view.mentions_b[0]
    out: list[Finding] = []
    matches = equal_figures(nums_a, nums_b)
    quotes_a = [(q.start, q.end) for q in ctx.a.quotes]
    quotes_b = [(q.start, q.end) for q in ctx.b.quotes]
    for ia, na in enumerate(nums_a):
        match = matches.get(ia)
        if match is None:
            continue
        nb = nums_b[match]
        if inside(na.start, quotes_a) and inside(nb.start, quotes_b):
            continue  # inside quotation marks on both sides: the quote findings report it
        pair = {na.hedge, nb.hedge}
        if na.hedge != nb.hedge and not ("fraction" in pair and pair <= _ROUND):
            # "about 35 percent" vs "35 percent" is a loss of precision, less than a change
            # from "about" to "exactly" or "more than"
            mild = {na.hedge, nb.hedge} == {"approx", "none"}
            out.append(
                ctx.finding(
                    FindingKind.HEDGE_CHANGED,
                    (na.hedge_start, na.end),
                    (nb.hedge_start, nb.end),
                    0.5 if mild else 0.75,
                    f"the same figure is qualified differently: {na.hedge} in A, {nb.hedge} in B",
                )
            )
    return out


def _cues(tokens: list[Token], lo: int, hi: int, words: frozenset[str]) -> list[Token]:
    out = []
    negations = "not" in words
    hedges = words is UNCERTAIN
    for k in range(lo, hi):
        t = tokens[k]
        if t.capitalized and t.norm in MONTHS:
            continue  # "May 3" is a date, not a modal
        plain = t.norm in words or t.stem in words
        if (
            plain
            or (t.norm.endswith("n't") and "n't" in words)
            or (hedges and (_phrase_at(tokens, k) or _no_evidence_at(tokens, k)))
        ):
            out.append(t)
        elif negations and t.norm == "yet" and k + 1 < len(tokens) and tokens[k + 1].norm == "to":
            out.append(t)  # "has yet to concede" = "has not conceded"
        elif negations and _declined_to(tokens, k):
            out.append(t)
        elif negations and negative_phrase_at(tokens, k):
            out.append(t)  # "voted down", "fell short": a phrase that negates
    return out


#: Nouns of evidence: "no evidence that X" leaves X open, where "not X" denies it.
_EVIDENCE = frozenset("evidence indication indications sign signs proof".split())


def _evidence_cut(tokens: list[Token], lo: int, hi: int) -> bool:
    """Whether ``tokens[lo:hi]`` (an edit of at most six words) holds "no evidence"'s
    noun and no other content word but "had"-like verbs: the hedge cut or added whole."""
    return hi - lo <= 6 and any(_no_evidence_at(tokens, k) for k in range(lo, hi))


def _evidence_negations(
    opcodes: Sequence[Opcode], ta: list[Token], tb: list[Token]
) -> tuple[list[Token], list[Token]]:
    """The "no" of "no evidence" in an edit that cuts or adds the hedge whole: a
    negation of the claim as much as "not" ("had no evidence that data had been stolen"
    -> "data had not been stolen" keeps the polarity; the hedge is what changed)."""
    out_a: list[Token] = []
    out_b: list[Token] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "delete" and _evidence_cut(ta, i1, i2):
            out_a.extend(t for t in ta[i1:i2] if t.norm == "no")
        elif tag == "insert" and _evidence_cut(tb, j1, j2):
            out_b.extend(t for t in tb[j1:j2] if t.norm == "no")
    return out_a, out_b


def _no_evidence_at(tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` is the noun of "no evidence (that)", "no sign of", "no
    indication": a hedge ("there was no evidence that any patient had been harmed" ->
    "no patient had been harmed" states as fact what the source could not rule out)."""
    return tokens[k].norm in _EVIDENCE and k > 0 and tokens[k - 1].norm == "no"


_DECLINED = frozenset("decline declines declined declining".split())


def _declined_to(tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` refuses: "declined to criticise" = "did not criticise" (a
    verb after "to"; "declining to about 174,000 tonnes" is a fall). "declined" alone
    stems as a synonym of decrease, so ``NEGATIVE_VERBS`` does not see it."""
    if tokens[k].norm not in _DECLINED or k + 2 >= len(tokens) or tokens[k + 1].norm != "to":
        return False
    after = tokens[k + 2]
    return after.content and not after.number


#: Words of loss that say what "without" says ("lost power" = "without power").
_LOSS = frozenset("lost lose loses losing lacked lacks lacking".split())


def _phrase_at(tokens: list[Token], k: int) -> bool:
    """Whether a hedge phrase (``UNCERTAIN_PHRASES``) starts at token ``k``. "plans to"
    after a determiner or a verb in the past ("unveiled plans to return", "its plan to
    sell") is a noun, a plan made public, not an intention hedging a claim."""
    if not any(
        tokens[k].norm == p[0]
        and k + len(p) <= len(tokens)
        and all(tokens[k + i].norm == w for i, w in enumerate(p[1:], 1))
        for p in UNCERTAIN_PHRASES
    ):
        return False
    if tokens[k].norm in _PLAN_NOUNS and k:
        prev = tokens[k - 1].norm
        return not (prev in _DETERMINERS or (prev.endswith("ed") and len(prev) > 4))
    return True


_PLAN_NOUNS = frozenset({"plans", "plan"})
_DETERMINERS = frozenset("the a an its their his her our my your this that these those new".split())


def _local_ops(
    opcodes: Sequence[Opcode], tokens: list[Token], *, bridge: bool = False
) -> list[Opcode]:
    """Changed stretches that are an edit of the same statement: short, and anchored by
    unchanged words on both sides. A long or unanchored stretch is an omission, an
    addition or a rewording, not a change of polarity. With ``bridge`` (a near-verbatim
    passage) a lone function word between two short edits does not break their anchor."""
    out: list[Opcode] = []
    for k, op in enumerate(opcodes):
        tag, i1, i2, j1, j2 = op
        size = max(i2 - i1, j2 - j1)
        limit = 3 if tag in ("delete", "insert") else 8
        anchored = _anchored(opcodes, k, -1, tokens, bridge) and _anchored(
            opcodes, k, 1, tokens, bridge
        )
        if tag != "equal" and size <= limit and anchored:
            out.append(op)
    return out


def _anchored(
    opcodes: Sequence[Opcode], k: int, step: int, tokens: list[Token], bridge: bool
) -> bool:
    """Whether the edit ``opcodes[k]`` is pinned on one side (``step`` -1: before, 1:
    after). A lone function word between two short edits does not pin them, but the
    anchor beyond the next edit does: in "was not at immediate risk" -> "was at risk",
    "at" sits between the two deletions and "risk" pins them."""
    j = k + step
    if j < 0 or (j == 0 and opcodes[0][0] == "equal" and opcodes[0][2] - opcodes[0][1] == 1):
        # the edit opens the passage, or follows its first word only: the start pins it
        # ("Health officials believe the outbreak began" -> "The outbreak began", "It
        # has never reported a profit" -> "It reported its first profit")
        return True
    while 0 <= j < len(opcodes):
        if _anchor(opcodes[j], tokens):
            return True
        nxt = j + step
        if not bridge or opcodes[j][0] != "equal" or not 0 <= nxt < len(opcodes):
            return False
        tag, i1, i2, j1, j2 = opcodes[nxt]
        if tag == "equal" or max(i2 - i1, j2 - j1) > 3:
            return False
        j = nxt + step
    return False


def _anchor(op: Opcode, tokens: list[Token]) -> bool:
    """An unchanged stretch that pins an edit in place: two words, or one content word
    (a lone "the" matches anywhere)."""
    tag, i1, i2, _, _ = op
    return tag == "equal" and (i2 - i1 >= 2 or any(t.content for t in tokens[i1:i2]))


def _polarity_findings(ctx: Context, view: PassageView) -> list[Finding]:
    """Negation and hedging cues that one side of the changed stretches has and the other
    lacks (summed over the passage, so that a cue moved within it is not a change)."""
    ta, tb, opcodes, al = view.ta, view.tb, view.opcodes, view.alignment
    quote_spans_a = [(q.start, q.end) for q in ctx.a.quotes]
    quote_spans_b = [(q.start, q.end) for q in ctx.b.quotes]
    out: list[Finding] = []
    confidence = 0.85 if al.kind != AlignmentKind.PARAPHRASE else 0.6
    ops = _local_ops(opcodes, ta, bridge=al.kind != AlignmentKind.PARAPHRASE)

    def collect(words: frozenset[str]) -> tuple[list[Token], list[Token]]:
        ca: list[Token] = []
        cb: list[Token] = []
        for _, i1, i2, j1, j2 in ops:
            ca.extend(_cues(ta, i1, i2, words))
            cb.extend(_cues(tb, j1, j2, words))
        return ca, cb

    def quoted(cues: list[Token], spans: list[tuple[int, int]]) -> bool:
        return bool(cues) and all(inside(t.start, spans) for t in cues)

    neg_a, neg_b = collect(NEGATIONS | NEGATIVE_VERBS)
    un_a, un_b = _prefix_negations(ta, tb, ops)
    ev_a, ev_b = _evidence_negations(opcodes, ta, tb)
    neg_a = neg_a + un_a + [t for t in ev_a if t not in neg_a]
    neg_b = neg_b + un_b + [t for t in ev_b if t not in neg_b]
    # "were without water" = "lost water": an absence said as a loss keeps its polarity
    loss_a = any(t.norm in _LOSS for _, i1, i2, _, _ in ops for t in ta[i1:i2])
    loss_b = any(t.norm in _LOSS for _, _, _, j1, j2 in ops for t in tb[j1:j2])
    if loss_b:
        neg_a = [t for t in neg_a if t.norm != "without"]
    if loss_a:
        neg_b = [t for t in neg_b if t.norm != "without"]
    # a flip inside quotation marks on both sides is reported as quote_altered
    in_quotes = quoted(neg_a, quote_spans_a) and quoted(neg_b, quote_spans_b)
    if (
        (len(neg_a) + len(neg_b)) % 2 == 1
        and not in_quotes
        and not _dropped_denial(ta, tb, neg_a, neg_b, view.texts)
    ):
        out.append(
            ctx.finding(
                FindingKind.NEGATION_CHANGED,
                _cue_span(neg_a) or _near(ta, neg_b, tb, opcodes, side="a"),
                _cue_span(neg_b) or _near(tb, neg_a, ta, opcodes, side="b"),
                confidence,
                "the statement's polarity flips: "
                + (f"A has “{_words(neg_a)}”" if neg_a else "A states it positively")
                + (f", B has “{_words(neg_b)}”" if neg_b else ", B states it positively"),
            )
        )
    elif not neg_a and not neg_b and not in_quotes:
        flipped = _negated_verb_restated(ta, tb, opcodes) or _antonym(ctx, ta, tb, opcodes)
        if flipped is not None:
            how, a_span, b_span = flipped
            out.append(
                ctx.finding(
                    FindingKind.NEGATION_CHANGED,
                    a_span,
                    b_span,
                    0.6,
                    f"the statement's polarity flips: {how}",
                )
            )
    ops = ops + _certainty_swaps(opcodes, ta, tb, ops) + _lone_hedges(opcodes, ta, tb, ops)
    unc_a, unc_b = collect(UNCERTAIN)
    unc_a = [t for t in unc_a if not _inability(ta, t)]
    unc_b = [t for t in unc_b if not _inability(tb, t)]
    # a hedge word kept in another form ("did not expect" -> "expected") is not a hedge
    # added or dropped (the negation finding reports the flip)
    # (also in an edit too long to read locally: "expected by analysts polled by the
    # agency" -> "that analysts had anticipated")
    if unc_a or unc_b:
        changed = [op for op in opcodes if op[0] != "equal"]
        edited_a = {t.stem for _, i1, i2, _, _ in changed for t in ta[i1:i2]}
        edited_b = {t.stem for _, _, _, j1, j2 in changed for t in tb[j1:j2]}
        unc_a = [t for t in unc_a if t.stem not in edited_b]
        unc_b = [t for t in unc_b if t.stem not in edited_a]
    # a hedge inside quotation marks is the quote findings' to report, unless the other
    # side gives the words as reported speech ("“There was contact, maybe,”" -> "He
    # conceded there had been contact"): no quote there to be altered
    if unc_a:
        in_quotes = quoted(unc_a, quote_spans_a) and _quotes_in(quote_spans_b, al.b_span)
    else:
        in_quotes = quoted(unc_b, quote_spans_b) and _quotes_in(quote_spans_a, al.a_span)
    # a modal swapped beside a negation that flips the same verb ("could be higher" ->
    # "would not be higher") is one change: the flip, reported above
    one_flip = any(f.kind is FindingKind.NEGATION_CHANGED for f in out) and _same_edit(
        opcodes,
        (unc_a or unc_b, ta if unc_a else tb, 0 if unc_a else 1),
        (neg_a or neg_b, ta if neg_a else tb, 0 if neg_a else 1),
    )
    if bool(unc_a) != bool(unc_b) and not in_quotes and not one_flip:
        neutral_a, neutral_b = collect(NEUTRAL_MODALS)
        if not (neutral_b if unc_a else neutral_a):
            cert_a, cert_b = collect(CERTAIN)
            hedged, plain = ("A", "B") if unc_a else ("B", "A")
            out.append(
                ctx.finding(
                    FindingKind.HEDGE_CHANGED,
                    _cue_span(unc_a or cert_a) or _near(ta, unc_b, tb, opcodes, side="a"),
                    _cue_span(unc_b or cert_b) or _near(tb, unc_a, ta, opcodes, side="b"),
                    confidence - 0.05,
                    f"{hedged} hedges the claim (“{_words(unc_a or unc_b)}”); "
                    f"{plain} states it as certain",
                )
            )
    elif unc_a and unc_b and not in_quotes and not one_flip:
        strength_a, strength_b = _strength(unc_a), _strength(unc_b)
        if strength_a and strength_b and strength_a != strength_b:
            # "is expected to last" -> "could last", "quite possible" -> "likely": a
            # claim called likely made merely possible, or the reverse
            out.append(
                ctx.finding(
                    FindingKind.HEDGE_CHANGED,
                    _cue_span(unc_a),
                    _cue_span(unc_b),
                    confidence - 0.1,
                    f"the claim is hedged otherwise: “{_words(unc_a)}” in A, "
                    f"“{_words(unc_b)}” in B ({strength_a} in A, {strength_b} in B)",
                )
            )
    return out


#: Hedges by strength: what is likely against what is merely possible. Words of report
#: ("reportedly", "allegedly") and belief are neither.
_LIKELY = frozenset("likely probably probable expected expects expect".split())
_POSSIBLE = frozenset("may might could possibly possible perhaps maybe potentially".split())


def _strength(cues: list[Token]) -> str | None:
    """ "likely" when every hedge cue says a claim is likely, "possible" when every cue
    says it is possible, else None (mixed, or another kind of hedge)."""
    norms = {t.norm for t in cues}
    if norms <= _LIKELY:
        return "likely"
    if norms <= _POSSIBLE:
        return "possible"
    return None


def _prefix_negations(
    ta: list[Token], tb: list[Token], ops: Sequence[Opcode]
) -> tuple[list[Token], list[Token]]:
    """Words negated by the prefix "un" in the changed stretches whose base the other
    side's changed stretches state ("unlikely" against "likely", "unaffected" against
    "not affected"), or that replace a negation ("without access" -> "unable to
    reach"): negation cues, one each. An "un" word with no such partner is left
    alone ("unrest", "unanimous" say nothing about the other side's polarity)."""

    def plain(tokens: list[Token], lo: int, hi: int) -> set[str]:
        return {t.stem for t in tokens[lo:hi] if not negated_base(t.norm)}

    def denies(tokens: list[Token], lo: int, hi: int) -> bool:
        return any(t.norm in NEGATIONS for t in tokens[lo:hi])

    base_a = set().union(*(plain(ta, i1, i2) for _, i1, i2, _, _ in ops))
    base_b = set().union(*(plain(tb, j1, j2) for _, _, _, j1, j2 in ops))
    # the un-word's base on the other side ("unlikely" / "likely"), or a negation in the
    # edit it replaces ("without access" / "unable to reach"): a negation said otherwise
    out_a = [
        t
        for _, i1, i2, j1, j2 in ops
        for t in ta[i1:i2]
        if negated_base(t.norm) and (t.stem in base_b or denies(tb, j1, j2))
    ]
    out_b = [
        t
        for _, i1, i2, j1, j2 in ops
        for t in tb[j1:j2]
        if negated_base(t.norm) and (t.stem in base_a or denies(ta, i1, i2))
    ]
    return out_a, out_b


def _same_edit(
    opcodes: Sequence[Opcode],
    first: tuple[list[Token], list[Token], int],
    second: tuple[list[Token], list[Token], int],
) -> bool:
    """Whether two cues lie in one edit or in edits with at most two unchanged words
    between: the modal and the "not" of one verb phrase. Each of ``first`` and
    ``second`` is (cues, the side's tokens, 0 for A or 1 for B)."""

    def edits(cues: list[Token], tokens: list[Token], side: int) -> set[int]:
        starts = {t.start for t in cues}
        ks = {k for k, t in enumerate(tokens) if t.start in starts}
        out: set[int] = set()
        for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
            lo, hi = (i1, i2) if side == 0 else (j1, j2)
            if tag != "equal" and any(lo <= k < hi for k in ks):
                out.add(n)
        return out

    def gap(x: int, y: int) -> int:
        lo, hi = min(x, y), max(x, y)
        return sum(op[2] - op[1] for op in opcodes[lo + 1 : hi] if op[0] == "equal")

    xs, ys = edits(*first), edits(*second)
    return any(gap(x, y) <= 2 for x in xs for y in ys)


def _certainty_swaps(
    opcodes: Sequence[Opcode], ta: list[Token], tb: list[Token], local: Sequence[Opcode]
) -> list[Opcode]:
    """Short replacements pinned on one side only that swap a hedge for a word of
    certainty, or the reverse ("and that the company planned to seek" -> "adding that
    Solvane will seek"): a reworded lead-in loosens the left anchor, and a clause cut
    next to the swap ("which has been delayed, was expected to open" -> "will open")
    lengthens it, but the swap itself is the hedge change."""
    out: list[Opcode] = []
    for k, op in enumerate(opcodes):
        tag, i1, i2, j1, j2 = op
        # the side with the swapped-in word short, the other at most a clause longer
        if tag != "replace" or op in local or min(i2 - i1, j2 - j1) > 3:
            continue
        if max(i2 - i1, j2 - j1) > 16:
            continue
        # (a lone function word with a short edit beyond it does not unpin the swap:
        # "might not be fully restored" -> "would be restored")
        if not (_anchored(opcodes, k, -1, ta, True) or _anchored(opcodes, k, 1, ta, True)):
            continue
        hedge_a, hedge_b = _cues(ta, i1, i2, UNCERTAIN), _cues(tb, j1, j2, UNCERTAIN)
        sure_a, sure_b = _cues(ta, i1, i2, CERTAIN), _cues(tb, j1, j2, CERTAIN)
        if (hedge_a and sure_b and not hedge_b) or (hedge_b and sure_a and not hedge_a):
            out.append(op)
    return out


def _quotes_in(spans: list[tuple[int, int]], passage: Span) -> bool:
    """Whether a quote overlaps the passage."""
    return any(lo < passage[1] and passage[0] < hi for lo, hi in spans)


def _lone_hedges(
    opcodes: Sequence[Opcode], ta: list[Token], tb: list[Token], local: Sequence[Opcode]
) -> list[Opcode]:
    """Hedges cut or added whole, pinned on one side only: a lone hedge word ("There was
    contact, maybe, but" -> "there had been contact but"), a hedge word among function
    words ("was likely to have started" -> "started"), or a hedge phrase with at most
    a few words around it ("The blaze bore the hallmarks of a fire started" -> "The fire was
    started"), where the other side is a function word or the passage's edge."""
    out: list[Opcode] = []
    for k, op in enumerate(opcodes):
        tag, i1, i2, j1, j2 = op
        if tag not in ("delete", "insert") or op in local:
            continue
        tokens, lo, hi = (ta, i1, i2) if tag == "delete" else (tb, j1, j2)
        starts = [n for n in range(lo, hi) if _phrase_at(tokens, n)]
        if _evidence_cut(tokens, lo, hi):
            # "there was no evidence that any patient had been harmed" -> "no patient
            # had been harmed": the evidence noun and its link cut
            hedged = True
        elif hi - lo == 1:
            hedged = tokens[lo].norm in UNCERTAIN
        elif hi - lo <= 5 and any(t.norm in UNCERTAIN for t in tokens[lo:hi]):
            # a hedge word with only function words around it, "was likely to have"
            # ("the outbreak was likely to have started" -> "the outbreak started")
            hedged = all(not t.content or t.norm in UNCERTAIN for t in tokens[lo:hi])
        elif starts:
            phrase = next(p for p in UNCERTAIN_PHRASES if _matches(tokens, starts[0], p))
            hedged = hi - lo - len(phrase) <= 4
        else:
            continue
        if not hedged:
            continue
        if _anchored(opcodes, k, -1, ta, False) or _anchored(opcodes, k, 1, ta, False):
            out.append(op)
        elif k == 1 and opcodes[0][0] == "equal" and opcodes[0][2] - opcodes[0][1] == 1:
            out.append(op)  # after the passage's first word ("The"): its start pins it
    return out


def _matches(tokens: list[Token], k: int, phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` (folded words) stands at token ``k``."""
    return k + len(phrase) <= len(tokens) and all(
        tokens[k + i].norm == w for i, w in enumerate(phrase)
    )


def _inability(tokens: list[Token], cue: Token) -> bool:
    """Whether a hedge cue is "could" negated ("could not", "couldn't"): a past
    inability ("failed to agree" -> "could not agree"), not a hedge."""
    if cue.norm not in {"could", "couldn't"}:
        return False
    if cue.norm == "couldn't":
        return True
    k = next((i for i, t in enumerate(tokens) if t.start == cue.start), -1)
    return 0 <= k < len(tokens) - 1 and tokens[k + 1].norm in {"not", "n't"}


def _dropped_denial(
    ta: list[Token],
    tb: list[Token],
    neg_a: list[Token],
    neg_b: list[Token],
    texts: tuple[str, str],
) -> bool:
    """Whether the negation cues stand on one side only and what each negates (the next
    content word) is absent from the other side: "has denied wrongdoing" dropped from a
    merged sentence is a statement left out, not one whose polarity flipped."""
    if bool(neg_a) == bool(neg_b):
        return False
    cues, tokens, other, text = (neg_a, ta, tb, texts[0]) if neg_a else (neg_b, tb, ta, texts[1])
    other_stems = {t.stem for t in other}
    for cue in cues:
        k = next(i for i, t in enumerate(tokens) if t.start == cue.start)
        negated: list[Token] = []
        for prev, t in zip(tokens[k : k + 5], tokens[k + 1 : k + 6], strict=False):
            if any(c in text[prev.end : t.start] for c in ".;:,"):
                break  # what a negation governs ends with its clause
            if t.content and not t.number:
                negated.append(t)
        if not negated or any(t.stem in other_stems for t in negated[:3]):
            return False
    return True


def _antonym(
    ctx: Context, ta: list[Token], tb: list[Token], opcodes: Sequence[Opcode]
) -> tuple[str, Span, Span] | None:
    """A word of A's edits replaced by its opposite in B's edit of the same stretch
    ("will remain open" -> "will close", "would continue to operate" -> "would be
    suspended"; ``ANTONYMS``), outside quotes. Returns an explanation and the two words'
    spans, or None."""
    quotes_a = [(q.start, q.end) for q in ctx.a.quotes]
    quotes_b = [(q.start, q.end) for q in ctx.b.quotes]
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "replace":
            continue
        for x in ta[i1:i2]:
            if inside(x.start, quotes_a):
                continue
            for y in tb[j1:j2]:
                if frozenset((x.stem, y.stem)) in ANTONYMS and not inside(y.start, quotes_b):
                    return (
                        f"A has “{x.raw}”, B its opposite “{y.raw}”",
                        (x.start, x.end),
                        (y.start, y.end),
                    )
    return None


def _negated_verb_restated(
    ta: list[Token], tb: list[Token], opcodes: Sequence[Opcode]
) -> tuple[str, Span, Span] | None:
    """A negated word of A's edits that B's edits state without a negation, or the other
    way round: "was in talks but had not signed any agreement" -> "had signed a partner".

    The edit is too long or too loose for the local reading (``_local_ops``), but the
    negated word itself comes back in the other text's edits with no negation before it.
    Returns an explanation and the spans (from the cue to the word on the negated side;
    the word on the other) or None.
    """
    edited_a = [k for tag, i1, i2, _, _ in opcodes if tag != "equal" for k in range(i1, i2)]
    edited_b = [k for tag, _, _, j1, j2 in opcodes if tag != "equal" for k in range(j1, j2)]
    for neg, plain, edited_neg, edited_plain, a_side in (
        (ta, tb, edited_a, edited_b, True),
        (tb, ta, edited_b, edited_a, False),
    ):
        edited = set(edited_neg)
        for k in edited_neg:
            cue = neg[k]
            if not (cue.norm in NEGATIONS or cue.norm.endswith("n't")) or cue.norm == "without":
                continue  # "without electricity" lacks a thing; it negates no statement
            v = next((v for v in range(k + 1, min(k + 3, len(neg))) if neg[v].content), None)
            if v is None or v not in edited or neg[v].number:
                continue
            verb = neg[v]
            for m in edited_plain:
                if plain[m].stem != verb.stem or negated_base(plain[m].norm):
                    continue  # another word, or one negated by its prefix ("unaffected")
                before = plain[max(0, m - 3) : m]
                if any(t.norm in NEGATIONS or t.norm.endswith("n't") for t in before):
                    continue
                if any(t.stem == verb.stem for n, t in enumerate(neg) if n != v):
                    continue  # the word stands un-negated in the negating text too
                neg_span = (cue.start, verb.end)
                plain_span = (plain[m].start, plain[m].end)
                a_span, b_span = (neg_span, plain_span) if a_side else (plain_span, neg_span)
                negating, plain_side = ("A", "B") if a_side else ("B", "A")
                how = (
                    f"{negating} has “{cue.raw} … {verb.raw}”, "
                    f"{plain_side} states “{verb.raw}” positively"
                )
                return how, a_span, b_span
    return None


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
            if 0 < mlo < len(tokens):
                # a cue cut with nothing in its place: the words either side of the cut
                return (tokens[mlo - 1].start, tokens[mlo].end)
            if mlo < len(tokens):
                return (tokens[mlo].start, tokens[mlo].end)
    return None
