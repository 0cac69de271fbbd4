"""The two store backends as the store tests see them: open a store, put a trashed project back in
time, and tell whether test_store_privacy's personal data is still held anywhere."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from shadowreport.store import Store


def _days_ago(days: float) -> dt.datetime:
    return dt.datetime.now(dt.UTC) - dt.timedelta(days=days)


class Clock:
    """The store's clock, moved on by the test: saves made minutes apart without waiting (revisions are grouped by time)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

    def wait(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@contextlib.contextmanager
def store_clock(backend):
    """Within it, ``backend``'s store reads the time from the yielded Clock."""
    clock = Clock()
    with pytest.MonkeyPatch.context() as patch:
        if backend.name == "sqlite":
            patch.setattr("shadowreport.store._now", lambda: clock.now.isoformat(timespec="milliseconds"))
        else:
            patch.setattr("shadowreport.server.sql_store._now", lambda: clock.now)
        yield clock


class SqliteBackend:
    name = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path

    def open(self) -> Store:
        return Store(self.path)

    def backdate_trash(self, project_id: str, days: float) -> None:
        """As if the project had been moved to the trash ``days`` ago."""
        with sqlite3.connect(self.path) as connection:
            connection.execute("UPDATE projects SET deleted_at = ? WHERE id = ?",
                               (_days_ago(days).isoformat(timespec="milliseconds"), project_id))
        connection.close()

    def holds_personal_data(self) -> bool:
        """Whether the store's files (the store, its log, its backup) hold the personal data in any encoding."""
        from .test_store_privacy import leaks

        return bool(leaks(self.path))


class PostgresBackend:
    name = "postgres"

    def __init__(self, url: str) -> None:
        self.url = url

    def open(self):
        from shadowreport.server.sql_store import SqlStore

        return SqlStore(self.url)

    def backdate_trash(self, project_id: str, days: float) -> None:
        from shadowreport.server.store_tables import projects

        with self.open().engine.begin() as connection:
            connection.execute(projects.update().where(projects.c.id == project_id).values(trashed_at=_days_ago(days)))

    def holds_personal_data(self) -> bool:
        """Whether any row of the store's tables holds the personal data (the server's own files are its administrator's)."""
        import sqlalchemy as sa

        from .test_store_privacy import PASSPORT, VICTIM

        query = sa.text("SELECT EXISTS (SELECT 1 FROM projects WHERE data::text LIKE :s OR title LIKE :s) "
                        "OR EXISTS (SELECT 1 FROM project_sections WHERE text LIKE :s OR title LIKE :s) "
                        "OR EXISTS (SELECT 1 FROM revisions WHERE data LIKE :s)")
        with self.open().engine.connect() as connection:
            return any(connection.execute(query, {"s": f"%{secret}%"}).scalar() for secret in (VICTIM, PASSPORT))
