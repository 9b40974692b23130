"""Attribution findings: a source dropped or replaced, for quotes and for reported claims."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import ClassVar

from rapidfuzz import fuzz

from wiretrace.discrepancy.detectors.base import (
    Context,
    PassageView,
    Side,
    clauses,
    widen,
)
from wiretrace.discrepancy.quotes import contiguous, quote_words, same_speaker
from wiretrace.model import Alignment, Finding, FindingFamily, FindingKind, Quote, Span
from wiretrace.text.lexicon import GENERIC_SOURCES, ORGANISATION_HEADS, STOPWORDS, TITLES
from wiretrace.text.tokens import fold, tokenize

_PRONOUN_SOURCES = frozenset("he she they it we i who which that this there".split())
_SPEECH = re.compile(
    r"\b(?:said|says|told|tells|reported|reports|announced|confirmed|stated|according|"
    r"quoted|cited|citing|statement|added|claimed|wrote|shows?|showed|suggests|suggested|"
    r"indicates|indicated)\b",
    re.IGNORECASE,
)


class AttributionDetector:
    """Quotes given to another speaker or stripped of their relay, and claims whose source
    (an "according to" or "X said" phrase) B drops or replaces."""

    family: ClassVar[FindingFamily] = FindingFamily.ATTRIBUTION

    def detect(self, ctx: Context, earlier: Sequence[Finding]) -> list[Finding]:
        """Quote attribution changes first, then claim attribution per close passage."""
        out: list[Finding] = []
        for pair in ctx.quote_pairs():
            if pair.a >= 0:
                qb = ctx.b.quotes[pair.b]
                # a B quote made of several A quotes: findings point at its words
                joined = (qb.start, qb.end) if pair.also else None
                out.extend(_quote_attribution(ctx, ctx.a.quotes[pair.a], qb, b_span=joined))
            # A's quotes that B joins into one ("“X.” she said. … “Y,” he said." -> "“X.
            # Y.”"): each keeps its own speaker, or is given to B's
            for ai in pair.also:
                qb = ctx.b.quotes[pair.b]
                out.extend(_quote_attribution(ctx, ctx.a.quotes[ai], qb, b_span=(qb.start, qb.end)))
        out.extend(_unquoted_without_speaker(ctx))
        out.extend(_reported_by_another(ctx))
        for view in ctx.views():
            if view.close:
                out.extend(_claim_attribution(ctx, view))
        return out


def _quote_attribution(
    ctx: Context, qa: Quote, qb: Quote, *, b_span: Span | None = None
) -> list[Finding]:
    """A quote given to another speaker, or stripped of its speaker or relay. ``b_span``:
    where B's side points (default: B's attribution phrase, else its speaker's name;
    for a quote B joins to another, the joined quote's words)."""
    sa, sb = ctx.a, ctx.b
    out: list[Finding] = []
    a_span = qa.attribution_span or qa.speaker_span
    b_span = b_span or qb.attribution_span or qb.speaker_span
    speaker_a, speaker_b = _by_title(sa.text, qa.speaker), _by_title(sb.text, qb.speaker)
    same = same_speaker(speaker_a, speaker_b)
    if same is False:
        # "Catarino" named "Rui Catarino" earlier and "Rui Cardoso": one person whose
        # name changed (a name finding), not a quote given to someone else
        same = same_speaker(_full_name(sa.text, speaker_a), _full_name(sb.text, speaker_b))
    pronoun_a, pronoun_b = _from_pronoun(sa.text, qa), _from_pronoun(sb.text, qb)
    resolved = pronoun_a or pronoun_b
    both = pronoun_a and pronoun_b
    if same is False and both and _apart(sa.text, qa, qb.speaker, sb.text, qb, qa.speaker):
        # both speakers read from a pronoun, each paragraph naming its own: the quote's
        # words are what is given to another (a continued quote borrows the pronoun of
        # the quote before it)
        out.append(
            ctx.finding(
                FindingKind.ATTRIBUTION_CHANGED,
                _own_attribution(sa, qa),
                _own_attribution(sb, qb),
                0.6,
                f"A attributes this quote to {qa.speaker}; B to {qb.speaker} (pronouns "
                "read as the last named person of each paragraph)",
            )
        )
    elif same is False and not both:
        # a speaker resolved from a pronoun is a reading of the text, not its words:
        # reported with less confidence
        how = " (a pronoun read as the last named speaker)" if resolved else ""
        out.append(
            ctx.finding(
                FindingKind.ATTRIBUTION_CHANGED,
                a_span,
                b_span,
                0.6 if resolved else 0.8,
                f"A attributes this quote to {qa.speaker}; B to {qb.speaker}{how}",
            )
        )
    elif qa.intermediary and not qb.intermediary and a_span:
        head = qa.intermediary.split()[-1].lower().rstrip("s")
        b_sentence = sb.an.doc.sentences[qb.sentence]
        if head not in sb.text[b_sentence.start : b_sentence.end].lower():
            out.append(
                ctx.finding(
                    FindingKind.ATTRIBUTION_DROPPED,
                    a_span,
                    b_span,
                    0.85,
                    f"A reports this quote second-hand, through {qa.intermediary}; B presents "
                    f"it as said directly{' by ' + qb.speaker if qb.speaker else ''}",
                )
            )
    elif qa.speaker and not qb.speaker and a_span:
        # B gives A's quote with nobody to say it: the speaker dropped (unless B names
        # them next to the quote in a shape the quote reader does not take)
        named = {fold(w) for w in qa.speaker.split() if w[:1].isupper()} - TITLES
        if named and (not _named_near(sb, qb, named) or _stated_fragment(sb, qb, named)):
            out.append(
                ctx.finding(
                    FindingKind.ATTRIBUTION_DROPPED,
                    a_span,
                    (qb.start, qb.end),
                    0.6 if pronoun_a else 0.75,
                    f"A attributes this quote to {qa.speaker}; B gives it without a speaker",
                )
            )
    return out


