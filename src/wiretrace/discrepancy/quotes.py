"""Direct quotes: extraction with speakers (rule-based, pluggable) and cross-text matching."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from rapidfuzz.distance import Indel

from wiretrace.model import Document, Quote, Span
from wiretrace.text.lexicon import GENERIC_SOURCES, NUMBER_WORDS, STOPWORDS, TITLES
from wiretrace.text.tokens import fold

# Straight quotes pair up on one line; curly quotes, „German“ quotes and guillemets pair
# by shape; single curly quotes only at word boundaries so that apostrophes ("Moscow’s")
# are not taken.
_QUOTE_RE = re.compile(
    r'"(?P<s>[^"\n]{1,1500}?)"'
    r"|“(?P<c>[^”“\n]{1,1500}?)”"
    r"|«(?P<g>[^»«\n]{1,1500}?)»"
    r"|„(?P<l>[^„“”\n]{1,1500}?)[“”]"
    # ‘ ’ quotes: a ’ between two letters inside is an apostrophe ("‘It’s chaos,’")
    r"|(?<![\w’'])‘(?P<q>(?:[^‘’\n]|(?<=\w)’(?=\w)){1,300}?)’(?![\w’'])"
)
_SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|asked|wrote|writes|stated|declared|explained|noted"
    r"|insisted|warned|argued|stressed|recalled|replied|continued|concluded|acknowledged"
    r"|admitted|claimed|announced|posted|tweeted|remarked|observed|emphasized|emphasised"
    r"|described|called|quoted|cited|reported"
)
_NAME = r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|al|bin|da|del|la|le)){0,4}"
_SOURCE = (
    r"(?:(?:[\w’'-]+\s+){0,3}(?:agency|agencies|media|newspapers?|television|tv|radio|outlets?"
    r"|reports?|ministry|office|spokes(?:man|woman|person))"
    rf"|(?:[A-Z][\w’'-]*\s+)?(?:[a-z][\w’'-]*\s+){{1,2}}{_NAME}"
    rf"|{_NAME}|he|she|they|police|officials|authorities|investigators|witnesses|residents"
    r"|analysts|experts|prosecutors|(?:the|a|an|its|his|her|their)\s+(?:[\w’'-]+\s+){0,2}"
    r"[\w’'-]+)"
)
_INTERMEDIARY_WORDS = frozenset(
    "agency agencies news media newspaper newspapers report reports reporter reporters "
    "television tv radio outlet outlets daily paper broadcaster channel wire interfax "
    "reuters ap afp tass xinhua ria bbc cnn press post times herald gazette tribune "
    "chronicle courier telegraph journal".split()
)
_PRONOUNS = frozenset("he she they it we i".split())

# "<source> quoted <speaker> as saying/telling" and "according to <source>".
_QUOTED_AS = re.compile(
    rf"(?P<src>{_SOURCE})\s+(?:quoted|cited)\s+(?P<spk>{_NAME}|him|her|them|"
    r"(?:an?\s+|the\s+)?(?:[\w’'.-]+\s+){0,4}?[\w’'.-]+)\s+as\s+"
    r"(?:saying|telling|stating|adding|writing)",
)
_SRC_SAID_SPK = re.compile(
    rf"(?P<src>{_SOURCE})\s+(?:said|reported|wrote)\s+(?P<spk>{_NAME}|he|she|they)\s+"
    rf"(?:{_SPEECH_VERBS}|had\s+told)\b",
)
# Relay patterns with the words they need: checking for the word first is much cheaper.
_CHAINS = (
    (_QUOTED_AS, ("quoted", "cited")),
    (_SRC_SAID_SPK, ("said", "reported", "wrote")),
)
# A speaker's role in an apposition before or after the name: "its director, Nils
# Aberg, said", "said the union's chief negotiator, Ole Brandt" (the role: one to six
# words, no comma; the name closes it).
_ROLE = r"(?:[\w’'.-]+\s+){0,5}[\w’'.-]+"
_AFTER = re.compile(
    rf"^[\s,:;—–-]*(?:{_ROLE},\s+(?P<spk3>{_NAME}),\s+(?:(?:has|had|also)\s+)?"
    rf"(?P<v3>{_SPEECH_VERBS})\b"
    rf"|(?P<v4>{_SPEECH_VERBS})\s+(?:the|a|an|its|his|her|their)\s+{_ROLE},\s+"
    rf"(?P<spk4>{_NAME})(?=\s*[.,;]|\s*$)"
    rf"|(?P<v1>{_SPEECH_VERBS})\s+(?P<spk1>(?:[a-z][\w’'-]*\s+){{0,3}}{_NAME}"
    r"|he|she|they)"
    rf"|(?P<spk2>{_SOURCE})\s+(?:(?:has|had|was|were)\s+)?(?P<v2>{_SPEECH_VERBS})\b)",
)
_OBJECT = r"(?:\s+(?:reporters|journalists|the\s+\w+(?:\s+\w+)?|him|her|them|us|me|\w+))?"
_BEFORE = (
    re.compile(
        rf"what\s+(?P<spk>he|she|they|{_NAME})\s+(?:described|called|termed)\s+as"
        r"(?:\s+(?:an?|the))?\s*$"
    ),
    re.compile(rf"(?i:according\s+to)\s+(?P<spk>{_SOURCE})\s*,?\s*$"),
    re.compile(
        rf"(?P<spk>{_SOURCE})\s+(?:(?:has|had|was|were|also)\s+)?(?:{_SPEECH_VERBS})"
        rf"{_OBJECT}(?:\s+(?:that|as|on\s+\w+|in\s+a\s+statement))?\s*[,:]?\s*$"
    ),
    # "Lindqvist, who founded the firm with Jonas Ek, said in the memo:": the named
    # subject of a relative clause, not the last name inside it
    re.compile(
        rf"(?P<spk>{_NAME}),\s+(?:who|whose)\b[^:\"“”«»\n]{{3,150}},\s+"
        rf"(?:(?:has|had|also)\s+)?(?:{_SPEECH_VERBS})\b[^:\"“”«»\n]{{0,80}}[,:]?\s*$"
    ),
    # "The agency's director, Karin Aalto, said:": a name that closes an apposition
    re.compile(
        rf",\s+(?P<spk>{_NAME}),\s+(?:(?:has|had|also)\s+)?(?:{_SPEECH_VERBS})\b"
        r"[^:\"“”«»\n]{0,80}[,:]?\s*$"
    ),
)
# Fallback for a quoted fragment inside reported speech: "X said the risk was 'low'".
_SAID_BEFORE = re.compile(
    rf"(?P<spk>{_SOURCE})\s+(?:(?:has|had|also)\s+)?(?:said|says|told|added|stated|warned)\b"
)


class QuoteAttributor(Protocol):
    """Finds the speaker of each quote; swap in a model-based one through ``extract_quotes``."""

    def attribute(self, doc: Document, quotes: list[Quote]) -> list[Quote]:
        """Return the quotes with ``speaker`` and attribution fields filled where found."""
        ...


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """How a quote of B relates to the best-matching quote of A."""

    b: Quote
    a: Quote | None
    relation: str  # "same", "trimmed", "altered", "fabricated"
    score: float


def quote_words(text: str) -> list[str]:
    """The folded words of a quotation, for comparing wording (British and American
    spellings of a word are one word: "programme" = "program", "labour" = "labor"; a
    figure restyled is one figure: "27%" = "27 per cent" = "27 percent", "twelve" = "a
    dozen" = "12")."""
    return list(_quote_words(text))


def quote_breaks(text: str) -> frozenset[int]:
    """Where a quotation's clauses meet: the indices ``k`` into ``quote_words(text)``
    whose word follows a comma, semicolon, colon, dash or sentence end."""
    return _quote_words_breaks(text)[1]


def quote_sentence_starts(text: str) -> frozenset[int]:
    """Where a quotation's sentences start: the indices ``k`` into ``quote_words(text)``
    whose word follows a sentence end (a subset of ``quote_breaks``)."""
    return _quote_words_breaks(text)[2]


def _quote_words(text: str) -> tuple[str, ...]:
    return _quote_words_breaks(text)[0]


@lru_cache(maxsize=16384)
def _quote_words_breaks(
    text: str,
) -> tuple[tuple[str, ...], frozenset[int], frozenset[int]]:
    text = _PERCENT_SIGN.sub(" percent", _PER_CENT.sub("percent", text))
    found = list(_WORD.finditer(text))
    words = [_spelling(fold(m.group())) for m in found]
    out: list[str] = []
    breaks: set[int] = set()
    starts: set[int] = set()
    for k, w in enumerate(words):
        if w == "a" and k + 1 < len(words) and words[k + 1] == "dozen":
            continue  # "a dozen" is one figure, 12
        if w in NUMBER_WORDS and w not in _NOT_FIGURES:
            w = str(NUMBER_WORDS[w])
        if k and _CLAUSE_GAP.search(text, found[k - 1].end(), found[k].start()):
            breaks.add(len(out))
            if _SENTENCE_GAP.search(text, found[k - 1].end(), found[k].start()):
                starts.add(len(out))
        out.append(w)
    return tuple(out), frozenset(breaks), frozenset(starts)


_CLAUSE_GAP = re.compile(r"[,;:.!?\u2013\u2014]")
_SENTENCE_GAP = re.compile(r"[.!?]")


_PERCENT_SIGN = re.compile(r"(?<=\d)\s?%")
_PER_CENT = re.compile(r"\bper[ \u00a0]cent\b", re.IGNORECASE)
#: Number words read as words in quotes: "one" is as often a pronoun, the plurals are
#: vague amounts ("hundreds of").
_NOT_FIGURES = frozenset({"one", "dozens", "hundreds", "thousands"})


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


_SPELLING = (
    (re.compile(r"gramme$"), "gram"),
    (re.compile(r"(?<=[a-z]{3})our(s|ed|ing)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{3})tre(s)?$"), r"ter\1"),
    (re.compile(r"(?<=[a-z]{3}[aeiou])ll(ed|ing|er)$"), r"l\1"),
    (re.compile(r"(?<=[a-z]{3})ogue$"), "og"),
)


@lru_cache(maxsize=65536)
def _spelling(word: str) -> str:
    """One key for British and American spellings of a word (applied to both sides)."""
    if len(word) < 6:
        return word
    for rx, repl in _SPELLING:
        word = rx.sub(repl, word)
    return word


def quote_relation(
    original: list[str],
    other: list[str],
    breaks: frozenset[int] = frozenset(),
    starts: frozenset[int] = frozenset(),
) -> tuple[str, float]:
    """How the words of one quotation relate to an original's: ``("same", 1.0)``,
    ``("trimmed", score)`` (a contiguous part of at least three words, or the original
    with whole clauses cut, or the end or opening of one of its sentences: ``breaks``
    are the original's clause edges, from ``quote_breaks``, ``starts`` its sentence
    starts, from ``quote_sentence_starts``), ``("altered", score)`` (word-level
    similarity at least 0.6) or ``("unrelated", 0.0)``."""
    if not original or not other:
        return "unrelated", 0.0
    if original == other:
        return "same", 1.0
    if len(other) < len(original) and len(other) >= 3 and contiguous(other, original):
        return "trimmed", 0.9 + 0.05 * len(other) / len(original)
    if len(other) < 3 and len(original) <= 3 * len(other) + 3 and _at_an_end(original, other):
        # a quoted fragment of a word or two that opens or closes a short quoted phrase
        # ("was “realistic but not guaranteed”" -> "was “realistic”"): its qualifier cut
        return "trimmed", 0.85 + 0.05 * len(other) / len(original)
    if len(other) >= 3 and _cut_from(original, other, breaks, starts):
        return "trimmed", 0.85 + 0.05 * len(other) / len(original)
    score = Indel.normalized_similarity(original, other)
    if score >= 0.6 and len(other) > 2:
        return "altered", score
    if breaks and len(other) > 3:
        part = _best_part(original, other, breaks)
        if part >= 0.75:
            # B quotes one stretch of A's quotation and changes it ("some towns could
            # run dry by October. We would rather …" -> "towns will run dry by October")
            return "altered", 0.6 + 0.1 * part
    return "unrelated", 0.0


def _at_an_end(original: list[str], other: list[str]) -> bool:
    """Whether ``other`` (shorter) is the opening or the closing words of ``original``."""
    n = len(other)
    return n < len(original) and (original[:n] == other or original[-n:] == other)


def _best_part(original: list[str], other: list[str], breaks: frozenset[int]) -> float:
    """The best word-level similarity of ``other`` to a stretch of ``original`` between
    two of its clause edges, over stretches of about ``other``'s length."""
    edges = sorted({0, len(original), *breaks})
    best = 0.0
    for x, lo in enumerate(edges):
        for hi in edges[x + 1 :]:
            if hi - lo > 1.5 * len(other):
                break
            if hi - lo >= 0.7 * len(other):
                best = max(best, Indel.normalized_similarity(original[lo:hi], other))
    return best


#: Determiners a cut quote may change where the cut joins ("a budget that was never
#: realistic" -> "this budget"): the only words a trimmed quote may add.
_JOINING_WORDS = frozenset("a an the this that these those its their".split())


def _cut_from(
    original: list[str],
    other: list[str],
    breaks: frozenset[int],
    starts: frozenset[int] = frozenset(),
) -> bool:
    """Whether ``other`` is ``original`` with whole parts cut and no word changed: at
    least three words cut in all, each cut at an end of the quotation or a whole clause
    between two of ``breaks`` ("strong, but he is not unbeatable. The Tour" -> "strong.
    The Tour"; a cut inside a clause, "care for elderly residents" -> "care", changes the
    clause: altered), and one determiner at most changed where a cut joins ("on a budget
    that was never realistic" -> "on this budget")."""
    n = len(original)
    cut, swapped = 0, 0
    ops = list(Indel.opcodes(original, other))
    k = 0
    while k < len(ops):
        op = ops[k]
        if op.tag == "equal":
            k += 1
            continue
        lo, hi, jlo, jhi = op.src_start, op.src_end, op.dest_start, op.dest_end
        while k + 1 < len(ops) and ops[k + 1].tag != "equal":  # delete + insert: replace
            k += 1
            hi, jhi = max(hi, ops[k].src_end), max(jhi, ops[k].dest_end)
        k += 1
        changed = original[lo:hi] + other[jlo:jhi]
        if jhi > jlo:
            if hi - lo > 1 or jhi - jlo > 1 or not all(w in _JOINING_WORDS for w in changed):
                return False
            swapped += 1
            continue
        if not (
            lo == 0 or hi == n or (lo in breaks and hi in breaks) or lo in starts or hi in starts
        ):
            return False
        cut += hi - lo
    return cut >= 3 and swapped <= 1


def contiguous(small: list[str], big: list[str]) -> bool:
    """Whether ``small`` occurs as a contiguous run of words in ``big``."""
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def extract_quotes(doc: Document, attributor: QuoteAttributor | None = None) -> tuple[Quote, ...]:
    """Direct quotes of a document (inside its sentences), with speakers where found."""
    text = doc.text
    quotes: list[Quote] = []
    taken = 0  # where the last quote found ended: a quote over two sentences is one
    for sent in doc.sentences:
        # a ‘ ’ quote may run over the sentence ends its apostrophe-like marks do not
        # hold together ("‘People are exhausted. Paying criminals …’"): read to the
        # paragraph's end, keeping quotes that open in this sentence
        para = _PARAGRAPH.search(text, sent.start)
        limit = max(sent.end, para.start() if para else len(text))
        for m in _QUOTE_RE.finditer(text, max(sent.start, taken), limit):
            if m.start() >= sent.end:
                break
            if m.end() > sent.end and m.group("q") is None:
                continue  # other marks: the sentence splitter keeps their quotes whole
            taken = m.end()
            group = next(g for g in ("s", "c", "g", "l", "q") if m.group(g) is not None)
            start, end = m.start(group), m.end(group)
            inner = text[start:end]
            if not any(c.isalpha() for c in inner):
                continue
            lead = len(inner) - len(inner.lstrip(" ,.…"))
            trail = len(inner.rstrip(" ,.…"))
            quotes.append(
                Quote(
                    start=start + lead,
                    end=start + trail,
                    text=inner[lead:trail],
                    sentence=sent.index,
                )
            )
    quotes = _with_paragraph_runs(doc, quotes)
    return tuple((attributor or RuleBasedAttributor()).attribute(doc, quotes))


# A quote over several paragraphs: each paragraph opens with a quote mark, only the last
# one closes ("“P1\n\n“P2\n\n“P3.”"), the usual style of news copy.
_OPENERS = '“«„"'
_CLOSERS = {"“": "”", "«": "»", "„": "“", '"': '"'}
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


def _with_paragraph_runs(doc: Document, quotes: list[Quote]) -> list[Quote]:
    """The quotes, with each run of paragraphs that make one quotation as one Quote
    (the per-sentence quotes inside the run left out)."""
    text = doc.text
    starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(starts):
        p = starts[k]
        mark = text[p : p + 1]
        if not mark or mark not in _OPENERS:  # "" (a break that ends the text) is in any str
            k += 1
            continue
        close = _CLOSERS[mark]
        j = k
        while j < len(starts):
            q = starts[j]
            end = starts[j + 1] if j + 1 < len(starts) else len(text)
            body = text[q + 1 : end]
            if text[q : q + 1] != mark:
                j = -1
                break
            if close in body:  # the paragraph that closes the quotation
                break
            j += 1
        if j > k and j < len(starts):
            q = starts[j]
            close_at = text.index(close, q + 1)
            runs.append((p + 1, close_at))
            k = j + 1
        else:
            k += 1
    if not runs:
        return quotes
    kept = [q for q in quotes if not any(lo <= q.start < hi for lo, hi in runs)]
    for lo, hi in runs:
        inner = text[lo:hi]
        trail = len(inner.rstrip(" ,.…\n"))
        sentence = next((s.index for s in doc.sentences if s.start <= lo < s.end + 1), None)
        if sentence is None:
            continue
        kept.append(Quote(start=lo, end=lo + trail, text=inner[:trail], sentence=sentence))
    kept.sort(key=lambda q: q.start)
    return kept


class RuleBasedAttributor:
    """Speaker attribution by speech-verb patterns around the quote, pronouns resolved to
    the last named speaker (Quotebank-style patterns)."""

    def attribute(self, doc: Document, quotes: list[Quote]) -> list[Quote]:
        """Fill speaker, attribution and intermediary fields of each quote."""
        text = doc.text
        out: list[Quote] = []
        for q in quotes:
            sent = doc.sentences[q.sentence]
            s_end = sent.end
            if q.end > s_end:
                # a quotation over several sentences or paragraphs: its attribution
                # follows the closing mark, in the sentence where it closes
                s_end = next((s.end for s in doc.sentences if s.start <= q.end <= s.end), s_end)
            prev_start = doc.sentences[q.sentence - 1].start if q.sentence else 0
            found = self._find(text, sent.start, s_end, q, prev_start)
            speaker, speaker_span, attribution, attr_span, intermediary = found
            if (
                speaker is None
                and out
                and q.sentence - out[-1].sentence <= 1
                and not _HAS_SPEECH_VERB.search(_outside_quotes(text, sent.start, sent.end))
            ):
                # a second quote right after an attributed one, with no speech verb of its
                # own, continues it
                prev = out[-1]
                speaker, speaker_span = prev.speaker, prev.speaker_span
                attribution, attr_span = prev.attribution, prev.attribution_span
                intermediary = prev.intermediary
            if intermediary is None and attr_span is not None and attribution:
                outlet = _told_outlet(text, attribution, attr_span[1])
                if outlet is not None:
                    intermediary = outlet
            if speaker is not None and fold(speaker) in _PRONOUNS:
                speaker = _last_sayer(text, q.start, out) or speaker
            out.append(
                Quote(
                    start=q.start,
                    end=q.end,
                    text=q.text,
                    sentence=q.sentence,
                    speaker=speaker,
                    speaker_span=speaker_span,
                    attribution=attribution,
                    attribution_span=attr_span,
                    intermediary=intermediary,
                )
            )
        return out

    def _find(
        self, text: str, s_start: int, s_end: int, q: Quote, prev_start: int = 0
    ) -> tuple[str | None, Span | None, str | None, Span | None, str | None]:
        # the text after the closing mark, up to the next quote or the sentence end
        close = q.end
        # “ closes a „German“ quote and opens an English one
        closers = ' ,.…!?"”’»' + ("“" if "„" in text[max(0, q.start - 3) : q.start] else "")
        while close < s_end and text[close] in closers:
            close += 1
        after_end = min(
            (p for p in (text.find("“", close, s_end), text.find("„", close, s_end)) if p >= 0),
            default=s_end,
        )
        after = text[close:after_end]
        head = after[:160]
        lead = len(head) - len(head.lstrip(" ,:;—–-"))
        for rx, keys in _CHAINS:
            if any(k in head for k in keys):
                m = rx.match(head, lead)
                if m:
                    return self._chain(m, close)
        m = _AFTER.match(after)
        if m:
            group = next(g for g in ("spk3", "spk4", "spk1", "spk2") if m.group(g))
            spk = m.group(group)
            return (
                _strip_source(spk),
                (close + m.start(group), close + m.end(group)),
                m.group().strip(" ,:;—–-"),
                (close + m.start(), close + m.end()),
                intermediary(spk),
            )
        # a speaker after a dash on the quote's own line ("…risk.” —Tove Randal, director")
        dash = close
        while dash < len(text) and text[dash] in " \t":
            dash += 1
        m = _DASH_SAME_LINE.match(text, dash)
        if m:
            return self._simple(m, 0)
        # before the opening mark
        open_at = q.start
        while open_at > s_start and text[open_at - 1] in " \"“„«‘'":
            open_at -= 1
        before_start = max(s_start, open_at - 200)
        before = text[before_start:open_at]
        for rx, keys in _CHAINS:
            if any(k in before for k in keys):
                chain = list(rx.finditer(before))
                if chain:
                    return self._chain(chain[-1], before_start)
        for rx in _BEFORE:
            m = rx.search(before)
            if m:
                return self._simple(m, before_start)
        matches = list(_SAID_BEFORE.finditer(before))
        if matches:
            return self._simple(matches[-1], before_start)
        # introduced by a colon at the end of the previous paragraph ("He told the chamber:")
        if not text[s_start:open_at].strip():
            lead_end = len(text[:s_start].rstrip())
            if text[lead_end - 1 : lead_end] == ":":
                # the intro is the sentence that ends in the colon, not the one before it
                lead_start = max(prev_start, lead_end - 200)
                intro = text[lead_start:lead_end]
                for rx in (*_BEFORE, _COLON_INTRO):
                    m = rx.search(intro)
                    if m:
                        return self._simple(m, lead_start)
                subject = _colon_subject(intro)
                if subject:
                    lo, hi = subject
                    return (
                        _strip_source(intro[lo:hi]),
                        (lead_start + lo, lead_start + hi),
                        intro.strip(),
                        (lead_start + len(intro) - len(intro.lstrip()), lead_end),
                        intermediary(intro[lo:hi]),
                    )
        # a speaker after a dash on the line after the quote ("—Councillor Mariam Osei")
        line = _NEXT_LINE.match(text, s_end)
        m = _DASH_SPEAKER.match(text, line.end()) if line else None
        if m:
            return self._simple(m, 0)
        return None, None, None, None, None

    @staticmethod
    def _simple(
        m: re.Match[str], offset: int, group: str = "spk"
    ) -> tuple[str | None, Span | None, str | None, Span | None, str | None]:
        spk = m.group(group)
        return (
            _strip_source(spk),
            (offset + m.start(group), offset + m.end(group)),
            m.group().strip(" ,:;"),
            (offset + m.start(), offset + m.end()),
            intermediary(spk),
        )

    @staticmethod
    def _chain(
        m: re.Match[str], offset: int
    ) -> tuple[str | None, Span | None, str | None, Span | None, str | None]:
        spk = m.group("spk")
        src = m.group("src")
        return (
            _strip_source(spk),
            (offset + m.start("spk"), offset + m.end("spk")),
            m.group().strip(),
            (offset + m.start(), offset + m.end()),
            _strip_source(src) if intermediary(src) or fold(spk) not in _PRONOUNS else src,
        )


# "Chair Ilse Brandt wrote in a letter to members:" ending the paragraph before a quote.
_COLON_INTRO = re.compile(
    rf"(?P<spk>{_SOURCE})\s+(?:(?:has|had|also)\s+)?(?:{_SPEECH_VERBS})\b[^:\n]{{0,80}}:\s*$"
)
# "—Councillor Mariam Osei", "—Corby Vale manager Bruno Kessel" (a role before the name:
# the speaker is the name that closes the line or comes before its comma)
#: Verbs besides those of speech that introduce a statement after a colon ("set out its
#: concerns:", "voiced concern for patients:", "put it bluntly:"), in the past tense.
_INTRO_VERBS = (
    r"set\s+out|laid\s+out|spelled\s+out|spelt\s+out|summed\s+up|put|voiced|expressed"
    r"|outlined|gave|offered|responded|reacted|replied|spoke|struck|sounded|issued|made"
    r"|was|were|had|went|urged|appealed|pleaded|defended|welcomed|criticised|criticized"
)
_INTRO_VERB = re.compile(
    r"\s+(?:(?:also|then|later|again|separately|has|have|had)\s+)?"
    rf"(?:{_SPEECH_VERBS}|{_INTRO_VERBS}|[a-z]{{3,}}ed)\b"
)
_APPOSITION_SUBJECT = re.compile(rf"\s*(?:[\w’'.-]+\s+){{0,5}}[\w’'.-]+,\s+(?P<spk>{_NAME}),\s")


def _colon_subject(intro: str) -> Span | None:
    """Where the subject of a sentence that ends in a colon before a quotation is, whatever
    its verb ("A spokesman for the Patients' Voice charity set out its concerns:", "Mayor
    Ilse Dorn also praised the builders:"): the words before the first verb (a verb of
    saying, one of ``_INTRO_VERBS`` or a word in -ed) that read as a speaker
    (``_speaker_like``), ten words at most and no comma; or a name closing an apposition
    ("Its director, Jana Vesely, voiced …"). None when there is no such subject."""
    m = _APPOSITION_SUBJECT.match(intro)
    if m:
        return m.span("spk")
    lead = len(intro) - len(intro.lstrip())
    for v in _INTRO_VERB.finditer(intro, lead):
        subject = intro[lead : v.start()]
        if "," in subject or len(subject.split()) > 10:
            return None
        if subject and _speaker_like(subject):
            return lead, v.start()
    return None


def _speaker_like(phrase: str) -> bool:
    """Whether a sentence's subject can be a speaker: a pronoun, a name (a capitalised
    word other than a function word), or a word for a person or body ("spokesman", "police")."""
    words = phrase.split()
    if len(words) == 1 and fold(words[0]) in _PRONOUNS:
        return True
    if any(w[:1].isupper() and fold(w) not in STOPWORDS for w in words):
        return True
    return any(fold(w) in TITLES or fold(w) in GENERIC_SOURCES for w in words)


_DASH_SPEAKER = re.compile(
    rf"[—–-]+[ \t]*(?:[\w’'.&-]+[ \t]+){{0,6}}?(?P<spk>{_NAME})[ \t]*"
    r"(?:,[^\n]{0,60})?(?=\n|$)"
)
_NEXT_LINE = re.compile(r"[ \t]*\n\s*")
_DASH_SAME_LINE = re.compile(rf"[—–][ \t]*(?P<spk>{_NAME})[ \t]*(?:,[^\n]{{0,60}})?(?=\n|$)")
_HAS_SPEECH_VERB = re.compile(rf"\b(?:{_SPEECH_VERBS})\b")
_ANY_QUOTE = re.compile(r'"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|„[^„“”\n]*[“”]')


#: The outlet a speaker told, after "told": "she told the Selvik Post, a newspaper".
_TOLD_OUTLET = re.compile(
    r"\s+(?:the\s+)?(?P<name>(?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*)"
    r"(?P<desc>,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:newspaper|paper|daily|weekly|broadcaster|magazine|radio|station|channel|website))?"
)


def _told_outlet(text: str, attribution: str, end: int) -> str | None:
    """The news outlet an attribution's speaker told ("she told the Selvik Post, a
    newspaper", "he told Nordic Radio"): a relay of the quote, or None."""
    if not attribution.rstrip().endswith("told"):
        return None
    m = _TOLD_OUTLET.match(text, end)
    if m is None:
        return None
    if m.group("desc"):
        return m.group("name")
    return intermediary(m.group("name"))


def _outside_quotes(text: str, start: int, end: int) -> str:
    return _ANY_QUOTE.sub(" ", text[start:end])


_SAYER = re.compile(
    rf"(?P<a>{_NAME})\s*,?\s+(?:also\s+)?(?:{_SPEECH_VERBS})\b"
    # the name with an apposition or a relative clause before its verb:
    # "Vollan, who had asked for the recount, said he ..."
    rf"|(?P<c>{_NAME}),\s+[^,.;:\"“”«»\n]{{3,120}},\s+(?:also\s+)?(?:{_SPEECH_VERBS})\b"
    rf"|(?:quoted|cited|said|told|added)\s+(?P<b>{_NAME})"
)


#: A name that opens a sentence as its subject, an apposition allowed, before a verb in
#: the past ("Jonas Mirelle, leader of the small Farmers' Party, also welcomed").
_SUBJECT = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"’»]\s))(?P<d>{_NAME})(?:,\s+[^,.;:\"“”«»\n]{{3,80}},)?"
    r"\s+(?:also\s+)?[a-z]+ed\b",
    re.MULTILINE,
)


