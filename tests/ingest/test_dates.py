"""Publication times recovered from URLs (fixtures of our own), marked as inferred."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wiretrace.corpus import Corpus
from wiretrace.ingest.dates import date_in_url, with_inferred_time
from wiretrace.model import Article
from wiretrace.report.stories import story_to_dict


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # year/month/day path segments
        ("https://coastline.example/news/2025/03/31/ferry-resumes", datetime(2025, 3, 31)),
        # single-digit month and day
        ("https://coastline.example/2024/7/4/fireworks", datetime(2024, 7, 4)),
        # dashes inside a slug
        ("https://ister.example/world/flood-2024-09-18-update", datetime(2024, 9, 18)),
        # eight digits in one token
        ("https://ister.example/society/20240103-159620/", datetime(2024, 1, 3)),
        # no date: an article number
        ("https://paralel.example/en/article/491089", None),
        # a date-like host is not a path
        ("https://2024.example/about", None),
        # impossible day
        ("https://ister.example/2025/02/30/story", None),
        (None, None),
    ],
)
def test_date_in_url(url: str | None, expected: datetime | None) -> None:
    found = date_in_url(url)
    assert found == (expected.replace(tzinfo=UTC) if expected else None)


def test_only_a_missing_time_is_inferred() -> None:
    given = datetime(2025, 4, 1, 9, 30, tzinfo=UTC)
    article = Article(text="x", url="https://ister.example/2025/03/31/x", published=given)
    assert with_inferred_time(article) is article
    inferred = with_inferred_time(Article(text="x", url="https://ister.example/2025/03/31/x"))
    assert inferred.published == datetime(2025, 3, 31, tzinfo=UTC)
    assert inferred.published_inferred


def test_ingested_record_without_time_gets_the_url_date_marked_inferred(tmp_path: Path) -> None:
    feed = tmp_path / "day.jsonl"
    rows = [
        {"id": "a1", "text": "The Ister ferry resumed on Monday after repairs.",
         "url": "https://coastline.example/2025/03/31/ferry"},
        {"id": "a2", "text": "The Ister ferry resumed after long repairs, officials said.",
         "url": "https://ister.example/news/ferry-back", "published": "2025-03-31T10:00:00Z"},
    ]  # fmt: skip
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    with Corpus.open(tmp_path / "w.db") as corpus:
        corpus.ingest([feed])
        stored = corpus.store.get("a1")
        assert stored is not None and stored.article.published_inferred
        assert stored.article.published == datetime(2025, 3, 31, tzinfo=UTC)
        given = corpus.store.get("a2")
        assert given is not None and not given.article.published_inferred
        story = next(s for s in corpus.stories() if "a1" in s.article_ids)
        timeline = {t["id"]: t for t in story_to_dict(corpus.story(story.story_id))["timeline"]}
        assert timeline["a1"]["published_inferred"] is True
