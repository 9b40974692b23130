"""``wiretrace demo``: the whole job on the bundled fictional corpus."""

from __future__ import annotations

import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from wiretrace.cli.options import ForceOption, Guard, err, fail, write
from wiretrace.compare import compare
from wiretrace.errors import WiretraceError
from wiretrace.ingest import read_article
from wiretrace.model import Article
from wiretrace.text.counted import counted


def _demo_articles() -> list[Article]:
    corpus = resources.files("wiretrace.demo").joinpath("corpus")
    out = []
    for name in sorted(p.name for p in corpus.iterdir() if p.name.endswith(".json")):
        with resources.as_file(corpus.joinpath(name)) as path:
            out.append(read_article(path))
    return out


def demo(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where to write the HTML report.")
    ] = Path("demo-report.html"),
    db: Annotated[
        Path | None, typer.Option("--db", help="Keep the demo store here (default: temporary).")
    ] = None,
    force: ForceOption = False,
) -> None:
    """Run the whole job on the bundled corpus: compare the wire story with each article,
    group the articles into stories, and trace who copied whom."""
    from wiretrace.corpus import Corpus
    from wiretrace.report.stories import render_stories_text, render_story_html

    # the demo replaces its own earlier page (so `make demo` runs again), nothing else
    guard = Guard(stores=(db,) if db else (), force=force, own_reports=True)
    guard.check(out)
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
    # Kinds are never cut: one per line in a column as wide as the longest; the other
    # columns wrap first, so the table reads at 80 columns.
    kind_lines = [
        [f"{k} ×{v}" for k, v in sorted(Counter(f.kind.value for f in r.findings).items())]
        for r in results
    ]
    kind_width = max((len(line) for lines in kind_lines for line in lines), default=5)
    table = Table(title=f"Wire story: {wire.title}")
    table.add_column("article", overflow="fold")
    table.add_column("outlet", overflow="fold")
    table.add_column("source", justify="center")
    table.add_column("kinds of finding", no_wrap=True, min_width=kind_width)
    for r, lines in zip(results, kind_lines, strict=True):
        src = {"a": "wire", "b": "rewrite", None: "—"}[r.direction.source]
        table.add_row(
            r.b.article.id or "",
            r.b.article.outlet or "",
            f"{src} {r.direction.confidence:.2f}"
            if r.direction.source
            else ("undecided" if r.related else "unrelated"),
            "\n".join(lines) or "—",
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
            raise fail(exc) from None
    for edge in view.graph.edges:
        count = len(edge.comparison.findings) if edge.comparison else 0
        console.print(
            f"{edge.source_id} → {edge.target_id}: confidence {edge.confidence:.2f}, "
            f"{counted(count, 'finding')}",
            highlight=False,
        )
    flagged = [q for q in view.quotes if q.altered or q.new_in_copy]
    console.print(
        f"{counted(len(view.quotes), 'quote')} tracked across "
        f"{counted(len(main_story.article_ids), 'article')}, "
        f"{len(flagged)} altered or new in a copy",
        highlight=False,
    )
    write(render_story_html(view), out, guard)
    if db is not None:
        err.print(
            f"Open the story desk on this store: wiretrace serve --db {db}  "
            "(then http://127.0.0.1:8000/)",
            highlight=False,
        )
    else:
        err.print(
            "Keep the store with --db demo.db, then open the story desk on it: "
            "wiretrace serve --db demo.db",
            highlight=False,
        )


def register(app: typer.Typer) -> None:
    """Add the demo command to ``app``."""
    app.command()(demo)
