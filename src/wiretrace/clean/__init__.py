"""Clean: find page furniture (link lists, headline lists, bylines) and keep its offsets."""

from wiretrace.clean.boilerplate import find_boilerplate, kept_regions

__all__ = ["find_boilerplate", "kept_regions"]
