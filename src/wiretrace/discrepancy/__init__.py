"""Discrepancy: typed findings (names, numbers, dates, quotes, attribution, hedges, ...)."""

from wiretrace.discrepancy.detect import detect_findings, reverse_evidence
from wiretrace.discrepancy.detectors import Context, Detector
from wiretrace.discrepancy.quotes import QuoteAttributor, RuleBasedAttributor, extract_quotes

__all__ = [
    "Context",
    "Detector",
    "QuoteAttributor",
    "RuleBasedAttributor",
    "detect_findings",
    "extract_quotes",
    "reverse_evidence",
]
