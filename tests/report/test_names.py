"""How a story's reports name its articles (``wiretrace.report.names``)."""

from __future__ import annotations

import pytest

from wiretrace import Article
from wiretrace.report.names import member_names, name_sides
from wiretrace.store import StoredArticle, content_hash


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("A gives 12 cracks; B gives 14 cracks", "NP gives 12 cracks; HT gives 14 cracks"),
        ("approx in A, none in B", "approx in NP, none in HT"),
        (
            "the earlier text (A, 3 h before the other)",
            "the earlier text (NP, 3 h before the other)",
        ),
        ("B's quote of A's words", "HT's quote of NP's words"),
        # quoted article text and letters that are part of a name stay as written
        ("A has “A quote from B”", "NP has “A quote from B”"),
        ('B has "Plan A" where A has Plan B', 'HT has "Plan A" where NP has Plan B'),
        ("A-level results in B2 of A", "A-level results in B2 of NP"),
    ],
)
def test_side_letters_become_names(text: str, named: str) -> None:
    assert name_sides(text, "NP", "HT") == named


def test_members_are_named_by_outlet_then_id() -> None:
    def item(article_id: str, outlet: str | None) -> StoredArticle:
        text = f"Text of {article_id}."
        article = Article(text=text, id=article_id, outlet=outlet)
        return StoredArticle(article_id, article, content_hash(text))

    names = member_names([item("w1", "Nordpress"), item("w2", "Nordpress"), item("x", None)])
    assert names == {"w1": "Nordpress (w1)", "w2": "Nordpress (w2)", "x": "x"}
