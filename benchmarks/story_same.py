"""Whether two checkouts give the same stories: dump the story JSON of every multi-article
story of a few corpora, run once per checkout, and diff the dumps (a speed change must
not change an edge, a direction, a reason or a finding).

Corpora: bench_story.py's 50-article story, all dated and half undated; ``make demo``'s
bundled corpus; a small harder synthetic corpus (``synth.harder``: spun, paraphrased and
condensed copies, most articles undated); and, when its git-ignored cache is present,
the real-news dev set (``eval/news_eval.py``'s records; its texts are read, never
written out: the dump holds the story JSON, which quotes them, so keep dumps in /tmp).

Usage::

    PYTHONPATH=/tmp/before/src .venv/bin/python benchmarks/story_same.py dump /tmp/a.jsonl
    .venv/bin/python benchmarks/story_same.py dump /tmp/b.jsonl
    .venv/bin/python benchmarks/story_same.py diff /tmp/a.jsonl /tmp/b.jsonl

``dump`` also prints the CPU seconds of each corpus's ``Corpus.story`` calls.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wiretrace.corpus import Corpus
from wiretrace.model import Article
from wiretrace.report.stories import story_to_dict
from wiretrace.synth import SynthConfig
from wiretrace.synth.harder import HarderConfig, generate_harder

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "eval"))

from bench_story import story_articles  # noqa: E402


def _demo() -> list[Article]:
    from wiretrace.cli.demo import _demo_articles

    return _demo_articles()


def _harder() -> list[Article]:
    config = HarderConfig(base=SynthConfig(num_events=12, distractors=4, seed=77), seed=77)
    return list(generate_harder(config).articles)


#: The corpora ``dump`` writes, in order.
CORPORA = ("bench-dated", "bench-undated", "demo", "harder", "news-dev")


def load_corpus(name: str, news_cache: Path | None) -> list[Article] | Path | None:
    """The articles of corpus ``name`` (``CORPORA``), or a JSONL file of its records;
    None for the news-dev set when its cache is missing."""
    if name == "bench-dated":
        return story_articles(False)
    if name == "bench-undated":
        return story_articles(True)
    if name == "demo":
        return _demo()
    if name == "harder":
        return _harder()
    if news_cache is None or not news_cache.is_dir():
        return None
    from news_eval import DEFAULT_LABELS, load_labels, write_records

    out = Path(tempfile.mkdtemp()) / "news.jsonl"
    write_records(load_labels(DEFAULT_LABELS), news_cache, out)
    return out


def dump(out: Path, news_cache: Path | None, only: set[str] | None = None) -> None:
    """Write one line per multi-article story: corpus, story id and its JSON (of the
    corpora named in ``only``, or all)."""
    with out.open("w", encoding="utf-8") as handle:
        for name in CORPORA:
            source = load_corpus(name, news_cache) if not only or name in only else None
            if source is None:
                continue
            with tempfile.TemporaryDirectory() as tmp, Corpus.open(Path(tmp) / "s.db") as corpus:
                if isinstance(source, Path):
                    corpus.ingest([source])
                else:
                    corpus.add_batch(source)
                cpu = 0.0
                count = 0
                for story in corpus.stories():
                    if len(story.article_ids) < 2:
                        continue
                    start = time.process_time()
                    payload = story_to_dict(corpus.story(story.story_id))
                    cpu += time.process_time() - start
                    count += 1
                    line = {"corpus": name, "story": story.story_id, "json": payload}
                    handle.write(json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n")
            print(f"{name}: {count} stories, Corpus.story CPU {cpu:.2f} s", flush=True)


def diff(a: Path, b: Path) -> int:
    """Print the stories whose JSON differs; 0 when none does."""
    left = [json.loads(x) for x in a.read_text(encoding="utf-8").splitlines()]
    right = [json.loads(x) for x in b.read_text(encoding="utf-8").splitlines()]
    keyed_l = {(x["corpus"], x["story"]): x["json"] for x in left}
    keyed_r = {(x["corpus"], x["story"]): x["json"] for x in right}
    bad = 0
    for key in sorted(keyed_l.keys() | keyed_r.keys()):
        if keyed_l.get(key) != keyed_r.get(key):
            bad += 1
            print("differs:", *key)
    print(f"{len(keyed_l)} vs {len(keyed_r)} stories, {bad} differ")
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--news-cache", type=Path, default=Path("/work/main/.cache/news-dev"))
    d.add_argument("--only", action="append", help="a corpus to dump (repeatable; default all)")
    c = sub.add_parser("diff")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "dump" and args.only:
        dump(args.out, args.news_cache, set(args.only))
        return 0
    if args.command == "dump":
        # one process per corpus: the stories of a corpus ingested after others in the
        # same process can differ (clustering state carried across stores, 2026-12-02)
        parts = []
        for name in CORPORA:
            part = args.out.with_name(f"{args.out.name}.{name}")
            command = [sys.executable, __file__, "dump", str(part), "--only", name]
            subprocess.run([*command, "--news-cache", str(args.news_cache)], check=True)
            parts.append(part.read_text(encoding="utf-8"))
            part.unlink()
        args.out.write_text("".join(parts), encoding="utf-8")
        return 0
    return diff(args.a, args.b)


if __name__ == "__main__":
    raise SystemExit(main())
