"""``make demo`` needs the runtime requirements only: its recipe installs no dev tool, and
the demo runs with every dev-only package made unimportable (a real subprocess)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Runs ``wiretrace ARGS`` with the top-level modules of the dev-only requirements
#: refused, as in a virtual environment made from requirements.txt alone.
BLOCKED_RUN = """
import importlib.abc, sys
BLOCKED = set(sys.argv[1].split(","))
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (dev-only)", name=name)
        return None
sys.meta_path.insert(0, Refuse())
sys.argv = ["wiretrace", *sys.argv[2:]]
from wiretrace.cli.app import main
main()
"""


def _dev_only_modules() -> list[str]:
    """Top-level module names of the packages that requirements-dev.txt adds."""
    runtime = {
        line.split("==")[0].lower()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line
    }
    names = {
        "pytest": "pytest,_pytest", "types-pyyaml": "", "mypy_extensions": "mypy_extensions",
        "setuptools": "", "wheel": "", "packaging": "",  # pip's own build tools
    }  # fmt: skip
    out: list[str] = []
    for line in (ROOT / "requirements-dev.txt").read_text().splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==", line)
        if not match or match.group(1).lower() in runtime:
            continue
        package = match.group(1).lower()
        out.extend(m for m in names.get(package, package.replace("-", "_")).split(",") if m)
    return out


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_installs_the_runtime_requirements_only(tmp_path: Path) -> None:
    plan = subprocess.run(
        ["make", "-n", "demo", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "-r requirements.txt" in plan and "wiretrace demo" in plan
    assert "-r requirements-dev.txt" not in plan
    tests = subprocess.run(
        ["make", "-n", "test", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "-r requirements-dev.txt" in tests


def test_the_demo_runs_without_the_dev_tools(tmp_path: Path) -> None:
    blocked = _dev_only_modules()
    assert {"pytest", "hypothesis", "mypy", "ruff", "playwright"} <= set(blocked)
    proc = subprocess.run(
        [sys.executable, "-c", BLOCKED_RUN, ",".join(blocked), "demo", "--out", "d.html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (tmp_path / "d.html").exists() and "Wire story" in proc.stdout
