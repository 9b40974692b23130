"""The Spark batch engine: the batch stages on Apache Spark. Arrow batches flow through
``mapInArrow``/``applyInArrow`` into the same stage functions the local engine calls;
candidate pairs come from a join on LSH band keys and on rare names and numbers; the
story rule's connected components run on the driver below a stated size and as
large-star/small-star (Kiveris et al., "Connected Components in MapReduce and Beyond",
SoCC 2014) in Spark above it.

What runs where: reading and duplicate removal on the driver (the ``ingest`` readers);
features, pair scores, component resolution (cohesion check and split) and derivation
in Python workers; joins, shuffles and the Parquet writes in Spark; document
frequencies are collected to the driver and broadcast.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from wiretrace.batch.stages import (
    StoryUnit,
    Vocabulary,
    article_bridges,
    article_time,
    cached_vectors,
    connected_components,
    copy_link,
    groups_agree,
    lookup_names,
    resolve_component,
)
from wiretrace.batch.tables import SCHEMAS, story_tables
from wiretrace.config import BatchConfig, CompareConfig
from wiretrace.errors import InputError, MissingDependencyError, MissingJavaError
from wiretrace.model import Article
from wiretrace.store.base import StoredArticle
from wiretrace.stories.features import Featurizer

#: Java releases Spark 4 runs on.
MIN_JAVA = 17

_ARTICLES = pa.schema(
    [
        ("ordinal", pa.int64()),
        ("id", pa.string()),
        ("content_hash", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("published", pa.string()),  # ISO 8601 as read, so that the offset survives
        ("path", pa.string()),
        ("text", pa.string()),
    ]
)
_FEATURES = (
    "ordinal long, t_keys array<long>, t_vals array<double>, names array<long>, "
    "shingles int, signature binary, bands array<long>, posted double, figures array<long>, "
    "monthday array<int>"
)
_UNITS = (
    "key long, members array<long>, c_keys array<long>, c_vals array<double>, "
    "first double, last double, figures array<long>, monthday array<int>"
)
_PAYLOAD = "story_id string, name string, rows long, payload binary"
_LINKS_ARROW = pa.schema([("a", pa.int64()), ("b", pa.int64()), ("strength", pa.float64())])
_PAIRS_ARROW = pa.schema([("a", pa.int64()), ("b", pa.int64())])
_NAMES_ARROW = pa.schema([("name", pa.int64()), ("ordinal", pa.int64()), ("seeks", pa.bool_())])
_PAYLOAD_ARROW = pa.schema(
    [
        ("story_id", pa.string()),
        ("name", pa.string()),
        ("rows", pa.int64()),
        ("payload", pa.binary()),
    ]
)
_UNITS_ARROW = pa.schema(
    [
        ("key", pa.int64()),
        ("members", pa.list_(pa.int64())),
        ("c_keys", pa.list_(pa.int64())),
        ("c_vals", pa.list_(pa.float64())),
        ("first", pa.float64()),
        ("last", pa.float64()),
        ("figures", pa.list_(pa.int64())),
        ("monthday", pa.list_(pa.int32())),
    ]
)
_FEATURES_ARROW = pa.schema(
    [
        ("ordinal", pa.int64()),
        ("t_keys", pa.list_(pa.int64())),
        ("t_vals", pa.list_(pa.float64())),
        ("names", pa.list_(pa.int64())),
        ("shingles", pa.int32()),
        ("signature", pa.binary()),
        ("bands", pa.list_(pa.int64())),
        ("posted", pa.float64()),
        ("figures", pa.list_(pa.int64())),
        ("monthday", pa.list_(pa.int32())),
    ]
)


def require_spark() -> None:
    """Check that pyspark is installed and Java 17 or newer is on the PATH.

    Raises:
        MissingDependencyError: pyspark is not installed.
        MissingJavaError: no Java 17+ (Debian: openjdk-17-jre-headless).
    """
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise MissingDependencyError("'wiretrace[spark]'", "the Spark engine") from None
    version = java_version()
    if version is None or version < MIN_JAVA:
        raise MissingJavaError(version)


def java_version() -> int | None:
    """The major version of the ``java`` found via JAVA_HOME or the PATH (None: none)."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        return None
    try:
        done = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError:
        return None
    for token in done.stderr.replace('"', " ").split():
        head = token.split(".")[0]
        if head.isdigit() and token[0].isdigit():
            major = int(head)
            return int(token.split(".")[1]) if major == 1 else major
    return None


