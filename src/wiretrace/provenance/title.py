"""A story's title from its derivation: that of the earliest version the graph finds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from wiretrace.config import CompareConfig
from wiretrace.provenance.graph import derive
from wiretrace.store.base import StoredArticle
from wiretrace.stories.features import Featurizer

#: Stories of more articles than this keep the clusterer's title (that of the earliest
#: published article, else of the first stored): deriving a story compares its undated
#: pairs, about 0.1 s a pair, and the rule runs each time the story's members change.
#: Chosen so that one write stays within a few seconds (measured with
#: ``derive(compare_edges=False)`` on synthetic undated stories of 3 to 24 articles:
#: 0.4 s to 5.5 s under a loaded 2-core machine); no accuracy depends on it.
SOURCE_TITLE_MAX_MEMBERS = 16


def needs_source_title(published: Sequence[datetime | None]) -> bool:
    """Whether a story whose members have these publication times (None: unknown) takes
    its title from its derivation: two to ``SOURCE_TITLE_MAX_MEMBERS`` members, one of
    them undated. With every time known, the earliest published article is the
    derivation's earliest version already (times orient every pair), so the
    clusterer's title is right."""
    return 2 <= len(published) <= SOURCE_TITLE_MAX_MEMBERS and any(p is None for p in published)


def source_title(
    members: Sequence[StoredArticle],
    config: CompareConfig,
    featurizer: Featurizer,
) -> str | None:
    """The title of the story's earliest version as its derivation finds it
    (``derive(..., compare_edges=False)``: the first root in time order, undated pairs
    oriented by the textual vote), by the clusterer's title rule
    (``Featurizer.story_title``: the article's own title, else its lead). The story
    page marks that article "earliest", so the story list and the page name the story
    after the same article.

    Args:
        members: The story's stored articles (any order).
        config: The settings the story page derives under.
        featurizer: The clusterer's featurizer (its cleaning and shingles).

    Returns:
        The title, or None for a story without members or whose earliest version has
        neither title nor text.
    """
    graph = derive(members, config, compare_edges=False, featurizer=featurizer)
    earliest = next((m for m in graph.articles if m.id == graph.earliest), None)
    return featurizer.story_title(earliest.article) if earliest is not None else None
