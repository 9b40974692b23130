"""A story of plain .txt files without times or outlets is named after its source, in
the story list and on the story page alike (through a real subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunCli, WriteFile
from wiretrace import Corpus
from wiretrace.store import SQLiteStore

#: A fictional wire report (with the wire's credit dateline) and two rewrites. The files
#: are named so that the rewrites are stored first: the old rule took the first stored
#: article's headline.
WIRE = """Ferry crews strike over pay, Marrow Island crossings halted

LANPORT (Coastal Wire) — Ferry crossings between Lanport and Marrow Island were halted on \
Tuesday after crews walked out in a dispute over pay, the Marrow Ferry Workers Union said.

The union said 212 of its members had joined the walkout, the first on the route in eleven \
years, and that no sailings would run until the operator improved its offer.

"We have asked for a fair deal for two years and got nothing," union secretary Delia Prenn \
told reporters at the Lanport pier on Tuesday morning.

Tidewell Lines, which operates the route, said talks could resume on Thursday. A spokesman \
said about 1,400 passengers had been booked on Tuesday's sailings and would be offered refunds.

Shopkeepers on the island said deliveries of fresh food would run short by the weekend if \
the strike continued. The island has about 3,200 residents.
"""

REWRITE1 = """Ferry strike halts crossings to Marrow Island

Ferry crossings between Lanport and Marrow Island stopped on Tuesday as crews walked out \
over pay, leaving hundreds of travellers stranded at both terminals.

The Marrow Ferry Workers Union said 212 of its members joined the walkout, which it called \
the first in eleven years.

"We have asked for a fair deal for two years and got nothing," union secretary Delia Prenn \
told reporters at the Lanport pier.

The operator, Tidewell Lines, said talks could resume on Thursday. It said about 1,400 \
passengers had been booked on Tuesday's sailings.

Local shops on the island said deliveries of fresh food would run short by the weekend if \
the strike went on.
"""

REWRITE2 = """Island cut off as ferry crews strike

Marrow Island was cut off from the mainland on Tuesday after ferry crews walked out in a \
row over pay.

Union secretary Delia Prenn said: "We have asked for a fair deal for two years and got \
nothing."

Tidewell Lines, which runs the route, said some 1,400 passengers were booked on Tuesday. \
The union said 212 members had joined the strike.

Talks may resume on Thursday, the operator said.
"""

OTHER = """Council approves new library hours

The Lanport town council voted 7-2 on Monday to keep the central library open until \
9 p.m. on weekdays from January.

Councillor Amos Frey said the change would cost about 48,000 a year.
"""

WIRE_TITLE = "Ferry crews strike over pay, Marrow Island crossings halted"


def test_untimed_story_is_named_after_its_source(
    run_cli: RunCli, write_file: WriteFile, tmp_path: Path
) -> None:
    write_file("in/a-rewrite1.txt", REWRITE1)
    write_file("in/b-rewrite2.txt", REWRITE2)
    write_file("in/c-wire.txt", WIRE)
    write_file("in/d-other.txt", OTHER)
    done = run_cli("ingest", "in", "--db", "w.db")
    assert done.returncode == 0, done.stderr
    listed = json.loads(run_cli("stories", "--db", "w.db", "-f", "json").stdout)
    ferry = next(s for s in listed if "c-wire" in s["article_ids"])
    assert ferry["title"] == WIRE_TITLE
    assert ferry["article_ids"][0] == "a-rewrite1"  # stored first, and still not the title
    story = json.loads(run_cli("story", ferry["story_id"], "--db", "w.db", "-f", "json").stdout)
    assert story["earliest_id"] == "c-wire"
    assert story["title"] == WIRE_TITLE
    text = run_cli("stories", "--db", "w.db").stdout
    assert "Ferry crews strike" in text and "Ferry strike halts" not in text
    page = run_cli("story", ferry["story_id"], "--db", "w.db", "-f", "html", "-o", "-").stdout
    assert f"<h1>wiretrace story {ferry['story_id']}: {WIRE_TITLE}</h1>" in page
    shown = run_cli("story", "c-wire", "--db", "w.db")
    assert shown.stdout.startswith(f"{ferry['story_id']}: {WIRE_TITLE}")
    with Corpus(SQLiteStore(tmp_path / "w.db")) as corpus:  # what the desk lists
        items = corpus.story_page().items
        assert [i.title for i in items if i.story_id == ferry["story_id"]] == [WIRE_TITLE]

    # members change: the source goes, and the story takes its next source's title
    gone = run_cli("delete", "c-wire", "--db", "w.db")
    assert gone.returncode == 0, gone.stderr
    listed = json.loads(run_cli("stories", "--db", "w.db", "-f", "json").stdout)
    left = next(s for s in listed if "a-rewrite1" in s["article_ids"])
    story = json.loads(run_cli("story", left["story_id"], "--db", "w.db", "-f", "json").stdout)
    by_id = {t["id"]: t for t in story["timeline"]}
    assert left["title"] == story["title"] == by_id[story["earliest_id"]]["title"]
