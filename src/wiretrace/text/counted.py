"""Counts in words with the right plural ("1 finding", "2 findings", "1 story")."""

from __future__ import annotations

_IRREGULAR = {"story": "stories", "copy": "copies", "entry": "entries", "is": "are"}


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun, singular for exactly one.

    Args:
        n: the count.
        singular: the noun for one ("finding", "story").
        plural: the noun for other counts; defaults to a known irregular form or
            ``singular + "s"``.

    Example:
        >>> counted(1, "finding"), counted(0, "story"), counted(3, "duplicate")
        ('1 finding', '0 stories', '3 duplicates')
    """
    if n == 1:
        return f"{n} {singular}"
    return f"{n} {plural or _IRREGULAR.get(singular, singular + 's')}"
