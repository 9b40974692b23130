"""``--open`` through a real subprocess: the HTML goes to a temporary file (or to ``-o``)
and Python's ``webbrowser`` opens it; ``BROWSER`` names a small script that records the
address it was given."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

from tests.conftest import WriteFile
from tests.utils.texts import BRIDGE, bridge

RECORDER = """import sys, pathlib
with pathlib.Path(sys.argv[1]).open("a", encoding="utf-8") as log:
    log.write(sys.argv[2] + "\\n")
"""


def _run(
    tmp_path: Path, log: Path, *args: str | os.PathLike[str], **extra: str
) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "record_browser.py"
    script.write_text(RECORDER, encoding="utf-8")
    hidden = {"WIRETRACE_DEBUG", "DISPLAY", "WAYLAND_DISPLAY"}
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    env.update(
        {
            "BROWSER": f"{sys.executable} {script} {log} %s",
            "NO_COLOR": "1",
            "PYTHONIOENCODING": "utf-8",
            "TMPDIR": str(tmp_path / "tmp"),
            **extra,
        }
    )
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "wiretrace", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


def _opened(log: Path) -> list[Path]:
    return [Path(unquote(urlparse(line).path)) for line in log.read_text().splitlines()]


def test_compare_and_story_open_the_html_page(write_file: WriteFile, tmp_path: Path) -> None:
    a = write_file("wire.txt", " ".join(BRIDGE))
    b = write_file("copy.txt", bridge({1: BRIDGE[1].replace("12 cracks", "21 cracks")}))
    log = tmp_path / "opened.log"
    result = _run(tmp_path, log, "compare", a, b, "--open")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # the page went to the browser, not the terminal
    [page] = _opened(log)
    assert page.parent == tmp_path / "tmp" and page.name.startswith("wiretrace-compare-")
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "21" in html
    assert f"opened {page}" in " ".join(result.stderr.split())

    # with -o the named file is written (guarded as always) and opened
    result = _run(tmp_path, log, "compare", a, b, "-f", "html", "-o", "report.html", "--open")
    assert result.returncode == 0, result.stderr
    assert _opened(log)[-1] == tmp_path / "report.html"
    refused = _run(tmp_path, log, "compare", a, b, "-o", "wire.txt", "--open")
    assert refused.returncode == 3 and len(_opened(log)) == 2  # never over an input
    bad = _run(tmp_path, log, "compare", a, b, "-f", "json", "--open")
    assert bad.returncode == 2 and "--open shows an HTML page" in bad.stderr

    feed = write_file(
        "day.jsonl",
        "\n".join(
            json.dumps({"id": i, "text": t, "outlet": o})
            for i, t, o in (
                ("wire", a.read_text(), "Nordpress"),
                ("copy", b.read_text(), "Valley Courier"),
            )
        )
        + "\n",
    )
    assert _run(tmp_path, log, "ingest", feed, "--db", "w.db").returncode == 0
    shown = _run(tmp_path, log, "story", "s1", "--db", "w.db", "--open")
    assert shown.returncode == 0, shown.stderr
    story_page = _opened(log)[-1]
    assert story_page.name.startswith("wiretrace-story-s1-") and story_page.suffix == ".html"
    assert "Valley Courier" in story_page.read_text(encoding="utf-8")


def test_no_browser_leaves_the_page_and_says_where(write_file: WriteFile, tmp_path: Path) -> None:
    a = write_file("wire.txt", " ".join(BRIDGE))
    b = write_file("copy.txt", bridge(drop=(3,)))
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    # a browser that fails, and no other browser on PATH to fall back on
    failed = _run(
        tmp_path, tmp_path / "log", "compare", a, b, "--open", BROWSER="false", PATH=str(empty)
    )
    assert failed.returncode == 0, failed.stderr
    flat = " ".join(failed.stderr.split())
    assert "no browser could be opened (set BROWSER); the page is at" in flat
    [page] = (tmp_path / "tmp").glob("wiretrace-compare-*.html")
    assert str(page) in flat and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
