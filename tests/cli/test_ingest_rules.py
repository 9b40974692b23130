"""`wiretrace ingest`'s one rule through a real subprocess: bad files are listed and skipped
(exit 0), a missing path or a run that reads nothing is exit 3, and Ctrl-C or SIGTERM stop
between transactions and say where (issue 14)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.utils.archives import arc_bytes, rss_bytes, warc_bytes

BOMB = '<!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wiretrace", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_a_missing_path_is_exit_3_and_creates_no_store(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("The north quay reopened on Tuesday after a three-week repair.")
    db = tmp_path / "w.db"
    result = run("ingest", good, tmp_path / "nowhere", "--db", db)
    assert result.returncode == 3, result.stderr
    assert "nowhere" in result.stderr and "Traceback" not in result.stderr
    assert not db.exists()


def test_a_folder_of_broken_files_exits_0_lists_them_and_ends_with_the_count(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "a.txt").write_text("The north quay reopened on Tuesday after a three-week repair.")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "cut.warc.gz").write_bytes(warc_bytes()[:300])
    (folder / "stream.warc.gz").write_bytes(warc_bytes(compress="stream"))
    (folder / "old.arc").write_bytes(arc_bytes())
    (folder / "bomb.rss").write_bytes(rss_bytes(doctype=BOMB))
    db = tmp_path / "w.db"
    result = run("ingest", folder, "--db", db)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("4 added, 3 duplicates skipped, 3 records skipped; 4 articles")
    skipped = "\n".join(line for line in lines if line.startswith("skipped:"))
    for name in ("deep.json", "cut.warc.gz", "bomb.rss"):
        assert name in skipped
    assert "internal error" not in result.stderr


def test_a_run_that_reads_nothing_is_exit_3(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "deep.json").write_text("[" * 1000 + "]" * 1000)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    result = run("ingest", folder, "--db", tmp_path / "w.db")
    assert result.returncode == 3, result.stderr
    assert "nothing could be read" in result.stderr


def test_compare_refuses_a_hostile_file_with_exit_3(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("The north quay reopened on Tuesday after a three-week repair.")
    deep = tmp_path / "deep.json"
    deep.write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = run("compare", a, deep)
    assert result.returncode == 3 and "nested" in result.stderr
    assert run("compare", a, tmp_path / "missing.txt").returncode == 3


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_ingest_says_where_it_stopped(tmp_path: Path, signum: int) -> None:
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as f:
        for k in range(20_000):
            text = f"Report {k}: the river at gauge {k % 97} rose by {k % 13} centimetres."
            f.write(json.dumps({"id": f"r{k}", "text": text}) + "\n")
    db = tmp_path / "w.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "wiretrace", "ingest", str(feed), "--db", str(db),
         "--batch-size", "50", "--no-cluster"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(db)
            stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            con.close()
            if stored >= 500:
                break
        except sqlite3.DatabaseError:
            pass
        time.sleep(0.02)
    os.kill(proc.pid, signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, stderr
    assert "stopped:" in stderr and "resume" in stderr and "Traceback" not in stderr
    assert f"the last from {feed}:" in stderr
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    con.close()
    assert stored % 50 == 0  # whole batches only
    rerun = run("ingest", feed, "--db", db, "--no-cluster")
    assert rerun.returncode == 0
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone() == (
        20_000,
        20_000,
    )
    con.close()
