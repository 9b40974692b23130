"""Stories and copy links on real news: the dev set's labels (../shared/data/news-dev) and
the texts gathered into a git-ignored cache (never committed, never in CI).

Every cached article is ingested as one JSONL record (``id``, ``text``, and the labels'
``url``, ``outlet`` and ``published`` = the date when known) into a fresh SQLite store in a
temporary folder, through ``Corpus.ingest`` as a user would. Then:

- **stories**: pairwise and B-cubed precision, recall and F1; the gold story of an event
  article is its event, of a look-alike distractor its ``wNN`` group;
- **copy links** (labelled ``derived_from``): *found* when the graph has an edge between
  the two either way, *right* when it runs source -> copy; shares of the labelled links;
  an edge between two copies of one labelled source (siblings) counts neither way;
  *right, direction known* leaves out the right links whose edge says "direction
  unknown" (the textual vote abstained and the arrow fell the right way);
- **edges with direction unknown**: the share of edges whose direction the text could not
  decide (``provenance.vote``);
- **edges between independents** (both ends labelled independent: no ``derived_from`` and
  "independent" in ``derivation_evidence``), as a share of all edges;
- **edges across events** and **distractors merged** into a story with event articles.

Events are split by the parity of their number (v01 odd, v02 even; a distractor goes with
the event it is confusable with); every figure is given per half with its counts. A pair,
edge or link counts in a half when one of its articles is in it. Missing cached texts are
skipped and counted.

Usage: ``python eval/news_eval.py [--cache DIR] [--labels FILE] [--order shuffle|id]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from wiretrace.config import CompareConfig
from wiretrace.corpus import Corpus
from wiretrace.model import EdgeDirection
from wiretrace.provenance.graph import derive

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CACHE = ROOT / ".cache" / "news-dev"
DEFAULT_LABELS = ROOT.parent / "shared" / "data" / "news-dev" / "labels.json"
HALVES = ("odd", "even")


@dataclass(frozen=True)
class Item:
    """One labelled article."""

    id: str
    story: str  # gold story: event id, or the distractor's group
    half: str  # "odd" or "even"
    url: str | None
    outlet: str | None
    date: str | None
    source: str | None  # derived_from
    independent: bool
    distractor: bool


@dataclass
class Ratio:
    """A share with its counts."""

    hit: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def __str__(self) -> str:
        v = self.value
        return f"{'-' if v is None else f'{v:.3f}'} ({self.hit}/{self.total})"


@dataclass
class HalfScores:
    """Figures of one half (or of all)."""

    articles: int = 0
    pair_p: Ratio = field(default_factory=Ratio)
    pair_r: Ratio = field(default_factory=Ratio)
    b3_p: float = 0.0
    b3_r: float = 0.0
    found: Ratio = field(default_factory=Ratio)
    right: Ratio = field(default_factory=Ratio)
    right_known: Ratio = field(default_factory=Ratio)
    unknown: Ratio = field(default_factory=Ratio)
    independents: Ratio = field(default_factory=Ratio)
    across: Ratio = field(default_factory=Ratio)
    distractors_merged: Ratio = field(default_factory=Ratio)
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def pair_f1(self) -> float:
        return _f1(self.pair_p.value or 0.0, self.pair_r.value or 0.0)

    @property
    def b3_f1(self) -> float:
        return _f1(self.b3_p, self.b3_r)

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "pair_precision": self.pair_p.value,
            "pair_recall": self.pair_r.value,
            "pair_f1": self.pair_f1,
            "pair_counts": {"tp": self.pair_p.hit, "predicted": self.pair_p.total},
            "gold_pairs": self.pair_r.total,
            "bcubed_precision": self.b3_p,
            "bcubed_recall": self.b3_r,
            "bcubed_f1": self.b3_f1,
            "links_found": [self.found.hit, self.found.total],
            "links_right": [self.right.hit, self.right.total],
            "links_right_direction_known": [self.right_known.hit, self.right_known.total],
            "edges_direction_unknown": [self.unknown.hit, self.unknown.total],
            "edges_between_independents": [self.independents.hit, self.independents.total],
            "edges_across_events": [self.across.hit, self.across.total],
            "distractors_merged": [self.distractors_merged.hit, self.distractors_merged.total],
            "edge_kinds": dict(self.kinds),
        }


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def load_labels(path: Path) -> list[Item]:
    """Every labelled article (events, then distractors)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    items: list[Item] = []
    for event in data["events"]:
        half = _half(event["event_id"])
        for a in event["articles"]:
            items.append(_item(a, event["event_id"], half, distractor=False))
    for a in data["distractors"]:
        items.append(_item(a, a["id"].split("-")[0], _half(a["confusable_with"]), distractor=True))
    return items


