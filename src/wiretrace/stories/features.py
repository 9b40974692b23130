"""Per-article features for story clustering: weighted term vector, names, numbers, MinHash."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import xxhash

from wiretrace.candidates.lsh import MinhashLSHIndex
from wiretrace.candidates.minhash import MinhashSignature, shingles
from wiretrace.clean.boilerplate import find_boilerplate, kept_regions
from wiretrace.clean.headline import headline_text
from wiretrace.config import CandidatesConfig, CleanConfig, StoriesConfig
from wiretrace.model import Article
from wiretrace.stories.rule import figure_key
from wiretrace.stories.when import as_utc, date_mentions, resolve_days
from wiretrace.text.lexicon import SCALE_WORDS, STOPWORDS, canonical_unit
from wiretrace.text.rarity import RARITY_CEILING, language_idf
from wiretrace.text.tokens import first_words, fold, stem, word_counts

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
            times the word's rarity in the language (``language_idf``: the same for the
            first article as for the millionth), names and numbers weighted up,
            L2-normalised.
        names: Keys of the distinct names and numbers (the lookup features), rarest in
            the language first.
        shingle_count: Distinct word shingles.
        signature: MinHash signature of the shingles.
        band_keys: One key per LSH band, distinct across bands.
        lead: For an untitled article, the headline of its kept text, else the start of
            its first kept line (a stand-in title of at most 100 characters); None when
            the article has a title.
        event_day: The first day its text names (``stories.when.resolve_days``, against
            the publication time when known), or None.
        event_monthday: (month, day) of the first month-day its text names, even
            without a year ("January 1"), or None.
        event_monthdays: Every distinct month-day its text names, in text order (the
            first is not always the event's: "sentencing is set for July 11").
        figures: Keys of its figures with their units ("7.4 magnitude": ``rule.figure_key``,
            the unit's tag above the value) and of the days it names: what tells one
            event from a look-alike on another day.
    """

    terms: dict[int, float]
    names: tuple[int, ...]
    shingle_count: int
    signature: np.ndarray
    band_keys: tuple[int, ...]
    lead: str | None = None
    event_day: date | None = None
    event_monthday: tuple[int, int] | None = None
    event_monthdays: tuple[tuple[int, int], ...] = ()
    figures: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class _Extract:
    body: str
    counts: Counter[str]
    rarity: dict[str, float]
    names: set[str]
    figures: set[str]
    #: figure ("#7.4|magnitud") -> its key (``rule.figure_key``)
    figure_keys: dict[str, int]
    days: list[date]
    monthdays: tuple[tuple[int, int], ...]


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
        #: the last few texts cleaned and articles read (a story page asks for the
        #: shingles, features, markers and surfaces of each member in turn); emptied
        #: whole when full, so that threads sharing a featurizer never race on it
        self._cleaned: dict[str, str] = {}
        self._extracted: dict[int, tuple[Article, _Extract]] = {}

    def clean(self, text: str) -> str:
        """The text without its boilerplate lines."""
        kept = self._cleaned.get(text)
        if kept is None:
            regions = kept_regions(text, find_boilerplate(text, self.clean_config))
            kept = "\n".join(text[start:end] for start, end in regions)
            if len(self._cleaned) >= _KEPT:
                self._cleaned = {}
            self._cleaned[text] = kept
        return kept

    def story_title(self, article: Article) -> str | None:
        """The title a story takes from this article (as the clusterer gives it): its
        own title, else its lead (the headline of its kept text, else the start of its
        first kept line; see ``ArticleFeatures.lead``)."""
        return article.title or _lead(self.clean(article.text))

    def shingles(self, text: str) -> np.ndarray:
        """The shingle hashes of the text's kept (non-boilerplate) part."""
        return shingles(self.clean(text), self.candidates.shingle_words)

    def _extract(self, article: Article) -> _Extract:
        """Counted terms, their rarity, the lookup names, figures and named days (kept
        for the last few Article objects)."""
        kept = self._extracted.get(id(article))
        if kept is not None and kept[0] is article:
            return kept[1]
        found = self._read(article)
        if len(self._extracted) >= _KEPT:
            self._extracted = {}
        self._extracted[id(article)] = (article, found)  # the article is held: ids stay unique
        return found

    def _read(self, article: Article) -> _Extract:
        """What ``_extract`` returns, computed."""
        counts: Counter[str] = Counter()
        rarity: dict[str, float] = {}
        names: set[str] = set()
        body = self.clean(article.text)
        text = f"{article.title}\n{body}" if article.title else body
        for (folded, stemmed, content, capitalized, is_number), n in word_counts(text):
            idf = language_idf(folded)
            if is_number:
                key = "#" + folded.replace(",", "")
                names.add(key)
            elif not content:
                continue
            elif capitalized:
                key = "@" + folded
                names.add(key)
                counts[stemmed] += n
                rarity[stemmed] = max(rarity.get(stemmed, 0.0), idf)
            else:
                key = stemmed
            counts[key] += n
            rarity[key] = max(rarity.get(key, 0.0), idf)
        figures: set[str] = set()
        figure_keys: dict[str, int] = {}
        for value, unit, _ in _figures(text):  # "7.4 magnitude", "593 billion"
            key = f"#{value:.10g}|{unit}"
            names.add(key)
            figures.add(key)
            figure_keys[key] = figure_key(unit, value)
            counts[key] += 1
            rarity[key] = RARITY_CEILING
        dates = date_mentions(text)
        days = resolve_days(text, dates, as_utc(article.published))
        for day in dict.fromkeys(days):
            key = f"~{day.isoformat()}"
            names.add(key)
            figures.add(key)
            counts[key] += 1
            rarity[key] = RARITY_CEILING
        monthdays = tuple(
            dict.fromkeys(
                (int(m.value[0]), int(m.value[1])) for m in dates if m.field == "monthday"
            )
        )
        return _Extract(body, counts, rarity, names, figures, figure_keys, days, monthdays)

    def markers(self, article: Article) -> dict[str, float]:
        """The article's names ("@noto"), figures with units ("#7.4|magnitud") and named
        days ("~2024-01-01"), each with its rarity in the language: what membership
        evidence shows."""
        ex = self._extract(article)
        return {n: ex.rarity.get(n, RARITY_CEILING) for n in ex.names if n[0] != "#" or "|" in n}

    def surfaces(self, article: Article) -> dict[str, str]:
        """Marker (as ``markers`` gives it) -> the words as the article writes them
        ("@noto" -> "Noto", "#7.4|magnitud" -> "7.4-magnitude"): what reports show,
        never a stem. Markers of days are ISO dates already and are left out."""
        body = self.clean(article.text)
        text = f"{article.title}\n{body}" if article.title else body
        out: dict[str, str] = {}
        # distinct words in first-occurrence order: the first token of each marker, as
        # a pass over every token gives it
        for raw, (norm, _, content, capitalized, number) in first_words(text):
            if number:
                out.setdefault("#" + norm.replace(",", ""), raw)
            elif capitalized and content:  # "Brannock's": the name is "Brannock"
                out.setdefault("@" + norm, _POSSESSIVE.sub("", raw))
        for value, unit, written in _figures(text):
            out.setdefault(f"#{value:.10g}|{unit}", written)
        return out

    def terms(self, article: Article) -> dict[int, float]:
        """``self(article).terms`` alone (no shingles, signature or band keys): what
        membership evidence reads."""
        weights = self._weights(self._extract(article))
        length = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {k: w / length for k, w in weights.items()}

    def _weights(self, ex: _Extract) -> dict[int, float]:
        """Each term's weight (hashed key -> log count times rarity, names, figures and
        days boosted), before normalising."""
        boost = self.stories.entity_weight
        rarity = ex.rarity
        return {
            _key(ex, term): (1.0 + math.log(n))
            * rarity[term]
            * (boost if term[0] in "@#~" else 1.0)
            for term, n in ex.counts.items()
        }

    def __call__(self, article: Article) -> ArticleFeatures:
        """Features of one article (title and kept text)."""
        ex = self._extract(article)
        rarity, names, figures, days, body = (
            ex.rarity,
            ex.names,
            ex.figures,
            ex.days,
            ex.body,
        )

        def key(term: str) -> int:
            return _key(ex, term)

        weights = self._weights(ex)
        length = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        hashed = shingles(body, self.candidates.shingle_words)
        signature = self._minhash.signature(hashed)
        return ArticleFeatures(
            terms={k: w / length for k, w in weights.items()},
            names=tuple(key(n) for n in sorted(names, key=lambda n: (-rarity.get(n, 0.0), n))),
            shingle_count=len(hashed),
            signature=signature,
            band_keys=tuple(self._lsh.flat_band_keys(signature)),
            lead=None if article.title else _lead(body),
            event_day=days[0] if days else None,
            figures=tuple(sorted(key(f) for f in figures)),
            event_monthday=ex.monthdays[0] if ex.monthdays else None,
            event_monthdays=ex.monthdays,
        )


