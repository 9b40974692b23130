"""Per-article features for story clustering: weighted term vector, names, numbers, MinHash."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import xxhash

from wiretrace.candidates.lsh import MinhashLSHIndex
from wiretrace.candidates.minhash import MinhashSignature, shingles
from wiretrace.clean.boilerplate import find_boilerplate, kept_regions
from wiretrace.config import CandidatesConfig, CleanConfig, StoriesConfig
from wiretrace.model import Article
from wiretrace.text.tokens import word_counts

_MASK63 = (1 << 63) - 1


@lru_cache(maxsize=1 << 18)
def term_key(term: str) -> int:
    """A 63-bit hash of a term (fits a signed SQLite integer)."""
    return xxhash.xxh3_64_intdigest(term.encode()) & _MASK63


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """What the clusterer needs of one article.

    Attributes:
        terms: Term key -> weight: sublinear term frequency of word stems, names and numbers
            (names and numbers weighted up), L2-normalised; idf is applied at comparison time
            so that early articles are not judged by an idf of a handful of documents.
        names: Keys of the distinct names and numbers (the lookup features).
        shingle_count: Distinct word shingles.
        signature: MinHash signature of the shingles.
        band_keys: One key per LSH band, distinct across bands.
        lead: For an untitled article, the start of its first kept line (a stand-in title
            of at most 100 characters); None when the article has a title.
    """

    terms: dict[int, float]
    names: tuple[int, ...]
    shingle_count: int
    signature: np.ndarray
    band_keys: tuple[int, ...]
    lead: str | None = None


class Featurizer:
    """Turns articles into ``ArticleFeatures`` under fixed candidate, story and cleaning
    settings. Boilerplate (related-link lists, trailing headline lists, bylines, photo
    credits...) is left out first: two unrelated articles of one site share their page
    furniture, and must not look like copies of each other."""

    def __init__(
        self,
        candidates: CandidatesConfig | None = None,
        stories: StoriesConfig | None = None,
        clean: CleanConfig | None = None,
    ) -> None:
        self.candidates = candidates or CandidatesConfig()
        self.stories = stories or StoriesConfig()
        self.clean_config = clean or CleanConfig()
        self._minhash = MinhashSignature(self.candidates)
        self._lsh = MinhashLSHIndex(self.candidates)

    def clean(self, text: str) -> str:
        """The text without its boilerplate lines."""
        regions = kept_regions(text, find_boilerplate(text, self.clean_config))
        return "\n".join(text[start:end] for start, end in regions)

    def shingles(self, text: str) -> np.ndarray:
        """The shingle hashes of the text's kept (non-boilerplate) part."""
        return shingles(self.clean(text), self.candidates.shingle_words)

    def __call__(self, article: Article) -> ArticleFeatures:
        """Features of one article (title and kept text)."""
        counts: Counter[str] = Counter()
        names: set[str] = set()
        body = self.clean(article.text)
        text = f"{article.title}\n{body}" if article.title else body
        for (folded, stemmed, content, capitalized, number), n in word_counts(text):
            if number:
                key = "#" + folded.replace(",", "")
                names.add(key)
            elif not content:
                continue
            elif capitalized:
                key = "@" + folded
                names.add(key)
                counts[stemmed] += n
            else:
                key = stemmed
            counts[key] += n
        boost = self.stories.entity_weight
        weights = {
            term_key(term): (1.0 + math.log(n)) * (boost if term[0] in "@#" else 1.0)
            for term, n in counts.items()
        }
        length = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        hashed = shingles(body, self.candidates.shingle_words)
        signature = self._minhash.signature(hashed)
        return ArticleFeatures(
            terms={k: w / length for k, w in weights.items()},
            names=tuple(sorted(term_key(n) for n in names)),
            shingle_count=len(hashed),
            signature=signature,
            band_keys=tuple(self._lsh.flat_band_keys(signature)),
            lead=None if article.title else _lead(body),
        )


def _lead(text: str, limit: int = 100) -> str | None:
    """The first non-empty line of ``text``, cut at a word to at most ``limit`` chars."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(line) <= limit:
        return line or None
    return line[: limit - 1].rsplit(" ", 1)[0] + "…"
