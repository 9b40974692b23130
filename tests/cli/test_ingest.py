"""`wiretrace ingest` through a real subprocess, a real SQLite file and a real kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wiretrace", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,  # a hang guard, not a timing: a loaded CI machine reruns 6,000 articles slowly
    )


def make_feed(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for k in range(count):
            text = f"Report {k}: the river at gauge {k % 97} rose by {k % 13} centimetres. " * 3
            f.write(json.dumps({"id": f"r{k}", "text": text, "url": f"https://n.example/{k}"}))
            f.write("\n")
    return path


def count(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone()
        return int(rows[0]), int(rows[1])
    finally:
        con.close()


def test_ingest_then_rerun(tmp_path: Path) -> None:
    feed = make_feed(tmp_path / "feed.jsonl", 40)
    db = tmp_path / "w.db"
    first = run("ingest", feed, "--db", db)
    assert first.returncode == 0, first.stderr
    assert "40 added" in first.stderr
    second = run("ingest", feed, "--db", db)
    assert second.returncode == 0
    assert "0 added, 40 duplicates skipped" in second.stderr
    assert count(db) == (40, 40)


def test_not_a_database_exits_6(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("plain notes\n" * 200)
    result = run("ingest", make_feed(tmp_path / "f.jsonl", 2), "--db", bad)
    assert result.returncode == 6
    assert result.stderr.startswith("error:") and "Traceback" not in result.stderr


def test_kill_9_mid_ingest_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    feed = make_feed(tmp_path / "big.jsonl", 6000)
    db = tmp_path / "w.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "wiretrace", "ingest", str(feed), "--db", str(db),
         "--batch-size", "25"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until some batches have landed
        if db.exists():
            try:
                if count(db)[0] >= 100:
                    break
            except sqlite3.DatabaseError:
                pass
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    partial = count(db)[0]
    assert 0 < partial < 6000, partial  # the kill landed mid-ingest
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    rerun = run("ingest", feed, "--db", db, "--batch-size", "500")
    assert rerun.returncode == 0, rerun.stderr
    assert count(db) == (6000, 6000)


def test_kill_9_mid_clustering_resumes_consistently(tmp_path: Path) -> None:
    from wiretrace.synth import SynthConfig, iter_generate, write_jsonl

    feed = tmp_path / "synth.jsonl"
    total = write_jsonl(iter_generate(SynthConfig(num_events=400, distractors=50, seed=3)), feed)
    db = tmp_path / "w.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "wiretrace", "ingest", str(feed), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def clustered() -> int:
        con = sqlite3.connect(db)
        try:
            return int(con.execute("SELECT COUNT(*) FROM members").fetchone()[0])
        except sqlite3.DatabaseError:
            return 0
        finally:
            con.close()

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and clustered() >= 300:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert 0 < clustered() < total  # the kill landed mid-clustering
    rerun = run("ingest", feed, "--db", db)
    assert rerun.returncode == 0, rerun.stderr
    listing = run("stories", "--db", db, "--format", "json")
    ids = [i for story in json.loads(listing.stdout) for i in story["article_ids"]]
    assert len(ids) == len(set(ids)) == total  # every article in exactly one story
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    sizes = con.execute(
        "SELECT COUNT(*) FROM stories s WHERE size != (SELECT COUNT(*) FROM members m "
        "WHERE m.story = s.id)"
    ).fetchone()[0]
    assert sizes == 0  # story records agree with their members
    con.close()
