"""Quote tracking across a story: variants grouped, the earliest version, changes flagged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from wiretrace import Article
from wiretrace.provenance.quotes import track_quotes
from wiretrace.store import StoredArticle, content_hash


def stored(article_id: str, text: str, hours: int, outlet: str) -> StoredArticle:
    published = datetime(2026, 7, 1, 9, tzinfo=UTC) + timedelta(hours=hours)
    article = Article(text=text, id=article_id, outlet=outlet, published=published)
    return StoredArticle(id=article_id, article=article, content_hash=content_hash(text))


def test_variants_are_grouped_under_the_earliest_version() -> None:
    original = stored(
        "w",
        '"We expect the harbour to reopen by Thursday at the latest," port director Ansel '
        'Brey said. "Nobody was hurt in the collision," he added.',
        0,
        "Wire",
    )
    trimmed = stored(
        "t",
        'Port director Ansel Brey said: "We expect the harbour to reopen by Thursday." '
        '"Nobody was hurt in the collision," Brey said.',
        2,
        "Daily",
    )
    altered = stored(
        "x",
        '"We hope the harbour will reopen by Thursday at the latest," said Ansel Brey.',
        3,
        "Weekly",
    )
    other_speaker = stored(
        "o",
        '"Nobody was hurt in the collision," mayor Lotte Feyn said.',
        4,
        "Gazette",
    )
    quotes = track_quotes([original, trimmed, altered, other_speaker])
    by_text = {q.text.split(",")[0]: q for q in quotes}
    reopen = by_text["We expect the harbour to reopen by Thursday at the latest"]
    assert reopen.earliest_id == "w" and reopen.speaker and "Brey" in reopen.speaker
    relations = {v.article_id: v.relation for v in reopen.variants}
    assert relations == {"w": "original", "t": "trimmed", "x": "altered"}
    assert {v.article_id for v in reopen.altered} == {"t", "x"}
    hurt = by_text["Nobody was hurt in the collision"]
    assert [v.relation for v in hurt.variants] == ["original", "same", "same"]
    moved = [v for v in hurt.variants if v.speaker_changed]
    assert [v.article_id for v in moved] == ["o"]


def test_short_generic_quotes_are_not_tracked() -> None:
    quotes = track_quotes([stored("a", 'The minister called it "a heavy blow".', 0, "A")])
    assert quotes == []
