"""Synthetic corpora: determinism, counts, ground truth, reuse signal, lengths, JSONL round trip."""

from __future__ import annotations

import itertools
import json
import random
import re
from collections import Counter
from dataclasses import astuple
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import pytest

from wiretrace.compare import prepare
from wiretrace.corpus import ingest
from wiretrace.errors import ConfigError
from wiretrace.model import Article, BoilerplateReason
from wiretrace.store import MemoryStore
from wiretrace.synth import (
    SynthConfig,
    SynthCorpus,
    SynthRole,
    generate,
    iter_generate,
    iter_records,
    lexicon,
    write_jsonl,
)
from wiretrace.synth.generator import _TEMPLATES, _make_event, _sentence

_WORD = re.compile(r"[a-z0-9]+")
_URL = re.compile(r"^https://[a-z0-9]+\.example/[a-z]+/\d{4}/\d{2}/\d{2}/[a-z0-9-]+$")
SMALL = SynthConfig(num_events=8, distractors=6, seed=11)


@cache
def corpus(seed: int = 0) -> SynthCorpus:
    return generate(SynthConfig(seed=seed))


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def longest_shared_run(a: str, b: str) -> int:
    """Length in words of the longest run of words that ``a`` and ``b`` share."""
    wa, wb = words(a), words(b)
    where: dict[str, list[int]] = {}
    for j, w in enumerate(wb):
        where.setdefault(w, []).append(j)
    best, prev = 0, dict[int, int]()
    for w in wa:
        cur = {j: prev.get(j - 1, 0) + 1 for j in where.get(w, ())}
        best = max(best, *cur.values()) if cur else best
        prev = cur
    return best


def wires(c: SynthCorpus) -> dict[str, Article]:
    """Event id -> its wire story."""
    return {
        c.story_of[a.id or ""]: a
        for a in c.articles
        if a.id not in c.derived_from and a.id not in c.independent and a.id not in c.distractors
    }


def by_id(c: SynthCorpus) -> dict[str, Article]:
    return {a.id or "": a for a in c.articles}


# -- determinism ------------------------------------------------------------------------------


def test_same_seed_gives_the_same_corpus() -> None:
    a, b = generate(SMALL), generate(SMALL)

    assert [astuple(x) for x in a.articles] == [astuple(x) for x in b.articles]
    assert (a.story_of, a.derived_from, a.independent, a.distractors, a.resembles) == (
        b.story_of,
        b.derived_from,
        b.independent,
        b.distractors,
        b.resembles,
    )


def test_another_seed_gives_another_corpus() -> None:
    a = generate(SMALL)
    b = generate(SynthConfig(num_events=8, distractors=6, seed=12))

    assert {x.text for x in a.articles}.isdisjoint(x.text for x in b.articles)
    assert {x.id for x in a.articles}.isdisjoint(x.id for x in b.articles)


def test_iter_generate_streams_the_same_articles() -> None:
    assert list(iter_generate(SMALL)) == generate(SMALL).articles
    assert [r.article for r in iter_records(SMALL)] == generate(SMALL).articles


def test_iter_generate_is_lazy() -> None:
    # A million events would take hours to generate in full; the first articles come at once.
    first = list(itertools.islice(iter_generate(SynthConfig(num_events=1_000_000)), 30))

    assert len(first) == 30
    assert len({a.id for a in first}) == 30


# -- counts and ground truth ------------------------------------------------------------------


@pytest.mark.parametrize(
    "config",
    [
        # the defaults
        SynthConfig(),
        # exact counts: every event gets 3 rewrites and 1 independent report
        SynthConfig(num_events=5, rewrites_per_event=(3, 3), independent_reports_per_event=(1, 1)),
        # no copies at all, only wire stories and distractors
        SynthConfig(
            num_events=4, rewrites_per_event=(0, 0), independent_reports_per_event=(0, 0), seed=3
        ),
        # distractors only
        SynthConfig(num_events=0, distractors=7, seed=4),
    ],
)
def test_counts(config: SynthConfig) -> None:
    c = generate(config)
    roles = Counter(r.role for r in iter_records(config))
    per_event = Counter(c.story_of[i] for i in c.derived_from)
    independent_per_event = Counter(c.story_of[i] for i in c.independent)
    lo, hi = config.rewrites_per_event
    ilo, ihi = config.independent_reports_per_event

    assert roles[SynthRole.WIRE] == len(wires(c)) == config.num_events
    assert roles[SynthRole.DISTRACTOR] == len(c.distractors) == config.distractors
    assert roles[SynthRole.REWRITE] == len(c.derived_from)
    assert roles[SynthRole.INDEPENDENT] == len(c.independent)
    for event in wires(c):
        assert lo <= per_event[event] <= hi
        assert ilo <= independent_per_event[event] <= ihi
    assert len(c.articles) == sum(roles.values())


