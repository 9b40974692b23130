"""The desk's runtime in-process: one derivation per story for a burst of first reads,
and remembered story-list pages that follow the store."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from wiretrace.config import CompareConfig
from wiretrace.report import story_cache
from wiretrace.store.base import StoryQuery
from wiretrace.web.desk import Desk
from wiretrace.web.settings import DeskSettings


@pytest.fixture
def desk(seeded_db: Path, tmp_path: Path) -> Any:
    db = tmp_path / "desk.db"
    db.write_bytes(seeded_db.read_bytes())
    running = Desk(DeskSettings(db=db, prebuild_stories=0), CompareConfig())
    running.start()
    yield running
    running.close()


def test_a_burst_of_first_reads_derives_the_story_once(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    with desk.reader() as corpus:
        page = desk.story_page(corpus, StoryQuery(sort="-size", limit=1))
    story_id = page.items[0].story_id
    built: list[str] = []
    real = story_cache.story_to_dict

    def counted(view: Any) -> Any:
        built.append(view.summary.story_id)
        return real(view)

    monkeypatch.setattr(story_cache, "story_to_dict", counted)
    texts: list[str] = []
    threads = [
        threading.Thread(target=lambda: texts.append(desk.story_text(story_id)[0]))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert built == [story_id]  # one derivation, five readers waited for it
    assert len(texts) == 6 and len(set(texts)) == 1


def test_story_list_pages_are_remembered_until_a_write(desk: Desk) -> None:
    from wiretrace.model import Article

    query = StoryQuery(q="ferry")
    with desk.reader() as corpus:
        first = desk.story_page(corpus, query)
        assert desk.story_page(corpus, query) is first  # remembered
    desk.add([Article(id="ferry-2", text="The ferry to Ister island was cancelled by fog.")])
    with desk.reader() as corpus:
        after = desk.story_page(corpus, query)
    assert after is not first
    assert sum(len(s.article_ids) for s in after.items) == 1 + sum(
        len(s.article_ids) for s in first.items
    )


def test_story_list_pages_survive_writes_that_cannot_change_them(desk: Desk) -> None:
    from wiretrace.corpus import Corpus
    from wiretrace.model import Article

    with desk.reader() as corpus:
        outlets = sorted(
            {o for s in desk.story_page(corpus, StoryQuery(limit=500)).items for o in s.outlets}
        )
    queries = [
        StoryQuery(),
        StoryQuery(sort="-size", limit=3),
        StoryQuery(offset=2, limit=2),
        StoryQuery(q="ferry"),
        StoryQuery(q="council"),
        StoryQuery(q="zebra"),
        StoryQuery(q="!!"),
        StoryQuery(q="ferry", outlet=outlets[0]),
        *(StoryQuery(outlet=o) for o in outlets),
        StoryQuery(outlet="Ister Gazette"),
    ]
    with desk.reader() as corpus:
        kept = {q: desk.story_page(corpus, q) for q in queries}
    writes = [
        Article(id="w-1", text="A zebra escaped from the city zoo and was found in a park."),
        Article(
            id="w-2", text="The ferry to Ister island was cancelled by fog.", outlet="Ister Gazette"
        ),
        Article(id="w-3", text="The zoo says the zebra is well and back in its enclosure."),
    ]
    for article in writes:
        desk.add([article])
        with desk.reader() as corpus:
            for query in queries:  # what the desk serves is what a fresh read gives
                assert desk.story_page(corpus, query) == corpus.story_page(query)
    with desk.reader() as corpus:
        same = [q for q in queries if desk.story_page(corpus, q) is kept[q]]
    # a page without a filter on articles is kept when a write changed none of its
    # stories and the listing gives the same ids and total
    top = StoryQuery(sort="-size", limit=1)
    with desk.reader() as corpus:
        largest = desk.story_page(corpus, top)
        smallest = corpus.story_page(StoryQuery(sort="-size", limit=500)).items[-1]
        first = corpus.article(smallest.article_ids[0]).stored.article
    assert len(largest.items[0].article_ids) > len(smallest.article_ids) + 1
    desk.add([Article(id="w-4", text=first.text + " It was updated at noon.")])
    with desk.reader() as corpus:
        assert corpus.store.story_of("w-4") == smallest.story_id  # the write grew it
        assert desk.story_page(corpus, top) is largest == corpus.story_page(top)
    # no write had "council" or an outlet of the store: those pages were never recomputed
    assert outlets and StoryQuery(q="council") in same and StoryQuery(q="!!") in same
    assert all(StoryQuery(outlet=o) in same for o in outlets)
    assert StoryQuery() not in same and StoryQuery(q="zebra") not in same
    # the background builder's writes to the story cache leave the pages alone; a
    # delete by another process forgets them all
    with desk.reader() as corpus:
        page = desk.story_page(corpus, StoryQuery())
        corpus.store.cache_story(page.items[0].story_id, "k", "{}")
        assert desk.story_page(corpus, StoryQuery()) is page
    with desk.lock, Corpus.open(desk.settings.db) as other:
        other.delete(["w-1"])
    with desk.reader() as corpus:
        for query in queries:
            again = desk.story_page(corpus, query)
            assert again is not kept[query] and again == corpus.story_page(query)


def test_a_kept_page_keeps_its_body_while_it_is_the_page(desk: Desk) -> None:
    from wiretrace.model import Article

    query = StoryQuery()
    with desk.reader() as corpus:
        page = desk.story_page(corpus, query)
    assert desk.page_body(query, page) is None
    desk.keep_page_body(query, page, b"{}")
    assert desk.page_body(query, page) == b"{}"
    desk.add([Article(id="w-1", text="A zebra escaped from the city zoo and was found in a park.")])
    with desk.reader() as corpus:
        again = desk.story_page(corpus, query)
    assert again is not page and desk.page_body(query, again) is None
    desk.keep_page_body(query, page, b"old")  # not the page kept now: not kept
    assert desk.page_body(query, page) is None and desk.page_body(query, again) is None


def test_the_writer_reloads_only_after_another_writer(desk: Desk, tmp_path: Path) -> None:
    from wiretrace.corpus import Corpus
    from wiretrace.model import Article

    desk.add([Article(id="ferry-2", text="The ferry to Ister island was cancelled by fog.")])
    assert desk._writer is not None
    warm = desk._writer.clusterer
    desk.add([Article(id="ferry-3", text="Fog kept the Ister ferry in port a second day.")])
    assert desk._writer.clusterer is warm  # its own turns follow one another: kept
    with desk.lock, Corpus.open(desk.settings.db) as other:  # another worker's write
        other.add_batch([Article(id="ferry-4", text="The Ister ferry sailed again at noon.")])
    desk.add([Article(id="ferry-5", text="Ister island ferry times are back to normal.")])
    assert desk._writer.clusterer is not warm  # reloaded from the store first
    with desk.reader() as corpus:
        stories = [corpus.store.story_of(f"ferry-{n}") for n in (2, 3, 4, 5)]
    assert None not in stories


def _grown_story(desk: Desk) -> tuple[str, str, str]:
    """A story read once (cached), then changed by a copy of its first article: (story
    id, the JSON as cached before, the copy's id)."""
    from wiretrace.model import Article

    with desk.reader() as corpus:
        page = desk.story_page(corpus, StoryQuery(sort="-size", limit=1))
        summary = page.items[0]
        first = corpus.article(summary.article_ids[0]).stored.article
    before, state = desk.story_text(summary.story_id)
    assert state == "miss" and desk.story_text(summary.story_id) == (before, "hit")
    report = desk.add([Article(id="late-copy", text=first.text + "\nA late line was added.")])
    assert [a.story_id for a in report.added] == [summary.story_id]
    return summary.story_id, before, "late-copy"


def test_a_changed_story_is_served_stale_while_the_builder_rebuilds_it(desk: Desk) -> None:
    import json
    import time

    story_id, before, copy_id = _grown_story(desk)
    states = []
    deadline = time.monotonic() + 120
    while True:
        text, state = desk.story_text(story_id)
        states.append(state)
        if state != "stale" or time.monotonic() > deadline:
            break
        assert text == before  # the last version built, marked stale
        time.sleep(0.1)
    assert state == "hit", states  # built by the background process, never by a reader
    assert copy_id in json.loads(text)["article_ids"]
    # a stale read during the build queued the story again: the builder's next turn
    # finds it current (a cache lookup) and the queue drains
    assert desk.builder is not None
    while desk.builder.pending() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert desk.builder.pending() == 0


def test_without_the_builder_the_next_reader_derives_a_changed_story(
    seeded_db: Path, tmp_path: Path
) -> None:
    import json

    db = tmp_path / "desk.db"
    db.write_bytes(seeded_db.read_bytes())
    desk = Desk(DeskSettings(db=db, background_builds=False), CompareConfig())  # no prebuild
    desk.start()
    try:
        story_id, _, copy_id = _grown_story(desk)
        text, state = desk.story_text(story_id)
        assert state == "miss" and copy_id in json.loads(text)["article_ids"]
        assert desk.builder is None
    finally:
        desk.close()


def test_a_story_is_built_by_one_builder_process_at_a_time(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import zlib

    from wiretrace.web import builder

    claims = tmp_path / "desk.db.build-lock"
    slot = zlib.crc32(b"s7") % builder._CLAIM_SLOTS
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
            "fcntl.lockf(fd, fcntl.LOCK_EX, 1, int(sys.argv[2])); print('held', flush=True); "
            "sys.stdin.read()",
            str(claims),
            str(slot),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    saved = builder._claims
    builder._claims = os.open(claims, os.O_RDWR | os.O_CREAT)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with builder._claim("s7") as mine:
            assert not mine  # another process's builder has it
        with builder._claim("s8") as mine:
            assert mine  # another story: free
        holder.communicate("")  # the holder ends: the system drops its lock
        with builder._claim("s7") as mine:
            assert mine
    finally:
        os.close(builder._claims)
        builder._claims = saved
        if holder.poll() is None:
            holder.kill()


def test_the_newest_stories_are_built_in_the_background_at_start(
    seeded_db: Path, tmp_path: Path
) -> None:
    import time

    db = tmp_path / "desk.db"
    db.write_bytes(seeded_db.read_bytes())
    desk = Desk(DeskSettings(db=db, prebuild_stories=2), CompareConfig())
    desk.start()
    try:
        with desk.reader() as corpus:
            newest = [s.story_id for s in desk.story_page(corpus, StoryQuery(limit=3)).items]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with desk.reader() as corpus:
                built = [story_cache.cached_story_json_text(corpus, s) for s in newest]
            if built[0] and built[1]:
                break
            time.sleep(0.2)
        assert built[0] and built[1] and built[2] is None  # the two newest, not the third
    finally:
        desk.close()


def test_a_dead_builder_leaves_changed_stories_to_their_readers(desk: Desk) -> None:
    import json
    import os
    import signal
    import time

    assert desk.builder is not None
    desk.builder.submit(["s-none"])  # starts the process (no such story: skipped)
    deadline = time.monotonic() + 120
    while desk.builder.built == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    pool = desk.builder._pool
    assert pool is not None
    for pid in list(pool._processes):  # the builder process dies (OOM killer, kill -9)
        os.kill(pid, signal.SIGKILL)
    desk.builder.submit(["s-none-2"])
    while desk.builder.working and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not desk.builder.working
    story_id, _, copy_id = _grown_story(desk)
    text, state = desk.story_text(story_id)
    assert state == "miss" and copy_id in json.loads(text)["article_ids"]


def test_changed_stories_go_before_the_stories_built_at_start(tmp_path: Path) -> None:
    from wiretrace.web.builder import StoryBuilder

    builder = StoryBuilder(tmp_path / "none.db", CompareConfig())
    builder._thread = threading.Thread()  # never started: only the queue is looked at
    builder.submit(["s1", "s2", "s3", "s4"])  # the newest stories, at start
    builder.submit(["s3", "s9"], first=True)  # changed by a write, or read stale
    builder.submit(["s5", "s9"])
    assert list(builder._queue) == ["s3", "s9", "s1", "s2", "s4", "s5"]
    assert builder.pending() == 6
    builder._thread = None
    builder.close()
    assert builder.pending() == 0


def test_a_first_read_waits_for_the_builder_instead_of_deriving(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    with desk.reader() as corpus:
        story_id = desk.story_page(corpus, StoryQuery(sort="-size", limit=1)).items[0].story_id
        expected = story_cache.story_json_text(corpus, story_id, cache=False)

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("derived in the desk process")

    monkeypatch.setattr(story_cache, "story_to_dict", refused)  # the builder's is its own
    text, state = asyncio.run(desk.built_story_text(story_id, wait_s=120)) or ("", "none")
    assert state == "miss" and text == expected  # built by the background process
    assert desk.story_text(story_id) == (expected, "hit")
    assert asyncio.run(desk.built_story_text("s99999")) is None  # no such story: no wait
