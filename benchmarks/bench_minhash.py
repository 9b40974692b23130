"""Candidate generation throughput: MinHash + LSH insert and query, wiretrace vs rensa vs
datasketch side by side on the same synthetic corpus, with recall of planted reuse pairs."""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import store
from wiretrace.candidates import MinhashLSHIndex, MinhashSignature, shingles
from wiretrace.config import CandidatesConfig
from wiretrace.text.tokens import fold

VOCAB = [f"w{k}" for k in range(20000)]
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def corpus(n: int, words: int, seed: int) -> tuple[list[str], list[tuple[int, int]]]:
    """``n`` random-vocabulary documents; every 10th is a near copy (80%) of an earlier one."""
    rng = random.Random(seed)
    docs: list[str] = []
    planted: list[tuple[int, int]] = []
    for k in range(n):
        if k % 10 == 9:
            src = rng.randrange(k)
            w = docs[src].split()
            cut = int(len(w) * 0.8)
            docs.append(" ".join(w[:cut] + rng.choices(VOCAB, k=len(w) - cut)))
            planted.append((src, k))
        else:
            docs.append(" ".join(rng.choices(VOCAB, k=words)))
    return docs, planted


def synth_corpus(n: int, words: int, seed: int) -> tuple[list[str], list[tuple[int, int]]]:
    """About ``n`` synthetic news articles (``wiretrace.synth``): the planted pairs are
    every rewrite and the article it was made from (chains included)."""
    from wiretrace.synth import SynthConfig, iter_records

    events = max(1, int(n / 6.2))
    config = SynthConfig(
        num_events=events, distractors=events // 5, words_per_article=words, seed=seed
    )
    docs: list[str] = []
    index: dict[str, int] = {}
    planted: list[tuple[int, int]] = []
    for record in iter_records(config):
        article_id = record.article.id or ""
        index[article_id] = len(docs)
        docs.append(record.article.text)
        if record.derived_from is not None:
            planted.append((index[record.derived_from], index[article_id]))
    return docs, planted


def shingle_strings(text: str, n: int) -> list[str]:
    tokens = [fold(w) for w in WORD.findall(text)]
    return [" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))]


def run_wiretrace(docs: list[str], cfg: CandidatesConfig) -> tuple[float, list[set[str]]]:
    start = time.perf_counter()
    sig = MinhashSignature(cfg)
    index = MinhashLSHIndex(cfg)
    sigs = [sig.signature(shingles(d, cfg.shingle_words)) for d in docs]
    for k, s in enumerate(sigs):
        index.insert(str(k), s)
    found = [index.query(s) for s in sigs]
    return time.perf_counter() - start, found


def run_rensa(docs: list[str], cfg: CandidatesConfig) -> tuple[float, list[set[str]]]:
    from rensa import RMinHash, RMinHashLSH

    start = time.perf_counter()
    lsh = RMinHashLSH(threshold=0.5, num_perm=cfg.num_hashes, num_bands=cfg.num_bands)
    hashes = []
    for k, d in enumerate(docs):
        m = RMinHash(num_perm=cfg.num_hashes, seed=cfg.seed)
        m.update(shingle_strings(d, cfg.shingle_words))
        lsh.insert(k, m)
        hashes.append(m)
    found = [{str(x) for x in lsh.query(m)} for m in hashes]
    return time.perf_counter() - start, found


def run_datasketch(docs: list[str], cfg: CandidatesConfig) -> tuple[float, list[set[str]]]:
    from datasketch import MinHash, MinHashLSH

    start = time.perf_counter()
    lsh = MinHashLSH(num_perm=cfg.num_hashes, params=(cfg.num_bands, cfg.hashes_per_band))
    hashes = []
    for k, d in enumerate(docs):
        m = MinHash(num_perm=cfg.num_hashes, seed=cfg.seed)
        m.update_batch([s.encode() for s in shingle_strings(d, cfg.shingle_words)])
        lsh.insert(str(k), m)
        hashes.append(m)
    found = [set(lsh.query(m)) for m in hashes]
    return time.perf_counter() - start, found


def recall(found: list[set[str]], planted: list[tuple[int, int]]) -> float:
    hits = sum(1 for a, b in planted if str(a) in found[b])
    return hits / len(planted) if planted else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument(
        "--corpus",
        choices=("random", "synth"),
        default="random",
        help="random-vocabulary documents with 80%% copies, or synthetic news with rewrites",
    )
    parser.add_argument("--no-store", action="store_true")
    args = parser.parse_args()
    cfg = CandidatesConfig()
    if args.corpus == "synth":
        docs, planted = synth_corpus(args.docs, args.words, seed=1)
        what = "planted rewrite -> source pairs"
    else:
        docs, planted = corpus(args.docs, args.words, seed=1)
        what = "planted 80% copies"
    args.docs = len(docs)
    figures: dict[str, float] = {"docs": len(docs)}
    print(f"{args.corpus}: {args.docs} docs of ~{args.words} words, {len(planted)} {what}")
    for name, fn in (
        ("wiretrace", run_wiretrace),
        ("rensa", run_rensa),
        ("datasketch", run_datasketch),
    ):
        seconds, found = fn(docs, cfg)
        figures[f"{name}_docs_per_s"] = args.docs / seconds
        figures[f"{name}_recall"] = recall(found, planted)
        print(
            f"{name:11s} {seconds:7.2f} s  {args.docs / seconds:9.0f} docs/s  "
            f"recall {figures[f'{name}_recall']:.3f}"
        )
    ratio = figures["wiretrace_docs_per_s"] / figures["rensa_docs_per_s"]
    print(f"wiretrace / rensa throughput: {ratio:.2f}x")
    if not args.no_store:
        store(f"bench_minhash_{args.corpus}", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
