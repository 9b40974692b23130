"""Errors as ``application/problem+json`` (RFC 9457), and domain errors mapped to HTTP."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from wiretrace.errors import (
    ConfigError,
    InputError,
    MissingDependencyError,
    NotFoundError,
    StoreError,
    WiretraceError,
)

PROBLEM = "application/problem+json"


class Problem(Exception):
    """An HTTP error the desk answers on purpose.

    Args:
        status: The HTTP status code.
        detail: What was wrong and how to fix it (shown to the client).
        headers: Extra response headers (``Retry-After``, ``WWW-Authenticate``).
    """

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def problem_body(status: int, detail: str, **extra: Any) -> dict[str, Any]:
    """The RFC 9457 object: type, title (the status phrase), status, detail."""
    return {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }


def _status_of(exc: WiretraceError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, InputError | ConfigError):
        return 422
    if isinstance(exc, StoreError | MissingDependencyError):
        return 503
    return 500


def install(app: FastAPI, render_html: Any) -> None:
    """Register the handlers: API paths answer problem+json, pages an HTML error page
    (``render_html(request, status, detail) -> Response``)."""

    def answer(
        request: Request,
        status: int,
        detail: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> Response:
        wants_page = not request.url.path.startswith(("/api/", "/openapi")) and request.method in (
            "GET",
            "POST",
        )
        if wants_page and "text/html" in request.headers.get("accept", ""):
            page: Response = render_html(request, status, detail)
            page.headers.update(headers or {})
            return page
        return JSONResponse(
            problem_body(status, detail, **extra),
            status_code=status,
            media_type=PROBLEM,
            headers=headers,
        )

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> Response:
        return answer(request, exc.status, exc.detail, exc.headers)

    @app.exception_handler(WiretraceError)
    async def _domain(request: Request, exc: WiretraceError) -> Response:
        return answer(request, _status_of(exc), str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        if exc.status_code == 400 and detail == "There was an error parsing the body":
            detail = "the body is not valid JSON (not UTF-8, cut short, or nested too deeply)"
        return answer(request, exc.status_code, detail, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": [str(part) for part in e.get("loc", ())], "msg": e.get("msg", "")}
            for e in exc.errors()
        ]
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            return answer(request, 400, "the body is not valid JSON", errors=errors)
        where = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:5])
        return answer(request, 422, f"the request does not validate: {where}", errors=errors)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        return answer(request, 500, f"internal error ({type(exc).__name__}); please report it")
