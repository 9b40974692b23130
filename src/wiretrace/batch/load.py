"""Load a batch output into a store: the articles, and a story index built from the
batch's stories, so that ``story``, ``stories`` and the desk show it and later ``ingest``
runs go on incrementally from there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from wiretrace.batch.tables import read_table
from wiretrace.config import CompareConfig
from wiretrace.errors import InputError, StoreError
from wiretrace.model import Article
from wiretrace.store.base import (
    IndexEntry,
    IndexUpdate,
    Store,
    StoredArticle,
    StoryRecord,
    content_hash,
)
from wiretrace.stories.cluster import StoryClusterer
from wiretrace.stories.rule import cut_centroid
from wiretrace.stories.when import as_utc


def load_tables(folder: str | Path, store: Store, config: CompareConfig | None = None) -> int:
    """Add the articles of ``folder/articles.parquet`` to an empty ``store`` with the
    stories the batch gave them; returns the number of articles.

    The index rows (MinHash signatures, band keys, lookup features, document
    frequencies, story centroids) are computed here with the store's featurizer, as the
    incremental clusterer would have written them, so the store is an ordinary one.

    Raises:
        StoreError: the store already holds articles (story ids would collide).
        InputError: the table is missing, unreadable, has no text column values, or an
            article has no story.
    """
    cfg = config or CompareConfig()
    if len(store):
        raise StoreError(
            f"the store already holds {len(store)} articles; load a batch output into a new "
            "store (a fresh --db path)"
        )
    rows = read_table(folder, "articles").to_pylist()
    items: list[tuple[StoredArticle, str]] = []
    for row in rows:
        if row["text"] is None or row["story_id"] is None:
            raise InputError(
                f"article {row['article_id']!r} in {folder} has no text or no story; load "
                "reads the articles table that `wiretrace batch` or `export` writes"
            )
        article = Article(
            text=row["text"],
            id=row["article_id"],
            title=row["title"],
            url=row["url"],
            outlet=row["outlet"],
            published=row["published"],
        )
        items.append(
            (StoredArticle(row["article_id"], article, content_hash(article.text)), row["story_id"])
        )
    report = store.add(item for item, _ in items)
    if len(report.added) != len(items):
        where, why = report.duplicates[0]
        raise InputError(f"the articles table repeats an article ({where}: {why})")
    clusterer = StoryClusterer(store, cfg.candidates, cfg.stories, clean=cfg.clean)
    update = IndexUpdate()
    stories: dict[str, StoryRecord] = {}
    df: Counter[int] = Counter()
    featured = []
    for item, story_id in items:
        features = clusterer.featurizer(item.article)
        featured.append((item, story_id, features))
        df.update(features.terms.keys())
    for item, story_id, features in featured:
        update.entries.append(
            IndexEntry(
                article_id=item.id,
                story_id=story_id,
                shingle_count=features.shingle_count,
                signature=features.signature,
                band_keys=features.band_keys,
            )
        )
        update.features |= {(n, story_id) for n in features.names}
        story = stories.setdefault(story_id, StoryRecord(story_id, None, None, None, 0, {}))
        for term, weight in features.terms.items():
            story.centroid[term] = story.centroid.get(term, 0.0) + weight
        published = as_utc(item.article.published)
        if story.size == 0 or (
            published and (story.first_seen is None or published < story.first_seen)
        ):
            story.title = item.article.title or features.lead or story.title
        story.first_seen = _pick(min, story.first_seen, published)
        story.last_seen = _pick(max, story.last_seen, published)
        story.size += 1
    limit = cfg.stories.centroid_terms
    for story in stories.values():
        if len(story.centroid) > 2 * limit:
            story.centroid = cut_centroid(story.centroid, limit)
    update.stories = list(stories.values())
    update.df = df
    update.next_story = 1 + max((_number(s) for s in stories), default=0)
    store.apply_index(update)
    return clusterer.store.indexed_count()


def _pick(
    choose: Callable[[datetime, datetime], datetime], a: datetime | None, b: datetime | None
) -> datetime | None:
    if a is None or b is None:
        return a or b
    return choose(a, b)


def _number(story_id: str) -> int:
    digits = story_id[1:]
    return int(digits) if story_id.startswith("s") and digits.isdigit() else 0
