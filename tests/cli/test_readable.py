"""Readable output and article management at the terminal, through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import RunCli, WriteFile
from tests.utils.texts import BRIDGE, ORCHID, POOL

#: More of the fictional town (every name is made up), so that the pair is ~600 words.
HARBOUR = (
    "The old lighthouse on Kestrel Point will be turned into a small maritime museum.",
    "The museum trust said it had raised 180,000 euros from local donors since March.",
    '"Every family here has a story about the sea, and we want to keep them," said '
    "trust chair Ingrid Solberg.",
    "Work on the tower is due to start in May and should take about a year.",
    "The lamp itself was switched off in 1994, when an automatic beacon replaced it.",
    "Volunteers have already catalogued more than 300 objects, from charts to ship bells.",
    "The trust hopes to welcome 12,000 visitors in the first season.",
    "A ferry from the harbour will stop at the point twice a day in summer.",
    "Schools in the district will be able to visit free of charge on weekdays.",
    "The regional council has promised a further grant if the first year goes well.",
    "Solberg said the trust would also restore the keeper's cottage next to the tower.",
    "The cottage will hold a reading room and a small cafe for walkers on the coast path.",
    "Fishermen's widows from the village will record their memories for an archive.",
    "The first exhibition will tell the story of the great storm of 1953.",
    "Tickets will cost eight euros for adults and three euros for children.",
    "The trust will publish its accounts every spring so that donors can see how the money "
    "is spent.",
    "Local artists have offered paintings of the point for a charity sale in the autumn.",
    "A bus link from the railway station to the coast path is being discussed with the "
    "regional transport office.",
    "The trust said it would need about 40 volunteers to keep the museum open every day.",
    "Training for the volunteers will begin in the spring at the village hall.",
    "Birdwatchers have asked that the cliff paths stay closed during the nesting season.",
)
WIRE = " ".join(BRIDGE + POOL + HARBOUR)
REWRITE = (
    WIRE.replace("12 cracks", "21 cracks")
    .replace("on Monday", "on Tuesday")
    .replace("180,000 euros", "280,000 euros")
    .replace("keep them", "save them")
)


def test_findings_only_fits_the_first_screen_at_100_columns(
    write_file: WriteFile, tmp_path: Path
) -> None:
    a, b = write_file("wire.txt", WIRE), write_file("rewrite.txt", REWRITE)
    assert 560 <= len(WIRE.split()) <= 700
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "WIRETRACE_DEBUG"}}
    env.update({"COLUMNS": "100", "LINES": "40", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    proc = subprocess.run(
        [sys.executable, "-m", "wiretrace", "compare", a, b, "--findings-only"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    data = json.loads(
        subprocess.run(
            [sys.executable, "-m", "wiretrace", "compare", a, b, "-f", "json"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=tmp_path,
            timeout=120,
            check=True,
        ).stdout
    )
    kinds = [f["kind"] for f in data["findings"]]
    assert len(kinds) >= 4
    assert len(lines) <= 40, proc.stdout  # the first screen of a 100x40 terminal
    assert max(len(line) for line in lines) <= 100
    shown = [line.split("│")[1].strip() for line in lines if line.count("│") >= 5]
    assert [k for k in shown if k and k != "kind"] == kinds  # every kind in full, none cut
    assert "…" not in proc.stdout.split("Findings")[1]


def test_kind_and_min_confidence_only_filter(run_cli: RunCli, write_file: WriteFile) -> None:
    a, b = write_file("wire.txt", WIRE), write_file("rewrite.txt", REWRITE)
    everything = json.loads(run_cli("compare", a, b, "-f", "json").stdout)["findings"]
    numbers = json.loads(run_cli("compare", a, b, "-f", "json", "--kind", "number_changed").stdout)[
        "findings"
    ]
    assert numbers == [f for f in everything if f["kind"] == "number_changed"] != []
    sure = json.loads(run_cli("compare", a, b, "-f", "json", "--min-confidence", "0.9").stdout)
    assert sure["findings"] == [f for f in everything if f["confidence"] >= 0.9]
    bad = run_cli("compare", a, b, "--kind", "no_such_kind")
    assert bad.returncode == 2


def test_articles_article_story_by_article_id_and_compare_ids(
    run_cli: RunCli, write_file: WriteFile
) -> None:
    feed = write_file(
        "day.jsonl",
        "\n".join(
            json.dumps(r)
            for r in (
                {
                    "id": "wire",
                    "text": WIRE,
                    "outlet": "Nordpress",
                    "published": "2026-03-04T09:15:00+00:00",
                },
                {
                    "id": "copy",
                    "text": REWRITE,
                    "outlet": "Valley Courier",
                    "published": "2026-03-04T11:40:00+00:00",
                },
                {"id": "orchid", "text": " ".join(ORCHID), "outlet": "Garden Weekly"},
            )
        )
        + "\n",
    )
    assert run_cli("ingest", feed, "--db", "w.db").returncode == 0
    rows = json.loads(run_cli("articles", "--db", "w.db", "-f", "json").stdout)
    assert [r["id"] for r in rows] == ["wire", "copy", "orchid"]  # earliest first
    courier = json.loads(
        run_cli("articles", "--db", "w.db", "--outlet", "valley courier", "-f", "json").stdout
    )
    assert [r["id"] for r in courier] == ["copy"]
    since = json.loads(
        run_cli("articles", "--db", "w.db", "--since", "2026-03-04T10:00", "-f", "json").stdout
    )
    assert [r["id"] for r in since] == ["copy"]
    story = rows[0]["story_id"]
    assert rows[1]["story_id"] == story
    by_story = json.loads(
        run_cli("articles", "--db", "w.db", "--story", story, "-f", "json").stdout
    )
    assert [r["id"] for r in by_story] == ["wire", "copy"]
    text = run_cli("articles", "--db", "w.db")
    assert text.returncode == 0 and "3 articles" in text.stdout
    shown = run_cli("article", "copy", "--db", "w.db")
    assert shown.returncode == 0 and "Valley Courier" in shown.stdout and story in shown.stdout
    missing = run_cli("article", "nope", "--db", "w.db")
    assert missing.returncode == 3 and "no article" in missing.stderr
    via_article = json.loads(run_cli("story", "copy", "--db", "w.db", "-f", "json").stdout)
    assert via_article["story_id"] == story
    diff = run_cli("compare", "wire", "copy", "--db", "w.db", "--findings-only")
    assert diff.returncode == 0, diff.stderr
    assert "21" in diff.stdout
    unknown = run_cli("compare", "wire", "nope", "--db", "w.db")
    assert unknown.returncode == 3 and "neither a file nor an article id" in unknown.stderr


def test_demo_table_reads_at_80_columns(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "WIRETRACE_DEBUG"}}
    env.update({"COLUMNS": "80", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    proc = subprocess.run(
        [sys.executable, "-m", "wiretrace", "demo", "--out", "d.html"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    table = proc.stdout.split("┗")[0]
    assert "…" not in table  # no id, outlet or kind is cut
    assert "unsupported_addition ×1" in table and "attribution_dropped ×1" in table
    assert max(len(line) for line in table.splitlines()) <= 80