def _unquoted_without_speaker(ctx: Context) -> list[Finding]:
    """A's quoted words (three or more) that B gives word for word without quotation
    marks and without their speaker: "Katja Lind said the payout was “generous but not
    surprising”" -> "The payout was generous but not surprising". B names neither the
    speaker (in the sentence or its neighbours) nor any source in the sentence."""
    sa, sb = ctx.a, ctx.b
    out: list[Finding] = []
    quoted = ctx.quoted_a()
    for ai, qa in enumerate(sa.quotes):
        if ai in quoted or not qa.speaker or not qa.attribution_span:
            continue
        words = quote_words(qa.text)
        named = {fold(w) for w in qa.speaker.split() if w[:1].isupper()} - TITLES
        if len(words) < 3 or not named:
            continue
        for al in ctx.alignments:
            if qa.sentence not in al.a_sentences:
                continue
            for j in al.b_sentences:
                sent = sb.an.doc.sentences[j]
                if not contiguous(words, quote_words(sent.text)):
                    continue
                if any(q.sentence == j for q in sb.quotes) or sources(sb, (j,)):
                    continue
                near = (j - 1, j, j + 1)
                tokens = sb.an.tokens
                if any(t.norm in named for k in near if 0 <= k < len(tokens) for t in tokens[k]):
                    continue
                if _SPEECH.search(sent.text):
                    continue
                out.append(
                    ctx.finding(
                        FindingKind.ATTRIBUTION_DROPPED,
                        qa.attribution_span,
                        (sent.start, sent.end),
                        0.7,
                        f"A quotes these words from {qa.speaker}; B states them as its own, "
                        "without quotation marks or a speaker",
                    )
                )
    return out


#: A named person and a verb of saying in reported speech ("captain Dario Lenz
#: complained that …"); pronouns are left out (whom they stand for is a guess).
_REPORTER = re.compile(
    r"(?P<name>(?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+),?\s+(?:also\s+)?"
    r"(?:said|says|told|added|complained|conceded|admitted|insisted|argued|warned|claimed"
    r"|stressed|noted|explained|acknowledged|suggested|lamented|protested)\b"
)
_QUOTE_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def _reported_by_another(ctx: Context) -> list[Finding]:
    """A sentence of an A quote that B gives as the reported speech of another named
    person: "“… These decisions are killing us,” Ostby told reporters" -> "…, while
    captain Dario Lenz complained that such decisions were killing his side". The B
    stretch after that person's verb (up to the next person's) shares two content words
    or more, and at least 40% of them, with the quote's sentence; B does not quote it."""
    sa, sb = ctx.a, ctx.b
    out: list[Finding] = []
    quoted = ctx.quoted_a()
    for ai, qa in enumerate(sa.quotes):
        if ai in quoted or not qa.speaker or fold(qa.speaker) in _PRONOUN_SOURCES:
            continue
        b_sentences = {
            j for al in ctx.alignments if qa.sentence in al.a_sentences for j in al.b_sentences
        }
        stretches = [
            st
            for j in sorted(b_sentences)
            if not any(q.sentence == j for q in sb.quotes)
            for st in _reported_stretches(sb, j)
        ]
        if not stretches:
            continue
        reported: set[Span] = set()  # one finding per quote and B stretch
        for m in _QUOTE_SENTENCE.finditer(qa.text):
            content = {t.stem for t in tokenize(m.group()) if t.content}
            if len(content) < 2:
                continue
            name, span, shared = max(
                ((n, sp, len(content & stems)) for n, sp, stems in stretches), key=lambda x: x[2]
            )
            if shared < 2 or shared < 0.4 * len(content):
                continue
            if same_speaker(qa.speaker, name) is not False or span in reported:
                continue
            reported.add(span)
            lo = qa.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
            if qa.attribution_span and qa.attribution_span[1] <= qa.start:
                # "Its chief executive, Nadia Fenwick, said after the hearing:" before the
                # quote: the finding runs from the speaker's intro to the sentence
                lo = min(lo, qa.attribution_span[0])
            out.append(
                ctx.finding(
                    FindingKind.ATTRIBUTION_CHANGED,
                    (lo, qa.start + m.end()),
                    span,
                    0.65,
                    f"A quotes this from {qa.speaker}; B reports it as said by {name}",
                )
            )
    return out


