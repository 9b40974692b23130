"""`wiretrace delete` killed with SIGKILL inside its transaction (``wiretrace.failpoints``
point ``delete``: every row removed and the stories rewritten, COMMIT not yet run): the
reopened store is exactly as before the delete, and the same delete then completes."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

from tests.utils.crash import run, store_problems, synth_feed


def _state(db: Path) -> dict[str, object]:
    con = sqlite3.connect(db)
    try:
        fts = con.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        fts.close()
        return {
            "members": sorted(
                con.execute(
                    "SELECT a.id, m.story FROM members m JOIN articles a ON a.seq = m.seq"
                ).fetchall()
            ),
            "stories": sorted(con.execute("SELECT id, size, title FROM stories").fetchall()),
            "links": sorted(con.execute("SELECT seq, kind, earlier FROM links").fetchall()),
            "df": con.execute("SELECT COUNT(*), SUM(n) FROM df").fetchone(),
            "meta": sorted(con.execute("SELECT key, value FROM meta").fetchall()),
        }
    finally:
        con.close()


def test_delete_killed_before_commit_leaves_the_store_as_before(tmp_path: Path) -> None:
    feed = tmp_path / "synth.jsonl"
    ids = synth_feed(feed, num_events=12)
    db = tmp_path / "w.db"
    ingest = run("ingest", feed, "--db", db, "--jobs", "1")
    assert ingest.returncode == 0, ingest.stderr
    before = _state(db)
    by_story: dict[str, list[str]] = {}
    for article_id, story in before["members"]:  # type: ignore[attr-defined]
        by_story.setdefault(story, []).append(article_id)
    # one member of each of five stories of several articles, and one whole story
    big = [members for members in by_story.values() if len(members) > 2]
    victims = [members[1] for members in big[:5]]
    victims += next(m for m in by_story.values() if m[0] not in victims and len(m) <= 2)

    killed = run("delete", *victims, "--db", db, env={"WIRETRACE_FAILPOINT": "delete:1"})
    assert killed.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL), killed.stderr
    assert store_problems(db, ids, complete=True) == []
    assert _state(db) == before

    done = run("delete", *victims, "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"deleted {len(victims)} articles: ")
    left = [i for i in ids if i not in victims]
    assert store_problems(db, left, complete=True) == []
    after = _state(db)
    assert {a for a, _ in after["members"]} == set(left)  # type: ignore[attr-defined]
