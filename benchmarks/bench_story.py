"""`Corpus.story` on one 50-article synthetic story (issue 9's target: <= 2 s), with every
article dated and with half of them undated (the real-news case, where direction comes from
the text). Prints the median of ``--runs`` calls per case, in wall time and in CPU time of the
process (``time.process_time``: what holds on a machine shared with other jobs); run it
with two checkouts' interpreters, or with ``PYTHONPATH`` set to another checkout's
``src``, for a side-by-side figure."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from wiretrace.corpus import Corpus
from wiretrace.model import Article
from wiretrace.synth import SynthConfig, iter_records


def story_articles(undated: bool) -> list[Article]:
    """One event of 50 articles (a wire, 30 rewrites, 10 independent reports, 9 re-posts
    of early rewrites with a line added); with ``undated``, every other one has no time."""
    config = SynthConfig(
        num_events=1,
        rewrites_per_event=(30, 30),
        independent_reports_per_event=(10, 10),
        distractors=0,
        seed=23,
    )
    articles = [r.article for r in iter_records(config)]
    articles += [
        replace(
            a,
            id=f"{a.id}-b",
            url=f"{a.url or ''}b",
            text=a.text + "\n\nThe council will meet again next week.",
        )
        for a in articles[1:10]
    ]
    if undated:
        articles = [replace(a, published=None) if k % 2 else a for k, a in enumerate(articles)]
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for undated in (False, True):
        with tempfile.TemporaryDirectory() as tmp, Corpus.open(Path(tmp) / "s.db") as corpus:
            corpus.add_batch(story_articles(undated))
            story = max(corpus.stories(), key=lambda s: len(s.article_ids))
            times, cpu = [], []
            for _ in range(args.runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                view = corpus.story(story.story_id)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            label = "half undated" if undated else "all dated"
            print(
                f"story of {len(story.article_ids)} articles, {label}: median "
                f"{statistics.median(times):.2f} s wall, {statistics.median(cpu):.2f} s CPU "
                f"over {args.runs} ({len(view.graph.edges)} edges)"
            )


if __name__ == "__main__":
    main()
