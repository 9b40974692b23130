"""The harder synthetic corpus: spun copies, undated majority, look-alikes, roundups."""

from __future__ import annotations

import itertools
import random
import statistics

import pytest

from wiretrace.errors import ConfigError
from wiretrace.synth import SynthConfig
from wiretrace.synth.harder import (
    HarderConfig,
    _page,
    _shared_5grams,
    _spin,
    _spinner,
    generate_harder,
    generate_harder_kinds,
)

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


def test_each_spun_copy_has_its_own_spinner() -> None:
    # two outlets' tools pick different synonyms; one tool is consistent within a text
    a = _spinner(random.Random(1))
    b = _spinner(random.Random(2))
    assert a != b
    text = "The police said the town was quiet."
    spun = _spin(text, random.Random(3), rate=1.0, table=a)
    assert spun == _spin(text, random.Random(4), rate=1.0, table=a)
    assert "police" not in spun.lower() and "said" not in spun


def test_page_parts_leave_the_source_pages_furniture_behind() -> None:
    text = (
        "By Ada Quill\nPhoto: Ben Rowe / The Fen Courier\n"
        "MARLOW, May 4 (FNA) - Floods closed the bridge on Monday, officials said.\n"
        "READ ALSO:\nTram fares rise in Dunmore\nHarbour festival postponed\n"
        "Repairs will take a week, the council said.\n"
        "(Reporting by Cy Hale; Editing by Dee Marsh)"
    )
    head, dateline, body = _page(text)
    assert head == "By Ada Quill\nPhoto: Ben Rowe / The Fen Courier\n"
    assert dateline == "MARLOW, May 4 (FNA) - "
    assert body == (
        "Floods closed the bridge on Monday, officials said.\n"
        "Repairs will take a week, the council said."
    )
    assert _page("MARLOW — Floods closed the bridge.")[1] == "MARLOW — "


def test_copies_share_text_with_their_labelled_source() -> None:
    # a copy the base generator wrote from its source's text before harder.py replaced
    # that text is written again from the new text (its label would be wrong otherwise)
    corpus, kinds = generate_harder_kinds(HarderConfig(base=BASE, seed=5))
    by_id = {a.id: a for a in corpus.articles}
    edited = [
        (copy, source)
        for copy, source in corpus.derived_from.items()
        if kinds[copy] == "edited" and source in kinds and kinds[source] != "edited"
    ]
    assert edited
    for copy, source in edited:
        assert _shared_5grams(by_id[copy].text, by_id[source].text) >= 0.3


def test_spun_siblings_are_not_near_duplicates_of_each_other() -> None:
    # one spinner for every copy made two spun copies of one wire share ~90% of their
    # 5-grams (real news: no sibling pair above 0.77, and those copy the source verbatim)
    config = HarderConfig(base=BASE, spun=1.0, paraphrased=0.0, condensed=0.0, seed=5)
    corpus, kinds = generate_harder_kinds(config)
    by_id = {a.id: a.text for a in corpus.articles}
    children: dict[str, list[str]] = {}
    for copy, source in corpus.derived_from.items():
        if kinds[copy] == "spun" and source not in corpus.derived_from:
            children.setdefault(source, []).append(copy)
    mutual = [
        max(_shared_5grams(by_id[x], by_id[y]), _shared_5grams(by_id[y], by_id[x]))
        for copies in children.values()
        for x, y in itertools.combinations(copies, 2)
    ]
    assert mutual and statistics.median(mutual) < 0.3
