"""Derivation by in-order sentence alignment: spun and condensed copies are linked and get
their kind; an independent report of the same facts is not linked."""

from __future__ import annotations

from datetime import UTC, datetime

from wiretrace.compare import prepare
from wiretrace.model import Article, DerivationKind
from wiretrace.provenance.alignment import StoryAligner
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
