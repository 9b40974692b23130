"""Shared fixtures: files written into ``tmp_path`` and a real ``wiretrace`` subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

WriteFile = Callable[..., Path]
RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    """Write text (in an encoding) or bytes to ``tmp_path / name`` and return the path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return _write


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    """Run ``python -m wiretrace ARGS`` in ``tmp_path`` as a user would, output captured.

    The environment drops terminal hints (COLUMNS, FORCE_COLOR) and the debug switch so
    that output does not depend on the shell the suite runs in.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"COLUMNS", "LINES", "FORCE_COLOR", "WIRETRACE_DEBUG", "TERM"}
    }
    env["NO_COLOR"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"

    def _run(
        *args: str | os.PathLike[str], timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "wiretrace", *map(str, args)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            check=False,
        )

    return _run
