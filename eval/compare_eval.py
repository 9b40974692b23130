"""Score ``wiretrace.compare`` against the hand-labelled gold pairs in eval/gold/compare."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from wiretrace import Comparison, FindingKind, compare, read_article

REPO_ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = REPO_ROOT / "eval" / "gold"
#: compare/ was written with the engine and tuned on; heldout/ was written by another
#: writer and first scored blind (P 0.788, R 0.854 before any fix), then tuned on too.
GOLD_SETS = ("compare", "heldout")
#: Written blind by another writer (10 pairs) and scored as a set of its own, so that its
#: figures show how the rules carry over to text they were not fitted to.
BLIND_SETS = ("blind",)
#: A second blind set (8 pairs), written blind on 2026-12-01 after the first one had been
#: tuned on; scored as a set of its own for the same reason.
BLIND2_SETS = ("blind2",)
#: A third blind set (10 pairs), written on 2026-12-01 by a writer who had read no code,
#: after the second one had been tuned on; scored as a set of its own.
BLIND3_SETS = ("blind3",)
#: A fourth blind set (10 pairs), written on 2026-12-01 by a writer who had read no code,
#: after the third one had been tuned on; scored as a set of its own.
BLIND4_SETS = ("blind4",)
#: A fifth blind set (10 pairs), written on 2026-12-01 by a writer who had read no code,
#: after the fourth one had been tuned on; scored as a set of its own.
BLIND5_SETS = ("blind5",)
#: A sixth blind set (10 pairs), written on 2026-12-02 by a writer who had read no code,
#: after the fifth one had been tuned on; scored as a set of its own.
BLIND6_SETS = ("blind6",)
#: A seventh blind set (10 pairs), written on 2026-12-02 by a writer who had read no code,
#: after the sixth one had been tuned on; scored as a set of its own.
BLIND7_SETS = ("blind7",)
#: An eighth blind set (10 pairs), written on 2026-12-02 by a writer who had read no code,
#: after the seventh one had been tuned on; scored as a set of its own.
BLIND8_SETS = ("blind8",)
#: Set name -> gold folders under eval/gold: what ``evaluate_sets`` scores.
SETS: dict[str, tuple[str, ...]] = {
    "tuned": GOLD_SETS,
    "blind": BLIND_SETS,
    "blind2": BLIND2_SETS,
    "blind3": BLIND3_SETS,
    "blind4": BLIND4_SETS,
    "blind5": BLIND5_SETS,
    "blind6": BLIND6_SETS,
    "blind7": BLIND7_SETS,
    "blind8": BLIND8_SETS,
}

#: A half-open ``[start, end)`` range of character offsets, as in ``wiretrace.model.Span``.
Span = tuple[int, int]
Side = Literal["a", "b"]


class GoldFileError(Exception):
    """A gold file is malformed or quotes text that its article does not contain."""


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class Item:
    """A gold or predicted finding reduced to what matching needs: kind and spans."""

    kind: str
    a_span: Span | None
    b_span: Span | None
    a_text: str | None = None
    b_text: str | None = None
    confidence: float = 1.0
    note: str = ""


class Outcome(StrEnum):
    """How one prediction was scored."""

    TP = "tp"
    FP = "fp"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Per-prediction outcomes (input order), the gold each one matched, and the misses."""

    outcomes: tuple[Outcome, ...]
    matched_gold: tuple[int | None, ...]
    unmatched_gold: tuple[int, ...]


def overlaps(x: Span, y: Span) -> bool:
    """Whether two half-open spans share at least one character position."""
    return x[0] < y[1] and y[0] < x[1]


def overlap_length(x: Span, y: Span) -> int:
    """How many character positions two half-open spans share."""
    return max(0, min(x[1], y[1]) - max(x[0], y[0]))


def spans_agree(
    pred_a: Span | None, pred_b: Span | None, gold_a: Span | None, gold_b: Span | None
) -> bool:
    """The span part of the matching rule.

    On every side where both the prediction and the gold item have a span, the spans must
    overlap, and there must be at least one such side.
    """
    compared = False
    for pred, gold in ((pred_a, gold_a), (pred_b, gold_b)):
        if pred is None or gold is None:
            continue
        if not overlaps(pred, gold):
            return False
        compared = True
    return compared


