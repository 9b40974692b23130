"""Bearer tokens: one for writes, an optional one for reads, compared in constant time;
and the browser's read session, a signed HttpOnly cookie set by the login form."""

from __future__ import annotations

import hashlib
import hmac
import time

from fastapi import Request
from fastapi.responses import Response

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


#: The session cookie's name; the port is added (cookies are shared across the ports of
#: one host, so two desks side by side would overwrite each other's).
COOKIE = "wiretrace_read"


def cookie_name(request: Request) -> str:
    """``wiretrace_read_<port>`` for the desk that answers ``request``."""
    port = request.url.port or (443 if request.url.scheme == "https" else 80)
    return f"{COOKIE}_{port}"


def _signature(key: str, expires: int) -> str:
    message = f"wiretrace-read-session:{expires}".encode()
    return hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()


def session_value(read_token: str, lifetime_s: int, now: float | None = None) -> str:
    """A read session cookie's value: ``<expires>.<HMAC-SHA256(read_token, expires)>``.

    The token itself never leaves the server in a cookie; changing ``WIRETRACE_READ_TOKEN``
    ends every session, and each one expires on its own after ``lifetime_s`` seconds.

    Args:
        read_token: The configured read token (the HMAC key).
        lifetime_s: Seconds until the session expires.
        now: Unix time (seconds); ``time.time()`` if None.
    """
    expires = int(now if now is not None else time.time()) + lifetime_s
    return f"{expires}.{_signature(read_token, expires)}"


def session_valid(value: str, read_token: str, now: float | None = None) -> bool:
    """Whether a cookie value is a session signed with ``read_token`` and not expired."""
    expires_text, _, signature = value.partition(".")
    if not expires_text.isdigit() or len(expires_text) > 12:
        return False
    expires = int(expires_text)
    if expires <= (now if now is not None else time.time()):
        return False
    return _matches(signature, _signature(read_token, expires))


def token_accepted(given: str, request: Request) -> bool:
    """Whether ``given`` is the read token or the write token (constant time)."""
    expected: str | None = request.app.state.read_token
    write: str | None = request.app.state.write_token
    return (expected is not None and _matches(given, expected)) or (
        write is not None and _matches(given, write)
    )


def start_session(request: Request, response: Response, lifetime_s: int) -> None:
    """Set the read session cookie on ``response``: HttpOnly (page scripts cannot read
    it), SameSite=Strict (never sent with a request another site starts, so a page
    elsewhere cannot use it), Secure when the desk is reached over HTTPS."""
    response.set_cookie(
        cookie_name(request),
        session_value(request.app.state.read_token, lifetime_s),
        max_age=lifetime_s,
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def end_session(request: Request, response: Response) -> None:
    """Clear the read session cookie."""
    response.delete_cookie(
        cookie_name(request),
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def has_session(request: Request) -> bool:
    """Whether the request carries a valid read session cookie."""
    expected: str | None = request.app.state.read_token
    value = request.cookies.get(cookie_name(request))
    return expected is not None and value is not None and session_valid(value, expected)


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
    token, or the session cookie the login form sets (``/login``); otherwise reads are
    open. The cookie grants reads only: writes always need the bearer header.

    Raises:
        Problem: 401 when a read token is configured and the request lacks it (pages
            answer it with a redirect to the login form).
    """
    expected: str | None = request.app.state.read_token
    if expected is None:
        return
    given = _presented(request)
    if given is not None and token_accepted(given, request):
        return
    if has_session(request):
        return
    raise Problem(
        401,
        "this desk needs a read token: 'Authorization: Bearer <token>', or sign in at /login",
        _CHALLENGE,
    )


async def require_write(request: Request) -> None:
    """``check_write`` as a route dependency (async: no thread hop for a header check)."""
    check_write(request)


async def require_read(request: Request) -> None:
    """``check_read`` as a route dependency (async: no thread hop for a header check)."""
    check_read(request)
