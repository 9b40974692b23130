"""Where ``synthetic.harder``'s planted links go, by how the copy was made.

Ingests the corpus the way ``stories_eval.py`` does (``Corpus.add``, one article at a
time), builds each story's derivation graph and sorts every planted link (source, copy)
into: *right* (an edge source -> copy; by times, by the textual vote, or drawn with the
direction unknown), *reversed* (copy -> source), *under a sibling* (the copy hangs under
another copy of its source), *under its own copy*, *under the grandparent*, *under
another article*, *a root* (no parent; "no candidate" when the pair neither shares 30% of
5-grams nor aligns), or *split* (the two ends in different stories). Rows are the copy's
kind (``synth.harder.REWRITE_KINDS``), split by whether the source is the wire (first
generation) or a copy (a chain), and by whether both ends carry a time.

Usage: ``python eval/harder_links.py [--list KIND] [--json OUT]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from stories_eval import HARDER
from wiretrace.corpus import Corpus
from wiretrace.model import EdgeDirection
from wiretrace.provenance.branching import COPY_CONTAINMENT
from wiretrace.provenance.graph import derive
from wiretrace.store import SQLiteStore
from wiretrace.synth.harder import generate_harder_kinds

COLUMNS = (
    "right known",
    "right inferred",
    "right unknown",
    "reversed inferred",
    "reversed unknown",
    "under sibling",
    "under own copy",
    "under grandparent",
    "under other",
    "root",
    "split",
)


def _containment(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a) if a else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", help="list the links of this row (e.g. spun) with details")
    parser.add_argument("--json", type=Path, help="write every link's state here")
    args = parser.parse_args()
    corpus, kinds = generate_harder_kinds(HARDER["synthetic.harder"])
    derived = corpus.derived_from
    timed = {a.id for a in corpus.articles if a.published is not None}
    by_id = {a.id: a for a in corpus.articles}
    rows: dict[str, Counter[str]] = {}
    details: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp, Corpus(SQLiteStore(Path(tmp) / "h.db")) as store:
        for article in corpus.articles:
            store.add(article)
        story_of: dict[str, str] = {}
        parents: dict[str, str] = {}
        edges = {}
        for story in store.stories():
            for aid in story.article_ids:
                story_of[aid] = story.story_id
            if len(story.article_ids) < 2:
                continue
            graph = derive(
                store.store.members(story.story_id),
                store.config,
                compare_edges=False,
                featurizer=store.clusterer.featurizer,
            )
            parents.update(graph.parents)
            edges.update({(e.source_id, e.target_id): e for e in graph.edges})
        feat = store.clusterer.featurizer
    grams = {aid: set(feat.shingles(a.text).tolist()) for aid, a in by_id.items()}
    for copy, src in sorted(derived.items()):
        kind = kinds.get(copy, "edited")
        generation = "chain" if src in derived else "wire"
        times = "timed" if copy in timed and src in timed else "untimed"
        if story_of.get(copy) != story_of.get(src):
            state = "split"
        elif (src, copy) in edges:
            e = edges[(src, copy)]
            state = "right " + (
                "known"
                if e.direction is EdgeDirection.KNOWN
                else "inferred"
                if e.direction is EdgeDirection.INFERRED
                else "unknown"
            )
        elif (copy, src) in edges:
            e = edges[(copy, src)]
            state = "reversed " + (
                "unknown" if e.direction is EdgeDirection.UNKNOWN else "inferred"
            )
        else:
            other = parents.get(copy)
            if other is None:
                state = "root"
            elif derived.get(other) == src:
                state = "under sibling"
            elif _descends(derived, other, copy):
                state = "under own copy"
            elif derived.get(src) == other:
                state = "under grandparent"
            else:
                state = "under other"
        for row in (f"{kind} / {generation}", f"all {times}", "all"):
            rows.setdefault(row, Counter())[state] += 1
        info = {
            "copy": copy,
            "source": src,
            "kind": kind,
            "generation": generation,
            "times": times,
            "state": state,
            "parent": parents.get(copy),
            "parent_kind": kinds.get(parents.get(copy) or "", "-"),
            "contained_in_source": round(_containment(grams[copy], grams[src]), 3),
            "contained_in_parent": round(_containment(grams[copy], grams[parents[copy]]), 3)
            if copy in parents
            else None,
        }
        details.append(info)
        if args.list and args.list == kind:
            print(json.dumps(info))
    width = max(len(r) for r in rows) + 2
    print(f"{'row':{width}s}{'links':>6s}" + "".join(f"{c:>12s}" for c in _short(COLUMNS)))
    for row in sorted(rows, key=lambda r: (r.startswith("all"), r)):
        counts = rows[row]
        print(
            f"{row:{width}s}{sum(counts.values()):6d}"
            + "".join(f"{counts[c]:12d}" for c in COLUMNS)
        )
    right = (
        rows["all"]["right known"] + rows["all"]["right inferred"] + rows["all"]["right unknown"]
    )
    print(
        f"edge recall in the right direction: {right}/{len(derived)} = {right / len(derived):.4f}"
    )
    print(f"(containment gate for shared text: {COPY_CONTAINMENT})")
    if args.json:
        args.json.write_text(json.dumps(details, indent=1), encoding="utf-8")
    return 0


def _short(columns: tuple[str, ...]) -> list[str]:
    return [
        c.replace("reversed", "rev").replace("under ", "u.").replace("inferred", "inf")[:11]
        for c in columns
    ]


def _descends(derived: dict[str, str], node: str, ancestor: str) -> bool:
    seen: set[str] = set()
    while node in derived and node not in seen:
        seen.add(node)
        node = derived[node]
        if node == ancestor:
            return True
    return False


if __name__ == "__main__":
    sys.exit(main())
