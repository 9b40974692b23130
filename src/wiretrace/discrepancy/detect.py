"""Run the finding detectors (the registry) over two analysed documents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

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
from wiretrace.model import (
    Alignment,
    AlignmentKind,
    Article,
    Document,
    Finding,
    FindingKind,
    Quote,
    Sentence,
)
from wiretrace.text.analysis import Analysis, analyze
from wiretrace.text.normalize import Normalized, matching_key, normalize

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
    """Figures, dates and names changed between two titles.

    A side's title is the headline line of its text (``Document.title_span``,
    ``wiretrace.clean.headline``), else its title field (``Article.title``: the ``title``
    of a JSON record, front matter or a page). A title is kept out of the body and
    compared with the other title only; a reworded title is no finding. Spans on a side
    whose title is its headline line point into the document's text; on a side whose
    title is the field they are None, and ``a_title_span``/``b_title_span`` point into
    the field as read. Explanations start with "in the headlines:" (both headline lines)
    or "in the titles:". Nothing when either side has no title or the two share no
    content word.

    Args:
        a, b: the prepared documents (``wiretrace.compare.prepare``).
        config: thresholds (``min_confidence`` filters as in ``detect_findings``).
    """
    ta, tb = _title_of(a), _title_of(b)
    if ta is None or tb is None:
        return ()
    an_a, an_b = analyze(ta.doc), analyze(tb.doc)
    stems_a = {t.stem for t in an_a.tokens[0] if t.content}
    if not stems_a & {t.stem for t in an_b.tokens[0] if t.content}:
        return ()
    sa, sb = ta.doc.sentences[0], tb.doc.sentences[0]
    pair = Alignment(
        (0,), (0,), (sa.start, sa.end), (sb.start, sb.end), 1.0, AlignmentKind.PARAPHRASE
    )
    found = detect_findings(an_a, an_b, (pair,), (), (), config, TITLE_DETECTORS)
    where = "in the headlines: " if ta.norm is None and tb.norm is None else "in the titles: "
    body_a, body_b = matching_key(_body(a)), matching_key(_body(b))
    return tuple(
        _in_title_field(replace(f, explanation=where + f.explanation), ta, tb)
        for f in found
        if f.confidence >= TITLE_MIN_CONFIDENCE
        and not _from_body(f.b_text, body_a)
        and not _from_body(f.a_text, body_b)
    )


def _body(doc: Document) -> str:
    """The document's text without its headline line (its dateline kept: a place named
    there is named in the text)."""
    if doc.title_span is None:
        return doc.text
    return doc.text[: doc.title_span[0]] + " " + doc.text[doc.title_span[1] :]


def _from_body(words: str | None, other_body: str) -> bool:
    """Whether a title's figure or name stands in the other text's body as well: a title
    that picks another detail of the story than the other title is reworded, not changed
    ("returns to its museum" against "back on view in the town", both in both texts)."""
    if not words:
        return False
    pattern = r"(?<!\w)" + re.escape(matching_key(words)) + r"(?!\w)"
    if re.search(pattern, other_body, re.IGNORECASE) is not None:
        return True
    # a name of several words each of which the other body names ("Veravax: RSV", with
    # "Veravax" and "RSV" both in the other text's body): the title picks other words
    names = [w for w in re.findall(r"[^\W\d_][\w-]*", matching_key(words)) if w[:1].isupper()]
    return len(names) >= 2 and all(
        re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", other_body) is not None for w in names
    )


@dataclass(frozen=True, slots=True)
class _Title:
    """One side's title as a document of one sentence, and (for a title field) the map
    from its working text back to the field as read."""

    doc: Document
    norm: Normalized | None


def _title_of(doc: Document) -> _Title | None:
    """The side's headline line (offsets into its text), else its title field (normalised
    as a text is: ``wiretrace.text.normalize``), else None."""
    if doc.title_span is not None:
        lo, hi = doc.title_span
        sentence = Sentence(0, lo, hi, doc.text[lo:hi])
        return _Title(replace(doc, boilerplate=(), sentences=(sentence,), title_span=None), None)
    field = doc.article.title
    if field is None or not field.strip():
        return None
    norm = normalize(field)
    text = norm.text
    lo = len(text) - len(text.lstrip())
    hi = len(text.rstrip())
    sentence = Sentence(0, lo, hi, text[lo:hi])
    return _Title(Document(Article(text=text), (), (sentence,), None), norm)


def _in_title_field(f: Finding, ta: _Title, tb: _Title) -> Finding:
    """The finding with each side whose title is a field moved from ``*_span`` to
    ``*_title_span`` (offsets into the field as read)."""
    if ta.norm is not None and f.a_span is not None:
        span = ta.norm.span(f.a_span)
        f = replace(f, a_span=None, a_title_span=span, a_text=ta.norm.source[span[0] : span[1]])
    if tb.norm is not None and f.b_span is not None:
        span = tb.norm.span(f.b_span)
        f = replace(f, b_span=None, b_title_span=span, b_text=tb.norm.source[span[0] : span[1]])
    return f


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


def source_quotes_reported(
    findings: tuple[Finding, ...],
    a: Analysis,
    b: Analysis,
    alignments: tuple[Alignment, ...],
    quotes_a: tuple[Quote, ...],
    quotes_b: tuple[Quote, ...],
) -> tuple[Finding, ...]:
    """``findings`` without the fabricated quotes of B that A gives as reported speech,
    for a pair whose source is B (the caller decides that from the direction).

    A quote is fabricated when a copy puts words in quotation marks that its source never
    quoted; the source's own quote, which the copy (A) turned into reported speech ("We
    disagree with the authority's reading of the facts," the counsel said -> "Lumio said
    it would appeal, arguing that the authority had misread the facts"), is the usual
    edit of a rewrite. It counts as reported when an A sentence outside A's quotes, aligned
    with the quote's sentence or a neighbour of it, shares two content words or more with
    the quote (names left out: they say whom it is about). Findings keep their order.
    """
    near: dict[int, set[int]] = {}
    for al in alignments:
        for j in al.b_sentences:
            for k in (j - 1, j, j + 1):
                near.setdefault(k, set()).update(al.a_sentences)
    quoted_a = {q.sentence for q in quotes_a}
    out: list[Finding] = []
    for f in findings:
        q = next(
            (
                q
                for q in quotes_b
                if f.kind is FindingKind.QUOTE_FABRICATED
                and f.b_span
                and q.start <= f.b_span[0] < q.end
            ),
            None,
        )
        if q is not None:
            words = {
                t.stem
                for t in b.tokens[q.sentence]
                if q.start <= t.start < q.end and t.content and not t.capitalized
            }
            if any(
                len(words & {t.stem for t in a.tokens[i] if t.content}) >= 2
                for i in near.get(q.sentence, ())
                if i not in quoted_a
            ):
                continue
        out.append(f)
    return tuple(out)


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
