"""``wiretrace compare`` through the real CLI on shapes the fourth blind set brought (issue
10, fifth round): both texts credit an agency in their datelines, the rewrite is stamped
an hour and more before its wire, and the text says very strongly which is the copy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import RunCli, WriteFile

WIRE = (
    "OSTHAVN, March 3 (Nordwire) - Freight through Osthavn fell for a fourth month in "
    "February, the harbour board said on Monday.\n\n"
    "Volumes dropped 6.2 percent to 1.9 million tonnes, a steeper fall than the 4 percent "
    "forecast by analysts polled by Nordwire.\n\n"
    "Board economist Lene Holt said that timber shipments fell 21 percent as two sawmills "
    "closed for repairs.\n\n"
    '"February is always slow, and the sawmills will reopen. We would not read too much '
    'into one month," Holt told reporters.\n\n'
    "Grain and fertiliser held up better, rising 1.1 percent and 3.4 percent respectively, "
    "according to the board.\n\n"
    "The board will publish its March figures on April 2."
)
REWRITE = (
    "OSTHAVN, March 3 (HBR) — Freight through Osthavn fell for a fourth month in "
    "February, the harbour board said on Monday.\n\n"
    "Volumes dropped 6.2% to 1.9 million tonnes, a steeper fall than the 4% forecast by "
    "analysts polled by Nordwire.\n\n"
    "Timber shipments fell 21% as two sawmills closed for repairs.\n\n"
    '"February is always slow, and the sawmills will reopen," Holt said.\n\n'
    "Grain and fertiliser held up better, rising 1.1% and 3.4% respectively.\n\n"
    "The board will publish its March figures on April 2."
)


def _record(text: str, outlet: str, published: str) -> str:
    return json.dumps(
        {"title": "Freight falls", "outlet": outlet, "text": text, "published": published}
    )


def _direction(run_cli: RunCli, a: Path, b: Path) -> dict[str, Any]:
    proc = run_cli("compare", a, b, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    direction: dict[str, Any] = json.loads(proc.stdout)["direction"]
    return direction


def test_a_copy_that_names_the_wire_and_drops_its_sources_overrules_an_earlier_time(
    run_cli: RunCli, write_file: WriteFile
) -> None:
    # the rewrite is stamped 75 minutes before the wire; both credit an agency
    wire = write_file("wire.json", _record(WIRE, "Nordwire", "2026-03-03T10:05:00Z"))
    rewrite = write_file(
        "rewrite.json", _record(REWRITE, "Harbour Business Review", "2026-03-03T08:50:00Z")
    )

    forward, backward = _direction(run_cli, wire, rewrite), _direction(run_cli, rewrite, wire)

    assert forward["source"] == "a" and backward["source"] == "b"
    assert "overrule" in forward["reasons"][0]
    assert any("names A's outlet (Nordwire)" in r for r in forward["reasons"])
    assert any("drops 2 attributions" in r for r in forward["reasons"])


def test_without_the_wire_named_the_earlier_time_still_decides(
    run_cli: RunCli, write_file: WriteFile
) -> None:
    unnamed = REWRITE.replace("analysts polled by Nordwire", "analysts")
    wire = write_file("wire.json", _record(WIRE, "Nordwire", "2026-03-03T10:05:00Z"))
    rewrite = write_file(
        "rewrite.json", _record(unnamed, "Harbour Business Review", "2026-03-03T08:50:00Z")
    )

    direction = _direction(run_cli, wire, rewrite)

    assert direction["source"] == "b"
    assert "not strongly enough" in direction["reasons"][0]
