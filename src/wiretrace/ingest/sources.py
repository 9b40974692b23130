"""Walk files and folders and yield articles (or the reason a record was skipped)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from wiretrace.config import IngestConfig
from wiretrace.errors import InputError
from wiretrace.ingest.archives import read_feed, read_parquet, read_warc
from wiretrace.ingest.readers import decode_bytes, read_article
from wiretrace.ingest.records import Skipped, record_to_article
from wiretrace.model import Article

__all__ = ["SUFFIXES", "Skipped", "iter_articles"]

#: File suffixes ``iter_articles`` reads; others are skipped with a reason.
SUFFIXES = frozenset(
    {".txt", ".html", ".htm", ".json", ".jsonl", ".parquet", ".warc", ".rss", ".atom", ".xml"}
)


def iter_articles(
    paths: Iterable[str | Path], config: IngestConfig | None = None
) -> Iterator[Article | Skipped]:
    """Articles from files and folders (recursively), one per file or per JSONL line.

    Ids: a JSONL record's ``id``; a JSON file's ``id`` or else its path; a text or HTML
    file's path relative to the folder given (without suffix), or its stem when the file
    itself was given. Bad records are yielded as ``Skipped`` and never stop the walk.
    """
    cfg = config or IngestConfig()
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                if path.suffix.lower() not in SUFFIXES and not path.name.endswith(".warc.gz"):
                    yield Skipped(str(path), f"unsupported file type {path.suffix or '(none)'!r}")
                    continue
                yield from _read(path, path.relative_to(root).with_suffix("").as_posix(), cfg)
        elif root.is_file():
            yield from _read(root, root.stem, cfg)
        else:
            yield Skipped(str(root), "no such file or folder")


def _read(path: Path, default_id: str, cfg: IngestConfig) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    if path.name.lower().endswith((".warc.gz", ".warc")):
        yield from read_warc(path)
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, cfg)
        return
    if suffix == ".parquet":
        yield from read_parquet(path)
        return
    if suffix in (".rss", ".atom", ".xml"):
        yield from read_feed(path)
        return
    try:
        article = read_article(path, cfg)
    except InputError as exc:
        yield Skipped(str(path), str(exc).removeprefix(f"{path}: "))
        return
    if path.suffix.lower() != ".json" or article.id == path.stem:
        article = replace(article, id=default_id)
    yield article


def _read_jsonl(path: Path, cfg: IngestConfig) -> Iterator[Article | Skipped]:
    try:
        size = path.stat().st_size
        if size > cfg.max_bytes * 64:
            yield Skipped(str(path), f"file is {size:,} bytes, over 64 x IngestConfig.max_bytes")
            return
        handle = path.open("rb")
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror}")
        return
    with handle:
        for number, line in enumerate(handle, 1):  # streamed: bounded memory
            where = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                obj = json.loads(decode_bytes(line, path=where))
            except InputError as exc:
                yield Skipped(where, str(exc).removeprefix(f"{where}: "))
                continue
            except json.JSONDecodeError as exc:
                yield Skipped(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
                continue
            yield record_to_article(obj, where)
