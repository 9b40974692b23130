"""Synthetic news corpora with ground truth, for tests and benchmarks of the corpus engine."""

from wiretrace.synth.generator import (
    SynthConfig,
    SynthCorpus,
    SynthRecord,
    SynthRole,
    generate,
    iter_generate,
    iter_records,
    write_jsonl,
)
from wiretrace.synth.scoring import pairwise_scores, same_label_pairs

__all__ = [
    "SynthConfig",
    "SynthCorpus",
    "SynthRecord",
    "SynthRole",
    "generate",
    "iter_generate",
    "iter_records",
    "pairwise_scores",
    "same_label_pairs",
    "write_jsonl",
]
