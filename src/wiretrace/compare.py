"""The compare pipeline: clean, segment, align, detect findings, infer direction."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from wiretrace.align import SentenceAligner
from wiretrace.clean import find_boilerplate, headline, kept_regions
from wiretrace.config import CompareConfig
from wiretrace.discrepancy import (
    QuoteAttributor,
    detect_findings,
    extract_quotes,
    reverse_evidence,
)
from wiretrace.discrepancy.detect import DETECTORS, LANGUAGE_NEUTRAL, title_findings
from wiretrace.errors import EmptyInputError, InputTooLargeError
from wiretrace.ingest import read_article
from wiretrace.model import Alignment, Article, Comparison, Direction, Document, Quote, Span
from wiretrace.provenance import infer_direction
from wiretrace.segment import split_sentences
from wiretrace.text.analysis import Analysis, analyze
from wiretrace.text.counted import counted
from wiretrace.text.language import detect_language
from wiretrace.text.normalize import Normalized, matching_key, normalize

ArticleLike = Article | str | os.PathLike[str]


def to_article(value: ArticleLike, config: CompareConfig | None = None) -> Article:
    """Normalise an input once: an Article as is, a path read from disk, a str as text.

    Raises:
        EmptyInputError: the text is empty or whitespace only.
        InputTooLargeError: the text is over ``IngestConfig.max_compare_chars``.
        InputError: the file cannot be read (see ``read_article``).
    """
    cfg = config or CompareConfig()
    if isinstance(value, Article):
        article = value
    elif isinstance(value, os.PathLike):
        article = read_article(Path(value), cfg.ingest)
    else:
        article = Article(text=value)
    if not article.text.strip():
        raise EmptyInputError("the article text is empty", path=article.path)
    limit = cfg.ingest.max_compare_chars
    if len(article.text) > limit:
        raise InputTooLargeError(
            f"the text has {len(article.text):,} characters, over the compare limit of "
            f"{limit:,} (IngestConfig.max_compare_chars; raise it in --config to try anyway)",
            path=article.path,
        )
    return article


def prepare(article: Article, config: CompareConfig | None = None) -> Document:
    """Normalise, clean and segment one article.

    The Document's article holds the working text (``wiretrace.text.normalize``: entities
    decoded, mojibake repaired, spaces and line ends unified); its spans point into that
    text. ``compare`` maps them back to the text as read.
    """
    return _prepare(article, config or CompareConfig())[0]


def _prepare(article: Article, cfg: CompareConfig) -> tuple[Document, Normalized]:
    norm = normalize(article.text)
    work = replace(article, text=norm.text) if norm.changed else article
    text = work.text
    boilerplate = find_boilerplate(text, cfg.clean)
    regions = kept_regions(text, boilerplate)
    first = next((lo for lo, hi in regions if text[lo:hi].strip()), None)
    title = headline(text, first) if first is not None else None
    if title is not None:
        regions = [
            piece
            for lo, hi in regions
            for piece in ((lo, min(hi, title[0])), (max(lo, title[1]), hi))
            if piece[1] > piece[0]
        ]
    sentences = split_sentences(text, regions, cfg.segment)
    doc = Document(article=work, boilerplate=boilerplate, sentences=sentences, title_span=title)
    return doc, norm


@dataclass(frozen=True, slots=True)
class _Side:
    """The per-article work of one compare: working text, document, analysis, quotes and
    language."""

    doc: Document
    norm: Normalized
    analysis: Analysis
    quotes: tuple[Quote, ...]
    language: str


class PreparedTexts:
    """The per-article work of ``compare`` (the working text cleaned and segmented, its
    analysis, quotes and language) kept for articles that are compared more than once: a
    story's derivation compares each member with several others. The results are the
    same as without it; only that work is not redone.

    Entries are keyed by the Article object itself (identity), under one config and
    attributor; ``compare`` ignores an instance made under another config.

    Args:
        config: The settings of the compares it serves.
        attributor: Their quote speaker attribution (default: the rule-based one).
    """

    def __init__(
        self, config: CompareConfig | None = None, attributor: QuoteAttributor | None = None
    ) -> None:
        self.config = config or CompareConfig()
        self.attributor = attributor
        self._sides: dict[int, tuple[Article, _Side]] = {}

    def document(self, article: Article) -> Document:
        """``prepare(article, config)``, computed once per article."""
        return self._side(article).doc

    def quotes(self, article: Article) -> tuple[Quote, ...]:
        """``extract_quotes(prepare(article, config), attributor)``, computed once."""
        return self._side(article).quotes

    def serves(self, config: CompareConfig, attributor: QuoteAttributor | None) -> bool:
        """Whether compares under these settings may use the kept work."""
        return attributor is self.attributor and (config is self.config or config == self.config)

    def _side(self, article: Article) -> _Side:
        kept = self._sides.get(id(article))
        if kept is not None and kept[0] is article:
            return kept[1]
        doc, norm = _prepare(article, self.config)
        side = _Side(
            doc,
            norm,
            analyze(doc),
            extract_quotes(doc, self.attributor),
            detect_language(doc.text),
        )
        self._sides[id(article)] = (article, side)  # the article is held: ids stay unique
        return side


def compare(
    a: ArticleLike,
    b: ArticleLike,
    *,
    config: CompareConfig | None = None,
    attributor: QuoteAttributor | None = None,
    prepared: PreparedTexts | None = None,
) -> Comparison:
    """Compare two articles: what B took from A, and every change it made.

    Args:
        a: the reference article (findings read "B relative to A"): an Article, a path
            (``pathlib.Path``) to a .txt/.html/.json file, or the text itself as a str.
        b: the other article, in the same forms.
        config: settings of every stage; defaults to ``CompareConfig()``.
        attributor: quote speaker attribution; defaults to the rule-based one.
        prepared: per-article work kept across compares of the same Article objects
            (``PreparedTexts``, made under the same config and attributor); the result
            is the same without it.

    Returns:
        A Comparison with alignments, findings, direction and boilerplate; spans are
        character offsets into each article's text exactly as read.

    Raises:
        InputError: an input is missing, empty, binary or undecodable.

    Example:
        >>> result = compare("Police said 12 people died.", "Police said 21 people died.")
        >>> [f.kind.value for f in result.findings]
        ['number_changed']
    """
    cfg = config or CompareConfig()
    article_a, article_b = to_article(a, cfg), to_article(b, cfg)
    if prepared is not None and prepared.serves(cfg, attributor):
        side_a, side_b = prepared._side(article_a), prepared._side(article_b)
    else:
        side_a, side_b = _side(article_a, cfg, attributor), _side(article_b, cfg, attributor)
    doc_a, norm_a, an_a, quotes_a = side_a.doc, side_a.norm, side_a.analysis, side_a.quotes
    doc_b, norm_b, an_b, quotes_b = side_b.doc, side_b.norm, side_b.analysis, side_b.quotes
    alignments = SentenceAligner(cfg.align).align(an_a, an_b)
    languages = (side_a.language, side_b.language)
    a_cov = _coverage(an_a, alignments, "a")
    b_cov = _coverage(an_b, alignments, "b")
    identical = _identical(doc_a, doc_b)
    related = identical or _related(alignments, a_cov, b_cov, cfg)
    if not related:
        return _as_read(
            Comparison(
                a=doc_a,
                b=doc_b,
                alignments=(),
                findings=(),
                direction=Direction(None, 0.0, ("the texts share no passage",)),
                related=False,
                verdict=(
                    "no shared text: these articles do not tell the same story"
                    if languages[0] == languages[1]
                    else f"no shared text: A is in {languages[0]}, B in {languages[1]} "
                    "(a translated copy cannot be aligned word by word)"
                ),
                a_coverage=a_cov,
                b_coverage=b_cov,
                quotes_a=quotes_a,
                quotes_b=quotes_b,
                languages=languages,
            ),
            (article_a, norm_a),
            (article_b, norm_b),
        )
    findings = (
        ()
        if identical
        else detect_findings(
            an_a,
            an_b,
            alignments,
            quotes_a,
            quotes_b,
            cfg.findings,
            DETECTORS if languages == ("en", "en") else LANGUAGE_NEUTRAL,
        )
    )
    if not identical and languages == ("en", "en"):
        # headlines are compared with headlines only (never with body text)
        findings = title_findings(doc_a, doc_b, cfg.findings) + findings
    reverse = () if identical else reverse_evidence(an_a, an_b, alignments, quotes_a, quotes_b)
    direction = infer_direction(doc_a, doc_b, findings, reverse, identical=identical)
    if identical:
        verdict = "identical texts"
    else:
        verdict = (
            f"related: {len(alignments)} aligned passages covering {a_cov:.0%} of A "
            f"and {b_cov:.0%} of B; {counted(len(findings), 'finding')}"
        )
        if languages[0] != languages[1]:
            verdict += f"; B is a translated copy ({languages[0]} → {languages[1]})"
        if languages != ("en", "en"):
            verdict += (
                f"; the texts are in {'/'.join(sorted(set(languages)))}: the English-only "
                "checks (attribution, hedges, negation) were not run"
            )
    result = Comparison(
        a=doc_a,
        b=doc_b,
        alignments=alignments,
        findings=findings,
        direction=direction,
        related=True,
        verdict=verdict,
        a_coverage=a_cov,
        b_coverage=b_cov,
        quotes_a=quotes_a,
        quotes_b=quotes_b,
        languages=languages,
    )
    return _as_read(result, (article_a, norm_a), (article_b, norm_b))


def _side(article: Article, cfg: CompareConfig, attributor: QuoteAttributor | None) -> _Side:
    """The per-article work of one compare, not kept."""
    doc, norm = _prepare(article, cfg)
    return _Side(
        doc, norm, analyze(doc), extract_quotes(doc, attributor), detect_language(doc.text)
    )


def _coverage(an: Analysis, alignments: tuple[Alignment, ...], side: str) -> float:
    """Share of a document's content terms inside aligned sentences."""
    total = sum(len(an.terms(i)) for i in range(len(an.tokens)))
    if not total:
        return 0.0
    aligned = {i for al in alignments for i in (al.a_sentences if side == "a" else al.b_sentences)}
    return round(sum(len(an.terms(i)) for i in aligned) / total, 4)


