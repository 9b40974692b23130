"""Safe output files: never over an input or a store, never over a file without leave, atomic.

Every file wiretrace writes goes through :func:`check_output` and :func:`atomic_write`:

- a target that is one of the run's inputs, or a store (the SQLite file or its ``-wal`` /
  ``-shm`` / ``-journal`` companions), is refused even with ``force``;
- an existing file is refused unless ``force`` is given, or unless the caller allows
  replacing wiretrace's own reports (``own_reports``: ``demo`` rewrites its page);
- the bytes go to a temporary file in the target's folder, which is then renamed over the
  target, so a failed or killed run never leaves half a file.

Reports carry ``<meta name="generator" content="wiretrace">`` (:data:`GENERATOR_META`), by
which folder walks skip them and ``demo`` knows its own page.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from wiretrace.errors import OutputError

__all__ = [
    "GENERATOR_META",
    "STDOUT",
    "atomic_path",
    "atomic_write",
    "check_output",
    "check_output_folder",
    "is_own_report",
    "is_sqlite_file",
]

#: The ``<meta>`` tag every wiretrace HTML report carries in its ``<head>``.
GENERATOR_META = '<meta name="generator" content="wiretrace">'
#: The output path meaning standard output.
STDOUT = "-"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_STORE_COMPANIONS = ("-wal", "-shm", "-journal")


def is_sqlite_file(path: str | Path) -> bool:
    """True when ``path`` is a file starting with the SQLite header (any program's)."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def is_own_report(path: str | Path) -> bool:
    """True when ``path`` is an HTML report wiretrace wrote (its generator tag is in the
    first 4 KiB)."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return GENERATOR_META.encode("ascii") in head


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (the same inode when both exist, else the same
    resolved path)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


#: The position an archive reader appends to an article's file: ``:LINE`` (JSON Lines),
#: ``#rowN`` (Parquet), ``#recordN`` (WARC), ``#entryN`` (RSS/Atom).
_POSITION = re.compile(r"(?::\d+|#(?:row|record|entry)\d+)$")


def source_file(where: str) -> Path:
    """The file an article was read from, given its ``Article.path`` (a file, or a file
    with its position in an archive: ``day.jsonl:3``, ``dump.parquet#row12``)."""
    return Path(_POSITION.sub("", where))


def check_output(
    target: str | Path,
    *,
    inputs: Iterable[str | Path] = (),
    stores: Iterable[str | Path] = (),
    force: bool = False,
    own_reports: bool = False,
) -> None:
    """Refuse to write ``target`` when it would destroy something.

    Args:
        target: the file to be written (``"-"``, standard output, is always allowed).
        inputs: files the run reads; writing over one is refused even with ``force``.
        stores: store files the run uses; they and their ``-wal``/``-shm``/``-journal``
            companions are refused even with ``force``, as is any existing SQLite file.
        force: allow replacing an existing file that is neither an input nor a store.
        own_reports: allow replacing an existing wiretrace HTML report without ``force``.

    Raises:
        OutputError: with the reason and the fix (another path, or ``--force``).
    """
    if str(target) == STDOUT:
        return
    path = Path(target)
    for item in inputs:
        if same_file(path, Path(item)):
            raise OutputError(
                f"{path} is an input of this run; refusing to write over it (give another "
                "output path)"
            )
    for store in stores:
        base = Path(store)
        for candidate in (base, *(Path(f"{base}{s}") for s in _STORE_COMPANIONS)):
            if same_file(path, candidate):
                raise OutputError(
                    f"{path} is the store {base}; refusing to write over it (give another "
                    "output path)"
                )
    if not path.exists():
        return
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file path to write")
    if is_sqlite_file(path):
        raise OutputError(
            f"{path} is a SQLite database; refusing to write over it (give another output path)"
        )
    if force or (own_reports and is_own_report(path)):
        return
    raise OutputError(f"{path} exists; give --force to replace it, or another output path")


def check_output_folder(
    target: str | Path,
    names: Iterable[str],
    *,
    inputs: Iterable[str | Path] = (),
    stores: Iterable[str | Path] = (),
    force: bool = False,
) -> None:
    """Refuse to write the files ``names`` into the folder ``target`` (``batch --out``,
    ``export --format tables``) when it would destroy something.

    Args:
        target: the output folder (created when missing).
        names: the entries the run writes into it (``articles.parquet``...).
        inputs: files and folders the run reads: the folder may be neither one of them,
            nor inside an input folder (a later walk would read the tables back), nor
            hold one; refused even with ``force``.
        stores: store files the run uses; the folder may not be one (even with ``force``).
        force: allow replacing entries of ``names`` already in the folder.

    Raises:
        OutputError: with the reason and the fix (another folder, or ``--force``).
    """
    folder = Path(target).resolve()
    for item in inputs:
        source = Path(item).resolve()
        if folder == source or (source.is_dir() and folder.is_relative_to(source)):
            raise OutputError(
                f"{target} is {'the input' if folder == source else 'inside the input folder'} "
                f"{item}; refusing to write the tables there (give another folder)"
            )
        if any(source.is_relative_to(folder / n) for n in names):
            raise OutputError(
                f"{target} holds the input {item} of this run; refusing to write over it "
                "(give another folder)"
            )
    for store in stores:
        if same_file(Path(target), Path(store)):
            raise OutputError(
                f"{target} is the store {store}; refusing to write over it (give another folder)"
            )
    path = Path(target)
    if not path.exists():
        return
    if not path.is_dir():
        raise OutputError(f"{target} is a file; give a folder for the tables")
    present = [n for n in names if (path / n).exists()]
    if present and not force:
        raise OutputError(
            f"{target} already holds {', '.join(present)}; give --force to replace them, "
            "or another folder"
        )


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed over it when the block succeeds and
    removed when it fails.

    Raises:
        OutputError: the folder cannot be written (message names the target and the cause).
    """
    path = Path(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(target: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``target`` through a temporary file and a rename.

    Raises:
        OutputError: the file cannot be written.
    """
    with atomic_path(target) as tmp:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8", newline="")
        else:
            tmp.write_bytes(data)