def _key(ex: _Extract, term: str) -> int:
    """The hashed key of a term of ``ex`` (a figure's from its unit and value)."""
    found = ex.figure_keys.get(term)
    return term_key(term) if found is None else found


#: Texts and articles a Featurizer keeps its cleaning and extraction for.
_KEPT = 64
_POSSESSIVE = re.compile(r"['’]s$")
_FIGURE_RE = re.compile(
    r"(?<![\w.,:])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(%?)(?![\w:])"
    r"(?:[\s-]+([A-Za-z]+))?(?:[\s-]+([A-Za-z]+))?"
)


def _figures(text: str) -> list[tuple[float, str, str]]:
    """Figures with their units: (value with its scale applied, stemmed unit word, the
    words as written), e.g. "593 billion dollars" -> (593e9, "dollar", "593 billion
    dollars"), "7.4-magnitude" -> (7.4, "magnitud", "7.4-magnitude"), "40%" -> (40,
    "percent", "40%"; "12 per cent" too). Units written differently share a key and
    metric multiples go to the base unit (``text.lexicon.canonical_unit``: "12 km" =
    "12 kilometres" = "12,000 metres"). Years and numbers without a unit word are left
    out."""
    out: list[tuple[float, str, str]] = []
    for m in _FIGURE_RE.finditer(text):
        raw, pct, first, second = m.groups()
        value = float(raw.replace(",", ""))
        if not pct and "." not in raw and "," not in raw and 1900 <= value <= 2099:
            continue  # a year, not a figure
        words = [(fold(w), g) for g, w in ((3, first), (4, second)) if w]
        if words and words[0][0] in SCALE_WORDS:
            value *= SCALE_WORDS[words[0][0]]
            words = words[1:]
        unit, end = ("percent", m.end(2)) if pct else (None, m.end(1))
        for k, (word, group) in enumerate(words if unit is None else ()):
            if word in ("percent", "pct") or (
                word == "per" and k + 1 < len(words) and words[k + 1][0] == "cent"
            ):
                unit, end = "percent", m.end(words[-1][1] if word == "per" else group)
                break
            if word not in STOPWORDS and len(word) > 1:
                unit, value = canonical_unit(stem(word), value)
                end = m.end(group)
                break
        if unit:
            out.append((value, unit, text[m.start(1) : end]))
    return out


def _lead(text: str, limit: int = 100) -> str | None:
    """The headline of the cleaned ``text`` (``clean.headline``: a short first line set
    off by a blank line), else its first non-empty line cut at a word to at most
    ``limit`` chars."""
    title = headline_text(text)
    if title:
        return title
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(line) <= limit:
        return line or None
    return line[: limit - 1].rsplit(" ", 1)[0] + "…"
