"""The project store: SQLite in the user's data folder, so no edit is ever lost.

- Every save is one transaction: a crash mid-save leaves the last good state (SQLite's atomic
  commit, with ``synchronous=FULL``).
- Every save names the version it started from. If someone else (another tab, another person on a
  shared drive) saved in between, the save is refused with :class:`ConflictError` and nothing is
  overwritten; the caller shows both and lets the user decide.
- The last ``KEEP_REVISIONS`` versions of each project are kept, so an earlier version can be brought
  back. Saves made while typing are grouped (:func:`same_revision_group`): a save made less than a minute
  after the one before, within the same five minutes, replaces that revision (once the next save
  comes) instead of adding one, so the kept versions span hours of work rather than minutes of keystrokes.

Damage and backups: a store that is empty (0 bytes), not SQLite, or fails SQLite's quick check is
refused with one sentence naming it and its backup. The backup, ``<store>.backup``, is one
compacted copy (``VACUUM INTO``, written aside and renamed into place) made when the store opens
and at most every ``BACKUP_EVERY_SECONDS`` after a save. One generation only, so that deleted data
does not live on in older copies; opening a store with no projects never replaces the backup, which
may then be the only copy of a store the user moved away.

Privacy: the store, its ``-wal``/``-shm`` files and the backup are created 0600 (files made by older
versions are narrowed when opened). Deleting really deletes: SQLite overwrites deleted content with
zeros (``secure_delete``), and after a deletion the write-ahead log is checkpointed and truncated
and the backup rewritten. Deleting a project removes its revisions too. A save that deletes
something (an evidence item, a recommendation, a member, a contribution, a merge conflict, a section
or all of a section's text) drops that project's older revisions, so no copy of the deleted data is kept;
other edits keep their history until :meth:`Store.purge_deleted_data`, which keeps only each
project's current version, VACUUMs the file and rewrites the backup.

The trash: deleting a project in the app moves it to the trash (:meth:`Store.move_to_trash`), where
it stays whole, restorable, for ``TRASH_DAYS``; then it is deleted for good as above (when the store
opens, when a project is trashed, and on :meth:`Store.expire_trash`). Emptying the trash, deleting one
trashed project for good, or ``purge_deleted_data(empty_trash=True)`` wipes it at once. A trashed
project cannot be opened or saved. Archiving only hides a project from the main list.

Project content is never logged: errors name the project id and version, not its text.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .files import WriteError, reason, write_atomically
from .i18n import N_, Translator
from .project.model import Project, copy_of

KEEP_REVISIONS = 50
REVISION_PAUSE_SECONDS = 60  # a save this soon after the last one continues its revision...
REVISION_GROUP_SECONDS = 5 * 60  # ...within the same five minutes (of the clock), so typing keeps one every five minutes
TRASH_DAYS = 30
SCHEMA_VERSION = 2  # 2: projects.deleted_at (the trash) and projects.archived_at
BACKUP_SUFFIX = ".backup"
BACKUP_EVERY_SECONDS = 10 * 60
_SQLITE_MAGIC = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")
_DAMAGED_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB

_SCHEMA = """
CREATE TABLE IF NOT EXISTS projects (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    mechanism TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    data TEXT NOT NULL,
    deleted_at TEXT,
    archived_at TEXT
);
CREATE TABLE IF NOT EXISTS revisions (
    project_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (project_id, version)
);
"""


class Phrase(str):
    """A value that is itself a message (marked with N_): translated with the sentence it fills."""


class StoreError(Exception):
    """The store cannot be used (unreadable file, newer schema...): one clear sentence.

    ``str(error)`` is the English sentence; ``error.text(t)`` the same in ``t``'s language, for the app,
    when the sentence was raised as a marked message with its ``{values}`` apart."""

    def __init__(self, message: str, **values: object) -> None:
        self.message, self.values = message, values
        super().__init__(message.format(**values) if values else message)

    def text(self, t: Translator) -> str:
        message = t.gettext(self.message)
        if not self.values:
            return message
        return message.format(**{name: t.gettext(value) if isinstance(value, Phrase) else value for name, value in self.values.items()})


class ConflictError(StoreError):
    """The project changed since it was opened; the save was refused and nothing was overwritten."""

    def __init__(self, project_id: str, expected: int, current: int | None, updated_at: str | None) -> None:
        self.project_id, self.expected, self.current, self.updated_at = project_id, expected, current, updated_at
        if current is None:
            super().__init__(N_("Project {project} was deleted elsewhere; your changes were not saved. Save them as a new project."),
                             project=project_id)
        else:
            super().__init__(N_("Project {project} was changed elsewhere (another tab or person) at {when}: you opened version "
                                "{expected}, the store now has version {current}. Your changes were not saved; reload to see theirs, "
                                "or save yours as a copy."), project=project_id, when=updated_at, expected=expected, current=current)


class StoreDamagedError(StoreError):
    """The store file is damaged (empty, not SQLite, corrupt): the message names its backup and how to recover."""


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
    archived_at: str | None = None
    deleted_at: str | None = None

    @property
    def purge_on(self) -> dt.date | None:
        """The day a trashed project is deleted for good."""
        if self.deleted_at is None:
            return None
        return (dt.datetime.fromisoformat(self.deleted_at) + dt.timedelta(days=TRASH_DAYS)).date()


@dataclass(frozen=True)
class PurgeReport:
    revisions_removed: int
    projects_wiped: int
    bytes_before: int
    bytes_after: int


class Store:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.backup_path = self.path.with_name(self.path.name + BACKUP_SUFFIX)
        try:
            if os.path.lexists(self.path):
                self._check_existing()
                created = False
            else:
                self._create_new()
                created = True
            self._make_private()
            with self._connect() as connection:
                connection.executescript(_SCHEMA)
                found = connection.execute("PRAGMA user_version").fetchone()[0]
                if found > SCHEMA_VERSION:
                    raise StoreError(N_("{path}: this store was written by a newer Shadow Report Studio (schema {schema}); update the app."),
                                     path=self.path, schema=found)
                _add_missing_columns(connection)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                has_projects = connection.execute("SELECT 1 FROM projects LIMIT 1").fetchone() is not None
        except OSError as error:
            raise StoreError(N_("{path}: the project store cannot be created ({why})."), path=self.path,
                             why=_why(error, error.strerror or error)) from None
        if not created and (has_projects or not self.backup_path.exists()):
            self._backup_quietly()
        self.expire_trash()

    # -- opening -----------------------------------------------------------------------------

    def _check_existing(self) -> None:
        """Refuse, in one sentence, a store file that is not a healthy SQLite database."""
        try:
            info = os.stat(self.path)
        except OSError as error:
            raise StoreError(N_("{path}: the project store cannot be read ({why})."), path=self.path,
                             why=_why(error, error.strerror or error)) from None
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(N_("{path} is not a file (a folder or a device): point SHADOWREPORT_STORE or store_path at a file."),
                             path=self.path)
        if info.st_size == 0:
            # We never leave a 0-byte store (new stores are built aside and renamed into place),
            # so an empty file is a store whose contents were lost: never start over silently.
            raise self._damaged(N_("is empty (0 bytes)"))
        with open(self.path, "rb") as handle:
            header = handle.read(100)
        if not header.startswith(_SQLITE_MAGIC):
            raise self._damaged(N_("is not an SQLite database"))
        if len(header) == 100 and header[18] == 1:
            # A rollback-mode file here is a backup copied over the store: a -wal left by the
            # damaged file must not be replayed onto it.
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        with self._connect() as connection:
            result = connection.execute("PRAGMA quick_check(1)").fetchone()
        if not result or result[0] != "ok":
            raise self._damaged(N_("fails SQLite's integrity check"))

    def _create_new(self) -> None:
        """A new, empty store, built beside its final name and renamed into place, so that a crash never leaves a 0-byte store."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".new", dir=self.path.parent)  # mode 0600
        os.close(handle)
        try:
            connection = sqlite3.connect(temporary, isolation_level=None)
            try:
                connection.execute("PRAGMA journal_mode = WAL")
                connection.executescript(_SCHEMA)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            finally:
                connection.close()
            try:
                os.link(temporary, self.path)  # never replaces a store another process created meanwhile
            except FileExistsError:
                pass
            except OSError:  # file systems without hard links
                if not os.path.lexists(self.path):
                    os.replace(temporary, self.path)
        finally:
            for leftover in (temporary, *(temporary + suffix for suffix in _SIDE_FILES)):
                Path(leftover).unlink(missing_ok=True)

    def _make_private(self) -> None:
        """0600 for the store and its side files; SQLite gives new -wal/-shm files the store's own mode."""
        for file in (self.path, *(Path(f"{self.path}{suffix}") for suffix in _SIDE_FILES)):
            try:
                if stat.S_IMODE(file.stat().st_mode) & 0o077:
                    file.chmod(0o600)
            except FileNotFoundError:
                pass
            except PermissionError:
                pass  # someone else's file on a shared drive: we cannot narrow it, and may still read it

    def _damaged(self, problem: str) -> StoreError:
        """``problem``: a phrase marked with N_ ('is empty (0 bytes)'), or words from SQLite kept as they are."""
        if self.backup_path.is_file() and self.backup_path.stat().st_size > 0:
            saved = dt.datetime.fromtimestamp(self.backup_path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            return StoreDamagedError(N_("The project store {path} {problem}, so it is damaged; your last backup is {backup} (saved {saved}): "
                                        "copy it over the damaged file, or move the damaged file away to start with an empty store."),
                                     path=self.path, problem=Phrase(problem), backup=self.backup_path, saved=saved)
        return StoreDamagedError(N_("The project store {path} {problem}, so it is damaged; there is no backup beside it: move the damaged "
                                    "file away to start with an empty store."), path=self.path, problem=Phrase(problem))

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # A connection per operation: safe across Streamlit's threads and several processes.
        try:
            connection = sqlite3.connect(self.path, timeout=15, isolation_level=None)
            try:
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA synchronous = FULL")
                connection.execute("PRAGMA busy_timeout = 15000")
                connection.execute("PRAGMA secure_delete = ON")  # deleted content is overwritten with zeros
                connection.execute("PRAGMA temp_store = MEMORY")  # sorts and VACUUM never spill case text to /tmp
                yield connection
            finally:
                connection.close()
        except sqlite3.DatabaseError as error:
            if getattr(error, "sqlite_errorcode", None) in _DAMAGED_CODES:
                raise self._damaged(f"cannot be read ({error})") from None  # SQLite's own words: not translated
            raise StoreError(N_("{path}: the project store cannot be used ({why})."), path=self.path, why=error) from None

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

    # -- backups and wiping ------------------------------------------------------------------

    def backup(self) -> Path:
        """Write ``<store>.backup``: a compacted copy (no deleted residue), 0600, renamed into place whole."""

        def vacuum_into(target: Path) -> None:  # the empty file write_atomically made is one VACUUM INTO accepts
            with self._connect() as connection:
                connection.execute("VACUUM INTO ?", (str(target),))

        try:
            write_atomically(self.backup_path, vacuum_into)
        except WriteError as error:
            raise StoreError(N_("{path}: the backup could not be written ({why})."), path=self.backup_path,
                             why=_why(error, os.strerror(error.errno) if error.errno else str(error))) from None
        return self.backup_path

    def _backup_quietly(self) -> None:
        # A backup that fails (a full disk) must not fail the save or the opening it follows.
        try:
            self.backup()
        except StoreError:
            pass

    def _backup_if_due(self) -> None:
        try:
            age = time.time() - self.backup_path.stat().st_mtime
        except OSError:
            age = BACKUP_EVERY_SECONDS
        if age >= BACKUP_EVERY_SECONDS:
            self._backup_quietly()

    def _wipe(self) -> bool:
        """After a deletion: move everything into the main file and truncate the log, then rewrite the backup.

        Returns False when another connection kept the log from being emptied (it will be on a later wipe).
        """
        with self._connect() as connection:
            busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        self._backup_quietly()
        return not busy

    # -- projects ----------------------------------------------------------------------------

    def create(self, project: Project) -> Stored:
        now = _now()
        data = project.model_dump_json()
        with self._transaction() as connection:
            if connection.execute("SELECT 1 FROM projects WHERE id = ?", (project.id,)).fetchone():
                raise StoreError(N_("A project with id {project} already exists; import it as a copy instead."), project=project.id)
            connection.execute(
                "INSERT INTO projects (id, version, title, mechanism, kind, status, updated_at, data) VALUES (?, 1, ?, ?, ?, ?, ?, ?)",
                (project.id, project.title, project.mechanism, project.kind, project.status, now, data),
            )
            _write_revision(connection, project.id, 1, now, data)
        self._backup_if_due()
        return Stored(project, 1, now)

    def load(self, project_id: str) -> Stored:
        with self._connect() as connection:
            row = connection.execute("SELECT version, updated_at, data, deleted_at FROM projects WHERE id = ?", (project_id,)).fetchone()
        if row is None:
            raise StoreError(N_("No project with id {project} in {path}."), project=project_id, path=self.path)
        if row[3] is not None:
            raise StoreError(N_("Project {project} is in the trash: restore it on the Projects page to open it."), project=project_id)
        return Stored(_parse(row[2], project_id), row[0], row[1])

    def exists(self, project_id: str) -> bool:
        """Whether the id is taken: by a project in use, archived or in the trash."""
        with self._connect() as connection:
            return connection.execute("SELECT 1 FROM projects WHERE id = ?", (project_id,)).fetchone() is not None

    def head(self, project_id: str) -> tuple[int, str] | None:
        """(version, saved at) without reading the project itself: cheap enough for every rerun."""
        with self._connect() as connection:
            row = connection.execute("SELECT version, updated_at FROM projects WHERE id = ? AND deleted_at IS NULL", (project_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def save(self, project: Project, expected_version: int) -> Stored:
        """Store a new version, or raise ConflictError if the project changed since ``expected_version``.

        A save that deletes something drops the project's older revisions, which hold it.
        """
        now = _now()
        data = project.model_dump_json()
        with self._transaction() as connection:
            row = connection.execute("SELECT version, updated_at, data FROM projects WHERE id = ? AND deleted_at IS NULL",
                                     (project.id,)).fetchone()
            if row is None or row[0] != expected_version:
                raise ConflictError(project.id, expected_version, row[0] if row else None, row[1] if row else None)
            version = expected_version + 1
            connection.execute(
                "UPDATE projects SET version = ?, title = ?, mechanism = ?, kind = ?, status = ?, updated_at = ?, data = ? WHERE id = ?",
                (version, project.title, project.mechanism, project.kind, project.status, now, data, project.id),
            )
            _write_revision(connection, project.id, version, now, data)
            deleted = _deletes_something(row[2], data)
            if deleted:
                connection.execute("DELETE FROM revisions WHERE project_id = ? AND version < ?", (project.id, version))
        if deleted:
            self._wipe()
        else:
            self._backup_if_due()
        return Stored(project, version, now)

    def list(self, archived: bool = False) -> list[Summary]:
        """The projects in use, or (``archived=True``) the archived ones; never those in the trash."""
        return self._summaries(f"deleted_at IS NULL AND archived_at IS {'NOT ' if archived else ''}NULL", "updated_at DESC, title")

    def trashed(self) -> list[Summary]:
        """The projects in the trash, most recently deleted first."""
        return self._summaries("deleted_at IS NOT NULL", "deleted_at DESC, title")

    def _summaries(self, where: str, order: str) -> list[Summary]:
        with self._connect() as connection:
            rows = connection.execute(
                f"SELECT id, title, mechanism, kind, status, version, updated_at, archived_at, deleted_at FROM projects WHERE {where} ORDER BY {order}"
            ).fetchall()
        return [Summary(*row) for row in rows]

    def duplicate(self, project_id: str) -> Stored:
        """A new project with the same content, a new id and "(copy)" after its title; history starts afresh."""
        return self.create(copy_of(self.load(project_id).project))

    def set_archived(self, project_id: str, archived: bool) -> None:
        """Archive a project (it leaves the main list, unchanged and still openable) or bring it back."""
        with self._transaction() as connection:
            changed = connection.execute("UPDATE projects SET archived_at = ? WHERE id = ? AND deleted_at IS NULL",
                                         (_now() if archived else None, project_id)).rowcount
        if not changed:
            raise StoreError(N_("No project with id {project} in {path}."), project=project_id, path=self.path)

    def move_to_trash(self, project_id: str, expected_version: int) -> None:
        """Move a project to the trash: whole and restorable for ``TRASH_DAYS`` days, then deleted for good."""
        with self._transaction() as connection:
            row = connection.execute("SELECT version, updated_at FROM projects WHERE id = ? AND deleted_at IS NULL", (project_id,)).fetchone()
            if row is None or row[0] != expected_version:
                raise ConflictError(project_id, expected_version, row[0] if row else None, row[1] if row else None)
            connection.execute("UPDATE projects SET deleted_at = ? WHERE id = ?", (_now(), project_id))
        self.expire_trash()

    def restore(self, project_id: str) -> None:
        """Take a project out of the trash, as it was."""
        with self._transaction() as connection:
            restored = connection.execute("UPDATE projects SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL", (project_id,)).rowcount
        if not restored:
            raise StoreError(N_("Project {project} is not in the trash (it may have been deleted for good)."), project=project_id)

    def delete(self, project_id: str, expected_version: int | None = None) -> None:
        """Remove a project and every revision of it for good, leaving no copy in the file, its log or the backup.

        A project in use must name the version this caller saw; one in the trash needs no version.
        """
        with self._transaction() as connection:
            row = connection.execute("SELECT version, updated_at, deleted_at FROM projects WHERE id = ?", (project_id,)).fetchone()
            if row is None or (row[2] is None and row[0] != expected_version):
                raise ConflictError(project_id, expected_version or 0, row[0] if row else None, row[1] if row else None)
            _delete_projects(connection, "id = ?", (project_id,))
        self._wipe()

    def expire_trash(self, now: dt.datetime | None = None) -> int:
        """Delete for good every project that has been in the trash ``TRASH_DAYS`` days or more; returns how many."""
        cutoff = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=TRASH_DAYS)
        return self._wipe_trash("deleted_at <= ?", (cutoff.isoformat(timespec="milliseconds"),))

    def empty_trash(self) -> int:
        """Delete for good every project in the trash, now; returns how many."""
        return self._wipe_trash("deleted_at IS NOT NULL", ())

    def _wipe_trash(self, where: str, parameters: tuple) -> int:
        with self._connect() as connection:  # a read first: the Projects page asks on every visit, and mostly nothing is due
            if connection.execute(f"SELECT 1 FROM projects WHERE {where} LIMIT 1", parameters).fetchone() is None:
                return 0
        with self._transaction() as connection:
            wiped = _delete_projects(connection, where, parameters)
        if wiped:
            self._wipe()
        return wiped

    def purge_deleted_data(self, empty_trash: bool = False) -> PurgeReport:
        """Keep only each project's current version; compact the file, empty the log, rewrite the backup.

        What was edited away (a sentence taken out of a section, a changed name) lives on in older
        revisions until this runs; afterwards its bytes are nowhere in the store's files. Projects in
        the trash keep their history (they are restored whole) unless ``empty_trash`` deletes them for good;
        those in it for ``TRASH_DAYS`` days or more go in any case.
        """
        before = self._size_on_disk()
        with self._transaction() as connection:
            cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=TRASH_DAYS)).isoformat(timespec="milliseconds")
            wiped = _delete_projects(connection, "deleted_at IS NOT NULL" if empty_trash else "deleted_at <= ?",
                                     () if empty_trash else (cutoff,))
            removed = connection.execute(
                "DELETE FROM revisions WHERE NOT EXISTS "
                "(SELECT 1 FROM projects WHERE revisions.project_id = projects.id "
                "AND (projects.version = revisions.version OR projects.deleted_at IS NOT NULL))"
            ).rowcount
        with self._connect() as connection:
            connection.execute("VACUUM")
        if not self._wipe():
            raise StoreError(N_("{path} is open in another window or process, so deleted data may remain in its log; "
                                "close the other windows and purge again."), path=self.path)
        for leftover in self.path.parent.glob(f".{self.path.name}.*"):  # temporary files of an interrupted run
            leftover.unlink(missing_ok=True)
        return PurgeReport(removed, wiped, before, self._size_on_disk())

    def _size_on_disk(self) -> int:
        files = (self.path, *(Path(f"{self.path}{suffix}") for suffix in _SIDE_FILES), self.backup_path)
        return sum(file.stat().st_size for file in files if file.exists())

    def revisions(self, project_id: str) -> list[tuple[int, str]]:
        with self._connect() as connection:
            return connection.execute(
                "SELECT version, saved_at FROM revisions WHERE project_id = ? ORDER BY version DESC", (project_id,)
            ).fetchall()

    def revision(self, project_id: str, version: int) -> Project:
        with self._connect() as connection:
            row = connection.execute("SELECT data FROM revisions WHERE project_id = ? AND version = ?", (project_id, version)).fetchone()
        if row is None:
            raise StoreError(N_("Project {project} has no saved version {version}."), project=project_id, version=version)
        return _parse(row[0], project_id)


