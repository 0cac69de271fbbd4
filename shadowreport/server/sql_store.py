"""The project store on a database server (PostgreSQL): the embedded store's methods, errors and
promises (see shadowreport.store), for a coalition working on one report at once.

- Every method is one transaction. Every write first locks the project's row, so writes to one
  project happen one after another while reads go on.
- ``save`` names the version it started from and raises ``ConflictError`` if the project moved on;
  the app then merges field by field with ``revision(base)`` (project/merge.py) and saves again.
- ``save_section`` saves one section's text against that section's own version: edits to two
  different sections never refuse each other; the same section raises ``SectionConflict`` with both
  texts. Either way the project's version moves on, so every tab sees the change. ``save_section_in``
  does the same inside a caller's ``transaction()``, so the coalition service writes its audit line
  and reopens sign-offs in the same transaction as the save.
- The last ``KEEP_REVISIONS`` revisions of a project are kept, saves made while typing grouped as the
  embedded store does (``same_revision_group``); a save that deletes something drops the older ones;
  deleting a project deletes its sections and revisions with it (ON DELETE CASCADE).

What this cannot promise as the SQLite file does: that deleted bytes are gone from every file.
``purge_deleted_data`` rewrites the store's tables (VACUUM FULL), but the server's write-ahead log
and its administrator's backups are outside the app's reach.

Errors never carry project text: they name the project, the section and versions.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.engine import Connection, Engine

from ..project.model import Project, SectionText, copy_of
from ..store import (
    KEEP_REVISIONS, TRASH_DAYS, ConflictError, PurgeReport, Stored, StoreError, Summary, _deletes_something, same_revision_group,
)
from . import db
from .store_tables import project_sections, projects, revisions

# A section save's statements, built once (parameters bound when they run): a busy coalition makes many a second.
# Named unlike any column: a parameter named after a column of the table an UPDATE writes would be set in it too.
_PROJECT, _SECTION = sa.bindparam("of_project", type_=sa.Text), sa.bindparam("of_section", type_=sa.Text)
_NOW = sa.bindparam("now", type_=projects.c.updated_at.type)
_SECTION_NOW = (sa.select(projects.c.trashed_at, project_sections.c.version, project_sections.c.text, project_sections.c.updated_by,
                          project_sections.c.updated_at)
                .select_from(projects.outerjoin(project_sections, sa.and_(project_sections.c.project_id == projects.c.id,
                                                                          project_sections.c.section_id == _SECTION)))
                .where(projects.c.id == _PROJECT))
_MOVE_ON = (projects.update().where(projects.c.id == _PROJECT, projects.c.trashed_at.is_(None))
            .values(version=projects.c.version + 1, updated_at=_NOW).returning(projects.c.version, projects.c.data))
# On PostgreSQL the project's data (all but the sections: evidence, recommendations... often the bulk of it) comes
# back as its fingerprint; the store keeps the JSON it last wrote from it, so the data is read only when it changed.
_MOVE_ON_FINGERPRINT = (projects.update().where(projects.c.id == _PROJECT, projects.c.trashed_at.is_(None))
                        .values(version=projects.c.version + 1, updated_at=_NOW)
                        .returning(projects.c.version, sa.func.encode(sa.func.sha256(sa.func.convert_to(
                            sa.cast(projects.c.data, sa.Text), "UTF8")), "hex").label("data_hash")))
_DATA = sa.select(projects.c.data).where(projects.c.id == _PROJECT)
_SECTION_SAVED = project_sections.update().where(
    project_sections.c.project_id == _PROJECT, project_sections.c.section_id == _SECTION,
    project_sections.c.version == sa.bindparam("expected_version"),  # the lock makes this sure; the WHERE is the promise all the same
).values(text=sa.bindparam("new_text"), version=sa.bindparam("new_version"), updated_by=sa.bindparam("by"), updated_at=_NOW)
_REVISIONS_REPLACED = revisions.delete().where(revisions.c.project_id == _PROJECT,
                                               revisions.c.version.in_(sa.bindparam("dropped", expanding=True)))
_REVISION_ADDED = revisions.insert().values(project_id=_PROJECT, version=sa.bindparam("revision"), saved_at=_NOW,
                                            data=sa.bindparam("revision_data"))
_SECTION_AND_REVISION_WRITTEN = _REVISION_ADDED.add_cte(  # the three in one statement (PostgreSQL)
    _SECTION_SAVED.returning(project_sections.c.version).cte("section_saved"), _REVISIONS_REPLACED.cte("revisions_replaced"))

# The longest text a section holds, as the model checks it (records.Text).
SECTION_TEXT_LIMIT = next(rule.max_length for rule in SectionText.model_fields["text"].metadata if hasattr(rule, "max_length"))

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def shared_engine(url: str, create: bool = True) -> Engine:
    """One engine (one connection pool) per URL in this process, migrated to the newest schema the first time.

    ``create=False``: a SQLite path with no database there is refused (db.engine_for) rather than made one."""
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            engine = db.engine_for(url, create)
            db.migrate(engine)
            _engines[url] = engine
        return engine


def close_engines() -> None:
    """Close every pooled connection (tests, before dropping their databases)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


