"""`wiretrace delete` through a real subprocess and SQLite file: the summary, a split
story, JSON output, and unknown ids refused (exit 3) with the store left as it was."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.conftest import RunCli, WriteFile
from tests.utils.texts import BRIDGE, ORCHID, story


def _feed(write_file: WriteFile) -> Path:
    rows = [
        {"id": "wire", "text": story(*BRIDGE), "outlet": "Nordpress"},
        {"id": "mix", "text": story(*BRIDGE[:4], *ORCHID), "outlet": "Valley Courier"},
        {"id": "garden", "text": story(*ORCHID[:3]), "outlet": "Velmora Herald"},
    ]
    return write_file("day.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")


def test_delete_prints_what_it_removed_and_splits(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    assert run_cli("ingest", _feed(write_file), "--db", db).returncode == 0
    result = run_cli("delete", "mix", "--db", db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "deleted 1 article: mix",
        "story s1: mix removed; split into s1 (1 article), s2 (1 article)",
    ]
    listing = json.loads(run_cli("articles", "--db", db, "-f", "json").stdout)
    assert {(a["id"], a["story_id"]) for a in listing} == {("wire", "s1"), ("garden", "s2")}
    shown = run_cli("delete", "garden", "--db", db, "-f", "json")
    assert json.loads(shown.stdout) == {
        "dry_run": False,
        "deleted": ["garden"],
        "stories": [{"story_id": "s2", "removed": ["garden"], "parts": []}],
        "relinked": [],
    }
    assert run_cli("article", "garden", "--db", db).returncode == 3


def test_dry_run_says_what_would_change_and_changes_nothing(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    assert run_cli("ingest", _feed(write_file), "--db", db).returncode == 0
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    before = run_cli("articles", "--db", db, "-f", "json").stdout
    result = run_cli("delete", "mix", "--db", db, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "would delete 1 article: mix",
        "story s1: mix would be removed; would split into s1 (1 article), s2 (1 article)",
        "dry run: nothing was deleted",
    ]
    shown = json.loads(
        run_cli("delete", "mix", "garden", "--db", db, "--dry-run", "-f", "json").stdout
    )
    assert shown["dry_run"] is True and shown["deleted"] == ["mix", "garden"]
    assert shown["stories"] == [
        {
            "story_id": "s1",
            "removed": ["mix", "garden"],
            "parts": [{"story_id": "s1", "articles": 1}],
        }
    ]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert run_cli("articles", "--db", db, "-f", "json").stdout == before
    unknown = run_cli("delete", "nope", "--db", db, "--dry-run")
    assert unknown.returncode == 3 and "no article 'nope'" in unknown.stderr
    done = run_cli("delete", "mix", "--db", db)  # the real run does what the dry run said
    assert (
        done.stdout.splitlines()[1]
        == "story s1: mix removed; split into s1 (1 article), s2 (1 article)"
    )


def test_unknown_ids_exit_3_and_leave_the_store(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    assert run_cli("ingest", _feed(write_file), "--db", db).returncode == 0
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    result = run_cli("delete", "wire", "nope", "--db", db)
    assert result.returncode == 3
    assert "no article 'nope' in the store; nothing was deleted" in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert run_cli("article", "wire", "--db", db).returncode == 0
    missing = run_cli("delete", "wire", "--db", tmp_path / "none.db")
    assert missing.returncode == 6 and not (tmp_path / "none.db").exists()
