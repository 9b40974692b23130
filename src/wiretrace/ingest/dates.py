"""A publication time recovered from where an article came from, when the record has none:
the date in its URL ("/2025/03/31/", "/2025-03-31/", "/20250331/")."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

from wiretrace.model import Article

#: Year, month and day as path segments or one token: "/2025/03/31/", "/2025/3/31/",
#: "-2025-03-31-", "/20250331/" (a year from 1990 to 2099, then a valid month and day).
_URL_DATE = re.compile(
    r"(?<![0-9])((?:199|20[0-9])[0-9])([/_.-]?)(0[1-9]|1[0-2]|[1-9])\2(0[1-9]|[12][0-9]|3[01]|[1-9])(?![0-9])"
)


def date_in_url(url: str | None) -> datetime | None:
    """The first date in a URL's path (not its host), as midnight UTC, or None.

    Example:
        >>> date_in_url("https://example.org/news/2025/03/31/bridge-reopens")
        datetime.datetime(2025, 3, 31, 0, 0, tzinfo=datetime.timezone.utc)
        >>> date_in_url("https://example.org/article/491089") is None
        True
    """
    if not url:
        return None
    path = url.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else ""
    for m in _URL_DATE.finditer(path):
        year, sep, month, day = m.group(1), m.group(2), m.group(3), m.group(4)
        if not sep and (len(month) != 2 or len(day) != 2):
            continue  # "2025331" is ambiguous; an undelimited date has 8 digits
        try:
            return datetime(int(year), int(month), int(day), tzinfo=UTC)
        except ValueError:
            continue
    return None


def with_inferred_time(article: Article) -> Article:
    """The article with ``published`` taken from its URL when it has none, marked
    ``published_inferred``; unchanged otherwise."""
    if article.published is not None:
        return article
    when = date_in_url(article.url)
    if when is None:
        return article
    return replace(article, published=when, published_inferred=True)
