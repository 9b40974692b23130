"""The compare pipeline: clean, segment, align, detect findings, infer direction."""

from __future__ import annotations

import os
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from wiretrace.align import SentenceAligner
from wiretrace.align.windows import pair_windows
from wiretrace.clean import find_boilerplate, headline, kept_regions
from wiretrace.config import CompareConfig
from wiretrace.discrepancy import (
    QuoteAttributor,
    detect_findings,
    extract_quotes,
    reverse_evidence,
)
from wiretrace.discrepancy.detect import (
    DETECTORS,
    LANGUAGE_NEUTRAL,
    source_quotes_reported,
    title_findings,
)
from wiretrace.errors import EmptyInputError, InputTooLargeError
from wiretrace.ingest import read_article
from wiretrace.model import (
    Alignment,
    Article,
    Comparison,
    Direction,
    Document,
    Finding,
    Quote,
    Span,
)
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
        InputTooLargeError: the text has more characters than ``IngestConfig.max_bytes``.
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
    limit = cfg.ingest.max_bytes
    if len(article.text) > limit:
        raise InputTooLargeError(
            f"the text has {len(article.text):,} characters, over the limit of {limit:,} "
            "(IngestConfig.max_bytes, which bounds a text in characters too; raise it in "
            "--config to try anyway)",
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
    attributor; ``compare`` ignores an instance made under another config. With
    ``keep`` set, entries are keyed by the Article's value instead (its text and every
    field: the same article read again from a store is the same entry), the comparisons
    made through it are kept too, and both are bounded: the ``keep`` articles and
    ``4 * keep`` comparisons used last. A process that rebuilds stories as they change
    (the desk's story builder) then redoes only the work of what changed.

    Args:
        config: The settings of the compares it serves.
        attributor: Their quote speaker attribution (default: the rule-based one).
        keep: Keep work across calls for this many articles, by value (0: per object,
            unbounded, no comparisons kept: one story's work).
    """

    def __init__(
        self,
        config: CompareConfig | None = None,
        attributor: QuoteAttributor | None = None,
        *,
        keep: int = 0,
    ) -> None:
        self.config = config or CompareConfig()
        self.attributor = attributor
        self.keep = keep
        self._sides: dict[int, tuple[Article, _Side]] = {}
        self._by_value: OrderedDict[Article, _Side] = OrderedDict()
        self._compared: OrderedDict[tuple[Article, Article], Comparison] = OrderedDict()

    def document(self, article: Article) -> Document:
        """``prepare(article, config)``, computed once per article."""
        return self._side(article).doc

    def analysis(self, article: Article) -> Analysis:
        """``analyze(prepare(article, config))``, computed once per article."""
        return self._side(article).analysis

    def quotes(self, article: Article) -> tuple[Quote, ...]:
        """``extract_quotes(prepare(article, config), attributor)``, computed once."""
        return self._side(article).quotes

    def serves(self, config: CompareConfig, attributor: QuoteAttributor | None) -> bool:
        """Whether compares under these settings may use the kept work."""
        return attributor is self.attributor and (config is self.config or config == self.config)

    def _side(self, article: Article) -> _Side:
        if self.keep:
            found = self._by_value.get(article)
            if found is not None:
                self._by_value.move_to_end(article)
                return found
        else:
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
        if self.keep:
            self._by_value[article] = side
            while len(self._by_value) > self.keep:
                self._by_value.popitem(last=False)
        else:
            self._sides[id(article)] = (article, side)  # the article is held: ids stay unique
        return side

    def _comparison(self, a: Article, b: Article) -> Comparison | None:
        """The kept ``compare(a, b)`` (only with ``keep``)."""
        if not self.keep:
            return None
        found = self._compared.get((a, b))
        if found is not None:
            self._compared.move_to_end((a, b))
        return found

    def _kept(self, a: Article, b: Article, result: Comparison) -> Comparison:
        if self.keep:
            self._compared[(a, b)] = result
            while len(self._compared) > 4 * self.keep:
                self._compared.popitem(last=False)
        return result


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

    A text longer than ``IngestConfig.max_compare_chars`` characters is compared in
    windows (``compare_windowed``): bounded memory, the same kinds of results; pairs
    under that size are compared whole, as always.

    Example:
        >>> result = compare("Police said 12 people died.", "Police said 21 people died.")
        >>> [f.kind.value for f in result.findings]
        ['number_changed']
    """
    cfg = config or CompareConfig()
    article_a, article_b = to_article(a, cfg), to_article(b, cfg)
    if max(len(article_a.text), len(article_b.text)) > cfg.ingest.max_compare_chars:
        (doc_a, norm_a), (doc_b, norm_b) = _prepare(article_a, cfg), _prepare(article_b, cfg)
        result = compare_windowed(doc_a, doc_b, cfg, attributor)
        return _as_read(result, (article_a, norm_a), (article_b, norm_b))
    if prepared is not None and prepared.serves(cfg, attributor):
        kept = prepared._comparison(article_a, article_b)
        if kept is not None:
            return kept
        result = _compare(article_a, article_b, cfg, prepared._side)
        return prepared._kept(article_a, article_b, result)
    return _compare(article_a, article_b, cfg, lambda x: _side(x, cfg, attributor))


#: How sure the direction must be that B is the source before B's quotes that A gives as
#: reported speech stop counting as fabricated (``source_quotes_reported``): one weak cue
#: (a single trimmed quote read the other way, 0.38) is not enough; a credit dateline or
#: publication times (0.8 and more) are. Set between the two.
_SOURCE_B_CONFIDENCE = 0.6


def _compare(
    article_a: Article,
    article_b: Article,
    cfg: CompareConfig,
    side_of: Callable[[Article], _Side],
) -> Comparison:
    """``compare`` of two articles under the size limit, their per-article work from
    ``side_of``."""
    side_a, side_b = side_of(article_a), side_of(article_b)
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
    if direction.source == "b" and direction.confidence >= _SOURCE_B_CONFIDENCE:
        # the source's quotes that the copy gives as reported speech are not fabricated
        kept = source_quotes_reported(findings, an_a, an_b, alignments, quotes_a, quotes_b)
        if len(kept) < len(findings):
            findings = kept
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


def aligned_passages(
    query: Article, others: Sequence[Article], *, config: CompareConfig | None = None
) -> list[tuple[bool, int]]:
    """For each of ``others``: whether ``compare(query, other)`` finds the two texts
    related, and how many passages it aligns then (0 when unrelated). The same values
    as ``compare``'s ``related`` and ``len(alignments)``, from its alignment step alone
    (no findings, direction or quotes, about a quarter of a compare's time) with the
    query prepared once: what ``Corpus.similar`` reports for each hit.

    Args:
        query: The article the others are compared with (side A).
        others: The articles to check (side B each).
        config: Settings of every stage; defaults to ``CompareConfig()``.

    Raises:
        InputError: a text is empty or over ``IngestConfig.max_bytes`` (as ``compare``).

    A pair with a text over ``IngestConfig.max_compare_chars`` goes through ``compare``
    itself (windowed).
    """
    cfg = config or CompareConfig()
    article_a = to_article(query, cfg)
    aligner = SentenceAligner(cfg.align)
    side_a: tuple[Document, Analysis] | None = None
    out: list[tuple[bool, int]] = []
    for other in others:
        article_b = to_article(other, cfg)
        if max(len(article_a.text), len(article_b.text)) > cfg.ingest.max_compare_chars:
            result = compare(article_a, article_b, config=cfg)
            out.append((result.related, len(result.alignments) if result.related else 0))
            continue
        if side_a is None:
            doc_a = _prepare(article_a, cfg)[0]
            side_a = (doc_a, analyze(doc_a))
        doc_b = _prepare(article_b, cfg)[0]
        an_b = analyze(doc_b)
        alignments = aligner.align(side_a[1], an_b)
        identical = _identical(side_a[0], doc_b)
        related = identical or _related(
            alignments, _coverage(side_a[1], alignments, "a"), _coverage(an_b, alignments, "b"), cfg
        )
        out.append((related, len(alignments) if related else 0))
    return out


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
    """The same title (when both have one: a headline line or a title field) and the
    same sentences, once quote marks, dashes, ellipses and spacing are unified."""
    ta = [matching_key(s.text) for s in a.sentences]
    tb = [matching_key(s.text) for s in b.sentences]
    title_a, title_b = _title_text(a), _title_text(b)
    if title_a is not None and title_b is not None:
        ta.append(matching_key(normalize(title_a).text))
        tb.append(matching_key(normalize(title_b).text))
    return ta == tb


def _title_text(doc: Document) -> str | None:
    """The document's title: its headline line, else its title field (None if neither)."""
    if doc.title_span is not None:
        return doc.text[doc.title_span[0] : doc.title_span[1]]
    field = doc.article.title
    return field if field is not None and field.strip() else None


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
                a_text=ta[a_span[0] : a_span[1]] if a_span else f.a_text,
                b_text=tb[b_span[0] : b_span[1]] if b_span else f.b_text,
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


def compare_windowed(
    doc_a: Document,
    doc_b: Document,
    config: CompareConfig | None = None,
    attributor: QuoteAttributor | None = None,
) -> Comparison:
    """Compare two prepared documents window by window, in memory bounded by the
    window size (``AlignConfig.window_chars``) rather than by the texts: what ``compare``
    does with a text over ``IngestConfig.max_compare_chars``.

    A is cut into runs of sentences; each run is aligned, and its findings detected,
    against the stretch of B its word 4-grams point to (``align.windows.pair_windows``).
    Sentence analyses live for one window only. A sentence of B aligned in one window is
    left out of the later ones (alignments stay 1:1 across windows), and a finding on B's
    side only (an unsupported addition, a quote A never has) is kept only when no other
    window aligned its sentence. Text of B that no
    window reaches is counted in B's coverage but not reported sentence by sentence.
    Headlines, quotes, language and direction are taken over the whole texts.

    Spans point into the documents' (working) texts, as ``prepare`` gives them.
    """
    cfg = config or CompareConfig()
    languages = (detect_language(doc_a.text), detect_language(doc_b.text))
    english = languages == ("en", "en")
    detectors = DETECTORS if english else LANGUAGE_NEUTRAL
    quotes_a = extract_quotes(doc_a, attributor)
    quotes_b = extract_quotes(doc_b, attributor)
    identical = _identical(doc_a, doc_b)
    terms_a = np.zeros(len(doc_a.sentences), dtype=np.int64)
    terms_b = np.full(len(doc_b.sentences), -1, dtype=np.int64)
    aligner = SentenceAligner(cfg.align)
    used_b: set[int] = set()
    alignments: list[Alignment] = []
    found: list[tuple[int, Finding]] = []  # (window number, finding)
    aligned_in: dict[int, int] = {}  # B sentence -> the window that aligned it
    reverse: list[Finding] = []
    for number, w in enumerate(pair_windows(doc_a, doc_b, cfg.align.window_chars)):
        a_ids = list(range(w.a_lo, w.a_hi))
        b_ids = [i for i in range(w.b_lo, w.b_hi) if i not in used_b]
        (sub_a, off_a), (sub_b, off_b) = _part(doc_a, a_ids), _part(doc_b, b_ids)
        an_a, an_b = analyze(sub_a), analyze(sub_b)
        terms_a[a_ids] = [len(an_a.terms(k)) for k in range(len(a_ids))]
        if b_ids:
            terms_b[b_ids] = [len(an_b.terms(k)) for k in range(len(b_ids))]
        local = aligner.align(an_a, an_b) if b_ids else ()
        if local and not identical:
            qa, qb = extract_quotes(sub_a, attributor), extract_quotes(sub_b, attributor)
            found.extend(
                (number, _shifted(f, off_a, off_b))
                for f in detect_findings(an_a, an_b, local, qa, qb, cfg.findings, detectors)
            )
            reverse.extend(
                _shifted(f, off_b, off_a) for f in reverse_evidence(an_a, an_b, local, qa, qb)
            )
        for al in local:
            glob_b = tuple(b_ids[k] for k in al.b_sentences)
            used_b.update(glob_b)
            aligned_in.update(dict.fromkeys(glob_b, number))
            alignments.append(
                replace(
                    al,
                    a_sentences=tuple(a_ids[k] for k in al.a_sentences),
                    b_sentences=glob_b,
                    a_span=_shift(al.a_span, off_a),
                    b_span=_shift(al.b_span, off_b),
                )
            )
    missing = np.flatnonzero(terms_b < 0).tolist()  # B text no window reached
    for lo in range(0, len(missing), 2000):
        ids = missing[lo : lo + 2000]
        an = analyze(_part(doc_b, ids)[0])
        terms_b[ids] = [len(an.terms(k)) for k in range(len(ids))]
    alignments.sort(key=lambda al: (al.a_sentences[0], al.b_sentences[0]))
    aligned = tuple(alignments)
    a_cov = _share(terms_a, {i for al in aligned for i in al.a_sentences})
    b_cov = _share(terms_b, used_b)
    related = identical or _related(aligned, a_cov, b_cov, cfg)
    if not related:
        return Comparison(
            a=doc_a,
            b=doc_b,
            alignments=(),
            findings=(),
            direction=Direction(None, 0.0, ("the texts share no passage",)),
            related=False,
            verdict="no shared text: these articles do not tell the same story",
            a_coverage=a_cov,
            b_coverage=b_cov,
            quotes_a=quotes_a,
            quotes_b=quotes_b,
            languages=languages,
        )
    findings = _merge_findings(found, doc_b, aligned_in, cfg.findings.min_confidence)
    if not identical and english:
        findings = title_findings(doc_a, doc_b, cfg.findings) + findings
    direction = infer_direction(doc_a, doc_b, findings, tuple(reverse), identical=identical)
    verdict = (
        "identical texts"
        if identical
        else f"related: {len(aligned)} aligned passages covering {a_cov:.0%} of A and "
        f"{b_cov:.0%} of B; {counted(len(findings), 'finding')} (compared in windows: "
        "the texts are over IngestConfig.max_compare_chars)"
    )
    return Comparison(
        a=doc_a,
        b=doc_b,
        alignments=aligned,
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


def _part(doc: Document, ids: list[int]) -> tuple[Document, int]:
    """The document cut to the text from sentence ``ids[0]`` to ``ids[-1]``, holding only
    the sentences ``ids`` (renumbered from 0, spans into the cut text), no headline or
    boilerplate; and the cut's offset. The detectors then read a window's text only
    (some scan their document's whole text for a name)."""
    if not ids:
        return Document(replace(doc.article, text=""), (), (), None), 0
    lo, hi = doc.sentences[ids[0]].start, doc.sentences[ids[-1]].end
    sentences = tuple(
        replace(
            doc.sentences[i],
            index=k,
            start=doc.sentences[i].start - lo,
            end=doc.sentences[i].end - lo,
        )
        for k, i in enumerate(ids)
    )
    return Document(replace(doc.article, text=doc.text[lo:hi]), (), sentences, None), lo


def _shift(span: Span, offset: int) -> Span:
    return (span[0] + offset, span[1] + offset)


def _shifted(f: Finding, off_a: int, off_b: int) -> Finding:
    """A window's finding with its spans moved back into the whole texts."""
    return replace(
        f,
        a_span=_shift(f.a_span, off_a) if f.a_span else None,
        b_span=_shift(f.b_span, off_b) if f.b_span else None,
    )


def _share(terms: np.ndarray, aligned: set[int]) -> float:
    """Share of the content terms (per sentence) that sit in aligned sentences."""
    total = int(terms.sum())
    if total <= 0:
        return 0.0
    return round(int(terms[sorted(aligned)].sum()) / total, 4) if aligned else 0.0


def _merge_findings(
    found: list[tuple[int, Finding]],
    doc_b: Document,
    aligned_in: dict[int, int],
    min_confidence: float,
) -> tuple[Finding, ...]:
    """The windows' findings, deduplicated, sorted as ``detect_findings`` sorts. A
    finding on B's side only (an unsupported addition, a quote A never has) is dropped
    when its B sentence was aligned by another window: that window saw the A text the
    reporting window did not."""
    starts = [s.start for s in doc_b.sentences]

    def elsewhere(number: int, f: Finding) -> bool:
        if f.a_span is not None or f.b_span is None:
            return False
        k = bisect_right(starts, f.b_span[0]) - 1
        return aligned_in.get(k, number) != number

    seen: set[tuple[object, ...]] = set()
    out: list[Finding] = []
    for number, f in found:
        key = (f.kind, f.a_span, f.b_span)
        if key in seen or f.confidence < min_confidence or elsewhere(number, f):
            continue
        seen.add(key)
        out.append(f)
    out.sort(
        key=lambda f: (
            f.b_span[0] if f.b_span else (f.a_span[0] if f.a_span else 0),
            f.a_span[0] if f.a_span else 0,
        )
    )
    return tuple(out)