def family(kind: str) -> str:
    """The finding family of a kind (``FindingKind.family``); unknown kinds are their own."""
    try:
        return FindingKind(kind).family.value
    except ValueError:
        return kind


def as_family(item: Item) -> Item:
    """The same item with its kind replaced by its family (for scoring by family)."""
    return Item(
        kind=family(item.kind),
        a_span=item.a_span,
        b_span=item.b_span,
        a_text=item.a_text,
        b_text=item.b_text,
        confidence=item.confidence,
        note=item.note,
    )


def finding_matches(pred: Item, gold: Item) -> bool:
    """A prediction matches a gold finding: same kind and ``spans_agree``."""
    return pred.kind == gold.kind and spans_agree(
        pred.a_span, pred.b_span, gold.a_span, gold.b_span
    )


def _shared_chars(pred: Item, gold: Item) -> int:
    total = 0
    for pred_span, gold_span in ((pred.a_span, gold.a_span), (pred.b_span, gold.b_span)):
        if pred_span is not None and gold_span is not None:
            total += overlap_length(pred_span, gold_span)
    return total


def match_findings(predictions: Sequence[Item], gold: Sequence[Item]) -> MatchResult:
    """Score predictions against gold findings of one pair.

    Predictions are taken greedily by descending confidence (ties: input order). Each one is
    a TP if it matches a gold finding not yet matched (the free one sharing the most
    characters, ties: gold order), a DUPLICATE if it only matches gold findings already taken
    (a second report of the same change: neither TP nor FP), else an FP. Gold findings left
    unmatched are the false negatives.
    """
    taken = [False] * len(gold)
    outcomes: list[Outcome] = [Outcome.FP] * len(predictions)
    matched: list[int | None] = [None] * len(predictions)
    order = sorted(range(len(predictions)), key=lambda i: (-predictions[i].confidence, i))
    for i in order:
        pred = predictions[i]
        candidates = [j for j, g in enumerate(gold) if finding_matches(pred, g)]
        free = [j for j in candidates if not taken[j]]
        if free:
            best = max(free, key=lambda j: (_shared_chars(pred, gold[j]), -j))
            taken[best] = True
            outcomes[i] = Outcome.TP
            matched[i] = best
        elif candidates:
            outcomes[i] = Outcome.DUPLICATE
            matched[i] = candidates[0]
    unmatched = tuple(j for j, t in enumerate(taken) if not t)
    return MatchResult(tuple(outcomes), tuple(matched), unmatched)


def touches_harmless(pred: Item, harmless: Item) -> bool:
    """A prediction lands on a harmless edit: it overlaps the edit on every side both give.

    Same span rule as ``spans_agree`` (the kind is irrelevant here).
    """
    return spans_agree(pred.a_span, pred.b_span, harmless.a_span, harmless.b_span)


# ------------------------------------------------------------------------------ scores


def ratio(numerator: int, denominator: int) -> float | None:
    """``numerator / denominator``, or None when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean of precision and recall (None if either is undefined)."""
    if precision is None or recall is None:
        return None
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