def _reported_stretches(side: Side, index: int) -> list[tuple[str, Span, set[str]]]:
    """Each named person's reported speech in sentence ``index``: (the name, the span
    from the name to the next person's name or the sentence end, its content stems)."""
    sent = side.an.doc.sentences[index]
    found = [
        m
        for m in _REPORTER.finditer(side.text, sent.start, sent.end)
        if fold(m.group("name").split()[0]) not in _PRONOUN_SOURCES
    ]
    out: list[tuple[str, Span, set[str]]] = []
    for k, m in enumerate(found):
        hi = found[k + 1].start() if k + 1 < len(found) else sent.end
        stems = {t.stem for t in side.an.tokens[index] if m.end() <= t.start < hi and t.content}
        words = [w for w in m.group("name").split() if fold(w) not in TITLES]
        if words:
            out.append((" ".join(words), (m.start("name"), hi), stems))
    return out


def _stated_fragment(side: Side, q: Quote, named: set[str]) -> bool:
    """Whether the quote is a fragment of a sentence that states a claim on its own: three
    content words or more outside the quotation marks, no word of ``named`` (the
    speaker's), no source or word of speech ("The estimated risk is “extremely low”.").
    A speaker named in the sentence before does not source it; a whole quoted sentence
    after one naming its speaker is theirs."""
    sent = side.an.doc.sentences[q.sentence]
    outside = [
        t for t in side.an.tokens[q.sentence] if t.content and not q.start <= t.start < q.end
    ]
    return (
        len(outside) >= 3
        and not any(t.norm in named for t in outside)
        and not _SPEECH.search(sent.text)
        and not sources(side, (q.sentence,))
    )


def _named_near(side: Side, q: Quote, named: set[str]) -> bool:
    """Whether a word of ``named`` occurs in the quote's sentence or a neighbour in the
    same paragraph (a quote in a paragraph of its own, with no attribution, has no
    speaker, whoever the paragraph before named)."""
    tokens = side.an.tokens
    sentences = side.an.doc.sentences
    near = [q.sentence]
    for first, second in ((q.sentence - 1, q.sentence), (q.sentence, q.sentence + 1)):
        if first < 0 or second >= len(tokens):
            continue
        gap = _PARAGRAPH_GAP.search(side.text, sentences[first].end, sentences[second].start + 1)
        if gap is None:
            near.append(first if second == q.sentence else second)
    return any(t.norm in named for k in near for t in tokens[k])


_PARAGRAPH_GAP = re.compile(r"\n[ \t]*\n")


def _full_name(text: str, speaker: str | None) -> str | None:
    """The longest form of a speaker's name in the text ("Catarino" -> "Rui Catarino"):
    capitalised words right before the name's last word where the text names it."""
    if not speaker:
        return speaker
    last = speaker.split()[-1]
    best = speaker
    for m in re.finditer(rf"((?:[A-Z][\w’'-]*\s+){{1,3}}){re.escape(last)}\b", text):
        if len(m.group()) > len(best):
            best = m.group()
    return best


def _by_title(text: str, speaker: str | None) -> str | None:
    """A speaker given by a title alone ("the mayor said") as the person the text names
    with that title ("said Dunmere's mayor, Felix Ormond", "Mayor Felix Ormond"), else
    the speaker as given."""
    if not speaker or any(fold(w) not in TITLES for w in speaker.split()):
        return speaker
    title = re.escape(speaker.split()[-1])
    m = re.search(rf"(?i:\b{title}),?\s+({_PERSON})", text) or re.search(
        rf"({_PERSON}),\s+(?:the\s+|[\w’'-]+[’']s\s+)?(?:[a-z]+\s+)?(?i:{title})\b", text
    )
    return m.group(1) if m else speaker


#: A person's name: two to four capitalised words.
_PERSON = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}"


def _own_attribution(side: Side, q: Quote) -> Span | None:
    """The quote's attribution phrase (else its speaker's name), or the quote itself when
    the phrase belongs to a quote before it that this one continues ("“X,” he said. “Y.”":
    for Y, the words are what is attributed)."""
    span = q.attribution_span or q.speaker_span
    if span is None:
        return None
    doc = side.an.doc
    lo = doc.sentences[q.sentence].start
    hi = next(
        (s.end for s in doc.sentences if s.start <= q.end <= s.end), doc.sentences[q.sentence].end
    )
    return span if lo <= span[0] < hi else (q.start, q.end)


def _apart(
    a_text: str, qa: Quote, b_speaker: str | None, b_text: str, qb: Quote, a_speaker: str | None
) -> bool:
    """Whether two quotes' speakers, both read from a pronoun, are two people: each
    side's paragraph of the quote names its own speaker and not the other side's ("Prime
    Minister Vennec welcomed the outcome. “…,” he said." against "Mirelle, the farmers'
    leader, also welcomed it. “…,” he said.")."""

    def names(speaker: str | None) -> set[str]:
        return {fold(w) for w in (speaker or "").split() if w[:1].isupper()} - TITLES

    def paragraph(text: str, q: Quote) -> set[str]:
        lo = text.rfind("\n", 0, q.start) + 1
        hi = text.find("\n", q.end)
        return _folded(text[lo : hi if hi >= 0 else len(text)])

    para_a, para_b = paragraph(a_text, qa), paragraph(b_text, qb)
    own_a, own_b = names(a_speaker), names(b_speaker)
    return (
        bool(own_a and own_b)
        and own_a <= para_a
        and own_b <= para_b
        and not own_b & para_a
        and not own_a & para_b
    )


