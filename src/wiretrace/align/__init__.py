"""Align: pair sentences of two documents (1:1, 1:n, n:1) by a global assignment."""

from wiretrace.align.sentences import SentenceAligner, SimilarityMatrix

__all__ = ["SentenceAligner", "SimilarityMatrix"]
