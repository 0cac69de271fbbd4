"""`shadowreport backup` / `restore` against the coalition server: what a backup holds, and a laptop's projects moved in."""

from __future__ import annotations

from pathlib import Path

import pytest

from shadowreport import cli
from shadowreport.storage import write_backup
from shadowreport.store import Store

from .factories import upr_project

pytestmark = pytest.mark.postgres


def test_a_laptop_backup_holding_a_nul_character_restores_into_the_server_without_it(tmp_path: Path, capsys, postgres_url: str):
    from shadowreport.server.sql_store import SqlStore

    laptop = Store(tmp_path / "laptop.sqlite3")
    laptop.create(upr_project(id="prj-nul0001", notes="Pasted\x00from a file."))  # SQLite keeps it; PostgreSQL cannot
    write_backup(laptop, tmp_path / "nul.backup")
    assert cli.main(["restore", str(tmp_path / "nul.backup"), "--database", postgres_url]) == 0
    assert SqlStore(postgres_url).load("prj-nul0001").project.notes == "Pastedfrom a file."
