"""One writer at a time per store file, across threads and processes (``lockf``)."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from wiretrace.store.base import Store

try:  # POSIX: one writer across the server's worker processes
    import fcntl
except ImportError:  # pragma: no cover - Windows: one process, the thread lock suffices
    fcntl = None  # type: ignore[assignment]


class WriteLock:
    """One writer at a time, across threads (a lock) and processes (a POSIX record lock,
    ``lockf``, on a file beside the store: ``<db>.write-lock``; unlike ``flock`` it is not
    shared with forked feature workers, so a writer killed with its workers still alive
    does not leave the store locked). Held for the whole read-decide-write cycle of
    clustering (the desk's writer, ``wiretrace ingest`` and the CLI's catching up), so two
    writers never hand out the same story id or decide on stale centroids."""

    def __init__(self, db: Path) -> None:
        self.path = db.with_name(db.name + ".write-lock")
        self._thread = threading.Lock()

    def __enter__(self) -> WriteLock:
        self._thread.acquire()
        self._handle: int | None = None
        if fcntl is not None:
            try:
                self._handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                fcntl.lockf(self._handle, fcntl.LOCK_EX)
            except BaseException:
                if self._handle is not None:
                    os.close(self._handle)
                self._thread.release()
                raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if self._handle is not None:
                fcntl.lockf(self._handle, fcntl.LOCK_UN)
                os.close(self._handle)
        finally:
            self._thread.release()


@contextlib.contextmanager
def write_lock(store: Store) -> Iterator[None]:
    """Hold the store's write lock (a SQLite store's ``WriteLock``; nothing to hold for
    a store that lives in one process)."""
    path = getattr(store, "path", None)
    if not isinstance(path, Path):
        yield
        return
    with WriteLock(path):
        yield
