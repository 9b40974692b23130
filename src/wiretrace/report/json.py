"""The versioned JSON contract of ``wiretrace compare --format json``."""

from __future__ import annotations

from typing import Any

from wiretrace.model import Comparison, Document

#: Bump the minor version for added fields, the major version for changed or removed ones.
#: 1.2 added each side's ``language`` and ``title_span``; 1.3 each story edge's
#: ``direction`` (``known``, ``inferred`` or ``unknown``); 1.4 each finding's
#: ``a_title_span``/``b_title_span``, and a side's ``title`` from its headline line when
#: it has no title field.
SCHEMA_VERSION = "1.4"


def _doc(doc: Document, language: str) -> dict[str, Any]:
    art = doc.article
    headline = doc.text[doc.title_span[0] : doc.title_span[1]] if doc.title_span else None
    return {
        "path": art.path,
        "title": art.title if art.title is not None else headline,
        "url": art.url,
        "outlet": art.outlet,
        "published": art.published.isoformat() if art.published else None,
        "chars": len(art.text),
        "sentences": len(doc.sentences),
        "language": language,
        "title_span": list(doc.title_span) if doc.title_span else None,
    }


def comparison_to_dict(result: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data (see README, "JSON contract")."""
    return {
        "schema_version": SCHEMA_VERSION,
        "a": _doc(result.a, result.languages[0]),
        "b": _doc(result.b, result.languages[1]),
        "related": result.related,
        "verdict": result.verdict,
        "coverage": {"a": result.a_coverage, "b": result.b_coverage},
        "direction": {
            "source": result.direction.source,
            "confidence": result.direction.confidence,
            "reasons": list(result.direction.reasons),
        },
        "boilerplate": {
            side: [
                {"span": [s.start, s.end], "reason": s.reason.value, "text": s.text}
                for s in doc.boilerplate
            ]
            for side, doc in (("a", result.a), ("b", result.b))
        },
        "alignments": [
            {
                "a_span": list(al.a_span),
                "b_span": list(al.b_span),
                "a_sentences": list(al.a_sentences),
                "b_sentences": list(al.b_sentences),
                "similarity": al.similarity,
                "kind": al.kind.value,
            }
            for al in result.alignments
        ],
        "findings": [
            {
                "kind": f.kind.value,
                "a_span": list(f.a_span) if f.a_span else None,
                "b_span": list(f.b_span) if f.b_span else None,
                "a_text": f.a_text,
                "b_text": f.b_text,
                "confidence": f.confidence,
                "explanation": f.explanation,
                "a_title_span": list(f.a_title_span) if f.a_title_span else None,
                "b_title_span": list(f.b_title_span) if f.b_title_span else None,
            }
            for f in result.findings
        ],
    }
