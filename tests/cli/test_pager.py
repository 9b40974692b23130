"""The pager through a real pseudo-terminal: ``wiretrace`` runs as a subprocess whose
stdout is a pty of a set size, and the pager is a small script that records what it was
given (or the real ``less -FRX``, quit with "q", where it is installed)."""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import WriteFile
from tests.utils.texts import BRIDGE, ORCHID

#: A pager that records its arguments and its input, then prints a marker.
RECORDER = """import sys, pathlib
data = sys.stdin.buffer.read()
pathlib.Path(sys.argv[1]).write_bytes(data)
pathlib.Path(sys.argv[1] + ".args").write_text(" ".join(sys.argv[2:]))
sys.stdout.write("[paged]\\n")
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"COLUMNS", "LINES", "PAGER", "WIRETRACE_PAGER", "LESS", "WIRETRACE_DEBUG"}
    }
    env.update({"NO_COLOR": "1", "PYTHONIOENCODING": "utf-8", "TERM": "xterm"})
    env.update(extra)
    return env


def _run_in_pty(
    args: list[str],
    env: dict[str, str],
    cwd: Path,
    *,
    rows: int = 24,
    cols: int = 100,
    keys: bytes = b"",
    timeout: float = 90,
) -> tuple[int, str]:
    """Run ``python -m wiretrace ARGS`` with stdin and stdout on a ``rows`` x ``cols``
    pty (stderr piped apart); type ``keys`` once output has started. Returns the exit
    code and what reached the terminal."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "wiretrace", *args],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
        start_new_session=True,  # the pty becomes the controlling terminal (less reads it)
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
    )
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk and proc.poll() is not None:
                    break
                seen += chunk
                if keys and chunk:
                    time.sleep(0.5)
                    os.write(master, keys)
                    keys = b""
            elif proc.poll() is not None:
                break
        else:
            proc.kill()
            pytest.fail(f"timed out; terminal so far: {seen[-2000:]!r}")
        code = proc.wait(timeout=10)
    finally:
        os.close(master)
        if proc.stderr:
            proc.stderr.close()
    return code, seen.decode("utf-8", errors="replace").replace("\r\n", "\n")


@pytest.fixture
def recorder(tmp_path: Path) -> tuple[str, Path]:
    """A pager command line (``$WIRETRACE_PAGER``) and the file it records into."""
    script = tmp_path / "record_pager.py"
    script.write_text(RECORDER, encoding="utf-8")
    out = tmp_path / "paged.txt"
    return f"{sys.executable} {script} {out} --seen-flag", out


def _pair(write_file: WriteFile) -> tuple[Path, Path]:
    wire = " ".join(BRIDGE + ORCHID)
    return (
        write_file("wire.txt", wire),
        write_file("copy.txt", wire.replace("12 cracks", "21 cracks")),
    )


def test_long_output_at_a_terminal_goes_through_the_pager(
    write_file: WriteFile, tmp_path: Path, recorder: tuple[str, Path]
) -> None:
    a, b = _pair(write_file)
    command, out = recorder
    env = _env(tmp_path, WIRETRACE_PAGER=command, PAGER="false")
    code, screen = _run_in_pty(["compare", str(a), str(b)], env, tmp_path)
    assert code == 0, screen
    assert screen.strip() == "[paged]"  # nothing went past the pager
    paged = re.sub(r"\x1b\[[0-9;]*m", "", out.read_text(encoding="utf-8"))  # styles kept
    assert len(paged.splitlines()) > 24 and "Findings" in paged and "21" in paged
    assert max(len(line) for line in paged.splitlines()) <= 100  # the terminal's width
    assert Path(f"{out}.args").read_text() == "--seen-flag"
    # $PAGER when $WIRETRACE_PAGER is unset
    out.unlink()
    env = _env(tmp_path, PAGER=command)
    code, screen = _run_in_pty(["compare", str(a), str(b), "-f", "json"], env, tmp_path)
    assert code == 0 and screen.strip() == "[paged]"
    assert out.read_text(encoding="utf-8").lstrip().startswith("{")


def test_no_pager_when_it_fits_when_told_or_when_not_a_terminal(
    write_file: WriteFile, tmp_path: Path, recorder: tuple[str, Path]
) -> None:
    a, b = _pair(write_file)
    command, out = recorder
    env = _env(tmp_path, WIRETRACE_PAGER=command)
    # longer than the screen, but --no-pager (before or after the command)
    for args in (
        ["--no-pager", "compare", str(a), str(b)],
        ["compare", str(a), str(b), "--no-pager"],
    ):
        code, screen = _run_in_pty(args, env, tmp_path)
        assert code == 0 and "Findings" in screen and "[paged]" not in screen
        assert not out.exists()
    # fits on a tall screen
    code, screen = _run_in_pty(
        ["compare", str(a), str(b), "--findings-only"], env, tmp_path, rows=200
    )
    assert code == 0 and "[paged]" not in screen and "number_changed" in screen
    assert not out.exists()
    # stdout is a pipe: never paged, even when long
    piped = subprocess.run(
        [sys.executable, "-m", "wiretrace", "compare", str(a), str(b)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=90,
        check=False,
    )
    assert piped.returncode == 0 and len(piped.stdout.splitlines()) > 24
    assert not out.exists()
    # a pager that is not installed, or an empty one: printed as is
    for missing in ("no-such-pager-wiretrace -R", ""):
        env = _env(tmp_path, WIRETRACE_PAGER=missing)
        code, screen = _run_in_pty(["compare", str(a), str(b)], env, tmp_path)
        assert code == 0 and "Findings" in screen


@pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")
def test_default_pager_is_less_and_quits_on_q(write_file: WriteFile, tmp_path: Path) -> None:
    a, b = _pair(write_file)
    code, screen = _run_in_pty(["compare", str(a), str(b)], _env(tmp_path), tmp_path, keys=b"q")
    assert code == 0
    assert "Alder Street" in screen  # the first screen, shown by less
    assert "\n:" in screen  # less's prompt, waiting for a key
    assert len(screen.splitlines()) <= 26  # one screen of the longer output only


def test_export_to_stdout_and_the_demo_are_never_paged(
    write_file: WriteFile, tmp_path: Path, recorder: tuple[str, Path]
) -> None:
    """``export -`` is data for a pipe or a redirect, and ``demo`` a run whose progress
    and tables should scroll by as they come: neither goes through the pager, even at a
    terminal and longer than the screen."""
    command, out = recorder
    env = _env(tmp_path, WIRETRACE_PAGER=command)
    lines = [json.dumps({"id": f"n{n}", "text": s}) for n, s in enumerate(BRIDGE + ORCHID)]
    feed = write_file("day.jsonl", "\n".join(lines) + "\n")
    ingested = subprocess.run(
        [sys.executable, "-m", "wiretrace", "ingest", str(feed), "--db", "w.db"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=90,
        check=False,
    )
    assert ingested.returncode == 0, ingested.stderr
    code, screen = _run_in_pty(["export", "-", "--db", "w.db"], env, tmp_path, rows=5)
    assert code == 0 and "[paged]" not in screen and not out.exists()
    assert len([line for line in screen.splitlines() if line.startswith('{"id"')]) == len(lines)
    code, screen = _run_in_pty(["demo", "--out", "demo.html"], env, tmp_path, rows=10)
    assert code == 0 and "[paged]" not in screen and not out.exists()
    assert "Wire story" in screen and len(screen.splitlines()) > 10
