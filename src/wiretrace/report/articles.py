"""The article JSON contracts: ``wiretrace articles --format json`` and ``article ID``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wiretrace.clean.headline import headline_text

if TYPE_CHECKING:
    from wiretrace.corpus import ArticleRow, ArticleView
    from wiretrace.stories.recluster import DeleteReport


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
    """An article as stored: metadata (``title`` as given, else its headline line by
    ``clean.headline``, as the story outputs have it), text, story id, boilerplate spans (character
    offsets into ``text``) and links (``{"kind": "version"|"verbatim", "article_id",
    "earlier_id"}``: ``article_id`` is the later version, or the verbatim copy)."""
    a = view.stored.article
    return {
        "id": view.stored.id,
        "title": a.title or headline_text(a.text),
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


def delete_report_to_dict(report: DeleteReport) -> dict[str, Any]:
    """What ``wiretrace delete`` did: ``deleted`` (ids), ``stories`` (each story the
    articles were in: ``story_id``, ``removed`` ids, ``parts`` as ``{"story_id",
    "articles"}``, the part keeping the id first; no parts: the story is gone),
    ``relinked`` (links re-pointed past deleted articles) and ``dry_run`` (true: nothing
    was removed, this is what deleting would do)."""
    return {
        "dry_run": report.dry_run,
        "deleted": list(report.deleted),
        "stories": [
            {
                "story_id": change.story_id,
                "removed": list(change.removed),
                "parts": [{"story_id": s, "articles": n} for s, n in change.parts],
            }
            for change in report.stories
        ],
        "relinked": [
            {"kind": link.kind, "article_id": link.article_id, "earlier_id": link.earlier_id}
            for link in report.relinked
        ],
    }


def delete_report_lines(report: DeleteReport) -> list[str]:
    """The delete summary as plain lines, for the terminal (a dry run says "would")."""
    from wiretrace.text.counted import counted

    would = report.dry_run
    deleted = counted(len(report.deleted), "article")
    lines = [f"{'would delete' if would else 'deleted'} {deleted}: {', '.join(report.deleted)}"]
    for change in report.stories:
        removed = ", ".join(change.removed)
        head = f"story {change.story_id}: {removed} {'would be ' if would else ''}removed; "
        if not change.parts:
            gone = "the story would be gone" if would else "the story is gone"
            lines.append(head + f"no article left, {gone}")
        elif len(change.parts) == 1:
            lines.append(
                head
                + f"{counted(change.parts[0][1], 'article')} {'would be ' if would else ''}left"
            )
        else:
            parts = ", ".join(f"{s} ({counted(n, 'article')})" for s, n in change.parts)
            lines.append(head + f"{'would split' if would else 'split'} into {parts}")
    for link in report.relinked:
        what = "a later version of" if link.kind == "version" else "a verbatim copy of"
        lines.append(
            f"{link.article_id} {'would be' if would else 'is now'} {what} {link.earlier_id}"
        )
    if would:
        lines.append("dry run: nothing was deleted")
    return lines