class SectionConflict(StoreError):
    """The section was saved by someone else since this edit began: nothing was overwritten; both texts are here."""

    def __init__(self, project_id: str, section_id: str, mine: str, theirs: str, their_version: int,
                 by: str | None, at: str) -> None:
        self.project_id, self.section_id = project_id, section_id
        self.mine, self.theirs, self.their_version, self.by, self.at = mine, theirs, their_version, by, at
        who = by or "someone else"
        super().__init__(f"Section {section_id} of project {project_id} was saved by {who} at {at} (now version {their_version}) "
                         "after you started editing it; your text was not saved: choose yours, theirs, or keep both.")


class SqlStore:
    def __init__(self, url_or_engine: str | Engine) -> None:
        self.engine = shared_engine(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
        if not isinstance(url_or_engine, str):
            db.migrate(self.engine)
        self.name = db.safe_url(self.engine.url)
        self._data_json_kept: dict[str, tuple[str, str]] = {}  # project id: (fingerprint of its data, the data as JSON)
        self.expire_trash()

    # -- transactions ---------------------------------------------------------------------------

    @contextmanager
    def transaction(self, snapshot: bool = False) -> Iterator[Connection]:
        """A connection in a transaction, committed at the end; the server's trouble is DatabaseUnavailable (one sentence)."""
        try:
            with db.connected(self.engine, snapshot) as connection:
                yield connection
        except sa.exc.IntegrityError:
            raise
        except sa.exc.DBAPIError as error:  # the server went away mid-way, a disk full...: nothing was committed
            raise db.unavailable(self.engine, error) from None

    def _lock(self, connection: Connection, project_id: str, in_use: bool = True):
        """The project's row, locked until the transaction ends (every write takes this lock first)."""
        query = sa.select(projects.c.version, projects.c.updated_at, projects.c.trashed_at).where(projects.c.id == project_id)
        if in_use:
            query = query.where(projects.c.trashed_at.is_(None))
        return connection.execute(query.with_for_update()).first()

    # -- projects -------------------------------------------------------------------------------

    def create(self, project: Project) -> Stored:
        project = without_nul(project)
        now = _now()
        try:
            with self.transaction() as connection:
                if connection.execute(sa.select(projects.c.id).where(projects.c.id == project.id)).first():
                    raise StoreError(f"A project with id {project.id} already exists; import it as a copy instead.")
                connection.execute(projects.insert().values(id=project.id, version=1, archived_at=None, trashed_at=None,
                                                            updated_at=now, **_row_fields(project)))
                _save_sections(connection, project, now, None)
                _write_revision(connection, project.id, 1, now, project.model_dump_json())
        except sa.exc.IntegrityError:  # created by someone else between our check and our insert
            raise StoreError(f"A project with id {project.id} already exists; import it as a copy instead.") from None
        return Stored(project, 1, _text(now))

    def load(self, project_id: str) -> Stored:
        with self.transaction(snapshot=True) as connection:  # the project row and its sections from one moment
            row = connection.execute(sa.select(projects.c.version, projects.c.updated_at, projects.c.data, projects.c.trashed_at)
                                     .where(projects.c.id == project_id)).first()
            if row is None:
                raise StoreError(f"No project with id {project_id} in {self.name}.")
            if row.trashed_at is not None:
                raise StoreError(f"Project {project_id} is in the trash: restore it on the Projects page to open it.")
            sections = _sections(connection, project_id)
        return Stored(_assemble(row.data, sections, project_id), row.version, _text(row.updated_at))

    def exists(self, project_id: str) -> bool:
        with self.transaction() as connection:
            return connection.execute(sa.select(projects.c.id).where(projects.c.id == project_id)).first() is not None

    def head(self, project_id: str) -> tuple[int, str] | None:
        with self.transaction() as connection:
            row = connection.execute(sa.select(projects.c.version, projects.c.updated_at)
                                     .where(projects.c.id == project_id, projects.c.trashed_at.is_(None))).first()
        return (row.version, _text(row.updated_at)) if row else None

    def save(self, project: Project, expected_version: int, by: str | None = None) -> Stored:
        """Store a new version, or raise ConflictError if the project changed since ``expected_version``."""
        project = without_nul(project)
        now = _now()
        data = project.model_dump_json()
        with self.transaction() as connection:
            row = self._lock(connection, project.id)
            if row is None or row.version != expected_version:
                raise ConflictError(project.id, expected_version, row.version if row else None, _text(row.updated_at) if row else None)
            version = expected_version + 1
            connection.execute(projects.update().where(projects.c.id == project.id)
                               .values(version=version, updated_at=now, **_row_fields(project)))
            _save_sections(connection, project, now, by)
            before = connection.execute(sa.select(revisions.c.data).where(revisions.c.project_id == project.id,
                                                                          revisions.c.version == expected_version)).scalar()
            _write_revision(connection, project.id, version, now, data)
            if before is None or _deletes_something(before, data):
                _drop_older_revisions(connection, project.id, version)
        return Stored(project, version, _text(now))

    def save_section(self, project_id: str, section_id: str, text: str, expected_version: int, by: str | None = None) -> int:
        """Save one section's text if that section is still at ``expected_version``; returns its new version.

        Raises SectionConflict (both texts, who saved theirs and when) when it moved on, and StoreError
        when the project or the section is gone or the text is too long. Saving the text already there changes nothing
        and returns its version, even when the section moved on since ``expected_version`` (the same words saved twice,
        from two tabs or by a save that crossed one made while typing, are not a conflict).
        """
        with self.transaction() as connection:
            return self.save_section_in(connection, project_id, section_id, text, expected_version, by)

    def save_section_in(self, connection: Connection, project_id: str, section_id: str, text: str, expected_version: int,
                        by: str | None = None, before_lock: Callable[[int], None] | None = None) -> int:
        """``save_section`` in the caller's transaction (``connection`` from ``transaction()``), which then commits.

        ``before_lock(new_version)`` runs in it once the save is known to go ahead, before the project's lock is
        taken: what it writes (the audit log...) commits with the save or, if the section is found to have moved
        on under the lock, rolls back with it. Nothing is written for a refused save or an unchanged text.

        Quick under the project's lock, which every other save of the project waits for: the checks are made
        before it is taken, then three statements (move the project's version on, which takes the lock; read the
        sections and the kept revisions' times; write the section and the revision), the revision written as JSON
        from the stored rows without rebuilding the Project model (the text is checked here as the model would).
        """
        text = text.replace("\x00", "")
        # Checked first without any lock, so a refused save never queues for the project's lock.
        current = connection.execute(_SECTION_NOW, {"of_project": project_id, "of_section": section_id}).first()
        if current is None or current.trashed_at is not None:
            raise StoreError(f"No project with id {project_id} in {self.name} (it may be in the trash).")
        if len(text) > SECTION_TEXT_LIMIT:
            raise StoreError(f"The text for section {section_id} of project {project_id} is {len(text):,} characters long; "
                             f"a section holds at most {SECTION_TEXT_LIMIT:,}: split it or shorten it.")
        if current.version is None:
            raise StoreError(f"Project {project_id} has no section {section_id}: it may have been removed.")
        if text == current.text:  # a version is one text: nothing to save, and nothing to choose between if it moved on
            return current.version
        if current.version != expected_version:
            raise SectionConflict(project_id, section_id, text, current.text, current.version, current.updated_by,
                                  _text(current.updated_at))
        if before_lock is not None:
            before_lock(expected_version + 1)
        now = _now()
        # Moving the project's version on takes its row lock, first as in every write: from here on nothing else
        # changes the project, its sections or its revisions until this transaction ends.
        on_postgresql = connection.dialect.name == "postgresql"
        project_row = connection.execute(_MOVE_ON_FINGERPRINT if on_postgresql else _MOVE_ON,
                                         {"of_project": project_id, "now": now}).first()
        if project_row is None:
            raise StoreError(f"No project with id {project_id} in {self.name} (it may be in the trash).")
        data_json = self._data_json(connection, project_id, project_row)
        sections, kept = _sections_and_revisions(connection, project_id)
        section = next((row for row in sections if row.section_id == section_id), None)
        if section is None:
            raise StoreError(f"Project {project_id} has no section {section_id}: it may have been removed.")
        if section.version != expected_version:  # saved by someone else since the check above
            raise SectionConflict(project_id, section_id, text, section.text, section.version, section.updated_by,
                                  _text(section.updated_at))
        texts = [{"id": row.section_id, "title": row.title, "text": text if row.section_id == section_id else row.text}
                 for row in sections]
        dropped = _replaced_revisions(kept, project_row.version)
        if section.text.strip() and not text.strip():  # all of a section's text deleted: no older copy is kept
            dropped = [number for number, _ in kept]
        values = {"of_project": project_id, "of_section": section_id, "expected_version": expected_version, "new_text": text,
                  "new_version": expected_version + 1, "by": by, "now": now, "dropped": dropped,
                  "revision": project_row.version, "revision_data": _project_json(data_json, texts)}
        if on_postgresql:  # one statement, one round trip under the lock
            connection.execute(_SECTION_AND_REVISION_WRITTEN, values)
        else:
            for statement in (_SECTION_SAVED, _REVISIONS_REPLACED, _REVISION_ADDED):
                connection.execute(statement, values)
        return expected_version + 1

    def _data_json(self, connection: Connection, project_id: str, project_row: sa.Row) -> str:
        """The project's data (without sections) as compact JSON: from the row, or the copy kept for its fingerprint."""
        if "data_hash" not in project_row._fields:
            return _compact_json(project_row.data)
        kept = self._data_json_kept.get(project_id)
        if kept is not None and kept[0] == project_row.data_hash:
            return kept[1]
        data_json = _compact_json(connection.execute(_DATA, {"of_project": project_id}).scalar_one())
        self._data_json_kept[project_id] = (project_row.data_hash, data_json)
        return data_json

    def section_versions(self, project_id: str) -> dict[str, int]:
        """Each section's version, to pass back to save_section."""
        with self.transaction() as connection:
            rows = connection.execute(sa.select(project_sections.c.section_id, project_sections.c.version)
                                      .where(project_sections.c.project_id == project_id)).all()
        return {row.section_id: row.version for row in rows}

    def list(self, archived: bool = False) -> list[Summary]:
        """The projects in use, or (``archived=True``) the archived ones; never those in the trash."""
        archived_test = projects.c.archived_at.is_not(None) if archived else projects.c.archived_at.is_(None)
        return self._summaries(sa.and_(projects.c.trashed_at.is_(None), archived_test), projects.c.updated_at.desc())

    def trashed(self) -> list[Summary]:
        """The projects in the trash, most recently deleted first."""
        return self._summaries(projects.c.trashed_at.is_not(None), projects.c.trashed_at.desc())

    def _summaries(self, where, order) -> list[Summary]:
        with self.transaction() as connection:
            rows = connection.execute(sa.select(
                projects.c.id, projects.c.title, projects.c.mechanism, projects.c.kind, projects.c.status, projects.c.version,
                projects.c.updated_at, projects.c.archived_at, projects.c.trashed_at,
            ).where(where).order_by(order, projects.c.title)).all()
        return [Summary(row.id, row.title, row.mechanism, row.kind, row.status, row.version, _text(row.updated_at),
                        _text(row.archived_at), _text(row.trashed_at)) for row in rows]

    def duplicate(self, project_id: str) -> Stored:
        """A new project with the same content, a new id and "(copy)" after its title; history starts afresh."""
        return self.create(copy_of(self.load(project_id).project))

    def set_archived(self, project_id: str, archived: bool) -> None:
        with self.transaction() as connection:
            changed = connection.execute(projects.update().where(projects.c.id == project_id, projects.c.trashed_at.is_(None))
                                         .values(archived_at=_now() if archived else None)).rowcount
        if not changed:
            raise StoreError(f"No project with id {project_id} in {self.name}.")

    def move_to_trash(self, project_id: str, expected_version: int) -> None:
        with self.transaction() as connection:
            row = self._lock(connection, project_id)
            if row is None or row.version != expected_version:
                raise ConflictError(project_id, expected_version, row.version if row else None, _text(row.updated_at) if row else None)
            connection.execute(projects.update().where(projects.c.id == project_id).values(trashed_at=_now()))
        self.expire_trash()

    def restore(self, project_id: str) -> None:
        with self.transaction() as connection:
            restored = connection.execute(projects.update().where(projects.c.id == project_id, projects.c.trashed_at.is_not(None))
                                          .values(trashed_at=None)).rowcount
        if not restored:
            raise StoreError(f"Project {project_id} is not in the trash (it may have been deleted for good).")

    def delete(self, project_id: str, expected_version: int | None = None) -> None:
        """Remove a project with its sections and revisions; one in use must name the version this caller saw."""
        with self.transaction() as connection:
            row = self._lock(connection, project_id, in_use=False)
            if row is None or (row.trashed_at is None and row.version != expected_version):
                raise ConflictError(project_id, expected_version or 0, row.version if row else None, _text(row.updated_at) if row else None)
            connection.execute(projects.delete().where(projects.c.id == project_id))

    def expire_trash(self, now: dt.datetime | None = None) -> int:
        cutoff = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=TRASH_DAYS)
        return self._delete_trashed(projects.c.trashed_at <= cutoff)

    def empty_trash(self) -> int:
        return self._delete_trashed(projects.c.trashed_at.is_not(None))

    def _delete_trashed(self, where) -> int:
        with self.transaction() as connection:
            return connection.execute(projects.delete().where(where)).rowcount

    def purge_deleted_data(self, empty_trash: bool = False) -> PurgeReport:
        """Keep only each project's current version (the trash keeps its history unless emptied); rewrite the tables."""
        before = self._size_on_disk()
        cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=TRASH_DAYS)
        with self.transaction() as connection:
            wiped = connection.execute(projects.delete().where(
                projects.c.trashed_at.is_not(None) if empty_trash else projects.c.trashed_at <= cutoff)).rowcount
            removed = connection.execute(revisions.delete().where(~sa.exists().where(
                projects.c.id == revisions.c.project_id,
                sa.or_(projects.c.version == revisions.c.version, projects.c.trashed_at.is_not(None))))).rowcount
        if self.engine.dialect.name == "postgresql":
            # VACUUM FULL writes the tables anew, without the deleted rows' bytes; it cannot run in a transaction.
            try:
                with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                    for table in (revisions, project_sections, projects):
                        connection.execute(sa.text(f"VACUUM FULL {table.name}"))
            except sa.exc.DBAPIError as error:
                raise db.unavailable(self.engine, error) from None
        return PurgeReport(removed, wiped, before, self._size_on_disk())

    def _size_on_disk(self) -> int:
        if self.engine.dialect.name != "postgresql":
            return 0
        with self.transaction() as connection:
            return int(connection.execute(sa.text(
                "SELECT pg_total_relation_size('projects') + pg_total_relation_size('project_sections') "
                "+ pg_total_relation_size('revisions')")).scalar_one())

    def revisions(self, project_id: str) -> list[tuple[int, str]]:
        with self.transaction() as connection:
            rows = connection.execute(sa.select(revisions.c.version, revisions.c.saved_at)
                                      .where(revisions.c.project_id == project_id).order_by(revisions.c.version.desc())).all()
        return [(row.version, _text(row.saved_at)) for row in rows]

    def revision(self, project_id: str, version: int) -> Project:
        with self.transaction() as connection:
            data = connection.execute(sa.select(revisions.c.data).where(revisions.c.project_id == project_id,
                                                                        revisions.c.version == version)).scalar()
        if data is None:
            raise StoreError(f"Project {project_id} has no saved version {version}.")
        try:
            return Project.model_validate_json(data)
        except ValidationError:
            raise StoreError(f"Project {project_id} in the store cannot be read by this version of the app.") from None


