"""The store never loses work: round trips, conflicts between tabs, crashes mid-save, old versions."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from shadowreport.project import merge
from shadowreport.project.model import Project
from shadowreport.store import KEEP_REVISIONS, ConflictError, Store, StoreError

from .factories import coalition_project, upr_project
from .stores import store_clock

# Tests taking ``backend`` run on both stores: the embedded SQLite file and SqlStore on PostgreSQL.


def test_project_round_trips_through_the_store(backend):
    store = backend.open()
    project = coalition_project()
    store.create(project)
    reopened = backend.open().load(project.id)
    assert reopened.project == project and reopened.version == 1
    assert [s.id for s in store.list()] == [project.id]
    assert store.head(project.id) == (1, reopened.updated_at)


def test_two_tabs_never_silently_overwrite_each_other(backend):
    store = backend.open()
    store.create(upr_project())
    tab_a = store.load("prj-upr-test")
    tab_b = store.load("prj-upr-test")
    saved = store.save(tab_a.project.model_copy(update={"title": "Edited in tab A"}), tab_a.version)
    assert saved.version == 2
    with pytest.raises(ConflictError, match="changed elsewhere") as raised:
        store.save(tab_b.project.model_copy(update={"title": "Edited in tab B"}), tab_b.version)
    assert (raised.value.expected, raised.value.current) == (1, 2)
    assert store.load("prj-upr-test").project.title == "Edited in tab A"


def test_a_refused_save_is_merged_field_by_field_with_the_revision_it_started_from(backend):
    # What the app does on ConflictError (ui/state.py): base = the revision the edit started from,
    # theirs = what is stored now; both tabs' changes to different fields are kept.
    store = backend.open()
    start = store.create(upr_project())
    theirs = store.save(start.project.model_copy(update={"title": "Their title"}), start.version)
    mine = start.project.model_copy(update={"sections": [
        s.model_copy(update={"text": "My new text."}) if s.id == "evidence" else s for s in start.project.sections]})
    with pytest.raises(ConflictError) as raised:
        store.save(mine, start.version)
    base = store.revision(start.project.id, raised.value.expected)
    merged = merge.merge3(base.model_dump(mode="json"), mine.model_dump(mode="json"), theirs.project.model_dump(mode="json"))
    assert merged.conflicts == []
    saved = store.save(Project.model_validate(merged.data), raised.value.current)
    after = store.load(start.project.id)
    assert after.version == saved.version == 3 and after.project.title == "Their title"
    assert next(s for s in after.project.sections if s.id == "evidence").text == "My new text."


def test_sections_keep_their_order_titles_and_texts_through_edits(backend):
    store = backend.open()
    stored = store.create(upr_project())
    sections = stored.project.sections
    reordered = [sections[2].model_copy(update={"title": "Our recommendations"}), sections[0],
                 sections[1].model_copy(update={"id": "new-evidence"})]  # one renamed, one moved, one replaced
    stored = store.save(stored.project.model_copy(update={"sections": reordered}), stored.version)
    assert backend.open().load(stored.project.id).project.sections == reordered
    stored = store.save(stored.project.model_copy(update={"sections": []}), stored.version)
    assert backend.open().load(stored.project.id).project.sections == []


def test_saves_a_minute_or_more_apart_are_each_kept_and_the_newest_kept_count(backend):
    store = backend.open()
    stored = store.create(upr_project())
    with store_clock(backend) as clock:
        for number in range(KEEP_REVISIONS + 5):
            clock.wait(61)
            stored = store.save(stored.project.model_copy(update={"title": f"Title {number}"}), stored.version)
    versions = [v for v, _ in store.revisions("prj-upr-test")]
    assert len(versions) == KEEP_REVISIONS and versions[0] == stored.version
    assert store.revision("prj-upr-test", stored.version - 1).title == f"Title {KEEP_REVISIONS + 3}"


def test_saves_while_typing_are_grouped_into_one_revision_per_five_minutes(backend):
    """Typing for 20 minutes, a save every 2 seconds, keeps about five revisions (not 600, of which the
    last 50 would go back 100 seconds); a pause of a minute keeps the text as it was before it."""
    store = backend.open()
    with store_clock(backend) as clock:
        stored = store.create(upr_project())
        text = ""
        for _ in range(0, 20 * 60, 2):
            clock.wait(2)
            text += "w "
            stored = store.save(stored.project.model_copy(update={"notes": text}), stored.version)
        typed_for_20_minutes = store.revisions("prj-upr-test")
        assert 4 <= len(typed_for_20_minutes) <= 7
        assert [v for v, _ in typed_for_20_minutes[:2]] == [stored.version, stored.version - 1]  # the newest, and a merge base
        earlier = [store.revision("prj-upr-test", version).notes for version, _ in typed_for_20_minutes]
        assert len(set(earlier)) == len(earlier) and len(earlier[-2]) < len(text) // 2  # moments far apart, not the last seconds

        clock.wait(90)  # a pause, then the whole text replaced: the text before it can be brought back
        stored = store.save(stored.project.model_copy(update={"notes": "Rewritten."}), stored.version)
        for _ in range(5):
            clock.wait(2)
            stored = store.save(stored.project.model_copy(update={"notes": stored.project.notes + " Again."}), stored.version)
    assert text in [store.revision("prj-upr-test", version).notes for version, _ in store.revisions("prj-upr-test")]


def test_delete_checks_the_version_and_removes_the_revisions_too(backend):
    # Deleting used to keep the project's revisions "so it could be restored"; a deleted project
    # must leave no copy behind (issue 11), so its revisions go with it.
    store = backend.open()
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
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60, check=False)
    assert result.returncode == 9, result.stderr
    after = Store(path).load("prj-upr-test")
    assert (after.project.title, after.version) == (upr_project().title, 1)
    saved = Store(path).save(after.project.model_copy(update={"title": "Saved after the crash"}), 1)
    assert saved.version == 2


def test_duplicate_create_is_refused(backend):
    store = backend.open()
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


def test_unknown_project(backend):
    store = backend.open()
    with pytest.raises(StoreError, match="No project with id"):
        store.load("prj-nothing")
    assert store.head("prj-nothing") is None and not store.exists("prj-nothing")
    with pytest.raises(ConflictError, match="deleted elsewhere"):
        store.save(upr_project(id="prj-nothing"), 1)


@pytest.mark.parametrize("given", [["--database", "postgresql+psycopg://coalition@127.0.0.1:5432/report"],
                                   ["--database=postgresql+psycopg://coalition@127.0.0.1:5432/report"]])
def test_app_database_option_reaches_the_app_in_its_environment_not_streamlits_options(monkeypatch, given):
    from shadowreport import cli

    calls = []

    class BecameStreamlit(Exception):
        """os.execv never returns."""

    def execv(path, command):
        calls.append(command)
        raise BecameStreamlit

    monkeypatch.setattr(cli.os, "name", "posix")
    monkeypatch.setattr(cli.os, "execv", execv)
    monkeypatch.setenv("SHADOWREPORT_DATABASE_URL", "")  # so that what run_app sets is undone after the test
    with pytest.raises(BecameStreamlit):
        cli.main(["app", "--server.port", "8599", *given])
    assert calls[0][5:] == [*cli.STREAMLIT_DEFAULTS, "--server.port", "8599"]
    assert cli.os.environ["SHADOWREPORT_DATABASE_URL"] == "postgresql+psycopg://coalition@127.0.0.1:5432/report"
    assert cli.main(["app", "--database"]) == 2


def test_the_one_person_app_never_loads_the_server_libraries(tmp_path: Path):
    script = ("import sys; from shadowreport.storage import open_store; import shadowreport.cli; "
              "open_store().list(); print(sorted(m for m in ('sqlalchemy', 'psycopg', 'alembic') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False,
                            env={**os.environ, "SHADOWREPORT_STORE": str(tmp_path / "s.sqlite3")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
