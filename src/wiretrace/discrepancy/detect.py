"""Run the finding detectors (the registry) over two analysed documents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from wiretrace.config import FindingsConfig
from wiretrace.discrepancy.detectors import (
    AttributionDetector,
    Context,
    CoverageDetector,
    Detector,
    FigureDetector,
    NameDetector,
    PolarityDetector,
    QuoteDetector,
    make_sides,
)
from wiretrace.model import Alignment, AlignmentKind, Document, Finding, Quote, Sentence, Span
from wiretrace.text.analysis import Analysis, analyze

#: The detectors ``detect_findings`` runs, in order. Coverage comes last: it leaves out
#: clauses that a more specific finding of an earlier detector already explains.
DETECTORS: tuple[Detector, ...] = (
    QuoteDetector(),
    AttributionDetector(),
    FigureDetector(),
    NameDetector(),
    PolarityDetector(),
    CoverageDetector(),
)

#: The detectors that need no English word lists (attribution verbs, hedge and negation
#: cues are English): what runs on a pair that is not in English.
LANGUAGE_NEUTRAL: tuple[Detector, ...] = (
    QuoteDetector(),
    FigureDetector(),
    NameDetector(),
    CoverageDetector(),
)

#: The detectors whose findings, read the other way (A relative to B), are evidence of
#: direction: a trimmed quote or a dropped relay in A points to B as the source.
REVERSE_DETECTORS: tuple[Detector, ...] = (QuoteDetector(), AttributionDetector())


def detect_findings(
    a: Analysis,
    b: Analysis,
    alignments: tuple[Alignment, ...],
    quotes_a: tuple[Quote, ...],
    quotes_b: tuple[Quote, ...],
    config: FindingsConfig | None = None,
    detectors: Sequence[Detector] = DETECTORS,
) -> tuple[Finding, ...]:
    """All findings of B relative to A, sorted by position in B then A.

    Args:
        a, b: the analysed documents (``wiretrace.text.analysis.analyze``).
        alignments: their aligned passages.
        quotes_a, quotes_b: the direct quotes of each (``extract_quotes``).
        config: thresholds; ``min_confidence`` filters the findings and changes nothing
            else. Defaults to ``FindingsConfig()``.
        detectors: the detectors to run, in order (default: ``DETECTORS``).

    Confidences are heuristic scores in [0, 1], not calibrated probabilities.
    """
    cfg = config or FindingsConfig()
    sa, sb = make_sides(a, b, quotes_a, quotes_b)
    ctx = Context(sa, sb, alignments, cfg)
    found: list[Finding] = []
    for detector in detectors:
        found.extend(detector.detect(ctx, found))
    # dedupe first: a setting that filters must never change which report of a change
    # is kept (the first one), only whether it is shown
    out = [f for f in _dedupe(found) if f.confidence >= cfg.min_confidence]
    out.sort(
        key=lambda f: (
            f.b_span[0] if f.b_span else (f.a_span[0] if f.a_span else 0),
            f.a_span[0] if f.a_span else 0,
        )
    )
    return tuple(out)


#: The detectors run on a pair of headlines: figures, dates and names. A headline's
#: compressed wording ("At least 14 hurt" against "14 injured") says nothing about hedges,
#: attribution or coverage.
TITLE_DETECTORS: tuple[Detector, ...] = (FigureDetector(), NameDetector())
#: Headline findings below this confidence (a figure paired only because it was the one
#: left, a spelling variant) are left out: headlines compress too much to trust them.
TITLE_MIN_CONFIDENCE = 0.8


def title_findings(
    a: Document, b: Document, config: FindingsConfig | None = None
) -> tuple[Finding, ...]:
    """Figures, dates and names changed between two headlines.

    A headline (``Document.title_span``, ``wiretrace.clean.headline``) is kept out of the
    body and compared with the other headline only. Spans point into each document's
    text; explanations start with "in the headlines:". Nothing when either text has no
    headline or the two headlines share no content word.

    Args:
        a, b: the prepared documents (``wiretrace.compare.prepare``).
        config: thresholds (``min_confidence`` filters as in ``detect_findings``).
    """
    if a.title_span is None or b.title_span is None:
        return ()
    an_a, an_b = analyze(_title_only(a, a.title_span)), analyze(_title_only(b, b.title_span))
    stems_a = {t.stem for t in an_a.tokens[0] if t.content}
    if not stems_a & {t.stem for t in an_b.tokens[0] if t.content}:
        return ()
    pair = Alignment((0,), (0,), a.title_span, b.title_span, 1.0, AlignmentKind.PARAPHRASE)
    found = detect_findings(an_a, an_b, (pair,), (), (), config, TITLE_DETECTORS)
    return tuple(
        replace(f, explanation="in the headlines: " + f.explanation)
        for f in found
        if f.confidence >= TITLE_MIN_CONFIDENCE
    )


def _title_only(doc: Document, span: Span) -> Document:
    """The document with its headline as its only sentence (offsets unchanged)."""
    sentence = Sentence(0, span[0], span[1], doc.text[span[0] : span[1]])
    return Document(article=doc.article, boilerplate=(), sentences=(sentence,), title_span=None)


def reverse_evidence(
    a: Analysis,
    b: Analysis,
    alignments: tuple[Alignment, ...],
    quotes_a: tuple[Quote, ...],
    quotes_b: tuple[Quote, ...],
) -> tuple[Finding, ...]:
    """Quote and attribution findings of A relative to B: the reverse reading, used only
    as evidence of direction (a trimmed quote or a dropped relay in A points to B)."""
    sb, sa = make_sides(b, a, quotes_b, quotes_a)
    swapped = tuple(
        Alignment(al.b_sentences, al.a_sentences, al.b_span, al.a_span, al.similarity, al.kind)
        for al in alignments
    )
    ctx = Context(sb, sa, swapped, FindingsConfig(), reverse=True)
    found: list[Finding] = []
    for detector in REVERSE_DETECTORS:
        found.extend(detector.detect(ctx, found))
    return tuple(found)


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Findings with a (kind, a_span, b_span) seen before left out (the first one kept)."""
    seen: set[tuple[object, ...]] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.kind, f.a_span, f.b_span)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
