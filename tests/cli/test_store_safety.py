"""A store is ours or it is refused; an old store is upgraded with a backup (real subprocess,
real SQLite files)."""

from __future__ import annotations

import json
import shutil
import sqlite3
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
