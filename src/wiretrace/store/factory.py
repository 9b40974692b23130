"""Choose a Store backend from a location: a path means SQLite, ":memory:" the memory store."""

from __future__ import annotations

from pathlib import Path

from wiretrace.store.base import Store
from wiretrace.store.memory import MemoryStore
from wiretrace.store.sqlite import SQLiteStore


def open_store(location: str | Path, *, busy_timeout_s: float = 30.0) -> Store:
    """Open (or create) the store at ``location``; ``busy_timeout_s`` is how long a SQLite
    write waits for another process's transaction."""
    if str(location) == ":memory:":
        return MemoryStore()
    return SQLiteStore(location, busy_timeout_s=busy_timeout_s)
