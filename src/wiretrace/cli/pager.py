"""The pager, as git has it: output longer than the terminal goes through ``less``.

Only when standard output is a terminal: the command's output is rendered first, and when
it has more lines than the screen it is piped into ``$WIRETRACE_PAGER``, else ``$PAGER``,
else ``less -FRX`` (with ``LESS=FRX`` set when ``LESS`` is unset, as git does: quit when
it fits, keep colours, leave the text on the screen). A pager that is not installed, an
empty ``$WIRETRACE_PAGER`` or ``cat``, or ``--no-pager`` anywhere on the command line
(before ``--``) mean no pager. Output to a file or a pipe is never paged.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys

from rich.console import Console, RenderableType

#: Set by ``--no-pager`` (see :func:`take_no_pager`).
_disabled = False

#: The default pager, as git's: quit if one screen, raw colour codes, no screen clearing.
DEFAULT_PAGER = "less -FRX"

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def take_no_pager(argv: list[str]) -> list[str]:
    """``argv`` without its ``--no-pager`` flags (those before a ``--``), and remember
    that paging is off when there was one. Accepted before or after the command name,
    like git's ``--no-pager`` but also where a user types it last."""
    global _disabled
    out: list[str] = []
    for n, arg in enumerate(argv):
        if arg == "--":
            out.extend(argv[n:])
            break
        if arg == "--no-pager":
            _disabled = True
            continue
        out.append(arg)
    return out


def disable() -> None:
    """Turn paging off for this process (``--no-pager``)."""
    global _disabled
    _disabled = True


def pager_command() -> list[str] | None:
    """The pager to run as an argument list, or None: ``$WIRETRACE_PAGER``, else
    ``$PAGER``, else ``less -FRX``; None when it is empty, ``cat``, or not installed."""
    for name in ("WIRETRACE_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            break
    else:
        value = DEFAULT_PAGER
    try:
        argv = shlex.split(value)
    except ValueError:  # an unbalanced quote: not a command we can run
        return None
    if not argv or argv[0] == "cat" or shutil.which(argv[0]) is None:
        return None
    return argv


def _screen() -> os.terminal_size | None:
    """The terminal's size when standard output is a terminal and paging is on."""
    if _disabled:
        return None
    try:
        if not sys.stdout.isatty():
            return None
        return os.get_terminal_size(sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (captured output)
        return None


def _screen_lines(text: str, columns: int) -> int:
    """How many terminal rows ``text`` takes at ``columns`` (long lines wrap)."""
    width = max(1, columns)
    return sum(max(1, -(-len(_ANSI.sub("", line)) // width)) for line in text.splitlines())


def page_text(text: str) -> None:
    """Write ``text`` to standard output, through the pager when stdout is a terminal
    and ``text`` is longer than the screen."""
    size = _screen()
    argv = pager_command() if size is not None else None
    if size is None or argv is None or _screen_lines(text, size.columns) < size.lines:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")  # as git: lv keeps colours
    encoding = sys.stdout.encoding or "utf-8"
    # Ctrl-C belongs to the pager while it runs (less uses it to stop a search)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with subprocess.Popen(argv, stdin=subprocess.PIPE, env=env) as proc:
            # communicate ignores a broken pipe: the reader may quit before the end
            proc.communicate(text.encode(encoding, errors="replace"))
    except OSError:  # it could not start after all: print as if there were none
        sys.stdout.write(text)
    finally:
        signal.signal(signal.SIGINT, previous)


def page_rich(renderable: RenderableType) -> None:
    """Print a Rich renderable to standard output at the terminal's width, with its
    styles, through the pager when it is longer than the screen."""
    console = Console()
    if _screen() is None:
        console.print(renderable)
        return
    with console.capture() as captured:  # the terminal's width and styles
        console.print(renderable)
    page_text(captured.get())
