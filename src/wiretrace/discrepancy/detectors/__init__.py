"""Finding detectors, one module per family, behind the ``Detector`` interface."""

from wiretrace.discrepancy.detectors.attribution import AttributionDetector
from wiretrace.discrepancy.detectors.base import Context, Detector, make_sides, token_opcodes
from wiretrace.discrepancy.detectors.coverage import CoverageDetector
from wiretrace.discrepancy.detectors.figures import FigureDetector
from wiretrace.discrepancy.detectors.names import NameDetector
from wiretrace.discrepancy.detectors.polarity import PolarityDetector
from wiretrace.discrepancy.detectors.quotes import QuoteDetector

__all__ = [
    "AttributionDetector",
    "Context",
    "CoverageDetector",
    "Detector",
    "FigureDetector",
    "NameDetector",
    "PolarityDetector",
    "QuoteDetector",
    "make_sides",
    "token_opcodes",
]
