"""The ``wiretrace`` command: compare two articles, build a corpus of stories, run the demo.

Exit codes: 0 success (also for "no shared text"), 1 internal error, 2 usage error,
3 input error (missing, empty, binary, undecodable, too large or malformed file; unknown
story or article id), 4 configuration error, 5 missing optional dependency, 6 store error
(no store at the path, not a wiretrace database, corrupt, or from a newer version).
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console, RenderableType
from rich.progress import Progress
from rich.table import Table

from wiretrace import __version__
from wiretrace.cli.serve import serve_cmd
from wiretrace.compare import compare
from wiretrace.config import CompareConfig
from wiretrace.errors import (
    ConfigError,
    InputError,
    MissingDependencyError,
    NotFoundError,
    StoreError,
    WiretraceError,
)
from wiretrace.ingest import read_article
from wiretrace.model import Article
from wiretrace.report import comparison_to_dict, render_html
from wiretrace.report.pan import pan_output_name, pan_xml
from wiretrace.report.text import render_text

if TYPE_CHECKING:
    from wiretrace.corpus import Corpus, SimilarHit

_T = TypeVar("_T")

EXIT_INTERNAL, EXIT_USAGE, EXIT_INPUT, EXIT_CONFIG, EXIT_DEPENDENCY, EXIT_STORE = 1, 2, 3, 4, 5, 6

app = typer.Typer(
    name="wiretrace",
    help="Follow a news story from the wire report to every rewrite of it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = Console(stderr=True, soft_wrap=True)


_ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="TOML/JSON file overriding settings.")
]
_OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
]
_DbOption = Annotated[Path, typer.Option("--db", help="The store (SQLite file).")]


class OutputFormat(StrEnum):
    """Output formats of ``compare``."""

    text = "text"
    json = "json"
    html = "html"


def _fail(exc: WiretraceError) -> typer.Exit:
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


def _load_config(path: Path | None) -> CompareConfig:
    return CompareConfig.from_file(path) if path else CompareConfig()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wiretrace {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """Follow a news story from the wire report to every rewrite of it."""


@app.command("compare")
def compare_cmd(
    a: Annotated[Path, typer.Argument(help="Reference article (.txt, .html or .json).")],
    b: Annotated[Path, typer.Argument(help="Article to compare with it.")],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.text,
    output: _OutputOption = None,
    config: _ConfigOption = None,
) -> None:
    """Compare two articles: aligned passages, typed findings, and which came first."""
    try:
        cfg = _load_config(config)
        result = compare(read_article(a, cfg.ingest), read_article(b, cfg.ingest), config=cfg)
    except WiretraceError as exc:
        raise _fail(exc) from None
    if fmt is OutputFormat.json:
        payload = json.dumps(comparison_to_dict(result), ensure_ascii=False, indent=2) + "\n"
    elif fmt is OutputFormat.html:
        payload = render_html(result)
    else:
        _emit_rich(render_text(result), output)
        return
    _write(payload, output)


def _write(payload: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(payload)
        return
    try:
        output.write_text(payload, encoding="utf-8")
    except OSError as exc:
        err.print(f"[bold red]error:[/] cannot write {output}: {exc.strerror}")
        raise typer.Exit(EXIT_INPUT) from None
    err.print(f"wrote {output}")


def _demo_articles() -> list[Article]:
    corpus = resources.files("wiretrace.demo").joinpath("corpus")
    out = []
    for name in sorted(p.name for p in corpus.iterdir() if p.name.endswith(".json")):
        with resources.as_file(corpus.joinpath(name)) as path:
            out.append(read_article(path))
    return out


@app.command()
def demo(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where to write the HTML report.")
    ] = Path("demo-report.html"),
    db: Annotated[
        Path | None, typer.Option("--db", help="Keep the demo store here (default: temporary).")
    ] = None,
) -> None:
    """Run the whole job on the bundled corpus: compare the wire story with each article,
    group the articles into stories, and trace who copied whom."""
    import tempfile

    from wiretrace.corpus import Corpus
    from wiretrace.report.stories import render_stories_text, render_story_html

    articles = _demo_articles()
    wire = next(
        a
        for a in articles
        if (a.id and a.id.startswith("wire")) or (a.path or "").endswith("wire.json")
    )
    others = [a for a in articles if a is not wire]
    results = []
    console = Console()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("comparing", total=len(others))
        for other in others:
            results.append(compare(wire, other))
            progress.advance(task)
    table = Table(title=f"Wire story: {wire.title}")
    table.add_column("article")
    table.add_column("outlet")
    table.add_column("verdict")
    table.add_column("source", justify="center")
    table.add_column("findings", justify="right")
    table.add_column("kinds")
    for r in results:
        kinds: dict[str, int] = {}
        for f in r.findings:
            kinds[f.kind.value] = kinds.get(f.kind.value, 0) + 1
        src = {"a": "wire", "b": "rewrite", None: "—"}[r.direction.source]
        table.add_row(
            r.b.article.id or "",
            r.b.article.outlet or "",
            "related" if r.related else "unrelated",
            f"{src} {r.direction.confidence:.2f}" if r.direction.source else "—",
            str(len(r.findings)),
            ", ".join(f"{k}×{v}" for k, v in sorted(kinds.items())),
        )
    console.print(table)
    with tempfile.TemporaryDirectory() as tmp:
        store_path = db or Path(tmp) / "demo.db"
        try:
            with Corpus.open(store_path) as corpus:
                for article in articles:
                    corpus.add(article)
                summaries = corpus.stories()
                console.print(render_stories_text(summaries))
                main_story = max(summaries, key=lambda s: len(s.article_ids))
                view = corpus.story(main_story.story_id)
        except WiretraceError as exc:
            raise _fail(exc) from None
    for edge in view.graph.edges:
        count = len(edge.comparison.findings) if edge.comparison else 0
        console.print(
            f"{edge.source_id} → {edge.target_id}: confidence {edge.confidence:.2f}, "
            f"{count} findings",
            highlight=False,
        )
    flagged = [q for q in view.quotes if q.altered or q.new_in_copy]
    console.print(
        f"{len(view.quotes)} quotes tracked across {len(main_story.article_ids)} articles, "
        f"{len(flagged)} altered or new in a copy",
        highlight=False,
    )
    _write(render_story_html(view), out)


def _pan_pair(job: tuple[str, str, str, str, str]) -> tuple[str, str, str | None]:
    """Align one PAN pair and write its XML; returns (susp, src, error or None)."""
    from wiretrace.reuse import find_reuse, plain_text_config

    susp_name, src_name, susp_dir, src_dir, out_dir = job
    cfg = plain_text_config()
    try:
        source = read_article(Path(src_dir) / src_name, cfg.ingest)
        copy = read_article(Path(susp_dir) / susp_name, cfg.ingest)
        passages = find_reuse(source, copy, config=cfg)
        target = Path(out_dir) / pan_output_name(susp_name, src_name)
        tmp = target.with_suffix(".xml.tmp")
        tmp.write_text(pan_xml(susp_name, src_name, passages), encoding="utf-8")
        tmp.replace(target)  # a killed run never leaves a half-written file
    except WiretraceError as exc:
        return susp_name, src_name, str(exc)
    except OSError as exc:
        return susp_name, src_name, f"cannot write output: {exc.strerror}"
    return susp_name, src_name, None


@app.command("pan-align")
def pan_align(
    pairs: Annotated[Path, typer.Option("--pairs", help="Lines 'suspicious.txt source.txt'.")],
    src: Annotated[Path, typer.Option("--src", help="Folder of source documents.")],
    susp: Annotated[Path, typer.Option("--susp", help="Folder of suspicious documents.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the PAN XML files.")],
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 2,
) -> None:
    """Detect reused passages for each PAN pair and write PAN XML files."""
    try:
        lines = pairs.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        err.print(f"[bold red]error:[/] cannot read the pairs file {pairs}: {exc.strerror}")
        raise typer.Exit(EXIT_INPUT) from None
    for folder, what in ((src, "--src"), (susp, "--susp")):
        if not folder.is_dir():
            err.print(f"[bold red]error:[/] {what} {folder} is not a folder")
            raise typer.Exit(EXIT_INPUT)
    todo: list[tuple[str, str, str, str, str]] = []
    for number, line in enumerate(lines, 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2:
            err.print(
                f"[bold red]error:[/] {pairs}:{number}: expected two file names, got {line!r}"
            )
            raise typer.Exit(EXIT_INPUT)
        todo.append((parts[0], parts[1], str(susp), str(src), str(out)))
    out.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    with Progress(console=err) as progress:
        task = progress.add_task("aligning pairs", total=len(todo))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for susp_name, src_name, error in pool.map(_pan_pair, todo, chunksize=4):
                if error:
                    failures.append(f"{susp_name} {src_name}: {error}")
                progress.advance(task)
    err.print(f"wrote {len(todo) - len(failures)} of {len(todo)} pairs to {out}")
    if failures:
        for line in failures[:20]:
            err.print(f"[bold red]failed:[/] {line}", highlight=False)
        raise typer.Exit(EXIT_INPUT)


class ListFormat(StrEnum):
    """Output formats of ``stories`` and ``similar``."""

    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    """Formats of ``export``."""

    jsonl = "jsonl"
    parquet = "parquet"


def _open_corpus(db: Path, config: Path | None = None) -> Corpus:
    from wiretrace.corpus import Corpus

    try:
        return Corpus.open(db, _load_config(config))
    except WiretraceError as exc:
        raise _fail(exc) from None


def _cluster(corpus: Corpus, jobs: int = 1) -> int:
    """Assign unclustered articles to stories, with a progress bar; returns how many."""
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


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or folders (.txt .html .json .jsonl .parquet .warc RSS)."),
    ],
    db: _DbOption = Path("wiretrace.db"),
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per transaction.")
    ] = 500,
    cluster: Annotated[
        bool, typer.Option("--cluster/--no-cluster", help="Update the stories after ingest.")
    ] = True,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes for features.")
    ] = 2,
    config: _ConfigOption = None,
) -> None:
    """Add articles to the store and group them into stories; reruns skip what is there."""
    from wiretrace.corpus import IngestSummary, ingest

    corpus = _open_corpus(db, config)
    with corpus, Progress(console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)

        def show(summary: IngestSummary) -> None:
            progress.update(
                task,
                description=f"ingesting: {summary.added} added, {len(summary.duplicates)} "
                f"duplicates, {len(summary.skipped)} skipped",
            )

        try:
            result = ingest(
                paths,
                corpus.store,
                batch_size=batch_size,
                config=corpus.config.ingest,
                on_batch=show,
            )
        except WiretraceError as exc:
            raise _fail(exc) from None
        progress.stop()
        clustered = 0
        if cluster:
            try:
                clustered = _cluster(corpus, jobs)
            except WiretraceError as exc:
                raise _fail(exc) from None
        total = len(corpus.store)
        stories = corpus.store.story_count()
    err.print(
        f"{result.added} added, {len(result.duplicates)} duplicates skipped, "
        f"{len(result.skipped)} records skipped; {total} articles in {db}"
        + (f"; {clustered} clustered, {stories} stories" if cluster else ""),
        highlight=False,
    )
    for where, reason in result.duplicates[:10]:
        err.print(f"[yellow]duplicate:[/] {where}: {reason}", highlight=False)
    for skipped in result.skipped[:20]:
        err.print(f"[yellow]skipped:[/] {skipped.where}: {skipped.reason}", highlight=False)
    hidden = len(result.skipped) - 20
    if hidden > 0:
        err.print(f"... and {hidden} more skipped records", highlight=False)


@app.command("stories")
def stories_cmd(
    db: _DbOption = Path("wiretrace.db"),
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.text
    ),
    config: _ConfigOption = None,
    min_articles: Annotated[
        int, typer.Option("--min-articles", min=1, help="Only stories with this many articles.")
    ] = 1,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most this many stories.")
    ] = None,
) -> None:
    """List the stories in the store, earliest first."""
    from wiretrace.report.stories import render_stories_text, summary_to_dict

    summaries = [
        s
        for s in _with_corpus(db, config, lambda corpus: corpus.stories())
        if len(s.article_ids) >= min_articles
    ][:limit]
    if fmt is ListFormat.json:
        payload = [summary_to_dict(s) for s in summaries]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        Console().print(render_stories_text(summaries))


@app.command("story")
def story_cmd(
    story_id: Annotated[str, typer.Argument(help="A story id from `wiretrace stories`.")],
    db: _DbOption = Path("wiretrace.db"),
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.text,
    output: _OutputOption = None,
    config: _ConfigOption = None,
) -> None:
    """One story: timeline, derivation tree (who copied whom, with findings), quotes."""
    from wiretrace.report.stories import render_story_html, render_story_text, story_to_dict

    view = _with_corpus(db, config, lambda corpus: corpus.story(story_id))
    if fmt is OutputFormat.json:
        _write(json.dumps(story_to_dict(view), ensure_ascii=False, indent=2) + "\n", output)
    elif fmt is OutputFormat.html:
        _write(render_story_html(view), output)
    else:
        _emit_rich(render_story_text(view), output)


@app.command("similar")
def similar_cmd(
    query: Annotated[str, typer.Argument(help="A stored article id, or a file to look up.")],
    db: _DbOption = Path("wiretrace.db"),
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many.")] = 20,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.text
    ),
    config: _ConfigOption = None,
) -> None:
    """Articles that share text with an article, with the overlap both ways."""
    from wiretrace.report.stories import similar_to_dict

    def find(corpus: Corpus) -> list[SimilarHit]:
        target: str | Article = query
        if corpus.store.get(query) is None and Path(query).exists():
            target = read_article(Path(query), corpus.config.ingest)
        return corpus.similar(target, limit=limit)

    hits = _with_corpus(db, config, find)
    if fmt is ListFormat.json:
        payload = [similar_to_dict(h) for h in hits]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"{len(hits)} articles sharing text with {query}", title_justify="left")
    for column in ("article", "outlet", "story", "query in it", "it in query", "passages"):
        table.add_column(column)
    for h in hits:
        table.add_row(
            h.article_id,
            h.outlet or "",
            h.story_id or "",
            f"{h.query_in_hit:.0%}",
            f"{h.hit_in_query:.0%}",
            str(h.passages),
        )
    Console().print(table)


@app.command("export")
def export_cmd(
    out: Annotated[Path, typer.Argument(help="The file to write.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")] = (
        ExportFormat.jsonl
    ),
    db: _DbOption = Path("wiretrace.db"),
) -> None:
    """Write every article with its story id (JSON Lines or Parquet)."""
    count = _with_corpus(db, None, lambda corpus: corpus.export(out, fmt.value))
    err.print(f"wrote {count} articles to {out}", highlight=False)


def _with_corpus(db: Path, config: Path | None, action: Callable[[Corpus], _T]) -> _T:
    """Open an existing store, assign pending articles to stories, run ``action``; errors
    become one line and an exit code."""
    _require_store(db)
    corpus = _open_corpus(db, config)
    with corpus:
        try:
            _cluster(corpus)
            return action(corpus)
        except WiretraceError as exc:
            raise _fail(exc) from None


def _emit_rich(renderable: RenderableType, output: Path | None) -> None:
    """Print a Rich renderable, or write it as plain text (160 columns) to ``output``."""
    if output is None:
        Console().print(renderable)
        return
    console = Console(record=True, width=160, file=io.StringIO())
    console.print(renderable)
    _write(console.export_text(), output)


def _require_store(db: Path) -> None:
    if not db.exists():
        err.print(
            f"[bold red]error:[/] no store at {db}; create one with `wiretrace ingest PATH "
            f"--db {db}`",
            highlight=False,
        )
        raise typer.Exit(EXIT_STORE)


app.command("serve")(serve_cmd)


def main() -> None:
    """Run the CLI; unexpected errors print one line (set WIRETRACE_DEBUG=1 for a traceback)."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("WIRETRACE_DEBUG"):
            raise
        err.print(
            f"[bold red]internal error:[/] {type(exc).__name__}: {exc} "
            "(set WIRETRACE_DEBUG=1 for a traceback and please report it)"
        )
        sys.exit(EXIT_INTERNAL)
