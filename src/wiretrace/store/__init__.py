"""Store: where ingested articles live (SQLite by default), behind one interface."""

from wiretrace.store.base import IngestReport, Store, StoredArticle, content_hash
from wiretrace.store.factory import open_store
from wiretrace.store.memory import MemoryStore
from wiretrace.store.sqlite import SQLiteStore

__all__ = [
    "IngestReport",
    "MemoryStore",
    "SQLiteStore",
    "Store",
    "StoredArticle",
    "content_hash",
    "open_store",
]
