"""Fault injection for crash tests: a process can be killed at a named point of a write.

``WIRETRACE_FAILPOINT=NAME:N[:SIGNAL]`` (read once, at import) makes the process send
itself SIGNAL (default SIGKILL) the N-th time it passes the point NAME. Without the
variable, ``failpoint`` is one comparison. The points sit inside transactions, where a
kill is most likely to leave half-written state if anything is wrong:

- ``ingest.batch``: an ingest batch is inserted, its COMMIT not yet run;
- ``index.batch``: a clustering batch (signatures, members, stories) is written, its
  COMMIT not yet run;
- ``migration``: a schema migration's statements ran, its COMMIT not yet run;
- ``delete``: a delete's rows are removed and its stories rewritten, its COMMIT not
  yet run.

Used by tests/store/test_crash.py, tests/store/test_delete_crash.py and
tests/crash/kill_points.py (the 20-point run).
"""

from __future__ import annotations

import os
import signal

_SPEC = os.environ.get("WIRETRACE_FAILPOINT", "")
_NAME, _, _REST = _SPEC.partition(":")
_COUNT, _, _SIGNAL = _REST.partition(":")
_seen = 0


def failpoint(name: str) -> None:
    """Kill this process here if ``WIRETRACE_FAILPOINT`` names this point and count."""
    global _seen
    if not _SPEC or name != _NAME:
        return
    _seen += 1
    if _seen == int(_COUNT or 1):
        signum = signal.Signals[_SIGNAL] if _SIGNAL else signal.SIGKILL
        os.kill(os.getpid(), signum)
