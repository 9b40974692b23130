"""Walk files and folders and yield articles (or the reason a file or record was skipped)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from pathlib import Path

from wiretrace.config import IngestConfig
from wiretrace.errors import InputError, InputFormatError, InputNotFoundError
from wiretrace.ingest.archives import read_feed, read_parquet, read_warc
from wiretrace.ingest.fields import describe
from wiretrace.ingest.frontmatter import TextMetadata
from wiretrace.ingest.readers import decode_bytes, load_json, read_article
from wiretrace.ingest.records import Skipped, record_to_article
from wiretrace.model import Article
from wiretrace.outputs import is_own_report, is_sqlite_file

__all__ = [
    "ARCHIVE_SUFFIXES",
    "SUFFIXES",
    "Skipped",
    "is_wiretrace_file",
    "iter_articles",
    "missing_paths",
    "read_one",
]

#: File suffixes ``iter_articles`` reads; others are skipped with a reason.
SUFFIXES = frozenset(
    {
        ".txt",
        ".text",
        ".md",
        ".html",
        ".htm",
        ".xhtml",
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
#: Suffixes of files that hold one article each (their id comes from the file's path).
_SINGLE = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".json"})
#: Files beside a store: SQLite's own, and the write lock of ``wiretrace.store.lock``.
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal", ".write-lock")


#: How the text reports wiretrace writes with ``-o FILE`` (Rich tables and panels) draw
#: their first frame: a panel's or a table's top-left corner opening a line.
_REPORT_FRAME = ("╭─", "┏━")


def is_text_report(path: Path) -> bool:
    """True for a text report wiretrace wrote (``compare``/``story`` ``-o FILE.txt``):
    one of its first six lines opens with a Rich frame corner (``_REPORT_FRAME``), which
    news text does not."""
    try:
        with path.open("rb") as handle:
            head = handle.read(2048).decode("utf-8", errors="ignore")
    except OSError:
        return False
    return any(line.startswith(_REPORT_FRAME) for line in head.splitlines()[:6])


def is_wiretrace_file(path: Path) -> bool:
    """True for what wiretrace itself wrote into a folder: a store (any SQLite file, its
    ``-wal``/``-shm``/``-journal``/``.write-lock`` companions, backups), an HTML report with the
    generator tag, a JSON report (``schema_version`` first), a text report
    (``is_text_report``), a temporary output file.
    A folder walk skips these without listing them."""
    name = path.name
    if name.endswith(_SQLITE_COMPANIONS) or (name.startswith(".") and name.endswith(".tmp")):
        return True
    if is_sqlite_file(path):
        return True
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return is_own_report(path)
    if suffix == ".txt":
        return is_text_report(path)
    if suffix == ".json":
        try:
            with path.open("rb") as handle:
                head = handle.read(64)
        except OSError:
            return False
        return head.lstrip().startswith(b'{\n  "schema_version"') or head.lstrip().startswith(
            b'{"schema_version"'
        )
    return False


def missing_paths(paths: Iterable[str | Path]) -> list[str]:
    """The named paths that do not exist (a broken link counts as missing)."""
    return [str(p) for p in paths if not Path(p).exists()]


def iter_articles(
    paths: Iterable[str | Path],
    config: IngestConfig | None = None,
    *,
    on_notice: Callable[[str], None] | None = None,
    text_metadata: TextMetadata | None = None,
    field_map: Mapping[str, str] | None = None,
) -> Iterator[Article | Skipped]:
    """Articles from files and folders (recursively), one per file or per JSONL line.

    Ids: a JSONL record's ``id``; a JSON file's ``id`` or else its path; a text or HTML
    file's path relative to the folder given (without suffix), or its stem when the file
    itself was given. When two files of the run would get the same id (``rewrite1.txt``
    and ``rewrite1.html``), each keeps its suffix in its id, and its relative path when
    that is still ambiguous; ``on_notice`` is told which files those are. A folder walk
    skips wiretrace's own stores and reports without a word. Bad records are yielded as
    ``Skipped`` and never stop the walk. ``text_metadata`` fills the title, outlet and
    time of plain-text files where their front matter gives none. JSONL and Parquet
    records may use common alternative field names, or those of ``field_map``
    (``{"source": "outlet"}``); ``on_notice`` is told once which names were mapped.

    One rule: a bad file or record is yielded as ``Skipped`` (with the file and the
    record, line or row) and the walk goes on; the records of a file read before it
    broke are kept. Folders are walked following links to folders, each real folder
    once (a link loop is reported, not followed); special files (pipes, devices) and
    broken links are reported, never opened.
    """
    cfg = config or IngestConfig()
    plan: list[tuple[Path, str] | Skipped] = []
    for raw in paths:
        root = Path(raw)
        try:
            is_dir, is_file = root.is_dir(), root.is_file()
        except OSError as exc:
            plan.append(Skipped(str(root), f"cannot read: {exc.strerror}"))
            continue
        if is_dir:
            for path in _walk(root):
                if isinstance(path, Skipped):
                    plan.append(path)
                    continue
                if is_wiretrace_file(path):
                    continue
                name = path.name.lower()
                if path.suffix.lower() not in SUFFIXES and not name.endswith(ARCHIVE_SUFFIXES):
                    plan.append(
                        Skipped(str(path), f"unsupported file type {path.suffix or '(none)'!r}")
                    )
                    continue
                default_id = path.relative_to(root).as_posix()
                plan.append((path, default_id.removesuffix(path.suffix)))
        elif is_file:
            plan.append((root, root.stem))
        elif root.exists():
            plan.append(Skipped(str(root), "not a regular file (a pipe, socket or device)"))
        else:
            plan.append(Skipped(str(root), "no such file or folder"))
    ids = _unique_ids([entry for entry in plan if not isinstance(entry, Skipped)], on_notice)
    fields = _Fields(field_map or {})
    for entry in plan:
        if isinstance(entry, Skipped):
            yield entry
        else:
            for item in _guarded(entry[0], ids.get(entry[0], entry[1]), cfg, fields):
                if text_metadata and isinstance(item, Article) and _is_text(entry[0]):
                    item = replace(
                        item,
                        title=item.title or text_metadata.title,
                        outlet=item.outlet or text_metadata.outlet,
                        published=item.published or text_metadata.published,
                    )
                yield item
    if fields.used and on_notice:
        on_notice(f"field names mapped: {describe(fields.used)} (--map changes this)")


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


@dataclass(slots=True)
class _Fields:
    """The field names of one run: the user's map, and the (name, field) pairs used."""

    field_map: Mapping[str, str]
    used: set[tuple[str, str]] = dc_field(default_factory=set)


