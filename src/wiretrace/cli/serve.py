"""``wiretrace serve``: the story desk (HTTP API and pages) on uvicorn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from wiretrace.cli.options import (
    EXIT_CONFIG,
    EXIT_DEPENDENCY,
    ConfigOption,
    DbOption,
    err,
    fail,
)


def serve_cmd(
    db: DbOption = Path("wiretrace.db"),
    host: Annotated[
        str, typer.Option("--host", help="Listen here (beyond loopback only with a token).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Server processes (reads).")
    ] = 1,
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", help="First line: the write token (else WIRETRACE_TOKEN)."),
    ] = None,
    config: ConfigOption = None,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="One log line per request.")
    ] = True,
) -> None:
    """Serve the story desk: the JSON API (/api/v1, docs at /docs) and the pages.

    Settings also come from the environment (WIRETRACE_TOKEN, WIRETRACE_READ_TOKEN,
    WIRETRACE_MAX_BODY_BYTES, ...); options win.
    """
    try:
        import uvicorn

        from wiretrace.web.settings import DeskSettings
    except ImportError as exc:  # pragma: no cover - the desk's dependencies are pinned
        err.print(
            f"[bold red]error:[/] the desk needs {exc.name}: `pip install -r requirements.txt`",
            highlight=False,
        )
        raise typer.Exit(EXIT_DEPENDENCY) from None
    from pydantic import ValidationError

    from wiretrace.errors import WiretraceError

    options: dict[str, object] = {
        "db": db,
        "host": host,
        "port": port,
        "workers": workers,
        "access_log": access_log,
    }
    if token_file is not None:
        options["token_file"] = token_file
    if config is not None:
        options["config"] = config
    try:
        settings = DeskSettings(**options)  # type: ignore[arg-type]  # validated by pydantic
        settings.check_bind()
    except (WiretraceError, ValidationError) as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(EXIT_CONFIG) from None
    from wiretrace.store.sqlite import check_ours

    try:
        check_ours(db)  # another program's file: exit 6 before a lock file is made
    except WiretraceError as exc:
        raise fail(exc) from None
    if not db.exists():
        err.print(f"no store at {db}: starting an empty one", highlight=False)
    # every worker process builds its app from the environment (uvicorn's factory)
    for name, value in options.items():
        os.environ[f"WIRETRACE_{name.upper()}"] = str(value)
    shown = f"[{host}]" if ":" in host else host
    err.print(f"wiretrace desk on http://{shown}:{port}/ (store {db})", highlight=False)
    uvicorn.run(
        "wiretrace.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        log_level="info",
        server_header=False,
        proxy_headers=False,
        # a client's pooled connection outlives a short idle timeout less often (a
        # request sent just as the server closes the connection fails)
        timeout_keep_alive=75,
    )


def register(app: typer.Typer) -> None:
    """Add the serve command to ``app``."""
    app.command("serve")(serve_cmd)