_NUL_IN_JSON = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")  # JSON's escape for NUL, not a typed backslash followed by u0000


def without_nul(project: Project) -> Project:
    """The project without NUL characters: PostgreSQL cannot store them in text, and they carry no meaning in a report
    (a stray byte pasted from another file, invisible to the user), so they are dropped rather than refused."""
    data = project.model_dump_json()
    if not _NUL_IN_JSON.search(data):
        return project
    return Project.model_validate_json(_NUL_IN_JSON.sub(r"\1", data))


def _project_json(data_json: str, sections: list[dict]) -> str:
    """The whole project as JSON from its row's data (as _compact_json writes it) and its sections, without building
    the model: the values Project.model_dump_json gives, compact, the sections after the rest, as store._deletes_something reads it."""
    return f'{data_json[:-1]},"sections":{_compact_json(sections)}}}' if data_json != "{}" else f'{{"sections":{_compact_json(sections)}}}'


def _compact_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _row_fields(project: Project) -> dict:
    """The project row's columns besides id, version and dates: the summary fields and the data without sections."""
    data = project.model_dump(mode="json", exclude={"sections"})
    return {"title": project.title, "mechanism": project.mechanism, "kind": project.kind, "status": project.status, "data": data}


def _save_sections(connection: Connection, project: Project, now: dt.datetime, by: str | None) -> None:
    """Make the section rows match the project: a section whose place, title or text changed moves to its next version."""
    stored = {row.section_id: row for row in connection.execute(
        sa.select(project_sections).where(project_sections.c.project_id == project.id))}
    for position, section in enumerate(project.sections):
        old = stored.pop(section.id, None)
        values = {"position": position, "title": section.title, "text": section.text, "updated_by": by, "updated_at": now}
        if old is None:
            connection.execute(project_sections.insert().values(project_id=project.id, section_id=section.id, version=1, **values))
        elif (old.position, old.title, old.text) != (position, section.title, section.text):
            connection.execute(project_sections.update().where(
                project_sections.c.project_id == project.id, project_sections.c.section_id == section.id,
            ).values(version=old.version + 1, **values))
    if stored:
        connection.execute(project_sections.delete().where(project_sections.c.project_id == project.id,
                                                           project_sections.c.section_id.in_(list(stored))))


