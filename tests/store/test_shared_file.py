"""Two processes on one store file: nothing this process writes is lost when another
process closes its last connection (POSIX locks are per process: a plain open()/close()
of the database file by wiretrace would drop those of the SQLite connections open here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from wiretrace.model import Article
from wiretrace.store import SQLiteStore, StoredArticle, content_hash
from wiretrace.store.sqlite import store_kind

CHILD_ADD = """
import sys
from wiretrace.model import Article
from wiretrace.store import SQLiteStore, StoredArticle, content_hash
store = SQLiteStore(sys.argv[1])
text = "Second text, written by another process."
store.add([StoredArticle("two", Article(text=text, id="two"), content_hash(text))])
store.close()
"""
CHILD_LIST = """
import sys
from wiretrace.store import SQLiteStore
print(" ".join(sorted(a.id for a in SQLiteStore(sys.argv[1]))))
"""


def _item(article_id: str, text: str) -> StoredArticle:
    return StoredArticle(article_id, Article(text=text, id=article_id), content_hash(text))


def test_a_second_connection_here_keeps_the_first_ones_writes_safe(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    first = SQLiteStore(db)
    first.add([_item("one", "First text, written here.")])
    second = SQLiteStore(db)  # opening another connection (a desk's next reader)
    assert store_kind(db) == "wiretrace"  # and looking at the file again
    subprocess.run([sys.executable, "-c", CHILD_ADD, str(db)], check=True, timeout=120)
    first.add([_item("three", "Third text, written here after the other process left.")])
    seen = subprocess.run(
        [sys.executable, "-c", CHILD_LIST, str(db)],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.split()
    assert seen == ["one", "three", "two"]  # the other process sees this one's write
    assert sorted(a.id for a in second) == ["one", "three", "two"]
    first.close()
    second.close()
