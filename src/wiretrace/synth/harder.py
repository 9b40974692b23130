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
    return generate_harder_kinds(config)[0]


#: How a planted copy of ``generate_harder_kinds`` was made: the base generator's edited
#: rewrite, or one of the harder corpus's replacements.
REWRITE_KINDS = ("edited", "spun", "paraphrase", "condensed")


def generate_harder_kinds(config: HarderConfig) -> tuple[SynthCorpus, dict[str, str]]:
    """``generate_harder``'s corpus and, for every planted copy, how it was made (one of
    ``REWRITE_KINDS``), for diagnostics by kind (eval/harder_links.py)."""
    kinds: dict[str, str] = {}
    rng = random.Random(config.seed)
    corpus = generate(config.base)
    by_id = {a.id or "": a for a in corpus.articles}
    replaced: set[str] = set()
    out: list[Article] = []
    for article in corpus.articles:
        aid = article.id or ""
        source = corpus.derived_from.get(aid)
        if source is not None and source in by_id:
            roll = rng.random()
            # the copy's own choices (its spinner, its edits) from a stream of its own, so
            # that they do not shift the rolls of the other articles
            own = random.Random(f"{config.seed}:{aid}")
            table = _spinner(own)
            # the copy's page keeps its own byline and photo credit and the dateline its
            # rewriter chose (the wire's kept, the place only, or none), and none of the
            # source page's furniture: real copies drop a wire's credit dateline
            head, dateline, _ = _page(article.text)
            page = head + (dateline or "")
            body = _page(by_id[source].text)[2]
            kinds[aid] = "edited"
            if roll < config.spun:
                article = replace(article, text=page + _spin(body, own, table=table))
                kinds[aid] = "spun"
            elif roll < config.spun + config.paraphrased:
                new = _rewrite(_sentences(body), own, 0.8, table)
                article = replace(article, text=page + new)
                kinds[aid] = "paraphrase"
            elif roll < config.spun + config.paraphrased + config.condensed:
                sentences = _sentences(body)
                keep = max(2, round(len(sentences) * own.uniform(0.3, 0.5)))
                new = _rewrite(sentences[:keep], own, 0.6, table)
                article = replace(article, text=page + new)
                kinds[aid] = "condensed"
            elif source in replaced:
                # the base generator wrote this copy from its source's text before that
                # was replaced: write it again, as a light edit of the text it now copies
                article = replace(article, text=page + _light_edit(_sentences(body), own))
            if kinds[aid] != "edited" or source in replaced:
                replaced.add(aid)
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
    hardened = SynthCorpus(
        config=corpus.config,
        articles=undated,
        story_of=corpus.story_of,
        derived_from=corpus.derived_from,
        independent=corpus.independent,
        distractors=corpus.distractors,
        resembles=corpus.resembles,
    )
    return hardened, kinds


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.split(text.strip()) if s.strip()]


def _rewrite(sentences: list[str], rng: random.Random, rate: float, table: dict[str, str]) -> str:
    """A paraphrase: synonym swaps and attribution flips, then spinner swaps at ``rate``."""
    return _spin(" ".join(_paraphrase(s, rng, 0.9) for s in sentences), rng, rate, table)


def _light_edit(sentences: list[str], rng: random.Random) -> str:
    """A light edit: every sentence in order but a few dropped (never the lead), a quarter
    of them paraphrased (the base generator's rewriter edits 5-45%)."""
    kept = [s for n, s in enumerate(sentences) if n == 0 or rng.random() >= 0.1]
    return "\n".join(_paraphrase(s, rng, 0.6) if rng.random() < 0.25 else s for s in kept)


#: A page's furniture lines: a byline, a photo credit, a wire's reporting credit.
_HEAD_LINE = re.compile(r"^(?:By |Photo: )")
_CREDIT_LINE = re.compile(r"^\(Reporting by ")
_RELATED_MARK = ("READ ALSO:", "Read more:", "RELATED:", "See also:")
#: A dateline opening the first paragraph: a wire's "TOWN, March 3 (TWW) - " or a
#: rewrite's "TOWN — ".
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]*[A-Z](?:, [A-Z][a-z]+ \d{1,2} \([^)\n]{1,30}\) - | — )")


def _page(text: str) -> tuple[str, str | None, str]:
    """(head lines with their newline, the dateline or None, the body): the body without
    the page's byline, photo credit, reporting credit and "READ ALSO" block."""
    lines = text.split("\n")
    head: list[str] = []
    while lines and _HEAD_LINE.match(lines[0]):
        head.append(lines.pop(0))
    body: list[str] = []
    related = False
    for line in lines:
        if line.strip() in _RELATED_MARK:
            related = True
            continue
        if related and not line.rstrip().endswith((".", "!", "?", '"')):
            continue
        related = False
        if not _CREDIT_LINE.match(line):
            body.append(line)
    dateline = None
    if body:
        m = _DATELINE.match(body[0])
        if m:
            dateline, body[0] = m.group(), body[0][m.end() :]
    return "".join(h + "\n" for h in head), dateline, "\n".join(body)


