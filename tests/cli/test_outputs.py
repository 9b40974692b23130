"""Outputs never destroy inputs: -o, export, demo, pan-align and batch through a real subprocess."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import RunCli, WriteFile
from tests.utils.texts import ORCHID, bridge, story


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def pair(write_file: WriteFile) -> tuple[Path, Path]:
    return (
        write_file("wire.txt", bridge()),
        write_file("rewrite1.txt", bridge({1: "Engineers found 21 cracks in the piers."})),
    )


@pytest.fixture
def store(run_cli: RunCli, pair: tuple[Path, Path], write_file: WriteFile) -> Path:
    write_file("orchid.txt", story(*ORCHID))
    result = run_cli("ingest", pair[0].parent, "--db", "wiretrace.db")
    assert result.returncode == 0, result.stderr
    return pair[0].parent / "wiretrace.db"


def no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_compare_refuses_to_write_over_an_input(run_cli: RunCli, pair: tuple[Path, Path]) -> None:
    before = digest(pair[0])
    for extra in ((), ("--force",)):  # --force never allows replacing an input
        result = run_cli("compare", *pair, "-f", "json", "-o", pair[0], *extra)
        assert result.returncode == 3, result.stderr
        assert "is an input of this run" in result.stderr
        assert digest(pair[0]) == before
    assert no_temporary_files(pair[0].parent)


def test_existing_output_needs_force(
    run_cli: RunCli, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "notes.json"
    out.write_text("my notes", encoding="utf-8")
    refused = run_cli("compare", *pair, "-f", "json", "-o", out)
    assert refused.returncode == 3 and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "my notes"
    forced = run_cli("compare", *pair, "-f", "json", "-o", out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert no_temporary_files(tmp_path)


def test_dash_is_stdout(run_cli: RunCli, pair: tuple[Path, Path], tmp_path: Path) -> None:
    result = run_cli("compare", *pair, "-f", "json", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["findings"]
    assert not (tmp_path / "-").exists()


def test_story_and_export_refuse_the_store(run_cli: RunCli, store: Path) -> None:
    before = digest(store)
    story_out = run_cli("story", "s1", "--db", store, "-f", "html", "-o", store, "--force")
    assert story_out.returncode == 3 and "is the store" in story_out.stderr
    export_out = run_cli("export", store, "-f", "jsonl", "--db", store, "--force")
    assert export_out.returncode == 3 and "is the store" in export_out.stderr
    wal = run_cli("story", "s1", "--db", store, "-o", f"{store}-wal")
    assert wal.returncode == 3, wal.stderr
    assert digest(store) == before


def test_export_refuses_an_article_and_infers_the_format(
    run_cli: RunCli, store: Path, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    before = digest(pair[0])
    over = run_cli("export", pair[0], "--db", store)
    assert over.returncode in (3, 4) and digest(pair[0]) == before  # .txt: neither rule allows it
    parquet = run_cli("export", "all.parquet", "--db", store)
    assert parquet.returncode == 0, parquet.stderr
    assert pq.read_table(tmp_path / "all.parquet").num_rows == 3
    mismatch = run_cli("export", "rows.jsonl", "-f", "parquet", "--db", store)
    assert mismatch.returncode == 4 and "contradicts" in mismatch.stderr
    assert not (tmp_path / "rows.jsonl").exists()
    unknown = run_cli("export", "rows.csv", "--db", store)
    assert unknown.returncode == 4 and ".jsonl or .parquet" in unknown.stderr
    again = run_cli("export", "all.parquet", "--db", store)
    assert again.returncode == 3 and "--force" in again.stderr
    assert run_cli("export", "all.parquet", "--db", store, "--force").returncode == 0
    stdout = run_cli("export", "-", "--db", store)
    assert stdout.returncode == 0, stdout.stderr
    assert len([json.loads(line) for line in stdout.stdout.splitlines()]) == 3
    assert no_temporary_files(tmp_path)


def test_demo_replaces_its_own_page_only(run_cli: RunCli, tmp_path: Path) -> None:
    first = run_cli("demo", "--out", "report.html", timeout=180)
    assert first.returncode == 0, first.stderr
    page = tmp_path / "report.html"
    assert '<meta name="generator" content="wiretrace">' in page.read_text(encoding="utf-8")
    again = run_cli("demo", "--out", "report.html", timeout=180)
    assert again.returncode == 0, again.stderr  # `make demo` can run again
    mine = tmp_path / "mine.html"
    mine.write_text("<html>my page</html>", encoding="utf-8")
    refused = run_cli("demo", "--out", mine, timeout=180)
    assert refused.returncode == 3 and "--force" in refused.stderr
    assert mine.read_text(encoding="utf-8") == "<html>my page</html>"


def test_batch_and_table_exports_never_write_over_inputs_or_tables(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path
) -> None:
    wire = write_file("in/wire.txt", bridge())
    write_file("in/rewrite1.txt", bridge({1: "Engineers found 21 cracks in the piers."}))
    before = digest(wire)
    for out, why in (
        ("in", "is the input in"),
        ("in/tables", "is inside the input folder in"),
        ("in/wire.txt", "is inside the input folder in"),
    ):
        refused = run_cli("batch", "in", "--out", out, "--no-findings", "--force")
        assert refused.returncode == 3 and why in refused.stderr, refused.stderr
    assert digest(wire) == before and sorted(p.name for p in (tmp_path / "in").iterdir()) == [
        "rewrite1.txt",
        "wire.txt",
    ]
    assert run_cli("batch", "in", "--out", "tables", "--no-findings").returncode == 0
    again = run_cli("batch", "in", "--out", "tables", "--no-findings")
    assert again.returncode == 3 and "give --force" in again.stderr
    assert run_cli("batch", "in", "--out", "tables", "--no-findings", "--force").returncode == 0
    assert no_temporary_files(tmp_path / "tables")
    # a table given as input may not be replaced by the run
    held = run_cli("batch", "tables/articles.parquet", "--out", "tables", "--force")
    assert held.returncode == 3 and "holds the input" in held.stderr

    assert run_cli("ingest", "in", "--db", "w.db").returncode == 0
    store = digest(tmp_path / "w.db")
    refused = run_cli("export", "w.db", "--format", "tables", "--db", "w.db", "--force")
    assert refused.returncode == 3 and "is the store" in refused.stderr
    assert digest(tmp_path / "w.db") == store
    exists = run_cli("export", "tables", "--format", "tables", "--db", "w.db")
    assert exists.returncode == 3 and "give --force" in exists.stderr
    forced = run_cli("export", "tables", "--format", "tables", "--db", "w.db", "--force")
    assert forced.returncode == 0, forced.stderr


def test_export_never_replaces_a_file_the_store_was_read_from(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path
) -> None:
    rows = [{"id": f"n{n}", "text": text} for n, text in enumerate(ORCHID)]
    feed = write_file("in/day.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    single = write_file("in/one.json", json.dumps({"id": "one", "text": bridge()}))
    assert run_cli("ingest", "in", "--db", "w.db").returncode == 0
    for target in (feed, single):
        before = digest(target)
        # --force replaces an existing file, but never one that holds stored articles
        over = run_cli("export", target, "-f", "jsonl", "--db", "w.db", "--force")
        assert over.returncode == 3, over.stderr
        assert "was read from" in over.stderr and digest(target) == before
    assert no_temporary_files(tmp_path)
    elsewhere = write_file("old.jsonl", "{}\n")
    assert run_cli("export", elsewhere, "--db", "w.db", "--force").returncode == 0
