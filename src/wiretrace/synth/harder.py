"""A harder synthetic corpus, shaped like the real news measured in issue 9: spun,
paraphrased and condensed copies that share few 5-grams, short items and roundups, most
articles without a time, and look-alike events days apart with the same actors and places."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from datetime import timedelta

from wiretrace.errors import ConfigError
from wiretrace.model import Article
from wiretrace.synth.generator import (
    SynthConfig,
    SynthCorpus,
    _change_number,
    _paraphrase,
    generate,
)

_SENTENCE_RE = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"])")
_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, kw_only=True)
class HarderConfig:
    """What to make harder, on top of a ``SynthConfig`` corpus.

    Args:
        base: The corpus to start from.
        spun: Share of copies replaced by a spun copy of their source (every sentence kept
            in order, words swapped until under 10% of the 5-grams are shared).
        paraphrased: Share of copies replaced by a paraphrase (swaps and attribution flips).
        condensed: Share of copies replaced by a condensed rewrite (the first 30-50% of
            the source's sentences, paraphrased).
        short_items: Share of events given a short item (two sentences of one of its
            independent reports, a report of its own).
        roundups: Roundups of three events' first sentences (each a story of its own).
        lookalikes: Share of events given a look-alike event 4-9 days later: an
            independent report's actors and places with other figures.
        undated: Share of articles whose time is removed.
        seed: The same seed and options give the same corpus.

    Raises:
        ConfigError: a share outside [0, 1] or negative counts.
    """

    base: SynthConfig
    spun: float = 0.35
    paraphrased: float = 0.2
    condensed: float = 0.15
    short_items: float = 0.3
    roundups: int = 5
    lookalikes: float = 0.2
    undated: float = 0.6
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("spun", "paraphrased", "condensed", "short_items", "lookalikes", "undated"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"HarderConfig.{name} = {value!r} must be between 0 and 1.")
        if self.spun + self.paraphrased + self.condensed > 1.0:
            raise ConfigError("HarderConfig.spun + paraphrased + condensed must not exceed 1.")
        if self.roundups < 0:
            raise ConfigError(f"HarderConfig.roundups = {self.roundups!r} must not be negative.")


def generate_harder(config: HarderConfig) -> SynthCorpus:
    """The base corpus, made harder (see ``HarderConfig``); ground truth kept in step.

    Example:
        >>> corpus = generate_harder(HarderConfig(base=SynthConfig(num_events=3, seed=1)))
        >>> sum(a.published is None for a in corpus.articles) > len(corpus.articles) // 3
        True
    """
    rng = random.Random(config.seed)
    corpus = generate(config.base)
    by_id = {a.id or "": a for a in corpus.articles}
    out: list[Article] = []
    for article in corpus.articles:
        aid = article.id or ""
        source = corpus.derived_from.get(aid)
        if source is not None and source in by_id:
            roll = rng.random()
            text = by_id[source].text
            if roll < config.spun:
                article = replace(article, text=_spin(text, rng))
            elif roll < config.spun + config.paraphrased:
                article = replace(article, text=_rewrite(_sentences(text), rng, 0.8))
            elif roll < config.spun + config.paraphrased + config.condensed:
                sentences = _sentences(text)
                keep = max(2, round(len(sentences) * rng.uniform(0.3, 0.5)))
                article = replace(article, text=_rewrite(sentences[:keep], rng, 0.6))
        by_id[aid] = article
        out.append(article)
    extra: list[Article] = []
    events: dict[str, list[Article]] = {}
    for article in out:
        events.setdefault(corpus.story_of[article.id or ""], []).append(article)
    independent = {e: [a for a in arts if a.id in corpus.independent] for e, arts in events.items()}
    for event, reports in sorted(independent.items()):
        if not reports:
            continue
        report = reports[0]
        if rng.random() < config.short_items:
            short = Article(
                text=" ".join(_sentences(report.text)[:2]),
                id=f"{report.id}-short",
                outlet="Brief Wire",
                published=report.published,
            )
            extra.append(short)
            corpus.story_of[short.id or ""] = event
            corpus.independent.add(short.id or "")
        if rng.random() < config.lookalikes and report.published is not None:
            days = rng.randint(4, 9)
            text = " ".join(_change_number(s, rng) for s in _sentences(report.text))
            twin = Article(
                text=text,
                id=f"{report.id}-lookalike",
                outlet=report.outlet,
                published=report.published + timedelta(days=days),
                title=report.title,
            )
            extra.append(twin)
            corpus.story_of[twin.id or ""] = f"{event}-lookalike"
            corpus.distractors.add(twin.id or "")
            corpus.resembles[twin.id or ""] = event
    wires = [arts[0] for arts in events.values() if arts[0].published is not None]
    for k in range(min(config.roundups, len(wires) // 3)):
        picked = rng.sample(wires, 3)
        text = "\n\n".join(_sentences(a.text)[0] for a in picked)
        roundup = Article(
            text=f"In brief.\n\n{text}",
            id=f"roundup-{k}",
            outlet="Daily Digest",
            published=max(a.published for a in picked if a.published),
        )
        extra.append(roundup)
        corpus.story_of[roundup.id or ""] = f"roundup-{k}"
        corpus.distractors.add(roundup.id or "")
    articles = out + extra
    articles.sort(
        key=lambda a: (a.published is None, a.published.timestamp() if a.published else 0.0)
    )
    undated = [
        a if rng.random() >= config.undated else replace(a, published=None) for a in articles
    ]
    return SynthCorpus(
        config=corpus.config,
        articles=undated,
        story_of=corpus.story_of,
        derived_from=corpus.derived_from,
        independent=corpus.independent,
        distractors=corpus.distractors,
        resembles=corpus.resembles,
    )


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.split(text.strip()) if s.strip()]


def _rewrite(sentences: list[str], rng: random.Random, rate: float) -> str:
    """A paraphrase: synonym swaps and attribution flips, then spinner swaps at ``rate``."""
    return _spin(" ".join(_paraphrase(s, rng, 0.9) for s in sentences), rng, rate)


#: A synonym spinner's word swaps, function words included (spun copies read oddly).
_SPIN = {
    "the": "this", "a": "one", "an": "one", "of": "from", "in": "within", "on": "upon",
    "and": "plus", "to": "towards", "said": "stated", "says": "states", "was": "got",
    "were": "had been", "for": "regarding", "with": "alongside", "at": "by", "by": "through",
    "from": "out of", "is": "remains", "are": "remain", "has": "possesses", "have": "possess",
    "after": "following", "that": "which", "it": "this", "its": "their", "people": "persons",
    "police": "officers", "officials": "authorities", "told": "informed", "would": "could",
    "will": "shall", "more": "additional", "than": "compared to", "about": "roughly",
    "over": "above", "into": "inside", "but": "however", "as": "while", "before": "prior to",
    "during": "throughout", "near": "close to", "also": "likewise", "since": "considering",
    "until": "till", "while": "whilst", "which": "that", "who": "that", "had": "possessed",
    "been": "turned out", "be": "turn out", "not": "never", "no": "zero", "most": "many",
    "some": "several", "town": "township", "city": "metropolis", "region": "area",
    "residents": "inhabitants", "hospital": "clinic", "council": "board", "road": "route",
    "homes": "houses", "spokesman": "representative", "spokeswoman": "representative",
    "statement": "announcement", "morning": "forenoon", "night": "evening",
}  # fmt: skip
_SPIN_RE = re.compile(r"\b(" + "|".join(sorted(_SPIN, key=len, reverse=True)) + r")\b", re.I)


def _spin(text: str, rng: random.Random, rate: float = 0.97) -> str:
    """Every sentence in order, words swapped with probability ``rate`` (a synonym
    spinner, quotes included): at 0.97 about 10% of the word 5-grams stay shared."""

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        if rng.random() >= rate:
            return word
        new = _SPIN[word.lower()]
        return new[0].upper() + new[1:] if word[0].isupper() else new

    return _SPIN_RE.sub(swap, text)


def _shared_5grams(copy: str, source: str) -> float:
    def grams(t: str) -> set[tuple[str, ...]]:
        w = _WORD_RE.findall(t.lower())
        return {tuple(w[i : i + 5]) for i in range(len(w) - 4)}

    mine = grams(copy)
    return len(mine & grams(source)) / len(mine) if mine else 0.0
