"""Derivation by in-order sentence alignment: spun and condensed copies are linked and get
their kind; an independent report of the same facts is not linked."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.compare import prepare
from wiretrace.model import Article, DerivationKind
from wiretrace.provenance.alignment import SENTENCE_MATCH, StoryAligner, _chain
from wiretrace.provenance.graph import derive
from wiretrace.report import SCHEMA_VERSION
from wiretrace.store import StoredArticle, content_hash

WIRE = (
    "A landslide buried part of the mountain road above Kestrel Falls on Tuesday night, "
    "cutting off the village of Brannock for the second time this year.\n"
    "Regional engineer Maren Oduya said crews would need at least nine days to clear "
    "the 140-metre stretch.\n"
    "No one was hurt, but 36 households in Brannock now depend on a single ferry across "
    "Lake Ivel.\n"
    "The council approved 2.3 million crowns in emergency funds on Wednesday morning.\n"
    "Oduya said heavy rain had loosened the slope above the road since the weekend."
)
# every sentence kept in order, most words swapped for synonyms: few shared 5-grams
SPUN = (
    "A mudslide entombed a section of the alpine highway over Kestrel Falls late Tuesday, "
    "severing the hamlet of Brannock for the second occasion this year.\n"
    "District engineer Maren Oduya stated workers would require no less than nine days to "
    "clean up the 140-metre section.\n"
    "Nobody was injured, yet 36 families in Brannock currently rely upon one ferry over "
    "Lake Ivel.\n"
    "The council sanctioned 2.3 million crowns in urgent funding on Wednesday morning.\n"
    "Oduya stated torrential rain had weakened the incline over the highway since the weekend."
)
CONDENSED = (
    "A landslide buried the mountain road above Kestrel Falls on Tuesday night, cutting off "
    "Brannock again.\n"
    "Engineer Maren Oduya said crews need at least nine days to clear the 140-metre stretch."
)
# the same facts told independently, in another order and other words
INDEPENDENT = (
    "Brannock's 36 households are relying on the Lake Ivel ferry after the only road to the "
    "village was blocked.\n"
    "Councillors released 2.3 million crowns on Wednesday, the mayor's office confirmed.\n"
    "Residents blamed days of rain for the collapse above Kestrel Falls.\n"
    "Maren Oduya, who leads the regional roads team, put the repair at nine days or more."
)


def _stored(aid: str, text: str, hour: int | None = None) -> StoredArticle:
    when = None if hour is None else datetime(2026, 3, 4, hour, tzinfo=UTC)
    article = Article(text=text, id=aid, published=when)
    return StoredArticle(id=aid, article=article, content_hash=content_hash(text))


def test_in_order_alignment_tells_copies_from_independent_reports() -> None:
    docs = [prepare(Article(text=t)) for t in (WIRE, SPUN, CONDENSED, INDEPENDENT)]
    aligner = StoryAligner(docs)
    spun = aligner.pair(0, 1)
    assert spun.is_copy and spun.aligned >= 3
    assert spun.copy_coverage > 0.5 and spun.source_coverage > 0.5
    assert aligner.pair(0, 2).is_copy
    assert not aligner.pair(0, 3).is_copy
    assert not aligner.pair(3, 0).is_copy


def test_derive_links_spun_and_condensed_copies_with_their_kind() -> None:
    members = [
        _stored("wire", WIRE, 8),
        _stored("spun", SPUN, 11),
        _stored("short", CONDENSED, 12),
        _stored("own", INDEPENDENT),
    ]
    graph = derive(members, compare_edges=False)
    kinds = {(e.source_id, e.target_id): e.kind for e in graph.edges}
    assert kinds[("wire", "spun")] is DerivationKind.SPUN
    assert kinds[("wire", "short")] in (DerivationKind.CONDENSED, DerivationKind.LIGHT_EDIT)
    assert all("own" not in pair for pair in kinds)
    assert graph.role("own") == "independent"


def test_story_json_carries_edge_kinds_and_membership_evidence() -> None:
    from wiretrace.corpus import Corpus
    from wiretrace.report.stories import story_to_dict, why_text
    from wiretrace.store import MemoryStore

    corpus = Corpus(MemoryStore())
    for aid, text, hour in (("wire", WIRE, 8), ("spun", SPUN, 11), ("own", INDEPENDENT, 13)):
        corpus.add(_stored(aid, text, hour).article)
    (story,) = [s for s in corpus.stories() if "wire" in s.article_ids]
    view = corpus.story(story.story_id, compare_edges=False)
    data = story_to_dict(view)
    assert data["schema_version"] == SCHEMA_VERSION
    assert {e["kind"] for e in data["edges"]} == {"spun"}
    assert {e["direction"] for e in data["edges"]} == {"known"}  # timed articles
    members = {t["id"]: t["membership"] for t in data["timeline"]}
    assert members["spun"]["how"] == "shared_text" and members["spun"]["with"] == "wire"
    if "own" in members:  # an independent report joins by closeness, with what matched
        own = members["own"]
        assert own["how"] == "centroid" and own["with"] is None
        assert "Brannock" in own["names"] and own["score"] > 0
        assert "close to the others" in why_text(view.members[-1])


# A wire report in full; the page that carries it was gathered cut short (its first four
# sentences). Two rewrites of the full wire, each with its own word swaps: SIBLING keeps
# more of the wire's words, REWRITE fewer, so REWRITE aligns over more of its text with
# SIBLING (whose last sentences the cut page lacks) than with the page it came from.
FLOOD = [
    "Flood barriers failed along the Orsk river at Haldem on Sunday, forcing 2,400 "
    "residents from their homes, the district council said.",
    "Council leader Petra Vines said water reached the old market square within an hour "
    "of the breach.",
    "Rescue teams from Marrow and Tolby used 40 boats to move elderly residents to the "
    "Haldem sports hall.",
    "The weather service expects another 60 millimetres of rain in the Orsk valley by Tuesday.",
    "Vines said the barriers had been inspected in March and passed every test.",
    "An independent review of the barrier contract will begin next month, the council added.",
]
FLOOD_PAGE = " ".join(FLOOD[:4])
SIBLING = " ".join(
    [
        "Flood barriers collapsed along the Orsk river at Haldem on Sunday, driving 2,400 "
        "residents out of their homes, the district council said.",
        "Council chief Petra Vines said water hit the old market square inside an hour of "
        "the breach.",
        "Rescue crews from Marrow and Tolby deployed 40 boats to shift elderly residents to "
        "the Haldem sports hall.",
        "The weather service forecasts another 60 millimetres of rainfall in the Orsk valley "
        "by Tuesday.",
        "Vines said the barriers had been checked in March and cleared every test.",
        "An independent inquiry into the barrier contract will start next month, the "
        "council added.",
    ]
)
REWRITE = " ".join(
    [
        "Flood walls broke along the Orsk river near Haldem on Sunday, pushing 2,400 "
        "residents from their homes, the district council reported.",
        "Council leader Petra Vines reported water flooded the old market square within an "
        "hour of the breach.",
        "Rescue units from Marrow and Tolby sent 40 boats to move elderly locals to the "
        "Haldem sports hall.",
        "The weather agency predicts another 60 millimetres of rain across the Orsk valley "
        "by Tuesday.",
        "Vines stated the walls had been inspected in March and passed each test.",
        "An outside review of the wall contract will begin next month, the council added.",
    ]
)


def test_closer_share_attributes_a_copy_s_sentences_to_the_nearer_candidate() -> None:
    docs = [prepare(Article(text=t)) for t in (FLOOD_PAGE, SIBLING, REWRITE)]
    aligner = StoryAligner(docs)
    # REWRITE aligns over more of its text with SIBLING ...
    assert aligner.pair(1, 2).copy_coverage > aligner.pair(0, 2).copy_coverage
    # ... but on the sentences both carry, the page's are the closer ones
    share = aligner.closer_share(2, 0, 1)
    assert share is not None and share > 0.75
    assert aligner.closer_share(2, 1, 0) == pytest.approx(1 - share)
    # no sentence matched on both sides: no attribution
    other = prepare(Article(text=INDEPENDENT))
    assert StoryAligner([*docs, other]).closer_share(3, 0, 1) is None


def test_a_copy_hangs_under_its_source_not_a_sibling_that_covers_more() -> None:
    members = [
        _stored("page", FLOOD_PAGE, 8),
        _stored("sibling", SIBLING, 9),
        _stored("rewrite", REWRITE, 10),
    ]
    parents = derive(members, compare_edges=False).parents
    assert parents == {"sibling": "page", "rewrite": "page"}


def test_a_copy_of_a_copy_stays_under_the_copy_whose_changes_it_carries() -> None:
    # lifted from SIBLING with a few more swaps: it keeps SIBLING's changes to the wire
    second = (
        SIBLING.replace("collapsed", "gave way")
        .replace("deployed", "sent")
        .replace("cleared", "passed")
    )
    members = [
        _stored("page", FLOOD_PAGE, 8),
        _stored("sibling", SIBLING, 9),
        _stored("second", second, 10),
    ]
    parents = derive(members, compare_edges=False).parents
    assert parents == {"sibling": "page", "second": "sibling"}


# A report and, a day later, a follow-up on a new development that repeats the report's
# background paragraphs under a lead of its own.
QUARRY = (
    "Two workers were killed when a wall collapsed at the Denholt quarry on Monday, the "
    "regional labour office said.\n"
    "The wall gave way shortly after 7 a.m. as a crew of nine began the morning shift.\n"
    "Rescuers pulled five people from the rubble; two of them remain in Varna General "
    "Hospital.\n"
    "The Denholt quarry, owned by Kessling Stone, employs about 140 people and supplies "
    "granite to builders across the Orrin valley.\n"
    "Inspectors fined Kessling Stone 80,000 crowns in 2023 for failing to shore up an "
    "unstable face on the quarry's northern side."
)
FOLLOW_UP = (
    "Prosecutors opened a manslaughter inquiry on Tuesday into the deaths of two workers "
    "at the Denholt quarry.\n"
    "Chief prosecutor Anja Ries said investigators had seized the site's safety logs and "
    "would question the shift supervisor this week.\n"
    "Kessling Stone said it was cooperating fully and had halted all blasting.\n"
    "The Denholt quarry, owned by Kessling Stone, employs about 140 people and supplies "
    "granite to builders across the Orrin valley.\n"
    "Inspectors fined Kessling Stone 80,000 crowns in 2023 for failing to shore up an "
    "unstable face on the quarry's northern side."
)


def _at(aid: str, text: str, day: int | None) -> StoredArticle:
    when = None if day is None else datetime(2026, 5, day, 9, tzinfo=UTC)
    return StoredArticle(
        id=aid, article=Article(text=text, id=aid, published=when), content_hash=content_hash(text)
    )


def test_alignment_says_whether_the_chain_holds_an_opening() -> None:
    rewrite = QUARRY.replace("was killed", "died").replace("gave way", "fell")
    docs = [prepare(Article(text=t)) for t in (QUARRY, FOLLOW_UP, rewrite)]
    aligner = StoryAligner(docs)
    reuse = aligner.pair(0, 1)
    assert reuse.aligned == 2 and not reuse.opening
    assert aligner.pair(0, 2).opening


def test_a_later_follow_up_reusing_background_is_not_a_copy() -> None:
    graph = derive([_at("report", QUARRY, 4), _at("next", FOLLOW_UP, 5)], compare_edges=False)
    assert graph.edges == ()
    # the same text published the same day (or with no time) is still a copy: the rule
    # needs two times that say the follow-up came later
    for day in (4, None):
        graph = derive([_at("report", QUARRY, 4), _at("next", FOLLOW_UP, day)], compare_edges=False)
        assert [(e.source_id, e.target_id) for e in graph.edges] == [("report", "next")]
    # a later copy that keeps the report's lead stays a copy
    later = QUARRY.replace("on Monday", "on Monday morning") + "\nThe quarry stays closed."
    graph = derive([_at("report", QUARRY, 4), _at("later", later, 6)], compare_edges=False)
    assert [(e.source_id, e.target_id) for e in graph.edges] == [("report", "later")]


def _chain_reference(block: np.ndarray, lengths: np.ndarray) -> tuple[int, float, float, int]:
    """The heaviest increasing chain written plainly (the loop ``_chain`` replaced)."""
    best, value = block.argmax(axis=1), block.max(axis=1)
    rows = [r for r in range(len(value)) if value[r] >= SENTENCE_MATCH]
    if not rows:
        return 0, 0.0, 0.0, len(lengths)
    score: dict[int, float] = {}
    back: dict[int, int | None] = {}
    for k, r in enumerate(rows):
        weight = float(lengths[r] * value[r])
        top, link = weight, None
        for q in rows[:k]:
            if best[q] < best[r] and score[q] + weight > top:
                top, link = score[q] + weight, q
        score[r], back[r] = top, link
    end: int | None = max(rows, key=lambda r: (score[r], -r))
    chain: list[int] = []
    while end is not None:
        chain.append(end)
        end = back[end]
    covered = float(sum(lengths[r] for r in chain)) / float(lengths.sum())
    first = min(chain[-1], int(best[chain[-1]]))
    return len(chain), covered, float(np.mean([value[r] for r in chain])), first


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 12),
    st.integers(1, 12),
    st.integers(0, 2**32 - 1),
    st.booleans(),
)
def test_chain_matches_the_plain_loop_ties_included(
    rows: int, cols: int, seed: int, tied: bool
) -> None:
    rng = np.random.default_rng(seed)
    block = rng.random((rows, cols))
    lengths = rng.integers(1, 200, rows).astype(np.float64)
    if tied:  # equal cosines and lengths: the first of equal chains must win
        block, lengths = np.round(block, 1), np.full(rows, 50.0)
    assert _chain(block, lengths) == _chain_reference(block, lengths)


def test_both_readings_of_a_pair_share_their_chains_and_agree_with_fresh_ones() -> None:
    docs = [prepare(Article(text=t, id=str(k))) for k, t in enumerate((WIRE, SPUN, CONDENSED))]
    shared = StoryAligner(docs)
    for a in range(3):
        for b in range(3):
            if a != b:
                assert shared.pair(a, b) == StoryAligner(docs).pair(a, b)
    # pairs with under MIN_ALIGNED matched sentences stop before any chain
    assert shared._symmetric and 0 < len(shared._chains) <= 6
