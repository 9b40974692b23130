"""Typed model objects passed between stages: articles, spans, alignments, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal

#: A half-open ``[start, end)`` range of character offsets into an article's text.
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its text exactly as read (after decoding) and its metadata."""

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    path: str | None = None
    #: ``published`` was recovered (from the URL or the page's metadata), not given.
    published_inferred: bool = False


class BoilerplateReason(StrEnum):
    """Why a span of an article was removed before alignment."""

    RELATED_LINKS = "related_links"
    TRAILING_HEADLINES = "trailing_headlines"
    TITLE_FRAGMENT = "title_fragment"
    BYLINE = "byline"
    DATELINE = "dateline"
    PHOTO_CREDIT = "photo_credit"
    EDITORS_NOTE = "editors_note"


@dataclass(frozen=True, slots=True)
class BoilerplateSpan:
    """A removed span of page furniture, with its reason."""

    start: int
    end: int
    reason: BoilerplateReason
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article with its character span in the article text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """An article after cleaning and segmentation: what the aligner works on."""

    article: Article
    boilerplate: tuple[BoilerplateSpan, ...]
    sentences: tuple[Sentence, ...]
    #: The headline line (``wiretrace.clean.headline``), kept out of the sentences: a
    #: headline's compressed wording is never compared with body text.
    title_span: Span | None = None

    @property
    def text(self) -> str:
        """The article text exactly as read; all spans point into it."""
        return self.article.text

    @property
    def title(self) -> str | None:
        """The article's title as given, else its headline line (``title_span``), else
        None: what the compare outputs (text, JSON, HTML) call the article."""
        if self.article.title:
            return self.article.title
        if self.title_span:
            return self.text[self.title_span[0] : self.title_span[1]].strip() or None
        return None


class AlignmentKind(StrEnum):
    """How closely two aligned passages agree in wording."""

    VERBATIM = "verbatim"
    NEAR_VERBATIM = "near_verbatim"
    PARAPHRASE = "paraphrase"


@dataclass(frozen=True, slots=True)
class Alignment:
    """Sentences of A paired with sentences of B (1:1, 1:n or n:1), with their spans."""

    a_sentences: tuple[int, ...]
    b_sentences: tuple[int, ...]
    a_span: Span
    b_span: Span
    similarity: float
    kind: AlignmentKind


class DerivationKind(StrEnum):
    """How a copy was made from its source (a contract string: story JSON, HTTP API, Spark).

    ``verbatim``: the copy's text is the source's (>= 80% of its word 5-grams);
    ``light_edit``: mostly the source's words, some changed (30-80%);
    ``spun``: nearly every sentence kept in order with most words swapped (< 30%);
    ``paraphrase``: the source's sentences in order, rewritten and partly restructured;
    ``condensed``: a shorter rewrite keeping part of the source's sentences in order.
    """

    VERBATIM = "verbatim"
    LIGHT_EDIT = "light_edit"
    SPUN = "spun"
    PARAPHRASE = "paraphrase"
    CONDENSED = "condensed"


class EdgeDirection(StrEnum):
    """How a derivation edge's direction was decided (a contract string: story JSON, HTTP
    API, the ``edges`` table of ``batch``/``export``).

    ``known``: both publication times are known (given, or recovered from the URL or the
    page) and differ: the earlier is the source;
    ``inferred``: no usable times; the textual cues (``provenance.vote``) reached their
    margin;
    ``unknown``: no usable times and the cues too weak: the arrow is drawn the way they
    lean (or from the fuller text) only so that the story has one forest.
    """

    KNOWN = "known"
    INFERRED = "inferred"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Passage:
    """A reused passage: a stretch of A and the stretch of B taken from it."""

    a_span: Span
    b_span: Span
    a_sentences: tuple[int, int]  # first and last sentence index, inclusive
    b_sentences: tuple[int, int]
    similarity: float
    seeds: int


