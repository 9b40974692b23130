"""Story pages rebuilt off the request path: a background process per desk process."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from wiretrace.config import CompareConfig

if TYPE_CHECKING:
    from wiretrace.compare import PreparedTexts
    from wiretrace.corpus import Corpus

try:  # POSIX: a story built by one desk process's builder at a time
    import fcntl
except ImportError:  # pragma: no cover - Windows: each builder builds what it is asked
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("wiretrace.desk")

#: The builder's niceness (``os.nice``): a rebuild only takes CPU the requests leave
#: idle, so a burst of writes never slows the reads being served; readers see the last
#: version built, marked stale, until the new one is stored.
BUILD_NICE = 10


class StoryBuilder:
    """Rebuilds story pages (derivation, change summary, quotes: the story JSON) in one
    background process and stores them in the story cache, one story at a time, in the
    order asked (``first``: ahead of the others); a story asked for again before its
    turn is built once.

    The process is started at the first ``submit`` (``spawn``: a fresh interpreter,
    no connection or lock inherited from the server), runs at ``BUILD_NICE``, and
    opens its own read connection; the payload is written with the same key check as a
    reader's (``story_json_text``), so a story that changed again meanwhile is simply
    built again when its new turn comes.

    Args:
        db: The store (SQLite file).
        config: The desk's settings of every stage (the cache key holds them).
    """

    def __init__(self, db: Path, config: CompareConfig) -> None:
        self.db = db
        self.config = config
        self._queue: deque[str] = deque()
        self._waiting: set[str] = set()
        self._ready = threading.Condition()
        self._pool: ProcessPoolExecutor | None = None
        self._thread: threading.Thread | None = None
        self._closed = False
        self.built = 0
        #: False once the builder process has died: the desk's readers then derive a
        #: changed story themselves instead of showing it stale
        self.working = True

    def submit(self, story_ids: list[str], *, first: bool = False) -> None:
        """Queue stories for a rebuild (those already waiting keep their place); with
        ``first``, ahead of every other waiting story, in the order given (a story a
        write has just changed or a reader has just been shown stale goes before the
        newest stories the desk builds at start)."""
        with self._ready:
            if self._closed:
                return
            if first:
                for story_id in reversed(story_ids):
                    if story_id in self._waiting:
                        self._queue.remove(story_id)
                    self._waiting.add(story_id)
                    self._queue.appendleft(story_id)
            for story_id in story_ids:
                if story_id not in self._waiting:
                    self._waiting.add(story_id)
                    self._queue.append(story_id)
            if self._thread is None:
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=context,
                    initializer=_open,
                    initargs=(str(self.db), self.config),
                )
                self._thread = threading.Thread(
                    target=self._run, name="wiretrace-story-builder", daemon=True
                )
                self._thread.start()
            self._ready.notify()

    def pending(self) -> int:
        """Stories waiting for their turn (not counting the one being built)."""
        with self._ready:
            return len(self._queue)

    def close(self) -> None:
        """Stop: the story being built is finished, the others are dropped (the next
        reader of each sees it stale and asks again)."""
        with self._ready:
            self._closed = True
            self._queue.clear()
            self._waiting.clear()
            self._ready.notify()
        if self._thread is not None:
            self._thread.join(timeout=60)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._queue and not self._closed:
                    self._ready.wait()
                if self._closed:
                    return
                story_id = self._queue.popleft()
                self._waiting.discard(story_id)  # asked again from now on: built again
                pool = self._pool
            if pool is None:  # pragma: no cover - set with the thread, before it starts
                return
            try:
                pool.submit(_build, story_id).result()
                self.built += 1
            except BrokenProcessPool:
                log.exception("the story builder process died; readers derive stories")
                with self._ready:
                    self.working = False
                    self._closed = True
                    self._queue.clear()
                    self._waiting.clear()
                return
            except Exception:  # a failed build must not stop the builder
                log.exception("rebuilding story %s failed", story_id)


#: The builder process's own connection (set by ``_open``).
_corpus: Corpus | None = None
#: Articles whose cleaning, analysis and comparisons the builder process keeps across
#: builds: a story rebuilt after one more article joined redoes only the work of that
#: article (the rest is looked up by the articles' values; the pages are the same).
KEEP_ARTICLES = 512
_prepared: PreparedTexts | None = None
#: The builder process's claims file (``<db>.build-lock``), or None where it cannot be
#: created (a read-only folder: builds are then not shared out, only repeated).
_claims: int | None = None
#: Byte ranges of the claims file a story id is hashed to (collisions only make one of
#: two stories wait for its next turn).
_CLAIM_SLOTS = 1 << 30


def _open(db: str, config: CompareConfig) -> None:
    """In the builder process: lower its priority, ignore Ctrl-C (the server stops it),
    open the store."""
    global _corpus, _prepared
    from wiretrace.compare import PreparedTexts
    from wiretrace.corpus import Corpus
    from wiretrace.store import SQLiteStore

    global _claims
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(BUILD_NICE)
    _corpus = Corpus(SQLiteStore(Path(db)), config, auto_update=False)
    _prepared = PreparedTexts(config, keep=KEEP_ARTICLES)
    if fcntl is not None:
        with contextlib.suppress(OSError):
            _claims = os.open(f"{db}.build-lock", os.O_RDWR | os.O_CREAT, 0o600)


def _build(story_id: str) -> None:
    """In the builder process: build and store the story's page unless it is current
    (a story merged away or deleted meanwhile is skipped)."""
    from wiretrace.errors import NotFoundError
    from wiretrace.report.story_cache import story_json_text

    if _corpus is None:  # pragma: no cover - _open runs first in the process
        raise RuntimeError("the builder process has no store open")
    with _claim(story_id) as mine:
        if mine:  # else another desk process's builder is building it right now
            with contextlib.suppress(NotFoundError):
                story_json_text(_corpus, story_id, prepared=_prepared)


@contextlib.contextmanager
def _claim(story_id: str) -> Iterator[bool]:
    """Claim a story for this builder across the desk's processes: a POSIX record lock
    (``lockf``, not waiting) on one byte of ``<db>.build-lock`` picked by the story id's
    hash; yields whether it is ours (always True without a claims file). The system
    drops the lock if the process dies."""
    if _claims is None or fcntl is None:
        yield True
        return
    slot = zlib.crc32(story_id.encode("utf-8")) % _CLAIM_SLOTS
    try:
        fcntl.lockf(_claims, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, slot)
    except OSError:
        yield False
        return
    try:
        yield True
    finally:
        fcntl.lockf(_claims, fcntl.LOCK_UN, 1, slot)
