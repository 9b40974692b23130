"""``wiretrace compare`` through the real CLI on shapes unseen text brought (issue 10,
fourth round): direction from a wire's credit dateline, against publication times only
minutes apart or with no times at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import RunCli, WriteFile

BODY_WIRE = (
    "Harbour officials reopened the northern pier on Tuesday after a week of repairs to "
    "its pilings, the port authority said.\n\n"
    "The repairs cost 1.4 million crowns, authority director Selma Rask told reporters.\n\n"
    "Ferries to Vell will use the pier again from Wednesday."
)
BODY_REWRITE = (
    "The northern pier reopened on Tuesday after a week-long repair of its pilings, the "
    "port authority said.\n\n"
    "The repairs cost 1.4 million crowns, director Selma Rask said.\n\n"
    "Ferries to Vell will use the pier again from Wednesday."
)
WIRE = "OSTHAVN, March 3 (Nordwire) - " + BODY_WIRE
REWRITE = "OSTHAVN — " + BODY_REWRITE


def _record(text: str, title: str, published: str | None) -> str:
    record: dict[str, Any] = {"title": title, "outlet": "x", "text": text}
    if published is not None:
        record["published"] = published
    return json.dumps(record)


def _direction(run_cli: RunCli, a: Path, b: Path) -> dict[str, Any]:
    proc = run_cli("compare", a, b, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    direction: dict[str, Any] = json.loads(proc.stdout)["direction"]
    return direction


def test_a_credit_dateline_decides_when_there_are_no_times(
    run_cli: RunCli, write_file: WriteFile
) -> None:
    wire = write_file("wire.json", _record(WIRE, "Pier reopens", None))
    rewrite = write_file("rewrite.json", _record(REWRITE, "Pier reopens", None))

    forward, backward = _direction(run_cli, wire, rewrite), _direction(run_cli, rewrite, wire)

    assert forward["source"] == "a" and backward["source"] == "b"
    assert any("credit dateline" in r for r in forward["reasons"])


def test_a_credit_dateline_overrules_a_time_only_minutes_earlier(
    run_cli: RunCli, write_file: WriteFile
) -> None:
    # the rewrite is stamped 8 minutes before the wire (a wire's time is often that of
    # its last update)
    wire = write_file("wire.json", _record(WIRE, "Pier reopens", "2026-03-03T10:40:00Z"))
    rewrite = write_file("rewrite.json", _record(REWRITE, "Pier reopens", "2026-03-03T10:32:00Z"))

    direction = _direction(run_cli, wire, rewrite)

    assert direction["source"] == "a"
    assert "overrule" in direction["reasons"][0] and "8 min" in direction["reasons"][0]


def test_a_credit_dateline_does_not_overrule_a_time_hours_earlier(
    run_cli: RunCli, write_file: WriteFile
) -> None:
    wire = write_file("wire.json", _record(WIRE, "Pier reopens", "2026-03-03T16:40:00Z"))
    rewrite = write_file("rewrite.json", _record(REWRITE, "Pier reopens", "2026-03-03T10:32:00Z"))

    direction = _direction(run_cli, wire, rewrite)

    assert direction["source"] == "b"
    reason = direction["reasons"][0]
    assert "the earlier text (B, 6 h 8 min before the other) is the source" in reason
    assert "not strongly enough" in reason


TITLED_WIRE = (
    "The harbour board reopened the northern pier on Tuesday after repairs that cost "
    "1.4 million crowns, chair Ilse Brandt said.\n\n"
    "Ferries to Vell will use the pier again from Wednesday, the board said."
)


def _findings(run_cli: RunCli, a: Path, b: Path) -> dict[str, Any]:
    proc = run_cli("compare", a, b, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def test_json_titles_are_compared_title_against_title(
    run_cli: RunCli, write_file: WriteFile
) -> None:
    wire = write_file("wire.json", _record(TITLED_WIRE, "Pier reopens after 12-day repair", None))
    changed = write_file(
        "changed.json", _record(TITLED_WIRE, "Pier reopens after 21-day repair", None)
    )
    reworded = write_file(
        "reworded.json", _record(TITLED_WIRE, "Northern pier back in use after repairs", None)
    )

    data = _findings(run_cli, wire, changed)
    (finding,) = data["findings"]
    assert finding["kind"] == "number_changed"
    assert finding["explanation"].startswith("in the titles:")
    assert finding["a_span"] is None and finding["b_span"] is None
    lo, hi = finding["b_title_span"]
    assert "Pier reopens after 21-day repair"[lo:hi] == finding["b_text"]
    assert "21" in finding["b_text"] and "12" in finding["a_text"]
    # a reworded title is no finding, and a title is never read against the body
    assert _findings(run_cli, wire, reworded)["findings"] == []


def test_a_title_field_is_compared_with_a_headline_line(
    run_cli: RunCli, write_file: WriteFile
) -> None:
    wire = write_file("wire.json", _record(TITLED_WIRE, "Pier reopens in Osthavn", None))
    page = write_file("page.txt", "Pier reopens in Malden\n\n" + TITLED_WIRE)

    data = _findings(run_cli, wire, page)

    (finding,) = data["findings"]
    assert finding["kind"] == "entity_changed"
    assert finding["explanation"].startswith("in the titles:")
    assert finding["a_span"] is None and finding["b_title_span"] is None
    assert (finding["a_text"], finding["b_text"]) == ("Osthavn", "Malden")
    assert "Pier reopens in Osthavn"[slice(*finding["a_title_span"])] == "Osthavn"
    assert data["b"]["title"] == "Pier reopens in Malden"
    assert data["b"]["title_span"] == [0, len("Pier reopens in Malden")]