def _from_pronoun(text: str, q: Quote) -> bool:
    """Whether the quote's speaker was resolved from a pronoun (a guess, not evidence)."""
    if q.speaker_span is None:
        return False
    return text[q.speaker_span[0] : q.speaker_span[1]].lower() in {"he", "she", "they"}


def _claim_attribution(ctx: Context, view: PassageView) -> list[Finding]:
    """A claim attributed to a source in A, stated without that source (or with another)
    in B. Attribution of direct quotes is handled with the quotes."""
    sa, sb = ctx.a, ctx.b
    al = view.alignment
    out: list[Finding] = []
    a_sources = sources(sa, al.a_sentences) + _pronoun_sources(sa, al.a_sentences, resolve=True)
    if not a_sources:
        return out
    b_sources = sources(sb, al.b_sentences) + _pronoun_sources(sb, al.b_sentences, resolve=False)
    b_words = {t.norm for t in view.tb}
    b_stems = set(_figure_stems(t.stem for t in view.tb if t.content))
    a_words = {t.norm for t in view.ta}
    for src, phrase_span, relayed in a_sources:
        if _source_in(src, b_words) and not _made_actor(sa, sb, view, phrase_span, src):
            continue
        # B's sources that A gives for another claim of the passage ("though Heliant
        # said …" kept while "Analysts at Brightwater said …" is cut) source nothing new
        own_b = [
            b
            for b in b_sources
            if not any(
                a_src != src
                and _other_clause(sa, al, phrase_span, a_span)
                and (same_speaker(b[0], a_src) or _source_in(a_src, _folded(b[0])))
                for a_src, a_span, _ in a_sources
            )
        ]
        claim = _figure_stems(_claim_terms(sa, al, phrase_span))
        if claim and sum(1 for t in claim if t in b_stems) < 0.5 * len(claim):
            continue  # B lacks the claim itself: an omission, not a dropped source
        near = _figure_stems(_clause_before(sa, al, phrase_span))
        if len(near) >= 4 and sum(1 for t in near if t in b_stems) < 0.5 * len(near):
            # "…, but the federation has not yet decided, a spokesman said": the clause
            # the source closes is gone with it
            continue
        if relayed is not None:
            # "the agency quoted X as saying" -> "X said": the relay is dropped
            direct = [ps for s, ps, _ in b_sources if same_speaker(s, relayed)]
            if direct or not b_sources:
                out.append(
                    ctx.finding(
                        FindingKind.ATTRIBUTION_DROPPED,
                        phrase_span,
                        direct[0] if direct else _cut_at(sb, view, phrase_span, claim),
                        0.8,
                        f"A reports this second-hand, through {src}; B drops {src}",
                    )
                )
                continue
        other = [
            (s, ps)
            for s, ps, _ in own_b
            if _same_source(s, src) is False
            and fuzz.ratio(s.lower(), src.lower()) < 70
            and (
                _new_to(s, a_words, sa.text[al.a_span[0] : al.a_span[1]])
                if _named(s)
                else _unnamed_other(
                    s,
                    src,
                    a_words,
                    sa.text[max(0, phrase_span[0] - 40) : phrase_span[0]],
                    sa.text[phrase_span[0] : phrase_span[1]],
                )
            )
        ]
        if other and _same_role(sa.text, phrase_span, sb.text, other[0][1]):
            # "Analysts at X said" -> "Analysts at Y said": the same kind of source, at
            # another firm: a name changed (the name detector reports it), not the source
            continue
        if other:
            out.append(
                ctx.finding(
                    FindingKind.ATTRIBUTION_CHANGED,
                    phrase_span,
                    other[0][1],
                    0.65,
                    f"A attributes this to {src}; B to {other[0][0]}",
                )
            )
        elif (
            not own_b
            and not _closing_source(sb, al, claim, [ps for _, ps, _ in b_sources])
            and not _speech_of_its_own(
                _claim_sentence(sb, al, claim, [ps for _, ps, _ in b_sources]),
                _outside(sa.text, al.a_span, [ps for _, ps, _ in a_sources]),
            )
        ):
            out.append(
                ctx.finding(
                    FindingKind.ATTRIBUTION_DROPPED,
                    phrase_span,
                    _cut_at(sb, view, phrase_span, claim),
                    0.7,
                    f"A attributes this to {src}; B states it without a source",
                )
            )
    return out


#: A pronoun source that closes its sentence ("…, two cars and gambling debts, they said.").
_PRONOUN_CLOSE = re.compile(
    r",\s+(?P<pro>he|she|they|it)\s+(?:also\s+)?(?:said|says|added|reported|told\s+\w+)"
    r"(?:\s+(?:on\s+[A-Z][a-z]+day|in\s+a\s+statement))?\s*[.!]?\s*$"
)


