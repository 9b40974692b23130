"""Boilerplate detection on lines: every removed span keeps its offsets and a reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wiretrace.clean.headline import headline
from wiretrace.config import CleanConfig
from wiretrace.model import BoilerplateReason, BoilerplateSpan, Span

_RELATED_HEADER = re.compile(
    r"^\s*(?:read\s+(?:also|more|next)|also\s+read|see\s+also|related(?:\s+(?:stories|"
    r"articles|news|coverage|content|links|reading))?|more\s+(?:from|on|stories|news)\b[^:]{0,60}"
    r"|recommended(?:\s+for\s+you)?|you\s+may\s+(?:also\s+)?like|trending(?:\s+now)?"
    r"|most\s+read|top\s+stories|latest\s+news|don't\s+miss|must\s+read)\s*[:：]?\s*(.*)$",
    re.IGNORECASE,
)
_LIST_MARKER = re.compile(r"^\s*(?:[-•*·▪►>]|\d{1,2}[.)])\s+")
_BYLINE = re.compile(
    r"^\s*(?i:by|written\s+by|reporting\s+by|story\s+by|words\s+by)\s+"
    r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|al|bin))*"
    r"(?:\s*[,|/–—-]\s*[^\n]{0,60})?\s*$",
)
_CREDIT_LINE = re.compile(
    r"^\s*[(\[]?\s*(?:reporting\s+by|additional\s+reporting|editing\s+by|compiled\s+by"
    r"|writing\s+by)\b",
    re.IGNORECASE,
)
# Sign-offs that credit a wire or agencies: "Nordpress contributed to this report.",
# "With agencies", "— Agencies", "(c) Nordpress 2026".
# Also "This report is based on reporting by Nordpress.", "Based on reports from
# agencies", "Coastal Times staff, with agencies", "Staff and agencies".
_SIGN_OFF = re.compile(
    r"^\s*(?:[—–-]\s*)?(?:(?:with|additional\s+reporting\s+from|source:?)\s+)?"
    r"(?:(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4}\s+contributed\s+to\s+this\s+"
    r"(?:report|story|article)|agencies|wires|[(]?(?:c|©)[)]?\s+[A-Z][\w&.'’ -]{1,40}"
    r"|(?:this\s+(?:report|story|article)\s+(?:is|was)\s+)?based\s+(?:on|in\s+part\s+on)\s+"
    r"(?:reporting|reports|material|information|dispatches)\s+(?:by|from)\s+[^\n]{1,80}?"
    r"|(?-i:(?:[A-Z][\w&.'’-]*\s+){0,4})staff(?:\s+writers?)?\s*,?\s+(?:and|with)\s+"
    r"(?:agencies|wires|(?-i:[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})))\.?\s*$",
    re.IGNORECASE,
)
# Editors' notes that aggregators add: "This is a breaking news story.", "This story has
# been updated.", "Editor's note: ...".
_EDITORS_NOTE = re.compile(
    r"^\s*[(\[]?\s*(?:this\s+is\s+a\s+(?:breaking(?:\s+news)?|developing)\s+(?:news\s+)?"
    r"(?:story|report)[^\n]{0,80}"
    r"|this\s+(?:story|article|report)\s+(?:has\s+been|was|will\s+be|is\s+being)\s+"
    r"(?:updated|corrected)[^\n]{0,80}"
    r"|this\s+(?:story|article)\s+is\s+developing[^\n]{0,40}"
    r"|editor(?:'|’)?s['’]?\s+note\b[^\n]{0,300}"
    r"|updated\s+(?:at|on)\b[^\n]{0,60})[.)\]]?\s*$",
    re.IGNORECASE,
)
_PHOTO = re.compile(
    r"^\s*[(\[]?\s*(?:photo|photograph|image|picture|pictured|file\s+photo|credit)s?\b"
    r"[^\n]{0,160}$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’-]{2,}(?:[ ,]+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\((?:[A-Za-z][\w .&-]{1,30})\))?\s*[-–—]+\s+",
)
# An outlet credit in place of a place name: "(Nordpress) -", "Nordpress —".
_CREDIT_DATELINE = re.compile(
    r"^\s*(?:\((?:[A-Z][\w .&'’-]{1,30})\)|[A-Z][A-Za-z&]{1,15})\s*[-–—]+\s+"
)
_SENTENCE_END = re.compile(r"[.!?;:,\"”’')\]]\s*$")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(_Line(pos, pos + len(body), body))
        pos += len(raw)
    return out


def _is_headline(line: _Line, cfg: CleanConfig) -> bool:
    s = line.text.strip()
    if not s or len(s) > cfg.max_headline_chars:
        return False
    marked = bool(_LIST_MARKER.match(s))
    if _SENTENCE_END.search(s) and not (marked and s.endswith(("?", "'", '"', "’", "”"))):
        return False
    words = s.split()
    return marked or len(words) >= 3


def _trim(line: _Line) -> Span:
    s = line.text
    left = len(s) - len(s.lstrip())
    right = len(s.rstrip())
    return (line.start + left, line.start + right)


def find_boilerplate(text: str, config: CleanConfig | None = None) -> tuple[BoilerplateSpan, ...]:
    """Find page furniture in an article's text.

    Returns spans (sorted, non-overlapping) of related-link blocks, trailing headline
    lists, a leading truncated title fragment, bylines, datelines and photo credits.
    Offsets point into ``text`` exactly as given.
    """
    cfg = config or CleanConfig()
    lines = _lines(text)
    found: list[tuple[Span, BoilerplateReason]] = []
    taken: set[int] = set()
    nonblank = [i for i, line in enumerate(lines) if not line.blank]
    if not nonblank:
        return ()

    def take(indices: list[int], reason: BoilerplateReason) -> None:
        first, last = _trim(lines[indices[0]]), _trim(lines[indices[-1]])
        found.append(((first[0], last[1]), reason))
        taken.update(indices)

    head = nonblank[:4]
    if cfg.title_fragment:
        first = lines[nonblank[0]]
        s = first.text.strip()
        if (
            s.startswith(("…", "..."))
            and len(s) <= cfg.max_headline_chars
            and not s.endswith((".", "!"))
        ):
            take([nonblank[0]], BoilerplateReason.TITLE_FRAGMENT)

    if cfg.bylines:
        for i in head:
            if i in taken:
                continue
            s = lines[i].text.strip()
            if len(s) <= cfg.max_headline_chars and _BYLINE.match(s) and len(s.split()) <= 12:
                take([i], BoilerplateReason.BYLINE)
        for i in nonblank:
            s = lines[i].text.strip()
            if i in taken or len(s) > 200:
                continue
            if _PHOTO.match(s) and (len(s.split()) <= 16) and not s.endswith("."):
                take([i], BoilerplateReason.PHOTO_CREDIT)
            elif (_CREDIT_LINE.match(s) or _SIGN_OFF.match(s)) and i in nonblank[-3:]:
                take([i], BoilerplateReason.BYLINE)
            elif len(s) <= 400 and _EDITORS_NOTE.match(s) and (i in head or i in nonblank[-3:]):
                take([i], BoilerplateReason.EDITORS_NOTE)

    if cfg.related_links:
        i = 0
        while i < len(lines):
            line = lines[i]
            m = _RELATED_HEADER.match(line.text) if not line.blank else None
            if m is None or i in taken or len(line.text.strip()) > cfg.max_headline_chars:
                i += 1
                continue
            rest = m.group(1).strip()
            has_colon = bool(re.search(r"[:：]", line.text))
            if rest and not has_colon:
                i += 1
                continue  # "Related talks broke down...": a sentence, not a header
            block = [i]
            j = i + 1
            while (
                j < len(lines)
                and not lines[j].blank
                and j not in taken
                and _is_headline(lines[j], cfg)
            ):
                block.append(j)
                j += 1
            if len(block) > 1 or (rest and len(rest.split()) >= 3) or (has_colon and not rest):
                take(block, BoilerplateReason.RELATED_LINKS)
            i = j

    if cfg.trailing_headlines:
        run: list[int] = []
        for i in reversed(nonblank):
            if i in taken:
                if run:
                    break
                continue
            if _is_headline(lines[i], cfg):
                run.append(i)
            else:
                break
        body_left = [i for i in nonblank if i not in taken and i not in run]
        if len(run) >= cfg.min_trailing_headlines and body_left:
            take(sorted(run), BoilerplateReason.TRAILING_HEADLINES)

    if cfg.bylines:
        body = [i for i in nonblank if i not in taken]
        if len(body) > 1 and headline(text, lines[body[0]].start) is not None:
            body = body[1:]  # the dateline opens the first paragraph after a headline
        if body:
            m = _DATELINE.match(lines[body[0]].text) or _CREDIT_DATELINE.match(lines[body[0]].text)
            if m and len(m.group()) <= 60:
                start = lines[body[0]].start
                prefix = m.group()
                left = len(prefix) - len(prefix.lstrip())
                found.append(
                    ((start + left, start + len(prefix.rstrip())), BoilerplateReason.DATELINE)
                )

    found.sort()
    out: list[BoilerplateSpan] = []
    for (lo, hi), reason in found:
        if out and lo < out[-1].end:
            continue  # never overlap: the first rule to claim a span keeps it
        out.append(BoilerplateSpan(start=lo, end=hi, reason=reason, text=text[lo:hi]))
    return tuple(out)


def kept_regions(text: str, boilerplate: tuple[BoilerplateSpan, ...]) -> list[Span]:
    """The spans of ``text`` that are not boilerplate, in order."""
    regions: list[Span] = []
    pos = 0
    for span in boilerplate:
        if span.start > pos:
            regions.append((pos, span.start))
        pos = max(pos, span.end)
    if pos < len(text):
        regions.append((pos, len(text)))
    return regions
