"""The passage aligner on analysed documents: where passages start and end, and its filters."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_reuse import (
    COPY,
    PLANTED,
    SOURCE,
    UNRELATED,
    assert_passages_sane,
    overlaps,
)
from tests.utils.factories import make_document
from tests.utils.texts import POOL, story
from wiretrace import ConfigError
from wiretrace.align.passages import PassageAligner
from wiretrace.config import PassageConfig
from wiretrace.model import Passage
from wiretrace.reuse import plain_text_config
from wiretrace.text.analysis import Analysis, analyze

PROPERTY = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def analysed(text: str) -> Analysis:
    """A plain document (no boilerplate removal), segmented and analysed."""
    return analyze(make_document(text, plain_text_config()))


def align(a: str, b: str, config: PassageConfig | None = None) -> tuple[Passage, ...]:
    return PassageAligner(config).align(analysed(a), analysed(b))


def test_spans_are_those_of_the_first_and_last_sentence() -> None:
    a, b = analysed(SOURCE), analysed(COPY)

    passages = PassageAligner().align(a, b)

    assert passages
    sa, sb = a.doc.sentences, b.doc.sentences
    for p in passages:
        assert p.a_span == (sa[p.a_sentences[0]].start, sa[p.a_sentences[1]].end)
        assert p.b_span == (sb[p.b_sentences[0]].start, sb[p.b_sentences[1]].end)


def test_each_planted_copy_is_its_own_passage() -> None:
    passages = align(SOURCE, COPY)

    assert_passages_sane(passages, SOURCE, COPY)
    assert len(passages) == len(PLANTED)
    for p, (in_copy, in_source) in zip(passages, PLANTED.values(), strict=True):
        assert overlaps(p.b_span, in_copy)
        assert overlaps(p.a_span, in_source)


def test_swapping_the_documents_swaps_the_spans() -> None:
    passages = align(COPY, SOURCE)

    assert len(passages) == len(PLANTED)
    by_source = sorted(passages, key=lambda p: p.a_span)
    for p, (in_copy, in_source) in zip(by_source, PLANTED.values(), strict=True):
        assert overlaps(p.a_span, in_copy)
        assert overlaps(p.b_span, in_source)


def test_unrelated_documents_give_no_passage() -> None:
    assert align(SOURCE, UNRELATED) == ()


def test_document_without_words_gives_no_passage() -> None:
    assert align(SOURCE, "... !!! ---") == ()
    assert align("... !!! ---", SOURCE) == ()


def test_short_passages_are_dropped() -> None:
    # Both planted copies are shorter than 1,000 characters on both sides.
    assert align(SOURCE, COPY, PassageConfig(min_chars=1000)) == ()


def test_seed_thresholds_decide_what_is_found() -> None:
    # Only (nearly) identical sentences seed: the verbatim copy, not the edited one.
    strict = PassageConfig(
        seed_cosine=0.99, seed_dice=0.99, summary_seed_cosine=0.99, summary_seed_dice=0.99
    )

    (passage,) = align(SOURCE, COPY, strict)

    in_copy, in_source = PLANTED["verbatim"]
    assert overlaps(passage.b_span, in_copy)
    assert overlaps(passage.a_span, in_source)


@pytest.mark.parametrize(
    "field",
    [
        # a similarity threshold above 1
        "seed_cosine",
        # a similarity threshold below 0 (see the value below)
        "min_passage_cosine",
    ],
)
def test_bad_thresholds_are_config_errors(field: str) -> None:
    value = 1.5 if field == "seed_cosine" else -0.1
    with pytest.raises(ConfigError):
        PassageConfig(**{field: value})


def test_default_config() -> None:
    assert PassageAligner().config == PassageConfig()


@PROPERTY
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_random_texts_give_sane_passages(seed: int) -> None:
    rng = random.Random(seed)
    a = story(*rng.sample(POOL, rng.randint(3, len(POOL))))
    b = story(*rng.sample(POOL, rng.randint(3, len(POOL))))

    assert_passages_sane(align(a, b), a, b)