def _half(event_id: str) -> str:
    return "odd" if int(event_id.lstrip("vw")) % 2 else "even"


def _item(a: dict[str, object], story: str, half: str, *, distractor: bool) -> Item:
    source = a.get("derived_from")
    evidence = str(a.get("derivation_evidence") or "")
    return Item(
        id=str(a["id"]),
        story=story,
        half=half,
        url=a.get("url"),  # type: ignore[arg-type]
        outlet=a.get("outlet"),  # type: ignore[arg-type]
        date=a.get("date"),  # type: ignore[arg-type]
        source=source if isinstance(source, str) else None,
        independent=source is None and "independent" in evidence.lower(),
        distractor=distractor,
    )


def write_records(items: Iterable[Item], cache: Path, out: Path) -> tuple[list[Item], list[str]]:
    """One JSONL record per cached article; returns the items written and the missing ids."""
    present: list[Item] = []
    missing: list[str] = []
    with out.open("w", encoding="utf-8") as handle:
        for item in items:
            path = cache / f"{item.id}.txt"
            if not path.is_file():
                missing.append(item.id)
                continue
            text = path.read_text(encoding="utf-8").strip()
            if not text:
                missing.append(item.id)
                continue
            record: dict[str, str] = {"id": item.id, "text": text}
            for key, value in (("url", item.url), ("outlet", item.outlet)):
                if value:
                    record[key] = value
            if item.date:
                record["published"] = item.date
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            present.append(item)
    return present, missing


@dataclass
class Run:
    """Predicted stories and edges of one run."""

    story_of: dict[str, str]
    edges: list[tuple[str, str, str]]  # (source, target, kind)
    seconds: float
    #: Edges whose direction the text could not decide (first reason "direction unknown").
    unknown: set[tuple[str, str]] = field(default_factory=set)


def run_engine(records: Path, workdir: Path, config: CompareConfig | None = None) -> Run:
    """Ingest the records into a fresh store; stories and every story's edges."""
    start = time.perf_counter()
    (workdir / "news.db").unlink(missing_ok=True)
    with Corpus.open(workdir / "news.db", config) as corpus:
        corpus.ingest([records])
        story_of: dict[str, str] = {}
        edges: list[tuple[str, str, str]] = []
        unknown: set[tuple[str, str]] = set()
        for story in corpus.stories():
            for article_id in story.article_ids:
                story_of[article_id] = story.story_id
            if len(story.article_ids) > 1:
                graph = derive(
                    corpus.store.members(story.story_id),
                    corpus.config,
                    compare_edges=False,
                    featurizer=corpus.clusterer.featurizer,
                )
                for e in graph.edges:
                    edges.append((e.source_id, e.target_id, str(e.kind)))
                    if e.direction is EdgeDirection.UNKNOWN:
                        unknown.add((e.source_id, e.target_id))
    return Run(story_of, edges, time.perf_counter() - start, unknown)


