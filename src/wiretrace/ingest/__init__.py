"""Ingest: read files (.txt, .html, .json) into Article objects with their metadata."""

from wiretrace.ingest.readers import decode_bytes, parse_published, read_article

__all__ = ["decode_bytes", "parse_published", "read_article"]