def _unique_ids(
    files: list[tuple[Path, str]], on_notice: Callable[[str], None] | None
) -> dict[Path, str]:
    """Path -> id for single-article files whose path-derived ids collide."""
    groups: dict[str, list[Path]] = {}
    for path, default in files:
        if path.suffix.lower() in _SINGLE:
            groups.setdefault(default, []).append(path)
    out: dict[Path, str] = {}
    for default, group in groups.items():
        if len(group) < 2:
            continue
        named = {p: f"{default}{p.suffix}" for p in group}
        if len(set(named.values())) < len(group):
            named = {p: Path(os.path.relpath(p)).as_posix() for p in group}
        out.update(named)
        if on_notice:
            listed = ", ".join(f"{p} is {named[p]!r}" for p in group)
            on_notice(f"{len(group)} files would get the id {default!r}; {listed}")
    return out


def _is_text(path: Path) -> bool:
    return path.suffix.lower() in (".txt", ".text", ".md")


def _guarded(
    path: Path, default_id: str, cfg: IngestConfig, fields: _Fields
) -> Iterator[Article | Skipped]:
    """One file's records; any error of a third-party reader (or our own) skips the rest
    of that file with the position reached, never the run. MemoryError and interrupts
    (machine problems) go through."""
    last = None
    try:
        for item in _read(path, default_id, cfg, fields):
            last = item.where if isinstance(item, Skipped) else item.path
            yield item
    except MemoryError:
        raise
    except Exception as exc:  # the one rule: a bad file never stops the run
        detail = " ".join(str(exc).split())[:200]
        after = f" after {last}" if last and last != str(path) else ""
        yield Skipped(str(path), f"unreadable{after}: {type(exc).__name__}: {detail}")


def _read(
    path: Path, default_id: str, cfg: IngestConfig, fields: _Fields | None = None
) -> Iterator[Article | Skipped]:
    fields = fields or _Fields({})
    suffix = path.suffix.lower()
    if path.name.lower().endswith(ARCHIVE_SUFFIXES):
        yield from read_warc(path, cfg)
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, cfg, fields)
        return
    if suffix == ".parquet":
        yield from read_parquet(path, config=cfg, field_map=fields.field_map, mapped=fields.used)
        return
    if suffix in (".rss", ".atom", ".xml"):
        yield from read_feed(path, cfg)
        return
    try:
        article = read_article(path, cfg, field_map=fields.field_map, mapped=fields.used)
    except InputError as exc:
        yield Skipped(str(path), str(exc).removeprefix(f"{path}: "))
        return
    if path.suffix.lower() != ".json" or article.id == path.stem:
        article = replace(article, id=default_id)
    yield article


def _read_jsonl(path: Path, cfg: IngestConfig, fields: _Fields) -> Iterator[Article | Skipped]:
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
            yield record_to_article(obj, where, field_map=fields.field_map, mapped=fields.used)


def read_one(path: str | Path, config: IngestConfig | None = None) -> Article:
    """One article from a file of any type ``ingest`` reads (what ``compare`` takes): a
    .txt/.html/.json file, or a .jsonl/.parquet/WARC/feed file holding one article.

    Raises:
        InputError: the file cannot be read, holds no article or more than one (the
            message says to ingest it and compare stored ids instead).
    """
    cfg = config or IngestConfig()
    p = Path(path)
    suffix = p.suffix.lower()
    many = suffix in (".jsonl", ".parquet", ".rss", ".atom", ".xml") or p.name.lower().endswith(
        ARCHIVE_SUFFIXES
    )
    if not many:
        return read_article(p, cfg)
    if not p.is_file():
        raise InputNotFoundError("does not exist; give the path of an article file", path=str(p))
    found: list[Article] = []
    reasons: list[str] = []
    for item in _guarded(p, p.stem, cfg, _Fields({})):
        if isinstance(item, Skipped):
            reasons.append(f"{item.where}: {item.reason}")
        else:
            found.append(item)
        if len(found) > 1:
            raise InputFormatError(
                "holds more than one article; compare takes one article per file "
                "(ingest the file and compare stored ids: wiretrace compare ID1 ID2 --db DB)",
                path=str(p),
            )
    if not found:
        raise InputFormatError(
            "holds no readable article" + (f" ({reasons[0]})" if reasons else ""), path=str(p)
        )
    return found[0]