def score(items: list[Item], run: Run, half: str | None) -> HalfScores:
    """Figures for one half (``None``: all articles)."""
    by_id = {i.id: i for i in items}
    mine = {i.id for i in items if half is None or i.half == half}
    s = HalfScores(articles=len(mine))
    # pairwise: pairs with at least one article of the half
    ids = sorted(by_id)
    pred_groups: dict[str, list[str]] = {}
    for a in ids:
        pred_groups.setdefault(run.story_of.get(a, f"?{a}"), []).append(a)
    gold_groups: dict[str, list[str]] = {}
    for a in ids:
        gold_groups.setdefault(by_id[a].story, []).append(a)
    for group in pred_groups.values():
        for a, b in combinations(group, 2):
            if a in mine or b in mine:
                s.pair_p.total += 1
                s.pair_p.hit += by_id[a].story == by_id[b].story
    for group in gold_groups.values():
        for a, b in combinations(group, 2):
            if a in mine or b in mine:
                s.pair_r.total += 1
                s.pair_r.hit += run.story_of.get(a) == run.story_of.get(b) is not None
    # B-cubed over the half's articles
    p_sum = r_sum = 0.0
    for a in mine:
        pred = pred_groups[run.story_of.get(a, f"?{a}")]
        gold = gold_groups[by_id[a].story]
        both = len(set(pred) & set(gold))
        p_sum += both / len(pred)
        r_sum += both / len(gold)
    if mine:
        s.b3_p, s.b3_r = p_sum / len(mine), r_sum / len(mine)
    # copy links
    edge_set = {(src, dst) for src, dst, _ in run.edges}
    for item in items:
        if item.source is None or item.source not in by_id:
            continue
        if item.id not in mine and item.source not in mine:
            continue
        s.found.total += 1
        s.right.total += 1
        s.right_known.total += 1
        forward = (item.source, item.id) in edge_set
        s.found.hit += forward or (item.id, item.source) in edge_set
        s.right.hit += forward
        s.right_known.hit += forward and (item.source, item.id) not in run.unknown
    # edges
    for src, dst, kind in run.edges:
        if src not in mine and dst not in mine:
            continue
        a, b = by_id[src], by_id[dst]
        s.kinds[kind] += 1
        s.independents.total += 1
        s.across.total += 1
        s.unknown.total += 1
        s.unknown.hit += (src, dst) in run.unknown
        s.independents.hit += a.independent and b.independent
        s.across.hit += a.story != b.story
    # distractors placed in a predicted story with event articles
    for item in items:
        if item.distractor and item.id in mine:
            s.distractors_merged.total += 1
            group = pred_groups[run.story_of.get(item.id, f"?{item.id}")]
            s.distractors_merged.hit += any(not by_id[o].distractor for o in group)
    return s