def _pronoun_sources(
    side: Side, sentences: tuple[int, ...], *, resolve: bool
) -> list[tuple[str, Span, str | None]]:
    """Attribution phrases of a pronoun that close their sentence, outside quotes
    (``sources`` leaves pronouns out): with ``resolve``, the source is the last named
    source of the sentence before, in the same paragraph ("Prosecutors said … . The money
    was spent on …, they said." -> "Prosecutors"), and the phrase is left out when there is
    none; without it, the pronoun itself (a source kept, whoever it stands for)."""
    out: list[tuple[str, Span, str | None]] = []
    doc = side.an.doc
    for i in sentences:
        sent = doc.sentences[i]
        m = _PRONOUN_CLOSE.search(sent.text)
        if m is None or any(q.sentence == i for q in side.quotes):
            continue
        span = (sent.start + m.start("pro"), sent.start + m.end())
        source = m.group("pro")
        if resolve:
            if i == 0 or "\n" in side.text[doc.sentences[i - 1].end : sent.start]:
                continue
            named = [src for src, _, _ in sources(side, (i - 1,))]
            if not named:
                continue
            source = named[-1]
        out.append((source, span, None))
    return out


_ACTOR_PRONOUN = re.compile(r"\s*(?:that\s+)?(?:it|they|he|she|we)\s+\w", re.IGNORECASE)


def _made_actor(sa: Side, sb: Side, view: PassageView, phrase: Span, src: str) -> bool:
    """Whether B keeps A's source only as the actor of the claim, its words of saying
    gone: "The league said it would review the incident" -> "The league will review the
    incident". A's phrase ends in a speech verb followed by a pronoun that stands for the
    source; B's sentence that names the source has no word of speech or report of its own
    and no attribution phrase."""
    if not _ACTOR_PRONOUN.match(sa.text, phrase[1]) or not _SAYS_LAST.search(
        sa.text, phrase[0], phrase[1]
    ):
        return False
    al = view.alignment
    folded = _folded(src)
    a_plain = _outside(sa.text, al.a_span, [ps for _, ps, _ in sources(sa, al.a_sentences)])
    for j in al.b_sentences:
        sent = sb.an.doc.sentences[j]
        if not {t.norm for t in sb.an.tokens[j]} & folded - STOPWORDS:
            continue
        if any(q.sentence == j and same_speaker(q.speaker, src) for q in sb.quotes):
            return False  # the source speaks in B: "X, whose flat flooded, said: “…”"
        return not (sources(sb, (j,)) or _speech_of_its_own(sent.text, a_plain))
    return False


_SAYS_LAST = re.compile(r"\b(?:said|says|announced|confirmed|stated|told\s+\w+)\s*$")


def _closing_source(side: Side, al: Alignment, claim: list[str], phrases: Sequence[Span]) -> bool:
    """Whether an attribution phrase closes the B sentence that carries the claim ("…,
    and the outbreak will grow further, the agency said on Monday."): it sources every
    clause before it, the claim among them."""
    s = side.an.doc.sentences[_claim_index(side, al, claim)]
    return any(
        s.start <= lo < s.end and not side.text[hi : s.end].strip(" .,;\"”’'") for lo, hi in phrases
    )


def _outside(text: str, span: Span, phrases: Sequence[Span]) -> str:
    """``text[span]`` with the ``phrases`` (attribution phrases) blanked out."""
    lo, hi = span
    chars = list(text[lo:hi])
    for s, e in phrases:
        for k in range(max(s, lo), min(e, hi)):
            chars[k - lo] = " "
    return "".join(chars)


def _speech_of_its_own(sentence: str, a_claim: str) -> bool:
    """Whether B's sentence has a word of speech or report that A's passage, outside its
    attribution phrases, lacks: in "reported revenue of €48.5m" (A: "reported revenue of
    EUR 48.5 million, according to its annual report") "reported" is the claim's own
    verb, not a source."""
    kept = {m.group().lower() for m in _SPEECH.finditer(a_claim)}
    return any(m.group().lower() not in kept for m in _SPEECH.finditer(sentence))


_PERCENT_WORDS = frozenset({"percent", "per", "cent", "pct", "percentag"})


def _figure_stems(stems: Iterable[str]) -> list[str]:
    """Stems with a percentage read one way: "17%" is "17", and the words "percent" and
    "per cent" are left out, so "fell 17 percent" and "fell 17%" share their terms."""
    out: list[str] = []
    for s in stems:
        if s in _PERCENT_WORDS:
            continue
        out.append(s[:-1] if s.endswith("%") and len(s) > 1 else s)
    return out


#: The role before an organisation's name in a source: "Analysts at", "economists
#: from", "a spokesman for".
_ROLE_AT = re.compile(r"(?:^|\s)([a-z][\w’'-]*)\s+(?:at|from|for|of)\s+$", re.IGNORECASE)


def _same_role(a_text: str, a_phrase: Span, b_text: str, b_phrase: Span) -> bool:
    """Whether two source phrases follow the same role word and preposition ("Analysts
    at Pellworth Securities said" / "Analysts at Brightwater Capital said")."""
    ra = _ROLE_AT.search(a_text, max(0, a_phrase[0] - 40), a_phrase[0])
    rb = _ROLE_AT.search(b_text, max(0, b_phrase[0] - 40), b_phrase[0])
    return (
        ra is not None
        and rb is not None
        and ra.group().strip().lower() == rb.group().strip().lower()
    )


