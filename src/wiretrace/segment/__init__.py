"""Segment: split cleaned text into sentences with character spans (quote-aware)."""

from wiretrace.segment.sentences import is_hard_wrapped, split_sentences

__all__ = ["is_hard_wrapped", "split_sentences"]
