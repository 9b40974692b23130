"""A store is ours or it is refused; an old store is upgraded with a backup (real subprocess,
real SQLite files)."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RunCli, WriteFile
from tests.utils.texts import bridge

#: A store written by wiretrace 0.1.0 (schema 2, no application_id): the nine demo
#: articles ingested with `python -m wiretrace ingest src/wiretrace/demo/corpus --db ...`
#: run on the code of commit 0c86be6. Tests copy it; never open it in place.
OLD_STORE = Path(__file__).resolve().parents[1] / "fixtures" / "store-0.1.0-schema2.db"


def foreign_db(path: Path, *, wal: bool = False) -> Path:
    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    con.execute("INSERT INTO recipes VALUES ('soup', 40)")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("wal", [False, True])  # rollback journal; write-ahead log
def test_a_foreign_sqlite_file_is_refused_and_unchanged(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path, wal: bool
) -> None:
    db = foreign_db(tmp_path / "recipes.db", wal=wal)
    before = db.read_bytes()
    files_before = sorted(p.name for p in tmp_path.iterdir())
    article = write_file("wire.txt", bridge())
    for args in (
        ("stories", "--db", db),
        ("ingest", article, "--db", db),
        ("export", "out.jsonl", "--db", db),
        ("migrate", "--db", db),
        ("reindex", "--db", db),
        ("articles", "--db", db),
        ("article", "wire", "--db", db),
        ("story", "s1", "--db", db),
        ("similar", "wire", "--db", db),
        ("delete", "wire", "--dry-run", "--db", db),
        ("compare", "wire", "rewrite", "--db", db),
        ("serve", "--db", db, "--port", "8799"),  # refused before it binds or locks
    ):
        result = run_cli(*args)
        assert result.returncode == 6, (args, result.stderr)
        assert "not a wiretrace store" in result.stderr and "recipes" in result.stderr
        assert "Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({*files_before, "wire.txt"})


def test_a_file_that_is_not_sqlite_is_refused(run_cli: RunCli, write_file: WriteFile) -> None:
    notes = write_file("notes.db", "my notes\n" * 50)
    result = run_cli("ingest", write_file("wire.txt", bridge()), "--db", notes)
    assert result.returncode == 6 and "not a SQLite database" in result.stderr
    assert notes.read_text(encoding="utf-8") == "my notes\n" * 50


def test_new_stores_carry_the_mark(run_cli: RunCli, write_file: WriteFile, tmp_path: Path) -> None:
    assert run_cli("ingest", write_file("wire.txt", bridge()), "--db", "w.db").returncode == 0
    con = sqlite3.connect(tmp_path / "w.db")
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0x57495245
    con.close()


def test_a_store_of_the_previous_release_opens_and_upgrades(
    run_cli: RunCli, tmp_path: Path
) -> None:
    db = tmp_path / "old.db"
    shutil.copyfile(OLD_STORE, db)
    listing = run_cli("stories", "--db", db, "-f", "json")
    assert listing.returncode == 0, listing.stderr
    assert "upgraded" in listing.stderr and "schema 2" in listing.stderr
    stories = json.loads(listing.stdout)
    assert sum(len(s["article_ids"]) for s in stories) == 9
    backup = tmp_path / "old.db.schema2.bak"
    assert backup.read_bytes()[:16] == b"SQLite format 3\x00"
    con = sqlite3.connect(backup)  # the backup is the store as it was
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("2",)
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone() == (9,)
    con.close()
    again = run_cli("stories", "--db", db)
    assert again.returncode == 0 and "upgraded" not in again.stderr
    con = sqlite3.connect(db)  # migration 7: the old articles' times were given, not inferred
    assert con.execute("SELECT COUNT(*) FROM articles WHERE published_inferred = 0").fetchone() == (
        9,
    )
    con.close()


def test_migrate_and_reindex_back_up_first(run_cli: RunCli, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copyfile(OLD_STORE, db)
    migrated = run_cli("migrate", "--db", db)
    assert migrated.returncode == 0, migrated.stderr
    assert "from schema 2" in migrated.stderr and "old.db.schema2.bak" in migrated.stderr
    nothing = run_cli("migrate", "--db", db)
    assert nothing.returncode == 0 and "nothing to do" in nothing.stderr
    reindexed = run_cli("reindex", "--db", db)
    assert reindexed.returncode == 0, reindexed.stderr
    assert "reindexed 9 articles into" in reindexed.stderr
    assert (tmp_path / "old.db.before-reindex.bak").exists()
    missing = run_cli("migrate", "--db", tmp_path / "none.db")
    assert missing.returncode == 6 and not (tmp_path / "none.db").exists()


def _stderr_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``python -m wiretrace ARGS`` with stderr on a pty (stdout piped); returns the
    exit code and what reached the terminal, escape codes removed."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "COLUMNS"}}
    env.update({"TERM": "xterm", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"})
    proc = subprocess.Popen(
        [sys.executable, "-m", "wiretrace", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        cwd=cwd,
        env=env,
    )
    os.close(slave)
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=120)
    finally:
        os.close(master)
        if proc.stdout:
            proc.stdout.close()
    return code, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode("utf-8", "replace"))


def test_migrate_and_reindex_show_progress_at_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copyfile(OLD_STORE, db)
    code, screen = _stderr_on_a_terminal(["migrate", "--db", str(db)], tmp_path)
    assert code == 0, screen
    assert "copying to a backup" in screen and "migrating the schema" in screen
    assert "upgraded" in screen and (tmp_path / "old.db.schema2.bak").exists()
    code, screen = _stderr_on_a_terminal(["reindex", "--db", str(db)], tmp_path)
    assert code == 0, screen
    assert "copying to a backup" in screen and "clustering into stories" in screen
    assert "reindexed 9 articles" in screen