def same_revision_group(previous_save: dt.datetime, now: dt.datetime) -> bool:
    """Whether a save made ``now`` replaces the revision saved at ``previous_save`` instead of adding one.

    Yes when it comes less than ``REVISION_PAUSE_SECONDS`` later and in the same ``REVISION_GROUP_SECONDS``
    of the clock: continuous typing keeps one revision per five minutes (the text as it was at the end
    of each), and any pause of a minute keeps the text as it was before the pause.
    """
    previous_save, now = (when if when.tzinfo else when.replace(tzinfo=dt.UTC) for when in (previous_save, now))
    same_group = int(previous_save.timestamp()) // REVISION_GROUP_SECONDS == int(now.timestamp()) // REVISION_GROUP_SECONDS
    return same_group and dt.timedelta(0) <= now - previous_save < dt.timedelta(seconds=REVISION_PAUSE_SECONDS)


# Every item's id as it appears in the stored JSON: pydantic writes it compactly, and quotes inside
# strings are escaped, so '"id":"' is only ever the key "id" (not "item_id", not a text).
_ID_IN_JSON = re.compile(r'"id":"([^"\\]*(?:\\.[^"\\]*)*)"')  # a literal start: the regex engine skips ahead fast
_SECTIONS_IN_JSON = re.compile(r',"sections":\[')


