"""A fast rule-based sentence splitter: abbreviations, initials, quotes, paragraphs.

Rules: a sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets, a
closing guillemet also after a space: "… them. »")
followed by whitespace and a capital, digit or opening quote; never inside an open
quotation; never after a known abbreviation or an initial, except an abbreviation that
can end a sentence ("U.S.", "Inc.", "a.m.") followed by a capitalised sentence start.
Blank lines always end a
sentence; single newlines do too unless the text is hard-wrapped prose.
"""

from __future__ import annotations

import re

from wiretrace.config import SegmentConfig
from wiretrace.model import Sentence, Span

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen sen rep gov lt col sgt capt cmdr adm maj st jr sr inc corp co ltd
    llc plc no nos vs etc fig al approx dept est govt univ ave blvd rd mt ft jan feb mar apr
    jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun u.s u.k
    u.n e.g i.e a.m p.m rev hon pres supt det insp
    """.split()
)
# Abbreviations that can end a sentence ("assembled in the U.S. Corvane will..."), unlike
# titles and "No." that always precede what they abbreviate.
_FINAL_ABBREVIATIONS = frozenset("u.s u.k u.n inc corp co ltd llc plc etc a.m p.m jr sr".split())
# Words that open a sentence, never continue a name (after "U.S." or "Inc.").
_SENTENCE_STARTERS = frozenset(
    """
    a an the this that these those it its he she they we i you his her their our there
    but and or so yet however meanwhile also in on at for from by with after before as
    if when while although though since because during until what who why how where
    some many most several all no none one two three four five six seven eight nine ten
    """.split()
)
# Finite verbs and auxiliaries that show a new clause after a capitalised word
# ("Corvane will also train"); "said" is left out: "the U.S. Navy said" is one sentence.
_CLAUSE_VERBS = frozenset(
    """
    will would can could may might must shall should has have had is are was were did
    does do also plans expects wants believe believes believed think thinks thought won
    lost took became began
    """.split()
)
# What may follow a clock time's "a.m."/"p.m." in the same sentence: a day, a month or a
# time zone ("at 3 a.m. Monday", "9 p.m. GMT"); any other capitalised word opens one.
_AFTER_TIME = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec gmt utc cet cest bst est edt pst pdt local eastern central pacific
    mountain
    """.split()
)
# Heads of names that follow "U.S."/"U.K." ("the U.S. Navy's former base").
_NAME_HEADS = frozenset(
    """
    navy army air senate congress embassy department treasury court government coast
    marine marines forces census attorney open dollar dollars house state military
    president secretary ambassador officials official authorities
    """.split()
)
_NEXT_WORDS = re.compile(r"([A-Za-z][\w'’-]*)(?:\s+([A-Za-z][\w'’-]*))?(?:\s+([A-Za-z][\w'’-]*))?")
_EVENT = re.compile(
    r"(?P<q>[\"“”«»„])"
    r"|(?P<end>[.!?…]+)(?P<close>(?:[\"”“’'»)\]]|[ \u00a0\u202f]»)*)(?=\s|$)"
    r"|(?P<para>\n[ \t\r]*\n)"
    r"|(?P<nl>\n)"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def is_hard_wrapped(text: str) -> bool:
    """True when lines look wrapped at a fixed width inside sentences (e.g. PAN files)."""
    lines = [ln for ln in text[:200_000].split("\n") if ln.strip()]
    if len(lines) < 8:
        return False
    open_ended = sum(1 for ln in lines if not ln.rstrip().endswith((".", "!", "?", ":", '"', "”")))
    long_lines = sum(1 for ln in lines if 40 <= len(ln) <= 120)
    return open_ended / len(lines) > 0.5 and long_lines / len(lines) > 0.6


def split_sentences(
    text: str, regions: list[Span] | None = None, config: SegmentConfig | None = None
) -> tuple[Sentence, ...]:
    """Split the given regions of ``text`` (default: all of it) into sentences.

    Returns:
        Sentences in text order, spans trimmed of surrounding whitespace, numbered from 0.
    """
    cfg = config or SegmentConfig()
    mode = cfg.newline_boundary
    if mode == "auto":
        mode = "never" if is_hard_wrapped(text) else "lines"
    spans: list[Span] = []
    for start, end in regions if regions is not None else [(0, len(text))]:
        spans.extend(_split_region(text, start, end, mode, cfg.max_quote_chars))
    out: list[Sentence] = []
    for s, e in spans:
        out.extend(_bounded(text, s, e, len(out), cfg.max_sentence_chars))
    if cfg.min_sentence_chars:
        return _joined(text, out, cfg.min_sentence_chars, cfg.max_sentence_chars)
    return tuple(out)


def _joined(text: str, sentences: list[Sentence], low: int, high: int) -> tuple[Sentence, ...]:
    """Join each sentence shorter than ``low`` with the next while the unit stays within
    ``high``: lines of a list or a table become units comparable to sentences."""
    spans: list[Span] = []
    for s in sentences:
        if spans and spans[-1][1] - spans[-1][0] < low and s.end - spans[-1][0] <= high:
            spans[-1] = (spans[-1][0], s.end)
        else:
            spans.append((s.start, s.end))
    return tuple(
        Sentence(index=i, start=s, end=e, text=text[s:e]) for i, (s, e) in enumerate(spans)
    )


def _bounded(text: str, start: int, end: int, first_index: int, limit: int) -> list[Sentence]:
    """Trim a span and cut run-on text (no punctuation for pages) into bounded pieces."""
    pieces: list[Span] = []
    while end - start > limit:
        # cut near the middle of what is left, so that pieces come out of similar size
        pieces_left = -(-(end - start) // limit)
        target = start + (end - start) // pieces_left
        cut = text.rfind(" ", start, target + 1)
        if cut <= start:
            cut = start + limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    out: list[Sentence] = []
    for s, e in pieces:
        chunk = text[s:e]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right <= left or not any(c.isalnum() for c in chunk):
            continue
        out.append(
            Sentence(
                index=first_index + len(out), start=s + left, end=s + right, text=chunk[left:right]
            )
        )
    return out


def _split_region(text: str, start: int, end: int, mode: str, max_quote: int) -> list[Span]:
    """Sentence spans of one region; ``mode`` says what a single newline does."""
    spans: list[Span] = []
    sent_start = start
    quote_open: int | None = None  # offset where the open quotation started

    def cut(at: int) -> None:
        nonlocal sent_start, quote_open
        if at > sent_start:
            spans.append((sent_start, at))
        sent_start = at
        quote_open = None

    for m in _EVENT.finditer(text, start, end):
        if quote_open is not None and m.start() - quote_open > max_quote:
            quote_open = None  # unbalanced quotation mark: stop honouring it
        kind = m.lastgroup
        if kind == "q":
            ch = m.group()
            if ch == "“" and quote_open is not None and text[quote_open] == "„":
                quote_open = None  # “ closes a „German“ quotation
            elif ch in "“«„":
                quote_open = m.start()
            elif ch in "”»":
                quote_open = None
            else:  # a straight quote toggles
                quote_open = None if quote_open is not None else m.start()
        elif kind == "para":
            cut(m.start())
        elif kind == "nl":
            if mode == "always" or (
                mode == "lines" and _line_ends_sentence(text, m.start(), m.end(), end)
            ):
                cut(m.start())
        else:  # a sentence terminator
            closes = m.group("close") or ""
            if quote_open is not None:
                german = text[quote_open] == "„"
                if not any(c in closes for c in '"”»' + ("“" if german else "")):
                    continue  # still inside a quotation: no split
                quote_open = None
            if _is_boundary(text, m.start(), m.end(), end):
                cut(m.end())
    cut(end)
    return spans


def _line_ends_sentence(text: str, nl_start: int, nl_end: int, limit: int) -> bool:
    """A single newline ends the sentence unless the next line continues it."""
    nxt = nl_end
    while nxt < limit and text[nxt] in " \t\r":
        nxt += 1
    if nxt >= limit:
        return True
    return not text[nxt].islower()


def _starts_sentence(text: str, at: int, limit: int) -> bool:
    """Whether the words at ``at`` open a new sentence after an abbreviation that can end
    one: a capitalised sentence opener ("The", "It"), or a capitalised word (not the head of
    a name like "Navy") followed by a finite verb ("Corvane will")."""
    m = _NEXT_WORDS.match(text, at, limit)
    if m is None or not m.group(1)[0].isupper():
        return False
    first = m.group(1).lower()
    if first in _SENTENCE_STARTERS:
        return True
    if first.rstrip("'’s") in _NAME_HEADS or first in _NAME_HEADS:
        return False
    following = [w for w in m.groups()[1:] if w]
    for word in following:
        if word[0].isupper():
            continue
        return word.lower() in _CLAUSE_VERBS
    return False


def _is_boundary(text: str, term_start: int, term_end: int, limit: int) -> bool:
    nxt = term_end
    while nxt < limit and text[nxt] in " \t\r\n":
        nxt += 1
    if nxt >= limit:
        return True
    follower = text[nxt]
    if follower.islower() or follower in ",;:":
        return False
    if text[term_start] == "." and term_end - term_start == 1:
        m = _WORD_BEFORE.search(text, max(0, term_start - 20), term_start)
        if m:
            word = m.group(1)
            low = word.lower()
            if low in _ABBREVIATIONS or low.rstrip(".") in _ABBREVIATIONS:
                if "\n" in text[term_end:nxt]:
                    return True
                key = low.rstrip(".")
                if key in ("a.m", "p.m"):
                    m = _NEXT_WORDS.match(text, nxt, limit)
                    return (
                        m is not None
                        and m.group(1)[0].isupper()
                        and (m.group(1).lower() not in _AFTER_TIME)
                    )
                return key in _FINAL_ABBREVIATIONS and _starts_sentence(text, nxt, limit)
            if len(word) == 1 and word.isupper():
                return False  # an initial: "J. Smith"
    return True