def test_ground_truth_is_consistent() -> None:
    c = corpus()
    articles = by_id(c)
    event_wires = wires(c)

    assert len(articles) == len(c.articles)  # ids are unique
    assert set(c.story_of) == set(articles)
    assert len({a.url for a in c.articles}) == len(c.articles)
    assert len({c.story_of[d] for d in c.distractors}) == len(c.distractors)  # own events
    assert not {c.story_of[d] for d in c.distractors} & set(event_wires)
    assert not (c.independent | c.distractors) & set(c.derived_from)
    for copy, source in c.derived_from.items():
        assert source in articles
        assert c.story_of[copy] == c.story_of[source]
        lag = articles[copy].published - articles[source].published  # type: ignore[operator]
        assert timedelta(minutes=5) <= lag <= timedelta(hours=5)
    for independent in c.independent:
        assert c.story_of[independent] in event_wires
    for distractor, event in c.resembles.items():
        assert distractor in c.distractors
        assert event in event_wires
    assert any(source in c.derived_from for source in c.derived_from.values())  # chains


def test_articles_are_in_publication_order_with_full_metadata() -> None:
    c = corpus()
    start = SynthConfig().start
    times = [a.published for a in c.articles]

    assert all(t is not None and t >= start for t in times)
    assert times == sorted(times)  # type: ignore[type-var]
    for a in c.articles:
        assert a.id and a.id.startswith("syn-")
        assert a.title and a.outlet and a.text.strip()
        assert a.url and _URL.match(a.url), a.url
        assert a.published is not None and a.published.tzinfo is not None


# -- the reuse signal: copies share long runs, stories written from scratch do not ------------


def test_rewrites_share_long_runs_with_their_source() -> None:
    c = corpus()
    articles = by_id(c)

    for copy, source in c.derived_from.items():
        assert longest_shared_run(articles[copy].text, articles[source].text) >= 40, copy
        assert articles[copy].text != articles[source].text


def test_independent_reports_share_no_8_word_run_with_the_wire() -> None:
    c = corpus()
    articles = by_id(c)
    event_wires = wires(c)

    assert c.independent
    for report in c.independent:
        wire = event_wires[c.story_of[report]]
        assert not ngrams(articles[report].text) & ngrams(wire.text), report


def test_independent_reports_carry_the_same_facts() -> None:
    c = corpus()
    articles = by_id(c)
    event_wires = wires(c)

    for report in c.independent:
        wire = event_wires[c.story_of[report]].text
        town = wire.split(",", 1)[0].title()  # from the dateline "ORVALE, March 4 (NNA) - "
        numbers = set(re.findall(r"\b\d[\d,]*\d\b", wire))
        text = articles[report].text

        assert town in text
        assert len(numbers & set(re.findall(r"\b\d[\d,]*\d\b", text))) >= 3


def test_lookalike_distractors_share_no_8_word_run_with_the_story_they_imitate() -> None:
    c = corpus()
    articles = by_id(c)
    event_wires = wires(c)

    assert len(c.resembles) >= 5
    for distractor, event in c.resembles.items():
        wire = event_wires[event].text
        text = articles[distractor].text
        assert not ngrams(text) & ngrams(wire), distractor
        # the same kind of event: shares vocabulary, but not the town
        assert len(set(words(text)) & set(words(wire))) > 100
        assert wire.split(",", 1)[0].title() not in text.split("\n", 1)[0]


def test_stories_written_from_scratch_share_no_long_run_with_any_wire() -> None:
    # Template phrasing may line up by chance (runs of 8 to ~20 words across sentence joins),
    # far below the 40+ word runs of every copy.
    c = corpus()
    articles = by_id(c)

    for article_id in c.distractors | c.independent:
        for wire in wires(c).values():
            assert longest_shared_run(articles[article_id].text, wire.text) < 30


# -- lengths and shape ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words_per_article",
    [
        # the default
        600,
        # short articles
        300,
    ],
)
def test_lengths_are_near_the_target(words_per_article: int) -> None:
    c = generate(SynthConfig(words_per_article=words_per_article, num_events=20, seed=5))
    event_wires = {a.id or "" for a in wires(c).values()}
    groups: dict[str, set[str]] = {
        "wire": event_wires,
        "rewrite": set(c.derived_from),
        "independent": c.independent,
        "distractor": c.distractors,
    }
    articles = by_id(c)

    for ids in groups.values():
        counts = [len(articles[i].text.split()) for i in ids]
        assert abs(sum(counts) / len(counts) - words_per_article) <= 0.15 * words_per_article
    for article_id in event_wires:
        count = len(articles[article_id].text.split())
        assert 0.8 * words_per_article <= count <= 1.2 * words_per_article + 12  # + credit line
    for a in c.articles:
        assert 0.7 * words_per_article <= len(a.text.split()) <= 1.4 * words_per_article


