"""wiretrace: follow a news story from the wire report to every rewrite of it."""

from wiretrace.compare import compare, prepare
from wiretrace.config import (
    AlignConfig,
    CandidatesConfig,
    CleanConfig,
    CompareConfig,
    FindingsConfig,
    IngestConfig,
    PassageConfig,
    SegmentConfig,
    StoriesConfig,
)
from wiretrace.corpus import Corpus
from wiretrace.errors import (
    BinaryInputError,
    ConfigError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputFormatError,
    InputNotFoundError,
    InputTooLargeError,
    MissingDependencyError,
    NotFoundError,
    StoreError,
    WiretraceError,
)
from wiretrace.ingest import read_article
from wiretrace.model import (
    Alignment,
    AlignmentKind,
    Article,
    BoilerplateReason,
    BoilerplateSpan,
    Comparison,
    Direction,
    Document,
    Finding,
    FindingKind,
    Passage,
    Quote,
    Sentence,
)
from wiretrace.report import comparison_to_dict
from wiretrace.reuse import find_reuse

__version__ = "0.1.0"

__all__ = [
    "AlignConfig",
    "Alignment",
    "AlignmentKind",
    "Article",
    "BinaryInputError",
    "BoilerplateReason",
    "BoilerplateSpan",
    "CandidatesConfig",
    "CleanConfig",
    "CompareConfig",
    "Comparison",
    "ConfigError",
    "Corpus",
    "Direction",
    "Document",
    "EmptyInputError",
    "EncodingError",
    "Finding",
    "FindingKind",
    "FindingsConfig",
    "IngestConfig",
    "InputError",
    "InputFormatError",
    "InputNotFoundError",
    "InputTooLargeError",
    "MissingDependencyError",
    "NotFoundError",
    "Passage",
    "PassageConfig",
    "Quote",
    "SegmentConfig",
    "Sentence",
    "StoreError",
    "StoriesConfig",
    "WiretraceError",
    "__version__",
    "compare",
    "comparison_to_dict",
    "find_reuse",
    "prepare",
    "read_article",
]
