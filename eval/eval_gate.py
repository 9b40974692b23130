"""CI accuracy gate: fail when a compare() figure on the gold set drops below its floor."""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from compare_eval import EvalResult, GoldFileError, evaluate_sets, family_table, fmt, kind_table

FLOORS_PATH = Path(__file__).resolve().parent / "floors.json"

#: A figure may sit this far below its floor and still pass. It absorbs float noise only:
#: one finding more or less on the gold set moves micro figures by ~0.011, so any real
#: regression exceeds it.
DEFAULT_EPSILON = 0.005

#: ``--update-floors`` sets a new floor this far under the current figure, so that small,
#: deliberate trade-offs (one finding of 88) do not need a floor change. Chosen as about
#: three findings' worth of micro precision/recall on the 88-finding gold set; if the gold
#: set grows a lot, re-run ``--update-floors`` and reconsider this value.
DEFAULT_MARGIN = 0.03

#: Per-kind recall is gated only for kinds with at least this many gold findings; below it
#: one finding is too large a share for a floor to mean anything.
MIN_KIND_SUPPORT = 5

#: Whole-set figures that always have a floor (see eval/README.md for what each measures).
BASE_METRICS = (
    "micro_precision",
    "micro_recall",
    "boilerplate_recall",
    "boilerplate_precision",
    "direction_accuracy",
    "related_accuracy",
    "harmless_clean_rate",
)


@dataclass(frozen=True, slots=True)
class Failure:
    """A gated metric below its floor (``value`` is None when it was not measured at all)."""

    metric: str
    value: float | None
    floor: float


@dataclass(frozen=True, slots=True)
class FloorUpdate:
    """What ``--update-floors`` would write, and what changed.

    ``floors`` already has regressed floors lowered; the caller writes it only when
    ``lowered`` is empty or ``--allow-regression`` was given.
    """

    floors: dict[str, float]
    raised: tuple[str, ...]
    lowered: tuple[str, ...]
    added: tuple[str, ...]
    dropped: tuple[str, ...]


def gated_metrics(result: EvalResult) -> dict[str, float]:
    """The figures that have floors: ``BASE_METRICS`` plus recall of well-supported kinds."""
    metrics = result.metrics()
    gated = {name: metrics[name] for name in BASE_METRICS if name in metrics}
    for kind, score in result.per_kind.items():
        if score.support >= MIN_KIND_SUPPORT and score.recall is not None:
            gated[f"recall.{kind}"] = score.recall
    return gated


#: Figures of a set other than the tuned one are gated under the set's name as a prefix
#: ("blind.micro_recall"); these are the ones that get floors there.
SET_METRICS = (
    "micro_precision",
    "micro_recall",
    "family_micro_precision",
    "family_micro_recall",
    "direction_accuracy",
    "related_accuracy",
    "harmless_clean_rate",
)


def gated_all(results: Mapping[str, EvalResult]) -> dict[str, float]:
    """Gated figures of every set: the tuned set's under their plain names
    (``gated_metrics``), another set's ``SET_METRICS`` under ``<set>.<metric>``."""
    out: dict[str, float] = {}
    for name, result in results.items():
        if name == "tuned":
            out.update(gated_metrics(result))
            continue
        metrics = result.metrics()
        out.update({f"{name}.{m}": metrics[m] for m in SET_METRICS if m in metrics})
    return out


def combined_sha256(results: Mapping[str, EvalResult]) -> str:
    """One digest over every set's corpus hash (a lone tuned set keeps its own hash)."""
    if set(results) == {"tuned"}:
        return results["tuned"].corpus_sha256
    digest = hashlib.sha256()
    for name in sorted(results):
        digest.update(f"{name}:{results[name].corpus_sha256}\n".encode())
    return digest.hexdigest()


def floor_for(value: float, margin: float) -> float:
    """The floor for a figure: ``value - margin`` rounded down to 3 decimals, at least 0."""
    # The 1e-9 keeps 0.93 - 0.03 (= 0.8999999…) from rounding down to 0.899.
    return max(0.0, math.floor((value - margin) * 1000 + 1e-9) / 1000)


def check_floors(
    floors: Mapping[str, float], current: Mapping[str, float], *, epsilon: float
) -> list[Failure]:
    """Every floor the current figures break (a floor whose metric is missing breaks too)."""
    failures: list[Failure] = []
    for metric, floor in sorted(floors.items()):
        value = current.get(metric)
        if value is None or value + epsilon < floor:
            failures.append(Failure(metric, value, floor))
    return failures


