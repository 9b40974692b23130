"""``wiretrace demo``: the whole job on the bundled fictional corpus."""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from wiretrace.cli.options import err, fail, write
from wiretrace.compare import compare
from wiretrace.errors import WiretraceError
from wiretrace.ingest import read_article
from wiretrace.model import Article


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
) -> None:
    """Run the whole job on the bundled corpus: compare the wire story with each article,
    group the articles into stories, and trace who copied whom."""
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
            raise fail(exc) from None
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
    write(render_story_html(view), out)
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
