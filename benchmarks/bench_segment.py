"""Sentence edges: our splitter against pysbd and syntok on the cases of our tests, and speed.

The cases are the sentence-edge cases of ``tests/segment/test_sentences.py`` plus more of the
same kinds (fictional text): abbreviations that end a sentence or never do, initials,
decimals and times, quotes with sentence ends inside, brackets, ellipses, paragraphs. A
case counts as right when the splitter gives exactly the expected sentences (compared
with whitespace collapsed). Speed: median ms to split ~800 words of our own articles.

pysbd and syntok are peers for measuring only, not dependencies of wiretrace; install
them where this script can import them, e.g.
``.venv/bin/pip install --target /tmp/seglibs pysbd==0.3.4 syntok==1.4.4`` and run with
``PYTHONPATH=/tmp/seglibs``. A peer that is not installed is reported as such.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wiretrace import read_article
from wiretrace.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _results  # noqa: E402

#: (text, expected sentences): the splitter's hard cases.
CASES: list[tuple[str, list[str]]] = [
    (
        "Mr. Keller met Dr. Varga in the U.S. capital on Monday. They spoke for an hour.",
        ["Mr. Keller met Dr. Varga in the U.S. capital on Monday.", "They spoke for an hour."],
    ),
    (
        "The report was written by J. R. Hollis and A. Pell. It runs to 40 pages.",
        ["The report was written by J. R. Hollis and A. Pell.", "It runs to 40 pages."],
    ),
    (
        '"We will rebuild. We always do," Keller said. The crowd cheered.',
        ['"We will rebuild. We always do," Keller said.', "The crowd cheered."],
    ),
    ('"Stop!" he said. Nobody moved.', ['"Stop!" he said.', "Nobody moved."]),
    (
        "“Is it safe? Nobody knows,” she said. Work resumed.",
        ["“Is it safe? Nobody knows,” she said.", "Work resumed."],
    ),
    (
        'Keller said: "The bridge is closed." Hauliers were angry.',
        ['Keller said: "The bridge is closed."', "Hauliers were angry."],
    ),
    (
        "Prices rose 2.5 per cent. Shops open at 9 a.m. on Mondays.",
        ["Prices rose 2.5 per cent.", "Shops open at 9 a.m. on Mondays."],
    ),
    (
        "The vote was 12 vs. 9 in favour. It passed.",
        ["The vote was 12 vs. 9 in favour.", "It passed."],
    ),
    (
        "Will the bridge reopen? Nobody knows! Keller hopes so.",
        ["Will the bridge reopen?", "Nobody knows!", "Keller hopes so."],
    ),
    (
        "Bridge closed to lorries\n\nThe council voted on Monday. Keller agreed.",
        ["Bridge closed to lorries", "The council voted on Monday.", "Keller agreed."],
    ),
    ("The vote was close… Keller won.", ["The vote was close…", "Keller won."]),
    (
        "The bridge is old. (It was built in 1962.) Repairs start soon.",
        ["The bridge is old.", "(It was built in 1962.)", "Repairs start soon."],
    ),
    (
        "The jets will be assembled in the U.S. Corvane will also train crews.",
        ["The jets will be assembled in the U.S.", "Corvane will also train crews."],
    ),
    (
        "It was built in the U.S. The cost is high.",
        ["It was built in the U.S.", "The cost is high."],
    ),
    ("It is near the U.S. Navy's former site.", ["It is near the U.S. Navy's former site."]),
    ("He met Gen. Ilsa Vantongeren on Monday.", ["He met Gen. Ilsa Vantongeren on Monday."]),
    ("They met at 9 a.m. that day.", ["They met at 9 a.m. that day."]),
    (
        "The plant is owned by Halvik Foods Inc. The company did not comment.",
        ["The plant is owned by Halvik Foods Inc.", "The company did not comment."],
    ),
    (
        "The ferry left at 6 a.m. Passengers were told to stay below deck.",
        ["The ferry left at 6 a.m.", "Passengers were told to stay below deck."],
    ),
    (
        "Halvik Foods Inc. said on Monday it would close the plant.",
        ["Halvik Foods Inc. said on Monday it would close the plant."],
    ),
    (
        "She lives at No. 10 Harbour Street. It is a small house.",
        ["She lives at No. 10 Harbour Street.", "It is a small house."],
    ),
    (
        "„We will appeal. The ruling is wrong,“ said Ilse Brandt. The court declined to comment.",
        [
            "„We will appeal. The ruling is wrong,“ said Ilse Brandt.",
            "The court declined to comment.",
        ],
    ),
    (
        "«We will appeal. The ruling is wrong», said Ilse Brandt. The court declined to comment.",
        [
            "«We will appeal. The ruling is wrong», said Ilse Brandt.",
            "The court declined to comment.",
        ],
    ),
    (
        "Sales rose 4.5% in March. Analysts had expected 3.9%.",
        ["Sales rose 4.5% in March.", "Analysts had expected 3.9%."],
    ),
    (
        "The bill passed the U.K. parliament on Tuesday. It takes effect in May.",
        ["The bill passed the U.K. parliament on Tuesday.", "It takes effect in May."],
    ),
]


def _flat(sentences: list[str]) -> list[str]:
    return [" ".join(s.split()) for s in sentences if s.strip()]


def ours(text: str) -> list[str]:
    """Our splitter (``wiretrace.segment.split_sentences``)."""
    return [s.text for s in split_sentences(text)]


def _peers() -> dict[str, Callable[[str], list[str]] | None]:
    out: dict[str, Callable[[str], list[str]] | None] = {}
    try:
        pysbd: Any = importlib.import_module("pysbd")
        seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

        def run_pysbd(text: str) -> list[str]:
            return [span.sent for span in seg.segment(text)]

        out["pysbd"] = run_pysbd
    except ImportError:
        out["pysbd"] = None
    try:
        syntok: Any = importlib.import_module("syntok.segmenter")

        def run_syntok(text: str) -> list[str]:
            return [
                "".join(tok.spacing + tok.value for tok in sentence)
                for paragraph in syntok.analyze(text)
                for sentence in paragraph
            ]

        out["syntok"] = run_syntok
    except ImportError:
        out["syntok"] = None
    return out


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="timed runs per splitter (100)")
    parser.add_argument("--details", action="store_true", help="print every wrong split")
    parser.add_argument("--no-store", action="store_true", help="do not store the figures")
    args = parser.parse_args(argv)
    splitters: dict[str, Callable[[str], list[str]] | None] = {"wiretrace": ours, **_peers()}
    demo = ROOT / "src" / "wiretrace" / "demo" / "corpus"
    court = ROOT / "eval" / "corpus" / "compare" / "court"
    text = read_article(demo / "wire.json").text + "\n\n" + read_article(court / "wire.json").text
    figures: dict[str, object] = {"cases": len(CASES), "words": len(text.split())}
    print(f"{len(CASES)} cases; speed on {len(text.split())} words")
    print(f"{'splitter':<10} {'right':>7} {'share':>6} {'median ms':>10}")
    for name, split in splitters.items():
        if split is None:
            print(f"{name:<10} not installed")
            continue
        right = 0
        for case, expected in CASES:
            got = _flat(split(case))
            if got == _flat(expected):
                right += 1
            elif args.details:
                print(f"  {name} wrong: {got}")
        split(text)
        ms = _median_ms(lambda s=split: s(text), args.runs)  # type: ignore[misc]
        figures[name] = {"right": right, "ms": round(ms, 3)}
        print(f"{name:<10} {right:>3}/{len(CASES):<3} {right / len(CASES):>6.2f} {ms:>10.3f}")
    if not args.no_store:
        row = _results.store("bench_segment", figures)
        print(f"stored as run {row} in {_results.DEFAULT_DB.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
