"""Parity of the Spark engine (local[2]) with the local engine: the same stories, edges,
findings and quotes. Marked ``spark``: run by ``make test-spark`` (CI's Spark step);
skipped when pyspark or Java 17+ is missing."""

import random
from pathlib import Path

import pytest

from wiretrace.batch.local import run_local
from wiretrace.batch.stages import connected_components
from wiretrace.batch.tables import SCHEMAS, read_table, write_tables
from wiretrace.config import BatchConfig, CompareConfig
from wiretrace.errors import WiretraceError
from wiretrace.store.base import StoredArticle, content_hash
from wiretrace.synth import SynthConfig, generate

pytestmark = pytest.mark.spark

DEMO = Path(__file__).resolve().parents[2] / "src" / "wiretrace" / "demo" / "corpus"


@pytest.fixture(scope="module")
def spark():  # type: ignore[no-untyped-def]
    pytest.importorskip("pyspark", reason="the spark extra is not installed (make spark)")
    from wiretrace.batch.spark import spark_session

    try:
        session = spark_session("local[2]", partitions=2)
    except WiretraceError as exc:  # no Java 17+
        pytest.skip(str(exc))
    yield session
    session.stop()


def tables(folder: Path) -> dict[str, list[dict[str, object]]]:
    return {name: read_table(folder, name).to_pylist() for name in SCHEMAS}


def parity(spark, items, tmp_path: Path, batch: BatchConfig, *, findings: bool):  # type: ignore[no-untyped-def]
    from wiretrace.batch.spark import SparkEngine

    cfg = CompareConfig()
    write_tables(run_local(items, cfg, batch, findings=findings), tmp_path / "local")
    engine = SparkEngine(spark, cfg, batch, partitions=2)
    engine.run(items, tmp_path / "spark", findings=findings)
    local, distributed = tables(tmp_path / "local"), tables(tmp_path / "spark")
    for name in SCHEMAS:
        assert distributed[name] == local[name], name
    return engine, local


def test_demo_corpus_same_tables_on_both_engines(spark, tmp_path: Path):  # type: ignore[no-untyped-def]
    from wiretrace.batch.inputs import read_inputs

    items = read_inputs([DEMO]).items
    engine, local = parity(spark, items, tmp_path, BatchConfig(), findings=True)
    assert local["findings"] and local["quotes"]
    assert all(where == "driver" for _, where in engine.component_runs)


def test_synthetic_corpus_same_stories_and_edges(spark, tmp_path: Path):  # type: ignore[no-untyped-def]
    corpus = generate(SynthConfig(num_events=330, distractors=80, seed=3))
    items = [StoredArticle(a.id or "", a, content_hash(a.text)) for a in corpus.articles]
    assert len(items) >= 1900
    # components by large-star/small-star in Spark (no link graph collected to the driver)
    engine, local = parity(
        spark, items, tmp_path, BatchConfig(driver_component_links=0), findings=False
    )
    assert len({r["story_id"] for r in local["articles"]}) > 300
    assert engine.component_runs and all(w != "driver" for _, w in engine.component_runs)


def test_large_star_small_star_matches_union_find(spark):  # type: ignore[no-untyped-def]
    from wiretrace.batch.spark import large_small_star

    rng = random.Random(9)
    links = [(rng.randrange(400), rng.randrange(400)) for _ in range(300)]
    links += [(n, n + 1) for n in range(1000, 1040)]  # a long path: many rounds
    frame = spark.createDataFrame(links, "a long, b long")
    got = {r["node"]: r["label"] for r in large_small_star(frame).collect()}
    want = connected_components(links)
    assert got == {n: label for n, label in want.items() if n in got}
    assert set(got) == {n for a, b in links if a != b for n in (a, b)}