def details(items: list[Item], run: Run) -> list[str]:
    """Lines describing each error: split events, merged stories, missed and wrong links."""
    by_id = {i.id: i for i in items}
    lines: list[str] = []
    pred: dict[str, list[str]] = {}
    for a in sorted(by_id):
        pred.setdefault(run.story_of.get(a, "?"), []).append(a)
    gold: dict[str, list[str]] = {}
    for a in sorted(by_id):
        gold.setdefault(by_id[a].story, []).append(a)
    for story, members in sorted(gold.items()):
        parts: dict[str, list[str]] = {}
        for a in members:
            parts.setdefault(run.story_of.get(a, "?"), []).append(a)
        if len(parts) > 1:
            lines.append(f"split {story}: " + " | ".join(" ".join(v) for v in parts.values()))
    for sid, members in sorted(pred.items()):
        stories = {by_id[a].story for a in members}
        if len(stories) > 1:
            lines.append(f"merged {sid}: " + " ".join(members))
    edge_set = {(src, dst): kind for src, dst, kind in run.edges}
    for item in items:
        if item.source and item.source in by_id:
            if (item.source, item.id) in edge_set:
                continue
            state = "reversed" if (item.id, item.source) in edge_set else "missed"
            lines.append(f"link {state}: {item.source} -> {item.id}")
    linked = {(i.source, i.id) for i in items if i.source}
    for (src, dst), kind in sorted(edge_set.items()):
        if (src, dst) in linked or (dst, src) in linked:
            continue
        a, b = by_id[src], by_id[dst]
        if a.source and a.source == b.source:
            what = "sibling"
        elif a.story != b.story:
            what = "ACROSS EVENTS"
        elif a.independent and b.independent:
            what = "independents"
        else:
            what = "unlabelled"
        lines.append(f"edge {what}: {src} -> {dst} ({kind})")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(os.environ.get("WIRETRACE_NEWS_CACHE", DEFAULT_CACHE)),
        help="folder of <id>.txt texts (env WIRETRACE_NEWS_CACHE; default .cache/news-dev)",
    )
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument(
        "--order",
        default="shuffle",
        help="ingest order: 'shuffle' (seeded, the default: a crawl's order is arbitrary), "
        "'shuffle:SEED' or 'id' (label order, sources mostly first)",
    )
    parser.add_argument(
        "--details",
        nargs="?",
        const="all",
        choices=(*HALVES, "all"),
        help="list every error (of one half only: --details odd, to tune without seeing the other)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not args.labels.is_file():
        print(f"no labels at {args.labels}; pass --labels", file=sys.stderr)
        return 2
    items = load_labels(args.labels)
    if args.order.startswith("shuffle"):
        seed = int(args.order.split(":")[1]) if ":" in args.order else 1
        random.Random(seed).shuffle(items)
    elif args.order != "id":
        print(f"--order must be shuffle, shuffle:SEED or id, not {args.order!r}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "news.jsonl"
        present, missing = write_records(items, args.cache, records)
        if not present:
            print(f"no cached texts under {args.cache}; see the labels' 'about'", file=sys.stderr)
            return 2
        run = run_engine(records, Path(tmp))
    dated = sum(1 for i in present if i.date)
    print(
        f"news-dev: {len(present)} articles ingested ({dated} with a date), "
        f"{len(missing)} missing from {args.cache}; {run.seconds:.1f} s; order {args.order}"
    )
    table = {
        name: score(present, run, None if name == "all" else name) for name in (*HALVES, "all")
    }
    rows = [
        ("articles", lambda s: str(s.articles)),
        ("story pairwise P", lambda s: str(s.pair_p)),
        ("story pairwise R", lambda s: str(s.pair_r)),
        ("story pairwise F1", lambda s: f"{s.pair_f1:.3f}"),
        ("story B-cubed P / R", lambda s: f"{s.b3_p:.3f} / {s.b3_r:.3f}"),
        ("story B-cubed F1", lambda s: f"{s.b3_f1:.3f}"),
        ("copy links found", lambda s: str(s.found)),
        ("copy links right direction", lambda s: str(s.right)),
        ("... right, direction known", lambda s: str(s.right_known)),
        ("edges with direction unknown", lambda s: str(s.unknown)),
        ("edges between independents", lambda s: str(s.independents)),
        ("edges across events", lambda s: str(s.across)),
        ("distractors merged", lambda s: str(s.distractors_merged)),
    ]
    print(f"{'':30s}" + "".join(f"{h:>24s}" for h in (*HALVES, "all")))
    for label, fmt in rows:
        print(f"{label:30s}" + "".join(f"{fmt(table[h]):>24s}" for h in (*HALVES, "all")))
    for half in (*HALVES, "all"):
        kinds = table[half].kinds
        print(f"edge kinds ({half}): " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    if args.details:
        half = {i.id: i.half for i in present}
        for line in details(present, run):
            ids = [w for w in line.replace(":", " ").split() if w in half]
            if args.details == "all" or (ids and half[ids[0]] == args.details):
                print(line)
    if args.json:
        out = {h: table[h].as_dict() for h in table}
        out["missing"] = missing  # type: ignore[assignment]
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
