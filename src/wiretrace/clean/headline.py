"""The headline rule: which first line of a text is its headline (title), not body text."""

from __future__ import annotations

from wiretrace.model import Span

#: A headline is at most this long (characters, after trimming) and this many words.
MAX_HEADLINE_CHARS = 160
MAX_HEADLINE_WORDS = 24
_OPEN_ENDINGS = (".", ":", ";", ",", "-", "–", "—")


def headline(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """The span of the headline of ``text[start:end]``, or None when it has none.

    The rule (one place for the whole project; ingest uses it for titles too): the first
    non-blank line is the headline when it is short (at most ``MAX_HEADLINE_CHARS``
    characters and ``MAX_HEADLINE_WORDS`` words, at least two words), does not end with a
    closing period (nor with ":", ";", "," or a dash, which open what follows), and is
    followed by a blank line with more text after it. A text without such a line keeps
    its first sentence in the body.

    Args:
        text: the text (offsets refer to it).
        start, end: the region to look at (default: all of ``text``).

    Returns:
        The headline's ``[start, end)`` span, trimmed of surrounding whitespace.

    Example:
        >>> text = "Ferry runs aground, 14 hurt\\n\\nA ferry ran aground on Monday."
        >>> text[slice(*headline(text))]
        'Ferry runs aground, 14 hurt'
    """
    stop = len(text) if end is None else end
    pos = start
    while pos < stop and text[pos] in " \t\r\n":
        pos += 1
    if pos >= stop:
        return None
    line_end = text.find("\n", pos, stop)
    if line_end < 0:
        return None  # a single line: no body follows
    line = text[pos:line_end].rstrip()
    words = line.split()
    if (
        len(line) > MAX_HEADLINE_CHARS
        or not 2 <= len(words) <= MAX_HEADLINE_WORDS
        or line.endswith(_OPEN_ENDINGS)
    ):
        return None
    nxt = text.find("\n", line_end + 1, stop)
    following = text[line_end + 1 : stop if nxt < 0 else nxt]
    if following.strip():
        return None  # not followed by a blank line
    if not text[line_end:stop].strip():
        return None  # nothing after it
    return (pos, pos + len(line))


def headline_text(text: str) -> str | None:
    """The headline line of ``text`` (see ``headline``) as text, or None.

    Example:
        >>> headline_text("Ferry runs aground, 14 hurt\\n\\nA ferry ran aground on Monday.")
        'Ferry runs aground, 14 hurt'
    """
    span = headline(text)
    return text[span[0] : span[1]] if span else None