def spark_session(master: str = "local[2]", partitions: int = 8) -> Any:
    """A Spark session for a batch run: Python workers on this interpreter, UTC session
    time, Arrow on, no UI, ``partitions`` shuffle partitions."""
    require_spark()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master(master)
        .appName("wiretrace-batch")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.adaptive.enabled", "false")  # stable plans and partition counts
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


# ---- row <-> value conversions (run in the Python workers) ----


def _article(row: dict[str, Any]) -> StoredArticle:
    when = row["published"]
    article = Article(
        text=row["text"],
        id=row["id"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        published=datetime.fromisoformat(when) if when else None,
        path=row["path"],
    )
    return StoredArticle(id=row["id"], article=article, content_hash=row["content_hash"])


def _unit(row: dict[str, Any]) -> StoryUnit:
    return StoryUnit(
        key=row["key"],
        members=tuple(row["members"]),
        centroid=dict(zip(row["c_keys"], row["c_vals"], strict=True)),
        first=row["first"],
        last=row["last"],
        figures=tuple(row["figures"] or ()),
        monthday=(row["monthday"][0], row["monthday"][1]) if row["monthday"] else None,
    )


def _unit_row(unit: StoryUnit) -> dict[str, Any]:
    return {
        "key": unit.key,
        "members": list(unit.members),
        "c_keys": list(unit.centroid),
        "c_vals": list(unit.centroid.values()),
        "first": unit.first,
        "last": unit.last,
        "figures": list(unit.figures),
        "monthday": list(unit.monthday) if unit.monthday else None,
    }


def _rows(batches: Iterator[pa.RecordBatch]) -> Iterator[dict[str, Any]]:
    for batch in batches:
        yield from batch.to_pylist()


def _emit(rows: list[dict[str, Any]], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


# ---- the engine ----


class SparkEngine:
    """Runs a batch on a Spark session (see the module docstring for what runs where).

    Args:
        spark: The session (see ``spark_session``).
        config: Compare settings (features, story rule, derivation).
        batch: Bucket caps, cohesion threshold, rounds, driver component limit.
        partitions: Partitions for the articles and the shuffles.
    """

    def __init__(
        self,
        spark: Any,
        config: CompareConfig | None = None,
        batch: BatchConfig | None = None,
        *,
        partitions: int = 8,
    ) -> None:
        self.spark = spark
        self.config = config or CompareConfig()
        self.batch = batch or BatchConfig()
        self.partitions = partitions
        #: (rows of the link graph, "driver" or "large-star/small-star") per components run
        self.component_runs: list[tuple[int, str]] = []
        #: rows per table of the last ``derive``
        self.rows: dict[str, int] = {}

    # -- steps --

    def articles(self, items: Sequence[StoredArticle]) -> Any:
        """The articles as a DataFrame (ordinal = position in ``items``)."""
        columns: dict[str, list[Any]] = {name: [] for name in _ARTICLES.names}
        for ordinal, item in enumerate(items):
            a = item.article
            columns["ordinal"].append(ordinal)
            columns["id"].append(item.id)
            columns["content_hash"].append(item.content_hash)
            columns["title"].append(a.title)
            columns["url"].append(a.url)
            columns["outlet"].append(a.outlet)
            columns["published"].append(a.published.isoformat() if a.published else None)
            columns["path"].append(a.path)
            columns["text"].append(a.text)
        table = pa.Table.from_pydict(columns, schema=_ARTICLES)
        return self.spark.createDataFrame(table).repartition(self.partitions, "ordinal")

    def features(self, articles: Any) -> Any:
        """Per-article features (``Featurizer``) through Arrow batches."""
        cfg = self.config

        def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            featurizer = Featurizer(cfg.candidates, cfg.stories, cfg.clean)
            for batch in batches:
                out = []
                for row in batch.to_pylist():
                    item = _article(row)
                    f = featurizer(item.article)
                    out.append(
                        {
                            "ordinal": row["ordinal"],
                            "t_keys": list(f.terms),
                            "t_vals": list(f.terms.values()),
                            "names": list(f.names),
                            "shingles": f.shingle_count,
                            "signature": f.signature.astype(np.uint32).tobytes(),
                            "bands": list(f.band_keys),
                            "posted": article_time(item.article.published, f),
                            "figures": list(f.figures),
                            "monthday": list(f.event_monthday) if f.event_monthday else None,
                        }
                    )
                yield from _emit(out, _FEATURES_ARROW)

        return articles.mapInArrow(run, _FEATURES)

    def copy_links(self, features: Any) -> Any:
        """Copy links (a, b, strength), a < b: pairs from a self-join on LSH band keys
        (each article with at most ``band_bucket_cap`` earlier ones per bucket), scored
        by ``copy_link``."""
        from pyspark.sql import Window
        from pyspark.sql import functions as F

        cap, rule = self.batch.band_bucket_cap, self.config.stories
        bands = features.select("ordinal", F.explode("bands").alias("band")).withColumn(
            "rank", F.row_number().over(Window.partitionBy("band").orderBy("ordinal"))
        )
        left, right = bands.alias("l"), bands.alias("r")
        pairs = (
            left.join(
                right,
                (F.col("l.band") == F.col("r.band"))
                & (F.col("r.rank") < F.col("l.rank"))
                & (F.col("l.rank") - F.col("r.rank") <= cap),
            )
            .select(F.col("r.ordinal").alias("a"), F.col("l.ordinal").alias("b"))
            .distinct()
        )
        sigs = features.select("ordinal", "shingles", "signature")
        joined = pairs.join(
            sigs.select(
                F.col("ordinal").alias("a"),
                F.col("shingles").alias("a_n"),
                F.col("signature").alias("a_sig"),
            ),
            "a",
        ).join(
            sigs.select(
                F.col("ordinal").alias("b"),
                F.col("shingles").alias("b_n"),
                F.col("signature").alias("b_sig"),
            ),
            "b",
        )

        def score(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            out = []
            for row in _rows(batches):
                strength = copy_link(
                    row["a_n"],
                    np.frombuffer(row["a_sig"], dtype=np.uint32),
                    row["b_n"],
                    np.frombuffer(row["b_sig"], dtype=np.uint32),
                    rule,
                )
                if strength is not None:
                    out.append({"a": row["a"], "b": row["b"], "strength": strength})
            yield from _emit(out, _LINKS_ARROW)

        return joined.mapInArrow(score, "a long, b long, strength double")

    def components(self, links: Any) -> Any:
        """(node, label) for every node of a link (a, b): label = smallest node of its
        connected component. Collected to the driver (union-find) when the graph has at
        most ``driver_component_links`` links, else large-star/small-star in Spark."""
        count = links.count()
        if count <= self.batch.driver_component_links:
            self.component_runs.append((count, "driver"))
            labels = connected_components((r["a"], r["b"]) for r in links.toLocalIterator())
            return self.spark.createDataFrame(
                pa.table(
                    {
                        "node": pa.array(list(labels), pa.int64()),
                        "label": pa.array(list(labels.values()), pa.int64()),
                    }
                )
            )
        self.component_runs.append((count, "large-star/small-star"))
        return large_small_star(links)

    def resolve(self, units: Any, labels: Any, links: Any | None, vocab: Any) -> Any:
        """Units after resolving each component (``resolve_component`` in a worker per
        component); units in no component pass through. ``links``: copy links to hand
        each component (None in the centroid rounds)."""
        from pyspark.sql import functions as F

        rule, bcfg = self.config.stories, self.batch
        tagged = units.join(labels.withColumnRenamed("node", "key"), "key", "left")
        alone = tagged.where(F.col("label").isNull()).select(*_names(_UNITS))
        grouped = tagged.where(F.col("label").isNotNull())
        if links is not None:
            both = links.select("a", "b", "strength").unionByName(
                links.select(F.col("b").alias("a"), F.col("a").alias("b"), "strength")
            )
            adjacency = both.groupBy("a").agg(
                F.collect_list(F.struct("b", "strength")).alias("links")
            )
            grouped = grouped.join(adjacency.withColumnRenamed("a", "key"), "key", "left")
        else:
            grouped = grouped.withColumn(
                "links", F.lit(None).cast("array<struct<b:long,strength:double>>")
            )

        def run(table: pa.Table) -> pa.Table:
            idf_of = Vocabulary(vocab.value[0], vocab.value[1])
            rows = table.to_pylist()
            found = [_unit(r) for r in rows]
            inside = {u.key for u in found}
            adjacency: dict[int, dict[int, float]] = {}
            for row in rows:
                adjacency[row["key"]] = {
                    link["b"]: link["strength"]
                    for link in row["links"] or ()
                    if link["b"] in inside
                }
            resolved = resolve_component(
                sorted(found, key=lambda u: u.key), adjacency, idf_of, rule, bcfg
            )
            return pa.Table.from_pylist([_unit_row(u) for u in resolved], schema=_UNITS_ARROW)

        done = grouped.groupBy("label").applyInArrow(run, _UNITS)
        return alone.unionByName(done)

    def name_pairs(self, features: Any, vocab: Any) -> Any:
        """Article pairs (a, b), a < b, sharing a name or number that one of them looks
        up (``lookup_names``) and that is in at most ``name_bucket_cap`` articles."""
        from pyspark.sql import functions as F

        rule, cap = self.config.stories, self.batch.name_bucket_cap

        def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            df = vocab.value[0]
            out = []
            for row in _rows(batches):
                seeks = set(lookup_names(row["names"], df, rule, cap))
                for name in row["names"]:
                    if df.get(name, 0) <= cap:
                        out.append(
                            {"name": name, "ordinal": row["ordinal"], "seeks": name in seeks}
                        )
            yield from _emit(out, _NAMES_ARROW)

        names = features.select("ordinal", "names").mapInArrow(
            run, "name long, ordinal long, seeks boolean"
        )
        seekers = names.where("seeks").select("name", F.col("ordinal").alias("x"))
        holders = names.select("name", F.col("ordinal").alias("y"))
        return (
            seekers.join(holders, "name")
            .where(F.col("x") != F.col("y"))
            .select(F.least("x", "y").alias("a"), F.greatest("x", "y").alias("b"))
            .distinct()
        )

    def centroid_links(self, units: Any, singles: Any, pairs: Any, vocab: Any) -> Any:
        """Group links (a, b), a < b: groups holding a named article pair that links them
        (``centroid_link``: an article agrees with the other group's centroid, and two
        groups of several articles agree with each other).

        The rule is scored in its two parts, each on distinct keys, so that a centroid
        travels once per distinct check and not once per article pair (the pairs carry
        keys only): ``article_bridges`` on the distinct (article, other group) pairs,
        then ``groups_agree`` on the distinct group pairs that an article bridges.
        """
        from pyspark.sql import functions as F

        rule = self.config.stories
        owner = units.select(F.explode("members").alias("ordinal"), "key")
        side = units.select(*_names(_UNITS))
        grouped = (
            pairs.join(owner.select(F.col("ordinal").alias("a"), F.col("key").alias("ga")), "a")
            .join(owner.select(F.col("ordinal").alias("b"), F.col("key").alias("gb")), "b")
            .where(F.col("ga") != F.col("gb"))
            .persist()
        )
        checks = (
            grouped.select(F.col("a").alias("x"), F.col("gb").alias("g"))
            .union(grouped.select(F.col("b").alias("x"), F.col("ga").alias("g")))
            .distinct()
            .join(
                singles.select(*[F.col(c).alias("s_" + c) for c in side.columns]),
                F.col("x") == F.col("s_key"),
            )
            .join(
                side.select(*[F.col(c).alias("g_" + c) for c in side.columns]),
                F.col("g") == F.col("g_key"),
            )
        )

        def bridged(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            idf_of = Vocabulary(vocab.value[0], vocab.value[1])
            vectors = (cached_vectors(idf_of), cached_vectors(idf_of))
            out = []
            for row in _rows(batches):
                article = _unit({k[2:]: v for k, v in row.items() if k.startswith("s_")})
                group = _unit({k[2:]: v for k, v in row.items() if k.startswith("g_")})
                if article_bridges(article, group, vectors, rule):
                    out.append({"a": row["x"], "b": row["g"]})
            yield from _emit(out, _PAIRS_ARROW)

        bridges = checks.mapInArrow(bridged, "a long, b long").persist()
        from_a = grouped.join(
            bridges.select(F.col("a"), F.col("b").alias("gb")), ["a", "gb"], "left_semi"
        )
        from_b = grouped.join(
            bridges.select(F.col("a").alias("b"), F.col("b").alias("ga")), ["b", "ga"], "left_semi"
        )
        candidates = (
            from_a.select("ga", "gb")
            .union(from_b.select("ga", "gb"))
            .select(F.least("ga", "gb").alias("ga"), F.greatest("ga", "gb").alias("gb"))
            .distinct()
        )
        for prefix, column in (("a_", "ga"), ("b_", "gb")):
            candidates = candidates.join(
                side.select(*[F.col(c).alias(prefix + c) for c in side.columns]),
                F.col(column) == F.col(prefix + "key"),
            )

        def agreed(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            idf_of = Vocabulary(vocab.value[0], vocab.value[1])
            vector = cached_vectors(idf_of)
            out = []
            for row in _rows(batches):
                first, second = (
                    _unit({k[2:]: v for k, v in row.items() if k.startswith(prefix)})
                    for prefix in ("a_", "b_")
                )
                if groups_agree(first, second, vector, rule):
                    out.append({"a": row["ga"], "b": row["gb"]})
            yield from _emit(out, _PAIRS_ARROW)

        return candidates.mapInArrow(agreed, "a long, b long")

    def _label(self, name: str) -> None:
        """Name the Spark jobs the next actions start (their stages show as "wiretrace:
        NAME" in the UI and the event log, where ``benchmarks/bench_batch.py`` reads the
        shuffle bytes per stage); Spark's ``callSite`` local properties."""
        context = self.spark.sparkContext
        context.setLocalProperty("callSite.short", f"wiretrace: {name}")
        context.setLocalProperty("callSite.long", f"wiretrace: {name}")

    def cluster(self, features: Any, count: int) -> Any:
        """The stories as units (the batch story rule, as ``local.cluster``)."""
        from pyspark.sql import functions as F

        features = features.persist()
        self._label("features, document frequencies")
        df_rows = (
            features.select(F.explode("t_keys").alias("term")).groupBy("term").count().collect()
        )
        vocab = self.spark.sparkContext.broadcast(({r["term"]: r["count"] for r in df_rows}, count))
        links = self.copy_links(features).persist()
        units = features.select(
            F.col("ordinal").alias("key"),
            F.array("ordinal").alias("members"),
            F.col("t_keys").alias("c_keys"),
            F.col("t_vals").alias("c_vals"),
            F.col("posted").alias("first"),
            F.col("posted").alias("last"),
            "figures",
            "monthday",
        )
        singles = units.persist()
        self._label("band pairs, copy links, components, resolve")
        units = self.resolve(units, self.components(links), links, vocab).localCheckpoint()
        pairs = self.name_pairs(features, vocab).persist()
        for round_ in range(self.batch.rounds):
            self._label(f"name pairs, centroid links (round {round_ + 1})")
            passed = self.centroid_links(units, singles, pairs, vocab).persist()
            if passed.isEmpty():
                break
            self._label(f"components, resolve (round {round_ + 1})")
            again = self.resolve(units, self.components(passed), None, vocab).localCheckpoint()
            before, after = (
                units.select("key", F.size("members")),
                again.select("key", F.size("members")),
            )
            if before.count() == after.count() and before.exceptAll(after).isEmpty():
                break
            units = again
        return units

    def derive(self, articles: Any, units: Any, *, findings: bool) -> dict[str, Any]:
        """The four tables: stories numbered by first article, each story's graph and
        quotes (``story_tables``) in a worker per story."""
        from pyspark.sql import functions as F

        cfg = self.config
        self._label("derive")
        numbered = units.select("key", "members").rdd.sortBy(lambda r: r["key"]).zipWithIndex()
        assignment = self.spark.createDataFrame(
            numbered.flatMap(lambda p: [(m, f"s{p[1] + 1}") for m in p[0]["members"]]),
            "ordinal long, story_id string",
        )
        grouped = articles.join(assignment, "ordinal")

        def run(table: pa.Table) -> pa.Table:
            rows = sorted(table.to_pylist(), key=lambda r: r["ordinal"])
            story_id = rows[0]["story_id"]
            found = story_tables(
                story_id,
                [_article(r) for r in rows],
                [r["ordinal"] for r in rows],
                cfg,
                findings=findings,
            )
            out = []
            for name, schema in SCHEMAS.items():
                sink = io.BytesIO()
                table_rows = pa.Table.from_pylist(getattr(found, name), schema=schema)
                with pa.ipc.new_stream(sink, schema) as writer:
                    writer.write_table(table_rows)
                out.append(
                    {
                        "story_id": story_id,
                        "name": name,
                        "rows": table_rows.num_rows,
                        "payload": sink.getvalue(),
                    }
                )
            return pa.Table.from_pylist(out, schema=_PAYLOAD_ARROW)

        payloads = grouped.groupBy("story_id").applyInArrow(run, _PAYLOAD).persist()
        tables = {}
        for name, schema in SCHEMAS.items():
            tables[name] = payloads.where(F.col("name") == name).mapInArrow(
                _decoder(schema), _spark_schema(schema)
            )
        self.rows = {
            r["name"]: r["n"]
            for r in payloads.groupBy("name").agg(F.sum("rows").alias("n")).collect()
        }
        return tables

    def run(
        self, items: Sequence[StoredArticle], out: str | Path, *, findings: bool = True
    ) -> dict[str, int]:
        """Cluster and derive ``items`` and write ``OUT/<table>.parquet`` (folders of part
        files, as Spark writes them); returns rows per table.

        Raises:
            InputError: the output folder cannot be written.
        """
        articles = self.articles(items).persist()
        units = self.cluster(self.features(articles), len(items))
        tables = self.derive(articles, units, findings=findings)
        folder = Path(out)
        counts = {}
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot write the tables to {folder}: {exc.strerror}") from exc
        self._label("write")
        for name, frame in tables.items():
            frame.write.mode("overwrite").parquet(str(folder / f"{name}.parquet"))
            counts[name] = int(self.rows.get(name) or 0)
        return counts


def _names(ddl: str) -> list[str]:
    return [part.split()[0] for part in ddl.split(", ")]


def _decoder(schema: pa.Schema) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    def decode(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            for payload in batch.column("payload").to_pylist():
                with pa.ipc.open_stream(payload) as reader:
                    yield from (b for b in reader if b.num_rows)

    return decode


def _spark_schema(schema: pa.Schema) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def large_small_star(links: Any) -> Any:
    """Connected components of an undirected graph given as links (a, b), by alternating
    large-star and small-star until nothing changes; returns (node, label) with label
    the smallest node of the component (Kiveris et al. 2014: O(log^2 n) rounds)."""
    from pyspark.sql import functions as F

    def undirected(frame: Any) -> Any:
        frame = frame.where(F.col("u") != F.col("v"))
        return frame.unionByName(frame.select(F.col("v").alias("u"), F.col("u").alias("v")))

    edges = undirected(links.select(F.col("a").alias("u"), F.col("b").alias("v"))).distinct()
    edges = edges.localCheckpoint()
    while True:
        # large-star: each node's larger neighbours attach to its smallest neighbour (or it)
        low = edges.groupBy("u").agg(F.least(F.min("v"), F.first("u")).alias("m"))
        large = (
            edges.join(low, "u")
            .where(F.col("v") > F.col("u"))
            .select(F.col("v").alias("u"), F.col("m").alias("v"))
        )
        large = undirected(large).distinct().localCheckpoint()
        # small-star: each node and its smaller neighbours attach to the smallest of them
        smaller = large.where(F.col("v") < F.col("u"))
        low = smaller.groupBy("u").agg(F.min("v").alias("m"))
        small = smaller.join(low, "u").select(F.col("v").alias("u"), F.col("m").alias("v"))
        small = small.unionByName(low.select("u", F.col("m").alias("v")))
        small = undirected(small).distinct().localCheckpoint()
        if small.exceptAll(edges).isEmpty() and edges.exceptAll(small).isEmpty():
            break
        edges = small
    return (
        edges.groupBy("u")
        .agg(F.least(F.min("v"), F.first("u")).alias("label"))
        .select(F.col("u").alias("node"), "label")
    )
