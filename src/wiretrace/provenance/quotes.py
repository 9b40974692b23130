"""Quote tracking across a story: each direct quote, its variants per outlet, the earliest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from wiretrace.compare import PreparedTexts
from wiretrace.config import CompareConfig
from wiretrace.discrepancy.quotes import quote_relation, quote_words, same_speaker
from wiretrace.model import Span
from wiretrace.store.base import StoredArticle

#: Quotes shorter than this many words ("a heavy blow") are too generic to track.
MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One article's version of a tracked quote.

    Attributes:
        relation: "original" for the earliest version, else "same", "trimmed" (a part of
            it), "extended" (it inside a longer quote) or "altered" (other words).
        speaker_changed: The speaker differs from the earliest version's.
        span: Character offsets of the quote's words in the article text.
    """

    article_id: str
    outlet: str | None
    published: datetime | None
    text: str
    speaker: str | None
    span: Span
    relation: str
    speaker_changed: bool = False

    @property
    def altered(self) -> bool:
        """Whether this version differs from the earliest in words or speaker."""
        return self.relation in ("trimmed", "extended", "altered") or self.speaker_changed


@dataclass(frozen=True, slots=True)
class TrackedQuote:
    """A quote and its variants across a story, earliest first."""

    text: str
    speaker: str | None
    earliest_id: str
    variants: tuple[QuoteVariant, ...]
    #: The earliest version is in an article derived from another that lacks the quote:
    #: a quote nobody earlier in the chain printed (possibly invented).
    new_in_copy: bool = False

    @property
    def altered(self) -> tuple[QuoteVariant, ...]:
        """The variants that differ from the earliest version."""
        return tuple(v for v in self.variants if v.altered)


def track_quotes(
    articles: Sequence[StoredArticle],
    config: CompareConfig | None = None,
    *,
    parents: Mapping[str, str] | None = None,
    prepared: PreparedTexts | None = None,
) -> list[TrackedQuote]:
    """Group the direct quotes of a story's articles into variants of one quote each:
    same words, a trimmed part, an extension, or altered words (word-level similarity of
    at least 0.6). Returns quotes in order of first appearance.

    Args:
        articles: The story's articles, sources before copies (earliest first).
        config: Settings for cleaning and segmenting.
        parents: Copy id -> source id (the derivation edges), to flag quotes that first
            appear in a copy.
        prepared: The articles' cleaned texts and quotes when already made (under
            ``config``, e.g. by ``derive``); made here otherwise.
    """
    cfg = config or CompareConfig()
    memo = prepared if prepared is not None and prepared.serves(cfg, None) else PreparedTexts(cfg)
    groups: list[tuple[list[str], list[QuoteVariant]]] = []
    for item in articles:
        taken: set[int] = set()
        for quote in memo.quotes(item.article):
            words = quote_words(quote.text)
            if len(words) < MIN_WORDS:
                continue
            best, best_score, relation = -1, 0.0, ""
            for index, (original, _) in enumerate(groups):
                if index in taken:
                    continue
                kind, score = quote_relation(original, words)
                back, back_score = quote_relation(words, original)
                if back == "trimmed" and back_score > score:
                    kind, score = "extended", back_score
                if kind != "unrelated" and score > best_score:
                    best, best_score, relation = index, score, kind
            a = item.article
            first = groups[best][1][0] if best >= 0 else None
            variant = QuoteVariant(
                item.id,
                a.outlet,
                a.published,
                quote.text,
                quote.speaker,
                (quote.start, quote.end),
                relation if first else "original",
                speaker_changed=bool(first and same_speaker(first.speaker, quote.speaker) is False),
            )
            if first is None:
                groups.append((words, [variant]))
                best = len(groups) - 1
            else:
                groups[best][1].append(variant)
            taken.add(best)
    return [
        TrackedQuote(
            text=variants[0].text,
            speaker=variants[0].speaker,
            earliest_id=variants[0].article_id,
            variants=tuple(variants),
            new_in_copy=bool(parents and variants[0].article_id in parents),
        )
        for _, variants in groups
    ]
