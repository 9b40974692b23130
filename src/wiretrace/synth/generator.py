"""Synthetic news corpora with ground truth: wire stories, rewrites, independent reports."""

from __future__ import annotations

import heapq
import json
import math
import random
import re
from collections import deque
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeAlias

from wiretrace.errors import ConfigError
from wiretrace.model import Article
from wiretrace.synth import lexicon

# --------------------------------------------------------------------------------------------
# Configuration and results
# --------------------------------------------------------------------------------------------

_MAX_REWRITES = 30
_MAX_INDEPENDENT = 10
_MAX_SLOTS = 10_000_000
# The templates hold about 1,400 words in all: past ~800 a wire story uses most of them and an
# independent report (which must not echo it) runs short.
_MIN_WORDS, _MAX_WORDS = 150, 800


@dataclass(frozen=True, kw_only=True)
class SynthConfig:
    """What to generate: how many events, how many copies of each, how long, which seed.

    Args:
        num_events: Events with a wire story (each then gets rewrites and independent reports).
        rewrites_per_event: Inclusive ``(low, high)`` range of rewrites per event.
        independent_reports_per_event: Inclusive ``(low, high)`` range of reports written
            from scratch about the same event (not derived from the wire).
        distractors: Single articles about other events of the same kinds.
        words_per_article: Target length, 150 to 800 words. Wire stories land within 20% of
            it, rewrites near it; above about 700, independent reports run short (they may
            not reuse the wire story's templates, and few are left).
        seed: The same seed and options give the same corpus, byte for byte.
        start: Publication times begin shortly after this instant (naive means UTC).

    Raises:
        ConfigError: a value has the wrong type or is out of range.
    """

    num_events: int = 50
    rewrites_per_event: tuple[int, int] = (2, 6)
    independent_reports_per_event: tuple[int, int] = (0, 2)
    distractors: int = 20
    words_per_article: int = 600
    seed: int = 0
    start: datetime = datetime(2026, 3, 1, tzinfo=UTC)

    def __post_init__(self) -> None:
        for name in ("num_events", "distractors", "words_per_article", "seed"):
            _check_int(name, getattr(self, name))
        if self.num_events < 0 or self.distractors < 0:
            raise ConfigError(
                f"SynthConfig.num_events = {self.num_events!r} and .distractors = "
                f"{self.distractors!r} must not be negative."
            )
        if not 1 <= self.num_events + self.distractors <= _MAX_SLOTS:
            raise ConfigError(
                f"SynthConfig.num_events + distractors = {self.num_events + self.distractors} "
                f"must be between 1 and {_MAX_SLOTS:,}; ask for at least one article."
            )
        if not _MIN_WORDS <= self.words_per_article <= _MAX_WORDS:
            raise ConfigError(
                f"SynthConfig.words_per_article = {self.words_per_article!r} is out of range: "
                f"it must be between {_MIN_WORDS} and {_MAX_WORDS}."
            )
        for name, high in (
            ("rewrites_per_event", _MAX_REWRITES),
            ("independent_reports_per_event", _MAX_INDEPENDENT),
        ):
            object.__setattr__(self, name, _check_range(name, getattr(self, name), high))
        if not isinstance(self.start, datetime):
            raise ConfigError(
                f"SynthConfig.start = {self.start!r} must be a datetime, "
                f"e.g. datetime(2026, 3, 1, tzinfo=UTC)."
            )
        start = self.start if self.start.tzinfo else self.start.replace(tzinfo=UTC)
        object.__setattr__(self, "start", start.astimezone(UTC))


