"""Compare over the size threshold: the windowed path (``compare_windowed``), through the
Python API and a real ``wiretrace compare`` subprocess with a lowered threshold."""

from __future__ import annotations

import json

from tests.cli.test_readable import REWRITE, WIRE
from tests.conftest import RunCli, WriteFile
from tests.utils.texts import ORCHID
from wiretrace import compare
from wiretrace.config import AlignConfig, CompareConfig, IngestConfig

#: Over the threshold with windows of a few sentences: many window edges on a ~600-word pair.
SMALL_WINDOWS = CompareConfig(
    ingest=IngestConfig(max_compare_chars=1000), align=AlignConfig(window_chars=700)
)
SETTINGS = "[ingest]\nmax_compare_chars = 1000\n\n[align]\nwindow_chars = 700\n"


def _keys(result: object) -> list[tuple[str, object, object]]:
    findings = result.findings  # type: ignore[attr-defined]
    return [(f.kind.value, f.a_span, f.b_span) for f in findings]


def test_windowed_compare_finds_what_the_whole_compare_finds() -> None:
    whole = compare(WIRE, REWRITE)
    windowed = compare(WIRE, REWRITE, config=SMALL_WINDOWS)
    assert "compared in windows" in windowed.verdict
    assert "compared in windows" not in whole.verdict  # under the threshold: whole
    assert _keys(windowed) == _keys(whole) != []
    assert [(al.a_sentences, al.b_sentences) for al in windowed.alignments] == [
        (al.a_sentences, al.b_sentences) for al in whole.alignments
    ]
    assert windowed.a_coverage == whole.a_coverage and windowed.b_coverage == whole.b_coverage
    assert windowed.direction.source == whole.direction.source
    for f in windowed.findings:  # spans point into the texts as given
        if f.b_span:
            assert REWRITE[f.b_span[0] : f.b_span[1]] == f.b_text


def test_windowed_unrelated_texts_share_nothing() -> None:
    result = compare(WIRE, " ".join(ORCHID * 8), config=SMALL_WINDOWS)
    assert not result.related and result.findings == ()


def test_cli_compares_over_the_threshold_in_windows(run_cli: RunCli, write_file: WriteFile) -> None:
    a, b = write_file("wire.txt", WIRE), write_file("rewrite.txt", REWRITE)
    settings = write_file("settings.toml", SETTINGS)
    whole = json.loads(run_cli("compare", a, b, "-f", "json").stdout)
    result = run_cli("compare", a, b, "-f", "json", "--config", settings)
    assert result.returncode == 0, result.stderr
    windowed = json.loads(result.stdout)
    assert "compared in windows" in windowed["verdict"]
    assert windowed["findings"] == whole["findings"]
    shown = run_cli("compare", a, b, "--findings-only", "--config", settings)
    assert shown.returncode == 0 and "number_changed" in shown.stdout
