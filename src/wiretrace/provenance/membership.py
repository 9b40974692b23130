"""Why each article is in its story: shared text with a named member, or closeness to the
other members with the names, figures and days that matched."""

from __future__ import annotations

import math
from dataclasses import dataclass

from wiretrace.provenance.graph import DerivationGraph
from wiretrace.stories.features import Featurizer

#: Matched names, figures and days shown per article, rarest in the language first.
SHOWN_MARKERS = 8


@dataclass(frozen=True, slots=True)
class MemberEvidence:
    """The evidence that puts one article in its story.

    Attributes:
        article_id: The article.
        how: "shared_text" (a derivation edge joins it to ``with_id``), "centroid" (its
            words are close to the other members': ``score`` is the cosine with their
            centroid, language-rarity weighted) or "alone" (the story's only article).
        with_id: For shared text, the member it shares it with (its source, else its
            closest copy); None otherwise.
        score: Edge weight (containment or aligned share) for shared text; centroid
            cosine (0..1) otherwise.
        kind: For shared text, the edge's ``DerivationKind`` value; else None.
        names: Names it shares with other members, as its text writes them ("Noto").
        figures: Figures with their units it shares, as its text writes them ("12
            cracks", "7.5-magnitude"; matched on the unit's stem).
        days: Days (ISO dates) its text names that other members name too.
    """

    article_id: str
    how: str
    with_id: str | None
    score: float
    kind: str | None
    names: tuple[str, ...]
    figures: tuple[str, ...]
    days: tuple[str, ...]


def membership_evidence(graph: DerivationGraph, featurizer: Featurizer) -> list[MemberEvidence]:
    """Evidence for every article of a story, in the graph's timeline order."""
    items = graph.articles
    markers = [featurizer.markers(item.article) for item in items]
    surfaces = [featurizer.surfaces(item.article) for item in items]
    vectors = [featurizer.terms(item.article) for item in items]
    total: dict[int, float] = {}
    for vector in vectors:
        for term, w in vector.items():
            total[term] = total.get(term, 0.0) + w
    out: list[MemberEvidence] = []
    for k, item in enumerate(items):
        others: dict[str, int] = {}
        for m, theirs in enumerate(markers):
            if m != k:
                for marker in theirs:
                    others[marker] = others.get(marker, 0) + 1
        shared = sorted(
            (mk for mk in markers[k] if mk in others), key=lambda mk: (-markers[k][mk], mk)
        )
        words = surfaces[k]
        names = tuple(words.get(mk, mk[1:]) for mk in shared if mk[0] == "@")[:SHOWN_MARKERS]
        figures = tuple(words.get(mk, mk[1:].replace("|", " ")) for mk in shared if mk[0] == "#")
        days = tuple(sorted(mk[1:] for mk in shared if mk[0] == "~"))
        edge = _edge_of(graph, item.id)
        if edge is not None:
            other, weight, kind = edge
            out.append(
                MemberEvidence(
                    item.id,
                    "shared_text",
                    other,
                    weight,
                    kind,
                    names,
                    figures[:SHOWN_MARKERS],
                    days[:SHOWN_MARKERS],
                )
            )
            continue
        if len(items) == 1:
            out.append(MemberEvidence(item.id, "alone", None, 0.0, None, (), (), ()))
            continue
        rest = {t: w - vectors[k].get(t, 0.0) for t, w in total.items()}
        norm = math.sqrt(sum(w * w for w in rest.values())) or 1.0
        cosine = sum(w * rest.get(t, 0.0) for t, w in vectors[k].items()) / norm
        out.append(
            MemberEvidence(
                item.id,
                "centroid",
                None,
                round(max(0.0, cosine), 4),
                None,
                names,
                figures[:SHOWN_MARKERS],
                days[:SHOWN_MARKERS],
            )
        )
    return out


def _edge_of(graph: DerivationGraph, article_id: str) -> tuple[str, float, str] | None:
    """(other member, weight, kind) of the article's edge: its source first, else its
    copy with the most shared text."""
    best: tuple[str, float, str] | None = None
    for e in graph.edges:
        weight = max(e.containment, e.coverage)
        if e.target_id == article_id:
            return e.source_id, weight, e.kind.value
        if e.source_id == article_id and (best is None or weight > best[1]):
            best = (e.target_id, weight, e.kind.value)
    return best