def _unnamed_other(
    source: str, a_source: str, a_words: set[str], a_before: str, a_phrase: str
) -> bool:
    """Whether B's unnamed source is another body than A's source: not a generic one
    ("officials" for "authorities" is no change), none of its words in A's passage or
    A's source; one body ("the opposition", not "towns" for "communities") unless A's
    source is a generic one ("according to a police statement" -> "according to
    organisers"); and,
    when A's source is a name, A describes it there as something else ("Patient group X
    said" -> "The medicines agency said"; a bare "X said" -> "the airline said" may be
    the same body, described). ``a_before``: A's text right before its source phrase,
    ``a_phrase`` the phrase."""
    if _generic(source):
        return False
    words = {fold(w.strip(".,;:’'")) for w in source.split()} - STOPWORDS
    if not words or words & (a_words | _folded(a_source)):
        return False
    if _generic(a_source) and not _named(a_source):
        # an official source ("a police statement") given to a party of another kind
        # ("organisers"), plural or not; "the agency" may be the body B names ("the
        # coast guard"), described
        a_head = fold(a_source.split()[-1])
        return not (
            a_head[-1:] != "s"
            and re.search(rf"\bthe\s+{re.escape(a_head)}\b", a_phrase, re.IGNORECASE)
        )
    head = fold(source.split()[-1])
    if head.endswith("s") and not head.endswith("ss"):
        return False
    if _named(a_source):
        described = _DESCRIBED_AS.search(a_before)
        return described is not None and fold(described.group(1)) != head
    return True


#: Lower-case words right before a named source that say what it is ("Patient group
#: Heart Alliance said"): the last one is the description's head noun.
_DESCRIBED_AS = re.compile(r"(?:^|\s)(?:[A-Za-z][a-z’'-]*\s+)?([a-z][a-z’'-]+)\s+$")


def _same_source(x: str, y: str) -> bool | None:
    """``same_speaker`` for claim sources, where two organisations with different head
    nouns are two sources although they share a word ("the Cresswick Dementia
    Foundation", "the University of Cresswick")."""
    hx = {fold(w) for w in x.split() if w[:1].isupper()} & ORGANISATION_HEADS
    hy = {fold(w) for w in y.split() if w[:1].isupper()} & ORGANISATION_HEADS
    if hx and hy and not hx & hy:
        return False
    return same_speaker(x, y)


def _new_to(source: str, a_words: set[str], a_text: str) -> bool:
    """Whether B's source is someone A's passage does not name as a speaker: a name word
    A lacks ("the University of Cresswick" for "the Cresswick Dementia Foundation"), or
    names A gives only in the possessive ("Brenner's directeur sportif, Anders Kolm,
    said" -> "Brenner said": the speaker's employer, not the speaker)."""
    names = [
        w.strip(".,;:’'")
        for w in source.split()
        if w[:1].isupper() and fold(w.strip(".,;:’'")) not in TITLES | STOPWORDS
    ]
    if any(fold(w) not in a_words for w in names):
        return True
    return bool(names) and all(
        all(
            a_text[m.end() : m.end() + 2] in ("'s", "’s")
            for m in re.finditer(rf"\b{re.escape(w)}\b", a_text)
        )
        for w in names
    )


def _other_clause(side: Side, al: Alignment, x: Span, y: Span) -> bool:
    """Whether two spans of A's passage start in different clauses."""
    parts = clauses(side.text, al.a_span[0], al.a_span[1])
    cx = next((k for k, (lo, hi) in enumerate(parts) if lo <= x[0] < hi), -1)
    cy = next((k for k, (lo, hi) in enumerate(parts) if lo <= y[0] < hi), -1)
    return cx != cy


def _folded(text: str) -> set[str]:
    """The folded words of a text."""
    return {fold(w.strip(".,;:’'")) for w in text.split()}


def _source_in(source: str, words: set[str]) -> bool:
    """Whether a passage (its folded words) still names a source: all of the source's
    capitalised words when it has any ("St. Aldric General Hospital"), else its head noun
    ("the agencies")."""
    names = [fold(w) for w in source.split() if w[:1].isupper() and fold(w) not in TITLES]
    if names:
        return all(w in words or w.rstrip("s") in words for w in names)
    head = fold(source.split()[-1])
    return head in words or head.rstrip("s") in words


def _claim_terms(side: Side, al: Alignment, phrase: Span) -> list[str]:
    """Content stems of the clause an attribution phrase attributes (the phrase excluded)."""
    lo, hi = al.a_span
    parts = clauses(side.text, lo, hi)
    clause = next((c for c in parts if c[0] <= phrase[0] < c[1]), (lo, hi))
    toks = [
        t
        for i in al.a_sentences
        for t in side.an.tokens[i]
        if clause[0] <= t.start < clause[1] and not phrase[0] <= t.start < phrase[1] and t.content
    ]
    after = side.text[phrase[1] : phrase[1] + 3].lstrip()
    behind = [t for t in toks if t.start >= phrase[1]]
    if len(behind) >= 2:
        # "Institute economist Karin Lodahl said that …": the words before the source's
        # name in its clause describe the source, the claim is what follows the verb
        toks = behind
    if len(toks) < 2 and (not after or after[0] in ",.;"):
        # "X happened, the airline said, and ...": the claim comes before the phrase
        toks = [
            t
            for i in al.a_sentences
            for t in side.an.tokens[i]
            if side.an.doc.sentences[i].start <= t.start < phrase[0] and t.content
        ]
    if len(toks) < 2:  # the phrase opens the sentence: the claim is the rest of it
        toks = [
            t
            for i in al.a_sentences
            for t in side.an.tokens[i]
            if not phrase[0] <= t.start < phrase[1] and t.content
        ]
    return [t.stem for t in toks]


