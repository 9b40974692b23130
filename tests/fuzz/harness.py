"""Run one fuzz case through every reader and through ``compare``; say what went wrong.

The guarantees checked (issue 14): ``iter_articles`` never raises and yields only
``Article`` or ``Skipped`` (with a position); ``read_article`` raises nothing outside the
``WiretraceError`` tree; ``compare`` raises nothing outside it, its spans stay inside
the texts and cut them exactly, and it gives the same result twice.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.fuzz.corpus import FuzzCase, compare_pair
from wiretrace import compare
from wiretrace.errors import WiretraceError
from wiretrace.ingest import read_article
from wiretrace.ingest.sources import Skipped, iter_articles
from wiretrace.model import Article, Comparison
from wiretrace.report import comparison_to_dict

SINGLE = ("txt", "html", "json")


def span_problems(result: Comparison) -> list[str]:
    """Spans out of bounds, or not cutting out the text they claim."""
    out = []
    a, b = result.a.article.text, result.b.article.text
    for f in result.findings:
        for span, text, side in ((f.a_span, f.a_text, a), (f.b_span, f.b_text, b)):
            if span is None:
                continue
            start, end = span
            if not 0 <= start <= end <= len(side):
                out.append(f"finding span {span} outside a text of {len(side)} chars")
            elif text is not None and side[start:end] != text:
                out.append(f"finding span {span} does not cut out {text[:30]!r}")
    for al in result.alignments:
        for (start, end), side in ((al.a_span, a), (al.b_span, b)):
            if not 0 <= start <= end <= len(side):
                out.append(f"alignment span {(start, end)} outside {len(side)} chars")
    for doc in (result.a, result.b):
        text = doc.article.text
        for s in doc.sentences:
            if not (0 <= s.start <= s.end <= len(text) and text[s.start : s.end] == s.text):
                out.append(f"sentence span {(s.start, s.end)} is not exact")
                break
    return out


def check_compare(a: str | Article, b: str | Article, *, twice: bool) -> list[str]:
    """Problems of ``compare(a, b)``: exceptions outside the tree, spans, determinism."""
    try:
        first = compare(a, b)
    except WiretraceError:
        return []
    except Exception as exc:
        return [f"compare raised {type(exc).__name__}: {str(exc)[:200]}"]
    out = span_problems(first)
    if twice:
        again = compare(a, b)
        if json.dumps(comparison_to_dict(first)) != json.dumps(comparison_to_dict(again)):
            out.append("compare gave a different result the second time")
    return out


def check_case(case: FuzzCase, folder: Path, *, twice: bool = False) -> list[str]:
    """Every broken guarantee for one case (empty: all hold). ``folder`` is scratch space."""
    path = folder / case.name
    path.write_bytes(case.data)
    out: list[str] = []
    try:
        items = list(iter_articles([path]))
    except BaseException as exc:  # a KeyboardInterrupt is no finding: let it through
        if isinstance(exc, KeyboardInterrupt):
            raise
        return [f"iter_articles raised {type(exc).__name__}: {str(exc)[:200]}"]
    for item in items:
        if isinstance(item, Skipped):
            if not item.where.startswith(str(path)) or not item.reason:
                out.append(f"a skip without position or reason: {item}")
        elif not isinstance(item, Article) or not item.text.strip():
            out.append(f"not an article: {item!r:.100}")
    if twice:
        again = list(iter_articles([path]))
        if again != items:
            out.append("iter_articles gave a different result the second time")
    if case.kind in SINGLE:
        try:
            read_article(path)
        except WiretraceError:
            pass
        except Exception as exc:
            out.append(f"read_article raised {type(exc).__name__}: {str(exc)[:200]}")
    articles = [i for i in items if isinstance(i, Article)]
    if articles:
        number = int(case.name[4:9])
        clean, _ = compare_pair(number)
        out += check_compare(articles[0], clean, twice=twice)
    path.unlink()
    return out


def check_pair(number: int, *, twice: bool = False) -> list[str]:
    """``compare`` on a clean text and a hostile variant of it (pair ``number``)."""
    a, b = compare_pair(number)
    return check_compare(a, b, twice=twice)
