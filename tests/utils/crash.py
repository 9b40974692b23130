"""Helpers of the crash, fault and concurrency tests: run the CLI, make corpora and old
stores, and check a store's invariants after a kill."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from wiretrace.config import CandidatesConfig, CleanConfig, StoriesConfig
from wiretrace.stories.cluster import index_fingerprint


def wiretrace(*args: str | Path, env: dict[str, str] | None = None, **kw: object) -> list[str]:
    """The command line of ``python -m wiretrace ARGS``."""
    return [sys.executable, "-m", "wiretrace", *map(str, args)]


def run(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float = 600, **kw: object
) -> subprocess.CompletedProcess[str]:
    """Run ``wiretrace ARGS`` to its end (extra environment in ``env``)."""
    return subprocess.run(
        wiretrace(*args),
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        **kw,  # type: ignore[arg-type]
    )


def synth_feed(path: Path, num_events: int, seed: int = 5) -> list[str]:
    """A synthetic JSON Lines corpus (wiretrace.synth); returns its article ids in order."""
    from wiretrace.synth import SynthConfig, iter_generate, write_jsonl

    cfg = SynthConfig(num_events=num_events, distractors=num_events // 8, seed=seed)
    write_jsonl(iter_generate(cfg), path)
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["id"] for line in f]


def version_1_store(db: Path) -> None:
    """An empty store at schema version 1 (before the index tables), to be migrated."""
    from wiretrace.store.sqlite import MIGRATIONS

    con = sqlite3.connect(db)
    con.executescript(MIGRATIONS[0])
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.commit()
    con.close()


def counts(db: Path, query: str) -> int:
    """One integer from the store, or 0 while it is not readable yet."""
    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return int(con.execute(query).fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def wait_for(db: Path, query: str, at_least: int, proc: subprocess.Popen[str], limit: float) -> int:
    """Poll ``query`` until it reaches ``at_least`` or the process ends; returns it."""
    deadline = time.monotonic() + limit
    value = 0
    while time.monotonic() < deadline and proc.poll() is None:
        value = counts(db, query) if db.exists() else 0
        if value >= at_least:
            break
        time.sleep(0.01)
    return value


def store_problems(db: Path, expected: list[str] | None = None, *, complete: bool) -> list[str]:
    """Every broken invariant of a store, as sentences (empty: all hold).

    Always: ``PRAGMA integrity_check`` is ok; each article is stored once; each clustered
    article is in exactly one existing story; story sizes match their members; every
    member has its signature; the count of indexed articles matches; the index
    fingerprint is the one of the default settings. With ``complete``: every article is
    clustered, and with ``expected`` the stored ids are exactly those.
    """
    out: list[str] = []
    con = sqlite3.connect(db)
    try:
        check = con.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            out.append(f"integrity_check: {check[:3]}")
        version = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        ids = [r[0] for r in con.execute("SELECT id FROM articles")]
        if len(ids) != len(set(ids)):
            out.append(f"{len(ids) - len(set(ids))} duplicated article ids")
        if expected is not None and complete and sorted(ids) != sorted(expected):
            lost = set(expected) - set(ids)
            extra = set(ids) - set(expected)
            out.append(f"{len(lost)} articles lost, {len(extra)} unexpected")
        if "members" not in tables:
            if complete:
                out.append(f"no index tables (schema version {version})")
            return out
        rows = con.execute("SELECT COUNT(*), COUNT(DISTINCT seq) FROM members").fetchone()
        if rows[0] != rows[1]:
            out.append("an article is in more than one story")
        orphans = con.execute(
            "SELECT COUNT(*) FROM members m WHERE NOT EXISTS "
            "(SELECT 1 FROM stories s WHERE s.id = m.story) "
            "OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.seq = m.seq)"
        ).fetchone()[0]
        if orphans:
            out.append(f"{orphans} memberships point at no story or no article")
        sizes = con.execute(
            "SELECT COUNT(*) FROM stories s WHERE size != "
            "(SELECT COUNT(*) FROM members m WHERE m.story = s.id)"
        ).fetchone()[0]
        if sizes:
            out.append(f"{sizes} stories whose size differs from their members")
        unsigned = con.execute(
            "SELECT (SELECT COUNT(*) FROM members) - (SELECT COUNT(*) FROM signatures)"
        ).fetchone()[0]
        if unsigned:
            out.append(f"members and signatures differ by {unsigned}")
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        members = con.execute("SELECT COUNT(*) FROM members").fetchone()[0]
        if int(meta.get("indexed", 0)) != members:
            out.append(f"meta says {meta.get('indexed')} indexed, {members} members")
        fingerprint = index_fingerprint(CandidatesConfig(), StoriesConfig(), CleanConfig())
        if members and meta.get("index_config") != fingerprint:
            out.append("the index fingerprint is not the default settings'")
        if complete and members != len(ids):
            out.append(f"{len(ids) - members} articles in no story")
    finally:
        con.close()
    return out


Check = Callable[[Path], list[str]]
