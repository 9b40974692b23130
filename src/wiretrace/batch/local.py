"""The local batch engine: the batch stages run in one process (features optionally in
worker processes), with dictionaries where the Spark engine has joins and shuffles."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from wiretrace.batch.stages import (
    StoryUnit,
    Vocabulary,
    article_time,
    article_unit,
    band_pairs,
    cached_vectors,
    centroid_link,
    connected_components,
    copy_link,
    lookup_names,
    name_pairs,
    partition_signature,
    resolve_component,
)
from wiretrace.batch.tables import StoryTables, story_tables
from wiretrace.config import BatchConfig, CompareConfig
from wiretrace.store.base import StoredArticle
from wiretrace.stories.cluster import _featurize_many, _init_worker
from wiretrace.stories.features import ArticleFeatures, Featurizer


def featurize(
    items: Sequence[StoredArticle], config: CompareConfig, *, jobs: int = 1
) -> list[ArticleFeatures]:
    """Features of every article, in order (``jobs`` worker processes when above 1)."""
    if jobs <= 1:
        featurizer = Featurizer(config.candidates, config.stories, config.clean)
        return [featurizer(item.article) for item in items]
    chunks = [list(items[k : k + 256]) for k in range(0, len(items), 256)]
    with ProcessPoolExecutor(
        max_workers=jobs,
        initializer=_init_worker,
        initargs=(config.candidates, config.stories, config.clean),
    ) as pool:
        done = pool.map(_featurize_many, [[i.article for i in chunk] for chunk in chunks])
        return [f for part in done for f in part]


def cluster(
    items: Sequence[StoredArticle],
    features: Sequence[ArticleFeatures],
    config: CompareConfig,
    batch: BatchConfig,
) -> list[StoryUnit]:
    """The stories of a corpus by the batch story rule (see ``wiretrace.batch.stages``):
    units by key (smallest member ordinal); ordinals are positions in ``items``."""
    rule = config.stories
    df: Counter[int] = Counter(t for f in features for t in f.terms)
    vocab = Vocabulary(df, len(items))

    # 1. copy links over LSH band buckets, components, cohesion check and split
    buckets: dict[int, list[int]] = defaultdict(list)
    for ordinal, feats in enumerate(features):
        for key in feats.band_keys:
            buckets[key].append(ordinal)
    pairs = {p for bucket in buckets.values() for p in band_pairs(bucket, batch.band_bucket_cap)}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for a, b in pairs:
        fa, fb = features[a], features[b]
        strength = copy_link(fa.shingle_count, fa.signature, fb.shingle_count, fb.signature, rule)
        if strength is not None:
            links[a][b] = links[b][a] = strength
    units_of_articles = [
        article_unit(n, f, article_time(items[n].article.published, f))
        for n, f in enumerate(features)
    ]
    units = list(units_of_articles)
    edges = [(a, b) for a, nbrs in links.items() for b in nbrs if a < b]
    units = _resolve(units, connected_components(edges), links, vocab, config, batch)

    # 2. rounds of centroid links between groups sharing a rare name or number
    holders: dict[int, list[int]] = defaultdict(list)
    lookups: dict[int, list[int]] = defaultdict(list)
    for ordinal, feats in enumerate(features):
        for name in feats.names:
            if df[name] <= batch.name_bucket_cap:
                holders[name].append(ordinal)
        for name in lookup_names(feats.names, df, rule, batch.name_bucket_cap):
            lookups[name].append(ordinal)
    named = {p for name, seekers in lookups.items() for p in name_pairs(seekers, holders[name])}
    singles = list(units_of_articles)
    single_vectors = cached_vectors(vocab)
    for _ in range(batch.rounds):
        vectors = (single_vectors, cached_vectors(vocab))  # groups change every round
        by_key = {u.key: u for u in units}
        owner = {m: u.key for u in units for m in u.members}
        passed: set[tuple[int, int]] = set()
        for a, b in sorted(named):
            ga, gb = owner[a], owner[b]
            link = (min(ga, gb), max(ga, gb))
            if ga == gb or link in passed:
                continue
            if centroid_link(singles[a], singles[b], by_key[ga], by_key[gb], vectors, rule):
                passed.add(link)
        if not passed:
            break
        again = _resolve(units, connected_components(sorted(passed)), {}, vocab, config, batch)
        if partition_signature(again) == partition_signature(units):
            break
        units = again
    return units


def _resolve(
    units: list[StoryUnit],
    components: dict[int, int],
    links: dict[int, dict[int, float]],
    vocab: Callable[[int], float],
    config: CompareConfig,
    batch: BatchConfig,
) -> list[StoryUnit]:
    """Units after resolving every component (units in no component stay as they are)."""
    grouped: dict[int, list[StoryUnit]] = defaultdict(list)
    out: list[StoryUnit] = []
    for unit in units:
        label = components.get(unit.key)
        if label is None:
            out.append(unit)
        else:
            grouped[label].append(unit)
    for label in sorted(grouped):
        members = sorted(grouped[label], key=lambda u: u.key)
        inside = {u.key for u in members}
        local = {k: {o: s for o, s in links.get(k, {}).items() if o in inside} for k in inside}
        out.extend(resolve_component(members, local, vocab, config.stories, batch))
    return sorted(out, key=lambda u: u.key)


def run_local(
    items: Sequence[StoredArticle],
    config: CompareConfig | None = None,
    batch: BatchConfig | None = None,
    *,
    findings: bool = True,
    jobs: int = 1,
) -> StoryTables:
    """Cluster ``items`` (in ingest order) into stories and derive each story's graph and
    quotes: the rows of the four tables. Story ids are ``s1``, ``s2``... in the order of
    each story's first article."""
    cfg = config or CompareConfig()
    bcfg = batch or BatchConfig()
    features = featurize(items, cfg, jobs=jobs)
    units = cluster(items, features, cfg, bcfg)
    featurizer = Featurizer(cfg.candidates, cfg.stories, cfg.clean)
    out = StoryTables()
    for number, unit in enumerate(units, 1):
        members = [items[m] for m in unit.members]
        out.extend(
            story_tables(
                f"s{number}", members, unit.members, cfg, findings=findings, featurizer=featurizer
            )
        )
    return out