class FindingKind(StrEnum):
    """The fixed vocabulary of changes a rewrite can make."""

    ENTITY_CHANGED = "entity_changed"
    NUMBER_CHANGED = "number_changed"
    DATE_CHANGED = "date_changed"
    QUOTE_ALTERED = "quote_altered"
    QUOTE_TRIMMED = "quote_trimmed"
    QUOTE_FABRICATED = "quote_fabricated"
    ATTRIBUTION_DROPPED = "attribution_dropped"
    ATTRIBUTION_CHANGED = "attribution_changed"
    HEDGE_CHANGED = "hedge_changed"
    NEGATION_CHANGED = "negation_changed"
    UNSUPPORTED_ADDITION = "unsupported_addition"
    OMISSION = "omission"

    @property
    def family(self) -> FindingFamily:
        """The family of this kind (one detector module per family)."""
        return FAMILY_OF[self]


class FindingFamily(StrEnum):
    """Groups of finding kinds, one per detector module."""

    QUOTES = "quotes"
    ATTRIBUTION = "attribution"
    NUMBERS_AND_DATES = "numbers_and_dates"
    NAMES = "names"
    HEDGES_AND_NEGATION = "hedges_and_negation"
    COVERAGE = "coverage"


#: The family of each finding kind.
FAMILY_OF: dict[FindingKind, FindingFamily] = {
    FindingKind.ENTITY_CHANGED: FindingFamily.NAMES,
    FindingKind.NUMBER_CHANGED: FindingFamily.NUMBERS_AND_DATES,
    FindingKind.DATE_CHANGED: FindingFamily.NUMBERS_AND_DATES,
    FindingKind.QUOTE_ALTERED: FindingFamily.QUOTES,
    FindingKind.QUOTE_TRIMMED: FindingFamily.QUOTES,
    FindingKind.QUOTE_FABRICATED: FindingFamily.QUOTES,
    FindingKind.ATTRIBUTION_DROPPED: FindingFamily.ATTRIBUTION,
    FindingKind.ATTRIBUTION_CHANGED: FindingFamily.ATTRIBUTION,
    FindingKind.HEDGE_CHANGED: FindingFamily.HEDGES_AND_NEGATION,
    FindingKind.NEGATION_CHANGED: FindingFamily.HEDGES_AND_NEGATION,
    FindingKind.UNSUPPORTED_ADDITION: FindingFamily.COVERAGE,
    FindingKind.OMISSION: FindingFamily.COVERAGE,
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One change between A and B, with the evidence on both sides."""

    kind: FindingKind
    a_span: Span | None
    b_span: Span | None
    a_text: str | None
    b_text: str | None
    confidence: float
    explanation: str
    #: The span of a side's change in the article's title field (``Article.title``,
    #: offsets into it as read) when the change lies there rather than in its text; that
    #: side's ``a_span``/``b_span`` is then None (titles are compared with titles only).
    a_title_span: Span | None = None
    b_title_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Direction:
    """Which text is more likely the source, how sure, and why."""

    source: Literal["a", "b"] | None
    confidence: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote: the words inside the marks, and who is said to have said them."""

    start: int
    end: int
    text: str
    sentence: int
    speaker: str | None = None
    speaker_span: Span | None = None
    attribution: str | None = None
    attribution_span: Span | None = None
    intermediary: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything ``compare(a, b)`` found: alignments, findings, direction, boilerplate."""

    a: Document
    b: Document
    alignments: tuple[Alignment, ...]
    findings: tuple[Finding, ...]
    direction: Direction
    related: bool
    verdict: str
    a_coverage: float = 0.0
    b_coverage: float = 0.0
    quotes_a: tuple[Quote, ...] = field(default=())
    quotes_b: tuple[Quote, ...] = field(default=())
    #: ISO 639-1 codes of A's and B's language (``wiretrace.text.language``).
    languages: tuple[str, str] = ("en", "en")
