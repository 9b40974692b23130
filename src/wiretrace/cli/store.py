"""Store upkeep commands: ``migrate`` (upgrade the schema) and ``reindex`` (rebuild stories),
each copying the store to a backup first and showing progress."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress, TaskID

from wiretrace.cli.options import (
    ConfigOption,
    DbOption,
    JobsOption,
    err,
    fail,
    load_config,
    require_store,
)
from wiretrace.errors import WiretraceError
from wiretrace.text.counted import counted


def migrate_cmd(db: DbOption = Path("wiretrace.db")) -> None:
    """Upgrade a store written by an older wiretrace; it is copied to a backup first."""
    from wiretrace.store.sqlite import SCHEMA_VERSION, SQLiteStore

    require_store(db)
    with Progress(console=err, transient=True) as progress:
        tasks: dict[str, TaskID] = {}

        def show(step: str, done: int, total: int) -> None:
            if step not in tasks:
                label = "copying to a backup" if step == "backup" else "migrating the schema"
                tasks[step] = progress.add_task(label, total=total)
            progress.update(tasks[step], completed=done, total=total)

        try:
            store = SQLiteStore(db, on_progress=show)
        except WiretraceError as exc:
            raise fail(exc) from None
    with store:
        if store.upgraded_from is None:
            err.print(f"{db} is at schema {SCHEMA_VERSION} already; nothing to do", highlight=False)
            return
        err.print(
            f"upgraded {db} from schema {store.upgraded_from} to {SCHEMA_VERSION}; "
            f"the store as it was is in {store.backup_path}",
            highlight=False,
        )


def reindex_cmd(
    db: DbOption = Path("wiretrace.db"),
    config: ConfigOption = None,
    jobs: JobsOption = 2,
) -> None:
    """Rebuild the story index from every stored article (after changing settings, or to
    start stories afresh); the store is copied to a backup first."""
    from wiretrace.cli.options import note_upgrade
    from wiretrace.corpus import Corpus
    from wiretrace.store.sqlite import SQLiteStore, backup_name

    require_store(db)
    try:
        corpus = Corpus.open(db, load_config(config))
    except WiretraceError as exc:
        raise fail(exc) from None
    note_upgrade(corpus.store)
    with corpus:
        try:
            backup = None
            store = corpus.store
            if isinstance(store, SQLiteStore):
                with Progress(console=err, transient=True) as progress:
                    task = progress.add_task("copying to a backup", total=None)
                    backup = store.backup(
                        backup_name(db, "before-reindex"),
                        lambda done, total: progress.update(task, completed=done, total=total),
                    )
            with Progress(console=err, transient=True) as progress:
                task = progress.add_task("clustering into stories", total=len(store))
                done = corpus.reindex(lambda _: progress.advance(task), jobs=jobs)
            stories = store.story_count()
        except WiretraceError as exc:
            raise fail(exc) from None
    err.print(
        f"reindexed {counted(len(done), 'article')} into {counted(stories, 'story')}"
        + (f"; the store as it was is in {backup}" if backup else ""),
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add the store upkeep commands to ``app``."""
    app.command("migrate")(migrate_cmd)
    app.command("reindex")(reindex_cmd)
