"""Verbatim runs of narration: a short item that lifts one sentence of its source is a
copy; two reports that quote one statement in full are not."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.utils.factories import make_document, stored
from wiretrace import Article
from wiretrace.provenance.graph import derive
from wiretrace.provenance.runs import RUN_WORDS, longest_run, narration_words

WIRE = (
    "Harbour pilots in Tessaly refused to guide tankers into the port of Merrin on Monday "
    "after a pay dispute with the port authority broke down late on Sunday night.\n\n"
    "The authority said 14 ships were waiting at anchor outside the breakwater and that "
    "fuel deliveries to the eastern provinces would slow within days. Talks are due to "
    "resume on Thursday, a spokesman for the pilots' association said.\n\n"
    "The association's chair, Ilse Varga, said: \"We have asked for the same terms for three "
    'years and the authority has not moved a single step towards us."'
)
#: A short item: the wire's lead word for word, then its own sentences.
SHORT_ITEM = (
    "Harbour pilots in Tessaly refused to guide tankers into the port of Merrin on Monday "
    "after a pay dispute with the port authority broke down late on Sunday night. Shipping "
    "agents in the region expect delays across the coast. Our reporter will follow the "
    "story through the week. In other news from the province, the ferry to Oslen resumes "
    "its winter timetable, the museum in Varde opens a new wing for textiles, and the "
    "football club of Kessel named a new coach after a poor start to the season. Readers "
    "can send tips to the newsroom by email or by the form on our website."
)
#: An independent report: its own words, the same quote in full.
INDEPENDENT = (
    "Tanker traffic at Merrin came to a halt as pilots walked out over wages, leaving more "
    "than a dozen vessels idle offshore.\n\n"
    '"We have asked for the same terms for three years and the authority has not moved a '
    "single step towards us,\" Ilse Varga, who chairs the pilots' association, told "
    "reporters at the harbour gate.\n\n"
    "Refinery managers in the east warned customers that stocks of diesel would last about "
    "a week. The regional governor urged both sides to accept mediation, and dock workers "
    "in two other towns said they would hold meetings on joining the stoppage."
)


def test_narration_words_leave_quotes_out() -> None:
    words = narration_words(make_document(INDEPENDENT))
    assert "\x00" in words
    assert "single" not in words
    assert words[:3] == ["tanker", "traffic", "at"]


def test_shared_quote_is_no_run_and_lifted_lead_is() -> None:
    wire = narration_words(make_document(WIRE))
    assert longest_run(wire, narration_words(make_document(INDEPENDENT))) < RUN_WORDS
    assert longest_run(wire, narration_words(make_document(SHORT_ITEM))) >= 26


def test_break_markers_never_match_each_other() -> None:
    first = ["a", "\x00", "\x00", "b"]
    assert longest_run(first, ["\x00", "\x00"]) == 0


def test_short_item_lifting_the_lead_is_a_copy_and_the_quoting_report_is_not() -> None:
    when = datetime(2026, 3, 2, 8, tzinfo=UTC)
    members = [
        stored(Article(id="wire", text=WIRE, published=when)),
        stored(Article(id="short", text=SHORT_ITEM, published=when.replace(hour=11))),
        stored(Article(id="other", text=INDEPENDENT, published=when.replace(hour=12))),
    ]
    graph = derive(members, compare_edges=False)
    edges = {(e.source_id, e.target_id): e for e in graph.edges}
    assert set(edges) == {("wire", "short")}
    assert any("run of" in r and "outside quotes" in r for r in edges[("wire", "short")].reasons)
