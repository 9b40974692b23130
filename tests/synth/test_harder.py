"""The harder synthetic corpus: spun copies, undated majority, look-alikes, roundups."""

from __future__ import annotations

import pytest

from wiretrace.errors import ConfigError
from wiretrace.synth import SynthConfig
from wiretrace.synth.harder import HarderConfig, _shared_5grams, generate_harder

BASE = SynthConfig(num_events=12, distractors=3, seed=5)


def test_harder_corpus_keeps_its_ground_truth_and_is_deterministic() -> None:
    config = HarderConfig(base=BASE, short_items=1.0, lookalikes=1.0, roundups=2, seed=5)
    corpus = generate_harder(config)
    again = generate_harder(config)
    assert [a.text for a in corpus.articles] == [a.text for a in again.articles]
    ids = {a.id for a in corpus.articles}
    assert ids == set(corpus.story_of)
    assert len(ids) == len(corpus.articles)
    undated = sum(a.published is None for a in corpus.articles)
    assert undated > len(corpus.articles) // 2  # a majority without times
    by_id = {a.id: a for a in corpus.articles}
    shared = [
        _shared_5grams(by_id[copy].text, by_id[source].text)
        for copy, source in corpus.derived_from.items()
    ]
    assert sum(s < 0.1 for s in shared) >= len(shared) // 4  # spun copies share < 10%
    assert any(i.endswith("-short") for i in ids)
    assert any(i.startswith("roundup-") for i in ids)
    twins = [i for i in ids if i.endswith("-lookalike")]
    assert twins and all(corpus.resembles[t] != corpus.story_of[t] for t in twins)


def test_harder_config_rejects_bad_shares() -> None:
    with pytest.raises(ConfigError, match="between 0 and 1"):
        HarderConfig(base=BASE, undated=1.5)
    with pytest.raises(ConfigError, match="must not exceed 1"):
        HarderConfig(base=BASE, spun=0.6, paraphrased=0.6)