def _deletes_something(old_data: str, new_data: str) -> bool:
    """Whether the new version drops something the old one held: an item (by id), or all of a section's text.

    Read from the JSON without parsing all of it: a save of a large project must stay quick.
    """
    if not set(_ID_IN_JSON.findall(old_data)) <= set(_ID_IN_JSON.findall(new_data)):
        return True
    old_texts, new_texts = _section_texts(old_data), _section_texts(new_data)
    return any(text.strip() and not new_texts.get(section_id, "").strip() for section_id, text in old_texts.items())


def _section_texts(data: str) -> dict[str, str]:
    found = _SECTIONS_IN_JSON.search(data)
    if found is None:
        return {}
    try:
        sections, _ = json.JSONDecoder().raw_decode(data, found.end() - 1)
        return {section["id"]: section.get("text", "") for section in sections}
    except (ValueError, KeyError, TypeError):
        return {}


def _delete_projects(connection: sqlite3.Connection, where: str, parameters: tuple) -> int:
    """Delete the projects matching ``where`` and every revision of them; returns how many projects."""
    ids = [row[0] for row in connection.execute(f"SELECT id FROM projects WHERE {where}", parameters)]
    for project_id in ids:
        connection.execute("DELETE FROM projects WHERE id = ?", (project_id,))
        connection.execute("DELETE FROM revisions WHERE project_id = ?", (project_id,))
    return len(ids)


