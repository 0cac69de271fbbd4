"""One store interface, two backends: the embedded SQLite ``Store`` (the default, one person on one
laptop) and ``SqlStore`` on PostgreSQL (a coalition sharing one server).

``open_store()`` picks the backend: a database URL (``--database URL`` or the environment variable
``SHADOWREPORT_DATABASE_URL``) means the server, anything else the SQLite file from the settings.
Both raise the same errors (``StoreError``, ``ConflictError``...) and return the same ``Stored``
and ``Summary`` values, so the app and the command line never ask which one they have.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Protocol, runtime_checkable

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
        raise StoreError("A database URL is set but the server's libraries are missing: "
                         "install them with pip install 'shadowreport[server]', or unset SHADOWREPORT_DATABASE_URL.") from None
    return SqlStore(url)
