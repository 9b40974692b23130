"""Bearer tokens: one for writes, an optional one for reads, compared in constant time."""

from __future__ import annotations

import hmac

from fastapi import Request

from wiretrace.web.problems import Problem

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="wiretrace"'}


def _presented(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _matches(given: str, expected: str) -> bool:
    """Constant-time comparison (``hmac.compare_digest`` on the UTF-8 bytes)."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def check_write(request: Request) -> None:
    """Writes need ``Authorization: Bearer <WIRETRACE_TOKEN>``; without a configured
    token they are refused (403), so a desk started without one is read-only.

    Raises:
        Problem: 403 when no token is configured, 401 when it is missing or wrong.
    """
    expected: str | None = request.app.state.write_token
    if expected is None:
        raise Problem(
            403,
            "writes are off: start the desk with WIRETRACE_TOKEN (or --token-file) and "
            "send it as 'Authorization: Bearer <token>'",
        )
    given = _presented(request)
    if given is None or not _matches(given, expected):
        raise Problem(401, "a valid 'Authorization: Bearer <token>' is needed", _CHALLENGE)


def check_read(request: Request) -> None:
    """With ``WIRETRACE_READ_TOKEN`` set, reads need it (or the write token) as a bearer
    token; otherwise reads are open.

    Raises:
        Problem: 401 when a read token is configured and the request lacks it.
    """
    expected: str | None = request.app.state.read_token
    if expected is None:
        return
    given = _presented(request)
    write: str | None = request.app.state.write_token
    if given is not None and (
        _matches(given, expected) or (write is not None and _matches(given, write))
    ):
        return
    raise Problem(401, "this desk needs a read token: 'Authorization: Bearer <token>'", _CHALLENGE)


async def require_write(request: Request) -> None:
    """``check_write`` as a route dependency (async: no thread hop for a header check)."""
    check_write(request)


async def require_read(request: Request) -> None:
    """``check_read`` as a route dependency (async: no thread hop for a header check)."""
    check_read(request)
