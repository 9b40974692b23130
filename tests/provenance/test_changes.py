"""The change summary of a story: facts of the earliest version and their fate."""

from __future__ import annotations

import pytest

from tests.utils.demo import demo_articles
from wiretrace.compare import compare, prepare
from wiretrace.corpus import Corpus
from wiretrace.model import Article
from wiretrace.provenance.changes import descendants, earliest_facts, summarize_changes
from wiretrace.report.stories import story_to_dict
from wiretrace.store import MemoryStore

WIRE = (
    "Nearly 300 people were treated after the leak, officials said on Wednesday. "
    '"This was a failure of basic maintenance," Health Minister Pavel Ostrander said. '
    "The plant in Orvale employs 120 workers."
)


def test_facts_of_the_earliest_version() -> None:
    facts = earliest_facts(prepare(Article(text=WIRE)))
    kinds = {(k, t) for k, t, _ in facts}
    assert ("figure", "Nearly 300") in kinds and ("figure", "120") in kinds
    assert ("quote", "This was a failure of basic maintenance") in kinds
    assert any(k == "name" and "Ostrander" in t for k, t, _ in facts)
    for _, text, (start, end) in facts:
        assert WIRE[start:end] == text  # spans point into the text


def test_kept_changed_dropped_and_claims_only_in_copies() -> None:
    earliest = Article(text=WIRE, id="wire", outlet="Wire")
    copy = Article(
        text=WIRE.replace("Nearly 300", "Nearly 400").replace(
            " The plant in Orvale employs 120 workers.", ""
        )
        + " Residents queued for bottled water all night.",
        id="copy",
        outlet="Copy Times",
    )
    result = compare(earliest, copy)
    summary = summarize_changes(result.a, "wire", [("copy", result)])
    by_text = {f.text: f for f in summary.facts}
    changed = by_text["Nearly 300"].changed
    assert [c.holder.outlet for c in changed] == ["Copy Times"] and changed[0].to == "Nearly 400"
    assert [h.article_id for h in by_text["120"].dropped] == ["copy"]
    assert [h.article_id for h in by_text["This was a failure of basic maintenance"].kept] == [
        "copy"
    ]
    claims = [c.text for c in summary.only_in_copies]
    assert any("bottled water" in c for c in claims)


def test_descendants_follow_chains() -> None:
    parents = {"b": "a", "c": "b", "d": "a", "x": "y"}
    assert descendants("a", parents) == ["b", "d", "c"]
    assert descendants("x", parents) == []


@pytest.mark.slow
def test_story_json_carries_changes() -> None:
    corpus = Corpus(MemoryStore())
    for article in demo_articles():
        corpus.add(article)
    main = max(corpus.stories(), key=lambda s: len(s.article_ids))
    story = story_to_dict(corpus.story(main.story_id))
    changes = story["changes"]
    assert changes["earliest_id"] == story["earliest_id"]
    assert changes["facts"] and all(
        {"kind", "text", "span", "kept", "changed", "dropped"} <= set(f) for f in changes["facts"]
    )
    changed = [c for f in changes["facts"] for c in f["changed"]]
    assert any(c["to"] for c in changed)
    assert changes["only_in_copies"]
    copies = {e["target_id"] for e in story["edges"]}
    for f in changes["facts"]:
        fates = [h["article_id"] for h in f["kept"] + f["changed"] + f["dropped"]]
        assert sorted(fates) == sorted(set(fates)) and set(fates) <= copies