def _clause_before(side: Side, al: Alignment, phrase: Span) -> list[str]:
    """Content stems of the clause right before a trailing attribution phrase ("…, a
    spokesman said."), or nothing when the phrase does not close its sentence."""
    after = side.text[phrase[1] : phrase[1] + 3].lstrip()
    if after and after[0] not in ".;":
        return []
    parts = [c for c in clauses(side.text, al.a_span[0], al.a_span[1]) if c[1] <= phrase[0]]
    if not parts:
        return []
    lo, hi = parts[-1]
    return [
        t.stem
        for i in al.a_sentences
        for t in side.an.tokens[i]
        if lo <= t.start < hi and t.content
    ]


def _claim_sentence(side: Side, al: Alignment, claim: list[str], blank: Sequence[Span] = ()) -> str:
    """The sentence of B's passage that carries most of a claim's terms, with the
    ``blank`` spans (source phrases of other claims) blanked out."""
    s = side.an.doc.sentences[_claim_index(side, al, claim)]
    text = s.text
    for lo, hi in blank:
        lo, hi = max(lo, s.start) - s.start, min(hi, s.end) - s.start
        if lo < hi:
            text = text[:lo] + " " * (hi - lo) + text[hi:]
    return text


def _claim_index(side: Side, al: Alignment, claim: list[str]) -> int:
    wanted = set(claim)
    return max(
        al.b_sentences,
        key=lambda j: sum(1 for t in side.an.tokens[j] if t.stem in wanted),
    )


def _cut_at(side: Side, view: PassageView, phrase: Span, claim: list[str]) -> Span:
    """Where B cut A's attribution phrase: the B clause holding the word that A has right
    before the phrase (or right after it, when the phrase opens the sentence), found
    through the passage's word diff; else the clause carrying most of the claim."""
    ta = view.ta
    before = [k for k, t in enumerate(ta) if t.end <= phrase[0] and t.content]
    after = [k for k, t in enumerate(ta) if t.start >= phrase[1] and t.content]
    sentence_start = next(
        (s.start for s in view.alignment_sentences_a if s.start <= phrase[0] < s.end), 0
    )
    # the last words before the phrase, up to four, the nearest kept one first: a figure
    # reworded right before the source ("7.4 per cent" -> "7.4%") does not move the cut
    near = [k for k in before[-4:][::-1] if ta[k].start >= sentence_start]
    k = before[-1] if near else None
    if k is None and after:
        k = after[0]
    equal = [(i1, i2, j1) for tag, i1, i2, j1, _ in view.opcodes if tag == "equal"]
    if near:
        k = next((x for x in near if any(i1 <= x < i2 for i1, i2, _ in equal)), k)
    if k is not None:
        for i1, i2, j1 in equal:
            if i1 <= k < i2:
                pos = view.tb[j1 + k - i1].start
                s = next(s for s in view.alignment_sentences_b if s.start <= pos < s.end)
                parts = clauses(side.text, s.start, s.end)
                n = next(n for n, c in enumerate(parts) if c[0] <= pos < c[1])
                lo, hi = parts[n]
                sentence_end = next(
                    (x.end for x in view.alignment_sentences_a if x.start <= phrase[0] < x.end),
                    phrase[1],
                )
                if k in near and after and ta[after[0]].start < sentence_end and n + 1 < len(parts):
                    # a source cut from between two clauses ("…, the union said, in the
                    # first strike of its kind") sourced both: B's span spans the join
                    hi = parts[n + 1][1]
                return widen(side.text, (lo, hi), lo, hi)
    return _claim_span(side, view.alignment, claim)


def _claim_span(side: Side, al: Alignment, claim: list[str]) -> Span:
    """Where B states the claim without its source: the clause carrying most of it, in
    the sentence carrying most of it."""
    index = _claim_index(side, al, claim)
    s = side.an.doc.sentences[index]
    wanted = set(claim)
    toks = side.an.tokens[index]
    lo, hi = max(
        clauses(side.text, s.start, s.end),
        key=lambda c: sum(1 for t in toks if c[0] <= t.start < c[1] and t.stem in wanted),
    )
    return widen(side.text, (lo, hi), lo, hi)


def _named(source: str) -> bool:
    """A named source ("Marchetti", "the Interior Ministry"), not a generic one ("the airline")."""
    return any(w[:1].isupper() for w in source.split()) and not _generic(source)


def _generic(source: str) -> bool:
    return all(fold(w) in GENERIC_SOURCES or fold(w) in STOPWORDS for w in source.split())


def sources(side: Side, sentences: tuple[int, ...]) -> list[tuple[str, Span, str | None]]:
    """Attribution phrases of the given sentences, outside quote attributions (memoised
    per sentence): the source's words, the phrase's span, and the relayed speaker."""
    out: list[tuple[str, Span, str | None]] = []
    memo = side.an.memo
    for i in sentences:
        key = ("sources", i)
        if key not in memo:
            sent = side.an.doc.sentences[i]
            skip = [
                q.attribution_span for q in side.quotes if q.attribution_span and q.sentence == i
            ]
            memo[key] = _sources(sent.text, sent.start, skip)
        out.extend(memo[key])
    return out


