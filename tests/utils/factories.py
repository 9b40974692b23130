"""Factories and assertion helpers shared by the test modules."""

from __future__ import annotations

from wiretrace import (
    Alignment,
    Article,
    CompareConfig,
    Comparison,
    Document,
    Finding,
    FindingKind,
)
from wiretrace.align import SentenceAligner
from wiretrace.compare import prepare
from wiretrace.store import StoredArticle, content_hash
from wiretrace.text.analysis import analyze


def make_document(text: str, config: CompareConfig | None = None, **meta: str) -> Document:
    """An Article from ``text`` (and string metadata), cleaned and segmented."""
    return prepare(Article(text=text, **meta), config)


def align_texts(a: str, b: str, config: CompareConfig | None = None) -> tuple[Alignment, ...]:
    """Run only the sentence aligner on two texts."""
    cfg = config or CompareConfig()
    doc_a, doc_b = make_document(a, cfg), make_document(b, cfg)
    return SentenceAligner(cfg.align).align(analyze(doc_a), analyze(doc_b))


def sentence_texts(doc: Document, indices: tuple[int, ...]) -> list[str]:
    """The texts of some sentences of a document."""
    return [doc.sentences[i].text for i in indices]


def kinds(result: Comparison) -> set[FindingKind]:
    """The finding kinds of a comparison."""
    return {f.kind for f in result.findings}


def of_kind(result: Comparison, kind: FindingKind) -> list[Finding]:
    """The findings of one kind."""
    return [f for f in result.findings if f.kind is kind]


def assert_spans_exact(result: Comparison) -> None:
    """Every span of a comparison lies inside its text and matches the quoted text."""
    a_text, b_text = result.a.text, result.b.text
    for doc in (result.a, result.b):
        for bp in doc.boilerplate:
            assert 0 <= bp.start <= bp.end <= len(doc.text)
            assert doc.text[bp.start : bp.end] == bp.text
        for s in doc.sentences:
            assert 0 <= s.start < s.end <= len(doc.text)
            assert doc.text[s.start : s.end] == s.text
    for al in result.alignments:
        assert 0 <= al.a_span[0] < al.a_span[1] <= len(a_text)
        assert 0 <= al.b_span[0] < al.b_span[1] <= len(b_text)
        assert al.a_span == (
            result.a.sentences[al.a_sentences[0]].start,
            result.a.sentences[al.a_sentences[-1]].end,
        )
        assert al.b_span == (
            result.b.sentences[al.b_sentences[0]].start,
            result.b.sentences[al.b_sentences[-1]].end,
        )
    for f in result.findings:
        assert f.a_span is not None or f.b_span is not None
        if f.a_span is None:
            assert f.a_text is None
        else:
            assert 0 <= f.a_span[0] <= f.a_span[1] <= len(a_text)
            assert a_text[f.a_span[0] : f.a_span[1]] == f.a_text
        if f.b_span is None:
            assert f.b_text is None
        else:
            assert 0 <= f.b_span[0] <= f.b_span[1] <= len(b_text)
            assert b_text[f.b_span[0] : f.b_span[1]] == f.b_text
        assert 0.0 <= f.confidence <= 1.0
        assert f.explanation


def stored(article: Article) -> StoredArticle:
    """A StoredArticle as ingest makes it (id from the article, content hash of its text)."""
    return StoredArticle(
        id=article.id or "", article=article, content_hash=content_hash(article.text)
    )
