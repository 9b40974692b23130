"""The app factory: ``create_app(settings)`` builds the desk (API, pages, docs)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wiretrace import __version__
from wiretrace.config import CompareConfig
from wiretrace.web import api, pages, problems
from wiretrace.web.desk import Desk
from wiretrace.web.settings import DeskSettings

#: Every page: scripts and styles from the app itself only, never inline; no frames,
#: no plugins, forms post back to the desk.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
#: The API docs: Swagger UI sets inline style attributes on its widgets (styles only:
#: scripts stay the app's own files).
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeaders:
    """Adds the CSP and the usual hardening headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the response start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", policy.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """413 for a body over ``limit`` bytes: at once from Content-Length, else while the
    body streams in (the route never sees more than the limit)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse or count the body, then pass the request on."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_big = StarletteHTTPException(
            413, f"the body is over the limit of {self.limit:,} bytes (WIRETRACE_MAX_BODY_BYTES)"
        )
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                request = Request(scope)
                response = await request.app.exception_handlers[StarletteHTTPException](
                    request, too_big
                )
                await response(scope, receive, send)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise too_big
            return message

        await self.app(scope, counted, send)


def _swagger_assets() -> Path:
    """Swagger UI's files as shipped by the ``fastapi-offline`` package (Swagger UI 5,
    which renders OpenAPI 3.1): served by the desk itself, never from a CDN."""
    return Path(str(resources.files("fastapi_offline").joinpath("static")))


def create_app(settings: DeskSettings | None = None) -> FastAPI:
    """Build the desk: the JSON API under ``/api/v1``, the pages, ``/docs`` and
    ``/openapi.json``. Nothing is opened at import time; the store is opened when the
    app starts (lifespan) and closed when it stops.

    Args:
        settings: Store, tokens and limits; ``DeskSettings()`` (the environment) if None.

    Raises:
        ConfigError: the token file or the ``config`` file cannot be used.
    """
    settings = settings or DeskSettings()
    config = CompareConfig.from_file(settings.config) if settings.config else CompareConfig()
    desk = Desk(settings, config)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        desk.start()
        try:
            yield
        finally:
            desk.close()

    app = FastAPI(
        title="wiretrace desk",
        version=__version__,
        summary="Stories, who copied whom, and what changed: the wiretrace HTTP API.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.desk = desk
    app.state.write_token = settings.write_token()
    app.state.read_token = settings.read_token_value()
    app.state.session_s = max(60, int(settings.session_hours * 3600))
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.trusted_hosts())
    app.add_middleware(SecurityHeaders)
    problems.install(app, pages.error_page)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static/swagger", StaticFiles(directory=_swagger_assets()), name="swagger")
    app.mount("/static", StaticFiles(packages=[("wiretrace.web", "static")]), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        pages.check_read(request)
        return pages.render(request, "docs.html", {"title": "API"})

    @app.api_route(
        "/api/{rest:path}",
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        include_in_schema=False,
    )
    def unknown(rest: str) -> Any:
        api.unknown_api_route()

    return app


def app_from_env() -> FastAPI:
    """``create_app(DeskSettings())``: the factory ``uvicorn --factory`` calls in each
    worker process (``serve`` passes its options through the environment)."""
    return create_app(DeskSettings())
