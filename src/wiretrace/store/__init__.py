"""Store: where ingested articles live (SQLite by default), behind one interface."""

from wiretrace.store.base import (
    IndexEntry,
    IndexUpdate,
    IngestReport,
    Membership,
    Store,
    StoredArticle,
    StoryRecord,
    content_hash,
)
from wiretrace.store.factory import open_store
from wiretrace.store.memory import MemoryStore
from wiretrace.store.sqlite import SQLiteStore

__all__ = [
    "IndexEntry",
    "IndexUpdate",
    "IngestReport",
    "Membership",
    "MemoryStore",
    "SQLiteStore",
    "Store",
    "StoredArticle",
    "StoryRecord",
    "content_hash",
    "open_store",
]
