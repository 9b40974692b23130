"""Shared option types, exit codes and output helpers of every ``wiretrace`` command.

Exit codes: 0 success (also for "no shared text"), 1 internal error, 2 usage error,
3 input error (missing, empty, binary, undecodable, too large or malformed file; unknown
story or article id; an output that would replace an input, a store or an existing
file), 4 configuration error, 5 missing optional dependency, 6 store error (no store at
the path, not a wiretrace database, corrupt, or from a newer version).
"""

from __future__ import annotations

import io
import json
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console, RenderableType
from rich.markup import escape
from rich.progress import Progress

from wiretrace.cli.pager import page_rich, page_text
from wiretrace.config import CompareConfig
from wiretrace.errors import (
    ConfigError,
    InputError,
    MissingDependencyError,
    NotFoundError,
    OutputError,
    StoreError,
    WiretraceError,
)
from wiretrace.outputs import STDOUT, atomic_write, check_output

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
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file ('-': stdout); never over an input or store."
    ),
]
OpenOption = Annotated[
    bool,
    typer.Option(
        "--open",
        help="Open the HTML in the browser ($BROWSER, else the system's): written to "
        "-o when given, else to a temporary file. Implies --format html.",
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace an existing output file (never an input).")
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


class Interrupted(BaseException):
    """Ctrl-C (SIGINT) or SIGTERM, raised where the process is: transactions in progress
    roll back, and the command says where it stopped. A BaseException, so that neither
    our code nor Click's (which turns KeyboardInterrupt into "Aborted!") catches it."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def catch_interrupts() -> None:
    """Turn SIGINT and SIGTERM into ``Interrupted`` (main thread only)."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _interrupt)


def fail(exc: WiretraceError) -> typer.Exit:
    """Print ``exc`` as one ``error:`` line and return the exit carrying its code."""
    code = (
        EXIT_INPUT
        if isinstance(exc, InputError | NotFoundError | OutputError)
        else EXIT_CONFIG
        if isinstance(exc, ConfigError)
        else EXIT_DEPENDENCY
        if isinstance(exc, MissingDependencyError)
        else EXIT_STORE
        if isinstance(exc, StoreError)
        else EXIT_INTERNAL
    )
    # The message is text, not markup: "pip install 'wiretrace[spark]'" or a file name
    # with brackets must print as written.
    err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
    return typer.Exit(code)


def load_config(path: Path | None) -> CompareConfig:
    """The compare settings: defaults, overridden by the file at ``path`` when given."""
    return CompareConfig.from_file(path) if path else CompareConfig()


@dataclass(frozen=True, slots=True)
class Guard:
    """What an output of one run must not replace: its input files and its stores, and
    whether ``--force`` allows replacing another existing file."""

    inputs: tuple[Path, ...] = ()
    stores: tuple[Path, ...] = ()
    force: bool = False
    own_reports: bool = False

    def check(self, output: Path | None) -> None:
        """Exit 3 with a reason when writing ``output`` would destroy a file."""
        if output is None:
            return
        try:
            check_output(
                output,
                inputs=self.inputs,
                stores=self.stores,
                force=self.force,
                own_reports=self.own_reports,
            )
        except OutputError as exc:
            raise fail(exc) from None


def is_stdout(output: Path | None) -> bool:
    """True when ``output`` means standard output (no option, or ``-``)."""
    return output is None or str(output) == STDOUT


def write(payload: str, output: Path | None, guard: Guard | None = None) -> None:
    """Write ``payload`` to ``output`` (atomically, after ``guard`` allows it), or to stdout
    when ``output`` is None or ``-``."""
    if is_stdout(output):
        page_text(payload)
        return
    target = Path(str(output))
    (guard or Guard()).check(target)
    try:
        atomic_write(target, payload)
    except OutputError as exc:
        raise fail(exc) from None
    err.print(f"wrote {target}", highlight=False)


def html_format(fmt: OutputFormat, open_page: bool) -> OutputFormat:
    """The format to render: ``--open`` makes it HTML; with ``--format json`` it is a
    usage error (exit 2)."""
    if not open_page:
        return fmt
    if fmt is OutputFormat.json:
        err.print(
            "[bold red]error:[/] --open shows an HTML page; use it with --format html "
            "(or without --format)",
            highlight=False,
        )
        raise typer.Exit(EXIT_USAGE)
    return OutputFormat.html


def open_html(page: str, output: Path | None, guard: Guard, name: str) -> None:
    """Write the HTML ``page`` to ``output`` (a file; guarded as ``write`` does), or to
    a new temporary file ``wiretrace-<name>-*.html`` when ``output`` is None or ``-``,
    and open it with Python's ``webbrowser`` (``$BROWSER`` first, else the system's
    browser). The temporary file is left for the browser to read; the temporary
    folder's owner clears it. No browser: a warning with the file's path (exit 0)."""
    import tempfile
    import webbrowser

    if is_stdout(output):
        handle, temp = tempfile.mkstemp(prefix=f"wiretrace-{name}-", suffix=".html")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(page)
        target = Path(temp)
    else:
        write(page, output, guard)
        target = Path(str(output))
    url = target.resolve().as_uri()
    try:
        opened = webbrowser.open(url)
    except webbrowser.Error:
        opened = False
    if opened:
        err.print(f"opened {target} in the browser", highlight=False)
    else:
        err.print(
            f"[yellow]warning:[/] no browser could be opened (set BROWSER); the page is at "
            f"{escape(str(target))}",
            highlight=False,
        )


def emit_json(payload: object) -> None:
    """Print ``payload`` as indented JSON (UTF-8, not ASCII-escaped) to stdout, paged
    at a terminal."""
    page_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def emit_rich(renderable: RenderableType, output: Path | None, guard: Guard | None = None) -> None:
    """Print a Rich renderable, or write it as plain text (160 columns) to ``output``."""
    if is_stdout(output):
        page_rich(renderable)
        return
    console = Console(record=True, width=160, file=io.StringIO())
    console.print(renderable)
    write(console.export_text(), output, guard)


def open_corpus(db: Path, config: Path | None = None) -> Corpus:
    """Open (or create) the store at ``db``; errors become one line and an exit code."""
    from wiretrace.corpus import Corpus

    try:
        corpus = Corpus.open(db, load_config(config))
    except WiretraceError as exc:
        raise fail(exc) from None
    note_upgrade(corpus.store)
    return corpus


def note_upgrade(store: object) -> None:
    """Say on stderr that opening upgraded the store, and where its backup is."""
    from wiretrace.store.sqlite import SCHEMA_VERSION, SQLiteStore

    if isinstance(store, SQLiteStore) and store.upgraded_from is not None:
        err.print(
            f"upgraded {store.path} from schema {store.upgraded_from} to {SCHEMA_VERSION}; "
            f"the store as it was is in {store.backup_path}",
            highlight=False,
        )


def cluster(corpus: Corpus, jobs: int = 1) -> int:
    """Assign unclustered articles to stories, with a progress bar; returns how many.
    Holds the store's write lock (a running ``wiretrace serve`` writes between, never
    during) and starts from the clusterer's state as the store has it."""
    with corpus.store.exclusive():
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
