"""A story as a user reads it (real subprocess, SQLite file): articles named by outlet,
never "A"/"B"; figures and names in the text's own words, never stems; the story title
as the story list gives it; stored verbatim links as verbatim edges."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import RunCli, WriteFile
from tests.utils.texts import BRIDGE, bridge

WIRE = "Brennick closes Alder Street bridge to heavy traffic\n\n" + " ".join(BRIDGE)
REWRITE = "Bridge in Brennick shut after engineers find cracks\n\n" + bridge(
    {
        1: "Council leader Marta Keller said engineers had found 14 cracks in two of the "
        "bridge's support piers.",
        4: "Repairs could cost 300,000 euros.",
    },
    drop=(3,),
)
#: A side letter outside quotes: what a story must never show.
SIDE = re.compile(r"(?<![\w“\"-])[AB](?![\w”\"-])")


def _feed(write_file: WriteFile) -> Path:
    rows = [
        {"id": "wire", "text": WIRE, "outlet": "Nordpress", "url": "https://np.example/a1",
         "published": "2026-03-02T08:00:00Z"},
        {"id": "synd", "text": WIRE, "outlet": "Valley Courier", "url": "https://vc.example/9",
         "published": "2026-03-02T09:00:00Z"},
        {"id": "rw", "text": REWRITE, "outlet": "Harbour Times",
         "published": "2026-03-02T11:00:00Z"},
    ]  # fmt: skip
    return write_file("day.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")


def test_story_names_outlets_words_and_verbatim_edges(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    assert run_cli("ingest", _feed(write_file), "--db", db).returncode == 0
    story = json.loads(run_cli("story", "s1", "--db", db, "-f", "json").stdout)
    assert story["title"] == "Brennick closes Alder Street bridge to heavy traffic"
    titles = {t["id"]: t["title"] for t in story["timeline"]}
    assert titles["rw"] == "Bridge in Brennick shut after engineers find cracks"
    edges = {(e["source_id"], e["target_id"]): e for e in story["edges"]}
    assert edges["wire", "synd"]["kind"] == "verbatim"
    assert story["links"] == [{"kind": "verbatim", "article_id": "synd", "earlier_id": "wire"}]
    explanations = [f["explanation"] for f in edges["wire", "rw"]["findings"]]
    assert "Nordpress gives 12 cracks; Harbour Times gives 14 cracks" in explanations
    for text in [*explanations, *(r for e in story["edges"] for r in e["reasons"])]:
        assert not SIDE.search(text), text
    evidence = {t["id"]: t["membership"] for t in story["timeline"]}
    assert "12 cracks" in evidence["wire"]["figures"]
    assert "Brennick" in evidence["wire"]["names"]

    shown = run_cli("story", "s1", "--db", db, "-o", "s1.txt")  # 160 columns: no wrapping
    assert shown.returncode == 0, shown.stderr
    flat = " ".join((tmp_path / "s1.txt").read_text(encoding="utf-8").split())
    assert "verbatim: Valley Courier is a verbatim copy of Nordpress" in flat
    assert "Nordpress gives 12 cracks; Harbour Times gives 14 cracks" in flat
    assert "12 crack," not in flat and "crack;" not in flat

    page = run_cli("story", "s1", "--db", db, "-f", "html", "-o", "s1.html")
    assert page.returncode == 0, page.stderr
    html = (tmp_path / "s1.html").read_text(encoding="utf-8")
    assert "<th>Nordpress</th><th>match</th><th>Harbour Times</th>" in html
    assert "Nordpress is the source" in html


def test_stories_and_story_agree_on_the_title(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path
) -> None:
    # undated plain-text files, the copy stored first: the list, the text view, the JSON
    # and the HTML page all give the title of the article the derivation names the
    # earliest (set when the story's members change), not the first stored article's
    write_file("in/a-rewrite.txt", REWRITE)
    write_file("in/b-wire.txt", WIRE)
    db = tmp_path / "w.db"
    assert run_cli("ingest", tmp_path / "in", "--db", db).returncode == 0
    first_title = "Brennick closes Alder Street bridge to heavy traffic"  # the wire's
    [listed] = json.loads(run_cli("stories", "--db", db, "-f", "json").stdout)
    assert listed["title"] == first_title
    story = json.loads(run_cli("story", "a-rewrite", "--db", db, "-f", "json").stdout)
    assert story["earliest_id"] == "b-wire"
    assert story["title"] == first_title
    assert run_cli("story", "s1", "--db", db).stdout.startswith(f"s1: {first_title}")
    assert f"<title>wiretrace story s1: {first_title}</title>" in (
        run_cli("story", "s1", "--db", db, "-f", "html").stdout
    )
    # with times (front matter), the earliest published article gives the title in both
    write_file("dated/a-rewrite.txt", "---\npublished: 2026-03-02T11:00:00Z\n---\n" + REWRITE)
    write_file("dated/b-wire.txt", "---\npublished: 2026-03-02T08:00:00Z\n---\n" + WIRE)
    dated = tmp_path / "dated.db"
    assert run_cli("ingest", tmp_path / "dated", "--db", dated).returncode == 0
    wire_title = "Brennick closes Alder Street bridge to heavy traffic"
    [listed] = json.loads(run_cli("stories", "--db", dated, "-f", "json").stdout)
    story = json.loads(run_cli("story", "s1", "--db", dated, "-f", "json").stdout)
    assert listed["title"] == story["title"] == wire_title


def test_a_verbatim_link_reads_in_time_order(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path
) -> None:
    # the syndicated copy is stored first, but the wire was published first: the story
    # says the copy copied the wire, as its derivation tree does
    rows = [
        {"id": "synd", "text": WIRE, "outlet": "Valley Courier", "published": "2026-03-02T09:00Z"},
        {"id": "wire", "text": WIRE, "outlet": "Nordpress", "published": "2026-03-02T08:00Z"},
    ]
    feed = write_file("late.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    db = tmp_path / "late.db"
    ingested = run_cli("ingest", feed, "--db", db)
    assert ingested.returncode == 0, ingested.stderr
    assert "synd is a verbatim copy of wire" in ingested.stderr
    shown = run_cli("story", "s1", "--db", db, "-o", "late.txt")
    assert shown.returncode == 0, shown.stderr
    flat = " ".join((tmp_path / "late.txt").read_text(encoding="utf-8").split())
    assert "verbatim: Valley Courier is a verbatim copy of Nordpress" in flat
