"""A damaged store is answered in one sentence naming it and its backup, in the library, the CLI and the app."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from shadowreport.store import BACKUP_SUFFIX, Store, StoreDamagedError, StoreError

from .factories import upr_project


def healthy_store_with_backup(path: Path) -> Path:
    """A store holding a project (several pages of it), with its backup made at the next opening."""
    store = Store(path)
    stored = store.create(upr_project())
    for number in range(30):
        stored = store.save(stored.project.model_copy(update={"title": f"Title {number}", "notes": "Outreach notes. " * 200}), stored.version)
    Store(path)  # opening a store with projects refreshes its backup
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    assert backup.is_file()
    return backup


def damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if how == "random bytes":
        path.write_bytes(os.urandom(len(data)))
    elif how == "truncated header":
        path.write_bytes(data[:60])
    elif how == "truncated in the middle":
        path.write_bytes(data[: len(data) // 2])
    elif how == "not sqlite":
        path.write_text("projects:\n  - a list someone wrote by hand\n", encoding="utf-8")
    elif how == "0 bytes":
        path.write_bytes(b"")
    elif how == "garbled pages":
        middle = len(data) // 2
        path.write_bytes(data[:4096] + os.urandom(middle - 4096) + data[middle:])


DAMAGES = ["random bytes", "truncated header", "truncated in the middle", "not sqlite", "0 bytes", "garbled pages"]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_store_names_itself_and_its_backup_in_one_sentence(tmp_path: Path, how: str):
    path = tmp_path / "store.sqlite3"
    backup = healthy_store_with_backup(path)
    backup_bytes = backup.read_bytes()
    damage(path, how)
    with pytest.raises(StoreDamagedError) as raised:
        store = Store(path)
        store.list()  # some damage shows only when the pages are read
        store.load("prj-upr-test")
    message = str(raised.value)
    assert "\n" not in message and message.count(". ") == 0 and message.endswith(".")
    assert str(path) in message and "damaged" in message
    assert f"your last backup is {backup}" in message and "copy it over" in message and "move the damaged file away" in message
    assert backup.read_bytes() == backup_bytes  # the good backup is never replaced by a damaged store
    # Following the advice works: the backup copied over the damaged file opens with the project in it.
    shutil.copyfile(backup, path)
    assert Store(path).load("prj-upr-test").project.title == "Title 29"


def test_a_zero_byte_store_is_damaged_not_empty_even_without_a_backup(tmp_path: Path):
    path = tmp_path / "store.sqlite3"
    path.touch()
    with pytest.raises(StoreDamagedError, match=r"is empty \(0 bytes\), so it is damaged; there is no backup beside it"):
        Store(path)
    assert path.stat().st_size == 0  # left exactly as found


def test_a_new_store_is_created_whole_and_only_when_there_is_no_file(tmp_path: Path):
    path = tmp_path / "new" / "store.sqlite3"
    Store(path).create(upr_project())
    assert path.stat().st_size > 0
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []  # no temporary file left


def test_a_folder_as_the_store_is_refused(tmp_path: Path):
    path = tmp_path / "store.sqlite3"
    path.mkdir()
    with pytest.raises(StoreError, match="is not a file"):
        Store(path)


def test_moving_the_damaged_store_away_starts_empty_and_keeps_the_backup(tmp_path: Path):
    path = tmp_path / "store.sqlite3"
    backup = healthy_store_with_backup(path)
    kept = backup.read_bytes()
    damage(path, "random bytes")
    path.rename(tmp_path / "damaged.sqlite3")
    assert Store(path).list() == []
    assert backup.read_bytes() == kept  # an empty store never replaces the backup at opening


def test_the_backup_is_refreshed_after_saves_at_most_every_few_minutes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import shadowreport.store as store_module

    path = tmp_path / "store.sqlite3"
    store = Store(path)
    stored = store.create(upr_project())
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    first = backup.stat().st_mtime_ns
    stored = store.save(stored.project.model_copy(update={"title": "Second title"}), stored.version)
    assert backup.stat().st_mtime_ns == first  # not due yet
    monkeypatch.setattr(store_module, "BACKUP_EVERY_SECONDS", 0)
    store.save(stored.project.model_copy(update={"title": "Third title"}), stored.version)
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(backup, copy)
    assert Store(copy).load("prj-upr-test").project.title == "Third title"


@pytest.mark.timeout(60)
def test_the_cli_purge_answers_a_damaged_store_in_one_line_with_exit_2(tmp_path: Path):
    import subprocess
    import sys

    path = tmp_path / "store.sqlite3"
    healthy_store_with_backup(path)
    damage(path, "0 bytes")
    result = subprocess.run([sys.executable, "-c", "import sys; from shadowreport import cli; sys.exit(cli.main())", "store", "purge"], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "SHADOWREPORT_STORE": str(path)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert str(path) in result.stderr and "is empty (0 bytes)" in result.stderr and "your last backup is" in result.stderr


@pytest.mark.timeout(120)
@pytest.mark.parametrize("how", ["0 bytes", "random bytes"])
def test_the_app_shows_the_sentence_not_a_traceback(tmp_path: Path, how: str):
    from streamlit.testing.v1 import AppTest

    path = Path(os.environ["SHADOWREPORT_STORE"])
    healthy_store_with_backup(path)
    damage(path, how)
    app = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60).run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert any(str(path) in e and "damaged" in e and "your last backup is" in e for e in errors), errors


def test_a_backup_that_cannot_be_written_does_not_stop_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import tempfile

    path = tmp_path / "store.sqlite3"
    Store(path).create(upr_project())

    def read_only_folder(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only_folder)  # as in a folder the user may read but not write
    assert Store(path).load("prj-upr-test").project.id == "prj-upr-test"
    with pytest.raises(StoreError, match=r"store.sqlite3.backup: the backup could not be written \(Permission denied\)"):
        Store(path).backup()
