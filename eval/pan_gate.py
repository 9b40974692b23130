"""CI gate for passage alignment: plagdet floors on a fixed stratified PAN 2013 sample."""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_gate import run_floor_gate
from pan_eval import PAN_DIR, evaluate, load_pairs, stratified_sample
from wiretrace.reuse import plain_text_config

FLOORS_PATH = Path(__file__).resolve().parent / "pan_floors.json"
#: 60 pairs per folder (300 in all, the summary folder's scorable pairs included) run in
#: well under a minute on 2 cores, and move a folder's plagdet by ~0.01 per pair.
PER_FOLDER = 60
EPSILON = 0.005
MARGIN = 0.02


def metrics() -> tuple[dict[str, float], str]:
    """Gated figures on the sample, and a hash of the sample's pair names."""
    pairs = stratified_sample(load_pairs(), PER_FOLDER)
    results, flagged, _ = evaluate(pairs, plain_text_config(), jobs=2)
    out: dict[str, float] = {}
    for name, s in results.items():
        if s.cases:
            out[f"plagdet.{name}"] = s.plagdet
    out["no_plagiarism_clean_rate"] = 1.0 - flagged["no_plagiarism_detection_rate"]
    digest = hashlib.sha256("\n".join(f"{p.susp} {p.src}" for p in pairs).encode()).hexdigest()
    return out, digest


def main(argv: Sequence[str] | None = None) -> int:
    """Exit 0 when every floor holds (or the corpus is absent), 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update-floors", action="store_true")
    parser.add_argument("--allow-regression", action="store_true")
    args = parser.parse_args(argv)
    if not PAN_DIR.exists():
        print(f"PAN corpus not found at {PAN_DIR}: PAN gate skipped")
        return 0
    current, digest = metrics()
    return run_floor_gate(
        name="PAN",
        script="eval/pan_gate.py",
        floors_path=FLOORS_PATH,
        current=current,
        digest=digest,
        update=args.update_floors,
        allow_regression=args.allow_regression,
        epsilon=EPSILON,
        margin=MARGIN,
    )


if __name__ == "__main__":
    raise SystemExit(main())
