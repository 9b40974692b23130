"""Provenance: which text is the source (direction), and later the derivation graph."""

from wiretrace.provenance.direction import infer_direction

__all__ = ["infer_direction"]
