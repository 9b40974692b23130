"""Time the normalisation layer on ~800-word texts, side by side with ftfy's full fix_text."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ftfy

from wiretrace import read_article
from wiretrace.text.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "src" / "wiretrace" / "demo" / "corpus"
EVAL = ROOT / "eval" / "corpus" / "compare"


def texts() -> dict[str, str]:
    """Three ~800-word texts from our own corpus: as written, retypeset, and mojibake."""
    clean = (
        read_article(DEMO / "wire.json").text
        + "\n\n"
        + read_article(EVAL / "court" / "wire.json").text
    )
    retypeset = "\ufeff" + clean.replace("\n", "\r\n").replace("'", "&#8217;").replace(
        " said", "\u00a0said"
    ).replace("ment", "me\u00adnt")
    mojibake = (
        clean.replace("'", "’").replace(" - ", " — ").encode("utf-8").decode("sloppy-windows-1252")
    )
    return {"clean": clean, "retypeset": retypeset, "mojibake": mojibake}


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200, help="timed runs per text (200)")
    args = parser.parse_args(argv)
    print(f"{'text':<10} {'words':>6} {'normalize ms':>13} {'ftfy.fix_text ms':>17} {'ratio':>6}")
    for name, text in texts().items():
        normalize(text)
        ftfy.fix_text(text)
        ours = _median_ms(lambda t=text: normalize(t), args.runs)  # type: ignore[misc]
        peer = _median_ms(lambda t=text: ftfy.fix_text(t), args.runs)  # type: ignore[misc]
        print(f"{name:<10} {len(text.split()):>6} {ours:>13.3f} {peer:>17.3f} {ours / peer:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