def _add_missing_columns(connection: sqlite3.Connection) -> None:
    """A store written by schema 1 gains the trash and archive columns (both empty: nothing trashed or archived)."""
    present = {row[1] for row in connection.execute("PRAGMA table_info(projects)")}
    for column in ("deleted_at", "archived_at"):
        if column not in present:
            connection.execute(f"ALTER TABLE projects ADD COLUMN {column} TEXT")


def _write_revision(connection: sqlite3.Connection, project_id: str, version: int, saved_at: str, data: str) -> None:
    # Grouping lags one save behind: the previous version stays until the next save, as the base a
    # save refused in the meantime is merged with (ui/state.py).
    before = dict(connection.execute("SELECT version, saved_at FROM revisions WHERE project_id = ? AND version IN (?, ?)",
                                     (project_id, version - 2, version - 1)).fetchall())
    if len(before) == 2 and same_revision_group(*(dt.datetime.fromisoformat(before[v]) for v in (version - 2, version - 1))):
        connection.execute("DELETE FROM revisions WHERE project_id = ? AND version = ?", (project_id, version - 2))
    connection.execute("INSERT OR REPLACE INTO revisions (project_id, version, saved_at, data) VALUES (?, ?, ?, ?)", (project_id, version, saved_at, data))
    # The newest KEEP_REVISIONS revisions, counted as rows: grouped saves leave gaps in the version numbers.
    too_old = connection.execute("SELECT version FROM revisions WHERE project_id = ? ORDER BY version DESC LIMIT 1 OFFSET ?",
                                 (project_id, KEEP_REVISIONS)).fetchone()
    if too_old:
        connection.execute("DELETE FROM revisions WHERE project_id = ? AND version <= ?", (project_id, too_old[0]))


def _parse(data: str, project_id: str) -> Project:
    try:
        return Project.model_validate_json(data)
    except ValidationError:
        raise StoreError(N_("Project {project} in the store cannot be read by this version of the app."), project=project_id) from None


def _why(error: OSError, words: object) -> object:
    """A full disk said in the reader's language (what to do is clear from it); any other cause in the system's ``words``."""
    return Phrase(DISK_FULL) if reason(error) == DISK_FULL else words


DISK_FULL = N_("the disk is full")  # files.reason's words


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def open_default_store() -> Store:
    from .config import load_settings

    return Store(load_settings().store_path)
