"""The change summary in the story reports: the standalone HTML page and the text view."""

from __future__ import annotations

import io

from rich.console import Console

from wiretrace.compare import compare
from wiretrace.model import Article
from wiretrace.provenance.changes import ChangeSummary, summarize_changes
from wiretrace.report.stories import changes_html, changes_to_dict, render_changes_text

WIRE = (
    "Nearly 300 people were treated after the leak, officials said on Wednesday. "
    '"This was a failure of basic maintenance," Health Minister Pavel Ostrander said. '
    "The plant in Orvale employs 120 workers."
)


def _summary() -> ChangeSummary:
    earliest = Article(text=WIRE, id="wire", outlet="Wire <b>Desk</b>")
    copy = Article(
        text=WIRE.replace("Nearly 300", "Nearly 400").replace(
            " The plant in Orvale employs 120 workers.", ""
        )
        + " Residents queued for <script>water</script> all night.",
        id="copy",
        outlet="Copy <i>Times</i>",
    )
    result = compare(earliest, copy)
    return summarize_changes(result.a, "wire", [("copy", result)])


def _text(summary: ChangeSummary) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(render_changes_text(summary))
    return console.export_text()


def test_standalone_html_lists_each_fact_and_its_fate_escaped() -> None:
    summary = _summary()
    html = changes_html(summary)
    assert "What changed from the earliest version" in html
    assert "Wire &lt;b&gt;Desk&lt;/b&gt;" in html  # the earliest outlet, escaped
    assert "Copy &lt;i&gt;Times&lt;/i&gt;: “Nearly 400”" in html  # changed, to what
    assert "<script>" not in html and "&lt;script&gt;" in html  # a claim only in the copy
    rows = html.split("<tr>")[2:]
    kinds = ("figure", "name", "quote", "attribution")
    facts = [r for r in rows if any(f"<td>{k}</td>" in r for k in kinds)]
    kept = ["<td>—</td><td>—</td><td>Copy" in r for r in facts]
    assert kept == sorted(kept) and True in kept and False in kept  # moved facts first
    dropped = next(r for r in rows if "<td>120</td>" in r)
    assert "<td>Copy &lt;i&gt;Times&lt;/i&gt;</td><td>—</td></tr>" in dropped
    assert "Claims only in copies" in html
    # the same facts as the story JSON's `changes`
    data = changes_to_dict(summary)
    assert len(facts) == len(data["facts"])
    assert all(f"<td>{f['kind']}</td>" in html for f in data["facts"])


def test_text_view_lists_changed_and_dropped_and_counts_the_rest() -> None:
    text = _text(_summary())
    assert "figure: Nearly 300" in text and "Nearly 400" in text  # changed, to what
    assert "figure: 120" in text  # dropped
    assert "more facts kept by every copy" in text  # the quote, counted not listed
    assert "Only in copies" in text and "all night" in text


def test_text_view_with_nothing_changed_says_so_without_an_empty_table() -> None:
    earliest = Article(text=WIRE, id="wire", outlet="Wire")
    result = compare(earliest, Article(text=WIRE + " ", id="copy", outlet="Copy"))
    text = _text(summarize_changes(result.a, "wire", [("copy", result)]))
    assert "kept by every copy" in text and "What the copies did" not in text
