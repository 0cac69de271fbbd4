"""`shadowreport backup` and `restore`: every project comes back, on either store, and a damaged file is refused whole."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from shadowreport import cli
from shadowreport.storage import restore_backup, write_backup
from shadowreport.store import Store, StoreError

from .factories import coalition_project, upr_project
from .test_store_privacy import personal_project


def fill(store) -> dict[str, tuple]:
    """Projects in use, archived, in the trash, edited several times; returns what a restore must give back."""
    edited = store.create(upr_project())
    for number in range(3):
        edited = store.save(edited.project.model_copy(update={"title": f"Edited {number}"}), edited.version)
    store.create(coalition_project())
    store.create(upr_project(id="prj-archived", title="An archived report"))
    store.set_archived("prj-archived", True)
    trashed = store.create(personal_project().model_copy(update={"id": "prj-trashed"}))
    store.move_to_trash("prj-trashed", trashed.version)
    return contents(store)


def contents(store) -> dict[str, tuple]:
    """Each project's content and where it is (in use, archived, trash), read through the store's public methods."""
    found = {}
    for place, summaries in (("in use", store.list()), ("archived", store.list(archived=True)), ("trash", store.trashed())):
        for summary in summaries:
            project = store.revision(summary.id, summary.version) if place == "trash" else store.load(summary.id).project
            found[summary.id] = (place, project)
    return found


def wipe(store) -> None:
    for summary in [*store.list(), *store.list(archived=True)]:
        store.delete(summary.id, summary.version)
    store.empty_trash()
    assert contents(store) == {}


def test_a_backup_restored_into_an_empty_store_gives_back_every_project(backend, tmp_path: Path):
    store = backend.open()
    before = fill(store)
    target = tmp_path / "out" / "coalition.backup"
    assert write_backup(store, target) == 4
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 or sys.platform == "win32"
    wipe(store)
    assert restore_backup(backend.open(), target) == 4
    after = contents(backend.open())
    assert after == before
    assert after["prj-upr-test"][1].title == "Edited 2"


def test_a_laptop_store_moves_to_the_server(tmp_path: Path, postgres_url: str):
    from shadowreport.server.sql_store import SqlStore

    laptop = Store(tmp_path / "laptop.sqlite3")
    before = fill(laptop)
    write_backup(laptop, tmp_path / "move.backup")
    server = SqlStore(postgres_url)
    restore_backup(server, tmp_path / "move.backup")
    assert contents(server) == before


def damage(path: Path, how: str) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    if how == "cut short":
        path.write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    elif how == "last line lost":
        path.write_text("".join(lines[:-1]), encoding="utf-8")
    elif how == "a project line lost":
        path.write_text("".join(lines[:2] + lines[3:]), encoding="utf-8")
    elif how == "a word changed":
        path.write_text(text.replace("Edited 2", "Edited 3"), encoding="utf-8")
    elif how == "not a backup":
        path.write_text("projects:\n  - written by hand\n", encoding="utf-8")
    elif how == "empty":
        path.write_text("", encoding="utf-8")
    elif how == "binary":
        path.write_bytes(os.urandom(2048) + b"\xff\xfe")
    elif how == "from a newer app":
        heading = json.loads(lines[0])
        path.write_text(json.dumps({**heading, "version": 99}) + "\n" + "".join(lines[1:]), encoding="utf-8")


DAMAGES = ["cut short", "last line lost", "a project line lost", "a word changed", "not a backup", "empty", "binary", "from a newer app"]


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_backup_is_refused_in_one_sentence_and_nothing_is_restored(tmp_path: Path, how: str):
    source = Store(tmp_path / "source.sqlite3")
    fill(source)
    backup = tmp_path / "store.backup"
    write_backup(source, backup)
    damage(backup, how)
    target = Store(tmp_path / "target.sqlite3")
    with pytest.raises(StoreError) as raised:
        restore_backup(target, backup)
    message = str(raised.value)
    assert message.startswith(f"{backup} is not a usable Shadow Report Studio backup (") and message.endswith("; nothing was restored.")
    assert "\n" not in message and "Edited" not in message
    assert contents(target) == {}


def test_a_backup_whose_projects_are_already_in_the_store_is_refused_whole(tmp_path: Path):
    store = Store(tmp_path / "store.sqlite3")
    fill(store)
    write_backup(store, tmp_path / "store.backup")
    other = Store(tmp_path / "other.sqlite3")
    other.create(coalition_project())
    with pytest.raises(StoreError, match=r"project prj-joint-test is already in this store .*nothing was restored"):
        restore_backup(other, tmp_path / "store.backup")
    assert [s.id for s in other.list()] == ["prj-joint-test"]


def test_the_cli_backs_up_and_restores_the_apps_store(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch):
    before = fill(Store(Path(os.environ["SHADOWREPORT_STORE"])))
    backup = tmp_path / "all.backup"
    assert cli.main(["backup", "--to", str(backup)]) == 0
    assert "4 project(s) backed up" in capsys.readouterr().out
    monkeypatch.setenv("SHADOWREPORT_STORE", str(tmp_path / "new.sqlite3"))
    assert cli.main(["restore", str(backup)]) == 0
    assert "4 project(s) restored" in capsys.readouterr().out
    assert contents(Store(tmp_path / "new.sqlite3")) == before
    assert cli.main(["restore", str(backup)]) == 2  # a second time: every id is taken
    error = capsys.readouterr().err
    assert error.startswith("shadowreport: ") and "already in this store" in error and len(error.strip().splitlines()) == 1
    damage(backup, "cut short")
    monkeypatch.setenv("SHADOWREPORT_STORE", str(tmp_path / "third.sqlite3"))
    assert cli.main(["restore", str(backup)]) == 2
    assert "is not a usable Shadow Report Studio backup" in capsys.readouterr().err


def test_the_cli_restores_into_the_server_named_by_database(tmp_path: Path, capsys, postgres_url: str):
    from shadowreport.server.accounts import open_accounts
    from shadowreport.server.sql_store import SqlStore

    before = fill(Store(Path(os.environ["SHADOWREPORT_STORE"])))
    assert cli.main(["backup", "--to", str(tmp_path / "all.backup")]) == 0
    open_accounts(postgres_url).add("carla", "Strada Aperta", "coordinator", "a long enough passphrase")
    assert cli.main(["restore", str(tmp_path / "all.backup"), "--database", postgres_url, "--org", "Strada Aperta"]) == 0
    # The same projects, where they were; Strada Aperta, the server's organisation, now coordinates them (test_server_backup.py).
    assert {k: (place, p.title, p.sections, len(p.evidence))
            for k, (place, p) in contents(SqlStore(postgres_url)).items()} == {
        k: (place, p.title, p.sections, len(p.evidence)) for k, (place, p) in before.items()}
    assert cli.main(["backup", "--to", str(tmp_path / "again.backup"), "--database", postgres_url]) == 0
    assert "4 project(s) backed up" in capsys.readouterr().out
    assert cli.main(["store", "purge", "--database", postgres_url]) == 0
    assert "purged" in capsys.readouterr().out
