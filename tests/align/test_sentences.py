from __future__ import annotations

import random

import pytest

from tests.utils.factories import align_texts, make_document, sentence_texts
from tests.utils.texts import ORCHID, STRAY, story
from wiretrace import AlignConfig, AlignmentKind, CompareConfig

#: Sentences of a story that share few words with one another.
SENTENCES = (
    "The town council of Brennick voted on Monday to close the old Alder Street bridge "
    "to heavy traffic.",
    "Engineers found cracks in two support piers during a routine inspection last month.",
    "Council leader Marta Keller said the closure would hurt local hauliers.",
    "The bridge, built in 1962, carries about 4,000 vehicles a day.",
    "Ferry operators offered extra crossings for lorries while the repairs continue.",
    "A public meeting on the repair plan will be held at the town hall in April.",
)
LONG = (
    "Engineers found cracks in two support piers during a routine inspection last month, "
    "and the repair work is expected to last until the autumn."
)
LONG_PARTS = (
    "Engineers found cracks in two support piers during a routine inspection last month.",
    "The repair work is expected to last until the autumn.",
)


def _pairs(a: str, b: str) -> list[tuple[list[str], list[str]]]:
    doc_a, doc_b = make_document(a), make_document(b)
    return [
        (sentence_texts(doc_a, al.a_sentences), sentence_texts(doc_b, al.b_sentences))
        for al in align_texts(a, b)
    ]


def test_identical_texts_align_verbatim_in_order() -> None:
    text = story(*SENTENCES)

    alignments = align_texts(text, text)

    assert [(al.a_sentences, al.b_sentences) for al in alignments] == [
        ((i,), (i,)) for i in range(len(SENTENCES))
    ]
    assert all(al.kind is AlignmentKind.VERBATIM for al in alignments)
    assert all(al.similarity == pytest.approx(1.0) for al in alignments)


@pytest.mark.parametrize(
    "seed",
    [
        # a fixed shuffle of the sentence order
        1,
        # another one
        7,
        # and a third
        2026,
    ],
)
def test_reordered_sentences_all_align_one_to_one(seed: int) -> None:
    shuffled = list(SENTENCES)
    random.Random(seed).shuffle(shuffled)

    pairs = _pairs(story(*SENTENCES), story(*shuffled))

    assert sorted(pairs) == sorted(([s], [s]) for s in SENTENCES)


def test_sparse_path_matches_dense_path() -> None:
    shuffled = list(SENTENCES)
    random.Random(3).shuffle(shuffled)
    a, b = story(*SENTENCES), story(*shuffled)
    sparse = CompareConfig(align=AlignConfig(dense_pair_limit=1))

    dense_pairs = [(al.a_sentences, al.b_sentences) for al in align_texts(a, b)]
    sparse_pairs = [(al.a_sentences, al.b_sentences) for al in align_texts(a, b, sparse)]

    assert sparse_pairs == dense_pairs


def test_split_sentence_gives_one_to_two() -> None:
    a = story(SENTENCES[0], LONG, SENTENCES[2], SENTENCES[3])
    b = story(SENTENCES[0], *LONG_PARTS, SENTENCES[2], SENTENCES[3])

    pairs = _pairs(a, b)

    assert ([LONG], list(LONG_PARTS)) in pairs
    assert len(pairs) == 4


def test_merged_sentences_give_two_to_one() -> None:
    a = story(SENTENCES[0], *LONG_PARTS, SENTENCES[2], SENTENCES[3])
    b = story(SENTENCES[0], LONG, SENTENCES[2], SENTENCES[3])

    pairs = _pairs(a, b)

    assert (list(LONG_PARTS), [LONG]) in pairs
    assert len(pairs) == 4


def test_unrelated_sentence_is_not_aligned() -> None:
    a = story(*SENTENCES)
    b = story(*SENTENCES[:3], STRAY, *SENTENCES[3:])

    pairs = _pairs(a, b)

    assert all(STRAY not in b_side for _, b_side in pairs)
    assert len(pairs) == len(SENTENCES)


def test_unrelated_stories_do_not_align() -> None:
    assert align_texts(story(*SENTENCES), story(*ORCHID)) == ()


@pytest.mark.parametrize(
    ("a_sentence", "b_sentence", "kind"),
    [
        # the very same sentence
        (SENTENCES[1], SENTENCES[1], AlignmentKind.VERBATIM),
        # only spacing and letter case differ: still verbatim
        (SENTENCES[3], SENTENCES[3].replace(" a day", "  A DAY"), AlignmentKind.VERBATIM),
        # one word changed
        (SENTENCES[1], SENTENCES[1].replace("routine", "regular"), AlignmentKind.NEAR_VERBATIM),
        # the same content in other words and another order
        (
            SENTENCES[1],
            "During a routine check last month, inspectors discovered cracks in two of the "
            "piers that support the crossing.",
            AlignmentKind.PARAPHRASE,
        ),
    ],
)
def test_alignment_kinds(a_sentence: str, b_sentence: str, kind: AlignmentKind) -> None:
    a = story(SENTENCES[0], a_sentence, SENTENCES[2])
    b = story(SENTENCES[0], b_sentence, SENTENCES[2])

    alignments = align_texts(a, b)

    assert [(al.a_sentences, al.b_sentences) for al in alignments] == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), (2,)),
    ]
    assert alignments[1].kind is kind


def test_curly_and_straight_quotes_are_verbatim() -> None:
    a = story(SENTENCES[0], '"The bridge is not safe for lorries," Keller told reporters.')
    b = story(SENTENCES[0], "“The bridge is not safe for lorries,” Keller told reporters.")

    alignments = align_texts(a, b)

    assert [al.kind for al in alignments] == [AlignmentKind.VERBATIM] * 2


def test_alignments_are_ordered_by_a_and_similarities_bounded() -> None:
    shuffled = list(SENTENCES)
    random.Random(11).shuffle(shuffled)

    alignments = align_texts(story(*SENTENCES), story(*shuffled, STRAY))

    firsts = [al.a_sentences[0] for al in alignments]
    assert firsts == sorted(firsts)
    assert all(0.0 <= al.similarity <= 1.0 for al in alignments)


def test_min_similarity_one_keeps_only_identical_sentences() -> None:
    a = story(*SENTENCES[:3])
    b = story(SENTENCES[0], SENTENCES[1].replace("routine", "regular"), SENTENCES[2])
    strict = CompareConfig(align=AlignConfig(min_similarity=0.999, merge_min_similarity=1.0))

    pairs = [(al.a_sentences, al.b_sentences) for al in align_texts(a, b, strict)]

    assert pairs == [((0,), (0,)), ((2,), (2,))]
