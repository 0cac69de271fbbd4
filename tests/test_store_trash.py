"""The trash: a deleted project stays whole and restorable for 30 days, then is wiped from every file.

Also archiving (a project leaves the main list, unchanged) and duplicating.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from shadowreport.store import TRASH_DAYS, ConflictError, Store, StoreError

from .factories import upr_project
from .test_store_privacy import leaks, personal_project


def trashed_store(tmp_path: Path) -> tuple[Path, Store, str]:
    """A store holding one ordinary project and, in the trash, one with personal data in several revisions."""
    path = tmp_path / "store.sqlite3"
    store = Store(path)
    store.create(upr_project())
    stored = store.create(personal_project().model_copy(update={"id": "prj-personal"}))
    for number in range(3):
        stored = store.save(stored.project.model_copy(update={"title": f"Draft {number}"}), stored.version)
    store.move_to_trash("prj-personal", stored.version)
    store.backup()
    return path, store, "prj-personal"


def backdate_trash(path: Path, project_id: str, days: float) -> None:
    """As if the project had been moved to the trash ``days`` ago."""
    when = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat(timespec="milliseconds")
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE projects SET deleted_at = ? WHERE id = ?", (when, project_id))
    connection.close()


def test_a_trashed_project_leaves_the_list_cannot_be_opened_or_saved_and_shows_its_purge_day(tmp_path: Path):
    _, store, project_id = trashed_store(tmp_path)
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


def test_restore_brings_the_project_back_whole_with_its_history(tmp_path: Path):
    _, store, project_id = trashed_store(tmp_path)
    store.restore(project_id)
    stored = store.load(project_id)
    assert stored.project.title == "Draft 2" and stored.version == 4
    assert [v for v, _ in store.revisions(project_id)] == [4, 3, 2, 1]
    assert store.trashed() == [] and {s.id for s in store.list()} == {"prj-upr-test", project_id}
    with pytest.raises(StoreError, match="not in the trash"):
        store.restore(project_id)


def test_the_trash_keeps_a_project_29_days_and_wipes_it_from_every_file_after_30(tmp_path: Path):
    path, store, project_id = trashed_store(tmp_path)
    backdate_trash(path, project_id, TRASH_DAYS - 1)
    Store(path)  # opening the store expires the trash
    assert [s.id for s in store.trashed()] == [project_id] and leaks(path)
    backdate_trash(path, project_id, TRASH_DAYS + 0.01)
    Store(path)
    assert store.trashed() == [] and store.revisions(project_id) == []
    assert leaks(path) == []  # not in the file, its log or the backup
    assert [s.id for s in store.list()] == ["prj-upr-test"]


def test_expire_trash_counts_from_the_day_given(tmp_path: Path):
    path, store, _ = trashed_store(tmp_path)
    now = dt.datetime.now(dt.UTC)
    assert store.expire_trash(now + dt.timedelta(days=TRASH_DAYS - 1)) == 0
    assert store.expire_trash(now + dt.timedelta(days=TRASH_DAYS, minutes=1)) == 1
    assert leaks(path) == []


def test_emptying_the_trash_or_deleting_one_trashed_project_wipes_it_at_once(tmp_path: Path):
    path, store, _ = trashed_store(tmp_path)
    assert store.empty_trash() == 1
    assert leaks(path) == [] and store.trashed() == []

    path, store, project_id = trashed_store(tmp_path / "second")
    store.delete(project_id)  # no version needed for a project in the trash
    assert leaks(path) == [] and store.trashed() == []


def test_purge_keeps_the_trash_restorable_unless_asked_to_empty_it(tmp_path: Path):
    path, store, project_id = trashed_store(tmp_path)
    report = store.purge_deleted_data()
    assert report.projects_wiped == 0
    assert len(store.revisions(project_id)) == 4  # restored whole, history included
    assert leaks(path)
    report = store.purge_deleted_data(empty_trash=True)
    assert report.projects_wiped == 1 and report.revisions_removed == 0
    assert store.trashed() == [] and leaks(path) == []


def test_deleting_a_project_in_use_for_good_still_needs_its_version(tmp_path: Path):
    store = Store(tmp_path / "store.sqlite3")
    store.create(upr_project())
    with pytest.raises(ConflictError):
        store.delete("prj-upr-test")
    store.delete("prj-upr-test", 1)
    assert store.list() == []


def test_archiving_hides_a_project_from_the_list_and_keeps_it_openable(tmp_path: Path):
    store = Store(tmp_path / "store.sqlite3")
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


def test_a_duplicate_is_a_new_project_with_the_same_content(tmp_path: Path):
    store = Store(tmp_path / "store.sqlite3")
    original = store.create(personal_project()).project
    copy = store.duplicate(original.id)
    assert copy.project.id != original.id and copy.version == 1
    assert copy.project.title == f"{original.title} (copy)"
    assert copy.project.sections == original.sections and copy.project.evidence == original.evidence
    assert {s.id for s in store.list()} == {original.id, copy.project.id}


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


def test_an_id_in_the_trash_or_the_archive_is_still_taken(tmp_path: Path):
    _, store, project_id = trashed_store(tmp_path)
    store.set_archived("prj-upr-test", True)
    assert store.exists(project_id) and store.exists("prj-upr-test") and not store.exists("prj-nowhere")
    with pytest.raises(StoreError, match="already exists"):
        store.create(upr_project(id=project_id))
