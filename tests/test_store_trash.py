"""The trash: a deleted project stays whole and restorable for 30 days, then is wiped from every file.

Also archiving (a project leaves the main list, unchanged) and duplicating. Tests taking ``backend``
run on both stores (SQLite and PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from shadowreport.store import TRASH_DAYS, ConflictError, Store, StoreError

from .factories import upr_project
from .stores import store_clock
from .test_store_privacy import leaks, personal_project


def trashed_store(backend):
    """A store holding one ordinary project and, in the trash, one with personal data in several revisions."""
    store = backend.open()
    store.create(upr_project())
    stored = store.create(personal_project().model_copy(update={"id": "prj-personal"}))
    with store_clock(backend) as clock:
        for number in range(3):
            clock.wait(120)  # edits minutes apart: each its own revision
            stored = store.save(stored.project.model_copy(update={"title": f"Draft {number}"}), stored.version)
    store.move_to_trash("prj-personal", stored.version)
    if isinstance(store, Store):
        store.backup()
    return store, "prj-personal"


def test_a_trashed_project_leaves_the_list_cannot_be_opened_or_saved_and_shows_its_purge_day(backend):
    store, project_id = trashed_store(backend)
    assert [s.id for s in store.list()] == ["prj-upr-test"]
    [summary] = store.trashed()
    assert summary.id == project_id and summary.title == "Draft 2"
    assert summary.purge_on == (dt.datetime.fromisoformat(summary.deleted_at) + dt.timedelta(days=TRASH_DAYS)).date()
    with pytest.raises(StoreError, match="is in the trash: restore it"):
        store.load(project_id)
    assert store.head(project_id) is None
    with pytest.raises(ConflictError):
        store.save(upr_project(id=project_id), summary.version)
    with pytest.raises(ConflictError):  # already in the trash
        store.move_to_trash(project_id, summary.version)


def test_restore_brings_the_project_back_whole_with_its_history(backend):
    store, project_id = trashed_store(backend)
    store.restore(project_id)
    stored = store.load(project_id)
    assert stored.project.title == "Draft 2" and stored.version == 4
    assert stored.project == personal_project().model_copy(update={"id": project_id, "title": "Draft 2", "created_at": stored.project.created_at})
    assert [v for v, _ in store.revisions(project_id)] == [4, 3, 2, 1]
    assert store.trashed() == [] and {s.id for s in store.list()} == {"prj-upr-test", project_id}
    with pytest.raises(StoreError, match="not in the trash"):
        store.restore(project_id)


def test_the_trash_keeps_a_project_29_days_and_wipes_it_from_every_file_after_30(backend):
    store, project_id = trashed_store(backend)
    backend.backdate_trash(project_id, TRASH_DAYS - 1)
    backend.open()  # opening the store expires the trash
    assert [s.id for s in store.trashed()] == [project_id] and backend.holds_personal_data()
    backend.backdate_trash(project_id, TRASH_DAYS + 0.01)
    backend.open()
    assert store.trashed() == [] and store.revisions(project_id) == []
    assert not backend.holds_personal_data()  # SQLite: not in the file, its log or the backup
    assert [s.id for s in store.list()] == ["prj-upr-test"]


def test_expire_trash_counts_from_the_day_given(backend):
    store, _ = trashed_store(backend)
    now = dt.datetime.now(dt.UTC)
    assert store.expire_trash(now + dt.timedelta(days=TRASH_DAYS - 1)) == 0
    assert store.expire_trash(now + dt.timedelta(days=TRASH_DAYS, minutes=1)) == 1
    assert not backend.holds_personal_data()


def test_emptying_the_trash_wipes_it_at_once(backend):
    store, _ = trashed_store(backend)
    assert store.empty_trash() == 1
    assert not backend.holds_personal_data() and store.trashed() == []


def test_deleting_one_trashed_project_wipes_it_at_once(backend):
    store, project_id = trashed_store(backend)
    store.delete(project_id)  # no version needed for a project in the trash
    assert not backend.holds_personal_data() and store.trashed() == [] and not store.exists(project_id)


def test_purge_keeps_the_trash_restorable_unless_asked_to_empty_it(backend):
    store, project_id = trashed_store(backend)
    report = store.purge_deleted_data()
    assert report.projects_wiped == 0
    assert len(store.revisions(project_id)) == 4  # restored whole, history included
    assert backend.holds_personal_data()
    report = store.purge_deleted_data(empty_trash=True)
    assert report.projects_wiped == 1 and report.revisions_removed == 0
    assert store.trashed() == [] and not backend.holds_personal_data()


def test_deleting_a_project_in_use_for_good_still_needs_its_version(backend):
    store = backend.open()
    store.create(upr_project())
    with pytest.raises(ConflictError):
        store.delete("prj-upr-test")
    store.delete("prj-upr-test", 1)
    assert store.list() == []


def test_archiving_hides_a_project_from_the_list_and_keeps_it_openable(backend):
    store = backend.open()
    store.create(upr_project())
    store.set_archived("prj-upr-test", True)
    assert store.list() == []
    [archived] = store.list(archived=True)
    assert archived.id == "prj-upr-test" and archived.archived_at
    assert store.load("prj-upr-test").version == 1  # archiving changes no content and no version
    store.set_archived("prj-upr-test", False)
    assert [s.id for s in store.list()] == ["prj-upr-test"] and store.list(archived=True) == []
    with pytest.raises(StoreError, match="No project"):
        store.set_archived("prj-nowhere", True)


def test_the_list_shows_the_latest_saved_first(backend):
    store = backend.open()
    first = store.create(upr_project())
    store.create(upr_project(id="prj-second", title="A second report"))
    store.save(first.project.model_copy(update={"title": "Edited last"}), first.version)
    [latest, older] = store.list()
    assert (latest.id, latest.title, latest.version, older.id) == ("prj-upr-test", "Edited last", 2, "prj-second")
    assert (latest.mechanism, latest.kind, latest.status) == ("upr", "stakeholder", "drafting")
    assert latest.updated_at > older.updated_at and latest.deleted_at is None and latest.archived_at is None


def test_a_duplicate_is_a_new_project_with_the_same_content(backend):
    store = backend.open()
    original = store.create(personal_project()).project
    copy = store.duplicate(original.id)
    assert copy.project.id != original.id and copy.version == 1
    assert copy.project.title == f"{original.title} (copy)"
    assert copy.project.sections == original.sections and copy.project.evidence == original.evidence
    assert {s.id for s in store.list()} == {original.id, copy.project.id}
    assert store.load(copy.project.id).project == copy.project


def test_a_store_from_the_previous_schema_gains_the_trash_and_keeps_its_projects(tmp_path: Path):
    path = tmp_path / "store.sqlite3"
    project = upr_project()
    with sqlite3.connect(path) as connection:  # schema 1, as the previous version wrote it
        connection.executescript("""
            CREATE TABLE projects (id TEXT PRIMARY KEY, version INTEGER NOT NULL, title TEXT NOT NULL, mechanism TEXT NOT NULL,
                                   kind TEXT NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL, data TEXT NOT NULL);
            CREATE TABLE revisions (project_id TEXT NOT NULL, version INTEGER NOT NULL, saved_at TEXT NOT NULL, data TEXT NOT NULL,
                                    PRIMARY KEY (project_id, version));
            PRAGMA user_version = 1;""")
        connection.execute("INSERT INTO projects VALUES (?, 1, ?, ?, ?, ?, '2026-11-01T10:00:00.000+00:00', ?)",
                           (project.id, project.title, project.mechanism, project.kind, project.status, project.model_dump_json()))
    connection.close()
    store = Store(path)
    assert [s.id for s in store.list()] == [project.id]
    store.move_to_trash(project.id, 1)
    assert [s.id for s in store.trashed()] == [project.id]


def test_the_cli_purge_keeps_the_trash_unless_told_to_empty_it(tmp_path: Path, capsys):
    from shadowreport import cli

    path = Path(os.environ["SHADOWREPORT_STORE"])
    store = Store(path)
    stored = store.create(personal_project())
    store.move_to_trash(stored.project.id, stored.version)
    assert cli.main(["store", "purge"]) == 0
    assert "1 project(s) still in the trash (add --empty-trash" in capsys.readouterr().out
    assert leaks(path)
    assert cli.main(["store", "purge", "--empty-trash"]) == 0
    assert "1 project(s) in the trash deleted for good" in capsys.readouterr().out
    assert leaks(path) == [] and store.trashed() == []


def test_an_id_in_the_trash_or_the_archive_is_still_taken(backend):
    store, project_id = trashed_store(backend)
    store.set_archived("prj-upr-test", True)
    assert store.exists(project_id) and store.exists("prj-upr-test") and not store.exists("prj-nowhere")
    with pytest.raises(StoreError, match="already exists"):
        store.create(upr_project(id=project_id))
