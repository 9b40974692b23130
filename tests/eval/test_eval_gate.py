"""Unit tests of the eval matching rule and of the floor gate (no full evaluation run)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

# eval/ is a folder of scripts, not a package: import its modules the way the scripts import
# each other (eval_gate.py does ``from compare_eval import ...`` with eval/ on sys.path).
EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
if str(EVAL_DIR) not in sys.path:
    sys.path.insert(0, str(EVAL_DIR))

compare_eval: ModuleType = importlib.import_module("compare_eval")
eval_gate: ModuleType = importlib.import_module("eval_gate")

Item = compare_eval.Item
Outcome = compare_eval.Outcome


def item(
    kind: str = "number_changed",
    a: tuple[int, int] | None = (0, 10),
    b: tuple[int, int] | None = (0, 10),
    confidence: float = 1.0,
) -> object:
    return Item(kind=kind, a_span=a, b_span=b, confidence=confidence)


# ------------------------------------------------------------------------ span rule


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        # one character shared
        ((0, 5), (4, 9), True),
        # touching half-open spans share nothing
        ((0, 5), (5, 9), False),
        # containment
        ((0, 20), (5, 6), True),
        # disjoint
        ((0, 3), (10, 12), False),
    ],
)
def test_overlaps(x: tuple[int, int], y: tuple[int, int], expected: bool) -> None:
    assert compare_eval.overlaps(x, y) is expected
    assert compare_eval.overlaps(y, x) is expected


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        # both sides present and overlapping
        (((0, 10), (50, 60)), ((5, 8), (55, 70)), True),
        # a overlaps but b does not: every compared side must overlap
        (((0, 10), (50, 60)), ((5, 8), (80, 90)), False),
        # gold has no a side (an addition): only b is compared
        (((0, 10), (50, 60)), (None, (55, 58)), True),
        # prediction has no b side (an omission): only a is compared
        (((0, 10), None), ((5, 8), (80, 90)), True),
        # prediction only on a, gold only on b: no side to compare, so no match
        (((0, 10), None), (None, (0, 10)), False),
        # neither has any span
        ((None, None), (None, None), False),
    ],
)
def test_spans_agree(
    pred: tuple[tuple[int, int] | None, tuple[int, int] | None],
    gold: tuple[tuple[int, int] | None, tuple[int, int] | None],
    expected: bool,
) -> None:
    assert compare_eval.spans_agree(*pred, *gold) is expected


def test_finding_matches_needs_the_same_kind() -> None:
    assert compare_eval.finding_matches(item("date_changed"), item("date_changed"))
    assert not compare_eval.finding_matches(item("date_changed"), item("number_changed"))


# ------------------------------------------------------------------ match_findings


def test_match_exact_hit_is_tp() -> None:
    result = compare_eval.match_findings([item()], [item()])
    assert result.outcomes == (Outcome.TP,)
    assert result.matched_gold == (0,)
    assert result.unmatched_gold == ()


def test_match_second_report_of_same_change_is_duplicate_not_fp() -> None:
    preds = [item(a=(0, 4)), item(a=(2, 8))]
    result = compare_eval.match_findings(preds, [item()])
    assert result.outcomes == (Outcome.TP, Outcome.DUPLICATE)
    assert result.matched_gold == (0, 0)
    assert result.unmatched_gold == ()


def test_match_greedy_by_confidence_gives_tp_to_the_surer_prediction() -> None:
    # Listed first but less confident: the later, surer prediction takes the gold finding.
    preds = [item(confidence=0.4), item(confidence=0.9)]
    result = compare_eval.match_findings(preds, [item()])
    assert result.outcomes == (Outcome.DUPLICATE, Outcome.TP)


def test_match_prefers_a_free_gold_finding_over_a_taken_one() -> None:
    # Both predictions overlap both gold findings; each gold finding is matched once, so
    # the second prediction is a TP on the other gold finding, not a duplicate.
    gold = [item(a=(0, 10), b=(0, 10)), item(a=(5, 15), b=(5, 15))]
    preds = [item(a=(0, 9), b=(0, 9), confidence=0.9), item(a=(6, 14), b=(6, 14), confidence=0.8)]
    result = compare_eval.match_findings(preds, gold)
    assert result.outcomes == (Outcome.TP, Outcome.TP)
    assert result.matched_gold == (0, 1)


def test_match_wrong_kind_or_place_is_fp_and_leaves_fn() -> None:
    preds = [item("entity_changed"), item(a=(50, 60), b=(50, 60))]
    result = compare_eval.match_findings(preds, [item()])
    assert result.outcomes == (Outcome.FP, Outcome.FP)
    assert result.unmatched_gold == (0,)


def test_match_nothing_predicted_leaves_every_gold_finding_unmatched() -> None:
    result = compare_eval.match_findings([], [item(), item("omission", b=None)])
    assert result.outcomes == ()
    assert result.unmatched_gold == (0, 1)


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        # lands on both sides of the harmless edit
        (item("entity_changed", a=(3, 5), b=(13, 15)), True),
        # an addition (no a side) inside the harmless edit's b side
        (item("unsupported_addition", a=None, b=(12, 30)), True),
        # overlaps on a but points elsewhere in b
        (item("entity_changed", a=(3, 5), b=(40, 45)), False),
    ],
)
def test_touches_harmless(pred: object, expected: bool) -> None:
    harmless = Item(kind="harmless", a_span=(0, 10), b_span=(10, 20))
    assert compare_eval.touches_harmless(pred, harmless) is expected


def test_kind_score_rates() -> None:
    score = compare_eval.KindScore(tp=3, fp=1, fn=1, duplicates=5)
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.75)
    assert score.f1 == pytest.approx(0.75)
    assert compare_eval.KindScore().precision is None


# ------------------------------------------------------------------------ the gate


@pytest.mark.parametrize(
    ("value", "margin", "expected"),
    [
        # 0.93 - 0.03 is 0.8999999… in floats; it must not round down to 0.899
        (0.93, 0.03, 0.9),
        # rounded down to 3 decimals
        (0.97654, 0.03, 0.946),
        # never below zero
        (0.01, 0.03, 0.0),
    ],
)
def test_floor_for(value: float, margin: float, expected: float) -> None:
    assert eval_gate.floor_for(value, margin) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("current", "failed"),
    [
        # at the floor
        ({"micro_recall": 0.9}, []),
        # below the floor but within epsilon
        ({"micro_recall": 0.896}, []),
        # below the floor by more than epsilon
        ({"micro_recall": 0.894}, ["micro_recall"]),
        # a floored metric that is no longer measured fails
        ({}, ["micro_recall"]),
    ],
)
def test_check_floors(current: dict[str, float], failed: list[str]) -> None:
    failures = eval_gate.check_floors({"micro_recall": 0.9}, current, epsilon=0.005)
    assert [f.metric for f in failures] == failed


def test_plan_raises_floors_when_figures_improve() -> None:
    plan = eval_gate.plan_floor_update(
        {"micro_recall": 0.8}, {"micro_recall": 0.95}, margin=0.03, epsilon=0.005
    )
    assert plan.floors == {"micro_recall": pytest.approx(0.92)}
    assert plan.raised == ("micro_recall",)
    assert plan.lowered == ()


def test_plan_keeps_a_floor_the_figure_still_meets() -> None:
    # figure - margin (0.86) is under the old floor, but the figure itself meets the floor:
    # the floor stays where it is instead of drifting down.
    plan = eval_gate.plan_floor_update(
        {"micro_recall": 0.88}, {"micro_recall": 0.89}, margin=0.03, epsilon=0.005
    )
    assert plan.floors == {"micro_recall": 0.88}
    assert plan.raised == ()
    assert plan.lowered == ()


def test_plan_flags_a_regression_as_lowered() -> None:
    plan = eval_gate.plan_floor_update(
        {"micro_recall": 0.9, "micro_precision": 0.9},
        {"micro_recall": 0.8, "micro_precision": 0.95},
        margin=0.03,
        epsilon=0.005,
    )
    assert plan.lowered == ("micro_recall",)
    assert plan.floors["micro_recall"] == pytest.approx(0.77)
    assert plan.raised == ("micro_precision",)


def test_plan_treats_a_vanished_metric_as_lowered_and_adds_new_ones() -> None:
    plan = eval_gate.plan_floor_update(
        {"recall.omission": 0.9}, {"recall.quote_trimmed": 1.0}, margin=0.03, epsilon=0.005
    )
    assert plan.dropped == ("recall.omission",)
    assert plan.lowered == ("recall.omission",)
    assert plan.added == ("recall.quote_trimmed",)
    assert "recall.omission" not in plan.floors


# ------------------------------------------------- main(): refusal and corpus hash


def fake_result(sha: str = "sha-1") -> object:
    return compare_eval.EvalResult(
        pairs=[],
        per_kind={},
        micro=compare_eval.KindScore(),
        boilerplate=compare_eval.BoilerplateScore(),
        corpus_sha256=sha,
    )


def write_floors(path: Path, floors: dict[str, float], sha: str = "sha-1") -> None:
    path.write_text(
        json.dumps({"corpus_sha256": sha, "epsilon": 0.005, "margin": 0.03, "floors": floors})
    )


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> dict[str, float]:
    """The figures the patched gate sees; tests fill this dict in."""
    current: dict[str, float] = {}
    monkeypatch.setattr(eval_gate, "evaluate_sets", lambda: {"tuned": fake_result()})
    monkeypatch.setattr(eval_gate, "gated_all", lambda _results: dict(current))
    return current


def test_main_passes_and_fails_on_floors(tmp_path: Path, figures: dict[str, float]) -> None:
    floors = tmp_path / "floors.json"
    write_floors(floors, {"micro_recall": 0.9})
    figures["micro_recall"] = 0.92
    assert eval_gate.main(["--floors", str(floors)]) == 0
    figures["micro_recall"] = 0.85
    assert eval_gate.main(["--floors", str(floors)]) == 1


def test_main_refuses_to_lower_a_floor(tmp_path: Path, figures: dict[str, float]) -> None:
    floors = tmp_path / "floors.json"
    write_floors(floors, {"micro_recall": 0.9})
    before = floors.read_text()
    figures["micro_recall"] = 0.8
    assert eval_gate.main(["--floors", str(floors), "--update-floors"]) == 1
    assert floors.read_text() == before


def test_main_lowers_a_floor_with_allow_regression(
    tmp_path: Path, figures: dict[str, float]
) -> None:
    floors = tmp_path / "floors.json"
    write_floors(floors, {"micro_recall": 0.9})
    figures["micro_recall"] = 0.8
    args = ["--floors", str(floors), "--update-floors", "--allow-regression"]
    assert eval_gate.main(args) == 0
    assert json.loads(floors.read_text())["floors"] == {"micro_recall": pytest.approx(0.77)}


def test_main_fails_on_a_changed_corpus_until_floors_are_updated(
    tmp_path: Path, figures: dict[str, float]
) -> None:
    floors = tmp_path / "floors.json"
    write_floors(floors, {"micro_recall": 0.9}, sha="old-sha")
    figures["micro_recall"] = 0.95
    assert eval_gate.main(["--floors", str(floors)]) == 1
    assert eval_gate.main(["--floors", str(floors), "--update-floors"]) == 0
    assert json.loads(floors.read_text())["corpus_sha256"] == "sha-1"
    assert eval_gate.main(["--floors", str(floors)]) == 0


def test_gated_all_prefixes_other_sets() -> None:
    tuned, blind = fake_result("sha-1"), fake_result("sha-2")
    blind.micro.tp, blind.micro.fn = 3, 1

    current = eval_gate.gated_all({"tuned": tuned, "blind": blind})

    assert current["blind.micro_recall"] == 0.75
    assert "micro_recall" not in current  # the tuned set measured nothing
    assert eval_gate.combined_sha256({"tuned": tuned}) == "sha-1"
    assert eval_gate.combined_sha256({"tuned": tuned, "blind": blind}) not in {"sha-1", "sha-2"}


def test_family_scoring_counts_a_sibling_kind() -> None:
    pred = item(kind="hedge_changed")
    gold = item(kind="negation_changed")

    assert compare_eval.match_findings([pred], [gold]).outcomes == (Outcome.FP,)
    by_family = compare_eval.match_findings(
        [compare_eval.as_family(pred)], [compare_eval.as_family(gold)]
    )
    assert by_family.outcomes == (Outcome.TP,)


def test_a_snippet_only_in_the_title_field_is_placed_after_the_text() -> None:
    text, title = "The council met on Monday.", "Council meets"

    span = compare_eval.locate(text, "Council meets", where="w", title=title)

    assert span == (len(text) + 1, len(text) + 1 + len("Council meets"))
    # found in the text first; never overlapping the text when in the title
    assert compare_eval.locate(text, "council", where="w", title="council") == (4, 11)
    with pytest.raises(compare_eval.GoldFileError):
        compare_eval.locate(text, "nowhere", where="w", title=title)
