"""Crash safety of `wiretrace ingest` with real kills at named points inside transactions
(``wiretrace.failpoints``): inside an ingest batch, inside a clustering batch and inside a
schema migration, by SIGKILL, SIGTERM and SIGINT. After each kill the store is intact and
a restart finishes with every article stored once and in exactly one story (issue 14).
The full 20-point run on 5,000 articles is tests/crash/kill_points.py."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.utils.crash import run, store_problems, synth_feed, version_1_store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("crash") / "synth.jsonl"
    return path, synth_feed(path, num_events=40)


@pytest.mark.parametrize(
    ("point", "signum"),
    [
        # inside the second ingest batch, before its COMMIT
        ("ingest.batch:2", signal.SIGKILL),
        # inside the first clustering batch, before its COMMIT
        ("index.batch:1", signal.SIGKILL),
        # inside the schema migration of an old store, before its COMMIT
        ("migration:1", signal.SIGKILL),
        # SIGTERM and Ctrl-C inside a transaction: rolled back, the run says where
        ("ingest.batch:3", signal.SIGTERM),
        ("index.batch:2", signal.SIGINT),
    ],
)
def test_kill_inside_a_transaction_then_restart(
    tmp_path: Path, corpus: tuple[Path, list[str]], point: str, signum: int
) -> None:
    feed, ids = corpus
    db = tmp_path / "w.db"
    if point.startswith("migration"):
        version_1_store(db)
    spec = f"{point}:{signal.Signals(signum).name}"
    killed = run(
        "ingest", feed, "--db", db, "--batch-size", "40", "--jobs", "1",
        env={"WIRETRACE_FAILPOINT": spec},
    )  # fmt: skip
    assert killed.returncode in (-signum, 128 + signum), killed.stderr
    if signum != signal.SIGKILL:
        assert "stopped" in killed.stderr and "Traceback" not in killed.stderr
    assert store_problems(db, ids, complete=False) == []
    restart = run("ingest", feed, "--db", db)
    assert restart.returncode == 0, restart.stderr
    assert store_problems(db, ids, complete=True) == []
