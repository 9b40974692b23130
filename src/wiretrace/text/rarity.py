"""How rare a word is in the language (not only in one corpus), from the wordfreq tables."""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

#: A word's Zipf value is log10 of its frequency per billion words (wordfreq: "the" 7.7,
#: "earthquake" 4.2, "Hualien" 1.6, an unknown word 0), so 9 - zipf is -log10 of its
#: probability: an inverse document frequency measured on the whole language, the same
#: for a corpus of 100 articles as for one of a million. Words wordfreq does not know get
#: the ceiling; the floor keeps the commonest words from vanishing.
RARITY_CEILING = 9.0
RARITY_FLOOR = 1.0


@lru_cache(maxsize=1 << 18)
def language_idf(word: str, language: str = "en") -> float:
    """``9 - zipf(word)``, clipped to [``RARITY_FLOOR``, ``RARITY_CEILING``].

    Args:
        word: A folded word or a number ("hualien", "7.4"; wordfreq folds digits, so
            numbers are rated by their shape: "7" is common, "39,098.68" unknown).
        language: A wordfreq language code; the tables ship inside the wordfreq wheel
            (nothing is downloaded).

    Returns:
        The rarity in log10 units: 1.3 for "the", 3.0 for "said", 7.4 for "hualien",
        9.0 for a word wordfreq has never seen.

    Example:
        >>> round(language_idf("hualien"), 1), language_idf("zzqxv")
        (7.4, 9.0)
    """
    zipf = zipf_frequency(word, language)
    if zipf <= 0.0:
        return RARITY_CEILING
    return max(RARITY_FLOOR, RARITY_CEILING - zipf)
