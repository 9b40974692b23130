"""A real ``wiretrace serve`` (uvicorn on 127.0.0.1) over a temporary SQLite store."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.utils.demo import demo_articles
from wiretrace.corpus import Corpus
from wiretrace.model import Article

TOKEN = "test-write-token-7f3a"
HOSTILE_TEXT = (
    "<script>document.title='pwned'</script> The Ister ferry <img src=x onerror=alert(1)> "
    'resumed service on Tuesday, the harbour office said. "We are back on schedule," '
    "harbour master Ilse Varga said. About 40 crossings a day are planned."
)


def seed_store(path: Path) -> None:
    """The demo corpus, an article whose id is a URL, and one with hostile markup."""
    with Corpus.open(path) as corpus:
        for article in demo_articles():
            corpus.add(article)
        corpus.add(
            Article(
                id="https://news.example/2026/03/ferry?ref=a b",
                text=HOSTILE_TEXT,
                title='Ferry <script>alert("t")</script> back',
                outlet="Harbour <b onmouseover=alert(2)>Post</b>",
            )
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running desk: its base URL, store path and process."""

    url: str
    db: Path
    process: subprocess.Popen[str]
    log: Path

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120, **kwargs)  # type: ignore[arg-type]


@contextmanager
def run_server(
    db: Path, *args: str, env: dict[str, str] | None = None, startup: float = 90
) -> Iterator[Server]:
    """Start ``python -m wiretrace serve`` and wait until /api/v1/health answers."""
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("WIRETRACE_")}
    environ.update(env or {})
    log = db.with_name(db.name + f".{port}.log")
    handle = log.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wiretrace",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--no-access-log",
            *args,
        ],
        env=environ,
        stdout=handle,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + startup
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"serve exited: {log.read_text()}")
            try:
                if httpx.get(url + "/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"serve did not start: {log.read_text()}")
            time.sleep(0.2)
        yield Server(url, db, process, log)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        handle.close()
