"""Fixtures: a seeded store and a real desk server on 127.0.0.1 (module scope)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.server import TOKEN, Server, run_server, seed_store


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file with the demo corpus and a hostile article (copied per server)."""
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    seed_store(path)
    return path


def _copy(seeded: Path, folder: Path) -> Path:
    target = folder / "desk.db"
    target.write_bytes(seeded.read_bytes())
    return target


@pytest.fixture(scope="module")
def server(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The desk with a write token, a 1 MB body limit and one compare at a time."""
    db = _copy(seeded_db, tmp_path_factory.mktemp("desk"))
    env = {
        "WIRETRACE_TOKEN": TOKEN,
        "WIRETRACE_MAX_BODY_BYTES": "1000000",
        "WIRETRACE_MAX_COMPARES": "1",
    }
    with run_server(db, env=env) as running:
        yield running