@dataclass(slots=True)
class KindScore:
    """Counts for one finding kind (or all kinds together)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    duplicates: int = 0

    @property
    def support(self) -> int:
        """Number of gold findings of this kind."""
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        """TP / (TP + FP); duplicates count in neither."""
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """TP / (TP + FN)."""
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """F1 of precision and recall."""
        return f1(self.precision, self.recall)

    def add(self, other: KindScore) -> None:
        """Accumulate another score into this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.duplicates += other.duplicates

    def to_dict(self) -> dict[str, Any]:
        """Counts and rates, for JSON."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "duplicates": self.duplicates,
            "support": self.support,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


# -------------------------------------------------------------------------- gold files


@dataclass(frozen=True, slots=True)
class GoldPair:
    """One gold file: the two article paths and the labels."""

    name: str
    path: Path
    a_path: Path
    b_path: Path
    source: Side | None
    related: bool
    findings: tuple[dict[str, Any], ...]
    harmless: tuple[dict[str, Any], ...]
    boilerplate: dict[str, tuple[str, ...]]


def gold_files(gold_dir: Path = GOLD_DIR) -> list[Path]:
    """The gold files of every set, sorted by set and name."""
    return [p for name in GOLD_SETS for p in sorted((gold_dir / name).glob("*.json"))]


def load_gold(path: Path, root: Path = REPO_ROOT) -> GoldPair:
    """Read one gold file; article paths in it are relative to ``root``.

    Raises:
        GoldFileError: a required key is missing or an article file does not exist.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pair = GoldPair(
            name=path.stem,
            path=path,
            a_path=root / data["a"],
            b_path=root / data["b"],
            source=data["source"],
            related=bool(data.get("related", True)),
            findings=tuple(data["findings"]),
            harmless=tuple(data.get("harmless", ())),
            boilerplate={
                side: tuple(data.get("boilerplate", {}).get(side, ())) for side in ("a", "b")
            },
        )
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise GoldFileError(f"{path}: malformed gold file ({exc!r}); see eval/README.md") from exc
    for article in (pair.a_path, pair.b_path):
        if not article.is_file():
            raise GoldFileError(f"{path}: article {article} does not exist")
    return pair


def locate(text: str, snippet: str | None, *, where: str, title: str | None = None) -> Span | None:
    """The span of the first occurrence of ``snippet`` in ``text`` (None for None or ""); a
    snippet that occurs only in the article's ``title`` field gets its span there, placed
    after the text (``title_offset``), so that it overlaps nothing of the text.

    Raises:
        GoldFileError: the snippet does not occur; ``where`` names it in the message.
    """
    if not snippet:  # null, or "" as some writers give a side without text
        return None
    start = text.find(snippet)
    if start < 0 and title is not None and snippet in title:
        start = title_offset(text) + title.find(snippet)
    if start < 0:
        raise GoldFileError(f"{where}: text not found in the article: {snippet!r}")
    return (start, start + len(snippet))


def title_offset(text: str) -> int:
    """Where a title field's offsets start in the scorer's positions: just after the
    text, so that a span in the title and one in the text never overlap."""
    return len(text) + 1


def _title_span(text: str, span: Span | None) -> Span | None:
    """A finding's ``*_title_span`` in the scorer's positions (see ``title_offset``)."""
    if span is None:
        return None
    return (span[0] + title_offset(text), span[1] + title_offset(text))


