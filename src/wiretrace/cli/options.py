"""Shared option types, exit codes and output helpers of every ``wiretrace`` command.

Exit codes: 0 success (also for "no shared text"), 1 internal error, 2 usage error,
3 input error (missing, empty, binary, undecodable, too large or malformed file; unknown
story or article id), 4 configuration error, 5 missing optional dependency, 6 store error
(no store at the path, not a wiretrace database, corrupt, or from a newer version).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console, RenderableType
from rich.progress import Progress

from wiretrace.config import CompareConfig
from wiretrace.errors import (
    ConfigError,
    InputError,
    MissingDependencyError,
    NotFoundError,
    StoreError,
    WiretraceError,
)

if TYPE_CHECKING:
    from wiretrace.corpus import Corpus

_T = TypeVar("_T")

EXIT_INTERNAL, EXIT_USAGE, EXIT_INPUT, EXIT_CONFIG, EXIT_DEPENDENCY, EXIT_STORE = 1, 2, 3, 4, 5, 6

err = Console(stderr=True, soft_wrap=True)
"""Messages, progress bars and errors go to stderr so that stdout stays the result."""

ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="TOML/JSON file overriding settings.")
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
]
DbOption = Annotated[Path, typer.Option("--db", help="The store (SQLite file).")]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")]


class OutputFormat(StrEnum):
    """Output formats of ``compare`` and ``story``."""

    text = "text"
    json = "json"
    html = "html"


class ListFormat(StrEnum):
    """Output formats of ``stories`` and ``similar``."""

    text = "text"
    json = "json"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
ListFormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]


def fail(exc: WiretraceError) -> typer.Exit:
    """Print ``exc`` as one ``error:`` line and return the exit carrying its code."""
    code = (
        EXIT_INPUT
        if isinstance(exc, InputError | NotFoundError)
        else EXIT_CONFIG
        if isinstance(exc, ConfigError)
        else EXIT_DEPENDENCY
        if isinstance(exc, MissingDependencyError)
        else EXIT_STORE
        if isinstance(exc, StoreError)
        else EXIT_INTERNAL
    )
    err.print(f"[bold red]error:[/] {exc}", highlight=False)
    return typer.Exit(code)


def load_config(path: Path | None) -> CompareConfig:
    """The compare settings: defaults, overridden by the file at ``path`` when given."""
    return CompareConfig.from_file(path) if path else CompareConfig()


def write(payload: str, output: Path | None) -> None:
    """Write ``payload`` to ``output``, or to stdout when it is None."""
    if output is None:
        sys.stdout.write(payload)
        return
    try:
        output.write_text(payload, encoding="utf-8")
    except OSError as exc:
        err.print(f"[bold red]error:[/] cannot write {output}: {exc.strerror}")
        raise typer.Exit(EXIT_INPUT) from None
    err.print(f"wrote {output}")


def emit_rich(renderable: RenderableType, output: Path | None) -> None:
    """Print a Rich renderable, or write it as plain text (160 columns) to ``output``."""
    if output is None:
        Console().print(renderable)
        return
    console = Console(record=True, width=160, file=io.StringIO())
    console.print(renderable)
    write(console.export_text(), output)


def open_corpus(db: Path, config: Path | None = None) -> Corpus:
    """Open (or create) the store at ``db``; errors become one line and an exit code."""
    from wiretrace.corpus import Corpus

    try:
        return Corpus.open(db, load_config(config))
    except WiretraceError as exc:
        raise fail(exc) from None


def cluster(corpus: Corpus, jobs: int = 1) -> int:
    """Assign unclustered articles to stories, with a progress bar; returns how many.
    Holds the store's write lock (a running ``wiretrace serve`` writes between, never
    during) and starts from the clusterer's state as the store has it."""
    from wiretrace.store.lock import write_lock

    with write_lock(corpus.store):
        corpus.reload()
        return _cluster(corpus, jobs)


def _cluster(corpus: Corpus, jobs: int) -> int:
    todo = len(corpus.store) - corpus.store.indexed_count()
    if corpus.clusterer.rebuilt:
        err.print("the index was built under other settings: rebuilding it", highlight=False)
        todo = len(corpus.store)
    if todo <= 0:
        return 0
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("clustering into stories", total=todo)
        done = corpus.update(lambda _: progress.advance(task), jobs=jobs)
    return len(done)


def require_store(db: Path) -> None:
    """Exit 6 with a hint when there is no store at ``db``."""
    if not db.exists():
        err.print(
            f"[bold red]error:[/] no store at {db}; create one with `wiretrace ingest PATH "
            f"--db {db}`",
            highlight=False,
        )
        raise typer.Exit(EXIT_STORE)


def with_corpus(db: Path, config: Path | None, action: Callable[[Corpus], _T]) -> _T:
    """Open an existing store, assign pending articles to stories, run ``action``; errors
    become one line and an exit code."""
    require_store(db)
    corpus = open_corpus(db, config)
    with corpus:
        try:
            cluster(corpus)
            return action(corpus)
        except WiretraceError as exc:
            raise fail(exc) from None
