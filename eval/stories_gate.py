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

from eval_gate import check_floors, load_floors, plan_floor_update, write_floors
from stories_eval import SYNTH, evaluate, gated

FLOORS_PATH = Path(__file__).resolve().parent / "stories_floors.json"
EPSILON = 0.002
MARGIN = 0.01


def corpus_digest() -> str:
    """A hash of the evaluation corpora's definitions (synthetic configs + hand-written files)."""
    root = Path(__file__).resolve().parents[1]
    parts = [json.dumps(asdict(c), default=str, sort_keys=True) for c in SYNTH.values()]
    for folder in (root / "src/wiretrace/demo/corpus", root / "eval/corpus"):
        for path in sorted(folder.rglob("*.json")):
            parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def main(argv: Sequence[str] | None = None) -> int:
    """Exit 0 when every floor holds, 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update-floors", action="store_true")
    parser.add_argument("--allow-regression", action="store_true")
    args = parser.parse_args(argv)
    stored = load_floors(FLOORS_PATH)
    floors: dict[str, float] = dict(stored.get("floors", {}))
    current = gated(evaluate())
    digest = corpus_digest()
    for name, value in sorted(current.items()):
        floor = floors.get(name)
        print(f"{name:40s} {value:6.4f}  floor {'-' if floor is None else f'{floor:.4f}'}")
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
            gate="eval/stories_gate.py",
        )
        print(f"wrote {FLOORS_PATH}")
        return 0
    if stored.get("corpus_sha256") not in (None, digest):
        print("FAIL: the evaluation corpora changed; re-pin with --update-floors")
        return 1
    failures = check_floors(floors, current, epsilon=EPSILON)
    for f in failures:
        shown = "not measured" if f.value is None else f"{f.value:.4f}"
        print(f"FAIL {f.metric} = {shown}, below its floor {f.floor:.4f}")
    if not floors:
        print("FAIL: no floors yet; run `python eval/stories_gate.py --update-floors`")
        return 1
    if failures:
        return 1
    print(f"stories gate passed: {len(floors)} floors hold")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
