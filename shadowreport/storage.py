"""One store interface, two backends: the embedded SQLite ``Store`` (the default, one person on one
laptop) and ``SqlStore`` on PostgreSQL (a coalition sharing one server).

``open_store()`` picks the backend: a database URL (``--database URL`` or the environment variable
``SHADOWREPORT_DATABASE_URL``) means the server, anything else the SQLite file from the settings.
Both raise the same errors (``StoreError``, ``ConflictError``...) and return the same ``Stored``
and ``Summary`` values, so the app and the command line never ask which one they have.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Protocol, runtime_checkable

from .i18n import N_
from .project.model import Project
from .store import PurgeReport, Store, Stored, StoreError, Summary

DATABASE_URL_VARIABLE = "SHADOWREPORT_DATABASE_URL"


@runtime_checkable
class ProjectStore(Protocol):
    """What the app and the command line may ask of a store (see shadowreport.store for the meaning of each)."""

    def create(self, project: Project) -> Stored: ...
    def load(self, project_id: str) -> Stored: ...
    def exists(self, project_id: str) -> bool: ...
    def head(self, project_id: str) -> tuple[int, str] | None: ...
    def save(self, project: Project, expected_version: int) -> Stored: ...
    def list(self, archived: bool = False) -> list[Summary]: ...
    def trashed(self) -> list[Summary]: ...
    def duplicate(self, project_id: str) -> Stored: ...
    def set_archived(self, project_id: str, archived: bool) -> None: ...
    def move_to_trash(self, project_id: str, expected_version: int) -> None: ...
    def restore(self, project_id: str) -> None: ...
    def delete(self, project_id: str, expected_version: int | None = None) -> None: ...
    def expire_trash(self, now: dt.datetime | None = None) -> int: ...
    def empty_trash(self) -> int: ...
    def purge_deleted_data(self, empty_trash: bool = False) -> PurgeReport: ...
    def revisions(self, project_id: str) -> list[tuple[int, str]]: ...
    def revision(self, project_id: str, version: int) -> Project: ...


def database_url(given: str | None = None) -> str | None:
    """The server's URL: the one given (``--database``), else SHADOWREPORT_DATABASE_URL; None means the SQLite file."""
    return given or os.environ.get(DATABASE_URL_VARIABLE) or None


def open_store(url: str | None = None, store_path: str | os.PathLike | None = None) -> ProjectStore:
    """The SqlStore when a database URL is given or set, else the SQLite Store at ``store_path`` (by default the settings')."""
    url = database_url(url)
    if url is None:
        if store_path is None:
            from .config import load_settings

            store_path = load_settings().store_path
        return Store(Path(store_path))
    try:
        from .server.sql_store import SqlStore
    except ImportError:
        raise StoreError(N_("A database URL is set but the server's libraries are missing: "
                            "install them with pip install 'shadowreport[server]', or unset SHADOWREPORT_DATABASE_URL.")) from None
    return SqlStore(url)


# -- backup and restore ---------------------------------------------------------------------------
# A backup is a file of JSON lines that any store can restore: a heading line, one line per project
# (its current version, whether archived or in the trash; not its older versions, so that what was
# edited away does not live on in backups), and a closing line with the count and a SHA-256 of the
# lines before it, so that a file cut short or altered is refused whole.

BACKUP_FORMAT = "shadowreport-backup"
BACKUP_FORMAT_VERSION = 1


def write_backup(store: ProjectStore, target: Path) -> int:
    """Write every project of ``store`` to ``target`` (0600, replaced whole or not at all); returns how many."""
    from .files import write_atomically

    lines = [json.dumps({"format": BACKUP_FORMAT, "version": BACKUP_FORMAT_VERSION, "written_at": _now()})]
    summaries = [*store.list(), *store.list(archived=True), *store.trashed()]
    for summary in summaries:
        trashed = summary.deleted_at is not None
        # A project in the trash cannot be loaded; its current version is also its newest revision.
        project = store.revision(summary.id, summary.version) if trashed else store.load(summary.id).project
        lines.append(json.dumps({"archived": summary.archived_at is not None, "trashed": trashed,
                                 "project": project.model_dump(mode="json")}, ensure_ascii=False))
    lines.append(json.dumps({"end": len(summaries), "sha256": _digest(lines)}))
    text = "".join(line + "\n" for line in lines)
    write_atomically(Path(target), lambda temporary: temporary.write_text(text, encoding="utf-8"))
    return len(summaries)


def restore_backup(store: ProjectStore, source: Path) -> int:
    """Add every project of a backup to ``store``; returns how many.

    The whole file is checked first: a damaged file, or a project id the store already holds, is
    refused in one sentence and nothing is restored. Projects come back with their history starting
    afresh; those that were in the trash go back to the trash (for another full trash period).
    """
    entries = _read_backup(Path(source))
    taken = [entry["project"].id for entry in entries if store.exists(entry["project"].id)]
    if taken:
        raise StoreError(f"{source}: project {taken[0]} is already in this store ({len(taken)} of the backup's projects are); "
                         "restore into an empty store, or delete them first; nothing was restored.")
    for entry in entries:
        stored = store.create(entry["project"])
        if entry["archived"]:
            store.set_archived(stored.project.id, True)
        if entry["trashed"]:
            store.move_to_trash(stored.project.id, stored.version)
    return len(entries)


def _read_backup(source: Path) -> list[dict]:
    from pydantic import ValidationError

    def damaged(why: str) -> StoreError:
        return StoreError(f"{source} is not a usable Shadow Report Studio backup ({why}); nothing was restored.")

    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise damaged("it is not UTF-8 text") from None
    except OSError as error:
        raise StoreError(f"{source} cannot be read ({error.strerror or error}); nothing was restored.") from None
    try:
        heading, *body, closing = [json.loads(line) for line in lines]
    except ValueError:  # a line that is not JSON, or fewer than two lines
        raise damaged("a line is not complete JSON, or the file is cut short") from None
    if not isinstance(heading, dict) or heading.get("format") != BACKUP_FORMAT:
        raise damaged("its first line is not a backup's heading")
    if not isinstance(heading.get("version"), int) or heading["version"] > BACKUP_FORMAT_VERSION:
        raise damaged("it was written by a newer Shadow Report Studio: update the app")
    if not isinstance(closing, dict) or closing.get("end") != len(body) or closing.get("sha256") != _digest(lines[:-1]):
        raise damaged("it is cut short or was changed after it was written")
    entries = []
    for number, entry in enumerate(body, start=2):
        try:
            entries.append({"project": Project.model_validate(entry["project"]),
                            "archived": bool(entry.get("archived")), "trashed": bool(entry.get("trashed"))})
        except (ValidationError, KeyError, TypeError):
            raise damaged(f"the project on line {number} cannot be read by this version of the app") from None
    return entries


def _digest(lines: list[str]) -> str:
    return hashlib.sha256("".join(line + "\n" for line in lines).encode("utf-8")).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