def plan_floor_update(
    old: Mapping[str, float],
    current: Mapping[str, float],
    *,
    margin: float,
    epsilon: float,
) -> FloorUpdate:
    """New floors from the current figures; floors only ratchet up unless a figure regressed.

    Each floor becomes ``max(old floor, floor_for(figure))``. A floor must go down only when
    its figure is below it (beyond ``epsilon``), or when its metric is no longer measured;
    those metrics are listed in ``lowered`` (and ``dropped``) and the returned floors already
    hold the lower value, to be written only with ``--allow-regression``.
    """
    floors: dict[str, float] = {}
    raised: list[str] = []
    lowered: list[str] = []
    added: list[str] = []
    for metric, value in sorted(current.items()):
        proposed = floor_for(value, margin)
        if metric not in old:
            added.append(metric)
            floors[metric] = proposed
        elif value + epsilon < old[metric]:
            lowered.append(metric)
            floors[metric] = proposed
        else:
            floors[metric] = max(old[metric], proposed)
            if floors[metric] > old[metric]:
                raised.append(metric)
    dropped = sorted(set(old) - set(current))
    return FloorUpdate(
        floors=floors,
        raised=tuple(raised),
        lowered=tuple(sorted([*lowered, *dropped])),
        added=tuple(added),
        dropped=tuple(dropped),
    )


