"""The ``wiretrace`` Typer app: the root options, one module per command group, ``main``.

A command group lives in its own module (``compare``, ``corpus``, ``store``, ``pan``,
``demo``) with a ``register(app)`` function; shared option types, exit codes and output
helpers are in :mod:`wiretrace.cli.options`. Exit codes are listed there.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Annotated

import typer

from wiretrace import __version__
from wiretrace.cli import articles, batch, compare, corpus, demo, pager, pan, serve, store
from wiretrace.cli.help import plain_help
from wiretrace.cli.options import EXIT_INTERNAL, Interrupted, catch_interrupts, err

app = typer.Typer(
    name="wiretrace",
    help="Follow a news story from the wire report to every rewrite of it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # plain help: no "<bool>" type placeholders beside flags (Rich help shows them); the
    # other placeholders give way to metavars in ``main`` (``cli.help.plain_help``)
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wiretrace {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page the output (also accepted after the command). Otherwise "
            "output longer than the terminal goes through $WIRETRACE_PAGER, $PAGER or "
            "less -FRX.",
        ),
    ] = False,
) -> None:
    """Follow a news story from the wire report to every rewrite of it."""
    if no_pager:
        pager.disable()


# Command order in --help follows registration order.
compare.register(app)
demo.register(app)
pan.register(app)
corpus.register(app)
articles.register(app)
store.register(app)
serve.register(app)
batch.register(app)


def main() -> None:
    """Run the CLI; unexpected errors print one line (set WIRETRACE_DEBUG=1 for a traceback)."""
    catch_interrupts()
    try:
        command = typer.main.get_command(app)
        plain_help(command)  # --help names values (TEXT, PATH, KIND), not Python types
        command(args=pager.take_no_pager(sys.argv[1:]), prog_name="wiretrace")
    except (KeyboardInterrupt, Interrupted) as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        err.print(f"interrupted ({signal.Signals(signum).name})", highlight=False)
        sys.exit(128 + signum)
    except Exception as exc:
        if os.environ.get("WIRETRACE_DEBUG"):
            raise
        err.print(
            f"[bold red]internal error:[/] {type(exc).__name__}: {exc} "
            "(set WIRETRACE_DEBUG=1 for a traceback and please report it)"
        )
        sys.exit(EXIT_INTERNAL)
