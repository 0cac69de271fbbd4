"""The project store: SQLite in the user's data folder, so no edit is ever lost.

- Every save is one transaction: a crash mid-save leaves the last good state (SQLite's atomic
  commit, with ``synchronous=FULL``).
- Every save names the version it started from. If someone else (another tab, another person on a
  shared drive) saved in between, the save is refused with :class:`ConflictError` and nothing is
  overwritten; the caller shows both and lets the user decide.
- The last ``KEEP_REVISIONS`` versions of each project are kept, so any save can be undone.

Project content is never logged: errors name the project id and version, not its text.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pydantic import ValidationError

from .project.model import Project

KEEP_REVISIONS = 50
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS projects (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    mechanism TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS revisions (
    project_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (project_id, version)
);
"""


class StoreError(Exception):
    """The store cannot be used (unreadable file, newer schema...): one clear sentence."""


class ConflictError(StoreError):
    """The project changed since it was opened; the save was refused and nothing was overwritten."""

    def __init__(self, project_id: str, expected: int, current: int | None, updated_at: str | None) -> None:
        self.project_id, self.expected, self.current, self.updated_at = project_id, expected, current, updated_at
        if current is None:
            message = f"Project {project_id} was deleted elsewhere; your changes were not saved. Save them as a new project."
        else:
            message = (
                f"Project {project_id} was changed elsewhere (another tab or person) at {updated_at}: you opened version "
                f"{expected}, the store now has version {current}. Your changes were not saved; reload to see theirs, "
                "or save yours as a copy."
            )
        super().__init__(message)


@dataclass(frozen=True)
class Stored:
    project: Project
    version: int
    updated_at: str


@dataclass(frozen=True)
class Summary:
    id: str
    title: str
    mechanism: str
    kind: str
    status: str
    version: int
    updated_at: str


class Store:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as connection:
                connection.executescript(_SCHEMA)
                found = connection.execute("PRAGMA user_version").fetchone()[0]
                if found > SCHEMA_VERSION:
                    raise StoreError(f"{self.path}: this store was written by a newer Shadow Report Studio (schema {found}); update the app.")
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: the project store cannot be opened ({error}).") from None
        except OSError as error:
            raise StoreError(f"{self.path}: the project store cannot be created ({error.strerror or error}).") from None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # A connection per operation: safe across Streamlit's threads and several processes.
        connection = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA busy_timeout = 15000")
            yield connection
        finally:
            connection.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def create(self, project: Project) -> Stored:
        now = _now()
        data = project.model_dump_json()
        with self._transaction() as connection:
            if connection.execute("SELECT 1 FROM projects WHERE id = ?", (project.id,)).fetchone():
                raise StoreError(f"A project with id {project.id} already exists; import it as a copy instead.")
            connection.execute(
                "INSERT INTO projects (id, version, title, mechanism, kind, status, updated_at, data) VALUES (?, 1, ?, ?, ?, ?, ?, ?)",
                (project.id, project.title, project.mechanism, project.kind, project.status, now, data),
            )
            _write_revision(connection, project.id, 1, now, data)
        return Stored(project, 1, now)

    def load(self, project_id: str) -> Stored:
        with self._connect() as connection:
            row = connection.execute("SELECT version, updated_at, data FROM projects WHERE id = ?", (project_id,)).fetchone()
        if row is None:
            raise StoreError(f"No project with id {project_id} in {self.path}.")
        return Stored(_parse(row[2], project_id), row[0], row[1])

    def head(self, project_id: str) -> tuple[int, str] | None:
        """(version, saved at) without reading the project itself: cheap enough for every rerun."""
        with self._connect() as connection:
            row = connection.execute("SELECT version, updated_at FROM projects WHERE id = ?", (project_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def save(self, project: Project, expected_version: int) -> Stored:
        """Store a new version, or raise ConflictError if the project changed since ``expected_version``."""
        now = _now()
        data = project.model_dump_json()
        with self._transaction() as connection:
            row = connection.execute("SELECT version, updated_at FROM projects WHERE id = ?", (project.id,)).fetchone()
            if row is None or row[0] != expected_version:
                raise ConflictError(project.id, expected_version, row[0] if row else None, row[1] if row else None)
            version = expected_version + 1
            connection.execute(
                "UPDATE projects SET version = ?, title = ?, mechanism = ?, kind = ?, status = ?, updated_at = ?, data = ? WHERE id = ?",
                (version, project.title, project.mechanism, project.kind, project.status, now, data, project.id),
            )
            _write_revision(connection, project.id, version, now, data)
        return Stored(project, version, now)

    def list(self) -> list[Summary]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT id, title, mechanism, kind, status, version, updated_at FROM projects ORDER BY updated_at DESC, title"
            ).fetchall()
        return [Summary(*row) for row in rows]

    def delete(self, project_id: str, expected_version: int) -> None:
        """Remove a project (its revisions stay, so it can be restored)."""
        with self._transaction() as connection:
            row = connection.execute("SELECT version, updated_at FROM projects WHERE id = ?", (project_id,)).fetchone()
            if row is None or row[0] != expected_version:
                raise ConflictError(project_id, expected_version, row[0] if row else None, row[1] if row else None)
            connection.execute("DELETE FROM projects WHERE id = ?", (project_id,))

    def revisions(self, project_id: str) -> list[tuple[int, str]]:
        with self._connect() as connection:
            return connection.execute(
                "SELECT version, saved_at FROM revisions WHERE project_id = ? ORDER BY version DESC", (project_id,)
            ).fetchall()

    def revision(self, project_id: str, version: int) -> Project:
        with self._connect() as connection:
            row = connection.execute("SELECT data FROM revisions WHERE project_id = ? AND version = ?", (project_id, version)).fetchone()
        if row is None:
            raise StoreError(f"Project {project_id} has no saved version {version}.")
        return _parse(row[0], project_id)


def _write_revision(connection: sqlite3.Connection, project_id: str, version: int, saved_at: str, data: str) -> None:
    connection.execute("INSERT OR REPLACE INTO revisions (project_id, version, saved_at, data) VALUES (?, ?, ?, ?)", (project_id, version, saved_at, data))
    connection.execute("DELETE FROM revisions WHERE project_id = ? AND version <= ?", (project_id, version - KEEP_REVISIONS))


def _parse(data: str, project_id: str) -> Project:
    try:
        return Project.model_validate_json(data)
    except ValidationError:
        raise StoreError(f"Project {project_id} in the store cannot be read by this version of the app.") from None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def open_default_store() -> Store:
    from .config import load_settings

    return Store(load_settings().store_path)
