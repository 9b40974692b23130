"""The article JSON contracts: ``wiretrace articles --format json`` and ``article ID``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wiretrace.corpus import ArticleRow, ArticleView


def article_rows_to_dict(rows: list[ArticleRow]) -> list[dict[str, Any]]:
    """One object per article: id, title, outlet, url, published (ISO 8601), story_id."""
    return [
        {
            "id": r.article_id,
            "title": r.title,
            "outlet": r.outlet,
            "url": r.url,
            "published": r.published.isoformat() if r.published else None,
            "story_id": r.story_id,
        }
        for r in rows
    ]


def article_view_to_dict(view: ArticleView) -> dict[str, Any]:
    """An article as stored: metadata, text, story id, boilerplate spans (character
    offsets into ``text``) and links (``{"kind": "version"|"verbatim", "article_id",
    "earlier_id"}``: ``article_id`` is the later version, or the verbatim copy)."""
    a = view.stored.article
    return {
        "id": view.stored.id,
        "title": a.title,
        "url": a.url,
        "outlet": a.outlet,
        "published": a.published.isoformat() if a.published else None,
        "path": a.path,
        "story_id": view.story_id,
        "text": a.text,
        "boilerplate": [
            {"span": [b.start, b.end], "reason": b.reason.value, "text": b.text}
            for b in view.boilerplate
        ],
        "links": [
            {"kind": link.kind, "article_id": link.article_id, "earlier_id": link.earlier_id}
            for link in view.links
        ],
    }
