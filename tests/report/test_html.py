from __future__ import annotations

import re

from tests.utils.texts import BRIDGE, ORCHID, bridge, story
from wiretrace import Article, compare
from wiretrace.report import render_html, render_html_many

A = bridge()
B = bridge({1: BRIDGE[1].replace("12 cracks", "21 cracks")})

_EXTERNAL = re.compile(r"<script|<link|@import|url\(|https?://", re.IGNORECASE)


def test_page_is_complete_and_self_contained() -> None:
    page = render_html(compare(A, B))

    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in page
    assert "<style>" in page
    assert not _EXTERNAL.search(page)


def test_findings_are_marked_with_their_kind() -> None:
    page = render_html(compare(A, B))

    assert "Findings (1)" in page
    assert re.search(
        r'<mark style="background:#[0-9a-f]{6}" title="number_changed: [^"]+">21</mark>', page
    )
    assert re.search(r'<mark[^>]*title="number_changed: [^"]+">12</mark>', page)


def test_article_text_is_escaped() -> None:
    evil = "<script>alert('x')</script>"
    a = A + f" The council posted {evil} on its website by mistake."
    b = B + f" The council posted {evil} on its website by mistake."

    page = render_html(compare(Article(text=a, outlet="Nord<press>"), b))

    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "Nord&lt;press&gt;" in page


def test_unrelated_has_no_side_by_side_table() -> None:
    page = render_html(compare(A, story(*ORCHID)))

    assert "no shared text" in page
    assert "Findings (" not in page


def test_many_has_a_summary_and_one_section_each() -> None:
    results = [
        compare(Article(text=A, outlet="Wire"), Article(text=B, outlet="Herald")),
        compare(Article(text=A, outlet="Wire"), Article(text=story(*ORCHID), outlet="Garden")),
    ]

    page = render_html_many(results, "Bridge story")

    assert "<title>Bridge story</title>" in page
    assert page.count("<h2>") == 2
    assert "Wire vs Herald" in page
    assert "Wire vs Garden" in page
    assert not _EXTERNAL.search(page)