#: A full stop after a word of three letters or more (not "Dr." or "St.") and a space.
_SENTENCE_END = re.compile(r"(?<=[a-z]{3})\.\s+")


def _last_sayer(text: str, before: int, earlier: list[Quote]) -> str | None:
    """The most recent named speaker before ``before``: a name next to a speech verb, or
    the speaker of an earlier quote, whichever comes last (pronoun resolution)."""
    best: tuple[int, str] | None = None
    for m in _SAYER.finditer(text, max(0, before - 800), before):
        group = next(g for g in ("a", "b", "c") if m.group(g))
        # a name run over a sentence end ("Felix Hart. Hydrologist Priya Lund said"):
        # the name of the last sentence
        name = _SENTENCE_END.split(m.group(group))[-1]
        words = [w for w in name.split() if fold(w) not in TITLES]
        if words and fold(words[0]) not in _PRONOUNS:
            best = (m.start(group), " ".join(words))
    # the subject of a sentence in the quote's paragraph ("Prime Minister Dario Vennec
    # welcomed the outcome. “…,” he said."): named with any verb, not only one of speech
    para = max(text.rfind("\n", 0, before) + 1, before - 800)
    for m in _SUBJECT.finditer(text, para, before):
        words = [w for w in m.group("d").split() if fold(w) not in TITLES]
        if words and fold(words[0]) not in _PRONOUNS and (best is None or m.start("d") > best[0]):
            best = (m.start("d"), " ".join(words))
    for q in reversed(earlier):  # the latest attributed quote is enough
        if q.speaker_span and q.speaker and q.speaker_span[0] < before:
            if fold(q.speaker) in _PRONOUNS:
                continue
            if best is None or q.speaker_span[0] > best[0]:
                best = (q.speaker_span[0], q.speaker)
            break
    return best[1] if best else None


def _strip_source(phrase: str) -> str:
    words = phrase.strip(" .,;:").split()
    while words and fold(words[0]) in {"the", "a", "an", "his", "her", "their", "its"}:
        words = words[1:]
    return " ".join(words) if words else phrase


def intermediary(phrase: str) -> str | None:
    """The phrase without its determiner when it names a news outlet or agency (a relay
    of what others said: "the Vantry News Agency", "state television"), else None."""
    words = {fold(w) for w in phrase.split()}
    return _strip_source(phrase) if words & _INTERMEDIARY_WORDS else None


def same_speaker(x: str | None, y: str | None) -> bool | None:
    """Whether two speaker strings name the same person (None when either is unknown)."""
    if not x or not y:
        return None
    wx = {fold(w) for w in x.split()} - TITLES - _PRONOUNS
    wy = {fold(w) for w in y.split()} - TITLES - _PRONOUNS
    if not wx or not wy:
        return None
    return bool(wx & wy)