def _sections(connection: Connection, project_id: str) -> list[dict]:
    rows = connection.execute(sa.select(project_sections.c.section_id, project_sections.c.title, project_sections.c.text)
                              .where(project_sections.c.project_id == project_id).order_by(project_sections.c.position)).all()
    return [{"id": row.section_id, "title": row.title, "text": row.text} for row in rows]


def _assemble(data: dict, sections: list[dict], project_id: str) -> Project:
    try:
        return Project.model_validate({**data, "sections": sections})
    except ValidationError:
        raise StoreError(f"Project {project_id} in the store cannot be read by this version of the app.") from None


def _write_revision(connection: Connection, project_id: str, version: int, saved_at: dt.datetime, data: str) -> None:
    """Add the revision, dropping what it replaces: one read of the kept revisions' times, one delete, one insert."""
    kept = connection.execute(sa.select(revisions.c.version, revisions.c.saved_at).where(revisions.c.project_id == project_id)
                              .order_by(revisions.c.version.desc())).all()
    dropped = _replaced_revisions(kept, version)
    if dropped:
        connection.execute(revisions.delete().where(revisions.c.project_id == project_id, revisions.c.version.in_(dropped)))
    connection.execute(revisions.insert().values(project_id=project_id, version=version, saved_at=saved_at, data=data))


