"""`shadowreport backup` / `restore` against the coalition server: what a backup holds, and a laptop's projects moved in."""

from __future__ import annotations

from pathlib import Path

import pytest

from shadowreport import cli
from shadowreport.storage import write_backup
from shadowreport.store import Store

from .factories import upr_project

pytestmark = pytest.mark.postgres

PASSWORD = "a long enough passphrase"


def test_a_laptop_backup_holding_a_nul_character_restores_into_the_server_without_it(tmp_path: Path, capsys, postgres_url: str):
    from shadowreport.server.accounts import open_accounts
    from shadowreport.server.sql_store import SqlStore

    laptop = Store(tmp_path / "laptop.sqlite3")
    laptop.create(upr_project(id="prj-nul0001", notes="Pasted\x00from a file."))  # SQLite keeps it; PostgreSQL cannot
    write_backup(laptop, tmp_path / "nul.backup")
    open_accounts(postgres_url).add("carla", "Strada Aperta", "coordinator", PASSWORD)
    assert cli.main(["restore", str(tmp_path / "nul.backup"), "--database", postgres_url, "--org", "Strada Aperta"]) == 0
    assert SqlStore(postgres_url).load("prj-nul0001").project.notes == "Pastedfrom a file."


def test_a_backup_of_the_server_says_plainly_it_holds_projects_only(tmp_path: Path, capsys, postgres_url: str):
    from shadowreport.server.service import Coalition

    coalition = Coalition(postgres_url)
    coalition.accounts.add("carla", "Strada Aperta", "coordinator", PASSWORD)
    coalition.create_project(coalition.user_for(coalition.login("carla", PASSWORD)), upr_project())
    assert cli.main(["backup", "--to", str(tmp_path / "server.backup"), "--database", postgres_url]) == 0
    out = capsys.readouterr().out
    assert "1 project(s) backed up" in out
    assert "NOT the server's accounts, organisations" in out and "audit log" in out and "pg_dump" in out
    assert cli.main(["backup", "--to", str(tmp_path / "laptop.backup")]) == 0  # the laptop's store has nothing else to keep
    assert "pg_dump" not in capsys.readouterr().out


def test_projects_restored_into_the_server_are_coordinated_by_the_organisation_named(tmp_path: Path, capsys, postgres_url: str):
    from shadowreport.server.service import Coalition

    coalition = Coalition(postgres_url)
    coalition.accounts.add("carla", "Strada Aperta", "coordinator", PASSWORD)
    coalition.accounts.add("alice", "Casa Nuova", "member", PASSWORD)
    laptop = Store(tmp_path / "laptop.sqlite3")
    laptop.create(upr_project(id="prj-migrated1", title="Migrated from a laptop"))
    write_backup(laptop, tmp_path / "mig.backup")
    backup = str(tmp_path / "mig.backup")

    assert cli.main(["restore", backup, "--database", postgres_url]) == 2  # nobody would see them
    assert "--org ORGANISATION" in capsys.readouterr().err
    assert cli.main(["restore", backup, "--database", postgres_url, "--org", "Strada Aprta"]) == 2
    assert "There is no organisation named 'Strada Aprta'" in capsys.readouterr().err
    assert not coalition.store.exists("prj-migrated1")  # nothing restored
    assert cli.main(["restore", backup, "--org", "Strada Aperta"]) == 2  # the laptop's store has no organisations

    assert cli.main(["restore", backup, "--database", postgres_url, "--org", "Strada Aperta"]) == 0
    assert "Strada Aperta coordinates them" in capsys.readouterr().out
    carla = coalition.user_for(coalition.login("carla", PASSWORD))
    assert [p.title for p in coalition.projects(carla)] == ["Migrated from a laptop"]
    assert coalition.role_in(carla, "prj-migrated1") == "coordinator"
    project = coalition.project_for(carla, "prj-migrated1")
    assert project.coordinator.name == "Strada Aperta" and project.coordinator.id == carla.organisation_id
    alice = coalition.user_for(coalition.login("alice", PASSWORD))
    assert coalition.projects(alice) == []  # until the coordinator invites her organisation
    coalition.invite(carla, "prj-migrated1", "Casa Nuova")
    assert [p.id for p in coalition.projects(alice)] == ["prj-migrated1"]
