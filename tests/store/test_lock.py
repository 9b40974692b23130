"""The store's write lock: re-entrant in a thread, exclusive across processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from wiretrace.store import SQLiteStore
from wiretrace.store.lock import WriteLock, hold

_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from wiretrace.store.lock import WriteLock
    with WriteLock(Path(sys.argv[1])):
        print("held", flush=True)
        sys.stdin.readline()
    """
)


def test_the_lock_is_reentrant_and_released_by_the_outermost_release(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with WriteLock(db), hold(db) as held:  # cluster() around Corpus.update()
        assert held
        assert (tmp_path / "w.db.write-lock").exists()
    # released: another thread takes it without waiting
    got: list[bool] = []
    thread = threading.Thread(target=lambda: got.append(WriteLock(db, wait=False).acquire()))
    thread.start()
    thread.join(10)
    assert got == [True]


def test_another_thread_does_not_get_a_held_lock_without_waiting(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    got: list[bool] = []
    with WriteLock(db):
        thread = threading.Thread(target=lambda: got.append(WriteLock(db, wait=False).acquire()))
        thread.start()
        thread.join(10)
    assert got == [False]


def test_a_lock_held_by_another_process_is_refused_without_waiting(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    store = SQLiteStore(db)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with store.exclusive(wait=False) as held:
            assert not held
    finally:
        holder.communicate("\n", timeout=60)
    with store.exclusive(wait=False) as held:
        assert held
    store.close()
