"""Report: render a Comparison as JSON (the versioned contract), Rich text or HTML."""

from wiretrace.report.html import render_html, render_html_many
from wiretrace.report.json import SCHEMA_VERSION, comparison_to_dict

__all__ = ["SCHEMA_VERSION", "comparison_to_dict", "render_html", "render_html_many"]
