"""The four Parquet tables of a clustered corpus (articles, edges, findings, quotes): their
Arrow schemas and the rows of one story, written alike by ``batch`` and ``export``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from wiretrace.config import CompareConfig
from wiretrace.errors import InputError
from wiretrace.provenance.graph import DerivationGraph, Edge, derive
from wiretrace.provenance.quotes import TrackedQuote, track_quotes
from wiretrace.store.base import StoredArticle
from wiretrace.stories.features import Featurizer
from wiretrace.stories.when import as_utc

_TIME = pa.timestamp("us", tz="UTC")

#: One row per article. ``role``: "earliest", "copy" or "independent" (see
#: ``DerivationGraph.role``). Title, URL and text come along so that ``wiretrace load``
#: can rebuild a store from the tables alone.
ARTICLES = pa.schema(
    [
        ("article_id", pa.string()),
        ("story_id", pa.string()),
        ("outlet", pa.string()),
        ("published", _TIME),
        ("role", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("text", pa.string()),
        ("ordinal", pa.int64()),
    ]
)
#: One row per derivation edge (``target_id`` derived from ``source_id``); containments
#: are shares of word 5-grams, ``reasons`` the evidence in words, ``direction`` how the
#: direction was decided (``model.EdgeDirection``; null in tables written before it).
EDGES = pa.schema(
    [
        ("story_id", pa.string()),
        ("source_id", pa.string()),
        ("target_id", pa.string()),
        ("confidence", pa.float64()),
        ("kind", pa.string()),
        ("containment", pa.float64()),
        ("reverse_containment", pa.float64()),
        ("reasons", pa.list_(pa.string())),
        ("direction", pa.string()),
    ]
)
#: One row per finding of the compare engine on an edge (source = A, target = B), with
#: character spans into each article's text (null when a side has none).
FINDINGS = pa.schema(
    [
        ("story_id", pa.string()),
        ("source_id", pa.string()),
        ("target_id", pa.string()),
        ("finding", pa.int32()),
        ("kind", pa.string()),
        ("confidence", pa.float64()),
        ("explanation", pa.string()),
        ("source_start", pa.int64()),
        ("source_end", pa.int64()),
        ("source_text", pa.string()),
        ("target_start", pa.int64()),
        ("target_end", pa.int64()),
        ("target_text", pa.string()),
    ]
)
#: One row per version of a tracked quote: ``quote`` numbers the story's quotes in order
#: of first appearance; ``relation`` is "original", "same", "trimmed", "extended" or
#: "altered"; ``start``/``end`` are character offsets in the article.
QUOTES = pa.schema(
    [
        ("story_id", pa.string()),
        ("quote", pa.int32()),
        ("article_id", pa.string()),
        ("outlet", pa.string()),
        ("published", _TIME),
        ("text", pa.string()),
        ("speaker", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("relation", pa.string()),
        ("speaker_changed", pa.bool_()),
        ("earliest_id", pa.string()),
        ("new_in_copy", pa.bool_()),
    ]
)
#: Table name -> schema, in the order they are written.
SCHEMAS: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "edges": EDGES,
    "findings": FINDINGS,
    "quotes": QUOTES,
}
#: Columns that order each table's rows (the same order from every engine).
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("ordinal",),
    "edges": ("story_id", "target_id"),
    "findings": ("story_id", "target_id", "finding"),
    "quotes": ("story_id", "quote", "article_id", "start"),
}

Row = dict[str, Any]


@dataclass(slots=True)
class StoryTables:
    """Rows of the four tables (column name -> value dicts), for one story or many."""

    articles: list[Row] = field(default_factory=list)
    edges: list[Row] = field(default_factory=list)
    findings: list[Row] = field(default_factory=list)
    quotes: list[Row] = field(default_factory=list)

    def extend(self, other: StoryTables) -> None:
        """Append another set of rows."""
        for name in SCHEMAS:
            getattr(self, name).extend(getattr(other, name))

    def table(self, name: str) -> pa.Table:
        """One table as Arrow, rows in ``SORT_KEYS`` order."""
        rows = sorted(getattr(self, name), key=lambda r: _sort_key(r, SORT_KEYS[name]))
        return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def _sort_key(row: Row, columns: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple((row[c] is None, row[c] if row[c] is not None else 0) for c in columns)


def edge_kind(edge: Edge) -> str | None:
    """The edge's kind of derivation when the graph gives one (else None)."""
    kind = getattr(edge, "kind", None)
    return None if kind is None else str(kind)


