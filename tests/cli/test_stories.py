"""`wiretrace stories / story / similar / export` through a real subprocess and SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import RunCli

DEMO = Path(__file__).resolve().parents[2] / "src" / "wiretrace" / "demo" / "corpus"


@pytest.fixture
def demo_db(run_cli: RunCli, tmp_path: Path) -> Path:
    db = tmp_path / "demo.db"
    result = run_cli("ingest", DEMO, "--db", db)
    assert result.returncode == 0, result.stderr
    assert "9 added" in result.stderr and "stories" in result.stderr
    return db


def test_stories_json_contract(run_cli: RunCli, demo_db: Path) -> None:
    result = run_cli("stories", "--db", demo_db, "--format", "json")
    assert result.returncode == 0, result.stderr
    stories = json.loads(result.stdout)
    assert all(
        set(s) == {"story_id", "title", "article_ids", "first_seen", "outlets"} for s in stories
    )
    by_size = sorted(stories, key=lambda s: -len(s["article_ids"]))
    leak = by_size[0]
    assert leak["article_ids"][0] == "demo-wire"  # earliest first
    assert sorted(leak["article_ids"]) == sorted(
        ["demo-wire"] + [f"demo-rewrite-{k}" for k in range(1, 6)]
    )
    assert leak["first_seen"].startswith("2026-03-04T09:15")
    assert "Continental Press Wire" in leak["outlets"]
    assert [len(s["article_ids"]) for s in by_size[1:]] == [1, 1, 1]  # unrelated stay apart
    text = run_cli("stories", "--db", demo_db)
    assert text.returncode == 0 and leak["story_id"] in text.stdout
    big = run_cli("stories", "--db", demo_db, "--min-articles", "2", "-f", "json")
    assert [s["story_id"] for s in json.loads(big.stdout)] == [leak["story_id"]]
    first = run_cli("stories", "--db", demo_db, "--limit", "1", "-f", "json")
    assert json.loads(first.stdout) == stories[:1]


def test_story_json_html_and_text(run_cli: RunCli, demo_db: Path, tmp_path: Path) -> None:
    listing = json.loads(run_cli("stories", "--db", demo_db, "-f", "json").stdout)
    leak = max(listing, key=lambda s: len(s["article_ids"]))["story_id"]
    result = run_cli("story", leak, "--db", demo_db, "--format", "json")
    assert result.returncode == 0, result.stderr
    story = json.loads(result.stdout)
    assert story["story_id"] == leak and story["earliest_id"] == "demo-wire"
    edges = {(e["source_id"], e["target_id"]) for e in story["edges"]}
    assert edges == {("demo-wire", f"demo-rewrite-{k}") for k in range(1, 6)}
    for edge in story["edges"]:
        assert 0 < edge["confidence"] <= 1 and edge["reasons"] and edge["findings"]
        # the demo articles carry their times: every direction is known
        assert edge["direction"] == "known"
    altered = [q for q in story["quotes"] if q["altered"]]
    assert altered and all(q["earliest_id"] == "demo-wire" for q in altered)
    page = run_cli("story", leak, "--db", demo_db, "-f", "html", "-o", tmp_path / "s.html")
    assert page.returncode == 0
    html = (tmp_path / "s.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Derivation edges" in html
    assert "What changed from the earliest version" in html and "Claims only in copies" in html
    text = run_cli("story", leak, "--db", demo_db)
    assert text.returncode == 0 and "Derivation" in text.stdout and "demo-rewrite-3" in text.stdout
    assert "What the copies did with the earliest version" in text.stdout  # the change summary
    assert story["changes"]["earliest_id"] == "demo-wire" and story["changes"]["facts"]


def test_similar_by_id_and_by_file(run_cli: RunCli, demo_db: Path) -> None:
    result = run_cli("similar", "demo-rewrite-2", "--db", demo_db, "-f", "json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits[0]["article_id"] == "demo-wire"
    assert {h["article_id"] for h in hits} == {"demo-wire"} | {
        f"demo-rewrite-{k}" for k in (1, 3, 4, 5)
    }
    assert all(h["related"] and h["query_in_hit"] > 0.3 and h["passages"] for h in hits)
    by_file = run_cli("similar", DEMO / "rewrite-4.json", "--db", demo_db, "-f", "json")
    assert by_file.returncode == 0, by_file.stderr
    assert "demo-wire" in {h["article_id"] for h in json.loads(by_file.stdout)}


def test_export_jsonl_and_parquet(run_cli: RunCli, demo_db: Path, tmp_path: Path) -> None:
    assert run_cli("export", tmp_path / "a.jsonl", "--db", demo_db).returncode == 0
    rows = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert len(rows) == 9 and all(r["story_id"] for r in rows)
    out = run_cli("export", tmp_path / "a.parquet", "-f", "parquet", "--db", demo_db)
    assert out.returncode == 0, out.stderr
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.num_rows == 9 and "story_id" in table.column_names


def test_errors_are_one_line_with_exit_codes(
    run_cli: RunCli, demo_db: Path, tmp_path: Path
) -> None:
    missing = run_cli("story", "s999", "--db", demo_db)
    assert missing.returncode == 3 and "wiretrace stories" in missing.stderr
    no_store = run_cli("stories", "--db", tmp_path / "none.db")
    assert no_store.returncode == 6 and "wiretrace ingest" in no_store.stderr
    unknown = run_cli("similar", "nope", "--db", demo_db)
    assert unknown.returncode == 3 and "no article" in unknown.stderr
    nowhere = run_cli("export", tmp_path / "no" / "such" / "dir.jsonl", "--db", demo_db)
    assert nowhere.returncode == 3 and "cannot write" in nowhere.stderr
    assert not list((tmp_path).glob("**/*.tmp"))  # nothing half-written left behind
    for result in (missing, no_store, unknown, nowhere):
        assert "Traceback" not in result.stderr
