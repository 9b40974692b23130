"""Metadata of plain-text and HTML articles, and help text, through a real subprocess."""

from __future__ import annotations

import json
import re

from tests.conftest import RunCli, WriteFile
from tests.utils.texts import bridge

FRONT = """---
title: Brennick closes Alder Street bridge
outlet: Nordpress
url: https://nordpress.example/a1
published: 2026-03-04T09:15:00Z
---
"""

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Bridge closed | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta name="date" content="2026-03-04T14:40:00+00:00">
</head><body><article><h1>Bridge closed</h1><p>{text}</p></article></body></html>
"""


def test_front_matter_and_run_metadata(run_cli: RunCli, write_file: WriteFile) -> None:
    write_file("in/wire.txt", FRONT + bridge())
    write_file("in/rewrite.txt", bridge({0: "Brennick shut the old bridge on Monday."}))
    write_file("in/broken.txt", "---\ntitle: [unclosed\n---\nSome text here.\n")
    result = run_cli(
        "ingest",
        "in",
        "--db",
        "w.db",
        "--outlet",
        "Valley Courier",
        "--published",
        "2026-03-04T15:00:00Z",
    )
    assert result.returncode == 0, result.stderr
    assert "broken.txt" in result.stderr and "front matter" in result.stderr
    wire = json.loads(run_cli("article", "wire", "--db", "w.db", "-f", "json").stdout)
    assert wire["title"] == "Brennick closes Alder Street bridge"
    assert wire["outlet"] == "Nordpress"  # the file's own front matter wins
    assert wire["published"].startswith("2026-03-04T09:15")
    assert wire["text"].startswith("The town council")  # the block is not in the text
    rewrite = json.loads(run_cli("article", "rewrite", "--db", "w.db", "-f", "json").stdout)
    assert rewrite["outlet"] == "Valley Courier"
    assert rewrite["published"].startswith("2026-03-04T15:00")
    story = json.loads(run_cli("story", "wire", "--db", "w.db", "-f", "json").stdout)
    assert story["earliest_id"] == "wire"
    bad = run_cli("ingest", "in", "--db", "w.db", "--published", "yesterday")
    assert bad.returncode == 4 and "--published" in bad.stderr


def test_html_time_of_day_is_kept(run_cli: RunCli, write_file: WriteFile) -> None:
    wire = write_file("wire.txt", FRONT + bridge())
    page = write_file("rewrite.html", PAGE.format(text=bridge()))
    data = json.loads(run_cli("compare", wire, page, "-f", "json").stdout)
    assert data["b"]["published"].startswith("2026-03-04T14:40")
    assert data["a"]["published"].startswith("2026-03-04T09:15")


#: Every command of the CLI (``wiretrace --help`` lists them; the test checks the list).
COMMANDS = (
    "compare", "demo", "pan-align", "ingest", "stories", "story", "similar", "export",
    "articles", "article", "delete", "migrate", "reindex", "serve", "batch", "load",
)  # fmt: skip


def test_help_names_values_not_types(run_cli: RunCli) -> None:
    listed = run_cli("--help").stdout
    assert all(f"  {command} " in listed for command in COMMANDS), listed
    for command in COMMANDS:
        result = run_cli(command, "--help")
        assert result.returncode == 0, result.stderr
        text = result.stdout
        # no Typer type placeholders: <bool>, <str>, <int range>, <path>, <list[...]>
        assert re.search(r"<[a-z][\w |\[\].,]*>", text) is None, (command, text)
        assert "Usage: wiretrace " + command in text and "{" not in text.splitlines()[0]
    compare = run_cli("compare", "--help").stdout
    for shown in ("--kind KIND ", "--db PATH ", "--min-confidence NUMBER ", "text|json|html"):
        assert shown in compare, compare
    assert "Usage: wiretrace compare [OPTIONS] A B" in compare
    ingest = run_cli("ingest", "--help").stdout
    for shown in ("--published TIME ", "--jobs N ", "--outlet TEXT ", "PATHS..."):
        assert shown in ingest, ingest
    assert max(len(line) for line in compare.splitlines()) <= 80  # no line-long type names


def test_common_field_names_are_mapped_once(run_cli: RunCli, write_file: WriteFile) -> None:
    rows = [
        {"id": "n1", "content": bridge(), "source": "Nordpress", "pubDate": "2026-03-04"},
        {"id": "n2", "body": bridge({0: "Another lead."}), "site": "Hill Gazette"},
        {"id": "n3", "text": "A third text about the orchid show.", "paper": "Weekly"},
    ]
    feed = write_file("feed.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    result = run_cli("ingest", feed, "--db", "w.db", "--no-cluster")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("field names mapped") == 1
    assert "source -> outlet" in result.stderr and "content -> text" in result.stderr
    n1 = json.loads(run_cli("article", "n1", "--db", "w.db", "-f", "json").stdout)
    assert n1["outlet"] == "Nordpress" and n1["published"].startswith("2026-03-04")
    mapped = run_cli("ingest", feed, "--db", "m.db", "--no-cluster", "--map", "paper=outlet")
    assert mapped.returncode == 0, mapped.stderr
    n3 = json.loads(run_cli("article", "n3", "--db", "m.db", "-f", "json").stdout)
    assert n3["outlet"] == "Weekly"
    bad = run_cli("ingest", feed, "--db", "x.db", "--map", "paper=newspaper")
    assert bad.returncode == 4 and "--map" in bad.stderr


def test_json_files_map_field_names_too(run_cli: RunCli, write_file: WriteFile) -> None:
    # single-article .json files follow the same mapping and --map as JSONL and Parquet
    write_file("in/a.json", json.dumps({"content": bridge(), "source": "Nordpress"}))
    write_file("in/b.json", json.dumps({"body": "Orchid show opens.", "paper": "Weekly"}))
    result = run_cli("ingest", "in", "--db", "w.db", "--no-cluster")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("field names mapped") == 1
    assert "content -> text" in result.stderr and "source -> outlet" in result.stderr
    a = json.loads(run_cli("article", "a", "--db", "w.db", "-f", "json").stdout)
    assert a["outlet"] == "Nordpress"
    mapped = run_cli("ingest", "in", "--db", "m.db", "--no-cluster", "--map", "paper=outlet")
    assert mapped.returncode == 0, mapped.stderr
    b = json.loads(run_cli("article", "b", "--db", "m.db", "-f", "json").stdout)
    assert b["outlet"] == "Weekly" and "paper -> outlet" in mapped.stderr


def test_a_headline_line_is_the_title_in_every_output(
    run_cli: RunCli, write_file: WriteFile
) -> None:
    headline = "Brennick shuts Alder Street bridge"
    write_file("in/rewrite.txt", f"{headline}\n\n{bridge()}")
    assert run_cli("ingest", "in", "--db", "w.db").returncode == 0
    [row] = json.loads(run_cli("articles", "--db", "w.db", "-f", "json").stdout)
    shown = json.loads(run_cli("article", "rewrite", "--db", "w.db", "-f", "json").stdout)
    story = json.loads(run_cli("story", "rewrite", "--db", "w.db", "-f", "json").stdout)
    [stories] = json.loads(run_cli("stories", "--db", "w.db", "-f", "json").stdout)
    assert row["title"] == shown["title"] == story["timeline"][0]["title"] == headline
    assert story["title"] == stories["title"] == headline
    assert headline in " ".join(run_cli("article", "rewrite", "--db", "w.db").stdout.split()[:12])
    html = run_cli("story", "s1", "--db", "w.db", "-f", "html").stdout
    assert f"<title>wiretrace story s1: {headline}</title>" in html
    # compare, too: the JSON's title, the text view's header and the HTML page
    wire = write_file("wire.txt", bridge())
    rewrite = write_file("in/rewrite.txt", f"{headline}\n\n{bridge()}")
    data = json.loads(run_cli("compare", wire, rewrite, "-f", "json").stdout)
    assert data["a"]["title"] is None and data["b"]["title"] == headline
    assert data["b"]["title_span"] == [0, len(headline)]
    text = run_cli("compare", wire, rewrite, "--findings-only").stdout
    assert f"B: {headline}" in text and "A: " not in text
    page = run_cli("compare", wire, rewrite, "-f", "html").stdout
    assert f"<b>B</b>: {headline} · " in page and f"vs {headline}</title>" in page
