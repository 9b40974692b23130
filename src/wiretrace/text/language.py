"""Which language a text is in: English by its function words, anything else by py3langid."""

from __future__ import annotations

import re
from functools import lru_cache

from wiretrace.errors import MissingDependencyError

# Function words that make up about a third of running English news text and rarely occur
# in other languages' text; a share over ``_ENGLISH_SHARE`` decides without a model.
_ENGLISH = frozenset(
    "the of and to in a is that for on was with as by at from it he she they said has had "
    "have were be are this which but not an its his her their will would who".split()
)
_ENGLISH_SHARE = 0.18
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in ("en", "fr", ...).

    English is recognised by the share of English function words among the first 400
    words (no model needed: most texts here are English); any other text is classified
    by py3langid (langid.py's model, Lui & Baldwin 2012) on its first 3,000 characters.
    A text with fewer than 20 words counts as English.

    Raises:
        MissingDependencyError: py3langid is not installed and the text is not English.
    """
    words = [w.lower() for w in _WORD.findall(text[:20_000])][:400]
    if len(words) < 20 or sum(w in _ENGLISH for w in words) / len(words) >= _ENGLISH_SHARE:
        return "en"
    return _langid(text[:3000])


@lru_cache(maxsize=256)
def _langid(sample: str) -> str:
    try:
        import py3langid
    except ImportError as exc:  # pragma: no cover - a pinned dependency
        raise MissingDependencyError("py3langid", "compare on texts not in English") from exc
    code: str = py3langid.classify(sample)[0]
    return code
