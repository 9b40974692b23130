"""The desk's runtime: a pool of read connections, the single writer, the compare limit."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterable, Iterator

from wiretrace.config import CompareConfig
from wiretrace.corpus import AddReport, Corpus
from wiretrace.model import Article
from wiretrace.store import SQLiteStore
from wiretrace.store.lock import WriteLock
from wiretrace.web.problems import Problem
from wiretrace.web.settings import DeskSettings


class Desk:
    """What the routes share: read connections (each used by one thread at a time), one
    writer connection behind ``WriteLock``, and a bound on concurrent compares.

    Args:
        settings: The desk settings (store path, limits).
        config: Settings of every stage (``CompareConfig``).
    """

    def __init__(self, settings: DeskSettings, config: CompareConfig) -> None:
        self.settings = settings
        self.config = config
        self.lock = WriteLock(settings.db)
        self._writer: Corpus | None = None
        self._idle: queue.LifoQueue[Corpus] = queue.LifoQueue()
        self._opened: list[Corpus] = []
        self._open_lock = threading.Lock()
        self._compares = threading.BoundedSemaphore(settings.max_compares)

    def start(self) -> None:
        """Open the store under the write lock (schema migrations run once, whatever the
        number of worker processes) and cluster any article stored without a story (a
        store filled by ``ingest --no-cluster``), so that readers never need to."""
        with self.lock:
            writer = self._open()
            writer.auto_update = True
            writer.update()
            writer.auto_update = False
            self._writer = writer

    def close(self) -> None:
        """Close every connection."""
        with self.lock:
            if self._writer is not None:
                self._writer.reload()
        with self._open_lock:
            for corpus in self._opened:
                corpus.store.close()
            self._opened.clear()

    def _open(self) -> Corpus:
        store = SQLiteStore(self.settings.db, check_same_thread=False)
        corpus = Corpus(store, self.config, auto_update=False)
        with self._open_lock:
            self._opened.append(corpus)
        return corpus

    @contextlib.contextmanager
    def reader(self) -> Iterator[Corpus]:
        """A read connection for the calling thread (a pooled one, else a new one up to
        ``read_connections``; beyond that the caller waits for one to come back)."""
        try:
            corpus = self._idle.get_nowait()
        except queue.Empty:
            with self._open_lock:
                room = len(self._opened) - 1 < self.settings.read_connections
            corpus = self._open() if room else self._idle.get()
        try:
            yield corpus
        finally:
            self._idle.put(corpus)

    def add(self, articles: Iterable[Article]) -> AddReport:
        """Store and cluster articles as the single writer: take the lock, reload the
        clusterer's state from the store (another process may have written), write."""
        with self.lock:
            if self._writer is None:
                raise Problem(503, "the desk is starting; try again in a moment")
            self._writer.reload()
            return self._writer.add_batch(articles)

    @contextlib.contextmanager
    def compare_slot(self) -> Iterator[None]:
        """A slot for one compare, or 429 when ``max_compares`` are running."""
        if not self._compares.acquire(blocking=False):
            raise Problem(
                429,
                f"{self.settings.max_compares} compares are running; try again shortly",
                {"Retry-After": "1"},
            )
        try:
            yield
        finally:
            self._compares.release()