def test_wire_stories_have_15_to_35_sentences() -> None:
    counts = [len(prepare(a).sentences) for a in wires(corpus()).values()]

    assert min(counts) >= 15 and max(counts) <= 35


def test_rewrites_carry_page_furniture_that_cleaning_removes() -> None:
    reasons = Counter(
        b.reason
        for copy in corpus().derived_from
        for b in prepare(by_id(corpus())[copy]).boilerplate
    )

    assert reasons[BoilerplateReason.RELATED_LINKS] > 0
    assert reasons[BoilerplateReason.BYLINE] > 0


def test_every_template_renders_for_every_event_type() -> None:
    rng = random.Random(0)
    when = datetime(2026, 3, 4, 9, tzinfo=UTC)
    for kind in sorted(lexicon.EVENT_TYPES):
        for dead in (True, False):
            event = _make_event(rng, "ev000001", when, None)
            while event.kind != kind or event.dead != dead:
                event = _make_event(rng, "ev000001", when, None)
            slots = {**event.slots, "outlet": "The Calder Ledger"}
            for role, templates in _TEMPLATES.items():
                for template in templates:
                    if template.dead not in (None, dead):
                        continue
                    for _ in range(3):
                        text = _sentence(template, slots, rng)
                        assert not set("{}[]|") & set(text), (kind, role, text)
                        assert "  " not in text and " ," not in text, text
                        first = text.lstrip('"')[0]
                        assert first.isupper() or first.isdigit(), text
                        if role != "headline":
                            assert text.endswith((".", '."')), text


def test_outlet_hosts_are_distinct() -> None:
    names = list(lexicon.OUTLETS) + [name for name, _ in lexicon.AGENCIES]
    hosts = {re.sub(r"[^a-z0-9]", "", n.lower().removeprefix("the ")) for n in names}

    assert len(hosts) == len(names)


# -- JSON Lines -------------------------------------------------------------------------------


def test_write_jsonl_is_read_back_by_ingest(tmp_path: Path) -> None:
    c = generate(SMALL)
    path = tmp_path / "synth.jsonl"

    assert write_jsonl(c, path) == len(c.articles)
    store = MemoryStore()
    summary = ingest([path], store)

    assert summary.added == len(c.articles)
    assert not summary.skipped and not summary.duplicates
    for a in c.articles:
        stored = store.get(a.id or "")
        assert stored is not None
        got = stored.article
        assert (got.text, got.title, got.url, got.outlet, got.published) == (
            a.text,
            a.title,
            a.url,
            a.outlet,
            a.published,
        )


def test_write_jsonl_streams_articles_or_records(tmp_path: Path) -> None:
    from_iter = tmp_path / "iter.jsonl"
    from_records = tmp_path / "records.jsonl"

    n = write_jsonl(iter_generate(SMALL), from_iter)
    assert write_jsonl(iter_records(SMALL), from_records) == n
    assert from_iter.read_bytes() == from_records.read_bytes()
    lines = from_iter.read_text(encoding="utf-8").splitlines()
    assert len(lines) == n
    first = json.loads(lines[0])
    assert sorted(first) == ["id", "outlet", "published", "text", "title", "url"]
    assert first["published"].endswith("Z")


# -- configuration ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        # negative count
        {"num_events": -1},
        # nothing to generate
        {"num_events": 0, "distractors": 0},
        # bool is not an int
        {"seed": True},
        # float count
        {"distractors": 2.0},
        # range upside down
        {"rewrites_per_event": (5, 2)},
        # range too wide
        {"independent_reports_per_event": (0, 11)},
        # not a pair
        {"rewrites_per_event": (2,)},
        # too short to write a story
        {"words_per_article": 100},
        # too long for the templates
        {"words_per_article": 5000},
        # start is not a datetime
        {"start": "2026-03-01"},
    ],
)
def test_bad_config_raises_config_error(options: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match="SynthConfig"):
        SynthConfig(**options)  # type: ignore[arg-type]


def test_config_normalises_shorthand() -> None:
    config = SynthConfig(
        rewrites_per_event=[1, 2],  # type: ignore[arg-type]
        start=datetime(2026, 5, 1, 12),
    )

    assert config.rewrites_per_event == (1, 2)
    assert config.start == datetime(2026, 5, 1, 12, tzinfo=UTC)
    assert config == SynthConfig(rewrites_per_event=(1, 2), start=datetime(2026, 5, 1, 12))
