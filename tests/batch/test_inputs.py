"""The batch engines read their inputs with the store's duplicate rules: for the same
files, ``read_inputs`` keeps, drops (with the same reasons) and links exactly what
``ingest`` into either store backend does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.utils.texts import BRIDGE, ORCHID, bridge, story
from wiretrace.batch.inputs import read_inputs
from wiretrace.corpus import ingest
from wiretrace.store import MemoryStore, SQLiteStore, Store


def _feed(path: Path) -> Path:
    wire, orchid = bridge(), story(*ORCHID)
    updated = bridge({6: BRIDGE[6].replace("4,000", "4,500")})
    rows = [
        {"id": "wire", "text": wire, "outlet": "Nordpress", "url": "https://nordpress.example/a1"},
        # the same id again
        {"id": "wire", "text": orchid, "outlet": "Nordpress"},
        # the same text at the same canonical URL (www., a tracking parameter)
        {"id": "again", "text": wire, "outlet": "Other",
         "url": "https://www.nordpress.example/a1/?utm_source=feed"},
        # the same text from the same outlet at another URL; then with no outlet
        {"id": "mirror", "text": wire, "outlet": "nordpress", "url": "https://np.example/x"},
        {"id": "bare", "text": wire.replace(" ", "  ")},
        # the same text from another outlet and URL: kept, verbatim
        {"id": "synd", "text": wire, "outlet": "Valley Courier", "url": "https://vc.example/9"},
        # changed text at the wire's URL: kept, a new version
        {"id": "wire2", "text": updated, "outlet": "Nordpress",
         "url": "https://nordpress.example/a1"},
        # another story; then its text again with no outlet
        {"id": "garden", "text": orchid, "outlet": "Velmora Herald"},
        {"id": "garden-bare", "text": orchid},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("backend", ["sqlite", "memory"])
def test_batch_inputs_follow_the_store_rules(tmp_path: Path, backend: str) -> None:
    feed = _feed(tmp_path / "day.jsonl")
    store: Store = SQLiteStore(tmp_path / "w.db") if backend == "sqlite" else MemoryStore()
    with store:
        summary = ingest([feed], store)
        stored = [s.id for s in store]
    batch = read_inputs([feed])
    assert [i.id for i in batch.items] == stored
    assert batch.duplicates == summary.duplicates
    assert batch.links == summary.links
    assert stored == ["wire", "synd", "wire2", "garden"]
    assert [i for i, _ in batch.duplicates] == ["wire", "again", "mirror", "bare", "garden-bare"]
    assert {(k.article_id, k.kind, k.earlier_id) for k in batch.links} == {
        ("synd", "verbatim", "wire"),
        ("wire2", "version", "wire"),
    }
