"""Clean: find page furniture (link lists, headline lists, bylines) and keep its offsets."""

from wiretrace.clean.boilerplate import find_boilerplate, kept_regions
from wiretrace.clean.headline import headline

__all__ = ["find_boilerplate", "headline", "kept_regions"]
