"""The bundled fictional demo corpus as Article objects."""

from __future__ import annotations

from importlib import resources

from wiretrace.ingest import read_article
from wiretrace.model import Article


def demo_articles() -> list[Article]:
    """The demo corpus (a wire story, five rewrites, three unrelated articles)."""
    folder = resources.files("wiretrace.demo").joinpath("corpus")
    out = []
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".json")):
        with resources.as_file(folder.joinpath(name)) as path:
            out.append(read_article(path))
    return out