def _replaced_revisions(kept: list[tuple[int, dt.datetime]], version: int) -> list[int]:
    """Of the kept revisions (version, saved_at; newest first), those a new revision ``version`` replaces."""
    saved_at_of = dict(kept)
    dropped = set()
    if {version - 2, version - 1} <= saved_at_of.keys() and same_revision_group(saved_at_of[version - 2], saved_at_of[version - 1]):
        dropped.add(version - 2)  # as the embedded store groups them
    # The newest KEEP_REVISIONS revisions with this one, counted as rows: grouped saves leave gaps in the numbers.
    dropped.update([number for number, _ in kept if number not in dropped][KEEP_REVISIONS - 1:])
    return sorted(dropped)


def _sections_and_revisions(connection: Connection, project_id: str) -> tuple[list, list[tuple[int, dt.datetime]]]:
    """The project's sections in order (section_id, title, text, version, updated_by, updated_at) and its kept revisions
    (version, saved_at), newest first: one query, as it is made under the project's lock (_SECTIONS_AND_REVISIONS)."""
    rows = sorted(connection.execute(_SECTIONS_AND_REVISIONS, {"of_project": project_id}).all(), key=lambda row: row.place)
    sections = [row for row in rows if row.section_id is not None]
    kept = [(row.version, row.updated_at) for row in rows if row.section_id is None]
    return sections, kept


