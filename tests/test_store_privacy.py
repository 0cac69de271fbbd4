"""What the store holds stays private: files 0600, and deleted personal data gone from every file."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from shadowreport.project.model import EvidenceItem, Recommendation, SectionText
from shadowreport.store import BACKUP_SUFFIX, Store

from .factories import upr_project
from .stores import store_clock

VICTIM = "Zyxwvut Qorlandi"
PASSPORT = "QX7318642"

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def store_files(path: Path) -> list[Path]:
    """The store, its side files, its backup and anything else the store left in its folder."""
    return sorted(p for p in path.parent.iterdir() if p.is_file())


def leaks(path: Path) -> list[str]:
    found = []
    for file in store_files(path):
        data = file.read_bytes()
        for secret in (VICTIM, PASSPORT):
            for encoded in (secret.encode("utf-8"), secret.encode("utf-16-le")):
                if encoded in data:
                    found.append(f"{file.name}: {secret}")
    return found


@posix_only
def test_store_side_files_and_backup_are_created_0600(tmp_path: Path):
    old_umask = os.umask(0o022)  # a usual umask, which would give 0644
    try:
        path = tmp_path / "data" / "store.sqlite3"
        store = Store(path)
        stored = store.create(upr_project())
        with store._connect() as connection:  # an open connection keeps -wal and -shm on disk
            connection.execute("SELECT 1 FROM projects").fetchall()
            store.save(stored.project.model_copy(update={"title": "Edited"}), stored.version)
            files = {p.name: stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()}
        store.backup()
        files[path.name + BACKUP_SUFFIX] = stat.S_IMODE(path.with_name(path.name + BACKUP_SUFFIX).stat().st_mode)
    finally:
        os.umask(old_umask)
    assert {"store.sqlite3", "store.sqlite3-wal", "store.sqlite3-shm", "store.sqlite3.backup"} <= set(files)
    assert {name: oct(mode) for name, mode in files.items() if mode != 0o600} == {}


@posix_only
def test_a_store_made_readable_by_others_is_narrowed_when_opened(tmp_path: Path):
    path = tmp_path / "store.sqlite3"
    Store(path).create(upr_project())
    path.chmod(0o644)
    Store(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def personal_project():
    project = upr_project()
    return project.model_copy(update={
        "sections": [*project.sections, SectionText(id="case", title="A case", text=f"{VICTIM} told us her story in 2025.")],
        "evidence": [*project.evidence, EvidenceItem(id="ev-victim", kind="case", claim=f"{VICTIM}'s passport {PASSPORT} was kept by the employer.")],
        "recommendations": [*project.recommendations,
                            Recommendation(id="rec-victim", addressee="the Police", verb="return", object=f"passport {PASSPORT} to {VICTIM}")],
    })


def test_deleting_items_leaves_no_copy_in_the_file_its_log_or_the_backup(tmp_path: Path):
    path = tmp_path / "store.sqlite3"
    store = Store(path)
    stored = store.create(personal_project())
    for number in range(5):  # several revisions, each holding the personal data
        stored = store.save(stored.project.model_copy(update={"title": f"Draft {number}"}), stored.version)
    store.backup()
    assert leaks(path)  # the test can see the data while it is there
    project = stored.project
    project = project.model_copy(update={
        "evidence": [e for e in project.evidence if e.id != "ev-victim"],
        "recommendations": [r for r in project.recommendations if r.id != "rec-victim"],
        "sections": [s.model_copy(update={"text": ""}) if s.id == "case" else s for s in project.sections],
    })
    with store._connect() as other_tab:  # another tab's open connection keeps the log file on disk
        other_tab.execute("SELECT count(*) FROM projects").fetchall()
        stored = store.save(project, stored.version)
        assert [v for v, _ in store.revisions(project.id)] == [stored.version]  # older revisions held the deleted items
        assert leaks(path) == []
    assert store.load(project.id).project.evidence[0].id == "ev-recruit"  # the rest is intact


def test_deleting_a_project_leaves_no_copy_anywhere(backend):
    store = backend.open()
    store.create(upr_project())
    stored = store.create(personal_project().model_copy(update={"id": "prj-personal"}))
    for number in range(3):
        stored = store.save(stored.project.model_copy(update={"title": f"Draft {number}"}), stored.version)
    backend.open()  # SQLite: opening refreshes the backup, which now holds the project
    assert backend.holds_personal_data()
    store.delete("prj-personal", stored.version)
    assert not backend.holds_personal_data()
    assert [s.id for s in store.list()] == ["prj-upr-test"]


def test_purge_removes_text_edited_away_from_older_versions(backend):
    store = backend.open()
    stored = store.create(personal_project())
    section_text = f"{VICTIM} told us her story in 2025. Passport {PASSPORT} was kept."
    project = stored.project.model_copy(update={"sections": [
        s.model_copy(update={"text": section_text}) if s.id == "case" else s for s in stored.project.sections]})
    with store_clock(backend) as clock:
        clock.wait(120)  # edits minutes apart: each its own revision
        stored = store.save(project, stored.version)
        clock.wait(120)
    # An edit, not a deletion: the name is taken out of a text that stays; history keeps the old text.
    redacted = stored.project.model_copy(update={
        "sections": [s.model_copy(update={"text": "A.B. told us her story in 2025."}) if s.id == "case" else s for s in stored.project.sections],
        "evidence": [e.model_copy(update={"claim": "A.B.'s passport was kept by the employer."}) if e.id == "ev-victim" else e
                     for e in stored.project.evidence],
        "recommendations": [r.model_copy(update={"object": "identity documents to their owners"}) if r.id == "rec-victim" else r
                            for r in stored.project.recommendations],
    })
    stored = store.save(redacted, stored.version)
    if isinstance(store, Store):
        store.backup()
    assert len(store.revisions(project.id)) == 3 and backend.holds_personal_data()
    report = store.purge_deleted_data()
    assert report.revisions_removed == 2
    assert [v for v, _ in store.revisions(project.id)] == [stored.version]
    assert not backend.holds_personal_data()
    assert store.load(project.id).project.sections[-1].text == "A.B. told us her story in 2025."


def projects_page():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60).run()


@pytest.mark.timeout(120)
def test_the_projects_page_purges_deleted_data():
    path = Path(os.environ["SHADOWREPORT_STORE"])
    store = Store(path)
    stored = store.create(personal_project())
    project = stored.project
    store.save(project.model_copy(update={  # edits that take the personal data out, deleting nothing
        "evidence": [e.model_copy(update={"claim": "Redacted."}) for e in project.evidence],
        "recommendations": [r.model_copy(update={"object": "identity documents to their owners"}) for r in project.recommendations],
        "sections": [s.model_copy(update={"text": "A.B. told us her story."}) if s.id == "case" else s for s in project.sections],
    }), stored.version)
    store.backup()
    assert leaks(path)  # still in the earlier version
    app = projects_page()
    next(b for b in app.button if b.label == "Purge deleted data").click()
    app.run()
    assert not app.exception
    assert any("Purged" in s.value for s in app.success)
    assert leaks(path) == []


@pytest.mark.timeout(120)
def test_the_projects_page_deletes_a_project_for_good():
    path = Path(os.environ["SHADOWREPORT_STORE"])
    Store(path).create(personal_project())
    Store(path)  # the backup now holds it
    app = projects_page()
    app.button(key="delete:prj-upr-test").click()
    app.run()
    assert [s.id for s in Store(path).trashed()] == ["prj-upr-test"] and leaks(path)  # in the trash first, restorable
    app.button(key="delete_for_good:prj-upr-test").click()
    app.run()
    assert not app.exception
    assert Store(path).list() == [] and leaks(path) == []


DELETIONS = {
    "an evidence item": lambda p: {"evidence": [e for e in p.evidence if e.id != "ev-victim"]},
    "a recommendation": lambda p: {"recommendations": [r for r in p.recommendations if r.id != "rec-victim"]},
    "a section": lambda p: {"sections": [s for s in p.sections if s.id != "case"]},
    "a section's text": lambda p: {"sections": [s.model_copy(update={"text": ""}) if s.id == "case" else s for s in p.sections]},
}


@pytest.mark.parametrize("what", DELETIONS)
def test_a_save_that_deletes_drops_the_older_revisions_and_an_edit_keeps_them(backend, what: str):
    store = backend.open()
    stored = store.create(personal_project())
    stored = store.save(stored.project.model_copy(update={"title": "An edit"}), stored.version)
    assert len(store.revisions(stored.project.id)) == 2  # an edit keeps the history
    stored = store.save(stored.project.model_copy(update=DELETIONS[what](stored.project)), stored.version)
    assert store.revisions(stored.project.id) == [(stored.version, stored.updated_at)]


def test_the_cli_purges_deleted_data(capsys):
    from shadowreport import cli

    path = Path(os.environ["SHADOWREPORT_STORE"])
    store = Store(path)
    stored = store.create(personal_project())
    store.save(stored.project.model_copy(update={"evidence": [e.model_copy(update={"claim": "Redacted."}) for e in stored.project.evidence],
                                                 "recommendations": [r.model_copy(update={"object": "documents"}) for r in stored.project.recommendations],
                                                 "sections": [s.model_copy(update={"text": "A.B."}) if s.id == "case" else s
                                                              for s in stored.project.sections]}), stored.version)
    assert leaks(path)
    assert cli.main(["store", "purge"]) == 0
    assert "purged 1 older version(s)" in capsys.readouterr().out
    assert leaks(path) == []
