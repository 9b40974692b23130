"""One writer at a time per store file, across threads and processes (``lockf``)."""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

try:  # POSIX: one writer across processes (the server's workers, two ingests)
    import fcntl
except ImportError:  # pragma: no cover - Windows: one process, the thread lock suffices
    fcntl = None  # type: ignore[assignment]


class _Held:
    """The lock state of one lock file in this process: a re-entrant thread lock, how
    deep the owning thread holds it, and the open file that carries the record lock."""

    def __init__(self) -> None:
        self.thread = threading.RLock()
        self.depth = 0
        self.handle: int | None = None


_HELD: dict[str, _Held] = {}
_HELD_GUARD = threading.Lock()


def _held(path: Path) -> _Held:
    key = os.path.abspath(path)
    with _HELD_GUARD:
        return _HELD.setdefault(key, _Held())


class WriteLock:
    """One writer at a time, across threads (a re-entrant lock) and processes (a POSIX
    record lock, ``lockf``, on a file beside the store: ``<db>.write-lock``). Unlike
    ``flock`` a record lock is not shared with forked feature workers, so a writer killed
    with its workers still alive does not leave the store locked; the system releases it
    when the process ends, even by ``kill -9``.

    Held for the whole read-decide-write cycle of clustering (the desk's writer,
    ``wiretrace ingest``, the CLI's catching up, ``Corpus.update``), so two writers never
    hand out the same story id or decide on stale centroids. The lock is re-entrant in a
    thread: a caller already holding it (``cluster`` around ``Corpus.update``) takes it
    again without waiting, and the record lock is released only by the outermost
    release (POSIX drops a process's record locks on any close of the file, so it is
    opened once). A folder where the lock file cannot be created (a read-only store) has
    no writer either: the lock is then taken in this process only.

    Args:
        db: the store file; the lock file is ``<db>.write-lock`` beside it.
        wait: False to give up at once when another thread or process holds it
            (``acquire`` returns False).
    """

    def __init__(self, db: Path, *, wait: bool = True) -> None:
        self.path = db.with_name(db.name + ".write-lock")
        self.wait = wait
        self._state = _held(self.path)

    def acquire(self) -> bool:
        """Take the lock; False only when ``wait`` is False and another holds it.

        Raises:
            OSError: the lock file exists but cannot be locked (not a lock conflict).
        """
        state = self._state
        if not state.thread.acquire(blocking=self.wait):
            return False
        if state.depth == 0 and fcntl is not None:
            try:
                handle: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:  # a read-only folder: no other writer can run there either
                handle = None
            if handle is not None:
                try:
                    fcntl.lockf(handle, fcntl.LOCK_EX | (0 if self.wait else fcntl.LOCK_NB))
                except BaseException as exc:
                    os.close(handle)
                    state.thread.release()
                    if isinstance(exc, OSError) and exc.errno in (errno.EAGAIN, errno.EACCES):
                        return False
                    raise
            state.handle = handle
        state.depth += 1
        return True

    def release(self) -> None:
        """Give the lock back (the record lock goes with the outermost release)."""
        state = self._state
        state.depth -= 1
        try:
            if state.depth == 0 and state.handle is not None:
                handle, state.handle = state.handle, None
                try:
                    fcntl.lockf(handle, fcntl.LOCK_UN)
                finally:
                    os.close(handle)
        finally:
            state.thread.release()

    def __enter__(self) -> WriteLock:
        self.acquire()  # waits: always True
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


@contextlib.contextmanager
def hold(db: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold ``db``'s write lock for the block; yields False (without waiting) when
    ``wait`` is False and another thread or process holds it."""
    lock = WriteLock(db, wait=wait)
    if not lock.acquire():
        yield False
        return
    try:
        yield True
    finally:
        lock.release()
