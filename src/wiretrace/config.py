"""Frozen configuration objects for every stage, composed into ``CompareConfig``.

Each calibrated default says how it was tuned; after changing one, re-run
``make eval-gate`` (the findings floors) and the test suite.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from wiretrace.errors import ConfigError

_T = TypeVar("_T")


_TYPES: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "str": (str,),
}


def _check_types(obj: object) -> None:
    """Every scalar field holds a value of its declared type (bool is not an int here)."""
    for f in fields(obj):  # type: ignore[arg-type]
        wanted = _TYPES.get(str(f.type))
        if wanted is None:
            continue
        value = getattr(obj, f.name)
        if (isinstance(value, bool) and bool not in wanted) or not isinstance(value, wanted):
            raise ConfigError(
                f"{type(obj).__name__}.{f.name} = {value!r} must be of type {f.type}, "
                f"not {type(value).__name__}."
            )


def _check_range(owner: str, name: str, value: float, low: float, high: float) -> None:
    if not low <= value <= high:
        raise ConfigError(
            f"{owner}.{name} = {value!r} is out of range: it must be between {low} and {high}."
        )


def _check_positive(owner: str, name: str, value: int) -> None:
    if value < 1:
        raise ConfigError(f"{owner}.{name} = {value!r} must be a positive integer (1 or more).")


@dataclass(frozen=True)
class IngestConfig:
    """How files are read and decoded."""

    #: Files larger than this are refused with InputTooLargeError; in a container (JSON
    #: Lines, Parquet, WARC/ARC, RSS/Atom) it bounds one record (a line, a row, a response
    #: body, a whole feed), and JSON Lines and archive files may hold 64 times this.
    max_bytes: int = 64 * 1024 * 1024
    #: JSON (arrays and objects) or XML (elements) nested deeper than this is refused as
    #: malformed: an article is a flat object and a feed a shallow tree, and unbounded
    #: nesting would exhaust a parser's stack or time.
    max_depth: int = 100
    #: ``compare`` aligns a text longer than this many characters in windows
    #: (``compare_windowed``, ``AlignConfig.window_chars``: bounded memory) instead of
    #: whole: two ~10 MB texts compared whole ran for minutes and past 1 GB
    #: (bench_memory.py, benchmarks/README.md); 4 million characters is about 650,000
    #: words, and every pair under it is compared whole, as before. A text over
    #: ``max_bytes`` characters is refused.
    max_compare_chars: int = 4_000_000

    def __post_init__(self) -> None:
        _check_types(self)
        for name in ("max_bytes", "max_depth", "max_compare_chars"):
            _check_positive("IngestConfig", name, getattr(self, name))


@dataclass(frozen=True)
class CleanConfig:
    """Which page furniture is removed before alignment."""

    related_links: bool = True
    trailing_headlines: bool = True
    title_fragment: bool = True
    bylines: bool = True
    #: A line longer than this is never treated as a headline.
    max_headline_chars: int = 140
    #: At least this many headline-like lines at the end make a trailing headline list.
    min_trailing_headlines: int = 3

    def __post_init__(self) -> None:
        _check_types(self)
        _check_positive("CleanConfig", "max_headline_chars", self.max_headline_chars)
        _check_positive("CleanConfig", "min_trailing_headlines", self.min_trailing_headlines)


@dataclass(frozen=True)
class SegmentConfig:
    """Sentence segmentation."""

    #: A quotation still open after this many characters is taken as unbalanced and closed.
    max_quote_chars: int = 1200
    #: Longer "sentences" (run-on text without punctuation) are cut into pieces of about
    #: equal size at spaces, so that alignment units stay comparable.
    max_sentence_chars: int = 3000
    #: Sentences shorter than this are joined with the next one while the unit stays
    #: within ``max_sentence_chars`` (0: never), so that the lines of a list or a table
    #: become units comparable to sentences (plain-text alignment).
    min_sentence_chars: int = 0
    #: What a single newline does. "lines": it ends a sentence unless the next line starts
    #: in lower case; "auto": like "lines", unless the text looks hard-wrapped (then
    #: "never"); "always": every newline is a boundary; "never": lines are joined.
    newline_boundary: str = "auto"

    def __post_init__(self) -> None:
        _check_types(self)
        _check_positive("SegmentConfig", "max_quote_chars", self.max_quote_chars)
        _check_positive("SegmentConfig", "max_sentence_chars", self.max_sentence_chars)
        if self.min_sentence_chars < 0:
            raise ConfigError(
                f"SegmentConfig.min_sentence_chars = {self.min_sentence_chars!r} must be 0 "
                "(never join) or a positive number of characters."
            )
        if self.newline_boundary not in {"auto", "lines", "always", "never"}:
            raise ConfigError(
                f"SegmentConfig.newline_boundary = {self.newline_boundary!r} is not one of "
                "'auto', 'lines', 'always', 'never'."
            )


@dataclass(frozen=True)
class AlignConfig:
    """Sentence and passage alignment.

    Thresholds were tuned on our own fictional pairs (eval/corpus/compare) and the seed
    pair: the lowest similarity at which paraphrased news sentences still pair while
    sentences of unrelated stories do not.
    """

    #: Minimum tf-idf cosine for two sentences to align.
    min_similarity: float = 0.24
    #: Minimum number of shared content terms for two sentences to align.
    min_shared_terms: int = 2
    #: Bonus for pairs at similar relative positions, used only to break near-ties.
    position_weight: float = 0.04
    #: An unaligned neighbour joins a 1:n / n:1 group when its cosine with the group's
    #: single sentence on the other side reaches this (and that sentence is its best
    #: partner). Tuned on the seed pair and eval/corpus/compare: split and merged
    #: sentences score 0.2-0.3 with their partner; stray sentences 0.1 or less.
    merge_min_similarity: float = 0.15
    #: Character similarity (0..1) above which an aligned pair is near-verbatim.
    near_verbatim_ratio: float = 0.85
    #: Above this many sentence pairs the aligner switches from the dense optimal
    #: assignment to sparse candidates with greedy matching (memory bound).
    dense_pair_limit: int = 400_000
    #: Texts are "related" when the aligned sentences cover at least this share of the
    #: shorter text's content terms.
    related_min_coverage: float = 0.2
    #: Characters of A per window when a text is over ``IngestConfig.max_compare_chars``
    #: (``compare_windowed``); each window meets at most three times as much of B.
    #: Memory, not accuracy: sized so that a window pair stays on the dense aligner
    #: (about 330 x 1,000 sentences; bench_limits.py).
    window_chars: int = 50_000

    def __post_init__(self) -> None:
        _check_types(self)
        for name in (
            "min_similarity",
            "position_weight",
            "merge_min_similarity",
            "near_verbatim_ratio",
        ):
            _check_range("AlignConfig", name, getattr(self, name), 0.0, 1.0)
        _check_range("AlignConfig", "related_min_coverage", self.related_min_coverage, 0.0, 1.0)
        _check_positive("AlignConfig", "min_shared_terms", self.min_shared_terms)
        _check_positive("AlignConfig", "dense_pair_limit", self.dense_pair_limit)
        _check_positive("AlignConfig", "window_chars", self.window_chars)


@dataclass(frozen=True)
class PassageConfig:
    """Passage alignment (seed, extend, filter) for text-reuse detection, e.g. PAN.

    Defaults follow Sanchez-Perez et al. (PAN 2014) and were then tuned on half of the
    PAN 2013 training corpus (eval/pan_eval.py); re-run ``make eval`` after a change.
    """

    #: A seed is a sentence pair with tf-idf cosine and Dice coefficient at least these
    #: (0.31 beat 0.30 and 0.33 on the even half: 0.30 flags 2% of no-plagiarism pairs).
    seed_cosine: float = 0.31
    seed_dice: float = 0.31
    #: Seeds at most this many sentences apart (in both texts) join one passage.
    max_gap: int = 4
    #: A passage pair whose cosine is below this is split with a smaller gap, or dropped.
    min_passage_cosine: float = 0.34
    #: Passages shorter than this many characters (on either side) are dropped.
    min_chars: int = 150
    #: Edge refinement moves each of a passage's four edges from a unit boundary to the
    #: word that best separates the copy from its surroundings: content words found near
    #: the other side's matching edge score by the log-likelihood ratio of such a find
    #: inside the passage versus beside it. It looks this many characters into the
    #: passage (and reads this much of the other side) ...
    edge_window: int = 500
    #: ... and this many characters out of it (obfuscated edges often miss the seeds) ...
    edge_reach: int = 250
    #: ... measures chance finds in this many characters beside the passage ...
    edge_background: int = 2000
    #: ... and prefers sentence boundaries by this much (in log-likelihood ratio).
    #: Tuned on the even half of the PAN 2013 training sample (2.0 beat 0, 1.0 and 4.0).
    edge_snap: float = 2.0
    #: Passages that follow each other in both texts with at most this many characters
    #: between them (after edge refinement) are one passage (tuned: 300 beat 1 and 100).
    join_gap: int = 300
    #: The summary setting (larger gaps, looser seeds), used when the normal setting's
    #: passages are much longer in the source than in the copy.
    summary_max_gap: int = 24
    summary_seed_cosine: float = 0.2
    summary_seed_dice: float = 0.2
    summary_min_passage_cosine: float = 0.2
    summary_ratio: float = 3.0
    #: ... and only when less than this share of the summary's matched units in the copy
    #: have their best source unit in a normal-setting passage (a paraphrase mistaken for
    #: a summary draws on one stretch of the source; a summary on all of it).
    summary_max_local: float = 0.9
    #: Above this many unit pairs the (dense) passage aligner refuses the input: the
    #: largest PAN 2013 pair has about 1.3 million.
    max_unit_pairs: int = 4_000_000

    def __post_init__(self) -> None:
        _check_types(self)
        for name in (
            "seed_cosine",
            "seed_dice",
            "min_passage_cosine",
            "summary_seed_cosine",
            "summary_seed_dice",
            "summary_min_passage_cosine",
            "summary_max_local",
        ):
            _check_range("PassageConfig", name, getattr(self, name), 0.0, 1.0)
        for name in (
            "max_gap",
            "min_chars",
            "summary_max_gap",
            "max_unit_pairs",
            "edge_window",
            "edge_reach",
            "edge_background",
        ):
            _check_positive("PassageConfig", name, getattr(self, name))


@dataclass(frozen=True)
class CandidatesConfig:
    """Reuse-candidate search: word shingles, MinHash signatures, LSH banding.

    With ``num_bands`` bands of ``hashes_per_band`` rows, a pair of Jaccard similarity s
    becomes a candidate with probability 1 - (1 - s**hashes_per_band) ** num_bands: about
    0.5 at s = 0.42 and 0.98 at s = 0.6 for the defaults. Its ``str`` is stored with an
    index so that an index is never reused under other parameters.
    """

    shingle_words: int = 5
    num_hashes: int = 128
    num_bands: int = 32
    seed: int = 1

    def __post_init__(self) -> None:
        _check_types(self)
        for name in ("shingle_words", "num_hashes", "num_bands"):
            _check_positive("CandidatesConfig", name, getattr(self, name))
        if self.num_hashes % self.num_bands:
            raise ConfigError(
                f"CandidatesConfig.num_hashes = {self.num_hashes} must be a multiple of "
                f"num_bands = {self.num_bands} (each band takes the same number of hashes)."
            )

    @property
    def hashes_per_band(self) -> int:
        """Rows of the signature in each LSH band."""
        return self.num_hashes // self.num_bands

    def __str__(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class FindingsConfig:
    """Discrepancy detection."""

    #: Findings below this confidence are dropped.
    min_confidence: float = 0.3
    #: A clause needs this many content terms to be reported as an addition or omission.
    clause_min_terms: int = 4
    #: ... at most this share of its content terms found in the other text ...
    clause_max_support: float = 0.4
    #: ... and a run of at least this many consecutive unsupported terms.
    clause_min_run: int = 3
    #: A clause whose words the other text has elsewhere is still reported when the
    #: sentence's one-to-one counterpart (and its neighbours) lacks them, if the two
    #: sentences are at least this similar (0.5: tuned on the tuned set and the first two
    #: blind sets, where 0.35 let a loosely reworded lead's clause through; re-run
    #: `make eval-gate` after changing it).
    clause_local_similarity: float = 0.5
    #: B is a condensed copy when its body has at most this share of A's words; then only
    #: the sentences and clauses it drops that carry a caveat, denial or qualifier are
    #: omissions (0.75: every tuned and blind pair that is not a condensed copy keeps at
    #: least 0.87 of its source's words, the condensed ones of the third blind set
    #: 0.42-0.64; re-run `make eval-gate` after changing it).
    condensed_ratio: float = 0.75
    #: A one-to-one alignment below this similarity whose two sentences differ in their
    #: caveats (negations, hedges, contrast) pairs a sentence with its replacement: an
    #: omission and an addition (0.4: the third blind set's invented claims that replace a
    #: caveat align at 0.26-0.37; re-run `make eval-gate` after changing it).
    replaced_similarity: float = 0.4
    #: Unaligned sentences whose terms are this well covered by the other text are not
    #: reported as additions or omissions (their content moved into merged sentences).
    sentence_covered_support: float = 0.75

    #: When fewer than this share of a text's sentences align, additions/omissions are only
    #: reported around the aligned stretch (a rewrite against a long compilation).
    sparse_window_coverage: float = 0.1

    def __post_init__(self) -> None:
        _check_types(self)
        _check_range("FindingsConfig", "min_confidence", self.min_confidence, 0.0, 1.0)
        _check_range(
            "FindingsConfig", "sparse_window_coverage", self.sparse_window_coverage, 0.0, 1.0
        )
        _check_range("FindingsConfig", "clause_max_support", self.clause_max_support, 0.0, 1.0)
        _check_range(
            "FindingsConfig", "clause_local_similarity", self.clause_local_similarity, 0.0, 1.0
        )
        _check_range("FindingsConfig", "condensed_ratio", self.condensed_ratio, 0.0, 1.0)
        _check_range("FindingsConfig", "replaced_similarity", self.replaced_similarity, 0.0, 1.0)
        _check_range(
            "FindingsConfig", "sentence_covered_support", self.sentence_covered_support, 0.0, 1.0
        )
        _check_positive("FindingsConfig", "clause_min_terms", self.clause_min_terms)
        _check_positive("FindingsConfig", "clause_min_run", self.clause_min_run)


@dataclass(frozen=True)
class StoriesConfig:
    """Incremental story clustering (centroid decisions, never single-link).

    An article joins the story it shares text with (estimated containment from MinHash),
    else the story whose centroid is most similar in tf-idf space (words, names and numbers)
    if that similarity passes ``join_similarity`` and the story was active within
    ``window_hours``; else it starts a story. Tuned on synthetic corpora with look-alike
    distractors (eval/stories_eval.py); its ``str`` is stored with the index.
    """

    #: An article sharing at least this share of its shingles with a story member (or the
    #: member with it) is a copy and joins that member's story.
    copy_containment: float = 0.3
    #: Cosine between an article and a story centroid needed to join it.
    join_similarity: float = 0.25
    #: Two stories that one article joins both are merged when their centroids are at
    #: least this similar (group-average, not single-link).
    merge_similarity: float = 0.25
    #: Independent reports join a story only within this many hours of its articles.
    window_hours: float = 72.0
    #: An article that shares no figure-with-unit and no named day with a story (same
    #: actors and places, other figures: a look-alike event) has its link scaled by this.
    no_shared_figure_factor: float = 0.75
    #: Weight of name and number features relative to ordinary words.
    entity_weight: float = 2.0
    #: Terms kept per story centroid (the top ones by weight and idf; a centroid grows to
    #: twice this before it is cut back, so that cutting is rare).
    centroid_terms: int = 300
    #: Rarest names and numbers per article used to look up candidate stories.
    lookup_features: int = 12
    #: Names and numbers found in more stories than this are too common to look up:
    #: counted among the stories within ``window_hours`` of the article (among all
    #: stories for an article without a time), so that a town's name stays usable as
    #: the archive grows and the lookup's cost follows the window, not the archive.
    max_feature_stories: int = 200
    #: After each run, two stories of the run whose centroids are at least this similar,
    #: that share two figures or named days and whose spans lie within
    #: ``consolidate_hours`` of each other are merged (group average, best pair first):
    #: a story split by the order its articles came in is made whole again. 1.0 turns
    #: it off. Chosen on the odd half of the real-news dev set (eval/README.md).
    consolidate_similarity: float = 0.30
    #: Reach of that pass: longer than ``window_hours``, as an event's reports over a week
    #: agree on its figures (what a look-alike event, with other figures, does not).
    consolidate_hours: float = 240.0

    def __post_init__(self) -> None:
        _check_types(self)
        for name in (
            "copy_containment",
            "join_similarity",
            "merge_similarity",
            "consolidate_similarity",
        ):
            _check_range("StoriesConfig", name, getattr(self, name), 0.0, 1.0)
        _check_range("StoriesConfig", "window_hours", self.window_hours, 0.0, 1e6)
        _check_range("StoriesConfig", "consolidate_hours", self.consolidate_hours, 0.0, 1e6)
        _check_range("StoriesConfig", "entity_weight", self.entity_weight, 0.0, 100.0)
        for name in ("centroid_terms", "lookup_features", "max_feature_stories"):
            _check_positive("StoriesConfig", name, getattr(self, name))

    def __str__(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class BatchConfig:
    """How ``wiretrace batch`` moves data: bucket caps, where connected components are
    computed, how many rounds the story rule runs. The rule's thresholds themselves are
    ``StoriesConfig``'s, shared with the incremental clusterer.
    """

    #: An article is paired with at most this many earlier articles (ingest order) in one
    #: LSH band bucket, as the store's band lookup counts a bounded number of recent hits:
    #: a template repeated thousands of times does not make a quadratic bucket.
    band_bucket_cap: int = 1000
    #: Names and numbers found in more articles than this are too common to pair on.
    name_bucket_cap: int = 1000
    #: A component whose size-weighted mean cosine between each part and the centroid of
    #: the others is below this is split by the sequential story rule; else kept whole.
    #: Set at the join threshold's level: a part agreeing with the centroid this much
    #: would have joined it incrementally.
    cohesion_similarity: float = 0.45
    #: Rounds of linking groups by centroid agreement (stops early when nothing changes).
    rounds: int = 3
    #: Spark: a link graph of at most this many links is collected to the driver for its
    #: connected components (union-find); above it, large-star/small-star runs in Spark.
    driver_component_links: int = 2_000_000

    def __post_init__(self) -> None:
        _check_types(self)
        for name in ("band_bucket_cap", "name_bucket_cap", "rounds"):
            _check_positive("BatchConfig", name, getattr(self, name))
        _check_range("BatchConfig", "cohesion_similarity", self.cohesion_similarity, 0.0, 1.0)
        if self.driver_component_links < 0:
            raise ConfigError(
                f"BatchConfig.driver_component_links = {self.driver_component_links!r} must "
                "not be negative (0 always runs large-star/small-star in Spark)."
            )

    def __str__(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class StoreConfig:
    """How the corpus store is opened."""

    #: A write waits this many seconds for another process's transaction on the same
    #: store before it fails with "locked" (two ingests into one store take turns).
    busy_timeout_s: float = 30.0

    def __post_init__(self) -> None:
        _check_types(self)
        _check_range("StoreConfig", "busy_timeout_s", self.busy_timeout_s, 0.0, 86400.0)


@dataclass(frozen=True)
class CompareConfig:
    """All settings of ``compare``; its ``str`` is a stable fingerprint."""

    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    segment: SegmentConfig = field(default_factory=SegmentConfig)
    align: AlignConfig = field(default_factory=AlignConfig)
    findings: FindingsConfig = field(default_factory=FindingsConfig)
    passages: PassageConfig = field(default_factory=PassageConfig)
    candidates: CandidatesConfig = field(default_factory=CandidatesConfig)
    stories: StoriesConfig = field(default_factory=StoriesConfig)
    store: StoreConfig = field(default_factory=StoreConfig)

    def __str__(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_file(cls, path: str | Path) -> CompareConfig:
        """Load overrides from a TOML or JSON file; unnamed settings keep their defaults.

        Raises:
            ConfigError: the file is missing, unparsable, or names an unknown setting.
        """
        p = Path(path)
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read config file {p}: {exc.strerror}") from exc
        try:
            data = json.loads(raw) if p.suffix == ".json" else tomllib.loads(raw.decode())
        except (ValueError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {p} is not valid TOML/JSON: {exc}") from exc
        return _override(cls(), data, "CompareConfig")


def _override(obj: _T, data: Any, owner: str) -> _T:
    if not isinstance(data, dict):
        raise ConfigError(f"{owner} must be a table of settings, got {type(data).__name__}.")
    known = {f.name for f in fields(obj)}  # type: ignore[arg-type]
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(
                f"unknown setting {owner}.{key}; known settings are: {', '.join(sorted(known))}."
            )
        current = getattr(obj, key)
        changes[key] = (
            _override(current, value, f"{owner}.{key}") if is_dataclass(current) else value
        )
    return replace(obj, **changes)  # type: ignore[type-var]
