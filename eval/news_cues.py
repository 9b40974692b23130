"""Direction cues measured one by one on the real-news dev set's labelled copy links, with
the gold events as stories (so that story splits do not hide a link), per half.

For each labelled link (source, copy) whose two ends were gathered, every cue of
``provenance.vote`` (and the vote itself) is asked "is the first text the source?" with
the two texts in both argument orders; a cue is *right* when it points at the labelled
source, *wrong* when at the copy, *silent* when it abstains. The derivation graph of each
gold event is also built (``derive``) and its links scored as ``news_eval.py`` does:
found, right, right with the direction known. The synthetic ``synthetic.harder`` corpus's
untimed planted links are scored the same way with ``--harder``.

Usage: ``python eval/news_cues.py [--cache DIR] [--labels FILE] [--harder] [--links odd]``
(``--links odd`` lists the odd half's links with each cue's verdict, for tuning).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from news_eval import DEFAULT_CACHE, DEFAULT_LABELS, HALVES, Item, load_labels, write_records
from wiretrace.compare import PreparedTexts, compare
from wiretrace.config import CompareConfig
from wiretrace.corpus import Corpus
from wiretrace.model import EdgeDirection
from wiretrace.provenance import vote as v
from wiretrace.provenance.alignment import StoryAligner
from wiretrace.provenance.graph import derive, timeline
from wiretrace.store.base import StoredArticle


class Pair:
    """One ordered pair of a story: ``first`` is asked to be the source of ``second``."""

    def __init__(self, story: StoryCues, first: int, second: int) -> None:
        self.story, self.first, self.second = story, first, second

    def carried(self) -> tuple[float, float]:
        return self.story.carried_without(self.first, self.second)

    def compared(self) -> tuple[str | None, float]:
        s = self.story
        a, b = s.ordered[self.first].article, s.ordered[self.second].article
        d = compare(a, b, config=s.memo.config, prepared=s.memo).direction
        return d.source, d.confidence


class StoryCues:
    """A gold event's members with the work ``derive`` does for the vote."""

    def __init__(self, members: Sequence[StoredArticle], cfg: CompareConfig) -> None:
        self.ordered = timeline(members)
        self.index = {m.id: n for n, m in enumerate(self.ordered)}
        self.memo = PreparedTexts(cfg)
        self.docs = [self.memo.document(m.article) for m in self.ordered]
        self.aligner = StoryAligner(self.docs)
        n = len(self.ordered)
        self.carried = [0.0] * n
        for i in range(n):
            for j in range(n):
                if i != j:
                    al = self.aligner.pair(i, j)
                    if al.is_copy:
                        self.carried[i] += al.source_coverage

    def carried_without(self, i: int, j: int) -> tuple[float, float]:
        own_i = self.aligner.pair(i, j)
        own_j = self.aligner.pair(j, i)
        return (
            self.carried[i] - (own_i.source_coverage if own_i.is_copy else 0.0),
            self.carried[j] - (own_j.source_coverage if own_j.is_copy else 0.0),
        )


def _only(pair: Pair, weights: dict[str, float]) -> float:
    """The vote with every weight but the named ones set to zero."""
    saved = {name: getattr(v, name) for name in CUE_WEIGHTS}
    try:
        for name in CUE_WEIGHTS:
            setattr(v, name, weights.get(name, 0.0))
        verdict = v.vote(
            pair.story.aligner,
            pair.first,
            pair.second,
            carried=pair.carried(),
            compared=pair.compared(),
        )
    finally:
        for name, value in saved.items():
            setattr(v, name, value)
    return verdict.score


#: The vote's weights, by module constant; a cue alone is the vote with the others at 0.
CUE_WEIGHTS = tuple(name for name in dir(v) if name.endswith("_WEIGHT"))


def _vote(pair: Pair) -> float:
    verdict = v.vote(
        pair.story.aligner,
        pair.first,
        pair.second,
        carried=pair.carried(),
        compared=pair.compared(),
    )
    return verdict.score if verdict.decided else 0.0


def cues() -> dict[str, Callable[[Pair], float]]:
    """Cue name -> signed score (positive: the first text is the source; 0: silent)."""
    out: dict[str, Callable[[Pair], float]] = {}
    for name in CUE_WEIGHTS:
        out[name.removesuffix("_WEIGHT").lower()] = lambda p, n=name: _only(p, {n: 1.0})
    out["vote (decided)"] = _vote
    return out


def _why_missed(
    s: StoryCues, parents: dict[str, str], i: int, j: int, labels: dict[str, Item]
) -> str:
    """Why a labelled link (i source, j copy) has no edge: no candidate, or the copy (or,
    for a reversed candidate, the source) took another parent."""
    al_ij, al_ji = s.aligner.pair(i, j), s.aligner.pair(j, i)
    src, cp = s.ordered[i].id, s.ordered[j].id
    if not (al_ij.is_copy or al_ji.is_copy):
        return (
            f"no candidate: aligned {al_ij.aligned}/{al_ji.aligned} cov "
            f"{al_ij.copy_coverage:.2f}/{al_ij.source_coverage:.2f} sim {al_ij.similarity:.2f}"
        )
    other = parents.get(cp)
    if other is None:
        return f"lost: copy is a root; source's parent {parents.get(src)}"
    rel = "independent" if labels[other].independent else "other"
    if labels[other].source == src:
        rel = "sibling"
    elif labels.get(other) and labels[other].source == cp:
        rel = "its own copy"
    elif labels[src].source == other:
        rel = "source's source"
    return f"lost to {rel}: {other} -> {cp}"