def _related(
    alignments: tuple[Alignment, ...], a_cov: float, b_cov: float, cfg: CompareConfig
) -> bool:
    if not alignments:
        return False
    strong = sum(1 for al in alignments if al.similarity >= 0.5)
    if max(a_cov, b_cov) < cfg.align.related_min_coverage:
        return False
    # two sentences in common, or one that makes up most of a short text
    return strong >= 2 or (strong >= 1 and (len(alignments) >= 2 or min(a_cov, b_cov) >= 0.5))


def _identical(a: Document, b: Document) -> bool:
    """The same headline (when both have one) and the same sentences, once quote marks,
    dashes, ellipses and spacing are unified."""
    ta = [matching_key(s.text) for s in a.sentences]
    tb = [matching_key(s.text) for s in b.sentences]
    if a.title_span and b.title_span:
        ta.append(matching_key(a.text[a.title_span[0] : a.title_span[1]]))
        tb.append(matching_key(b.text[b.title_span[0] : b.title_span[1]]))
    return ta == tb


def _as_read(
    result: Comparison, side_a: tuple[Article, Normalized], side_b: tuple[Article, Normalized]
) -> Comparison:
    """The comparison with every span and text mapped back to the articles as read."""
    (article_a, na), (article_b, nb) = side_a, side_b
    if not na.changed and not nb.changed:
        return result
    ta, tb = article_a.text, article_b.text

    def doc(d: Document, article: Article, n: Normalized) -> Document:
        if not n.changed:
            return d
        text = article.text
        boilerplate = tuple(
            replace(bp, start=s, end=e, text=text[s:e])
            for bp in d.boilerplate
            for s, e in [n.span((bp.start, bp.end))]
        )
        sentences = tuple(
            replace(x, start=s, end=e, text=text[s:e])
            for x in d.sentences
            for s, e in [n.span((x.start, x.end))]
        )
        title = n.span(d.title_span) if d.title_span else None
        return Document(article, boilerplate, sentences, title)

    def opt(n: Normalized, span: Span | None) -> Span | None:
        return None if span is None else n.span(span)

    def quote(q: Quote, n: Normalized, text: str) -> Quote:
        s, e = n.span((q.start, q.end))
        return replace(
            q,
            start=s,
            end=e,
            text=text[s:e],
            speaker_span=opt(n, q.speaker_span),
            attribution_span=opt(n, q.attribution_span),
        )

    findings = []
    for f in result.findings:
        a_span, b_span = opt(na, f.a_span), opt(nb, f.b_span)
        findings.append(
            replace(
                f,
                a_span=a_span,
                b_span=b_span,
                a_text=ta[a_span[0] : a_span[1]] if a_span else None,
                b_text=tb[b_span[0] : b_span[1]] if b_span else None,
            )
        )
    return replace(
        result,
        a=doc(result.a, article_a, na),
        b=doc(result.b, article_b, nb),
        alignments=tuple(
            replace(al, a_span=na.span(al.a_span), b_span=nb.span(al.b_span))
            for al in result.alignments
        ),
        findings=tuple(findings),
        quotes_a=tuple(quote(q, na, ta) for q in result.quotes_a),
        quotes_b=tuple(quote(q, nb, tb) for q in result.quotes_b),
    )