def story_tables(
    story_id: str,
    members: Sequence[StoredArticle],
    ordinals: Sequence[int],
    config: CompareConfig,
    *,
    findings: bool = True,
    featurizer: Featurizer | None = None,
) -> StoryTables:
    """The rows of one story: its derivation graph (``derive``) and tracked quotes
    (``track_quotes``), the functions ``wiretrace story`` shows.

    Args:
        story_id: The story's id.
        members: Its articles in ingest order.
        ordinals: Each member's position in ingest order across the corpus.
        config: Compare settings.
        findings: Run the compare engine on each edge (findings, direction evidence);
            without it edges rest on shared text and times alone, and no quotes are tracked.
        featurizer: A featurizer to reuse (else one is made).
    """
    graph = derive(members, config, compare_edges=findings, featurizer=featurizer)
    quotes = track_quotes(graph.lineage_order(), config, parents=graph.parents) if findings else []
    return graph_tables(
        story_id, graph, quotes, dict(zip((m.id for m in members), ordinals, strict=True))
    )


def graph_tables(
    story_id: str,
    graph: DerivationGraph,
    quotes: Sequence[TrackedQuote],
    ordinals: dict[str, int],
) -> StoryTables:
    """Rows of one story from its derivation graph and tracked quotes."""
    out = StoryTables()
    for item in graph.articles:
        a = item.article
        out.articles.append(
            {
                "article_id": item.id,
                "story_id": story_id,
                "outlet": a.outlet,
                "published": _time(a.published),
                "role": graph.role(item.id),
                "title": a.title,
                "url": a.url,
                "text": a.text,
                "ordinal": ordinals[item.id],
            }
        )
    for edge in graph.edges:
        base = {"story_id": story_id, "source_id": edge.source_id, "target_id": edge.target_id}
        out.edges.append(
            {
                **base,
                "confidence": edge.confidence,
                "kind": edge_kind(edge),
                "containment": edge.containment,
                "reverse_containment": edge.reverse_containment,
                "reasons": list(edge.reasons),
                "direction": edge.direction.value,
            }
        )
        found = edge.comparison.findings if edge.comparison else ()
        for number, finding in enumerate(found):
            a_span, b_span = finding.a_span, finding.b_span
            out.findings.append(
                {
                    **base,
                    "finding": number,
                    "kind": finding.kind.value,
                    "confidence": finding.confidence,
                    "explanation": finding.explanation,
                    "source_start": a_span[0] if a_span else None,
                    "source_end": a_span[1] if a_span else None,
                    "source_text": finding.a_text,
                    "target_start": b_span[0] if b_span else None,
                    "target_end": b_span[1] if b_span else None,
                    "target_text": finding.b_text,
                }
            )
    for number, quote in enumerate(quotes):
        for variant in quote.variants:
            out.quotes.append(
                {
                    "story_id": story_id,
                    "quote": number,
                    "article_id": variant.article_id,
                    "outlet": variant.outlet,
                    "published": _time(variant.published),
                    "text": variant.text,
                    "speaker": variant.speaker,
                    "start": variant.span[0],
                    "end": variant.span[1],
                    "relation": variant.relation,
                    "speaker_changed": variant.speaker_changed,
                    "earliest_id": quote.earliest_id,
                    "new_in_copy": quote.new_in_copy,
                }
            )
    return out


def _time(value: datetime | None) -> datetime | None:
    return as_utc(value)


def write_tables(tables: StoryTables, out: str | Path) -> dict[str, int]:
    """Write ``OUT/<name>.parquet`` for the four tables (each to a temporary name, then
    renamed, so a failed write never leaves half a file); returns rows per table.

    Raises:
        InputError: the folder cannot be created or a file cannot be written.
    """
    folder = Path(out)
    counts: dict[str, int] = {}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in SCHEMAS:
            table = tables.table(name)
            target = folder / f"{name}.parquet"
            tmp = folder / f".{name}.parquet.tmp"
            pq.write_table(table, tmp)
            tmp.replace(target)
            counts[name] = table.num_rows
    except OSError as exc:
        raise InputError(f"cannot write the tables to {folder}: {exc.strerror or exc}") from exc
    return counts


def read_table(folder: str | Path, name: str) -> pa.Table:
    """One table of a ``batch`` or ``export`` output folder (a Parquet file, or the folder
    of part files Spark writes), in the canonical schema and row order.

    Raises:
        InputError: the table is missing or not readable Parquet.
    """
    path = Path(folder) / f"{name}.parquet"
    if not path.exists():
        raise InputError(
            f"no {name} table at {path}; write one with `wiretrace batch` or `wiretrace export`"
        )
    try:
        table = pq.read_table(path, schema=SCHEMAS[name])
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"cannot read {path} as the {name} table: {exc}") from exc
    order = [(column, "ascending") for column in SORT_KEYS[name]]
    return table.sort_by(order)