def _sign(x: float) -> str:
    return "right" if x > 0 else "wrong" if x < 0 else "silent"


def news_groups(
    labels: Path, cache: Path, cfg: CompareConfig
) -> list[tuple[list[StoredArticle], dict[str, Item]]]:
    """The dev set's gold stories (events and look-alike groups): members as stored by
    ``Corpus.ingest`` and their labels."""
    items = load_labels(labels)
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "news.jsonl"
        present, _ = write_records(items, cache, records)
        with Corpus.open(Path(tmp) / "news.db", cfg) as corpus:
            corpus.ingest([records])
            stored = {i.id: corpus.store.get(i.id) for i in present}
    by_story: dict[str, dict[str, Item]] = {}
    for item in present:
        by_story.setdefault(item.story, {})[item.id] = item
    return [
        ([a for a in (stored[i] for i in members) if a is not None], members)
        for _, members in sorted(by_story.items())
    ]


def harder_groups() -> list[tuple[list[StoredArticle], dict[str, Item]]]:
    """``synthetic.harder``'s events with their planted links; only links with an
    untimed end are scored (their direction comes from the text)."""
    from stories_eval import HARDER
    from wiretrace.synth.harder import generate_harder

    corpus = generate_harder(HARDER["synthetic.harder"])
    timed = {a.id for a in corpus.articles if a.published is not None}
    by_story: dict[str, tuple[list[StoredArticle], dict[str, Item]]] = {}
    for a in corpus.articles:
        aid = a.id or ""
        source = corpus.derived_from.get(aid)
        if source in timed and aid in timed:
            source = None  # both ends timed: the times decide, not the cues
        arts, labels = by_story.setdefault(corpus.story_of[aid], ([], {}))
        arts.append(StoredArticle(aid, a, ""))
        labels[aid] = Item(
            aid,
            corpus.story_of[aid],
            "harder",
            None,
            None,
            None,
            source,
            aid in corpus.independent,
            aid in corpus.distractors,
        )
    return list(by_story.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cache", type=Path, default=Path(os.environ.get("WIRETRACE_NEWS_CACHE", DEFAULT_CACHE))
    )
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--harder", action="store_true", help="also synthetic.harder")
    parser.add_argument("--links", choices=HALVES, help="list this half's links cue by cue")
    parser.add_argument("--dump", type=Path, help="write each link's cue scores (JSON)")
    args = parser.parse_args()
    cfg = CompareConfig()
    groups = news_groups(args.labels, args.cache, cfg)
    halves: tuple[str, ...] = HALVES
    if args.harder:
        groups += harder_groups()
        halves = (*HALVES, "harder")
    table: dict[str, dict[str, Counter[str]]] = {}
    graph_scores: dict[str, Counter[str]] = {h: Counter() for h in halves}
    named = cues()
    dump: list[dict[str, object]] = []
    for arts, members in groups:
        story_cues = StoryCues(arts, cfg)
        graph = derive(arts, cfg, compare_edges=False)
        edges = {(e.source_id, e.target_id): e for e in graph.edges}
        for m in members.values():
            if m.source is None or m.source not in story_cues.index:
                continue
            half = m.half
            i, j = story_cues.index[m.source], story_cues.index[m.id]
            forward = edges.get((m.source, m.id))
            backward = edges.get((m.id, m.source))
            g = graph_scores[half]
            g["links"] += 1
            g["found"] += forward is not None or backward is not None
            g["right"] += forward is not None
            known = forward is not None and forward.direction is not EdgeDirection.UNKNOWN
            g["right known"] += known
            state = "right" if forward else "reversed" if backward else "missed"
            if state == "missed":
                state = _why_missed(story_cues, graph.parents, i, j, members)
            if not state.startswith(("right", "reversed")):
                g[state.split(":")[0]] += 1
            line = [f"{m.source} -> {m.id}", "graph " + state]
            scores: dict[str, float] = {}
            for name, cue in named.items():
                score = cue(Pair(story_cues, i, j)) - cue(Pair(story_cues, j, i))
                scores[name] = score
                table.setdefault(name, {h: Counter() for h in halves})[half][_sign(score)] += 1
                if score:
                    line.append(f"{name} {_sign(score)}")
            dump.append({"link": [m.source, m.id], "half": half, "graph": state, **scores})
            if args.links == half:
                print("  ".join(line))
    print(f"{'cue':28s}" + "".join(f"{h + ' (right/wrong/silent)':>30s}" for h in halves))
    for name, by_half in table.items():
        cells = [
            f"{c['right']} / {c['wrong']} / {c['silent']}" for c in (by_half[h] for h in halves)
        ]
        print(f"{name:28s}" + "".join(f"{cell:>30s}" for cell in cells))
    for h in halves:
        g = graph_scores[h]
        print(
            f"gold-event graphs, {h}: found {g['found']}/{g['links']}, right {g['right']}, "
            f"right with the direction known {g['right known']}; "
            + ", ".join(f"{k} {n}" for k, n in sorted(g.items()) if k.startswith(("lost", "no ")))
        )
    if args.dump:
        args.dump.write_text(json.dumps(dump, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
