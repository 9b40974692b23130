"""Store benchmark runs in benchmarks/results/results.sqlite, one row per run."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"
DEFAULT_DB = RESULTS_DIR / "results.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    benchmark TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    git_commit TEXT,
    machine TEXT NOT NULL,
    figures TEXT NOT NULL
)
"""


def git_commit() -> str | None:
    """The current commit (with a ``+dirty`` suffix for local changes), or None outside git."""
    root = Path(__file__).resolve().parent.parent
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{sha}+dirty" if dirty else sha


def machine() -> str:
    """A short description of the machine: CPU count, platform and Python version."""
    return (
        f"{os.cpu_count()} cpu, {platform.machine()}, {platform.system()}, "
        f"Python {platform.python_version()}"
    )


def store(benchmark: str, figures: dict[str, Any], db: Path = DEFAULT_DB) -> int:
    """Insert one run and return its row id.

    Args:
        benchmark: the script's name, e.g. ``"bench_compare"``.
        figures: JSON-serialisable measurements of this run.
        db: the SQLite file; created with its table on first use.

    Returns:
        The ``runs.id`` of the new row.
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    with sqlite3.connect(db) as conn:
        conn.execute(_SCHEMA)
        cur = conn.execute(
            "INSERT INTO runs (benchmark, timestamp, git_commit, machine, figures) "
            "VALUES (?, ?, ?, ?, ?)",
            (benchmark, stamp, git_commit(), machine(), json.dumps(figures, sort_keys=True)),
        )
        row_id = cur.lastrowid
    conn.close()
    return int(row_id or 0)


def latest(benchmark: str, db: Path = DEFAULT_DB) -> dict[str, Any] | None:
    """The figures of the most recent run of ``benchmark``, or None if there is none."""
    if not db.exists():
        return None
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT figures FROM runs WHERE benchmark = ? ORDER BY id DESC LIMIT 1", (benchmark,)
        ).fetchone()
    conn.close()
    return json.loads(row[0]) if row else None