_POSSESSIVES = frozenset("his her their its our my".split())
#: Words that join a source's own name ("the chamber of commerce", "a spokesman for X").
_OF_WORDS = frozenset({"of", "for"})
_ADVERBS = r"(?:also|later|earlier|previously|privately|publicly|separately|further)"
# Anchors first, then short patterns around each anchor: much faster than one alternation
# tried at every position of the text.
_BE_VERBS = frozenset("be been being is are was were".split())
_ANCHOR = re.compile(
    r"\b(?:(?P<acc>[Aa]ccording\s+to|[Cc]iting)|(?P<via>quoted|cited)"
    r"|(?P<say>said|says|say|reported|reports|announced|confirmed|stated|told|warned|warns"
    r"|claimed|claims|insisted|stressed|estimated|estimates|predicted|acknowledged|admitted)"
    r"|(?P<show>(?:figures|data|statistics|records|estimates)\s+(?:show|shows|showed)))\b"
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


# "Transit North, the regional transport agency, said": the name before the apposition
# is the source, not the apposition's head noun
_NAMED_APPOSITION = re.compile(
    r"((?:[A-Z][\w’'.&-]*\s+){0,3}[A-Z][\w’'.&-]*),\s+(?:the|a|an|its|his|her|their)\s+"
    rf"[^,;.:\"“”\n]{{1,60}},\s+(?:{_ADVERBS}\s+)?(?:(?:has|have|had)\s+)?$"
)
# "Lena Haverstock, whose flat on Quay Street flooded, said": the named subject of a
# relative clause, not the last words of the clause
_NAMED_RELATIVE = re.compile(
    r"((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*),\s+(?:who|whose)\b[^,;:\"“”\n]{3,120},\s+"
    rf"(?:{_ADVERBS}\s+)?(?:(?:has|have|had)\s+)?$"
)
# "…, said Dr Agnes Rolle": a name after the verb, titles allowed
_SAID_NAME = re.compile(r"\s+((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)(?=\s*[,.;]|\s*$)")
_DETERMINER_BEFORE = re.compile(
    r"\b((?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?:[a-z][\w’'-]*\s+){0,2})$"
)
#: A time or channel after the speech verb that ends the clause ("said last week", "said
#: on Tuesday", "said in a statement"): part of the attribution phrase, not of the claim.
_WHEN_AFTER = re.compile(
    r"(?:\s+(?:(?:on|late\s+on|early\s+on)\s+[A-Z][a-z]+day|last\s+(?:week|month|year|night|"
    r"[A-Z][a-z]+day)|earlier\s+(?:this|on|in)\s+\w+|this\s+(?:week|month|morning|afternoon|"
    r"evening|year)|yesterday|today|in\s+a\s+(?:statement|report|filing|note|briefing)))+"
    r"(?=\s*[,.;]|\s*$)"
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
            if anchor.group("acc").lower() == "citing" and source.split()[0].lower() in (
                _POSSESSIVES
            ):
                continue  # "citing his cooperation with court orders": a reason, no source
        elif anchor.group("via"):
            before = _RELAY_BEFORE.search(text, max(0, anchor.start() - 80), anchor.start())
            after = _RELAY_SPEAKER.match(text, anchor.end())
            if before is None or after is None:
                continue
            source, relayed = before.group(1), after.group(1)
            start, end = before.start(), after.end()
        else:
            named = _NAMED_APPOSITION.search(
                text, max(0, anchor.start() - 120), anchor.start()
            ) or _NAMED_RELATIVE.search(text, max(0, anchor.start() - 160), anchor.start())
            before = named or _SAYER_BEFORE.search(
                text, max(0, anchor.start() - 80), anchor.start()
            )
            inverted = _SAID_NAME.match(text, anchor.end()) if anchor.group("say") else None
            if inverted is not None and text[: anchor.start()].rstrip().endswith(","):
                # "…, said Dr Agnes Rolle, the hospital's director.": the name after the
                # verb closing the claim is the source
                source, start, end = inverted.group(1), anchor.start(), inverted.end(1)
                words = [w for w in source.split() if fold(w) not in TITLES]
                phrase = (offset + start, offset + end)
                if words and not any(s < phrase[1] and phrase[0] < e for s, e in skip):
                    out.append((" ".join(words), phrase, None))
                continue
            if before is None:
                continue
            source, start, end = before.group(1), before.start(), anchor.end()
            det = _DETERMINER_BEFORE.search(text, max(0, start - 40), start)
            if det and not source[:1].isupper():
                # "the statistics agency said": the whole noun phrase is the source
                source, start = det.group(1) + source, det.start(1)
            last = source.split()[-1].lower()
            if last in _BE_VERBS or last.endswith("ly"):
                continue  # "had been formally confirmed": passive, no source
            if anchor.group() == "told":
                nxt = re.match(r"\s+\w+", text[end:])
                end += nxt.end() if nxt else 0
            when = _WHEN_AFTER.match(text, end)
            if when:
                end = when.end()  # "the agency said last week": the time is the phrase's
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
        if (anchor.group("say") or anchor.group("show")) and any(
            w.lower() in STOPWORDS - _OF_WORDS for w in words
        ):
            continue
        phrase = (offset + start, offset + end)
        if any(s < phrase[1] and phrase[0] < e for s, e in skip):
            continue
        out.append((" ".join(words), phrase, relayed))
    return out
