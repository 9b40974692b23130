"""Real store faults: a full disk, a read-only store, a store locked by another writer,
two ingests at once, and readers during a write. Each ends in a clear StoreError (exit 6)
and an intact store (issue 14). CI runs as root, so read-only is made real by a child
process running as an unprivileged user, and a full disk by RLIMIT_FSIZE in a child or
SQLite's max_page_count."""

from __future__ import annotations

import ctypes
import json
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.utils.crash import run, store_problems, synth_feed, wait_for, wiretrace
from wiretrace.errors import StoreError
from wiretrace.model import Article
from wiretrace.store import SQLiteStore, StoredArticle, content_hash


def item(k: int, words: int = 30) -> StoredArticle:
    text = f"Report {k}: " + " ".join(f"word{(k * 7 + j) % 501}" for j in range(words))
    return StoredArticle(
        id=f"a{k}", article=Article(text=text, id=f"a{k}"), content_hash=content_hash(text)
    )


def feed(path: Path, count: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for k in range(start, start + count):
            text = f"Report {k}: the river at gauge {k % 97} rose by {k % 13} centimetres. " * 3
            f.write(json.dumps({"id": f"r{k}", "text": text}) + "\n")
    return path


def test_full_disk_by_max_page_count_is_a_store_error_and_keeps_earlier_batches(
    tmp_path: Path,
) -> None:
    db = tmp_path / "w.db"
    store = SQLiteStore(db)
    store.add([item(k) for k in range(20)])
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count={pages + 2}")  # the disk fills up now
    with pytest.raises(StoreError, match="disk is full"):
        store.add([item(k, words=400) for k in range(20, 400)])
    store.close()
    assert store_problems(db, complete=False) == []
    with SQLiteStore(db) as again:
        assert len(again) == 20  # nothing of the failed batch, all of the earlier one


def _limit_file_size(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_full_disk_by_rlimit_fsize_in_a_child_exits_6_and_a_rerun_completes(
    tmp_path: Path,
) -> None:
    source = feed(tmp_path / "feed.jsonl", 3000)
    db = tmp_path / "w.db"
    result = subprocess.run(
        [*wiretrace("ingest", source, "--db", db, "--batch-size", "200", "--no-cluster")],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: _limit_file_size(400_000),  # the disk "fills" at 400 kB
    )
    assert result.returncode == 6, result.stderr
    assert "disk" in result.stderr and "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert store_problems(db, complete=False) == []
    rerun = run("ingest", source, "--db", db, "--no-cluster")
    assert rerun.returncode == 0, rerun.stderr
    assert counts_of(db) == (3000, 3000)


def counts_of(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        return tuple(con.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone())  # type: ignore[return-value]
    finally:
        con.close()


def _without_privileges() -> None:
    """In the child: drop every capability from the bounding set (``PR_CAPBSET_DROP``), so
    that after exec even root obeys file permissions (what ``setpriv --bounding-set=-all``
    does). CI runs as root, where a chmod alone proves nothing."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in range(64):
        libc.prctl(24, cap, 0, 0, 0)  # 24 = PR_CAPBSET_DROP; unknown caps fail harmlessly


def _read_only(folder: Path) -> None:
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.chmod(0o555)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="capabilities are Linux's")
def test_read_only_store_exits_6_and_stays_intact(tmp_path: Path) -> None:
    source = feed(tmp_path / "feed.jsonl", 50)
    more = feed(tmp_path / "more.jsonl", 50, start=50)
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    db = store_dir / "w.db"
    assert run("ingest", source, "--db", db).returncode == 0
    before = db.read_bytes()
    _read_only(store_dir)
    try:
        result = subprocess.run(
            wiretrace("ingest", more, "--db", db),
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=_without_privileges,  # may read the store but not write it
        )
        listing = subprocess.run(
            wiretrace("stories", "--db", db, "--format", "json"),
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=_without_privileges,
        )
    finally:
        store_dir.chmod(0o755)
        for path in store_dir.iterdir():
            path.chmod(0o644)
    assert result.returncode == 6, result.stderr
    assert "read-only" in result.stderr or "cannot open" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert listing.returncode in (0, 6), listing.stderr
    assert "internal error" not in listing.stderr
    assert db.read_bytes() == before
    assert store_problems(db, complete=True) == []


def test_a_store_locked_by_another_writer_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    SQLiteStore(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is writing and does not finish
    try:
        store = SQLiteStore(db, busy_timeout_s=0.2)
        with pytest.raises(StoreError, match="locked by another process"):
            store.add([item(1)])
        store.close()
        config = tmp_path / "settings.toml"
        config.write_text("[store]\nbusy_timeout_s = 0.5\n")
        result = run("ingest", feed(tmp_path / "f.jsonl", 5), "--db", db, "--config", config)
        assert result.returncode == 6, result.stderr
        assert "locked by another process" in result.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store_problems(db, complete=False) == []
    assert run("ingest", tmp_path / "f.jsonl", "--db", db).returncode == 0


def test_two_ingests_at_once_are_serialised_and_duplicate_nothing(tmp_path: Path) -> None:
    ids = synth_feed(tmp_path / "all.jsonl", num_events=60)
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    half = len(lines) // 2
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[: half + 40]), encoding="utf-8")  # 80 lines overlap
    second.write_text("".join(lines[half - 40 :]), encoding="utf-8")
    db = tmp_path / "w.db"
    procs = [
        subprocess.Popen(
            wiretrace("ingest", path, "--db", db, "--batch-size", "20"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (first, second)
    ]
    outcomes = [(proc.communicate(timeout=900)[1], proc.returncode) for proc in procs]
    for stderr, code in outcomes:
        assert code == 0, stderr
    assert store_problems(db, ids, complete=True) == []


def test_readers_keep_working_during_a_write(tmp_path: Path) -> None:
    source = tmp_path / "all.jsonl"
    synth_feed(source, num_events=50)
    db = tmp_path / "w.db"
    assert run("ingest", source, "--db", db).returncode == 0
    bigger = tmp_path / "more.jsonl"
    synth_feed(bigger, num_events=250, seed=9)
    proc = subprocess.Popen(
        wiretrace("ingest", bigger, "--db", db, "--batch-size", "50"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(db, "SELECT COUNT(*) FROM members", 400, proc, 300)  # clustering now
        started = time.monotonic()
        listing = run("stories", "--db", db, "--format", "json", timeout=120)
        assert listing.returncode == 0, listing.stderr
        stories = json.loads(listing.stdout)
        assert stories and all(s["article_ids"] for s in stories)
        first = stories[0]["story_id"]
        shown = run("story", first, "--db", db, "--format", "json", timeout=120)
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["story_id"] == first
        assert time.monotonic() - started < 120
    finally:
        proc.wait(timeout=600)
    assert proc.returncode == 0
    assert store_problems(db, complete=True) == []
