"""The stories active around the latest articles, indexed in memory by lookup feature, so
that the clusterer's name lookup costs what its time window holds, not what the archive
holds."""

from __future__ import annotations

from collections.abc import Iterable, Set


class ActiveStories:
    """Lookup feature -> ids of the stories active in a recent stretch of time.

    The index holds every story last seen at or after ``since`` (POSIX seconds) and every
    undated story, each with all of its lookup features; nothing before ``load`` (``since``
    is None). Stories older than ``keep_s`` before the latest article seen are dropped as
    time moves on (``advance``), so the index stays the size of the stories of a few time
    windows whatever the size of the archive. A lookup for an article whose time window
    reaches before ``since`` (an article far older than the latest) must go to the store.

    Args:
        keep_s: How far back from the latest article (seconds) stories are kept: at least
            the clusterer's window, more so that articles arriving a little out of time
            order are still answered from memory.
    """

    def __init__(self, keep_s: float) -> None:
        self.keep_s = keep_s
        self.since: float | None = None
        self._stories: dict[int, set[str]] = {}
        self._features: dict[str, set[int]] = {}
        self._last: dict[str, float | None] = {}
        self._latest = float("-inf")

    def __len__(self) -> int:
        return len(self._features)

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._features

    def covers(self, start: float) -> bool:
        """Whether every story that may be active at ``start`` or later is indexed."""
        return self.since is not None and start >= self.since

    def load(self, since: float, rows: Iterable[tuple[str, float | None, Iterable[int]]]) -> None:
        """Start the index at ``since`` from (story id, last seen or None, features) rows:
        every story last seen at or after ``since`` and every undated one."""
        self._stories.clear()
        self._features.clear()
        self._last.clear()
        self.since = since
        self._latest = max(self._latest, since + self.keep_s)
        for story_id, last, features in rows:
            self.put(story_id, last, features)

    def stories(self, feature: int) -> Set[str]:
        """The indexed stories with this feature (an empty set when none)."""
        return self._stories.get(feature, _EMPTY)

    def features_of(self, story_id: str) -> Set[int]:
        """The features of an indexed story (all of them, stored or pending), or an
        empty set."""
        return self._features.get(story_id, _EMPTY_FEATURES)

    def put(self, story_id: str, last: float | None, features: Iterable[int]) -> None:
        """Index a story (or add features to an indexed one) and record its last-seen time
        (None: undated)."""
        mine = self._features.setdefault(story_id, set())
        for feature in features:
            if feature not in mine:
                mine.add(feature)
                self._stories.setdefault(feature, set()).add(story_id)
        self._last[story_id] = last

    def drop(self, story_id: str) -> None:
        """Forget a story (merged away, or out of the kept stretch)."""
        for feature in self._features.pop(story_id, ()):
            ids = self._stories.get(feature)
            if ids is not None:
                ids.discard(story_id)
                if not ids:
                    del self._stories[feature]
        self._last.pop(story_id, None)

    def advance(self, when: float) -> list[str]:
        """Note an article's time; when the latest time has moved on by half of
        ``keep_s`` since the last cut, drop the stories last seen more than ``keep_s``
        before it.

        Returns:
            The ids dropped.
        """
        if self.since is None or when <= self._latest:
            return []
        self._latest = when
        cut = when - self.keep_s
        if cut - self.since < self.keep_s / 2:
            return []
        gone = [s for s, last in self._last.items() if last is not None and last < cut]
        for story_id in gone:
            self.drop(story_id)
        self.since = cut
        return gone


_EMPTY: frozenset[str] = frozenset()
_EMPTY_FEATURES: frozenset[int] = frozenset()
