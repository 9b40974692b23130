"""The story desk under a bounded load on loopback: a real ``wiretrace serve`` (uvicorn)
over a synthetic store; reads at concurrency 50 with writes going on, the story list at
concurrency 4 on a large store, a story page cold and warm, and POST /compare against the
engine called in-process (the peer of each HTTP figure is the library call it wraps)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import store as store_row
from wiretrace.compare import compare
from wiretrace.corpus import Corpus
from wiretrace.model import Article
from wiretrace.report.story_cache import story_json
from wiretrace.store import IndexEntry, IndexUpdate, SQLiteStore, StoredArticle, StoryRecord
from wiretrace.store import content_hash as hash_of
from wiretrace.stories.cluster import index_fingerprint
from wiretrace.synth import SynthConfig, iter_records

TOKEN = "bench-token"


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of values, in the values' unit."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served:
    """``wiretrace serve`` in a subprocess, stopped on exit."""

    #: The interpreter that runs ``wiretrace serve`` (``--python``: another checkout's
    #: venv serves its own code, for a side-by-side run on the same store).
    python = sys.executable

    def __init__(self, db: Path, workers: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("WIRETRACE_")}
        env["WIRETRACE_TOKEN"] = TOKEN
        cmd = [self.python, "-m", "wiretrace", "serve", "--db", str(db), "--port"]
        cmd += [str(self.port), "--workers", str(workers), "--no-access-log"]
        self.log = db.with_suffix(".serve.log").open("w")
        self.process = subprocess.Popen(
            cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"serve exited with {self.process.returncode}")
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise SystemExit("serve did not start in 600 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)
        self.log.close()


def big_event(articles: int) -> list[Article]:
    """One event told by ``articles`` articles (a wire story, rewrites and independent
    reports), ids and URLs prefixed so they never clash with the main corpus."""
    config = SynthConfig(
        num_events=1,
        rewrites_per_event=(articles - 3, articles - 3),
        independent_reports_per_event=(2, 2),
        distractors=0,
        seed=23,
    )
    out = []
    for record in iter_records(config):
        a = record.article
        out.append(replace(a, id=f"big-{a.id}", url=f"https://big.example/{a.id}"))
    return out


def build_mixed_store(db: Path, articles: int, story_size: int) -> tuple[float, list[Article]]:
    """A store clustered by the engine: the synthetic corpus plus one large story (the
    last article of which is held back, to change the story during the run)."""
    events = max(1, int(articles / 6.2))
    config = SynthConfig(num_events=events, distractors=events // 5, seed=7)
    big = big_event(story_size + 1)
    held = big[-1:]
    start = time.perf_counter()
    with Corpus.open(db) as corpus:
        batch: list[Article] = []
        for record in iter_records(config):
            batch.append(record.article)
            if len(batch) >= 500:
                corpus.add_batch(batch)
                batch = []
        corpus.add_batch([*batch, *big[:-1]])
    return time.perf_counter() - start, held


def build_listing_store(db: Path, articles: int, base: int = 10_000) -> tuple[float, int]:
    """A large store for the story list: ``base`` synthetic articles generated once and
    stored ``articles / base`` times over (each edition's ids, event labels and texts
    made unique, its times moved on by four weeks), its stories taken from the ground
    truth (events) instead of clustered, under the real index fingerprint. The listing
    reads stories, members and the text index, never how the stories were formed.
    Returns (seconds, stories)."""
    from wiretrace.config import CompareConfig

    events = max(1, int(min(base, articles) / 6.2))
    config = SynthConfig(num_events=events, distractors=events // 5, seed=7)
    records = list(iter_records(config))
    store = SQLiteStore(db)
    cfg = CompareConfig()
    store.reset_index(index_fingerprint(cfg.candidates, cfg.stories, cfg.clean))
    start = time.perf_counter()
    stories: dict[str, StoryRecord] = {}
    numbers: dict[str, int] = {}
    editions = max(1, -(-articles // len(records)))
    done = 0
    for edition in range(editions):
        shift = timedelta(days=28 * edition)
        chunk = records[: articles - done]
        for lo in range(0, len(chunk), 2000):
            part = chunk[lo : lo + 2000]
            items = []
            update = IndexUpdate()
            touched: set[str] = set()
            for r in part:
                a = r.article
                text = f"{a.text}\n(Edition {edition}.)"
                when = a.published + shift if a.published else None
                aid = f"{a.id}-e{edition}"
                article = replace(a, id=aid, text=text, published=when, url=None)
                items.append(StoredArticle(aid, article, hash_of(text)))
                number = numbers.setdefault(f"{r.event_id}-e{edition}", len(numbers) + 1)
                sid = f"s{number}"
                story = stories.get(sid)
                if story is None:
                    story = StoryRecord(sid, a.title, when, when, 0, {})
                    stories[sid] = story
                story.size += 1
                if when and (story.first_seen is None or when < story.first_seen):
                    story.first_seen = when
                if when and (story.last_seen is None or when > story.last_seen):
                    story.last_seen = when
                touched.add(sid)
                update.entries.append(IndexEntry(aid, sid, 1, np.zeros(4, dtype=np.uint32), ()))
            store.add(items)
            update.stories = [stories[s] for s in sorted(touched)]
            update.next_story = len(numbers) + 1
            store.apply_index(update)
        done += len(chunk)
    store.close()
    return time.perf_counter() - start, len(stories)


def group_cpu(pgid: int) -> dict[int, tuple[str, float]]:
    """CPU time (user + system, seconds) of each live process of the process group
    ``pgid`` (the server's: ``Served`` starts it in a session of its own), by pid with
    its role: ``main`` (the group's leader, uvicorn's supervisor with ``--workers`` > 1),
    ``worker`` (its children), ``builder`` (theirs: the story builders) or
    ``resource-tracker`` (multiprocessing's). Read from
    ``/proc/<pid>/stat`` (Linux; empty elsewhere). A process that exits between two
    readings takes its time with it."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    rows: dict[int, tuple[int, float]] = {}
    proc = Path("/proc")
    if not proc.is_dir():
        return {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        # after "pid (comm) ": state, ppid, pgrp, ... utime and stime are the 12th and 13th
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid:
            rows[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks)
    roles = {}
    for pid, (parent, seconds) in rows.items():
        role = "main" if pid == pgid else "worker" if parent == pgid else "builder"
        with contextlib.suppress(OSError):
            if b"resource_tracker" in (proc / str(pid) / "cmdline").read_bytes():
                role = "resource-tracker"  # multiprocessing's, beside the workers
        roles[pid] = (role, seconds)
    return roles


def wait_idle(pgid: int, quiet_s: float = 0.2, most_s: float = 600) -> float:
    """Wait until the server's process group (its story builders: the pages built at
    start) uses under ``quiet_s`` of CPU in two seconds; returns the seconds waited."""
    start = time.monotonic()
    last = sum(seconds for _, seconds in group_cpu(pgid).values())
    while time.monotonic() - start < most_s:
        time.sleep(2)
        now = sum(seconds for _, seconds in group_cpu(pgid).values())
        if now - last < quiet_s:
            break
        last = now
    return round(time.monotonic() - start, 1)


def cpu_per_request(
    before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]], requests: int
) -> dict[str, Any]:
    """The server's CPU milliseconds per request between two ``group_cpu`` readings, in
    all and by process (``"<role> <pid>"``)."""
    by_process = {
        f"{role} {pid}": (seconds - before.get(pid, (role, 0.0))[1]) * 1000 / max(1, requests)
        for pid, (role, seconds) in sorted(after.items())
    }
    return {
        "server_cpu_ms_per_request": round(sum(by_process.values()), 2),
        "server_cpu_ms_per_request_by_process": {k: round(v, 2) for k, v in by_process.items()},
    }


async def run_load(
    url: str,
    requests: int,
    concurrency: int,
    paths: list[tuple[str, str]],
    writes: list[Article] | None,
    server_pgid: int | None = None,
) -> dict[str, Any]:
    """``requests`` GETs drawn from ``paths`` ((endpoint name, path) pairs, in the mix
    given) by ``concurrency`` clients; with ``writes``, one more client posts them one at a
    time (5 per second at most) until the reads are done. With ``server_pgid`` (the
    server's process group) the server's CPU time per request (reads and writes) is
    reported too (``group_cpu``), beside this client's own (``time.process_time``)."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    reasons: dict[str, int] = defaultdict(int)
    stale: dict[str, int] = defaultdict(int)
    queue = list(paths)
    write_times: list[float] = []
    done = asyncio.Event()
    limits = httpx.Limits(max_connections=concurrency + 2, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def reader() -> None:
            while queue:
                name, path = queue.pop()
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                    ok = response.status_code == 200
                    if response.headers.get("wiretrace-cache") == "stale":
                        stale[name] += 1
                    why = f"{name}: HTTP {response.status_code}"
                except httpx.HTTPError as exc:
                    ok = False
                    why = f"{name}: {type(exc).__name__}"
                timings[name].append((time.perf_counter() - start) * 1000)
                if not ok:
                    errors[name] += 1
                    reasons[why] += 1

        async def writer() -> None:
            for article in writes or []:
                if done.is_set():
                    return
                body = {
                    "id": article.id,
                    "text": article.text,
                    "title": article.title,
                    "outlet": article.outlet,
                    "published": article.published.isoformat() if article.published else None,
                }
                start = time.perf_counter()
                try:
                    response = await client.post(
                        "/api/v1/articles",
                        json=body,
                        headers={"Authorization": f"Bearer {TOKEN}"},
                    )
                    ok = response.status_code == 200
                    why = f"POST articles: HTTP {response.status_code}"
                except httpx.HTTPError as exc:
                    ok = False
                    why = f"POST articles: {type(exc).__name__}"
                write_times.append((time.perf_counter() - start) * 1000)
                if not ok:
                    errors["POST articles"] += 1
                    reasons[why] += 1
                await asyncio.sleep(0.2)

        server_before = group_cpu(server_pgid) if server_pgid else {}
        client_before = time.process_time()
        start = time.perf_counter()
        write_task = asyncio.create_task(writer())
        await asyncio.gather(*(reader() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
        done.set()
        await write_task
        client_cpu = time.process_time() - client_before
        server_after = group_cpu(server_pgid) if server_pgid else {}
    every = [t for values in timings.values() for t in values]
    served = len(every) + len(write_times)
    cpu = cpu_per_request(server_before, server_after, served) if server_pgid else {}
    return {
        **cpu,
        "client_cpu_ms_per_request": round(client_cpu * 1000 / max(1, served), 2),
        "requests": len(every),
        "seconds": round(elapsed, 1),
        "throughput_rps": round(len(every) / elapsed, 1),
        "p50_ms": round(pct(every, 0.5), 1),
        "p99_ms": round(pct(every, 0.99), 1),
        "errors": sum(errors.values()),
        "error_reasons": dict(reasons),
        "writes": len(write_times),
        "write_p50_ms": round(pct(write_times, 0.5), 1),
        "write_p99_ms": round(pct(write_times, 0.99), 1),
        "by_endpoint": {
            name: {
                "n": len(values),
                "p50_ms": round(pct(values, 0.5), 1),
                "p99_ms": round(pct(values, 0.99), 1),
                "errors": errors.get(name, 0),
                "stale": stale.get(name, 0),
            }
            for name, values in sorted(timings.items())
        },
    }


def read_mix(url: str, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """A shuffled mix of read requests over what the store holds."""
    listing = httpx.get(url + "/api/v1/stories", params={"limit": 500}, timeout=120).json()
    stories = [s["story_id"] for s in listing["items"]]
    article_ids = [a for s in listing["items"] for a in s["article_ids"]]
    outlets = sorted({o for s in listing["items"] for o in s["outlets"]})
    words = ["council", "bridge", "police", "minister", "river", "strike", "fire", "budget"]
    mix: list[tuple[str, str]] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.10:
            mix.append(("GET health", "/api/v1/health"))
        elif roll < 0.45:
            params = rng.choice(
                [
                    "",
                    f"?q={rng.choice(words)}",
                    f"?outlet={quote(rng.choice(outlets))}",
                    "?since=2026-03-02T00:00:00Z&until=2026-03-20T00:00:00Z",
                    "?sort=-size",
                    f"?offset={rng.randrange(0, 400)}",
                ]
            )
            mix.append(("GET stories", "/api/v1/stories" + params))
        elif roll < 0.70:
            mix.append(("GET story", f"/api/v1/stories/{rng.choice(stories[:60])}"))
        elif roll < 0.98:
            mix.append(("GET article", f"/api/v1/articles/{quote(rng.choice(article_ids), '')}"))
        else:
            article = quote(rng.choice(article_ids), "")
            mix.append(("GET similar", f"/api/v1/similar/{article}?limit=3"))
    return mix


def warm_up(url: str, mix: list[tuple[str, str]]) -> dict[str, Any]:
    """Read each story of the mix once, one at a time, before the load: the load then
    measures a desk in its steady state (the pages of the stories it serves built, as
    on a desk that has been running; the cold cost is ``story_cold_warm``'s). Returns
    how long it took and where each page came from (``Wiretrace-Cache``: a page the
    desk's background builder had built already is a hit)."""
    stories = sorted({path for name, path in mix if name == "GET story"})
    states: dict[str, int] = defaultdict(int)
    start = time.perf_counter()
    with httpx.Client(base_url=url, timeout=300) as client:
        for path in stories:
            response = client.get(path)
            response.raise_for_status()
            states[response.headers.get("wiretrace-cache", "miss")] += 1
    return {
        "stories": len(stories),
        "seconds": round(time.perf_counter() - start, 1),
        "pages": dict(states),
    }


def story_cold_warm(url: str, db: Path, held: list[Article]) -> dict[str, Any]:
    """A story page (JSON) cold (derivation built and cached) and warm (read from the
    store's cache); then the story changes (one more article) and is read cold again."""
    client = httpx.Client(base_url=url, timeout=300)
    sid, size = None, 0
    for page in range(0, 10_000, 500):
        items = client.get("/api/v1/stories", params={"limit": 500, "offset": page}).json()
        for s in items["items"]:
            if any(a.startswith("big-") for a in s["article_ids"]):
                sid = s["story_id"]
                size = len(s["article_ids"])
                break
        if sid or not items["items"]:
            break
    if sid is None:
        raise SystemExit("the large story was not found")
    start = time.perf_counter()
    client.get(f"/api/v1/stories/{sid}").raise_for_status()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(50):
        start = time.perf_counter()
        client.get(f"/api/v1/stories/{sid}").raise_for_status()
        warm.append((time.perf_counter() - start) * 1000)
    article = held[0]
    start = time.perf_counter()
    added = client.post(
        "/api/v1/articles",
        json={
            "id": article.id,
            "text": article.text,
            "outlet": article.outlet,
            "published": (article.published + timedelta(hours=1)).isoformat()
            if article.published
            else None,
        },
        headers={"Authorization": f"Bearer {TOKEN}"},
    ).json()
    add_ms = (time.perf_counter() - start) * 1000
    joined = [a["story_id"] for a in added["added"]] == [sid]
    # the first read after the change: derived then (a miss), or the last version
    # marked stale while the background builder rebuilds it; then read until current
    start = time.perf_counter()
    response = client.get(f"/api/v1/stories/{sid}")
    first_after = time.perf_counter() - start
    first_state = response.headers.get("wiretrace-cache", "miss")
    while response.headers.get("wiretrace-cache") == "stale":
        time.sleep(0.05)
        response = client.get(f"/api/v1/stories/{sid}")
    current_after = time.perf_counter() - start
    changed = response.json()
    client.close()
    # the peer: the same library call in-process, without the cache
    with Corpus.open(db) as corpus:
        corpus.auto_update = False
        start = time.perf_counter()
        story_json(corpus, sid, cache=False)
        direct = time.perf_counter() - start
    return {
        "story_id": sid,
        "story_articles": size,
        "cold_s": round(cold, 2),
        "warm_p50_ms": round(statistics.median(warm), 1),
        "warm_p99_ms": round(pct(warm, 0.99), 1),
        "add_to_story_ms": round(add_ms, 1),
        "added_article_joined": joined,
        "first_read_after_change_s": round(first_after, 3),
        "first_read_after_change": first_state,
        "current_after_change_s": round(current_after, 2),
        "articles_after_change": len(changed["article_ids"]),
        "library_uncached_s": round(direct, 2),
    }


def compare_overhead(url: str, db: Path, rounds: int = 30) -> dict[str, Any]:
    """POST /compare against ``compare()`` in-process on the same two stored texts."""
    with Corpus.open(db) as corpus:
        corpus.auto_update = False
        story = corpus.story_page().items
        pair = next(s for s in story if len(s.article_ids) >= 2).article_ids[:2]
        a = corpus.store.get(pair[0])
        b = corpus.store.get(pair[1])
    assert a is not None and b is not None
    body = {"a": {"text": a.article.text}, "b": {"text": b.article.text}}
    http, engine, served = [], [], []
    with httpx.Client(base_url=url, timeout=120) as client:
        for _ in range(rounds):
            start = time.perf_counter()
            response = client.post("/api/v1/compare", json=body)
            http.append((time.perf_counter() - start) * 1000)
            response.raise_for_status()
            served.append(float(response.headers["server-timing"].split("dur=")[1]))
            start = time.perf_counter()
            compare(Article(text=a.article.text), Article(text=b.article.text))
            engine.append((time.perf_counter() - start) * 1000)
    return {
        "http_p50_ms": round(statistics.median(http), 1),
        "engine_p50_ms": round(statistics.median(engine), 1),
        "overhead_p50_ms": round(statistics.median(http) - statistics.median(engine), 1),
        "engine_in_server_p50_ms": round(statistics.median(served), 1),
        "http_over_server_engine_p50_ms": round(
            statistics.median([h - e for h, e in zip(http, served, strict=True)]), 1
        ),
    }


def alternating_writers(base: Path, work: Path, writes: list[Article]) -> dict[str, Any]:
    """Two writers on one store taking turns, one article a turn, as the desk's two
    processes' writers do (each turn: ``Corpus.sync``, which reloads the clusterer when
    the other wrote since, then ``add_batch``), in this process on copies of ``base``:
    with the window of recent stories in memory, then looking names up in the store
    (``Corpus.window_from_store``, what the desk's writers do). CPU milliseconds per
    write (``time.process_time``) and whether both gave the same stories."""
    out: dict[str, Any] = {}
    decided: dict[bool, list[str]] = {}
    for from_store in (False, True):
        db = work / f"writers-{int(from_store)}.db"
        for old in work.glob(db.name + "*"):
            old.unlink()
        source, copy = sqlite3.connect(base), sqlite3.connect(db)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        writers = [Corpus(SQLiteStore(db)) for _ in range(2)]
        cpu: list[float] = []
        stories: list[str] = []
        try:
            for writer in writers:
                writer.window_from_store = from_store
                writer.auto_update = False
            for n, article in enumerate(writes):
                writer = writers[n % 2]
                start = time.process_time()
                with writer.store.exclusive():
                    writer.sync()
                    report = writer.add_batch([article])
                cpu.append((time.process_time() - start) * 1000)
                stories.extend(a.story_id for a in report.added)
        finally:
            for writer in writers:
                writer.close()
        decided[from_store] = stories
        key = "window_from_store" if from_store else "window_in_memory"
        out[key] = {
            "writes": len(cpu),
            "cpu_ms_per_write_p50": round(statistics.median(cpu), 1),
            "cpu_ms_per_write_mean": round(statistics.fmean(cpu), 1),
        }
    out["same_stories"] = decided[False] == decided[True]
    return out


def endpoint_cpu(url: str, pgid: int, requests: int, rng: random.Random) -> dict[str, Any]:
    """The server's CPU milliseconds per request for each read endpoint alone (its
    requests from the load's mix, repeated up to ``requests``; ``similar`` 60 at most),
    at concurrency 8 with no writes, after 50 to warm up; each story of the mix read
    once first. Run on a server with one process (``--workers 1``: the process group's
    leader serves every request; ``main`` is its figure, ``all`` adds the story
    builder's)."""
    mix = read_mix(url, 6000, rng)
    warm_up(url, mix)
    by: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, path in mix:
        by[name].append((name, path))
    out: dict[str, Any] = {}
    for name, paths in sorted(by.items()):
        paths = paths[:60] if name == "GET similar" else (paths * (1 + requests // len(paths)))
        paths = paths[:requests]
        asyncio.run(run_load(url, 50, 8, list(paths[:50]), None))
        load = asyncio.run(run_load(url, len(paths), 8, list(paths), None, pgid))
        mine = load["server_cpu_ms_per_request_by_process"].get(f"main {pgid}")
        out[name] = {
            "n": load["requests"],
            "server_cpu_ms_main": mine,
            "server_cpu_ms_all": load["server_cpu_ms_per_request"],
            "p50_ms": load["p50_ms"],
        }
        print(name, json.dumps(out[name]))
    return out


def listing(
    url: str, db: Path, requests: int, rng: random.Random, server_pgid: int | None = None
) -> dict[str, Any]:
    """The story list at concurrency 4, no writes, against the whole listing in-process
    (``Corpus.stories()``, what ``wiretrace stories`` reads) as the peer."""
    paths = read_mix(url, requests * 4, rng)
    lists = [p for p in paths if p[0] == "GET stories"][:requests]
    result = asyncio.run(run_load(url, len(lists), 4, lists, None, server_pgid))
    with Corpus.open(db) as corpus:
        corpus.auto_update = False
        start = time.perf_counter()
        everything = corpus.stories()
        whole = time.perf_counter() - start
    result["peer_full_listing_s"] = round(whole, 2)
    result["stories"] = len(everything)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000, help="store under mixed load")
    parser.add_argument("--listing-articles", type=int, default=100_000, help="0: skip")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--story-size", type=int, default=20)
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: temp)")
    parser.add_argument("--no-store", action="store_true", help="do not record the run")
    parser.add_argument(
        "--keep-listing", action="store_true", help="reuse DIR/listing.db from an earlier run"
    )
    parser.add_argument(
        "--cold-load",
        action="store_true",
        help="start the load without reading each story of its mix once first",
    )
    parser.add_argument(
        "--keep-mixed",
        action="store_true",
        help="reuse DIR/mixed-base.db from an earlier run (each run works on a copy)",
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="interpreter that runs `wiretrace serve` (another checkout's venv/bin/python)",
    )
    parser.add_argument(
        "--only",
        choices=("mixed", "load", "listing", "writers", "endpoints"),
        default=None,
        help="run one part only (load: the mixed load alone, once the story builders "
        "are idle; writers: two writers taking turns, in-process; "
        "endpoints: the server's CPU per request of each read endpoint, one process)",
    )
    args = parser.parse_args()
    Served.python = args.python
    rng = random.Random(5)
    work = args.dir or Path(tempfile.mkdtemp(prefix="wiretrace-desk-"))
    work.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {"workers": args.workers, "concurrency": args.concurrency}

    if args.only in (None, "mixed", "load"):
        run_mixed(args, work, figures, rng)
    if args.only in (None, "writers"):
        base = mixed_base(args, work)[0]
        figures["writers"] = alternating_writers(base, work, extra_writes()[:60])
        print("two writers taking turns:", json.dumps(figures["writers"]))
    if args.only == "endpoints":
        db = work / "endpoints.db"
        for old in work.glob("endpoints.db*"):
            old.unlink()
        source, copy = sqlite3.connect(mixed_base(args, work)[0]), sqlite3.connect(db)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        server = Served(db, 1)
        try:
            figures["endpoints"] = endpoint_cpu(server.url, server.process.pid, 1500, rng)
        finally:
            server.stop()
    if args.listing_articles and args.only in (None, "listing"):
        run_listing(args, work, figures, rng)
    figures["under_load"] = os.getloadavg()[0]
    if not args.no_store:
        store_row("bench_desk", figures)
    print(json.dumps(figures, indent=2))


def mixed_base(args: argparse.Namespace, work: Path) -> tuple[Path, list[Article], float | None]:
    """``DIR/mixed-base.db``, built by the engine unless ``--keep-mixed`` finds it (or
    another part of this run built it); the article held back from its large story; the
    seconds the build took (None when kept)."""
    base = work / "mixed-base.db"
    if (args.keep_mixed or getattr(args, "built_mixed", False)) and base.exists():
        return base, big_event(args.story_size + 1)[-1:], None  # the article the build held
    for old in work.glob("mixed-base.db*"):
        old.unlink()
    build_s, held = build_mixed_store(base, args.articles, args.story_size)
    args.built_mixed = True
    print(f"mixed store: {args.articles:,} articles clustered in {build_s:.0f} s")
    return base, held, build_s


def extra_writes() -> list[Article]:
    """The articles posted during the load (other events, ids of their own)."""
    return [
        replace(r.article, id=f"w-{r.article.id}", url=None)
        for r in iter_records(SynthConfig(num_events=40, distractors=10, seed=99))
    ]


def run_mixed(
    args: argparse.Namespace, work: Path, figures: dict[str, Any], rng: random.Random
) -> None:
    """The story page cold and warm, POST /compare, and the mixed load."""
    db = work / "mixed.db"
    for old in work.glob("mixed.db*"):
        old.unlink()
    base, held, build_s = mixed_base(args, work)
    if build_s is not None:
        figures["mixed_store_build_s"] = round(build_s, 1)
    source, copy = sqlite3.connect(base), sqlite3.connect(db)  # each run works on a copy
    with copy:
        source.backup(copy)
    source.close()
    copy.close()
    extra = extra_writes()
    server = Served(db, args.workers)
    try:
        if args.only == "load":  # the load alone, on a desk in its steady state
            mix = read_mix(server.url, args.requests, rng)
            figures["warm_up"] = warm_up(server.url, mix)
            figures["warm_up"]["builders_idle_after_s"] = wait_idle(server.process.pid)
            print("warm-up:", json.dumps(figures["warm_up"]))
            figures["mixed_load"] = asyncio.run(
                run_load(server.url, len(mix), args.concurrency, mix, extra, server.process.pid)
            )
            print("mixed load:", json.dumps(figures["mixed_load"]))
            return
        page = story_cold_warm(server.url, db, held)
        # a new server: the first read of the story comes from the store's cache
        server.stop()
        server = Served(db, args.workers)
        start = time.perf_counter()
        httpx.get(f"{server.url}/api/v1/stories/{page['story_id']}", timeout=300)
        page["first_read_new_server_s"] = round(time.perf_counter() - start, 3)
        figures["story_page"] = page
        print("story page:", json.dumps(page))
        figures["compare"] = compare_overhead(server.url, db)
        print("compare:", json.dumps(figures["compare"]))
        mix = read_mix(server.url, args.requests, rng)
        if not args.cold_load:
            figures["warm_up"] = warm_up(server.url, mix)
            print("warm-up:", json.dumps(figures["warm_up"]))
        load = asyncio.run(
            run_load(server.url, len(mix), args.concurrency, mix, extra, server.process.pid)
        )
        figures["mixed_load"] = load
        print("mixed load:", json.dumps(load))
    finally:
        server.stop()


def run_listing(
    args: argparse.Namespace, work: Path, figures: dict[str, Any], rng: random.Random
) -> None:
    """The story list at concurrency 4 on the large store."""
    big = work / "listing.db"
    if not (args.keep_listing and big.exists()):
        for old in work.glob("listing.db*"):
            old.unlink()
        seconds, stories = build_listing_store(big, args.listing_articles)
        print(
            f"listing store: {args.listing_articles:,} articles, {stories:,} stories "
            f"in {seconds:.0f} s"
        )
        figures["listing_store_build_s"] = round(seconds, 1)
    server = Served(big, 1)
    try:
        figures["listing"] = listing(server.url, big, 2000, rng, server.process.pid)
        print("story list at concurrency 4:", json.dumps(figures["listing"]))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