#: A synonym spinner's word swaps, function words included (spun copies read oddly): each
#: word's options, the first the one every copy used before spinners differed by copy.
_SPIN: dict[str, tuple[str, ...]] = {
    "the": ("this", "that", "said"), "a": ("one", "some", "any"), "an": ("one", "some"),
    "of": ("from", "belonging to", "concerning"), "in": ("within", "inside", "amid"),
    "on": ("upon", "regarding", "at"), "and": ("plus", "as well as", "along with"),
    "to": ("towards", "toward", "unto"), "said": ("stated", "mentioned", "noted", "declared"),
    "says": ("states", "mentions", "notes"), "was": ("got", "became", "has been"),
    "were": ("had been", "got", "became"), "for": ("regarding", "designed for", "intended for"),
    "with": ("alongside", "together with", "using"), "at": ("by", "located at", "in"),
    "by": ("through", "via", "simply by"), "from": ("out of", "coming from", "through"),
    "is": ("remains", "becomes", "stands"), "are": ("remain", "become", "stand"),
    "has": ("possesses", "features", "carries"), "have": ("possess", "feature", "carry"),
    "after": ("following", "right after", "soon after"), "that": ("which", "the fact that"),
    "it": ("this", "the item", "the idea"), "its": ("their", "it has", "the"),
    "people": ("persons", "individuals", "folks", "men and women"),
    "police": ("officers", "law enforcement", "cops", "constabulary"),
    "officials": ("authorities", "administrators", "representatives"),
    "told": ("informed", "advised", "instructed"), "would": ("could", "might", "will"),
    "will": ("shall", "may", "is going to"), "more": ("additional", "much more", "further"),
    "than": ("compared to", "when compared with", "as opposed to"),
    "about": ("roughly", "approximately", "regarding"), "over": ("above", "more than", "across"),
    "into": ("inside", "straight into", "in to"), "but": ("however", "yet", "although"),
    "as": ("while", "because", "since"), "before": ("prior to", "ahead of", "earlier than"),
    "during": ("throughout", "in the course of", "amid"), "near": ("close to", "nearby", "around"),
    "also": ("likewise", "additionally", "too"), "since": ("considering", "given that", "because"),
    "until": ("till", "right up until", "up to"), "while": ("whilst", "even though", "although"),
    "which": ("that", "what", "whichever"), "who": ("that", "which", "whom"),
    "had": ("possessed", "experienced", "got"),
    "been": ("turned out", "recently been", "already been"),
    "be": ("turn out", "end up", "prove"), "not": ("never", "definitely not", "in no way"),
    "no": ("zero", "simply no", "absolutely no"), "most": ("many", "nearly all", "the majority of"),
    "some": ("several", "a few", "certain"), "town": ("township", "village", "community"),
    "city": ("metropolis", "municipality", "urban area"), "region": ("area", "territory", "zone"),
    "residents": ("inhabitants", "locals", "occupants", "dwellers"),
    "hospital": ("clinic", "infirmary", "medical center"),
    "council": ("board", "authority", "committee"),
    "road": ("route", "highway", "roadway"), "homes": ("houses", "dwellings", "residences"),
    "spokesman": ("representative", "speaker", "agent"),
    "spokeswoman": ("representative", "speaker", "agent"),
    "statement": ("announcement", "declaration", "report"),
    "morning": ("forenoon", "early morning", "daybreak"), "night": ("evening", "nighttime", "dark"),
}  # fmt: skip
_SPIN_RE = re.compile(r"\b(" + "|".join(sorted(_SPIN, key=len, reverse=True)) + r")\b", re.I)
#: One spinner for every copy (the first options), as before spinners differed by copy:
#: it made two spun copies of one wire near-duplicates of each other (eval/README.md).
_FIXED = {word: options[0] for word, options in _SPIN.items()}


def _spinner(rng: random.Random) -> dict[str, str]:
    """One copy's spinner: a synonym picked for each word, used wherever the word occurs
    (a tool is consistent within one text; two outlets' tools pick differently)."""
    return {word: rng.choice(options) for word, options in _SPIN.items()}


def _spin(
    text: str, rng: random.Random, rate: float = 0.97, table: dict[str, str] | None = None
) -> str:
    """Every sentence in order, words swapped with probability ``rate`` (a synonym
    spinner, quotes included) by ``table`` (word -> synonym; ``_FIXED`` by default): at
    0.97 about 10% of the word 5-grams stay shared."""
    swaps = _FIXED if table is None else table

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        if rng.random() >= rate:
            return word
        new = swaps[word.lower()]
        return new[0].upper() + new[1:] if word[0].isupper() else new

    return _SPIN_RE.sub(swap, text)


def _shared_5grams(copy: str, source: str) -> float:
    def grams(t: str) -> set[tuple[str, ...]]:
        w = _WORD_RE.findall(t.lower())
        return {tuple(w[i : i + 5]) for i in range(len(w) - 4)}

    mine = grams(copy)
    return len(mine & grams(source)) / len(mine) if mine else 0.0
