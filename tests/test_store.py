"""The store never loses work: round trips, conflicts between tabs, crashes mid-save, old versions."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from shadowreport.store import KEEP_REVISIONS, ConflictError, Store, StoreError

from .factories import coalition_project, upr_project


def test_project_round_trips_through_the_store(tmp_path: Path):
    store = Store(tmp_path / "store.sqlite3")
    project = coalition_project()
    store.create(project)
    reopened = Store(tmp_path / "store.sqlite3").load(project.id)
    assert reopened.project == project and reopened.version == 1
    assert [s.id for s in store.list()] == [project.id]


def test_two_tabs_never_silently_overwrite_each_other(tmp_path: Path):
    store = Store(tmp_path / "store.sqlite3")
    store.create(upr_project())
    tab_a = store.load("prj-upr-test")
    tab_b = store.load("prj-upr-test")
    saved = store.save(tab_a.project.model_copy(update={"title": "Edited in tab A"}), tab_a.version)
    assert saved.version == 2
    with pytest.raises(ConflictError, match="changed elsewhere") as raised:
        store.save(tab_b.project.model_copy(update={"title": "Edited in tab B"}), tab_b.version)
    assert (raised.value.expected, raised.value.current) == (1, 2)
    assert store.load("prj-upr-test").project.title == "Edited in tab A"


def test_every_save_is_kept_as_a_revision(tmp_path: Path):
    store = Store(tmp_path / "store.sqlite3")
    stored = store.create(upr_project())
    for number in range(KEEP_REVISIONS + 5):
        stored = store.save(stored.project.model_copy(update={"title": f"Title {number}"}), stored.version)
    versions = [v for v, _ in store.revisions("prj-upr-test")]
    assert len(versions) == KEEP_REVISIONS and versions[0] == stored.version
    assert store.revision("prj-upr-test", stored.version - 1).title == f"Title {KEEP_REVISIONS + 3}"


def test_delete_checks_the_version_and_removes_the_revisions_too(tmp_path: Path):
    # Deleting used to keep the project's revisions "so it could be restored"; a deleted project
    # must leave no copy behind (issue 11), so its revisions go with it.
    store = Store(tmp_path / "store.sqlite3")
    store.create(upr_project())
    with pytest.raises(ConflictError):
        store.delete("prj-upr-test", expected_version=7)
    store.delete("prj-upr-test", expected_version=1)
    assert store.list() == []
    assert store.revisions("prj-upr-test") == []
    with pytest.raises(StoreError, match="no saved version"):
        store.revision("prj-upr-test", 1)


def test_crash_mid_save_leaves_the_last_good_state(tmp_path: Path):
    path = tmp_path / "store.sqlite3"
    store = Store(path)
    store.create(upr_project())
    # A separate process dies (no cleanup at all) after writing the new version but before commit.
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        import shadowreport.store as store_module
        store = store_module.Store(Path({str(path)!r}))
        stored = store.load("prj-upr-test")
        store_module._write_revision = lambda *args: os._exit(9)
        store.save(stored.project.model_copy(update={{"title": "Half-saved"}}), stored.version)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 9, result.stderr
    after = Store(path).load("prj-upr-test")
    assert (after.project.title, after.version) == (upr_project().title, 1)
    saved = Store(path).save(after.project.model_copy(update={"title": "Saved after the crash"}), 1)
    assert saved.version == 2


def test_duplicate_create_is_refused(tmp_path: Path):
    store = Store(tmp_path / "store.sqlite3")
    store.create(upr_project())
    with pytest.raises(StoreError, match="already exists"):
        store.create(upr_project())


def test_store_from_a_newer_app_is_refused(tmp_path: Path):
    path = tmp_path / "store.sqlite3"
    Store(path)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer Shadow Report Studio"):
        Store(path)


def test_unknown_project(tmp_path: Path):
    with pytest.raises(StoreError, match="No project with id"):
        Store(tmp_path / "s.sqlite3").load("prj-nothing")
