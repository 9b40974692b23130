"""Stories rebuilt with work kept across builds (``PreparedTexts(keep=N)``, what the
desk's story builder holds): the same story JSON as built afresh, and comparisons reused
for articles read again from the store."""

from __future__ import annotations

from pathlib import Path

from wiretrace.cli.demo import _demo_articles
from wiretrace.compare import PreparedTexts, compare
from wiretrace.corpus import Corpus
from wiretrace.model import Article
from wiretrace.report.story_cache import story_json_text


def test_a_story_rebuilt_with_kept_work_is_the_story_built_afresh(tmp_path: Path) -> None:
    articles = _demo_articles()
    with Corpus.open(tmp_path / "s.db") as corpus:
        kept = PreparedTexts(corpus.config, keep=64)
        corpus.add_batch(articles[:-2])
        for article in [None, *articles[-2:]]:
            if article is not None:
                corpus.add(article)
            story = max(corpus.stories(), key=lambda s: len(s.article_ids))
            fresh = story_json_text(corpus, story.story_id, cache=False)
            again = story_json_text(corpus, story.story_id, cache=False, prepared=kept)
            assert again == fresh


def test_kept_comparisons_are_found_by_the_articles_values_and_bounded() -> None:
    a = Article(text="Police said 12 people died in the fire on Monday.", id="a")
    b = Article(text="Police said 21 people died in the fire on Monday night.", id="b")
    kept = PreparedTexts(keep=2)
    first = compare(a, b, prepared=kept)
    # the same articles read again (equal values, other objects): the kept comparison
    again = compare(Article(**vars_of(a)), Article(**vars_of(b)), prepared=kept)
    assert again is first
    assert compare(a, b) == first
    for n in range(10):  # older entries make way for newer ones
        compare(
            a, Article(text=f"Police said {n} people died in the fire.", id=f"c{n}"), prepared=kept
        )
    assert len(kept._compared) <= 8 and len(kept._by_value) <= 2


def vars_of(article: Article) -> dict[str, object]:
    """The fields of an article, for a copy that is another object."""
    return {name: getattr(article, name) for name in article.__dataclass_fields__}
