"""Run wiretrace's passage aligner on the PAN 2013 training corpus and score it (plagdet)."""

from __future__ import annotations

import argparse
import random
import sys
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plagdet import Annotation, Scores, score
from wiretrace import Article, CompareConfig
from wiretrace.reuse import find_reuse, plain_text_config

REPO_ROOT = Path(__file__).resolve().parents[1]
PAN_DIR = REPO_ROOT.parent / "shared" / "data" / "pan13-train"
FOLDERS = (
    "01-no-plagiarism",
    "02-no-obfuscation",
    "03-random-obfuscation",
    "04-translation-obfuscation",
    "05-summary-obfuscation",
)


@dataclass(frozen=True, slots=True)
class Pair:
    """One PAN pair: its folder and the two file names."""

    folder: str
    susp: str
    src: str


def load_pairs(pan_dir: Path = PAN_DIR) -> list[Pair]:
    """Every pair of every folder (summary: only the 238 files that keep their case)."""
    out: list[Pair] = []
    for folder in FOLDERS:
        for line in (pan_dir / folder / "pairs").read_text().split("\n"):
            if not line.strip():
                continue
            susp, src = line.split()
            if folder.startswith("05") and not gold_cases(pan_dir, folder, susp, src):
                continue  # the case annotation is missing in this copy: cannot be scored
            out.append(Pair(folder, susp, src))
    return out


def gold_cases(pan_dir: Path, folder: str, susp: str, src: str) -> list[Annotation]:
    """The plagiarism cases of one pair's XML file."""
    name = f"{Path(susp).stem}-{Path(src).stem}.xml"
    root = ET.parse(pan_dir / folder / name).getroot()
    out = []
    for f in root.iter("feature"):
        if f.get("name") != "plagiarism":
            continue
        to, tl = int(f.get("this_offset", 0)), int(f.get("this_length", 0))
        so, sl = int(f.get("source_offset", 0)), int(f.get("source_length", 0))
        out.append(Annotation(susp, src, (to, to + tl), (so, so + sl)))
    return out


def detect(pair: Pair, config: CompareConfig, pan_dir: Path = PAN_DIR) -> list[Annotation]:
    """wiretrace's detections for one pair, as PAN annotations."""
    susp_text = (pan_dir / "susp" / pair.susp).read_text(encoding="utf-8")
    src_text = (pan_dir / "src" / pair.src).read_text(encoding="utf-8")
    passages = find_reuse(Article(text=src_text), Article(text=susp_text), config=config)
    return [Annotation(pair.susp, pair.src, p.b_span, p.a_span) for p in passages]


def _work(args: tuple[Pair, CompareConfig]) -> tuple[Pair, list[Annotation], float]:
    pair, config = args
    start = time.perf_counter()
    found = detect(pair, config)
    return pair, found, time.perf_counter() - start


def evaluate(
    pairs: list[Pair], config: CompareConfig, jobs: int = 2
) -> tuple[dict[str, Scores], dict[str, float], float]:
    """Scores per folder and overall, the share of no-plagiarism pairs with a detection,
    and the wall time."""
    start = time.perf_counter()
    cases: dict[str, list[Annotation]] = {f: [] for f in FOLDERS}
    dets: dict[str, list[Annotation]] = {f: [] for f in FOLDERS}
    flagged: dict[str, float] = {}
    negatives = hits = 0
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for pair, found, _ in pool.map(_work, [(p, config) for p in pairs], chunksize=8):
            cases[pair.folder].extend(gold_cases(PAN_DIR, pair.folder, pair.susp, pair.src))
            dets[pair.folder].extend(found)
            if pair.folder.startswith("01"):
                negatives += 1
                hits += bool(found)
    results = {f: score(cases[f], dets[f]) for f in FOLDERS if cases[f] or dets[f]}
    results["overall"] = score(
        [c for f in FOLDERS for c in cases[f]], [d for f in FOLDERS for d in dets[f]]
    )
    flagged["no_plagiarism_detection_rate"] = hits / negatives if negatives else 0.0
    return results, flagged, time.perf_counter() - start


def stratified_sample(pairs: list[Pair], per_folder: int, seed: int = 13) -> list[Pair]:
    """A fixed sample with ``per_folder`` pairs from each folder (all if fewer)."""
    rng = random.Random(seed)
    out: list[Pair] = []
    for folder in FOLDERS:
        group = [p for p in pairs if p.folder == folder]
        out.extend(rng.sample(group, min(per_folder, len(group))))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print a table per obfuscation folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=0, help="pairs per folder (0: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--half", choices=("even", "odd"), help="only even/odd-numbered pairs")
    args = parser.parse_args(argv)
    if not PAN_DIR.exists():
        print(f"PAN corpus not found at {PAN_DIR}; nothing to evaluate")
        return 0
    pairs = load_pairs()
    if args.half:
        want = 0 if args.half == "even" else 1
        pairs = [p for k, p in enumerate(pairs) if k % 2 == want]
    if args.sample:
        pairs = stratified_sample(pairs, args.sample)
    config = plain_text_config()
    results, flagged, wall = evaluate(pairs, config, args.jobs)
    header = ("prec", "rec", "gran", "plagdet", "cases", "dets")
    print(f"{'folder':30s} " + " ".join(f"{h:>6s}" for h in header))
    for name, s in results.items():
        print(
            f"{name:30s} {s.precision:6.3f} {s.recall:6.3f} {s.granularity:6.3f} "
            f"{s.plagdet:8.3f} {s.cases:6d} {s.detections:6d}"
        )
    print(f"no-plagiarism pairs with a detection: {flagged['no_plagiarism_detection_rate']:.3%}")
    print(f"{len(pairs)} pairs in {wall:.1f} s with {args.jobs} jobs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
