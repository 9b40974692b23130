"""View models and templates of the desk, without a server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from wiretrace.web import pages, views


def _story() -> dict[str, Any]:
    times = [datetime(2026, 3, 4, 9, tzinfo=UTC) + timedelta(hours=h) for h in range(3)]
    timeline = [
        {
            "id": f"a{n}",
            "title": f"<b>title {n}</b>",
            "outlet": f"Outlet {n}",
            "url": None,
            "published": t.isoformat(),
            "role": role,
            "membership": member,
        }
        for n, (t, role, member) in enumerate(
            zip(
                times,
                ["earliest", "copy", "copy"],
                [
                    None,
                    {
                        "how": "shared_text",
                        "with": "a0",
                        "score": 0.8,
                        "kind": "spun",
                        "names": ["Ilse Varga"],
                        "figures": ["40"],
                        "days": [],
                    },
                    {
                        "how": "similar",
                        "with": None,
                        "score": 0.5,
                        "kind": None,
                        "names": [],
                        "figures": [],
                        "days": ["2026-03-04"],
                    },
                ],
                strict=True,
            )
        )
    ]
    edges = [
        {
            "source_id": "a0",
            "target_id": "a1",
            "confidence": 0.9,
            "kind": "light_edit",
            "containment": 0.8,
            "reverse_containment": 0.7,
            "reasons": ["r"],
            "findings": [],
        },
        {
            "source_id": "a1",
            "target_id": "a2",
            "confidence": 0.6,
            "containment": 0.2,
            "reverse_containment": 0.2,
            "reasons": ["r"],
            "findings": [],
        },
    ]
    return {
        "story_id": "s1",
        "title": "T",
        "article_ids": ["a0", "a1", "a2"],
        "first_seen": times[0].isoformat(),
        "outlets": ["Outlet 0"],
        "earliest_id": "a0",
        "roots": ["a0"],
        "timeline": timeline,
        "edges": edges,
        "quotes": [],
        "changes": None,
    }


def test_graph_layout_follows_the_lineage() -> None:
    graph = views.derivation_graph(_story())
    assert [n.id for n in graph.nodes] == ["a0", "a1", "a2"]
    xs = [n.x for n in graph.nodes]
    assert xs[0] < xs[1] < xs[2]  # one column per generation
    labels = [e.label for e in graph.edges]
    assert labels == ["light edit · 0.90", "rewrite · 0.60"]  # the JSON's kind, else a fallback
    assert graph.edges[0].href == "/compare?a=a0&b=a1"


def test_sparkline_needs_two_dated_articles() -> None:
    t = datetime(2026, 3, 4, tzinfo=UTC)
    assert views.sparkline([t, None]) is None
    line = views.sparkline([t, t + timedelta(hours=5), t + timedelta(hours=5), None])
    assert line is not None and len(line.points.split()) == 24 and "3 dated" in line.label


def test_story_template_shows_membership_evidence_and_escapes() -> None:
    html = pages._env.get_template("story.html").render(
        request=None,
        title="T",
        story=_story(),
        graph=views.derivation_graph(_story()),
        facts=views.split_facts(None),
        kinds=views.KINDS,
    )
    assert "Why in this story" in html
    assert "shares text with a0 (spun, 0.80)" in html and "Ilse Varga" in html
    assert "close to the others (cosine 0.50)" in html
    assert "<b>title" not in html and "&lt;b&gt;title 1&lt;/b&gt;" in html


def test_a_stale_story_page_says_so() -> None:
    def page(stale: bool) -> str:
        return pages._env.get_template("story.html").render(
            request=None,
            title="T",
            story=_story(),
            stale=stale,
            graph=views.derivation_graph(_story()),
            facts=views.split_facts(None),
            kinds=views.KINDS,
        )

    assert 'role="status"' in page(True) and "has changed since this view" in page(True)
    assert "has changed since this view" not in page(False)
