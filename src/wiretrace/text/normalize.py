"""One normalisation layer before any comparison, with every offset mapped back to the text as read.

What changes in the working text (``normalize``):

- mojibake (UTF-8 read as Windows-1252: "Ã…snebru", "â€œ") repaired word by word with ftfy's
  ``fix_encoding`` (only its encoding fixers run, only on words that show the byte pattern);
- HTML character references in plain text (``&#8217;``, ``&amp;``, ``&nbsp;``) decoded;
- CRLF and lone CR to LF; U+2028/U+2029/NEL to LF;
- BOM, soft hyphens, zero-width spaces and joiners, direction marks removed;
- no-break, thin and other Unicode spaces to a plain space; between digits ("310 000")
  such a space is a thousands separator and becomes a comma, as is a plain space between
  groups of three digits after a first group of one to three ("212 000 tonnes");
- Unicode NFKC where it is safe: full/half-width forms, ligatures ("ﬁ"), compatibility
  letters, and combining accents composed (NFC). Left alone: superscripts and subscripts
  ("km²"), fractions ("½"), circled and squared forms, and the ellipsis character.

Quote marks, apostrophes, dashes and ellipses are kept as written, so that quote extraction
still sees the original opening and closing marks; they are unified only in matching keys
(``matching_key``, and ``wiretrace.text.tokens.fold`` for words).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import ftfy

from wiretrace.model import Span

# UTF-8 lead bytes read as cp1252 (Â..ß for 2-byte sequences, à..ï for 3-byte ones) followed
# by continuation bytes read as cp1252 (0x80-0xBF: the cp1252 specials, C1 controls ftfy's
# sloppy codec keeps, and U+00A0-U+00BF).
_CONT = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(rf"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}")
#: A figure with plain spaces between groups of three digits ("212 000", "1 250 000"):
#: the first group of one to three digits, not after a digit, a point or a comma (so
#: "in 2019 200 people" and "3.5 000" are left alone).
#: (The first digit is matched before the look-behind: a pattern that opens with a digit
#: is scanned for three times faster.)
_THOUSANDS = r"\d(?<![\d.,]\d)\d{0,2}(?: \d{3})+(?![\d]|[.,]\d)"
_SPACED_THOUSANDS = re.compile(_THOUSANDS)
_SPECIAL_PLAIN = (
    r"(?P<sep>(?<=\d)[\u00a0\u2009\u202f\u2007](?=\d{3}(?!\d)))"
    r"|(?P<ent>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<cr>\r\n?)"
    r"|(?P<ch>[^\x00-\x7f])"
)
_SPECIAL = re.compile(_SPECIAL_PLAIN)
#: The same with spaced thousands, for the texts that have them (the extra branch would
#: slow the scan of every other text).
_SPECIAL_NUM = re.compile(rf"(?P<num>{_THOUSANDS})|{_SPECIAL_PLAIN}")
_REMOVED = frozenset("\ufeff\u00ad\u200b\u200c\u200d\u2060\u200e\u200f\u180e")
_LINE_BREAKS = frozenset("\u2028\u2029\u0085")
# NFKC decomposition tags that are safe to apply: they change typesetting, not meaning.
_SAFE_TAGS = frozenset({"<compat>", "<wide>", "<narrow>", "<noBreak>", "<font>"})
_KEEP = frozenset("…")  # the segmenter reads "…" as one terminator; matching keys unify it
#: ftfy's encoding fixers only (measured in benchmarks/README.md: the other fixers are not
#: needed here, and the whole-text ``fix_text`` costs ~20x more on clean text).
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)


@dataclass(frozen=True, slots=True)
class Normalized:
    """A working text and the map from its offsets to the text as read.

    ``starts[i]`` and ``ends[i]`` are the offsets in ``source`` of what became character
    ``i`` of ``text`` (one source character, an entity, a CRLF or a repaired word); both
    are None when the text did not change.
    """

    text: str
    source: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    @property
    def changed(self) -> bool:
        """Whether the working text differs from the text as read."""
        return self.starts is not None

    def span(self, span: Span) -> Span:
        """A ``[start, end)`` span of ``text`` as a span of ``source`` (an empty span
        stays empty; a span inside a repaired word widens to the whole word)."""
        if self.starts is None or self.ends is None:
            return span
        start, end = span
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.source)
            return (pos, pos)
        return (self.starts[start], self.ends[end - 1])


def normalize(text: str) -> Normalized:
    """The working text of ``text`` and its offset map (see the module docstring).

    Args:
        text: an article's text exactly as read (a str; any length).

    Returns:
        A ``Normalized``; when nothing needs changing (plain ASCII without ``&`` or CR,
        the common case) the same text and no map.

    Example:
        >>> n = normalize("Mum&#8217;s\u00a0recipe\r\n")
        >>> n.text, n.span((3, 5))
        ('Mum’s recipe\n', (3, 11))
    """
    spaced = _SPACED_THOUSANDS.search(text) is not None
    if text.isascii() and "&" not in text and "\r" not in text and not spaced:
        return Normalized(text, text)
    special = _SPECIAL_NUM if spaced else _SPECIAL
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for lo, hi, fixed, origins in _mojibake_lines(text):
        _emit(text, pos, lo, out, starts, ends, None, special)
        _emit(fixed, 0, len(fixed), out, starts, ends, origins, special)
        pos = hi
    _emit(text, pos, len(text), out, starts, ends, None, special)
    result = "".join(out)
    if result == text and len(starts) == len(text):
        return Normalized(text, text)
    return Normalized(result, text, tuple(starts), tuple(ends))


def _mojibake_lines(text: str) -> list[tuple[int, int, str, list[Span]]]:
    """(start, end, repaired, source span of each repaired character) for each line that
    shows the mojibake byte pattern and that ftfy repairs.

    ftfy repairs by encoding the line as (sloppy) Windows-1252, one byte per character,
    and decoding the bytes as UTF-8; so each repaired character comes from as many source
    characters as it has UTF-8 bytes. When that does not add up (a lossy sequence was
    replaced), characters are mapped in proportion.
    """
    out: list[tuple[int, int, str, list[Span]]] = []
    if not _MOJIBAKE.search(text):
        return out
    # ftfy decides on the whole text (one line alone, "Ã…snebru fish plant", is too little
    # evidence), then the same plan is applied line by line so that offsets stay local
    plan = [
        (step.action, step.parameter)
        for step in ftfy.fix_and_explain(text, _FTFY).explanation or []
    ]
    last_end = -1
    for m in _MOJIBAKE.finditer(text):
        if m.start() < last_end:
            continue
        lo = text.rfind("\n", 0, m.start()) + 1
        hi = text.find("\n", m.end())
        hi = len(text) if hi < 0 else hi
        last_end = hi
        line = text[lo:hi]
        try:
            fixed = ftfy.apply_plan(line, plan) if plan else line
        except UnicodeError:  # this line is not mojibake after all
            fixed = line
        if fixed == line:
            continue
        widths = [len(c.encode("utf-8", "surrogatepass")) for c in fixed]
        origins: list[Span] = []
        if sum(widths) == len(line):
            at = lo
            for w in widths:
                origins.append((at, at + w))
                at += w
        else:
            n, k = len(line), len(fixed)
            for i in range(k):
                s = lo + i * n // k
                origins.append((s, max(s + 1, lo + (i + 1) * n // k)))
        out.append((lo, hi, fixed, origins))
    return out


def _emit(
    text: str,
    lo: int,
    hi: int,
    out: list[str],
    starts: list[int],
    ends: list[int],
    origins: list[Span] | None,
    special: re.Pattern[str] = _SPECIAL,
) -> None:
    """Append the normalised form of ``text[lo:hi]``; each output character maps to its
    source character, or through ``origins`` (one source span per character of ``text``,
    for a repaired line). ``special`` finds what changes (``_SPECIAL_NUM`` where the text
    has spaced thousands)."""
    pos = lo
    for m in special.finditer(text, lo, hi):
        if m.start() > pos:
            _plain(pos, m.start(), out, text, starts, ends, origins)
        if origins is None:
            s, e = m.start(), m.end()
        else:
            s, e = origins[m.start()][0], origins[m.end() - 1][1]
        if m.lastgroup == "ent":
            decoded = html.unescape(m.group())
            if decoded == m.group():  # not a known entity: keep it as written
                _plain(m.start(), m.end(), out, text, starts, ends, origins)
            else:
                for ch in decoded:
                    _char(ch, s, e, out, starts, ends)
        elif m.lastgroup == "sep":  # "310 000" with a no-break or thin space: thousands
            out.append(",")
            starts.append(s)
            ends.append(e)
        elif m.lastgroup == "num":  # "212 000" with plain spaces: thousands separators
            for k in range(m.start(), m.end()):
                ks, ke = (k, k + 1) if origins is None else origins[k]
                out.append("," if text[k] == " " else text[k])
                starts.append(ks)
                ends.append(ke)
        elif m.lastgroup == "cr":
            out.append("\n")
            starts.append(s)
            ends.append(e)
        else:
            _char(m.group(), s, e, out, starts, ends)
        pos = m.end()
    if hi > pos:
        _plain(pos, hi, out, text, starts, ends, origins)


def _plain(
    lo: int,
    hi: int,
    out: list[str],
    text: str,
    starts: list[int],
    ends: list[int],
    origins: list[Span] | None,
) -> None:
    """Append ``text[lo:hi]`` unchanged, with its map."""
    out.append(text[lo:hi])
    if origins is None:
        starts.extend(range(lo, hi))
        ends.extend(range(lo + 1, hi + 1))
    else:
        starts.extend(o[0] for o in origins[lo:hi])
        ends.extend(o[1] for o in origins[lo:hi])


def _char(ch: str, s: int, e: int, out: list[str], starts: list[int], ends: list[int]) -> None:
    """Append one non-ASCII (or decoded) character in normalised form."""
    if unicodedata.combining(ch) and out and out[-1]:
        prev = out[-1][-1]
        composed = unicodedata.normalize("NFC", prev + ch)
        if len(composed) == 1:
            out[-1] = out[-1][:-1] + composed
            ends[-1] = e
            return
    for c in _char_form(ch):
        out.append(c)
        starts.append(s)
        ends.append(e)


@lru_cache(maxsize=4096)
def _char_form(ch: str) -> str:
    """What one character becomes in the working text ("" when it is removed)."""
    if ch in _REMOVED:
        return ""
    if ch in _LINE_BREAKS:
        return "\n"
    if ch in _KEEP:
        return ch
    if unicodedata.category(ch) == "Zs":
        return " "
    tag = unicodedata.decomposition(ch).split(" ", 1)[0]
    if tag in _SAFE_TAGS:
        return unicodedata.normalize("NFKC", ch)
    return ch


_MATCHING = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "‹": "'",
        "›": "'",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "…": "...",
    }
)


def matching_key(text: str) -> str:
    """``text`` with quote marks, apostrophes, dashes and ellipses unified and whitespace
    collapsed: for deciding that two texts say the same, never for extraction."""
    return " ".join(text.translate(_MATCHING).split())