_NO_TEXT = sa.null().cast(sa.Text())
# Sections and revisions as rows of one UNION, told apart by section_id, which a revision's row leaves empty; "place"
# orders the sections by position and the revisions, before them, newest first.
_SECTIONS_AND_REVISIONS = sa.union_all(
    sa.select(project_sections.c.section_id, project_sections.c.title, project_sections.c.text, project_sections.c.version,
              project_sections.c.updated_by, project_sections.c.updated_at, project_sections.c.position.label("place"))
    .where(project_sections.c.project_id == _PROJECT),
    sa.select(_NO_TEXT, _NO_TEXT, _NO_TEXT, revisions.c.version, _NO_TEXT, revisions.c.saved_at, (-revisions.c.version).label("place"))
    .where(revisions.c.project_id == _PROJECT),
)


def _drop_older_revisions(connection: Connection, project_id: str, version: int) -> None:
    connection.execute(revisions.delete().where(revisions.c.project_id == project_id, revisions.c.version < version))


def _now() -> dt.datetime:
    """Now, to the millisecond: what is stored is exactly what the caller is told."""
    now = dt.datetime.now(dt.UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _text(when: dt.datetime | None) -> str | None:
    """A stored time as the embedded store writes it (ISO 8601, UTC, milliseconds)."""
    if when is None:
        return None
    if when.tzinfo is None:  # SQLite gives back naive times: they were stored in UTC
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).isoformat(timespec="milliseconds")
