"""Coverage findings: sentences and clauses one text has and the other lacks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from wiretrace.discrepancy.detectors.attribution import sources
from wiretrace.discrepancy.detectors.base import (
    Context,
    Side,
    caveat,
    caveat_cues,
    clauses,
    inside,
    run_mentions,
    widen,
)
from wiretrace.discrepancy.detectors.pairs import (
    framing_twins,
    replaced_pairs,
    sentence_tokens,
)
from wiretrace.discrepancy.mentions import numbers_and_dates
from wiretrace.discrepancy.quotes import intermediary
from wiretrace.model import Finding, FindingFamily, FindingKind, Quote, Sentence, Span
from wiretrace.text.analysis import Analysis
from wiretrace.text.lexicon import NEGATIONS, NEGATIVE_VERBS, TITLES, UNCERTAIN, UNITS
from wiretrace.text.tokens import Token, fold, tokenize


class CoverageDetector:
    """Unaligned sentences and unsupported clauses: additions in B, omissions from A.

    Runs last: a clause that overlaps a more specific finding (of an earlier detector, or
    a whole unaligned sentence) is explained by it already and left out.
    """

    family: ClassVar[FindingFamily] = FindingFamily.COVERAGE

    def detect(self, ctx: Context, earlier: Sequence[Finding]) -> list[Finding]:
        """Sentence findings, then the clause findings no more specific finding explains."""
        sentences, clause_findings = _coverage_findings(ctx)
        # an A sentence that a quote finding already reports (the dropped part of a
        # trimmed quotation) is not an omission as well, nor a sentence that only names a
        # speaker whom B replaced ("X set out its concerns:" before the quote)
        quoted = [f.a_span for f in earlier if f.a_span and f.kind.family is FindingFamily.QUOTES]
        changed = [f for f in earlier if f.kind is FindingKind.ATTRIBUTION_CHANGED]
        quoted += [f.a_span for f in changed if f.a_span]
        intros_b = [f.b_span for f in changed if f.b_span]
        # a sentence whose denial the other side states plainly is a flip (the polarity
        # findings report it), not a sentence left out or added
        flips = [f for f in earlier if f.kind is FindingKind.NEGATION_CHANGED]
        flips_a = [f.a_span[0] for f in flips if f.a_span]
        flips_b = [f.b_span[0] for f in flips if f.b_span]
        sentences = [
            f
            for f in sentences
            if not any(
                span and span[0] <= k < span[1]
                for span, ks in ((f.a_span, flips_a), (f.b_span, flips_b))
                for k in ks
            )
        ]
        sentences = [
            f
            for f in sentences
            if not (f.kind is FindingKind.OMISSION and f.a_span and _mostly_in(f.a_span, quoted))
            and not (
                f.kind is FindingKind.UNSUPPORTED_ADDITION
                and f.b_span
                and _mostly_in(f.b_span, intros_b)
            )
        ]
        found = [*earlier, *sentences]
        specific_a = [f.a_span for f in found if f.a_span]
        specific_b = [f.b_span for f in found if f.b_span]
        out = list(sentences)
        hedged = _hedged_sentences(ctx, earlier)
        for f in clause_findings:
            span, others = (f.a_span, specific_a) if f.a_span else (f.b_span, specific_b)
            if (
                span
                and not any(s < span[1] and span[0] < e for s, e in others)
                and not _hedge_of_a_hedge_change(ctx, f, hedged)
                and not _news_credit(ctx.a if f.a_span else ctx.b, span)
            ):
                out.append(f)
        return out


def _news_credit(side: Side, span: Span) -> bool:
    """Whether a clause is only a credit to a news outlet or agency ("…, the Vantry News
    Agency reported", "according to state television"): a copy crediting the wire it took
    the story from, which adds no claim. The clause's content words all lie in
    attribution phrases of such a relay."""
    index = next((s.index for s in side.an.doc.sentences if s.start <= span[0] < s.end), None)
    if index is None:
        return False
    credits = [ps for src, ps, _ in sources(side, (index,)) if intermediary(src)]
    words = [t for t in side.an.tokens[index] if span[0] <= t.start < span[1] and t.content]
    return bool(words and credits) and all(
        any(lo <= t.start < hi for lo, hi in credits) for t in words
    )


def _hedged_sentences(ctx: Context, earlier: Sequence[Finding]) -> tuple[set[int], set[int]]:
    """The A and B sentences where a hedge change is reported."""
    out: tuple[set[int], set[int]] = (set(), set())
    for f in earlier:
        if f.kind is not FindingKind.HEDGE_CHANGED:
            continue
        for k, (side, span) in enumerate(((ctx.a, f.a_span), (ctx.b, f.b_span))):
            if span is not None:
                out[k].update(s.index for s in side.an.doc.sentences if s.start <= span[0] < s.end)
    return out


def _hedge_of_a_hedge_change(ctx: Context, f: Finding, hedged: tuple[set[int], set[int]]) -> bool:
    """Whether a clause left out or added hedges a denial of its own, a hedge word and a
    negation ("…, but that it could not rule it out"), in a sentence whose hedge change
    is reported already ("had no evidence that data had been stolen" -> "data had not
    been stolen"): one change of certainty, said twice in the sentence, reported once. A
    clause that hedges another claim ("although the heaviest rain was likely to pass to
    the north") is a caveat of its own."""
    side, span, sentences = (
        (ctx.a, f.a_span, hedged[0]) if f.a_span else (ctx.b, f.b_span, hedged[1])
    )
    if span is None:
        return False
    index = next((s.index for s in side.an.doc.sentences if s.start <= span[0] < s.end), None)
    if index not in sentences:
        return False
    toks = side.an.tokens[index]
    return any(span[0] <= t.start < span[1] and t.norm in UNCERTAIN for t in toks) and (
        "negation" in caveat_cues(side, toks, span[0], span[1])
    )


def _coverage_findings(ctx: Context) -> tuple[list[Finding], list[Finding]]:
    """Sentence-level and clause-level findings, apart.

    Clauses inside an A quotation that B quotes in part are left to the quote findings.
    """
    sa, sb, cfg = ctx.a, ctx.b, ctx.config
    quoted_a = ctx.quoted_a()
    fabricated_b = ctx.fabricated_b()
    kept_quotes_a = [(sa.quotes[k].start, sa.quotes[k].end) for k in quoted_a]
    out: list[Finding] = []
    clause_findings: list[Finding] = []
    aligned_a = {i for al in ctx.alignments for i in al.a_sentences}
    aligned_b = {j for al in ctx.alignments for j in al.b_sentences}
    replaced, kept_pairs = replaced_pairs(ctx)
    aligned_a -= {i for i, _ in replaced}
    aligned_b -= {j for _, j in replaced}
    replaced_a = {i for i, _ in replaced}
    replaced_b = {j for _, j in replaced}
    # a short framing sentence reworded in the same place ("Some analysts were less
    # enthusiastic." / "Not all observers were impressed, however.") is neither
    twins_a, twins_b = framing_twins(ctx, aligned_a, aligned_b)
    aligned_a |= twins_a
    aligned_b |= twins_b
    # one sentence kept as one sentence, closely enough that a clause it lacks was cut
    # (a sentence split or merged, or loosely paraphrased, moves clauses around)
    partners_a: dict[int, int] = {}
    partners_b: dict[int, int] = {}
    # sentence -> its one-to-one alignment (any similarity), for the reworded test
    single_a: dict[int, int] = {}
    single_b: dict[int, int] = {}
    for k, al in enumerate(ctx.alignments):
        if len(al.a_sentences) == len(al.b_sentences) == 1:
            single_a[al.a_sentences[0]] = k
            single_b[al.b_sentences[0]] = k
    for al in ctx.alignments:
        if (
            len(al.a_sentences) == len(al.b_sentences) == 1
            and al.similarity >= cfg.clause_local_similarity
        ):
            partners_a[al.a_sentences[0]] = al.b_sentences[0]
            partners_b[al.b_sentences[0]] = al.a_sentences[0]
    cut_a = dict(kept_pairs)
    cut_b = {j: i for i, j in kept_pairs}
    fabricated_sentences = {sb.quotes[k].sentence for k in fabricated_b}
    speech = _quoted_speech(sa)
    sides: tuple[tuple[Side, Side, set[int], dict[int, int], FindingKind], ...] = (
        (sb, sa, aligned_b, partners_b, FindingKind.UNSUPPORTED_ADDITION),
        (sa, sb, aligned_a, partners_a, FindingKind.OMISSION),
    )
    singles = {FindingKind.UNSUPPORTED_ADDITION: single_b, FindingKind.OMISSION: single_a}
    cuts = {FindingKind.UNSUPPORTED_ADDITION: cut_b, FindingKind.OMISSION: cut_a}
    # a condensed copy leaves out detail by design: only what it drops that is a caveat,
    # a denial or a qualifier is an omission worth reporting
    condensed = ctx.condensed
    members = _stray_members(ctx)
    for side, other, aligned, partners, kind in sides:
        other_stems = other.an.stems
        caveats_only = condensed and kind is FindingKind.OMISSION
        own = "a" if kind is FindingKind.OMISSION else "b"
        for index, support in members:
            if index[0] == own:
                sent = side.an.doc.sentences[index[1]]
                toks = side.an.tokens[index[1]]
                if caveats_only and not caveat(side, toks, sent.start, sent.end):
                    continue
                if kind is FindingKind.UNSUPPORTED_ADDITION and (
                    sent.index in fabricated_sentences
                    or _has_quote(side, sent)
                    or _reports(sb, sent, [t for t in toks if t.content], speech)
                    or _split_off(ctx, sent.index, [t for t in toks if t.content])
                ):
                    continue  # a quote of B's own is the quote findings' to report
                span = (sent.start, sent.end)
                out.append(_coverage_finding(ctx, kind, span, support, sentence=True))
        for sent in _window(side.an, aligned, cfg.sparse_window_coverage):
            toks = side.an.tokens[sent.index]
            terms = [t for t in toks if t.content]
            if len(terms) < 3 or _is_heading(sent.text):
                continue
            if caveats_only and not caveat(side, toks, sent.start, sent.end):
                continue
            if sent.index not in aligned:
                support = sum(1 for t in terms if t.stem in other_stems) / len(terms)
                if sent.index in (replaced_a if kind is FindingKind.OMISSION else replaced_b):
                    span = (sent.start, sent.end)
                    out.append(_coverage_finding(ctx, kind, span, 0.5, sentence=True))
                    continue
                if support >= cfg.sentence_covered_support:
                    continue
                if kind is FindingKind.UNSUPPORTED_ADDITION and sent.index in fabricated_sentences:
                    continue
                if kind is FindingKind.UNSUPPORTED_ADDITION and _reports(sb, sent, terms, speech):
                    continue
                if kind is FindingKind.UNSUPPORTED_ADDITION and _split_off(ctx, sent.index, terms):
                    continue
                if kind is FindingKind.OMISSION and inside(sent.start, kept_quotes_a):
                    continue  # the end of a quotation B quotes in part: a trimmed quote
                if not _restates_figure(side, sent.index, other):
                    span = (sent.start, sent.end)
                    if caveats_only:
                        # a condensed copy that drops a caveat with its whole paragraph
                        # drops the paragraph: one omission for all of it
                        span = _whole_paragraph(side, sent.index, aligned) or span
                    out.append(_coverage_finding(ctx, kind, span, support, sentence=True))
                    continue
                # a sentence split off another that restates one of its figures ("which
                # employs around 1,900 people" -> "The company has about 1,900 employees")
                # is partly a counterpart: only its unsupported clauses are new
            if sent.index in cuts[kind]:
                clause_findings += _cut_clauses(
                    ctx, side, other, kind, sent, cuts[kind][sent.index], caveats_only
                )
                continue
            partner = partners.get(sent.index)
            if partner is not None and _has_quote(side, sent):
                partner = None  # what is left beside a quote is attribution, read elsewhere
            local: set[str] | None = None
            spans = clauses(side.text, sent.start, sent.end)
            if partner is not None:
                # a clause cut short by a word that only looks like a subordinator
                # ("needed before any firm conclusion") is read whole as well
                spans += [
                    c
                    for c in clauses(side.text, sent.start, sent.end, words=False)
                    if c not in spans
                ]
            reported: list[Span] = []
            short_cuts: list[Span] = []
            for lo, hi in spans:
                if any(s < hi and lo < e for s, e in reported):
                    continue
                clause_terms = [t for t in terms if lo <= t.start < hi]
                if kind is FindingKind.OMISSION and partner is not None:
                    # a short caveat cut from a kept sentence, also one that "but" opens
                    # without a comma ("rebook travellers but could not guarantee seats"):
                    # reported after the clause rule, where that rule reports nothing
                    cut = _short_caveat_cut(side, other, partner, toks, (lo, hi), terms)
                    single = singles[kind].get(sent.index)
                    if (
                        cut is not None
                        and not inside(cut[0], kept_quotes_a)
                        and not (
                            single is not None
                            and _denial_reworded(
                                ctx, single, kind, [t for t in terms if cut[0] <= t.start < cut[1]]
                            )
                        )
                    ):
                        short_cuts.append(cut)
                if len(clause_terms) < cfg.clause_min_terms:
                    continue
                flags = [t.stem not in other_stems for t in clause_terms]
                unsupported = sum(flags)
                support = 1 - unsupported / len(clause_terms)
                if support > cfg.clause_max_support or _longest_run(flags) < cfg.clause_min_run:
                    single = singles[kind].get(sent.index)
                    if kind is FindingKind.UNSUPPORTED_ADDITION and single is not None:
                        swap = _caveat_replaced(ctx, single, clause_terms)
                        if swap is not None:
                            denied, start = swap
                            span = (
                                start,
                                widen(side.text, (start, clause_terms[-1].end), lo, hi)[1],
                            )
                            reported.append((lo, hi))
                            clause_findings.append(
                                ctx.finding(
                                    kind,
                                    None,
                                    span,
                                    0.6,
                                    "this clause of B stands where A denies or qualifies "
                                    f"(“{denied}”): a caveat replaced by another claim",
                                )
                            )
                            continue
                    if partner is None:
                        continue
                    # its words occur somewhere in the other text, but not in the
                    # counterpart of its sentence nor together anywhere else: the clause
                    # was dropped from (or added to) a sentence that is otherwise kept
                    if local is None:
                        local = _near_stems(other, partner)
                    flags = [t.stem not in local for t in clause_terms]
                    support = 1 - sum(flags) / len(clause_terms)
                    if (
                        support > cfg.clause_max_support
                        or not (
                            _longest_run(flags) >= cfg.clause_min_run
                            or (
                                kind is FindingKind.UNSUPPORTED_ADDITION
                                and _unsupported_run(flags, cfg.clause_min_run)
                            )
                        )
                        or _moved(clause_terms, flags, other)
                    ):
                        continue
                if kind is FindingKind.UNSUPPORTED_ADDITION and any(
                    sb.quotes[k].start <= lo < sb.quotes[k].end for k in fabricated_b
                ):
                    continue
                if kind is FindingKind.OMISSION and inside(lo, kept_quotes_a):
                    continue
                if kind is FindingKind.UNSUPPORTED_ADDITION and (
                    _reports(sb, sent, clause_terms, speech)
                    or _split_off(ctx, sent.index, clause_terms)
                ):
                    continue
                if caveats_only and not caveat(side, toks, lo, hi):
                    continue
                single = singles[kind].get(sent.index)
                if single is not None and _reworded(ctx, single, kind, clause_terms):
                    continue
                if single is not None and _denial_reworded(ctx, single, kind, clause_terms):
                    continue
                if single is not None and _figure_restated(ctx, single, kind, toks, (lo, hi)):
                    continue
                span = (clause_terms[0].start, clause_terms[-1].end)
                span = widen(side.text, span, lo, hi)
                reported.append((lo, hi))
                clause_findings.append(_coverage_finding(ctx, kind, span, support, sentence=False))
            for cut in short_cuts:
                if not any(s < cut[1] and cut[0] < e for s, e in reported):
                    reported.append(cut)
                    clause_findings.append(_coverage_finding(ctx, kind, cut, 0.0, sentence=False))
    return out, clause_findings


_PRONOUNS = frozenset("he she they".split())


_BUT = re.compile(r"\sbut\s")


def _short_caveat_cut(
    side: Side, other: Side, partner: int, tokens: list[Token], span: Span, terms: list[Token]
) -> Span | None:
    """Where a clause too short for the clause rule (two or three content words; or the
    stretch of a clause from a "but" without a comma) is a caveat cut from a kept
    sentence: it denies or contrasts ("but could not guarantee seats"; a word of caution
    alone is as often the verb of an attribution, "the institute warned"), and none of its
    words stands in the other sentence or its neighbours. A condensed copy drops detail,
    not such a clause. ``terms`` are the sentence's content tokens; None when it is not."""
    lo, hi = span
    but = _BUT.search(side.text, lo, hi)
    if but is not None:
        lo = but.start() + 1
    clause = [t for t in terms if lo <= t.start < hi]
    if not 2 <= len(clause) < 4:
        return None
    if not caveat_cues(side, tokens, lo, hi) & {"negation", "contrast"}:
        return None
    near = _near_stems(other, partner)
    if any(t.stem in near for t in clause):
        return None
    return widen(side.text, (lo, hi), lo, hi)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _split_off(ctx: Context, index: int, terms: list[Token]) -> bool:
    """Whether B's unaligned sentence ``index`` (content tokens ``terms``) restates what
    its neighbour's A counterpart says and the neighbour leaves out: a clause split off
    into a sentence of its own and reworded ("…, as strong winds hampered efforts to
    contain it." -> "… Powerful winds continue to complicate efforts to bring it under
    control."). Two content words or more of it, and a quarter of them at least, are
    among the A sentence's words that the neighbour lacks."""
    sa, sb = ctx.a, ctx.b
    stems = {t.stem for t in terms}
    for al in ctx.alignments:
        for j in (index - 1, index + 1):
            if j not in al.b_sentences:
                continue
            a_stems = {st for i in al.a_sentences for st in sa.an.terms(i)}
            kept = {st for k in al.b_sentences if k != index for st in sb.an.terms(k)}
            shared = stems & (a_stems - kept)
            if len(shared) >= 2 and len(shared) >= 0.25 * len(stems):
                return True
    return False


def _whole_paragraph(side: Side, index: int, aligned: set[int]) -> Span | None:
    """The span of the paragraph of sentence ``index`` when it has other sentences and
    none of them is in ``aligned``, else None."""
    sentences = side.an.doc.sentences
    text = side.text
    lo = hi = index
    while lo > 0 and not _BLANK_LINE.search(text, sentences[lo - 1].end, sentences[lo].start):
        lo -= 1
    while hi + 1 < len(sentences) and not _BLANK_LINE.search(
        text, sentences[hi].end, sentences[hi + 1].start
    ):
        hi += 1
    if lo == hi or any(k in aligned for k in range(lo, hi + 1)):
        return None
    return (sentences[lo].start, sentences[hi].end)


def _near_stems(side: Side, index: int) -> set[str]:
    """Content stems of sentence ``index`` of ``side`` and of the sentence either side of
    it (where a clause moved within its passage lands)."""
    near = [k for k in (index - 1, index, index + 1) if 0 <= k < len(side.an.tokens)]
    return {stem for k in near for stem in side.an.terms(k)}


def _reworded(ctx: Context, index: int, kind: FindingKind, terms: list[Token]) -> bool:
    """Whether a clause's terms stand, in the word diff of its one-to-one alignment
    ``ctx.alignments[index]``, mostly in stretches that the other sentence replaces with
    a stretch at least half as long: a clause said in other words ("after repeated
    delays in manufacturing the blades" -> "after persistent hold-ups in producing the
    blades"), not one added or cut, which the other side has no stretch for."""
    view = ctx.view(index)
    mine = view.tb if kind is FindingKind.UNSUPPORTED_ADDITION else view.ta
    starts = {t.start for t in terms}
    replaced = 0
    for tag, i1, i2, j1, j2 in view.opcodes:
        lo, hi, other = (j1, j2, i2 - i1) if mine is view.tb else (i1, i2, j2 - j1)
        if tag != "replace" or 2 * other < hi - lo:
            continue
        replaced += sum(1 for t in mine[lo:hi] if t.start in starts)
    return 2 * replaced > len(terms)


def _denial_reworded(ctx: Context, index: int, kind: FindingKind, terms: list[Token]) -> bool:
    """Whether a clause that denies is replaced, in the word diff of its one-to-one
    alignment ``ctx.alignments[index]``, by a stretch of the other sentence that denies
    too: the denial said in other words ("but did not go far enough" -> "but fell
    short"), not cut."""
    view = ctx.view(index)
    mine_is_b = kind is FindingKind.UNSUPPORTED_ADDITION
    mine, theirs = (view.tb, view.ta) if mine_is_b else (view.ta, view.tb)
    side, other = (ctx.b, ctx.a) if mine_is_b else (ctx.a, ctx.b)
    starts = {t.start for t in terms}
    for tag, i1, i2, j1, j2 in view.opcodes:
        lo, hi, olo, ohi = (j1, j2, i1, i2) if mine_is_b else (i1, i2, j1, j2)
        if tag != "replace" or not any(t.start in starts for t in mine[lo:hi]):
            continue
        own, their = mine[lo:hi], theirs[olo:ohi]
        denies = "negation" in caveat_cues(side, mine, own[0].start, own[-1].end)
        if denies and "negation" in caveat_cues(other, theirs, their[0].start, their[-1].end):
            return True
    return False


def _caveat_replaced(ctx: Context, index: int, terms: list[Token]) -> tuple[str, int] | None:
    """The words of A that a clause of B (``terms``: its content tokens) stands in for,
    and where in B the words that replace them start, when A's words deny and the
    clause does not; else None.

    In the word diff of the one-to-one alignment ``ctx.alignments[index]`` the clause's
    new words (two or more that A's sentence lacks) replace a stretch of A holding a
    negation, with three or more words besides it, most of them gone from B's sentence
    (so the caveat is not merely said in other words), and the clause itself has no
    negation, hedge or word of caution: "but the federation has not yet decided whether
    she will be selected for next year's championships" -> "and all but guarantees her
    a place at next year's championships". A caveat swapped for a claim inside a kept
    sentence is an addition, though the clause's other words are A's.
    """
    view = ctx.view(index)
    starts = {t.start for t in terms}
    sentence_a = {t.stem for t in view.ta if t.content}
    sentence_b = {t.stem for t in view.tb if t.content}
    if sum(1 for t in terms if t.stem not in sentence_a) < 2:
        return None
    clause = [t for t in view.tb if t.start in starts]
    if not clause or caveat(ctx.b, clause, clause[0].start, clause[-1].end):
        return None
    quotes = [(q.start, q.end) for q in ctx.a.quotes]
    for tag, i1, i2, j1, j2 in view.opcodes:
        if tag != "replace" or not any(t.start in starts for t in view.tb[j1:j2]):
            continue
        run = view.ta[i1:i2]
        said = [t for t in run if t.content and t.norm not in NEGATIONS]
        gone = [t for t in said if t.stem not in sentence_b]
        if len(said) < 3 or 3 * len(gone) < 2 * len(said):
            continue  # a negation said in other words ("has not yet decided" -> "is weighing")
        if any(
            (t.norm in NEGATIONS or t.norm.endswith("n't"))
            and t.norm != "without"  # "were without electricity": a state, not a denial
            and not inside(t.start, quotes)
            for t in run
        ):
            new = [t for t in view.tb[j1:j2] if t.start >= clause[0].start]
            return ctx.a.text[run[0].start : run[-1].end], new[0].start
    return None


def _figure_restated(
    ctx: Context, index: int, kind: FindingKind, toks: list[Token], clause: Span
) -> bool:
    """Whether a clause (``clause``, of a sentence whose tokens are ``toks``) gives a
    figure that the other sentence of its one-to-one alignment ``ctx.alignments[index]``
    gives too, same value and unit, and shares another word with it: the same fact said
    in other words ("which is 30 percent owned by the state" -> "in which the state
    holds a 30% stake"), not a clause added or cut."""
    view = ctx.view(index)
    mine = [t for t in toks if clause[0] <= t.start < clause[1]]
    other = view.ta if kind is FindingKind.UNSUPPORTED_ADDITION else view.tb
    side = ctx.b if kind is FindingKind.UNSUPPORTED_ADDITION else ctx.a
    theirs = ctx.a if side is ctx.b else ctx.b
    # a rank is compared by its value alone: the noun after it is no unit ("the league's
    # second top scorer" -> "the second-highest tally in the league")
    figures = {
        (round(n.value, 6), "rank" if n.ordinal else n.unit)
        for n in numbers_and_dates(mine, side.text)[0]
    }
    if not figures:
        return False
    restated = {
        (round(n.value, 6), "rank" if n.ordinal else n.unit)
        for n in numbers_and_dates(other, theirs.text)[0]
    }
    words = {t.stem for t in mine if t.content and not t.number}
    return bool(figures & restated) and bool(words & {t.stem for t in other if t.content})


def _stray_members(ctx: Context) -> list[tuple[tuple[str, int], float]]:
    """Sentences merged into a one-to-many alignment that the other side of it does not
    cover: ("a" or "b", sentence index) and the share of its terms the other side has.

    A sentence added after a kept one ("…handled 2.1 million containers last year. Its
    volumes have fallen every year.") or dropped before one ("None of the injuries was
    serious, the spokesman said. “The crew did everything right,” he told reporters.")
    joins its neighbour's alignment through the words they share. Its terms are read
    without titles ("spokesman"); under ``FindingsConfig.clause_max_support`` of them in
    the other side's sentences of the alignment (under ``sentence_covered_support`` when
    it holds a denial the other side lacks, ``_denial_lost``), with three terms or more,
    it is an addition or omission.
    """
    out: list[tuple[tuple[str, int], float]] = []
    cfg = ctx.config
    for al in ctx.alignments:
        for own, mine, theirs, side, other in (
            ("a", al.a_sentences, al.b_sentences, ctx.a, ctx.b),
            ("b", al.b_sentences, al.a_sentences, ctx.b, ctx.a),
        ):
            if len(mine) < 2:
                continue
            stems = {stem for k in theirs for stem in other.an.terms(k)}
            for i in mine:
                terms = [
                    t
                    for t in side.an.tokens[i]
                    if t.content and not t.number and t.norm not in TITLES
                ]
                if len(terms) < 3:
                    continue
                support = sum(t.stem in stems for t in terms) / len(terms)
                if support < cfg.clause_max_support or (
                    support < cfg.sentence_covered_support and _denial_lost(side, i, other, theirs)
                ):
                    out.append(((own, i), support))
    return out


def _denial_lost(side: Side, index: int, other: Side, theirs: tuple[int, ...]) -> bool:
    """Whether sentence ``index`` of ``side`` says "no" (a negation or a verb that
    negates, outside quotes) in a word the other side's sentences do not have: "None of
    the injuries was serious" or "has denied wrongdoing", merged into its neighbour's
    alignment for the names they share, is a denial left out."""
    sent = side.an.doc.sentences[index]
    quotes = [(q.start, q.end) for q in side.quotes]
    words = {t.norm for k in theirs for t in other.an.tokens[k]}
    return any(
        (t.norm in NEGATIONS or t.stem in NEGATIVE_VERBS)
        and t.norm not in words
        and not inside(t.start, quotes)
        for t in side.an.tokens[index]
        if sent.start <= t.start < sent.end
    )


def _cut_clauses(
    ctx: Context,
    side: Side,
    other: Side,
    kind: FindingKind,
    sent: Sentence,
    partner: int,
    caveats_only: bool,
) -> list[Finding]:
    """The clauses of a sentence that its loosely kept counterpart (a pair ``_replaced``
    keeps for a shared run of words) lacks entirely: two content words or more, none of
    them in the counterpart sentence ("…, but two patients were hospitalised" against
    "Most cases were mild and cleared up on their own."). A clause that shares a word
    with the counterpart is reworded, not cut; quotes are the quote findings'."""
    x = other.an.doc.sentences[partner]
    theirs = {t.stem for t in sentence_tokens(other, partner, x) if t.content}
    toks = side.an.tokens[sent.index]
    out: list[Finding] = []
    for lo, hi in clauses(side.text, sent.start, sent.end):
        terms = [t for t in toks if lo <= t.start < hi and t.content]
        if len(terms) < 2 or any(t.stem in theirs for t in terms):
            continue
        if inside(lo, [(q.start, q.end) for q in side.quotes]):
            continue
        if caveats_only and not caveat(side, toks, lo, hi):
            continue
        span = widen(side.text, (terms[0].start, terms[-1].end), lo, hi)
        out.append(_coverage_finding(ctx, kind, span, 0.0, sentence=False))
    return out


def _restates_figure(side: Side, index: int, other: Side) -> bool:
    """Whether sentence ``index`` of ``side`` gives a figure written in digits (10 or more)
    that the other text gives too, with the same unit where both name one: a precise
    figure ties it to the other text ("5,000 hectares" is not tied to "5,000 euros")."""
    figures = _digit_figures(side.an, index)
    if not figures:
        return False
    key = ("coverage_figures", -1)
    if key not in other.an.memo:
        other.an.memo[key] = {
            v for k in range(len(other.an.tokens)) for v in _digit_figures(other.an, k)
        }
    known: set[tuple[float, str | None]] = other.an.memo[key]
    return any(
        value == v and (unit is None or u is None or unit == u)
        for value, unit in figures
        for v, u in known
    )


def _digit_figures(an: Analysis, index: int) -> set[tuple[float, str | None]]:
    """Values of the figures of sentence ``index`` written in digits, 10 or more, with the
    dimension of a known unit ("area", "money": ``UNITS``) or None ("people" and
    "employees" count the same thing in other words)."""
    numbers = run_mentions(an, (index,))[0]
    return {
        (round(n.value, 6), UNITS[n.unit][0] if n.unit in UNITS else None)
        for n in numbers
        if n.value >= 10 and an.doc.text[n.start : n.start + 1].isdigit()
    }


def _has_quote(side: Side, sent: Sentence) -> bool:
    """Whether a direct quote of ``side`` overlaps sentence ``sent``."""
    return any(q.start < sent.end and sent.start < q.end for q in side.quotes)


def _moved(terms: list[Token], flags: list[bool], other: Side) -> bool:
    """Whether the terms a clause's counterpart lacks stand together in one sentence of
    the other text (at least half of them, two or more): the clause moved there."""
    missing = {t.stem for t, flag in zip(terms, flags, strict=True) if flag}
    need = max(2, (len(missing) + 1) // 2)
    key = ("coverage_term_sets", -1)
    if key not in other.an.memo:
        other.an.memo[key] = [frozenset(other.an.terms(k)) for k in range(len(other.an.tokens))]
    term_sets: list[frozenset[str]] = other.an.memo[key]
    return any(len(missing & terms_k) >= need for terms_k in term_sets)


def _quoted_speech(side: Side) -> dict[str, set[str]]:
    """Name word of each quoted speaker -> the content stems of their direct quotes
    (kept in the document's memo by its quotes; not to be changed by the caller)."""
    kept: dict[tuple[Quote, ...], dict[str, set[str]]]
    kept = side.an.memo.setdefault(("quoted_speech", -1), {})
    found = kept.get(side.quotes)
    if found is None:
        found = kept[side.quotes] = _speech_of(side.quotes)
    return found


def _speech_of(quotes: tuple[Quote, ...]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for q in quotes:
        if not q.speaker:
            continue
        stems = {t.stem for t in tokenize(q.text) if t.content}
        for word in q.speaker.split():
            key = fold(word)
            if word[:1].isupper() and key not in TITLES and key not in _PRONOUNS:
                out.setdefault(key, set()).update(stems)
    return out


def _reports(side: Side, sent: Sentence, terms: list[Token], speech: dict[str, set[str]]) -> bool:
    """Whether a B sentence (or clause of it) reports what a speaker A quotes directly:
    it names the speaker (or refers back to one named just before with a pronoun) and
    shares words with their quotes. Reported speech made from a quote is a rewrite's
    habit, not an addition."""
    if not speech:
        return False
    names = {t.norm for t in side.an.tokens[sent.index]}
    if sent.index and names & _PRONOUNS:
        names |= {t.norm for t in side.an.tokens[sent.index - 1]}
    quoted = set().union(*(speech[n] for n in names & speech.keys()))
    return bool(quoted) and any(t.stem in quoted for t in terms)


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
    ctx: Context, kind: FindingKind, span: Span, support: float, *, sentence: bool
) -> Finding:
    unit = "sentence" if sentence else "clause"
    base = 0.55 if sentence else 0.45
    confidence = base + 0.4 * (1 - support)
    if kind is FindingKind.UNSUPPORTED_ADDITION:
        return ctx.finding(
            kind,
            None,
            span,
            confidence,
            f"this {unit} of B has no counterpart in A ({support:.0%} of its terms occur in A)",
        )
    return ctx.finding(
        kind,
        span,
        None,
        confidence,
        f"this {unit} of A has no counterpart in B ({support:.0%} of its terms occur in B)",
    )


def _mostly_in(span: Span, others: Sequence[Span]) -> bool:
    """Whether at least half of ``span`` lies inside one of ``others``."""
    size = max(1, span[1] - span[0])
    return any(min(span[1], e) - max(span[0], s) >= size / 2 for s, e in others)


def _is_heading(text: str) -> bool:
    return not text.rstrip().endswith((".", "!", "?", '"', "”", "’", "'", ")")) and (
        len(text.split()) <= 15
    )


def _unsupported_run(flags: list[bool], min_run: int) -> bool:
    """Whether a clause's unsupported terms (``flags``) make a claim of its own: a run of
    ``min_run``, or ``min_run`` of them with at most one supported term among them all
    ("is considering replacing some trains with buses": one known word in a new claim).
    The second form is read only for a clause added to a closely kept sentence (on the
    other sets it let reworded clauses of dropped text through: blind3 P 0.887 -> 0.877,
    blind2 and blind5 one more false positive each, when read for omissions as well)."""
    return _longest_run(flags) >= min_run or (
        sum(flags) >= min_run and len(flags) - sum(flags) <= 1
    )


def _longest_run(flags: list[bool]) -> int:
    best = run = 0
    for f in flags:
        run = run + 1 if f else 0
        best = max(best, run)
    return best
