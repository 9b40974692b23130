"""The ``wiretrace`` command run as a real subprocess (``python -m wiretrace``)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import wiretrace
from tests.conftest import RunCli, WriteFile
from tests.utils.texts import BRIDGE, ORCHID, PNG_BYTES, bridge, story
from wiretrace.report import SCHEMA_VERSION

A_TEXT = bridge()
B_TEXT = bridge(
    {
        0: BRIDGE[0].replace("Monday", "Wednesday"),
        1: BRIDGE[1].replace("12 cracks", "21 cracks"),
    }
)


@pytest.fixture
def pair(write_file: WriteFile) -> tuple[Path, Path]:
    """A wire story and a rewrite with a changed weekday and a changed figure."""
    return write_file("wire.txt", A_TEXT), write_file("rewrite.txt", B_TEXT)


def _assert_clean_error(stderr: str) -> None:
    assert stderr.startswith("error: "), stderr
    assert "Traceback" not in stderr


def test_compare_text(run_cli: RunCli, pair: tuple[Path, Path]) -> None:
    proc = run_cli("compare", *pair)

    assert proc.returncode == 0, proc.stderr
    assert "wiretrace compare" in proc.stdout
    assert "Findings (2)" in proc.stdout
    assert "Wednesday" in proc.stdout
    assert proc.stderr == ""


def test_compare_json_contract(run_cli: RunCli, pair: tuple[Path, Path]) -> None:
    proc = run_cli("compare", *pair, "--format", "json")

    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["a"]["path"] == str(pair[0])
    assert data["b"]["path"] == str(pair[1])
    assert data["a"]["chars"] == len(A_TEXT)
    assert set(data["direction"]) >= {"source", "confidence", "reasons"}
    assert data["direction"]["source"] in {"a", "b", None}
    assert isinstance(data["direction"]["reasons"], list)
    assert set(data["boilerplate"]) == {"a", "b"}
    assert len(data["alignments"]) == len(BRIDGE)
    for al in data["alignments"]:
        assert set(al) >= {"a_span", "b_span", "similarity", "kind"}
    assert {f["kind"] for f in data["findings"]} == {"date_changed", "number_changed"}
    for f in data["findings"]:
        assert set(f) >= {
            "kind",
            "a_span",
            "b_span",
            "a_text",
            "b_text",
            "confidence",
            "explanation",
        }
        assert A_TEXT[f["a_span"][0] : f["a_span"][1]] == f["a_text"]
        assert B_TEXT[f["b_span"][0] : f["b_span"][1]] == f["b_text"]


def test_compare_html(run_cli: RunCli, pair: tuple[Path, Path]) -> None:
    proc = run_cli("compare", *pair, "-f", "html")

    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("<!DOCTYPE html>")
    assert "number_changed" in proc.stdout
    assert proc.stdout.rstrip().endswith("</html>")


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        # JSON parses and has the schema version
        ("json", lambda s: json.loads(s)["schema_version"] == SCHEMA_VERSION),
        # HTML is a whole page
        ("html", lambda s: s.startswith("<!DOCTYPE html>")),
        # text is the plain rendering, without colour codes
        ("text", lambda s: "Findings (2)" in s and "\x1b[" not in s),
    ],
)
def test_output_option_writes_the_file(
    run_cli: RunCli,
    pair: tuple[Path, Path],
    tmp_path: Path,
    fmt: str,
    check: Callable[[str], bool],
) -> None:
    out = tmp_path / f"report.{fmt}"

    proc = run_cli("compare", *pair, "--format", fmt, "-o", out)

    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert f"wrote {out}" in proc.stderr
    assert check(out.read_text(encoding="utf-8"))


def test_unrelated_texts_exit_zero(run_cli: RunCli, write_file: WriteFile) -> None:
    a = write_file("bridge.txt", A_TEXT)
    b = write_file("orchid.txt", story(*ORCHID))

    proc = run_cli("compare", a, b, "--format", "json")

    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["related"] is False
    assert data["findings"] == []
    assert data["alignments"] == []
    assert "no shared text" in data["verdict"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # a file that is not there
        pytest.param("absent.txt", None, id="missing"),
        # an empty file
        pytest.param("empty.txt", b"", id="empty"),
        # an image under a text suffix
        pytest.param("photo.txt", PNG_BYTES, id="binary"),
        # broken JSON
        pytest.param("cut.json", b'{"text": ', id="bad-json"),
    ],
)
def test_input_errors_exit_3(
    run_cli: RunCli,
    write_file: WriteFile,
    tmp_path: Path,
    name: str,
    content: bytes | None,
) -> None:
    good = write_file("wire.txt", A_TEXT)
    bad = tmp_path / name if content is None else write_file(name, content)

    proc = run_cli("compare", good, bad)

    assert proc.returncode == 3
    assert proc.stdout == ""
    _assert_clean_error(proc.stderr)
    assert name in proc.stderr.replace("\n", "")


def test_error_message_is_one_line(run_cli: RunCli, write_file: WriteFile) -> None:
    # scripts grep stderr line by line: a long path must not wrap the message
    good = write_file("wire.txt", A_TEXT)
    missing = "missing-article-from-the-newsroom-archive-of-the-brennick-daily.txt"

    proc = run_cli("compare", good, missing)

    assert proc.returncode == 3
    assert proc.stderr.splitlines() == [
        f"error: {missing}: does not exist; give the path of an article file"
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # a value out of range
        pytest.param("range.toml", "[align]\nmin_similarity = 2\n", id="range"),
        # a setting that does not exist
        pytest.param("typo.toml", "[align]\nmin_similarty = 0.3\n", id="unknown"),
        # broken TOML
        pytest.param("broken.toml", "[align\n", id="syntax"),
        # a string where a number belongs
        pytest.param("typed.toml", '[align]\nmin_similarity = "high"\n', id="type"),
    ],
)
def test_bad_config_exits_4(
    run_cli: RunCli, pair: tuple[Path, Path], write_file: WriteFile, name: str, content: str
) -> None:
    config = write_file(name, content)

    proc = run_cli("compare", *pair, "--config", config)

    assert proc.returncode == 4, proc.stderr
    _assert_clean_error(proc.stderr)


def test_missing_config_exits_4(run_cli: RunCli, pair: tuple[Path, Path]) -> None:
    proc = run_cli("compare", *pair, "--config", "absent.toml")

    assert proc.returncode == 4
    assert "cannot read config file" in proc.stderr


def test_good_config_is_applied(
    run_cli: RunCli, pair: tuple[Path, Path], write_file: WriteFile
) -> None:
    config = write_file("strict.toml", "[findings]\nmin_confidence = 1.0\n")

    proc = run_cli("compare", *pair, "--config", config, "-f", "json")

    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["findings"] == []


def test_unknown_format_is_a_usage_error(run_cli: RunCli, pair: tuple[Path, Path]) -> None:
    proc = run_cli("compare", *pair, "--format", "pdf")

    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_version(run_cli: RunCli) -> None:
    proc = run_cli("--version")

    assert proc.returncode == 0
    assert proc.stdout.strip() == f"wiretrace {wiretrace.__version__}"


_EXTERNAL = re.compile(
    r"<script[^>]*\bsrc\s*=|<link[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//|@import|url\(\s*[\"']?(?:https?:)?//",
    re.IGNORECASE,
)


def test_demo_writes_a_self_contained_report(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "tmp").mkdir()

    proc = run_cli("demo", "--out", "tmp/x.html")

    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "tmp" / "x.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html
    assert not _EXTERNAL.search(html)
    assert "http://" not in html
    assert "https://" not in html
    assert "Timeline" in html and "Derivation edges" in html and "Quotes" in html
    assert "demo-rewrite-5" in html
    assert "4 stories" in proc.stdout  # the wire story with its rewrites, three others
    assert "unrelated" in proc.stdout  # the compare table
    assert "wiretrace serve --db demo.db" in proc.stderr  # how to open the desk


def test_demo_into_a_missing_folder_is_a_clean_error(run_cli: RunCli) -> None:
    proc = run_cli("demo", "--out", "no/such/folder/x.html")

    assert proc.returncode == 3
    assert "cannot write" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_error_messages_are_printed_as_text_not_markup(run_cli: RunCli, tmp_path: Path) -> None:
    """A bracketed name in an error ("[spark]", a file called "[draft].txt") is kept."""
    missing = tmp_path / "[draft].txt"
    result = run_cli("compare", str(missing), str(missing))
    assert result.returncode == 3
    assert "[draft].txt" in result.stderr