def _check_int(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(
            f"SynthConfig.{name} = {value!r} must be of type int, not {type(value).__name__}."
        )


def _check_range(name: str, value: object, high: int) -> tuple[int, int]:
    if (
        not isinstance(value, tuple | list)
        or len(value) != 2
        or any(isinstance(v, bool) or not isinstance(v, int) for v in value)
    ):
        raise ConfigError(
            f"SynthConfig.{name} = {value!r} must be a (low, high) pair of ints, e.g. (2, 6)."
        )
    low, top = value
    if not 0 <= low <= top <= high:
        raise ConfigError(
            f"SynthConfig.{name} = {value!r} must satisfy 0 <= low <= high <= {high}."
        )
    return (low, top)


class SynthRole(StrEnum):
    """What a generated article is, in the ground truth."""

    WIRE = "wire"
    REWRITE = "rewrite"
    INDEPENDENT = "independent"
    DISTRACTOR = "distractor"


@dataclass(frozen=True, slots=True)
class SynthRecord:
    """One generated article with its ground truth.

    Attributes:
        article: The article (id, text, title, url, outlet, published).
        event_id: The event it reports; every distractor has an event id of its own.
        role: Wire story, rewrite, independent report or distractor.
        derived_from: For a rewrite, the id of the article it was copied from (the wire
            story or an earlier rewrite); None otherwise.
        resembles: For a look-alike distractor, the event it imitates (same kind and region,
            some of the same first names; another town, day and numbers); None otherwise.
    """

    article: Article
    event_id: str
    role: SynthRole
    derived_from: str | None = None
    resembles: str | None = None


@dataclass(frozen=True, slots=True)
class SynthCorpus:
    """A generated corpus in publication order, with its ground truth.

    Attributes:
        config: The options it was generated with.
        articles: Every article, sorted by publication time.
        story_of: Article id -> event id, for every article.
        derived_from: Rewrite id -> id of the article it was copied from (chains allowed).
        independent: Ids of reports written from scratch about an event that has a wire story.
        distractors: Ids of single articles about events of their own.
        resembles: Distractor id -> the event id it imitates, for look-alike distractors.
    """

    config: SynthConfig
    articles: list[Article]
    story_of: dict[str, str] = field(default_factory=dict)
    derived_from: dict[str, str] = field(default_factory=dict)
    independent: set[str] = field(default_factory=set)
    distractors: set[str] = field(default_factory=set)
    resembles: dict[str, str] = field(default_factory=dict)


def generate(config: SynthConfig | None = None) -> SynthCorpus:
    """Generate a whole corpus in memory (use ``iter_records`` for very large ones).

    Args:
        config: What to generate; defaults to ``SynthConfig()``.

    Returns:
        The articles in publication order and the ground truth.

    Example:
        >>> corpus = generate(SynthConfig(num_events=2, distractors=1, seed=7))
        >>> len(corpus.articles) == len(corpus.story_of)
        True
    """
    cfg = config or SynthConfig()
    corpus = SynthCorpus(config=cfg, articles=[])
    for record in iter_records(cfg):
        article_id = record.article.id or ""
        corpus.articles.append(record.article)
        corpus.story_of[article_id] = record.event_id
        if record.derived_from is not None:
            corpus.derived_from[article_id] = record.derived_from
        if record.role is SynthRole.INDEPENDENT:
            corpus.independent.add(article_id)
        elif record.role is SynthRole.DISTRACTOR:
            corpus.distractors.add(article_id)
            if record.resembles is not None:
                corpus.resembles[article_id] = record.resembles
    return corpus


def iter_generate(config: SynthConfig | None = None) -> Iterator[Article]:
    """Yield the articles of ``generate(config)`` one by one, in the same order.

    Memory stays bounded (a few events' worth of articles), so this suits corpora of
    hundreds of thousands of articles; ``iter_records`` yields the ground truth as well.

    Args:
        config: What to generate; defaults to ``SynthConfig()``.
    """
    for record in iter_records(config):
        yield record.article


def iter_records(config: SynthConfig | None = None) -> Iterator[SynthRecord]:
    """Yield every article with its ground truth, in publication order, in bounded memory.

    Events follow each other at random intervals (95 minutes apart on average); the
    articles of one event appear over the following hours, so a small buffer is enough to
    emit them in time order.

    Args:
        config: What to generate; defaults to ``SynthConfig()``.
    """
    cfg = config or SynthConfig()
    layout = random.Random(f"wiretrace-synth:{cfg.seed}:layout")
    writer = _Writer(cfg)
    heap: list[tuple[datetime, int, SynthRecord]] = []
    serial = 0
    events_left, distractors_left = cfg.num_events, cfg.distractors
    now = cfg.start + _MAX_LEAD
    for slot in range(cfg.num_events + cfg.distractors):
        now += timedelta(minutes=5 + layout.expovariate(1 / _MEAN_GAP_MINUTES))
        distractor = layout.random() * (events_left + distractors_left) < distractors_left
        if distractor:
            distractors_left -= 1
        else:
            events_left -= 1
        for record in writer.slot(slot, now, distractor=distractor):
            heapq.heappush(heap, (_published(record), serial, record))
            serial += 1
        # Later slots publish nothing before ``now - _MAX_LEAD``: everything older is final.
        while heap and heap[0][0] <= now - _MAX_LEAD:
            yield heapq.heappop(heap)[2]
    while heap:
        yield heapq.heappop(heap)[2]


def write_jsonl(source: SynthCorpus | Iterable[Article | SynthRecord], path: str | Path) -> int:
    """Write articles as JSON Lines that ``wiretrace.corpus.ingest`` reads back.

    Each line is one object with ``id``, ``text``, ``title``, ``url``, ``outlet`` and
    ``published`` (ISO 8601, UTC, ``Z`` suffix).

    Args:
        source: A corpus, or any iterable of articles or records (``iter_generate`` streams).
        path: The file to write (replaced if it exists).

    Returns:
        The number of lines written.
    """
    items: Iterable[Article | SynthRecord] = (
        source.articles if isinstance(source, SynthCorpus) else source
    )
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="\n") as handle:
        for item in items:
            article = item.article if isinstance(item, SynthRecord) else item
            published = article.published
            obj = {
                "id": article.id,
                "text": article.text,
                "title": article.title,
                "url": article.url,
                "outlet": article.outlet,
                "published": (
                    published.astimezone(UTC).isoformat().replace("+00:00", "Z")
                    if published
                    else None
                ),
            }
            handle.write(json.dumps(obj, ensure_ascii=False) + "\n")
            count += 1
    return count


def _published(record: SynthRecord) -> datetime:
    # Every generated article has a publication time; the fallback only narrows the type.
    return record.article.published or datetime.min.replace(tzinfo=UTC)


# --------------------------------------------------------------------------------------------
# Templates
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Slot:
    name: str
    cap: bool


@dataclass(frozen=True, slots=True)
class _Choice:
    options: tuple[str | tuple[_Part, ...], ...]  # plain text kept as str: renders faster


