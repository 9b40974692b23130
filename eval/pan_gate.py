"""CI gate for passage alignment: plagdet floors on a fixed stratified PAN 2013 sample."""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_gate import check_floors, load_floors, plan_floor_update, write_floors
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
    stored = load_floors(FLOORS_PATH)
    floors: dict[str, float] = dict(stored.get("floors", {}))
    current, digest = metrics()
    for name, value in sorted(current.items()):
        floor = floors.get(name)
        print(f"{name:40s} {value:6.3f}  floor {'-' if floor is None else f'{floor:.3f}'}")
    if args.update_floors:
        plan = plan_floor_update(floors, current, margin=MARGIN, epsilon=EPSILON)
        if plan.lowered and not args.allow_regression:
            print(f"REFUSED: would lower {', '.join(plan.lowered)}; add --allow-regression")
            return 1
        write_floors(
            FLOORS_PATH,
            floors=plan.floors,
            figures=current,
            corpus_sha256=digest,
            epsilon=EPSILON,
            margin=MARGIN,
        )
        print(f"wrote {FLOORS_PATH}")
        return 0
    if stored.get("corpus_sha256") not in (None, digest):
        print("FAIL: the PAN sample changed; re-pin with --update-floors")
        return 1
    failures = check_floors(floors, current, epsilon=EPSILON)
    for f in failures:
        value = "not measured" if f.value is None else f"{f.value:.3f}"
        print(f"FAIL {f.metric} = {value}, below its floor {f.floor:.3f}")
    if not floors:
        print("FAIL: no floors yet; run `python eval/pan_gate.py --update-floors`")
        return 1
    if failures:
        return 1
    print(f"PAN gate passed: {len(floors)} floors hold")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
