"""CI gate for the corpus engine: story clustering and derivation-edge floors."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_gate import run_floor_gate
from stories_eval import HARDER, SYNTH, evaluate, gated

FLOORS_PATH = Path(__file__).resolve().parent / "stories_floors.json"
EPSILON = 0.002
MARGIN = 0.01


def corpus_digest() -> str:
    """A hash of the evaluation corpora's definitions (synthetic configs + hand-written files)."""
    root = Path(__file__).resolve().parents[1]
    parts = [json.dumps(asdict(c), default=str, sort_keys=True) for c in SYNTH.values()]
    parts += [json.dumps(asdict(c), default=str, sort_keys=True) for c in HARDER.values()]
    harder = Path(__file__).resolve().parents[1] / "src/wiretrace/synth/harder.py"
    parts.append(hashlib.sha256(harder.read_bytes()).hexdigest())
    # the folders stories_eval.handwritten() reads (eval/corpus/blind is not one of them)
    folders = [root / "src/wiretrace/demo/corpus"]
    folders += [root / "eval/corpus" / group for group in ("compare", "heldout")]
    for folder in folders:
        for path in sorted(folder.rglob("*.json")):
            parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def main(argv: Sequence[str] | None = None) -> int:
    """Exit 0 when every floor holds, 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update-floors", action="store_true")
    parser.add_argument("--allow-regression", action="store_true")
    args = parser.parse_args(argv)
    return run_floor_gate(
        name="stories",
        script="eval/stories_gate.py",
        floors_path=FLOORS_PATH,
        current=gated(evaluate()),
        digest=corpus_digest(),
        update=args.update_floors,
        allow_regression=args.allow_regression,
        epsilon=EPSILON,
        margin=MARGIN,
        digits=4,
    )


if __name__ == "__main__":
    raise SystemExit(main())