def load_floors(path: Path) -> dict[str, Any]:
    """Read floors.json ({} when it does not exist yet)."""
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write_floors(
    path: Path,
    *,
    floors: Mapping[str, float],
    figures: Mapping[str, float],
    corpus_sha256: str,
    epsilon: float,
    margin: float,
    gate: str = "eval/eval_gate.py",
) -> None:
    """Write floors.json: floors, the figures they came from, the corpus hash, epsilon."""
    data = {
        "_comment": (
            f"Accuracy floors for {gate}. Do not edit by hand: run "
            f"`python {gate} --update-floors` (see eval/README.md)."
        ),
        "updated": date.today().isoformat(),
        "corpus_sha256": corpus_sha256,
        "epsilon": epsilon,
        "margin": margin,
        "floors": dict(sorted(floors.items())),
        "figures": {k: round(v, 4) for k, v in sorted(figures.items())},
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def gate_table(
    floors: Mapping[str, float], current: Mapping[str, float], failures: Sequence[Failure]
) -> Table:
    """Metric, figure, floor, headroom and pass/fail, one row per floor."""
    failed = {f.metric for f in failures}
    table = Table(title="Eval gate", title_justify="left")
    table.add_column("metric", no_wrap=True)
    for col in ("figure", "floor", "headroom", ""):
        table.add_column(col, justify="right")
    for metric in sorted(set(floors) | set(current)):
        value, floor = current.get(metric), floors.get(metric)
        headroom = "" if value is None or floor is None else f"{value - floor:+.3f}"
        status = "[dim]new[/]" if floor is None else "[red]FAIL[/]" if metric in failed else "ok"
        table.add_row(metric, fmt(value), fmt(floor), headroom, status)
    return table


def main(argv: Sequence[str] | None = None) -> int:
    """CLI; exit 0 when every floor holds, 1 when one breaks or an update is refused."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--update-floors",
        action="store_true",
        help="raise floors to the current figures minus the margin (never lowers them)",
    )
    parser.add_argument(
        "--allow-regression",
        action="store_true",
        help="with --update-floors: also lower floors whose figure dropped below them",
    )
    parser.add_argument("--floors", type=Path, default=FLOORS_PATH, help="floors file")
    args = parser.parse_args(argv)
    console = Console()
    if args.allow_regression and not args.update_floors:
        console.print("[red]--allow-regression only makes sense with --update-floors[/]")
        return 2

    stored = load_floors(args.floors)
    floors: dict[str, float] = dict(stored.get("floors", {}))
    epsilon = float(stored.get("epsilon", DEFAULT_EPSILON))
    margin = float(stored.get("margin", DEFAULT_MARGIN))
    try:
        results = evaluate_sets()
    except GoldFileError as exc:
        console.print(f"[red]gold error:[/] {exc}", highlight=False)
        return 2
    current = gated_all(results)
    digest = combined_sha256(results)
    failures = check_floors(floors, current, epsilon=epsilon)
    old_sha = stored.get("corpus_sha256")
    sha_changed = old_sha is not None and old_sha != digest

    for name, res in results.items():
        console.rule(f"set {name}: {len(res.pairs)} pairs", align="left")
        console.print(kind_table(res))
        console.print(family_table(res))
    console.print(gate_table(floors, current, failures))
    console.print(
        f"epsilon {epsilon}, {sum(len(r.pairs) for r in results.values())} pairs in "
        f"{sum(r.total_seconds for r in results.values()):.2f} s; "
        "for every FP/FN run `python eval/compare_eval.py --details`",
        highlight=False,
    )

    if args.update_floors:
        return _update(args, console, digest, floors, current, epsilon, margin, sha_changed)

    ok = True
    if not stored:
        console.print(
            f"[red]FAIL[/] no floors in {args.floors}; create them with "
            "`python eval/eval_gate.py --update-floors`"
        )
        ok = False
    if sha_changed:
        console.print(
            f"[red]FAIL: the gold set changed.[/] floors.json was set on corpus sha256 "
            f"{old_sha}, but the gold files and their articles now hash to "
            f"{digest}. The floors may not apply to the new set: check the "
            "figures above, then run `python eval/eval_gate.py --update-floors` (plus "
            "--allow-regression if a floor has to go down) and commit floors.json with the "
            "gold change.",
            highlight=False,
        )
        ok = False
    for f in failures:
        value = "not measured" if f.value is None else f"{f.value:.3f}"
        console.print(
            f"[red]FAIL[/] {f.metric} = {value}, below its floor {f.floor:.3f} (epsilon {epsilon})",
            highlight=False,
        )
    if failures:
        console.print(
            "A floor broke: fix the regression, or if it is a deliberate trade-off, lower the "
            "floor with `python eval/eval_gate.py --update-floors --allow-regression` and say "
            "why in the commit message.",
            highlight=False,
        )
        ok = False
    if ok:
        console.print(f"[green]eval gate passed[/]: {len(floors)} floors hold")
    return 0 if ok else 1


def _update(
    args: argparse.Namespace,
    console: Console,
    digest: str,
    floors: Mapping[str, float],
    current: Mapping[str, float],
    epsilon: float,
    margin: float,
    sha_changed: bool,
) -> int:
    plan = plan_floor_update(floors, current, margin=margin, epsilon=epsilon)
    if plan.lowered and not args.allow_regression:
        console.print(
            "[red]REFUSED[/]: these floors would go down (figure below its floor, or metric no "
            f"longer measured): {', '.join(plan.lowered)}. Fix the regression, or re-run with "
            "--update-floors --allow-regression if it is deliberate.",
            highlight=False,
        )
        return 1
    write_floors(
        args.floors,
        floors=plan.floors,
        figures=current,
        corpus_sha256=digest,
        epsilon=epsilon,
        margin=margin,
    )
    changes = [
        ("raised", plan.raised),
        ("added", plan.added),
        ("lowered", tuple(m for m in plan.lowered if m not in plan.dropped)),
        ("dropped", plan.dropped),
    ]
    for label, metrics in changes:
        if metrics:
            console.print(f"{label}: {', '.join(metrics)}", highlight=False)
    if sha_changed:
        console.print("recorded the new corpus sha256", highlight=False)
    console.print(f"wrote {args.floors}", highlight=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())


def run_floor_gate(
    *,
    name: str,
    script: str,
    floors_path: Path,
    current: Mapping[str, float],
    digest: str,
    update: bool,
    allow_regression: bool,
    epsilon: float,
    margin: float,
    digits: int = 3,
) -> int:
    """The shared body of the PAN and stories gates: print the figures against their
    floors, then either re-pin the floors (refusing to lower one without
    ``allow_regression``) or check them. Returns the exit code."""
    stored = load_floors(floors_path)
    floors: dict[str, float] = dict(stored.get("floors", {}))
    for metric, value in sorted(current.items()):
        floor = floors.get(metric)
        shown = "-" if floor is None else f"{floor:.{digits}f}"
        print(f"{metric:40s} {value:6.{digits}f}  floor {shown}")
    if update:
        plan = plan_floor_update(floors, current, margin=margin, epsilon=epsilon)
        if plan.lowered and not allow_regression:
            print(f"REFUSED: would lower {', '.join(plan.lowered)}; add --allow-regression")
            return 1
        write_floors(
            floors_path,
            floors=plan.floors,
            figures=current,
            corpus_sha256=digest,
            epsilon=epsilon,
            margin=margin,
            gate=script,
        )
        print(f"wrote {floors_path}")
        return 0
    if stored.get("corpus_sha256") not in (None, digest):
        print(f"FAIL: the {name} corpus changed; re-pin with --update-floors")
        return 1
    failures = check_floors(floors, current, epsilon=epsilon)
    for f in failures:
        shown = "not measured" if f.value is None else f"{f.value:.{digits}f}"
        print(f"FAIL {f.metric} = {shown}, below its floor {f.floor:.{digits}f}")
    if not floors:
        print(f"FAIL: no floors yet; run `python {script} --update-floors`")
        return 1
    if failures:
        return 1
    print(f"{name} gate passed: {len(floors)} floors hold")
    return 0