def corpus_sha256(pairs: Iterable[GoldPair], root: Path = REPO_ROOT) -> str:
    """SHA-256 over every gold file and every article it names (path and bytes, sorted)."""
    files: set[Path] = set()
    for pair in pairs:
        files.update((pair.path, pair.a_path, pair.b_path))
    digest = hashlib.sha256()
    for file in sorted(files):
        rel = file.resolve().relative_to(root.resolve()).as_posix()
        digest.update(rel.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


# ------------------------------------------------------------------------- evaluation


@dataclass(slots=True)
class ScoredPrediction:
    """One predicted finding with its outcome."""

    item: Item
    outcome: Outcome
    gold_note: str | None = None
    harmless_notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PairResult:
    """Everything measured on one gold pair."""

    name: str
    seconds: float
    expected_related: bool
    got_related: bool
    expected_source: Side | None
    got_source: Side | None
    predictions: list[ScoredPrediction]
    misses: list[Item]
    gold: list[Item]
    harmless_total: int
    harmless_flagged: list[str]
    #: Outcomes when a prediction only needs the family of the gold finding's kind.
    family_match: MatchResult | None = None

    def count(self, outcome: Outcome) -> int:
        """How many predictions had this outcome."""
        return sum(p.outcome is outcome for p in self.predictions)


@dataclass(slots=True)
class BoilerplateScore:
    """Character-level boilerplate counts over distinct articles (whitespace not counted)."""

    gold_chars: int = 0
    predicted_chars: int = 0
    shared_chars: int = 0
    articles: int = 0
    #: Article path (repo-relative) -> gold boilerplate left in the text, as snippets.
    missed: dict[str, list[str]] = field(default_factory=dict)
    #: Article path (repo-relative) -> text removed that the gold keeps, as snippets.
    extra: dict[str, list[str]] = field(default_factory=dict)

    @property
    def recall(self) -> float | None:
        """Share of gold boilerplate characters the engine removed."""
        return ratio(self.shared_chars, self.gold_chars)

    @property
    def precision(self) -> float | None:
        """Share of removed characters that are gold boilerplate."""
        return ratio(self.shared_chars, self.predicted_chars)


@dataclass(slots=True)
class EvalResult:
    """The whole run: per-pair results and the aggregates the gate reads."""

    pairs: list[PairResult]
    per_kind: dict[str, KindScore]
    micro: KindScore
    boilerplate: BoilerplateScore
    corpus_sha256: str
    #: Scores when a prediction of the right family counts (hedge for negation, ...).
    per_family: dict[str, KindScore] = field(default_factory=dict)
    family_micro: KindScore = field(default_factory=KindScore)

    @property
    def direction_accuracy(self) -> float | None:
        """Share of pairs with a gold source where ``direction.source`` is right."""
        judged = [p for p in self.pairs if p.expected_source is not None]
        return ratio(sum(p.got_source == p.expected_source for p in judged), len(judged))

    @property
    def related_accuracy(self) -> float | None:
        """Share of pairs where ``related`` is as labelled (true unless the gold says false)."""
        return ratio(sum(p.got_related == p.expected_related for p in self.pairs), len(self.pairs))

    @property
    def harmless_total(self) -> int:
        """Number of harmless edits in the gold set."""
        return sum(p.harmless_total for p in self.pairs)

    @property
    def harmless_flagged(self) -> int:
        """Number of harmless edits that at least one false positive lands on."""
        return sum(len(p.harmless_flagged) for p in self.pairs)

    @property
    def harmless_clean_rate(self) -> float | None:
        """Share of harmless edits left alone (1 - flagged / total)."""
        total = self.harmless_total
        return None if not total else 1 - self.harmless_flagged / total

    @property
    def total_seconds(self) -> float:
        """Time spent in ``compare`` over all pairs."""
        return sum(p.seconds for p in self.pairs)

    def metrics(self) -> dict[str, float]:
        """Flat metric name -> value (undefined ones left out); what the gate compares."""
        values: dict[str, float | None] = {
            "micro_precision": self.micro.precision,
            "micro_recall": self.micro.recall,
            "micro_f1": self.micro.f1,
            "boilerplate_recall": self.boilerplate.recall,
            "boilerplate_precision": self.boilerplate.precision,
            "direction_accuracy": self.direction_accuracy,
            "related_accuracy": self.related_accuracy,
            "harmless_clean_rate": self.harmless_clean_rate,
        }
        for kind, score in self.per_kind.items():
            values[f"recall.{kind}"] = score.recall
            values[f"precision.{kind}"] = score.precision
        if self.per_family:
            values["family_micro_precision"] = self.family_micro.precision
            values["family_micro_recall"] = self.family_micro.recall
        for name, score in self.per_family.items():
            values[f"family_recall.{name}"] = score.recall
        return {k: v for k, v in values.items() if v is not None}

    def to_dict(self) -> dict[str, Any]:
        """Everything, for ``--json``."""
        return {
            "corpus_sha256": self.corpus_sha256,
            "metrics": self.metrics(),
            "micro": self.micro.to_dict(),
            "per_kind": {k: s.to_dict() for k, s in self.per_kind.items()},
            "family_micro": self.family_micro.to_dict(),
            "per_family": {k: s.to_dict() for k, s in self.per_family.items()},
            "boilerplate": {
                "gold_chars": self.boilerplate.gold_chars,
                "predicted_chars": self.boilerplate.predicted_chars,
                "shared_chars": self.boilerplate.shared_chars,
                "articles": self.boilerplate.articles,
                "missed": self.boilerplate.missed,
                "extra": self.boilerplate.extra,
            },
            "harmless": {"total": self.harmless_total, "flagged": self.harmless_flagged},
            "seconds": {"total": self.total_seconds},
            "pairs": [_pair_to_dict(p) for p in self.pairs],
        }


def _pair_to_dict(pair: PairResult) -> dict[str, Any]:
    return {
        "name": pair.name,
        "seconds": pair.seconds,
        "related": {"expected": pair.expected_related, "got": pair.got_related},
        "source": {"expected": pair.expected_source, "got": pair.got_source},
        "tp": pair.count(Outcome.TP),
        "fp": pair.count(Outcome.FP),
        "duplicates": pair.count(Outcome.DUPLICATE),
        "fn": len(pair.misses),
        "predictions": [
            {
                "kind": p.item.kind,
                "outcome": p.outcome.value,
                "a_span": p.item.a_span,
                "b_span": p.item.b_span,
                "a_text": p.item.a_text,
                "b_text": p.item.b_text,
                "confidence": p.item.confidence,
                "explanation": p.item.note,
                "gold_note": p.gold_note,
                "harmless": p.harmless_notes,
            }
            for p in pair.predictions
        ],
        "misses": [
            {"kind": m.kind, "a_text": m.a_text, "b_text": m.b_text, "note": m.note}
            for m in pair.misses
        ],
        "harmless_flagged": pair.harmless_flagged,
    }


def _gold_items(pair: GoldPair, result: Comparison) -> tuple[list[Item], list[Item]]:
    a_text, b_text = result.a.text, result.b.text
    a_title, b_title = result.a.article.title, result.b.article.title
    rel = pair.path.name
    findings: list[Item] = []
    for n, f in enumerate(pair.findings):
        where = f"{rel}: findings[{n}]"
        findings.append(
            Item(
                kind=f["kind"],
                a_span=locate(a_text, f.get("a_text"), where=f"{where}.a_text", title=a_title),
                b_span=locate(b_text, f.get("b_text"), where=f"{where}.b_text", title=b_title),
                a_text=f.get("a_text"),
                b_text=f.get("b_text"),
                note=f.get("note", ""),
            )
        )
    harmless: list[Item] = []
    for n, h in enumerate(pair.harmless):
        where = f"{rel}: harmless[{n}]"
        harmless.append(
            Item(
                kind="harmless",
                a_span=locate(a_text, h.get("a_text"), where=f"{where}.a_text", title=a_title),
                b_span=locate(b_text, h.get("b_text"), where=f"{where}.b_text", title=b_title),
                a_text=h.get("a_text"),
                b_text=h.get("b_text"),
                note=h.get("note", ""),
            )
        )
    return findings, harmless


def _non_space_positions(text: str, spans: Iterable[Span]) -> set[int]:
    return {i for start, end in spans for i in range(start, end) if not text[i].isspace()}


def _runs(text: str, positions: set[int]) -> list[str]:
    """The text of each run of positions (runs broken only by whitespace are joined)."""
    runs: list[str] = []
    start = prev = -1
    for i in sorted(positions):
        if start >= 0 and text[prev + 1 : i].strip():
            runs.append(text[start : prev + 1])
            start = -1
        if start < 0:
            start = i
        prev = i
    if start >= 0:
        runs.append(text[start : prev + 1])
    return runs


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def evaluate_pair(pair: GoldPair) -> tuple[PairResult, Comparison]:
    """Run ``compare`` on one gold pair and score its findings."""
    article_a, article_b = read_article(pair.a_path), read_article(pair.b_path)
    started = time.perf_counter()
    result = compare(article_a, article_b)
    seconds = time.perf_counter() - started
    gold, harmless = _gold_items(pair, result)
    preds = [
        Item(
            kind=f.kind.value,
            a_span=f.a_span or _title_span(result.a.text, f.a_title_span),
            b_span=f.b_span or _title_span(result.b.text, f.b_title_span),
            a_text=f.a_text,
            b_text=f.b_text,
            confidence=f.confidence,
            note=f.explanation,
        )
        for f in result.findings
    ]
    match = match_findings(preds, gold)
    family_match = match_findings([as_family(p) for p in preds], [as_family(g) for g in gold])
    scored = [
        ScoredPrediction(
            item=pred,
            outcome=outcome,
            gold_note=None if gold_index is None else gold[gold_index].note,
        )
        for pred, outcome, gold_index in zip(preds, match.outcomes, match.matched_gold, strict=True)
    ]
    flagged: list[str] = []
    for h in harmless:
        hits = [p for p in scored if p.outcome is Outcome.FP and touches_harmless(p.item, h)]
        for p in hits:
            p.harmless_notes.append(h.note)
        if hits:
            flagged.append(h.note or f"{h.a_text!r} / {h.b_text!r}")
    pair_result = PairResult(
        name=pair.name,
        seconds=seconds,
        expected_related=pair.related,
        got_related=result.related,
        expected_source=pair.source,
        got_source=result.direction.source,
        predictions=scored,
        misses=[gold[j] for j in match.unmatched_gold],
        gold=gold,
        harmless_total=len(harmless),
        harmless_flagged=flagged,
        family_match=family_match,
    )
    return pair_result, result


def evaluate(paths: Sequence[Path] | None = None, root: Path = REPO_ROOT) -> EvalResult:
    """Evaluate every gold pair (default: every set under eval/gold).

    Raises:
        GoldFileError: a gold file is malformed or its texts are not in the articles.
    """
    pairs = [load_gold(p, root) for p in (paths if paths is not None else gold_files())]
    if not pairs:
        raise GoldFileError(f"no gold files found in {GOLD_DIR}")
    results: list[PairResult] = []
    per_kind: dict[str, KindScore] = {}
    per_family: dict[str, KindScore] = {}
    # Boilerplate is scored once per distinct article: the wire copy appears in many pairs.
    bp_gold: dict[Path, set[str]] = {}
    bp_pred: dict[Path, tuple[str, list[Span]]] = {}
    for pair in pairs:
        pair_result, comparison = evaluate_pair(pair)
        results.append(pair_result)
        for p in pair_result.predictions:
            score = per_kind.setdefault(p.item.kind, KindScore())
            if p.outcome is Outcome.TP:
                score.tp += 1
            elif p.outcome is Outcome.FP:
                score.fp += 1
            else:
                score.duplicates += 1
        for miss in pair_result.misses:
            per_kind.setdefault(miss.kind, KindScore()).fn += 1
        _add_family_scores(per_family, pair_result)
        for side, path, doc in (("a", pair.a_path, comparison.a), ("b", pair.b_path, comparison.b)):
            bp_gold.setdefault(path, set()).update(pair.boilerplate[side])
            bp_pred[path] = (doc.text, [(s.start, s.end) for s in doc.boilerplate])
    boilerplate = BoilerplateScore(articles=len(bp_pred))
    for path, (text, predicted) in bp_pred.items():
        gold_spans = [
            span
            for snippet in sorted(bp_gold[path])
            if (span := locate(text, snippet, where=f"boilerplate of {path.name}")) is not None
        ]
        gold_chars = _non_space_positions(text, gold_spans)
        pred_chars = _non_space_positions(text, predicted)
        boilerplate.gold_chars += len(gold_chars)
        boilerplate.predicted_chars += len(pred_chars)
        boilerplate.shared_chars += len(gold_chars & pred_chars)
        rel = _relative(path, root)
        if missed := _runs(text, gold_chars - pred_chars):
            boilerplate.missed[rel] = missed
        if extra := _runs(text, pred_chars - gold_chars):
            boilerplate.extra[rel] = extra
    micro = KindScore()
    for score in per_kind.values():
        micro.add(score)
    family_micro = KindScore()
    for score in per_family.values():
        family_micro.add(score)
    return EvalResult(
        pairs=results,
        per_kind=dict(sorted(per_kind.items())),
        micro=micro,
        boilerplate=boilerplate,
        corpus_sha256=corpus_sha256(pairs, root),
        per_family=dict(sorted(per_family.items())),
        family_micro=family_micro,
    )


def _add_family_scores(per_family: dict[str, KindScore], pair: PairResult) -> None:
    """Count one pair's predictions and misses by family (a prediction of another kind
    of the same family as a gold finding is a TP here)."""
    match = pair.family_match
    if match is None:
        return
    for p, outcome in zip(pair.predictions, match.outcomes, strict=True):
        score = per_family.setdefault(family(p.item.kind), KindScore())
        if outcome is Outcome.TP:
            score.tp += 1
        elif outcome is Outcome.FP:
            score.fp += 1
        else:
            score.duplicates += 1
    for j in match.unmatched_gold:
        per_family.setdefault(family(pair.gold[j].kind), KindScore()).fn += 1


def evaluate_sets(
    sets: dict[str, tuple[str, ...]] | None = None, root: Path = REPO_ROOT
) -> dict[str, EvalResult]:
    """Evaluate each named set of gold folders on its own (default: ``SETS``); sets with
    no gold file are left out.

    Raises:
        GoldFileError: a gold file is malformed or its texts are not in the articles.
    """
    out: dict[str, EvalResult] = {}
    for name, folders in (sets or SETS).items():
        paths = [p for folder in folders for p in sorted((GOLD_DIR / folder).glob("*.json"))]
        if paths:
            out[name] = evaluate(paths, root)
    return out


# ---------------------------------------------------------------------------- display


def fmt(value: float | None) -> str:
    """A rate as ``0.857``, or an em dash when undefined."""
    return "—" if value is None else f"{value:.3f}"


def kind_table(result: EvalResult) -> Table:
    """Per-kind precision / recall / F1 with the micro total as the last row."""
    table = Table(title="Findings per kind", title_justify="left")
    table.add_column("kind", no_wrap=True)
    for col in ("gold", "TP", "FP", "FN", "dup", "prec.", "recall", "F1"):
        table.add_column(col, justify="right")
    rows: list[tuple[str, KindScore]] = list(result.per_kind.items())
    for index, (kind, score) in enumerate([*rows, ("micro total", result.micro)]):
        table.add_row(
            kind,
            str(score.support),
            str(score.tp),
            str(score.fp),
            str(score.fn),
            str(score.duplicates),
            fmt(score.precision),
            fmt(score.recall),
            fmt(score.f1),
            end_section=index == len(rows) - 1,
            style="bold" if index == len(rows) else None,
        )
    return table


def family_table(result: EvalResult) -> Table:
    """Precision / recall by family (a prediction of the right family counts)."""
    table = Table(title="Findings per family", title_justify="left")
    table.add_column("family", no_wrap=True)
    for col in ("gold", "TP", "FP", "FN", "dup", "prec.", "recall", "F1"):
        table.add_column(col, justify="right")
    rows: list[tuple[str, KindScore]] = list(result.per_family.items())
    for index, (name, score) in enumerate([*rows, ("micro total", result.family_micro)]):
        table.add_row(
            name,
            str(score.support),
            str(score.tp),
            str(score.fp),
            str(score.fn),
            str(score.duplicates),
            fmt(score.precision),
            fmt(score.recall),
            fmt(score.f1),
            end_section=index == len(rows) - 1,
            style="bold" if index == len(rows) else None,
        )
    return table


def summary_table(result: EvalResult) -> Table:
    """Boilerplate, harmless edits, direction, relatedness and timing."""
    table = Table(title="Other measures", title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("detail")
    bp = result.boilerplate
    judged = [p for p in result.pairs if p.expected_source is not None]
    n = len(result.pairs)
    slowest = max(result.pairs, key=lambda p: p.seconds)
    table.add_row(
        "boilerplate recall",
        fmt(bp.recall),
        f"{bp.shared_chars}/{bp.gold_chars} chars, {bp.articles} articles",
    )
    table.add_row(
        "boilerplate precision", fmt(bp.precision), f"{bp.shared_chars}/{bp.predicted_chars} chars"
    )
    table.add_row(
        "harmless edits flagged",
        str(result.harmless_flagged),
        f"of {result.harmless_total}, clean rate {fmt(result.harmless_clean_rate)}",
    )
    table.add_row("direction accuracy", fmt(result.direction_accuracy), f"{len(judged)} pairs")
    table.add_row("related accuracy", fmt(result.related_accuracy), f"{n} pairs")
    table.add_row(
        "time per pair",
        f"{1000 * result.total_seconds / n:.1f} ms",
        f"max {1000 * slowest.seconds:.0f} ms, total {result.total_seconds:.2f} s",
    )
    return table


def pair_table(result: EvalResult) -> Table:
    """One row per gold pair."""
    table = Table(title="Per pair", title_justify="left")
    table.add_column("pair", no_wrap=True)
    for col in ("TP", "FP", "FN", "dup", "harmless", "related", "source", "ms"):
        table.add_column(col, justify="right")
    for p in result.pairs:
        related = "ok" if p.got_related == p.expected_related else f"[red]{p.got_related}[/]"
        source = (
            "—"
            if p.expected_source is None
            else "ok"
            if p.got_source == p.expected_source
            else f"[red]{p.got_source}≠{p.expected_source}[/]"
        )
        table.add_row(
            p.name,
            str(p.count(Outcome.TP)),
            str(p.count(Outcome.FP)),
            str(len(p.misses)),
            str(p.count(Outcome.DUPLICATE)),
            f"{len(p.harmless_flagged)}/{p.harmless_total}",
            related,
            source,
            f"{1000 * p.seconds:.1f}",
        )
    return table


def _short(text: str | None, limit: int = 140) -> str:
    if text is None:
        return "—"
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def print_details(result: EvalResult, console: Console) -> None:
    """Per-pair table, boilerplate misses, and every FP, FN and duplicate with its text."""
    console.print(pair_table(result))
    bp = result.boilerplate
    for article in sorted(set(bp.missed) | set(bp.extra)):
        console.rule(f"boilerplate of {escape(article)}", align="left")
        for snippet in bp.missed.get(article, []):
            console.print(f"[yellow]kept[/]    {escape(_short(snippet))}", highlight=False)
        for snippet in bp.extra.get(article, []):
            console.print(f"[red]removed[/] {escape(_short(snippet))}", highlight=False)
    for p in result.pairs:
        fps = [s for s in p.predictions if s.outcome is Outcome.FP]
        dups = [s for s in p.predictions if s.outcome is Outcome.DUPLICATE]
        if not (fps or dups or p.misses):
            continue
        console.rule(escape(p.name), align="left")
        for s in fps:
            harmless = f"  [magenta]on harmless: {escape('; '.join(s.harmless_notes))}[/]"
            console.print(
                f"[red]FP[/] {s.item.kind} ({s.item.confidence:.2f}): {escape(_short(s.item.note))}"
                + (harmless if s.harmless_notes else ""),
                highlight=False,
            )
            console.print(f"     a: {_short(s.item.a_text)}", highlight=False, markup=False)
            console.print(f"     b: {_short(s.item.b_text)}", highlight=False, markup=False)
        for m in p.misses:
            console.print(f"[yellow]FN[/] {m.kind}: {escape(_short(m.note))}", highlight=False)
            console.print(f"     a: {_short(m.a_text)}", highlight=False, markup=False)
            console.print(f"     b: {_short(m.b_text)}", highlight=False, markup=False)
        for s in dups:
            of = escape(_short(s.gold_note))
            console.print(
                f"[dim]dup {s.item.kind} ({s.item.confidence:.2f}) of: {of}[/]", highlight=False
            )


def print_report(result: EvalResult, console: Console, *, details: bool = False) -> None:
    """The tables, and with ``details`` every FP / FN."""
    if details:
        print_details(result, console)
    console.print(kind_table(result))
    console.print(family_table(result))
    console.print(summary_table(result))
    console.print(f"[dim]corpus sha256 {result.corpus_sha256[:16]}…[/]")


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: evaluate each set, print its tables, optionally write JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--details", action="store_true", help="print every FP and FN")
    parser.add_argument(
        "--set",
        choices=[*SETS, "all"],
        default="all",
        help="which gold set to score (default: each set on its own)",
    )
    parser.add_argument(
        "--json", type=Path, metavar="OUT", help="write all figures as JSON, one key per set"
    )
    args = parser.parse_args(argv)
    console = Console()
    chosen = SETS if args.set == "all" else {args.set: SETS[args.set]}
    try:
        results = evaluate_sets(chosen)
    except GoldFileError as exc:
        console.print(f"[red]gold error:[/] {exc}", highlight=False)
        return 2
    for name, result in results.items():
        folders = ", ".join(f"gold/{f}/" for f in SETS[name])
        console.rule(f"set {name} ({folders}, {len(result.pairs)} pairs)", align="left")
        print_report(result, console, details=args.details)
    if args.json is not None:
        data = {name: result.to_dict() for name, result in results.items()}
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        console.print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
