"""PAN text-alignment output: one XML file per pair, one feature per detected passage."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from wiretrace.model import Passage


def pan_xml(susp_name: str, src_name: str, passages: tuple[Passage, ...]) -> str:
    """The PAN XML document for one pair (``this`` = suspicious = B, source = A)."""
    lines = [f"<document reference={quoteattr(susp_name)}>"]
    for p in passages:
        lines.append(
            '<feature name="detected-plagiarism"'
            f' this_offset="{p.b_span[0]}" this_length="{p.b_span[1] - p.b_span[0]}"'
            f" source_reference={quoteattr(src_name)}"
            f' source_offset="{p.a_span[0]}" source_length="{p.a_span[1] - p.a_span[0]}"/>'
        )
    lines.append("</document>")
    return "\n".join(lines) + "\n"


def pan_output_name(susp_name: str, src_name: str) -> str:
    """``suspicious-documentXXXXX-source-documentYYYYY.xml``."""
    return f"{Path(susp_name).stem}-{Path(src_name).stem}.xml"