_Part: TypeAlias = "str | _Slot | _Choice"
_Slots: TypeAlias = Mapping[str, "str | tuple[str, ...]"]
#: 8-word runs a story written from scratch must not share (sets, or the writer's memory).
_Avoid: TypeAlias = tuple[Container[tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class _Template:
    key: int
    role: str
    parts: tuple[_Part, ...]
    dead: bool | None  # True: only for events with deaths; False: only without; None: any
    names: frozenset[str]  # people it names in full ("{official}")
    needs: frozenset[str]  # people it calls by surname only, who must be named before


#: The people of an event, each with a full-name slot and a surname slot ("{official_last}").
_PEOPLE = ("official", "minister", "chief", "expert", "witness", "spokesperson", "doctor")

_SLOT_RE = re.compile(r"\{(\w+)\}")
_TOKEN_RE = re.compile(r"\{(\w+)\}|\[([^\]]*)\]")


def _compile_slots(text: str) -> tuple[_Part, ...]:
    parts: list[_Part] = []
    pos = 0
    for m in _SLOT_RE.finditer(text):
        if m.start() > pos:
            parts.append(text[pos : m.start()])
        name = m.group(1)
        parts.append(_Slot(name.lower(), name[0].isupper()))
        pos = m.end()
    if pos < len(text):
        parts.append(text[pos:])
    return tuple(parts)


def _flat(parts: tuple[_Part, ...]) -> str | tuple[_Part, ...]:
    if not parts:
        return ""
    if len(parts) == 1 and isinstance(parts[0], str):
        return parts[0]
    return parts


def _compile(text: str) -> tuple[_Part, ...]:
    parts: list[_Part] = []
    pos = 0
    for m in _TOKEN_RE.finditer(text):
        if m.start() > pos:
            parts.append(text[pos : m.start()])
        if m.group(1) is not None:
            name = m.group(1)
            parts.append(_Slot(name.lower(), name[0].isupper()))
        else:
            options = [_compile_slots(o) for o in m.group(2).split("|")]
            parts.append(_Choice(tuple(_flat(o) for o in options)))
        pos = m.end()
    if pos < len(text):
        parts.append(text[pos:])
    return tuple(parts)


def _parse_templates(source: str) -> dict[str, tuple[_Template, ...]]:
    blocks: dict[str, list[str]] = {}
    role = ""
    for line in source.splitlines():
        if not line.strip():
            continue
        if line.startswith("@"):
            role = line[1:].strip()
            blocks[role] = []
        elif line[0].isspace():
            blocks[role][-1] += " " + line.strip()
        else:
            blocks[role].append(line.strip())
    out: dict[str, tuple[_Template, ...]] = {}
    key = 0
    for name, texts in blocks.items():
        templates = []
        for text in texts:
            dead: bool | None = None
            for marker, flag in (("!dead ", True), ("!nodead ", False)):
                if text.startswith(marker):
                    text, dead = text[len(marker) :], flag
            slots = set(_SLOT_RE.findall(text.lower()))
            names = frozenset(p for p in _PEOPLE if p in slots)
            needs = frozenset(p for p in _PEOPLE if f"{p}_last" in slots) - names
            templates.append(_Template(key, name, _compile(text), dead, names, needs))
            key += 1
        out[name] = tuple(templates)
    return out


_TEMPLATES: dict[str, tuple[_Template, ...]] = _parse_templates(lexicon.TEMPLATES)

#: The sections of a story in order, with how many sentences each gets (low, high).
_PLAN: tuple[tuple[str, int, int], ...] = (
    ("lead", 1, 1),
    ("lead2", 1, 1),
    ("casualties", 1, 2),
    ("responders", 1, 2),
    ("evacuation", 1, 2),
    ("quote_official", 1, 2),
    ("casualty_quote", 0, 2),
    ("operator", 0, 2),
    ("voices", 1, 3),
    ("government", 0, 2),
    ("investigation", 1, 2),
    ("damage", 1, 2),
    ("disruption", 0, 2),
    ("background", 0, 2),
    ("outlook", 1, 2),
    ("closing", 0, 1),
)
# Mean words per rendered template sentence, measured over 2,000 renders (re-measure after
# editing the templates); it only sets the first guess of how many sentences to write.
_WORDS_PER_SENTENCE = 21.0


def _render(parts: tuple[_Part, ...], slots: _Slots, rng: random.Random) -> str:
    out: list[str] = []
    rand = rng.random
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, _Slot):
            value = slots[part.name]
            if not isinstance(value, str):
                value = value[int(rand() * len(value))]
            out.append(value[:1].upper() + value[1:] if part.cap else value)
        else:
            option = part.options[int(rand() * len(part.options))]
            out.append(option if isinstance(option, str) else _render(option, slots, rng))
    return "".join(out)


_SPACE_PUNCT_RE = re.compile(r" ([,.:;?!])")
_DOUBLE_STOP_RE = re.compile(r"\b([ap])\.m\.\.")
_ARTICLE_RE = re.compile(r"\b([Aa]) (?=[aeiouAEIOU](?!ni|se|ur))")


def _sentence(template: _Template, slots: _Slots, rng: random.Random) -> str:
    text = " ".join(_render(template.parts, slots, rng).split())
    if " ," in text or " ." in text or " :" in text:  # an empty alternative before a stop
        text = _SPACE_PUNCT_RE.sub(r"\1", text)
    text = _ARTICLE_RE.sub(r"\1n ", text)
    if "m.." in text:
        text = _DOUBLE_STOP_RE.sub(r"\1.m.", text)
    if text.startswith('"'):
        return '"' + text[1:2].upper() + text[2:]
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------------------------
# Events: the facts every article about one event shares
# --------------------------------------------------------------------------------------------

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DISTRICT_PATTERNS = ("{S} Heights", "{S} Hill", "{S}gate", "Lower {T}", "{S} Park", "Old {T}")
_HOSPITAL_PATTERNS = (
    "{T} General Hospital",
    "St. {A} Hospital",
    "{R} University Hospital",
    "{T} Regional Hospital",
)
_UNIVERSITY_PATTERNS = (
    "the University of {C}",
    "the {R} Institute of Technology",
    "{C} Polytechnic",
)


@dataclass(slots=True)
class _Event:
    event_id: str
    kind: str
    when: datetime  # when it happened
    town: str
    region: str
    feature_stem: str
    dead: bool
    people: dict[str, tuple[str, str]]  # role -> (first, last)
    slots: dict[str, str | tuple[str, ...]]
    agency: tuple[str, str]
    title: str = ""


def _fmt(n: int) -> str:
    return f"{n:,}"


def _log_uniform(rng: random.Random, low: int, high: int, step: int = 1) -> int:
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    return max(low, round(value / step) * step)


def _town(rng: random.Random, avoid: Iterable[str] = ()) -> str:
    taken = set(avoid)
    while True:
        name = rng.choice(lexicon.TOWN_STEMS) + rng.choice(lexicon.TOWN_SUFFIXES)
        if name not in taken:
            return name


def _surname(rng: random.Random) -> str:
    return rng.choice(lexicon.SURNAME_STEMS) + rng.choice(lexicon.SURNAME_ENDINGS)


def _clock(when: datetime) -> str:
    hour = when.hour % 12 or 12
    return f"{hour}:{when.minute // 5 * 5:02d} {'a.m.' if when.hour < 12 else 'p.m.'}"


def _make_event(
    rng: random.Random,
    event_id: str,
    published: datetime,
    sibling: _Event | None,
) -> _Event:
    """Invent the facts of one event; a sibling gives the kind, region and some first names."""
    kind = sibling.kind if sibling else rng.choice(sorted(lexicon.EVENT_TYPES))
    vocab = lexicon.EVENT_TYPES[kind]
    region = sibling.region if sibling else rng.choice(lexicon.REGIONS)
    town = _town(rng, [sibling.town] if sibling else [])
    town2 = _town(rng, [town])
    city = _town(rng, [town, town2])
    feature_stem = (
        sibling.feature_stem
        if sibling and rng.random() < 0.3
        else rng.choice(lexicon.FEATURE_STEMS)
    )
    when = published - timedelta(minutes=rng.randint(60, 20 * 60))
    if sibling is not None:
        while when.date() == sibling.when.date():  # a different day from the look-alike
            when -= timedelta(days=rng.randint(1, 3))
    dead = rng.random() < 0.55
    people: dict[str, tuple[str, str]] = {}
    for role in _PEOPLE:
        first = rng.choice(lexicon.FIRST_NAMES)
        if sibling is not None and rng.random() < 0.5:
            first = sibling.people[role][0]
        people[role] = (first, _surname(rng))

    brand = rng.choice(lexicon.BRAND_STEMS) + rng.choice(lexicon.BRAND_ENDINGS)

    def pattern(text: str) -> str:
        return (
            text.replace("{B}", brand)
            .replace("{R}", region)
            .replace("{T}", town)
            .replace("{C}", city)
            .replace("{F}", feature_stem)
            .replace("{A}", rng.choice(lexicon.SAINTS))
            .replace("{S}", rng.choice(lexicon.FEATURE_STEMS))
        )

    feature = pattern(vocab["feature"][0])
    district_a, district_b = rng.sample(_DISTRICT_PATTERNS, 2)
    slots: dict[str, str | tuple[str, ...]] = {
        name: tuple(v.replace("{feature}", feature) for v in values)
        for name, values in vocab.items()
        if name not in ("feature", "operator", "authority", "expert_kind", "damage")
    }
    n_injured = _log_uniform(rng, 3, 240)
    n_damaged = _log_uniform(rng, 20, 4000)
    cost = _log_uniform(rng, 3, 600)
    agency2 = rng.choice(lexicon.NATIONAL_AGENCIES)
    slots.update(
        {
            "town": town,
            "town2": town2,
            "city": city,
            "region": region,
            "feature": feature,
            "district_a": pattern(district_a),
            "district_b": pattern(district_b),
            "operator": _with_the(pattern(rng.choice(vocab["operator"]))),
            "authority": pattern(rng.choice(vocab["authority"])),
            "hospital": pattern(rng.choice(_HOSPITAL_PATTERNS)),
            "university": pattern(rng.choice(_UNIVERSITY_PATTERNS)),
            "expert_kind": rng.choice(vocab["expert_kind"]),
            "damage": rng.choice(vocab["damage"]),
            "agency2": agency2,
            "weekday": _WEEKDAYS[when.weekday()],
            "clock": _clock(when),
            "report_weekday": _WEEKDAYS[published.weekday()],
            "next_weekday": _WEEKDAYS[(published.weekday() + rng.randint(2, 5)) % 7],
            "n_evacuated": _fmt(_log_uniform(rng, 150, 30000, 10)),
            "n_injured": _fmt(n_injured),
            "n_hospital": _fmt(rng.randint(2, max(2, min(n_injured - 1, 60)))),
            "n_children": _fmt(rng.randint(2, max(2, n_injured // 4))),
            "n_dead": _fmt(_log_uniform(rng, 2, 40)) if dead else "0",
            "n_missing": _fmt(rng.randint(2, 15)),
            "n_responders": _fmt(_log_uniform(rng, 40, 1500, 10)),
            "n_shelters": _fmt(rng.randint(2, 30)),
            "n_damaged": _fmt(n_damaged),
            "n_destroyed": _fmt(rng.randint(2, max(2, n_damaged // 5))),
            "n_roads": _fmt(rng.randint(3, 60)),
            "n_schools": _fmt(rng.randint(2, 80)),
            "n_power": _fmt(_log_uniform(rng, 500, 90000, 10)),
            "n_staff": _fmt(rng.randint(20, 400)),
            "days_short": _fmt(rng.randint(2, 5)),
            "days": _fmt(rng.randint(3, 30)),
            "report_weeks": _fmt(rng.randint(2, 12)),
            "return_years": _fmt(rng.choice((50, 100, 200, 500))),
            "year_prev": str(rng.randint(1951, when.year - 2)),
            "year_fine": str(rng.randint(2005, when.year - 1)),
            "ctx_year": str(rng.randint(2010, when.year - 1)),
            "cost": _fmt(cost),
            "cost_aid": _fmt(rng.randint(1, max(1, cost // 2))),
            "cost_insured": _fmt(rng.randint(max(1, cost // 3), cost)),
            "cost_local": _fmt(rng.randint(1, max(1, cost // 4))),
            "percent": _fmt(rng.randint(10, 90)),
            "population": _fmt(_log_uniform(rng, 8000, 240000, 100)),
            "km": _fmt(rng.randint(4, 90)),
            "staff": _fmt(_log_uniform(rng, 60, 4000, 10)),
            "count_prev": _fmt(rng.randint(2, 14)),
            "fund": _fmt(_log_uniform(rng, 10000, 900000, 1000)),
            "witness_age": str(rng.randint(19, 88)),
            "witness_job": rng.choice(lexicon.WITNESS_JOBS),
            "official_title": "Mayor",
            "minister_title": rng.choice(lexicon.MINISTER_TITLES),
            "chief_title": rng.choice(lexicon.CHIEF_TITLES),
        }
    )
    for role, (first, last) in people.items():
        slots[role] = f"{first} {last}"
        slots[f"{role}_last"] = last
    event = _Event(
        event_id=event_id,
        kind=kind,
        when=when,
        town=town,
        region=region,
        feature_stem=feature_stem,
        dead=dead,
        people=people,
        slots=slots,
        agency=rng.choice(lexicon.AGENCIES),
    )
    event.title = _headline(event, rng)
    return event


def _with_the(name: str) -> str:
    """Institutions named after a place take "the" ("the Arven Water Board"); brands do not."""
    first = name.split()[0]
    return name if first not in lexicon.REGIONS and not _is_town(first) else f"the {name}"


def _is_town(word: str) -> bool:
    return any(word.startswith(s) and word[len(s) :] in _TOWN_SUFFIXES for s in _TOWN_STEMS)


_TOWN_STEMS = frozenset(lexicon.TOWN_STEMS)
_TOWN_SUFFIXES = frozenset(lexicon.TOWN_SUFFIXES)


def _headline(event: _Event, rng: random.Random) -> str:
    choices = [t for t in _TEMPLATES["headline"] if t.dead in (None, event.dead)]
    return _sentence(rng.choice(choices), event.slots, rng)


# --------------------------------------------------------------------------------------------
# Drafts: an article as sentences plus page furniture
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    title: str
    dateline: str
    sentences: list[str]
    keys: list[int]  # template key per sentence; -1 once edited or added by a rewrite
    byline: str = ""
    photo: str = ""
    related: tuple[str, ...] = ()
    credit: str = ""

    def body(self) -> str:
        """The story's own words: dateline and sentences, without page furniture."""
        return self.dateline + " ".join(self.sentences)


_WORD_RE = re.compile(r"[a-z0-9]+")
_NGRAM = 8


def _ngrams(text: str, n: int = _NGRAM) -> set[tuple[str, ...]]:
    words = _WORD_RE.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _clashes(grams: set[tuple[str, ...]], avoid: _Avoid) -> bool:
    return any(any(map(a.__contains__, grams)) for a in avoid)


def _compose(
    event: _Event,
    rng: random.Random,
    target: float,
    *,
    avoid: _Avoid = (),
    prefer_not: set[int] | None = None,
) -> tuple[list[str], list[int]]:
    """Write a story about ``event`` from the templates, about ``target`` words long.

    ``prefer_not`` holds template keys to use only when nothing else is left; sentences
    sharing an 8-word run with ``avoid`` are written again or left out.
    """
    counts = [low for _, low, _ in _PLAN]
    wanted = max(len(_PLAN) // 3, round(target / _WORDS_PER_SENTENCE))
    while sum(counts) < wanted:
        open_rows = [i for i, (_, _, high) in enumerate(_PLAN) if counts[i] < high]
        if not open_rows:
            break
        counts[rng.choice(open_rows)] += 1
    used: set[int] = set()
    named: set[str] = set()
    rows: list[tuple[int, str, int]] = []  # (plan row, sentence, template key)

    def write(row: int) -> tuple[str, int] | None:
        role = _PLAN[row][0]
        pool = [
            t
            for t in _TEMPLATES[role]
            if t.dead in (None, event.dead) and t.key not in used and t.needs <= named
        ]
        fresh = [t for t in pool if not prefer_not or t.key not in prefer_not]
        for attempt in range(6):
            candidates = fresh or pool
            if not candidates:
                return None
            template = rng.choice(candidates)
            text = _swap_words(_sentence(template, event.slots, rng), rng, 0.5, one_way=False)
            if not _clashes(_ngrams(text), avoid):
                used.add(template.key)
                named.update(template.names)
                return text, template.key
            if attempt >= 2 and template in fresh:
                fresh.remove(template)
        return None

    for row, count in enumerate(counts):
        for _ in range(count):
            written = write(row)
            if written:
                rows.append((row, *written))
    total = sum(len(s.split()) for _, s, _ in rows)
    low, high = target * 0.95, target * 1.05
    spare = list(range(2, len(_PLAN)))
    while total < low and spare:
        row = rng.choice(spare)
        written = write(row)
        if written is None:
            spare.remove(row)
            continue
        at = max(i for i, r in enumerate(rows) if r[0] <= row) + 1 if rows else 0
        rows.insert(at, (row, *written))
        total += len(written[0].split())
    while total > high and len(rows) > 3:
        i = rng.randrange(2, len(rows))
        total -= len(rows[i][1].split())
        del rows[i]
    return [s for _, s, _ in rows], [k for _, _, k in rows]


def _paragraphs(sentences: list[str], rng: random.Random, style: tuple[int, ...]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(sentences):
        size = 1 if i == 0 else rng.choice(style)
        out.append(" ".join(sentences[i : i + size]))
        i += size
    return out


def _render_text(draft: _Draft, rng: random.Random, style: tuple[int, ...]) -> str:
    paragraphs = _paragraphs(draft.sentences, rng, style)
    if draft.dateline and paragraphs:
        paragraphs[0] = draft.dateline + paragraphs[0]
    if draft.related:
        block = [rng.choice(("READ ALSO:", "Read more:", "RELATED:", "See also:"))]
        block.extend(draft.related)
        at = rng.randint(min(2, len(paragraphs)), len(paragraphs))
        paragraphs[at:at] = block
    head = [line for line in (draft.byline, draft.photo) if line]
    tail = [draft.credit] if draft.credit else []
    return "\n".join(head + paragraphs + tail)


# --------------------------------------------------------------------------------------------
# Rewrites: copies with realistic edits
# --------------------------------------------------------------------------------------------


def _swap_tables() -> tuple[
    re.Pattern[str], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]
]:
    style: dict[str, tuple[str, ...]] = {}  # any member -> the others (house style)
    for group in lexicon.SYNONYMS:
        for word in group:
            style[word] = tuple(w for w in group if w != word)
    rewrite = dict(style)  # plus one-way phrase edits
    for phrase, replacement in lexicon.PHRASES:
        rewrite[phrase] = (replacement,)
    pattern = re.compile(r"\b" + _trie_pattern(list(rewrite)) + r"\b")
    return pattern, rewrite, style


def _trie_pattern(words: list[str]) -> str:
    """One regex for many phrases, nested by shared prefix (longest match first).

    A flat alternation of a hundred phrases is tried phrase by phrase at every position;
    the nested form rejects most positions after one character, which makes synonym swaps
    several times faster.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # a phrase may stop here, or go on: prefer going on (longest match)
            return "(?:" + body + ")?"
        return body

    return "(?:" + emit(trie) + ")"


_SWAP_RE, _SWAPS, _STYLE_SWAPS = _swap_tables()
_QUOTED_RE = re.compile(r'("[^"]*")')
_SAID_OFFICIALS_RE = re.compile(r", ((?:the )?[a-z]+(?: [a-z]+)?) said\.$")
_ACCORDING_RE = re.compile(r", according to ((?:the )?[a-z]+(?: [a-z]+)?)\.$")
_QUOTE_SAID_RE = re.compile(r'," ([A-Z][^",]{2,60}?) said\.$')
_QUOTE_SAID_INV_RE = re.compile(r'," said ([A-Z][^",]{2,60})\.$')
_TRIM_QUOTE_RE = re.compile(r'"([^"]*?), (?:and|but|so|yet) [^"]*?,"')
_NUMBER_RE = re.compile(r"(?<![\d:,.])(\d{1,3}(?:,\d{3})+|\d+)(?![\d:])")


def _swap_words(sentence: str, rng: random.Random, rate: float, *, one_way: bool) -> str:
    """Swap words and phrases for synonyms outside quotes, each with probability ``rate``."""
    table = _SWAPS if one_way else _STYLE_SWAPS

    def swap(m: re.Match[str]) -> str:
        options = table.get(m.group(0))
        if not options or rng.random() >= rate:
            return m.group(0)
        return options[int(rng.random() * len(options))]

    if '"' not in sentence:
        return _SWAP_RE.sub(swap, sentence)
    pieces = _QUOTED_RE.split(sentence)
    return "".join(p if p.startswith('"') else _SWAP_RE.sub(swap, p) for p in pieces)


def _paraphrase(sentence: str, rng: random.Random, rate: float) -> str:
    """Swap words and phrases for synonyms outside quotes; sometimes flip the attribution."""
    text = _swap_words(sentence, rng, rate, one_way=True)
    if rng.random() < 0.4:
        for pattern, replacement in (
            (_SAID_OFFICIALS_RE, r", according to \1."),
            (_ACCORDING_RE, r", \1 said."),
            (_QUOTE_SAID_RE, r'," said \1.'),
            (_QUOTE_SAID_INV_RE, r'," \1 said.'),
        ):
            flipped = pattern.sub(replacement, text)
            if flipped != text:
                return flipped
    return text


def _trim_quote(sentence: str) -> str:
    return _TRIM_QUOTE_RE.sub(r'"\1,"', sentence, count=1)


def _change_number(sentence: str, rng: random.Random) -> str:
    found = [
        m
        for m in _NUMBER_RE.finditer(sentence)
        if not (len(m.group(1)) == 4 and m.group(1)[:2] in ("19", "20"))  # leave years alone
    ]
    if not found:
        return sentence
    m = rng.choice(found)
    value = int(m.group(1).replace(",", ""))
    new = value
    while new == value:
        new = max(2, round(value * rng.uniform(0.7, 1.4)))
    text = f"{new:,}" if "," in m.group(1) or new >= 10_000 else str(new)
    return sentence[: m.start(1)] + text + sentence[m.end(1) :]


def _misspell(name: str, rng: random.Random) -> str:
    if len(name) < 4:
        return name + "e"
    i = rng.randrange(1, len(name) - 2)
    options = (
        name[:i] + name[i + 1] + name[i] + name[i + 2 :],  # swap two letters
        name[:i] + name[i] + name[i:],  # double a letter
        name[:-1] + ("e" if name[-1] != "e" else "a"),  # change the ending
    )
    return next((o for o in rng.sample(options, 3) if o != name), name + "e")


class _Rewriter:
    """Turns a source draft into a rewrite for one outlet."""

    def __init__(self, event: _Event, rng: random.Random, words: int, recent: list[str]):
        self.event = event
        self.rng = rng
        self.low, self.high = words * 0.82, words * 1.18
        self.recent = recent

    def rewrite(self, source: _Draft, outlet: str) -> _Draft:
        rng = self.rng
        sentences = list(source.sentences)
        keys = list(source.keys)
        edited: set[int] = set()

        # Cuts: a trimmed tail and scattered drops (never the lead).
        drop = rng.uniform(0.0, 0.18)
        keep = [i == 0 or rng.random() >= drop for i in range(len(sentences))]
        if rng.random() < 0.35 and len(sentences) > 6:
            for i in range(len(sentences) - rng.randint(1, max(1, len(sentences) // 6)), len(keep)):
                keep[i] = False

        # Edits sentence by sentence.
        rate = rng.uniform(0.05, 0.45)
        trim = rng.random() < 0.5
        for i, text in enumerate(sentences):
            new = text
            if i and rng.random() < rate:
                new = _paraphrase(new, rng, rng.uniform(0.4, 0.9))
            if trim and '"' in new and rng.random() < 0.4:
                new = _trim_quote(new)
            if new != text:
                sentences[i], keys[i] = new, -1
                edited.add(i)
        if rng.random() < 0.25:
            i = rng.randrange(len(sentences))
            sentences[i], keys[i] = _change_number(sentences[i], rng), -1
        if rng.random() < 0.15:
            role = rng.choice(_PEOPLE)
            first, last = self.event.people[role]
            if rng.random() < 0.5:
                old, new_name = last, _misspell(last, rng)
            else:
                old = f"{first} {last}"
                new_name = f"{rng.choice(lexicon.FIRST_NAMES)} {last}"
            sentences = [s.replace(old, new_name) for s in sentences]

        rows = [(s, k) for s, k, kept in zip(sentences, keys, keep, strict=True) if kept]
        while sum(len(s.split()) for s, _ in rows) < self.low:
            missing = [i for i, kept in enumerate(keep) if not kept]
            if not missing:
                break
            keep[rng.choice(missing)] = True
            rows = [(s, k) for s, k, kept in zip(sentences, keys, keep, strict=True) if kept]

        # Reorder a little (the lead stays first).
        if rng.random() < 0.4 and len(rows) > 4:
            for _ in range(rng.randint(1, 2)):
                row = rows.pop(rng.randrange(1, len(rows)))
                rows.insert(rng.randrange(1, len(rows) + 1), row)

        # Context of the outlet's own, 1-3 sentences (more if the copy ran short).
        context = list(_TEMPLATES["context"])
        rng.shuffle(context)
        slots = dict(self.event.slots)
        slots["outlet"] = outlet
        added = 0
        wanted = rng.randint(1, 3)
        while context and (added < wanted or sum(len(s.split()) for s, _ in rows) < self.low):
            text = _sentence(context.pop(), slots, rng)
            rows.insert(rng.randint(1, len(rows)), (text, -1))
            added += 1
        while sum(len(s.split()) for s, _ in rows) > self.high and len(rows) > 3:
            rows.pop(rng.randrange(1, len(rows)))

        draft = _Draft(
            title=self._title(source.title),
            dateline=self._dateline(source.dateline),
            sentences=[s for s, _ in rows],
            keys=[k for _, k in rows],
        )
        _furnish(draft, rng, outlet, self.recent, self.event.title)
        return draft

    def _title(self, title: str) -> str:
        roll = self.rng.random()
        if roll < 0.4:
            return title
        if roll < 0.7:
            return _paraphrase(title, self.rng, 0.8)
        return _headline(self.event, self.rng)

    def _dateline(self, dateline: str) -> str:
        roll = self.rng.random()
        if dateline and roll < 0.35:
            return dateline
        if roll < 0.6:
            return f"{self.event.town.upper()} — "
        return ""


def _furnish(
    draft: _Draft, rng: random.Random, outlet: str, recent: list[str], own_title: str
) -> None:
    """Add the byline, photo credit and "READ ALSO" lines that a page puts around a story."""
    if rng.random() < 0.35:
        draft.byline = f"By {rng.choice(lexicon.FIRST_NAMES)} {_surname(rng)}"
    if rng.random() < 0.15:
        draft.photo = f"Photo: {rng.choice(lexicon.FIRST_NAMES)} {_surname(rng)} / {outlet}"
    others = [t for t in recent if t != own_title]
    if others and rng.random() < 0.4:
        draft.related = tuple(rng.sample(others, min(len(others), rng.randint(2, 3))))


# --------------------------------------------------------------------------------------------
# The writer: one slot (an event with its coverage, or a distractor) at a time
# --------------------------------------------------------------------------------------------

#: Independent reports may come out up to this long before the wire story.
_MAX_LEAD = timedelta(minutes=60)
#: Mean gap between slots (plus a 5-minute minimum): the default 70 slots span about 4.6 days.
_MEAN_GAP_MINUTES = 90.0
_RECENT_EVENTS = 8
#: Stories written from scratch share no 8-word run with those of the last this-many slots
#: (about 38 hours at the default spacing); farther apart, template phrasing may repeat.
_MEMORY_SLOTS = 24
_OUTLET_STYLES: tuple[tuple[int, ...], ...] = ((1,), (1, 2), (1, 2, 2), (2, 3), (1, 1, 2, 3))
_WIRE_STYLE: tuple[int, ...] = (1, 2)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _host(outlet: str) -> str:
    return re.sub(r"[^a-z0-9]", "", outlet.lower().removeprefix("the "))


@dataclass(slots=True)
class _Recent:
    event: _Event
    grams: set[tuple[str, ...]]  # the wire story's 8-word runs


class _Memory:
    """The 8-word runs of the original stories of the last few slots, counted."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self.window: deque[set[tuple[str, ...]]] = deque()
        self.counts: dict[tuple[str, ...], int] = {}

    def add(self, grams: set[tuple[str, ...]]) -> None:
        self.window.append(grams)
        counts = self.counts
        for gram in grams:
            counts[gram] = counts.get(gram, 0) + 1
        if len(self.window) > self.slots:
            for gram in self.window.popleft():
                left = counts[gram] - 1
                if left:
                    counts[gram] = left
                else:
                    del counts[gram]


class _Writer:
    def __init__(self, config: SynthConfig) -> None:
        self.config = config
        self.recent: deque[_Recent] = deque(maxlen=_RECENT_EVENTS)
        self.memory = _Memory(_MEMORY_SLOTS)
        self.salt = (config.seed * 0x85EBCA6B) & 0xFFFFFFFF

    def _id(self, slot: int, n: int) -> str:
        # An odd multiplier mod 2**32 is a bijection: ids are unique yet reveal no grouping.
        return f"syn-{((slot * 64 + n) * 0x9E3779B1 + self.salt) & 0xFFFFFFFF:08x}"

    def _article(
        self,
        article_id: str,
        draft: _Draft,
        outlet: str,
        published: datetime,
        rng: random.Random,
        style: tuple[int, ...],
    ) -> Article:
        section = "wire" if outlet in _AGENCY_NAMES else rng.choice(lexicon.URL_SECTIONS)
        slug = "-".join(_slug(draft.title).split("-")[:8])
        url = (
            f"https://{_host(outlet)}.example/{section}/{published:%Y/%m/%d}/"
            f"{slug}-{article_id.removeprefix('syn-')}"
        )
        return Article(
            text=_render_text(draft, rng, style),
            id=article_id,
            title=draft.title,
            url=url,
            outlet=outlet,
            published=published,
        )

    def _original(
        self,
        article_id: str,
        draft: _Draft,
        outlet: str,
        published: datetime,
        rng: random.Random,
        style: tuple[int, ...],
        avoid: _Avoid,
        slots: _Slots,
    ) -> tuple[Article, set[tuple[str, ...]]]:
        """Render a story written from scratch, after rewriting sentences whose joins still
        share an 8-word run with ``avoid`` (page furniture such as "READ ALSO" lines aside).

        ``_compose`` already kept each sentence clear of the recent stories; this also clears
        the joins, against the one story that must share nothing (the wire story of the same
        event, or the event a distractor imitates).

        Returns the article and the 8-word runs of its body.
        """
        grams = _ngrams(draft.body())
        for attempt in range(12):
            shared = {g for g in grams if any(g in a for a in avoid)} if avoid else set()
            if not shared or len(draft.sentences) < 2:
                break
            _repair(draft, shared, slots, rng, avoid, drop=attempt >= 8)
            grams = _ngrams(draft.body())
        return self._article(article_id, draft, outlet, published, rng, style), grams

    def _target(self, rng: random.Random) -> float:
        return self.config.words_per_article * rng.uniform(0.88, 1.12)

    def _lines(self) -> list[str]:
        return [item.event.title for item in self.recent]

    def slot(self, slot: int, now: datetime, *, distractor: bool) -> list[SynthRecord]:
        """Write one slot: a distractor, or an event with all its coverage."""
        rng = random.Random(f"wiretrace-synth:{self.config.seed}:{slot}")
        event_id = f"ev{slot:06d}"
        if distractor:
            sibling = rng.choice(self.recent) if self.recent and rng.random() < 0.6 else None
            event = _make_event(rng, event_id, now, sibling.event if sibling else None)
            record, grams = self._distractor(rng, event, now, sibling)
            self.memory.add(grams)
            return [record]
        event = _make_event(rng, event_id, now, None)
        records, grams = self._event(rng, event, now)
        self.memory.add(grams)
        return records

    def _distractor(
        self, rng: random.Random, event: _Event, now: datetime, sibling: _Recent | None
    ) -> tuple[SynthRecord, set[tuple[str, ...]]]:
        strict: _Avoid = (sibling.grams,) if sibling else ()
        avoid = (self.memory.counts, *strict)
        sentences, keys = _compose(event, rng, self._target(rng), avoid=avoid)
        agency = rng.random() < 0.5
        outlet = event.agency[0] if agency else rng.choice(lexicon.OUTLETS)
        draft = _Draft(
            title=event.title,
            dateline=self._wire_dateline(event, now) if agency else "",
            sentences=sentences,
            keys=keys,
        )
        if not agency:
            _furnish(draft, rng, outlet, self._lines(), event.title)
        style = _WIRE_STYLE if agency else rng.choice(_OUTLET_STYLES)
        article_id = self._id(_slot_of(event), 0)
        article, grams = self._original(
            article_id, draft, outlet, now, rng, style, strict, event.slots
        )
        resembles = sibling.event.event_id if sibling else None
        record = SynthRecord(article, event.event_id, SynthRole.DISTRACTOR, resembles=resembles)
        return record, grams

    @staticmethod
    def _wire_dateline(event: _Event, published: datetime) -> str:
        day = f"{_MONTHS[published.month - 1]} {published.day}"
        return f"{event.town.upper()}, {day} ({event.agency[1]}) - "

    def _event(
        self, rng: random.Random, event: _Event, now: datetime
    ) -> tuple[list[SynthRecord], set[tuple[str, ...]]]:
        cfg = self.config
        slot = _slot_of(event)
        sentences, keys = _compose(event, rng, self._target(rng), avoid=(self.memory.counts,))
        credit = ""
        if rng.random() < 0.5:
            credit = (
                f"(Reporting by {rng.choice(lexicon.FIRST_NAMES)} {_surname(rng)}; "
                f"Editing by {rng.choice(lexicon.FIRST_NAMES)} {_surname(rng)})"
            )
        wire = _Draft(
            title=event.title,
            dateline=self._wire_dateline(event, now),
            sentences=sentences,
            keys=keys,
            credit=credit,
        )
        wire_id = self._id(slot, 0)
        wire_article, wire_grams = self._original(
            wire_id, wire, event.agency[0], now, rng, _WIRE_STYLE, (), event.slots
        )
        records = [SynthRecord(wire_article, event.event_id, SynthRole.WIRE)]
        originals = set(wire_grams)

        n_rewrites = rng.randint(*cfg.rewrites_per_event)
        n_independent = rng.randint(*cfg.independent_reports_per_event)
        outlets = rng.sample(lexicon.OUTLETS, n_rewrites + n_independent)

        # Rewrites: from the wire, or (a chain) from an earlier rewrite.
        rewriter = _Rewriter(event, rng, cfg.words_per_article, self._lines())
        drafts: list[tuple[str, _Draft, datetime]] = [(wire_id, wire, now)]
        for n in range(n_rewrites):
            parent_id, parent, parent_time = drafts[0] if rng.random() < 0.6 else rng.choice(drafts)
            outlet = outlets[n]
            draft = rewriter.rewrite(parent, outlet)
            published = parent_time + timedelta(minutes=rng.randint(6, 300))
            article_id = self._id(slot, 1 + n)
            article = self._article(
                article_id, draft, outlet, published, rng, rng.choice(_OUTLET_STYLES)
            )
            drafts.append((article_id, draft, published))
            records.append(
                SynthRecord(article, event.event_id, SynthRole.REWRITE, derived_from=parent_id)
            )

        # Independent reports: the same facts, written from scratch.
        for n in range(n_independent):
            record, grams = self._independent(
                rng, event, now, wire, wire_grams, outlets[n_rewrites + n], 1 + n_rewrites + n
            )
            records.append(record)
            originals |= grams
        self.recent.append(_Recent(event, wire_grams))
        return records, originals

    def _independent(
        self,
        rng: random.Random,
        event: _Event,
        now: datetime,
        wire: _Draft,
        wire_grams: set[tuple[str, ...]],
        outlet: str,
        n: int,
    ) -> tuple[SynthRecord, set[tuple[str, ...]]]:
        agency = rng.random() < 0.4
        if agency:
            outlet = rng.choice([a for a in lexicon.AGENCIES if a != event.agency])[0]
        published = now + timedelta(minutes=rng.randint(-60, 360))
        sentences, keys = _compose(
            event,
            rng,
            self._target(rng),
            avoid=(self.memory.counts, wire_grams),
            prefer_not=set(wire.keys),
        )
        short = next(a[1] for a in lexicon.AGENCIES if a[0] == outlet) if agency else ""
        dateline = (
            f"{event.town.upper()}, {_MONTHS[published.month - 1]} {published.day} ({short}) - "
            if agency
            else rng.choice(("", f"{event.town.upper()} — "))
        )
        draft = _Draft(
            title=_headline(event, rng),
            dateline=dateline,
            sentences=sentences,
            keys=keys,
        )
        if not agency:
            _furnish(draft, rng, outlet, self._lines(), event.title)
        style = _WIRE_STYLE if agency else rng.choice(_OUTLET_STYLES)
        article_id = self._id(_slot_of(event), n)
        article, grams = self._original(
            article_id, draft, outlet, published, rng, style, (wire_grams,), event.slots
        )
        return SynthRecord(article, event.event_id, SynthRole.INDEPENDENT), grams


def _repair(
    draft: _Draft,
    shared: set[tuple[str, ...]],
    slots: _Slots,
    rng: random.Random,
    avoid: _Avoid,
    *,
    drop: bool,
) -> None:
    """Write again (or, with ``drop``, leave out) the sentences behind shared runs.

    A run inside a sentence blames that sentence; a run across a join blames both sides.
    """
    texts = list(draft.sentences)
    texts[0] = draft.dateline + texts[0]
    blamed = {i for i, text in enumerate(texts) if _ngrams(text) & shared}
    if not blamed:
        for i in range(len(texts) - 1):
            if _ngrams(f"{texts[i]} {texts[i + 1]}") & shared:
                blamed |= {i + 1} if drop else {i, i + 1}
    for i in sorted(blamed, reverse=True):
        key = draft.keys[i]
        if drop or key < 0:
            del draft.sentences[i], draft.keys[i]
            continue
        for _ in range(4):
            text = _swap_words(_sentence(_BY_KEY[key], slots, rng), rng, 0.5, one_way=False)
            if not _clashes(_ngrams(text), avoid):
                draft.sentences[i] = text
                break


_BY_KEY: dict[int, _Template] = {t.key: t for ts in _TEMPLATES.values() for t in ts}
_AGENCY_NAMES = frozenset(name for name, _ in lexicon.AGENCIES)


def _slot_of(event: _Event) -> int:
    # The slot number inside an event id ("ev000042" -> 42).
    return int(event.event_id[2:])
