"""Duplicates, versions and verbatim syndication, through a real subprocess and SQLite file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.test_store_safety import OLD_STORE
from tests.conftest import RunCli, WriteFile
from tests.utils.texts import BRIDGE, bridge

DEMO = Path(__file__).resolve().parents[2] / "src" / "wiretrace" / "demo" / "corpus"


def record(article_id: str, text: str, **fields: str) -> str:
    return json.dumps({"id": article_id, "text": text, **fields})


def test_reingest_is_idempotent_for_an_old_store(run_cli: RunCli, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copyfile(OLD_STORE, db)
    result = run_cli("ingest", DEMO, "--db", db)
    assert result.returncode == 0, result.stderr
    assert "0 added, 9 duplicates skipped" in result.stderr


def test_syndication_versions_and_duplicates(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path
) -> None:
    wire = bridge()
    updated = bridge({6: BRIDGE[6].replace("4,000", "4,500")})
    feed = write_file(
        "day.jsonl",
        "\n".join(
            [
                record("wire", wire, outlet="Nordpress", url="https://nordpress.example/a1"),
                # the same text from another outlet and URL: its own article, verbatim
                record("synd", wire, outlet="Valley Courier", url="https://courier.example/n/9"),
                # the same text and outlet at another URL: a duplicate
                record("again", wire, outlet="Nordpress", url="https://nordpress.example/x"),
                # the same URL (tracking parameter, www.) with changed text: a new version
                record(
                    "wire-v2",
                    updated,
                    outlet="Nordpress",
                    url="https://www.nordpress.example/a1?utm_source=feed",
                ),
                # the same text and canonical URL: a duplicate
                record("wire-copy", wire, url="http://nordpress.example/a1/#top"),
            ]
        )
        + "\n",
    )
    result = run_cli("ingest", feed, "--db", "w.db")
    assert result.returncode == 0, result.stderr
    assert "3 added" in result.stderr and "2 duplicates skipped" in result.stderr
    assert "synd is a verbatim copy of wire" in result.stderr
    assert "wire-v2 is a new version of wire" in result.stderr
    rows = json.loads(run_cli("articles", "--db", "w.db", "-f", "json").stdout)
    assert sorted(r["id"] for r in rows) == ["synd", "wire", "wire-v2"]
    shown = json.loads(run_cli("article", "synd", "--db", "w.db", "-f", "json").stdout)
    assert {"kind": "verbatim", "article_id": "synd", "earlier_id": "wire"} in shown["links"]
    diff = run_cli("compare", "wire", "wire-v2", "--db", "w.db", "--findings-only")
    assert diff.returncode == 0, diff.stderr
    assert "4,500" in diff.stdout
    rerun = run_cli("ingest", feed, "--db", "w.db")
    assert "0 added, 5 duplicates skipped" in rerun.stderr


def test_colliding_ids_get_their_extension(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path
) -> None:
    write_file("in/rewrite1.txt", bridge({0: "A plain text rewrite opens here."}))
    write_file(
        "in/rewrite1.html",
        "<html><head><title>Bridge</title></head><body><article><p>"
        + bridge({0: "An HTML rewrite opens here instead."})
        + "</p></article></body></html>",
    )
    result = run_cli("ingest", tmp_path / "in", "--db", "w.db")
    assert result.returncode == 0, result.stderr
    assert "rewrite1.txt" in result.stderr and "rewrite1.html" in result.stderr
    rows = json.loads(run_cli("articles", "--db", "w.db", "-f", "json").stdout)
    assert sorted(r["id"] for r in rows) == ["rewrite1.html", "rewrite1.txt"]


def test_folder_walk_skips_own_reports_and_stores(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    a = write_file("in/wire.txt", bridge())
    b = write_file("in/rewrite.txt", bridge({1: "Engineers found 21 cracks."}))
    assert run_cli("compare", a, b, "-f", "html", "-o", folder / "report.html").returncode == 0
    assert run_cli("ingest", folder, "--db", folder / "w.db").returncode == 0
    again = run_cli("ingest", folder, "--db", folder / "w.db")
    assert again.returncode == 0, again.stderr
    assert "report.html" not in again.stderr and "w.db" not in again.stderr.split(";")[0]
    assert "skipped:" not in again.stderr
    # text and JSON reports written into the folder are skipped too, without a word
    for args in (
        ("compare", a, b, "-o", folder / "report.txt"),
        ("compare", a, b, "-f", "json", "-o", folder / "report.json"),
        ("story", "wire", "--db", folder / "w.db", "-o", folder / "story.txt"),
        ("story", "wire", "--db", folder / "w.db", "-f", "json", "-o", folder / "story.json"),
    ):
        assert run_cli(*args).returncode == 0
    third = run_cli("ingest", folder, "--db", folder / "w.db")
    assert "0 added, 2 duplicates skipped, 0 records skipped" in third.stderr, third.stderr
    assert "report." not in third.stderr and "story." not in third.stderr


#: The links of "wire" as ``article wire`` prints them, earliest published first.
SHOWN = (
    ("copied verbatim by", "early"),
    ("later version:", "wire-v2"),
    ("copied verbatim by", "late"),
)


def test_article_links_read_source_first_then_earliest(
    run_cli: RunCli, write_file: WriteFile
) -> None:
    wire = bridge()
    updated = bridge({6: BRIDGE[6].replace("4,000", "4,500")})
    url = "https://nordpress.example/a1"
    feed = write_file(
        "day.jsonl",
        "\n".join(
            [
                record("wire", wire, outlet="Nordpress", url=url, published="2026-03-04T08:00Z"),
                # stored in another order than they were published
                record(
                    "late",
                    wire,
                    outlet="Valley Courier",
                    url="https://courier.example/n/9",
                    published="2026-03-04T12:00Z",
                ),
                record(
                    "wire-v2", updated, outlet="Nordpress", url=url, published="2026-03-04T10:00Z"
                ),
                record(
                    "early",
                    wire,
                    outlet="Harbour Times",
                    url="https://harbour.example/b/3",
                    published="2026-03-04T09:00Z",
                ),
                record(
                    "late-v2",
                    updated,
                    outlet="Valley Courier",
                    url="https://courier.example/n/10",
                    published="2026-03-04T11:00Z",
                ),
            ]
        )
        + "\n",
    )
    assert run_cli("ingest", feed, "--db", "w.db").returncode == 0
    shown = json.loads(run_cli("article", "wire", "--db", "w.db", "-f", "json").stdout)
    assert [link["article_id"] for link in shown["links"]] == ["early", "wire-v2", "late"]
    text = run_cli("article", "wire", "--db", "w.db").stdout
    lines = [line.rstrip() for line in text.splitlines()]
    shown_links = [line.split(maxsplit=1)[1] for line in lines if line.startswith("ver")]
    assert shown_links == [f"{what} {other}" for what, other in SHOWN], text
    shown = json.loads(run_cli("article", "wire-v2", "--db", "w.db", "-f", "json").stdout)
    assert shown["links"] == [
        {"kind": "version", "article_id": "wire-v2", "earlier_id": "wire"},  # its source
        {"kind": "verbatim", "article_id": "late-v2", "earlier_id": "wire-v2"},
    ]


def test_an_update_also_run_verbatim_elsewhere_keeps_both_links(
    run_cli: RunCli, write_file: WriteFile
) -> None:
    wire = bridge()
    updated = bridge({6: BRIDGE[6].replace("4,000", "4,500")})
    url = "https://nordpress.example/a1"
    feed = write_file(
        "day.jsonl",
        "\n".join(
            [
                # another outlet ran the updated text before the wire's update was read
                record("courier", updated, outlet="Valley Courier", url="https://c.example/9"),
                record("wire", wire, outlet="Nordpress", url=url),
                record("wire-v2", updated, outlet="Nordpress", url=f"{url}?utm_source=feed"),
            ]
        )
        + "\n",
    )
    done = run_cli("ingest", feed, "--db", "w.db")
    assert done.returncode == 0, done.stderr
    assert "wire-v2 is a new version of wire" in done.stderr
    shown = json.loads(run_cli("article", "wire-v2", "--db", "w.db", "-f", "json").stdout)
    assert sorted((link["kind"], link["earlier_id"]) for link in shown["links"]) == [
        ("verbatim", "courier"),
        ("version", "wire"),
    ]
    again = run_cli("ingest", feed, "--db", "w.db")
    assert "0 added, 3 duplicates skipped" in again.stderr
