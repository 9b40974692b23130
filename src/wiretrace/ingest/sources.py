"""Walk files and folders and yield articles (or the reason a file or record was skipped)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from wiretrace.config import IngestConfig
from wiretrace.errors import InputError
from wiretrace.ingest.archives import read_feed, read_parquet, read_warc
from wiretrace.ingest.readers import decode_bytes, load_json, read_article
from wiretrace.ingest.records import Skipped, record_to_article
from wiretrace.model import Article

__all__ = ["ARCHIVE_SUFFIXES", "SUFFIXES", "Skipped", "iter_articles", "missing_paths"]

#: File suffixes ``iter_articles`` reads; others are skipped with a reason.
SUFFIXES = frozenset(
    {
        ".txt",
        ".html",
        ".htm",
        ".json",
        ".jsonl",
        ".parquet",
        ".warc",
        ".arc",
        ".rss",
        ".atom",
        ".xml",
    }
)
#: Web archives, plain or gzipped (read by warcio, WARC or the older ARC format).
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def missing_paths(paths: Iterable[str | Path]) -> list[str]:
    """The named paths that do not exist (a broken link counts as missing)."""
    return [str(p) for p in paths if not Path(p).exists()]


def iter_articles(
    paths: Iterable[str | Path], config: IngestConfig | None = None
) -> Iterator[Article | Skipped]:
    """Articles from files and folders (recursively), one per file or per record.

    Ids: a JSONL record's ``id``; a JSON file's ``id`` or else its path; a text or HTML
    file's path relative to the folder given (without suffix), or its stem when the file
    itself was given.

    One rule: a bad file or record is yielded as ``Skipped`` (with the file and the
    record, line or row) and the walk goes on; the records of a file read before it
    broke are kept. Folders are walked following links to folders, each real folder
    once (a link loop is reported, not followed); special files (pipes, devices) and
    broken links are reported, never opened.
    """
    cfg = config or IngestConfig()
    for raw in paths:
        root = Path(raw)
        try:
            is_dir, is_file = root.is_dir(), root.is_file()
        except OSError as exc:
            yield Skipped(str(root), f"cannot read: {exc.strerror}")
            continue
        if is_dir:
            for path in _walk(root):
                if isinstance(path, Skipped):
                    yield path
                    continue
                name = path.name.lower()
                if path.suffix.lower() not in SUFFIXES and not name.endswith(ARCHIVE_SUFFIXES):
                    yield Skipped(str(path), f"unsupported file type {path.suffix or '(none)'!r}")
                    continue
                default_id = path.relative_to(root).as_posix()
                yield from _guarded(path, default_id.removesuffix(path.suffix), cfg)
        elif is_file:
            yield from _guarded(root, root.stem, cfg)
        elif root.exists():
            yield Skipped(str(root), "not a regular file (a pipe, socket or device)")
        else:
            yield Skipped(str(root), "no such file or folder")


def _walk(root: Path) -> Iterator[Path | Skipped]:
    """Regular files under ``root``, sorted per folder; links to folders are followed,
    each real folder once (by device and inode), so a link loop ends the descent."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Skipped(str(folder), f"cannot read the folder: {exc.strerror}")
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            yield Skipped(str(folder), "link loop: this folder was already read; not followed")
            continue
        seen.add(key)
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            try:
                mode = entry.stat(follow_symlinks=True).st_mode
            except OSError as exc:  # a broken link, a link loop on a file
                yield Skipped(str(path), f"cannot read: {exc.strerror or exc}")
                continue
            if stat.S_ISDIR(mode):
                subfolders.append(path)
            elif stat.S_ISREG(mode):
                yield path
            else:
                yield Skipped(str(path), "not a regular file (a pipe, socket or device)")
        stack.extend(reversed(subfolders))


def _guarded(path: Path, default_id: str, cfg: IngestConfig) -> Iterator[Article | Skipped]:
    """One file's records; any error of a third-party reader (or our own) skips the rest
    of that file with the position reached, never the run. MemoryError and interrupts
    (machine problems) go through."""
    last = None
    try:
        for item in _read(path, default_id, cfg):
            last = item.where if isinstance(item, Skipped) else item.path
            yield item
    except MemoryError:
        raise
    except Exception as exc:  # the one rule: a bad file never stops the run
        detail = " ".join(str(exc).split())[:200]
        after = f" after {last}" if last and last != str(path) else ""
        yield Skipped(str(path), f"unreadable{after}: {type(exc).__name__}: {detail}")


def _read(path: Path, default_id: str, cfg: IngestConfig) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    if path.name.lower().endswith(ARCHIVE_SUFFIXES):
        yield from read_warc(path, cfg)
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, cfg)
        return
    if suffix == ".parquet":
        yield from read_parquet(path, config=cfg)
        return
    if suffix in (".rss", ".atom", ".xml"):
        yield from read_feed(path, cfg)
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
        number = 0
        while True:  # streamed, one line at a time, each line bounded: bounded memory
            line = handle.readline(cfg.max_bytes + 1)
            if not line:
                break
            number += 1
            where = f"{path}:{number}"
            if len(line) > cfg.max_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the line
                    line = handle.readline(cfg.max_bytes + 1)
                yield Skipped(where, f"line over {cfg.max_bytes:,} bytes (IngestConfig.max_bytes)")
                continue
            if not line.strip():
                continue
            try:
                obj = load_json(decode_bytes(line, path=where), where, cfg.max_depth)
            except InputError as exc:
                yield Skipped(where, str(exc).removeprefix(f"{where}: "))
                continue
            yield record_to_article(obj, where)
