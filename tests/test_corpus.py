"""Ingest into a store: ids, skipped records, idempotent reruns."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wiretrace.corpus import Corpus, ingest
from wiretrace.model import Article
from wiretrace.store import MemoryStore


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    feed = write_jsonl(
        tmp_path / "day.jsonl",
        [
            json.dumps({"id": "r1", "text": "The ferry resumed service on Friday.", "outlet": "A"}),
            "{not json",
            json.dumps({"id": "r2", "text": "   "}),
            json.dumps({"text": "No id here."}),
            json.dumps({"id": "r3", "text": "Flood warnings were lifted.", "published": "soon"}),
            json.dumps({"id": "r4", "text": "Flood warnings were lifted on Sunday."}),
        ],
    )
    store = MemoryStore()
    summary = ingest([feed], store)
    assert summary.added == 2
    assert [s.id for s in store] == ["r1", "r4"]
    where = {s.where.rsplit(":", 1)[1]: s.reason for s in summary.skipped}
    assert "invalid JSON" in where["2"]
    assert "text" in where["3"]
    assert "id" in where["4"]
    assert "ISO 8601" in where["5"]


def test_folder_ids_are_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "wire.txt").write_text("Storm closes the northern coast road.\n")
    (tmp_path / "b" / "wire.txt").write_text("Council approves the new bridge budget.\n")
    (tmp_path / "b" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (tmp_path / "b" / "empty.txt").write_text("  \n")
    store = MemoryStore()
    summary = ingest([tmp_path], store)
    assert sorted(s.id for s in store) == ["a/wire", "b/wire"]
    reasons = " ".join(s.reason for s in summary.skipped)
    assert "unsupported file type '.png'" in reasons
    assert "no text" in reasons


def test_rerun_adds_nothing(tmp_path: Path) -> None:
    feed = write_jsonl(
        tmp_path / "f.jsonl",
        [
            json.dumps({"id": f"n{k}", "text": f"Story number {k} about the harbour."})
            for k in range(7)
        ],
    )
    store = MemoryStore()
    first = ingest([feed], store, batch_size=3)
    second = ingest([feed], store, batch_size=3)
    assert first.added == 7 and second.added == 0
    assert len(second.duplicates) == 7 and len(store) == 7


def test_missing_path_is_reported_not_raised(tmp_path: Path) -> None:
    summary = ingest([tmp_path / "nope"], MemoryStore())
    assert summary.skipped[0].reason == "no such file or folder"


def test_add_batch_clusters_and_reports_duplicates(tmp_path: Path) -> None:
    from tests.utils.demo import demo_articles
    from wiretrace.corpus import Corpus

    with Corpus.open(tmp_path / "w.db") as corpus:
        articles = demo_articles()
        report = corpus.add_batch([*articles[:3], articles[0]])
        assert [a.article_id for a in report.added] == [a.id for a in articles[:3]]
        assert [d[0] for d in report.duplicates] == [articles[0].id]
        assert corpus.store.indexed_count() == 3  # written before returning
        corpus.reload()
        more = corpus.add_batch(articles[3:])
        numbers = [a.story_id for a in (*report.added, *more.added) if a.reason == "new"]
        assert len(numbers) == len(set(numbers))


def test_story_page_and_readers_that_never_cluster(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from tests.utils.demo import demo_articles
    from wiretrace.corpus import Corpus
    from wiretrace.errors import ConfigError
    from wiretrace.store.base import Membership, StoryQuery

    db = tmp_path / "w.db"
    with Corpus.open(db) as corpus:
        corpus.add_batch(demo_articles())
    with Corpus.open(db) as writer:
        ingest([], writer.store)
    reader = Corpus.open(db)
    reader.auto_update = False
    with reader:
        page = reader.story_page(StoryQuery(limit=2, sort="-size"))
        assert page.total == 4 and len(page.items) == 2
        top = page.items[0]
        assert len(top.article_ids) == 6 and len(page.published[top.story_id]) == 6
        since = datetime(2026, 3, 5, tzinfo=UTC)
        assert all(
            s.first_seen and s.first_seen >= since
            for s in reader.story_page(StoryQuery(since=since)).items
        )
        view = reader.article("demo-wire")
        assert view.story_id == top.story_id and view.stored.article.outlet
        # listings kept by the caller: filled in, then read instead of the articles
        kept: dict[str, Any] = {}
        page_all = reader.story_page()
        assert reader.story_page(StoryQuery(), summaries=kept) == page_all
        assert len(kept) == 4
        read: list[str] = []
        real = reader.store.memberships_of

        def counted(ids: Iterable[str]) -> list[Membership]:
            asked = list(ids)
            read.extend(asked)
            return real(asked)

        reader.store.memberships_of = counted  # type: ignore[method-assign, assignment]
        assert reader.story_page(StoryQuery(), summaries=kept) == page_all
        assert read == []  # every story's listing was kept: no article read
        reader.store.memberships_of = real  # type: ignore[method-assign]
        assert reader.story_page_ids(StoryQuery(limit=2, sort="-size")) == (
            tuple(s.story_id for s in page.items),
            4,
        )
        for bad in (StoryQuery(limit=0), StoryQuery(offset=-1), StoryQuery(sort="size")):
            try:
                reader.story_page(bad)
            except ConfigError:
                continue
            raise AssertionError(f"{bad} was accepted")


def test_untimed_story_added_one_by_one_is_named_after_its_source() -> None:
    """``Corpus.add`` defers the title rule to the next read (one derivation per story,
    not one per article); the list and the story agree on the wire's headline."""
    from tests.cli.test_story_title import REWRITE1, REWRITE2, WIRE, WIRE_TITLE

    with Corpus.open(":memory:") as corpus:
        for name, text in (("rw1", REWRITE1), ("rw2", REWRITE2), ("wire", WIRE)):
            corpus.add(Article(text=text, id=name))
        [summary] = corpus.stories()
        assert summary.title == WIRE_TITLE
        view = corpus.story(summary.story_id, compare_edges=False)
        assert view.graph.earliest == "wire" and view.summary.title == WIRE_TITLE


def test_a_writer_keeps_its_state_until_another_writer_writes(tmp_path: Path) -> None:
    from tests.utils.demo import demo_articles
    from wiretrace.corpus import Corpus

    articles = demo_articles()
    db = tmp_path / "w.db"
    with Corpus.open(db) as first, Corpus.open(db) as second:
        first.auto_update = second.auto_update = False
        first.add_batch(articles[:3])
        kept = first.clusterer
        assert first.sync() is False and first.clusterer is kept  # nobody else wrote
        second.sync()
        second.add_batch(articles[3:6])  # another connection (a second desk worker)
        assert first.sync() is True  # its state is stale now: reloaded at next use
        assert first.clusterer is not kept
        first.add_batch(articles[6:])
        assert second.sync() is True
        ids = [m.story_id for m in first.store.memberships()]
        assert first.store.next_story_number() > max(int(s.lstrip("s")) for s in ids)
    with Corpus.open(tmp_path / "one.db") as alone:
        alone.add_batch(articles)
    with Corpus.open(tmp_path / "one.db") as alone:
        same = {m.article_id: m.story_id for m in alone.store.memberships()}
    with Corpus.open(db) as both:
        assert {m.article_id: m.story_id for m in both.store.memberships()} == same
