"""``wiretrace pan-align`` run as a real subprocess on folders of plain documents."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import RunCli, WriteFile
from tests.test_reuse import (
    COPY,
    PLANTED,
    SOURCE,
    SUMMARY_COPY,
    SUMMARY_SOURCE,
    UNRELATED,
    overlaps,
)

Span = tuple[int, int]

#: name -> text of the suspicious and the source documents.
SUSPICIOUS = {
    "suspicious-document00001.txt": COPY,
    "suspicious-document00002.txt": UNRELATED,
    "suspicious-document00003.txt": SUMMARY_COPY,
}
SOURCES = {
    "source-document00001.txt": SOURCE,
    "source-document00002.txt": SUMMARY_SOURCE,
}
#: (suspicious, source, number of passages expected)
PAIRS = (
    ("suspicious-document00001.txt", "source-document00001.txt", 2),
    ("suspicious-document00002.txt", "source-document00001.txt", 0),
    ("suspicious-document00003.txt", "source-document00002.txt", 1),
)

PAN_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "pan13-train"


@pytest.fixture
def corpus(tmp_path: Path, write_file: WriteFile) -> Path:
    """``src/`` and ``susp/`` folders with the documents, in ``tmp_path``."""
    for name, text in SUSPICIOUS.items():
        write_file(f"susp/{name}", text)
    for name, text in SOURCES.items():
        write_file(f"src/{name}", text)
    return tmp_path


def write_pairs(folder: Path, lines: list[str]) -> Path:
    path = folder / "pairs"
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def pan_align(
    run_cli: RunCli, folder: Path, pairs: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    return run_cli(
        "pan-align",
        "--pairs",
        pairs,
        "--src",
        folder / "src",
        "--susp",
        folder / "susp",
        "--out",
        folder / "out",
        *extra,
    )


def features(path: Path) -> list[tuple[Span, Span, str]]:
    """(span in the suspicious document, span in the source, source name) per feature."""
    root = ET.parse(path).getroot()
    out = []
    for f in root.iter("feature"):
        this, source = int(f.get("this_offset", "")), int(f.get("source_offset", ""))
        out.append(
            (
                (this, this + int(f.get("this_length", ""))),
                (source, source + int(f.get("source_length", ""))),
                f.get("source_reference", ""),
            )
        )
    return out


def error_lines(stderr: str, prefix: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(prefix)]


def test_writes_one_xml_per_pair(run_cli: RunCli, corpus: Path) -> None:
    # A blank line in the pairs file is skipped.
    pairs = write_pairs(
        corpus, [f"{s} {r}" for s, r, _ in PAIRS[:2]] + [""] + ["  ".join(PAIRS[2][:2])]
    )

    proc = pan_align(run_cli, corpus, pairs, "--jobs", "2")

    assert proc.returncode == 0, proc.stderr
    assert "wrote 3 of 3 pairs" in proc.stderr
    assert "Traceback" not in proc.stderr
    out = corpus / "out"
    expected = {f"{Path(s).stem}-{Path(r).stem}.xml" for s, r, _ in PAIRS}
    assert {p.name for p in out.iterdir()} == expected  # no temporary files left behind
    for susp, src, count in PAIRS:
        path = out / f"{Path(susp).stem}-{Path(src).stem}.xml"
        assert ET.parse(path).getroot().get("reference") == susp
        found = features(path)
        assert len(found) == count, found
        assert all(name == src for _, _, name in found)
    planted = features(out / "suspicious-document00001-source-document00001.xml")
    for (this, source, _), (in_copy, in_source) in zip(planted, PLANTED.values(), strict=True):
        assert overlaps(this, in_copy)
        assert overlaps(source, in_source)


def test_pairs_line_with_one_name(run_cli: RunCli, corpus: Path) -> None:
    pairs = write_pairs(corpus, [" ".join(PAIRS[0][:2]), "suspicious-document00002.txt"])

    proc = pan_align(run_cli, corpus, pairs)

    assert proc.returncode == 3
    (line,) = error_lines(proc.stderr, "error: ")
    assert f"{pairs}:2:" in line
    assert "expected two file names" in line
    assert "Traceback" not in proc.stderr
    assert not (corpus / "out").exists()  # checked before any pair is aligned


def test_missing_document_fails_alone(run_cli: RunCli, corpus: Path) -> None:
    lines = [" ".join(PAIRS[0][:2]), "suspicious-document00009.txt source-document00001.txt"]
    pairs = write_pairs(corpus, [*lines, " ".join(PAIRS[2][:2])])

    proc = pan_align(run_cli, corpus, pairs, "--jobs", "1")

    assert proc.returncode == 3
    assert "wrote 2 of 3 pairs" in proc.stderr
    (line,) = error_lines(proc.stderr, "failed: ")
    assert "suspicious-document00009.txt" in line
    assert "Traceback" not in proc.stderr
    assert {p.name for p in (corpus / "out").iterdir()} == {
        "suspicious-document00001-source-document00001.xml",
        "suspicious-document00003-source-document00002.xml",
    }


@pytest.mark.parametrize(
    "missing",
    [
        # the folder of source documents
        "src",
        # the folder of suspicious documents
        "susp",
        # the pairs file
        "pairs",
    ],
)
def test_missing_input_is_an_input_error(run_cli: RunCli, corpus: Path, missing: str) -> None:
    pairs = write_pairs(corpus, [" ".join(PAIRS[0][:2])])
    target = corpus / missing
    if target.is_dir():
        for child in target.iterdir():
            child.unlink()
        target.rmdir()
    else:
        target.unlink()

    proc = pan_align(run_cli, corpus, pairs)

    assert proc.returncode == 3
    (line,) = error_lines(proc.stderr, "error: ")
    assert str(target) in line
    assert "Traceback" not in proc.stderr
    assert not (corpus / "out").exists()


# ----------------------------------------------------------------- PAN 2013 training data


def _gold(susp: str, src: str) -> list[tuple[Span, Span, str]]:
    return features(PAN_DIR / "02-no-obfuscation" / f"{Path(susp).stem}-{Path(src).stem}.xml")


@pytest.fixture(scope="module")
def pan13_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[list[str]], Path]:
    """pan-align on the first three pairs of 02-no-obfuscation; (pairs, output folder)."""
    if not (PAN_DIR / "02-no-obfuscation" / "pairs").is_file():
        pytest.skip(f"PAN 2013 training data not found at {PAN_DIR}")
    lines = (PAN_DIR / "02-no-obfuscation" / "pairs").read_text(encoding="utf-8").splitlines()
    pairs = [line.split() for line in lines[:3]]
    folder = tmp_path_factory.mktemp("pan13")
    pairs_file = write_pairs(folder, [" ".join(p) for p in pairs])
    env = {k: v for k, v in os.environ.items() if k != "WIRETRACE_DEBUG"}
    env["NO_COLOR"] = "1"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "wiretrace",
            "pan-align",
            "--pairs",
            str(pairs_file),
            "--src",
            str(PAN_DIR / "src"),
            "--susp",
            str(PAN_DIR / "susp"),
            "--out",
            str(folder / "out"),
            "--jobs",
            "3",
        ],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return pairs, folder / "out"


@pytest.mark.parametrize(
    "index",
    [
        # suspicious-document00005 / source-document01090: the copied passage starts with
        # two sentences that also open the source; the longer true passage must win
        0,
        # suspicious-document00005 / source-document01496: two cases
        1,
        # suspicious-document00005 / source-document02886: two cases
        2,
    ],
)
def test_pan13_gold_cases_are_detected(pan13_run: tuple[list[list[str]], Path], index: int) -> None:
    pairs, out = pan13_run
    susp, src = pairs[index]
    detections = features(out / f"{Path(susp).stem}-{Path(src).stem}.xml")

    gold = _gold(susp, src)

    assert gold
    for this, source, _ in gold:
        assert any(
            overlaps(this, d_this) and overlaps(source, d_source)
            for d_this, d_source, _ in detections
        ), (this, source, detections)


def test_rerun_needs_force_and_inputs_are_never_replaced(run_cli: RunCli, corpus: Path) -> None:
    pairs = write_pairs(corpus, [" ".join(PAIRS[0][:2])])
    assert pan_align(run_cli, corpus, pairs).returncode == 0
    target = next((corpus / "out").iterdir())
    before = target.read_bytes()
    again = pan_align(run_cli, corpus, pairs)
    assert again.returncode == 3 and "--force" in again.stderr
    forced = pan_align(run_cli, corpus, pairs, "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes() == before  # same pair, same XML
