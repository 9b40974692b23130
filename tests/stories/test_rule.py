"""Figures keyed by their unit: the key's round trip, rounded figures, and how an
article's figures meet a story's (an update keeps most, a look-alike event changes them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.utils.factories import stored
from wiretrace import Article
from wiretrace.batch.stages import article_unit, resolve_component, split_component
from wiretrace.config import BatchConfig, StoriesConfig
from wiretrace.store import MemoryStore
from wiretrace.stories import StoryClusterer
from wiretrace.stories.features import Featurizer
from wiretrace.stories.rule import (
    figure_agreement,
    figure_key,
    figure_value,
    figures_apart,
    same_figure,
)

# A fictional wire report, an update of it (two counts rose, the rest kept) and a
# look-alike event on another day (the same actors and places, every figure other).
WIRE = (
    "A fire destroyed the Quellmoor harbour warehouse on Tuesday. Harbour master Ivo "
    "Drennick said 37 families lost their stores of grain, and 4 dock workers were hurt. "
    "The blaze started in the 14-metre crane shed and burned for 9 hours. Fire chief "
    "Sela Orvang sent 6 engines and 45 firefighters; 120 tonnes of grain were lost."
)
UPDATE = WIRE.replace("4 dock workers", "11 dock workers").replace("37 families", "52 families")
LOOKALIKE = (
    "A fire destroyed the Quellmoor harbour warehouse on Sunday. Harbour master Ivo "
    "Drennick said 12 families lost their stores of grain, and 2 dock workers were hurt. "
    "The blaze started in the 25-metre crane shed and burned for 3 hours. Fire chief "
    "Sela Orvang sent 4 engines and 30 firefighters; 80 tonnes of grain were lost."
)


def test_a_figure_key_keeps_its_unit_and_value() -> None:
    key = figure_key("magnitud", 7.6)
    assert 0 <= key < 1 << 63
    assert figure_value(key) == pytest.approx(7.6, rel=1e-6)
    assert key >> 32 == figure_key("magnitud", 6.3) >> 32  # one unit, one tag
    assert key >> 32 != figure_key("dead", 7.6) >> 32


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (114_796, 110_000, True),  # "about 110,000" for 114,796
        (33.46, 33.5, True),  # rounded to one decimal
        (40.1, 40.2, False),  # both written to the same place: two figures
        (72, 71, False),  # counts
        (593e9, 600e9, True),  # "nearly $600 billion"
        (7.6, 6.3, False),  # another quake
    ],
)
def test_a_rounded_figure_is_the_same_figure(a: float, b: float, same: bool) -> None:
    assert same_figure(a, b) is same
    assert same_figure(b, a) is same


def test_an_update_keeps_most_figures_and_a_look_alike_changes_them() -> None:
    featurizer = Featurizer()
    story = featurizer(Article(text=WIRE)).terms
    update = featurizer(Article(text=UPDATE)).figures
    lookalike = featurizer(Article(text=LOOKALIKE)).figures
    assert figure_agreement(update, story) == (5, 2)  # families and injured rose
    assert not figures_apart(update, story)
    assert figure_agreement(lookalike, story) == (0, 7)
    assert figures_apart(lookalike, story)
    # units the story lacks count neither way: a report may add figures
    assert figure_agreement(lookalike, {}) == (0, 0)


def test_a_story_whose_own_reports_differ_on_a_unit_is_not_defined_by_it() -> None:
    featurizer = Featurizer()
    story = dict(featurizer(Article(text=WIRE)).terms)
    for key, weight in featurizer(Article(text=LOOKALIKE)).terms.items():
        story[key] = story.get(key, 0.0) + weight
    # every unit now holds two values: none of them tells the story apart
    assert figure_agreement(featurizer(Article(text=UPDATE)).figures, story)[1] == 0


def test_the_clusterer_keeps_a_look_alike_out_and_lets_an_update_in() -> None:
    base = datetime(2026, 4, 7, 9, tzinfo=UTC)
    store = MemoryStore()
    store.add(
        [
            stored(Article(text=WIRE, id="wire", published=base)),
            stored(Article(text=LOOKALIKE, id="lookalike")),  # no time: the window can't help
            stored(Article(text=UPDATE, id="update", published=base + timedelta(hours=20))),
        ]
    )
    done = {a.article_id: a for a in StoryClusterer(store).run()}
    assert done["update"].story_id == done["wire"].story_id
    assert done["lookalike"].story_id != done["wire"].story_id
    assert done["lookalike"].reason == "new"


def test_the_batch_rule_keeps_the_look_alike_out_too() -> None:
    featurizer = Featurizer()
    texts = (WIRE, LOOKALIKE, UPDATE)
    units = [article_unit(k, featurizer(Article(text=t)), None) for k, t in enumerate(texts)]
    # copy links all round: the look-alike shares the wire's sentences
    links = {a: {b: 0.8 for b in range(3) if b != a} for a in range(3)}
    flat = lambda _term: 1.0  # noqa: E731
    rule = StoriesConfig()
    groups = split_component(units, links, flat, rule)
    assert sorted(g.members for g in groups) == [(0, 2), (1,)]
    # a component holding it is never kept whole on its cohesion alone
    assert len(resolve_component(units, links, flat, rule, BatchConfig())) == 2
