"""A story's JSON contract, cached in the store and rebuilt when the story changes."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from wiretrace.report.json import SCHEMA_VERSION
from wiretrace.report.stories import story_to_dict

if TYPE_CHECKING:
    from wiretrace.corpus import Corpus

#: Bump when derivation, quote tracking or the story JSON change in a way that makes the
#: payloads cached in existing stores stale (the key also holds the members, the
#: settings and the schema version, which invalidate it by themselves).
CACHE_VERSION = 3  # 2: articles named in reasons and explanations, links; 3: one title rule


def story_key(corpus: Corpus, story_id: str) -> str | None:
    """The cache key of a story as it is now: a hash of its member ids (ingest order),
    the settings fingerprint and the JSON schema version; None when no such story."""
    members = [m.article_id for m in corpus.store.memberships_of([story_id])]
    if not members:
        return None
    blob = json.dumps(
        [CACHE_VERSION, SCHEMA_VERSION, str(corpus.config), story_id, members],
        separators=(",", ":"),
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


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


def story_json_text(corpus: Corpus, story_id: str, *, cache: bool = True) -> str:
    """``story_json`` as the JSON text itself (compact), as cached: a cache hit is
    returned without parsing it.

    Raises:
        NotFoundError: no story has this id.
    """
    key = story_key(corpus, story_id) if cache else None
    if key is not None:
        hit = corpus.store.cached_story(story_id, key)
        if hit is not None:
            return hit
    text = json.dumps(
        story_to_dict(corpus.story(story_id)), ensure_ascii=False, separators=(",", ":")
    )
    if key is not None:
        corpus.store.cache_story(story_id, key, text)
    return text
