"""A story's JSON contract, cached in the store and rebuilt when the story changes."""

from __future__ import annotations

import functools
import hashlib
import json
from typing import TYPE_CHECKING, Any

from wiretrace.report.json import SCHEMA_VERSION
from wiretrace.report.stories import story_to_dict

if TYPE_CHECKING:
    from wiretrace.compare import PreparedTexts
    from wiretrace.config import CompareConfig
    from wiretrace.corpus import Corpus

#: Bump when derivation, quote tracking or the story JSON change in a way that makes the
#: payloads cached in existing stores stale (the key also holds the members, the
#: settings and the schema version, which invalidate it by themselves).
CACHE_VERSION = 3  # 2: articles named in reasons and explanations, links; 3: one title rule


def settings_key(corpus: Corpus) -> str:
    """The first part of every story's cache key: a hash of the cache version, the JSON
    schema version and the settings fingerprint. A payload kept under another one was
    built by other code or settings and is never shown, not even as out of date."""
    return _settings_key(corpus.config)


@functools.lru_cache(maxsize=8)
def _settings_key(config: CompareConfig) -> str:
    """``settings_key`` of a (frozen, hashable) settings value, computed once: the
    settings' JSON (``str``) costs ~0.3 ms, and every story read asks for the key."""
    blob = json.dumps([CACHE_VERSION, SCHEMA_VERSION, str(config)], separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def story_key(corpus: Corpus, story_id: str) -> str | None:
    """The cache key of a story as it is now: ``settings_key``, a dot, and a hash of the
    story id and its member ids (ingest order); None when no such story."""
    members = [m.article_id for m in corpus.store.memberships_of([story_id])]
    if not members:
        return None
    blob = json.dumps([story_id, members], separators=(",", ":"))
    return f"{settings_key(corpus)}.{hashlib.sha256(blob.encode('utf-8')).hexdigest()}"


def story_json(corpus: Corpus, story_id: str, *, cache: bool = True) -> dict[str, Any]:
    """``wiretrace story ID --format json`` (see README, "Stories JSON contract"), read
    from the store's cache when the story has not changed since it was built, else
    derived (compare on every edge) and cached.

    Raises:
        NotFoundError: no story has this id.
    """
    payload: dict[str, Any] = json.loads(story_json_text(corpus, story_id, cache=cache))
    return payload


def cached_story_json_text(corpus: Corpus, story_id: str) -> str | None:
    """The story's JSON text from the store's cache when it is still current, else None
    (not cached, changed since, or no such story): never derives."""
    key = story_key(corpus, story_id)
    return corpus.store.cached_story(story_id, key) if key is not None else None


def last_story_json_text(corpus: Corpus, story_id: str) -> tuple[str, bool] | None:
    """The story's JSON text as last built and whether it is current (built from the
    members the story has now): the current version when cached; else the last one
    built under the same code and settings (``settings_key``), which the story has
    changed since (an article joined); None when neither is kept or no such story.
    Never derives."""
    key = story_key(corpus, story_id)
    if key is None:
        return None
    entry = corpus.store.story_cache_entry(story_id)
    if entry is None or entry[0].partition(".")[0] != key.partition(".")[0]:
        return None
    return entry[1], entry[0] == key


def story_json_text(
    corpus: Corpus,
    story_id: str,
    *,
    cache: bool = True,
    prepared: PreparedTexts | None = None,
) -> str:
    """``story_json`` as the JSON text itself (compact), as cached: a cache hit is
    returned without parsing it. ``prepared`` keeps per-article work and comparisons
    for the next stories built (``Corpus.story``).

    Raises:
        NotFoundError: no story has this id.
    """
    key = story_key(corpus, story_id) if cache else None
    if key is not None:
        hit = corpus.store.cached_story(story_id, key)
        if hit is not None:
            return hit
    text = json.dumps(
        story_to_dict(corpus.story(story_id, prepared=prepared)),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    if key is not None:
        corpus.store.cache_story(story_id, key, text)
    return text
