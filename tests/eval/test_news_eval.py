"""The real-news eval's scoring rules, on made-up labels (no cached third-party text)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
if str(EVAL_DIR) not in sys.path:
    sys.path.insert(0, str(EVAL_DIR))

news_eval: ModuleType = importlib.import_module("news_eval")


def _labels(tmp_path: Path) -> Path:
    def art(aid: str, source: str | None = None, evidence: str = "independent wording") -> dict:
        return {
            "id": aid,
            "url": f"https://example.org/{aid}",
            "outlet": "example.org",
            "date": None,
            "derived_from": source,
            "derivation_evidence": evidence,
        }

    data = {
        "about": "made up",
        "events": [
            {
                "event_id": "v01",
                "articles": [
                    art("v01-a01"),
                    art("v01-a02", "v01-a01"),
                    art("v01-a03", "v01-a01"),
                    art("v01-a04"),
                ],
            },
            {"event_id": "v02", "articles": [art("v02-a01"), art("v02-a02")]},
        ],
        "distractors": [{**art("w01-a01"), "confusable_with": "v01"}],
    }
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_score_counts_links_siblings_and_halves(tmp_path: Path) -> None:
    items = news_eval.load_labels(_labels(tmp_path))
    assert [i.half for i in items] == ["odd"] * 4 + ["even"] * 2 + ["odd"]
    assert [i.independent for i in items] == [True, False, False, True, True, True, True]
    run = news_eval.Run(
        story_of={
            "v01-a01": "s1",
            "v01-a02": "s1",
            "v01-a03": "s1",
            "v01-a04": "s1",
            "w01-a01": "s1",
            "v02-a01": "s2",
            "v02-a02": "s3",
        },
        edges=[
            ("v01-a01", "v01-a02", "verbatim"),  # labelled, right way
            ("v01-a03", "v01-a01", "spun"),  # labelled, found backwards
            ("v01-a02", "v01-a03", "spun"),  # siblings: neither way
            ("v01-a04", "w01-a01", "paraphrase"),  # independents, across events
        ],
        seconds=0.0,
        unknown={("v01-a03", "v01-a01")},
    )
    odd = news_eval.score(items, run, "odd")
    assert (odd.right_known.hit, odd.right_known.total) == (1, 2)
    assert (odd.unknown.hit, odd.unknown.total) == (1, 4)
    assert (odd.found.hit, odd.found.total) == (2, 2)
    assert (odd.right.hit, odd.right.total) == (1, 2)
    assert (odd.independents.hit, odd.independents.total) == (1, 4)
    assert (odd.across.hit, odd.across.total) == (1, 4)
    assert (odd.distractors_merged.hit, odd.distractors_merged.total) == (1, 1)
    # 5 articles in one predicted story: 10 pairs, 6 right (the v01 ones)
    assert (odd.pair_p.hit, odd.pair_p.total) == (6, 10)
    assert (odd.pair_r.hit, odd.pair_r.total) == (6, 6)
    even = news_eval.score(items, run, "even")
    assert (even.pair_r.hit, even.pair_r.total) == (0, 1)
    assert even.found.total == 0
    lines = news_eval.details(items, run)
    assert "edge sibling: v01-a02 -> v01-a03 (spun)" in lines
    assert "link reversed: v01-a01 -> v01-a03" in lines


def test_missing_texts_are_skipped_and_counted(tmp_path: Path) -> None:
    items = news_eval.load_labels(_labels(tmp_path))
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "v01-a01.txt").write_text("The fictional Ister bridge reopened on Monday.\n")
    (cache / "v02-a01.txt").write_text("   \n")  # empty: counted as missing
    present, missing = news_eval.write_records(items, cache, tmp_path / "r.jsonl")
    assert [i.id for i in present] == ["v01-a01"]
    assert len(missing) == 6
    record = json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8"))
    assert record == {
        "id": "v01-a01",
        "text": "The fictional Ister bridge reopened on Monday.",
        "url": "https://example.org/v01-a01",
        "outlet": "example.org",
    }
