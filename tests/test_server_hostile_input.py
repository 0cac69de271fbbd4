"""The coalition server meeting awkward input: NUL characters, names differing only by case, a database on a SQLite path."""

from __future__ import annotations

import pytest

from .test_server_service import PASSWORD, World, world  # noqa: F401  (the fixture, used by name)


@pytest.mark.postgres
def test_nul_characters_are_dropped_from_sections_comments_and_suggestions(world: World) -> None:  # noqa: F811
    coalition, pid = world.coalition, world.project_id
    version = next(s.version for s in coalition.sections(world.alice, pid) if s.id == "evidence")
    coalition.save_section(world.alice, pid, "evidence", "Pasted\x00 from a file.", version)
    coalition.comment(world.rita, pid, "evidence", "Which\x00 year?")
    coalition.suggest(world.bruno, pid, "evidence", "Better\x00 text.")
    assert next(s.text for s in coalition.sections(world.alice, pid) if s.id == "evidence") == "Pasted from a file."
    assert [c.text for c in coalition.comments(world.alice, pid)] == ["Which year?"]
    assert [s.text for s in coalition.suggestions(world.coordinator, pid)] == ["Better text."]


def test_a_sqlite_coalition_database_is_private_and_a_mistyped_path_is_not_made_a_new_one(tmp_path, capsys, monkeypatch) -> None:
    import io
    import os
    import stat

    from shadowreport.cli import main

    old = os.umask(0o022)  # as on many systems: new files readable by everyone unless made private
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        url = f"sqlite:///{tmp_path / 'coalition.db'}"
        assert main(["users", "add", "zed", "--org", "X", "--role", "coordinator", "--password-stdin", "--database", url]) == 0
        assert stat.S_IMODE((tmp_path / "coalition.db").stat().st_mode) == 0o600
        capsys.readouterr()
        assert main(["users", "list", "--database", f"sqlite:///{tmp_path / 'coalitoin.db'}"]) == 2
        err = capsys.readouterr().err
        assert "There is no database at" in err and "coalitoin.db" in err and len(err.strip().splitlines()) == 1
        assert not (tmp_path / "coalitoin.db").exists()
        assert main(["users", "list", "--database", url]) == 0 and capsys.readouterr().out.startswith("zed\tcoordinator\tX")
    finally:
        os.umask(old)


@pytest.mark.postgres
def test_user_names_are_unique_whatever_their_case(postgres_url: str) -> None:
    from shadowreport.server.accounts import AccountError, open_accounts

    accounts = open_accounts(postgres_url)
    accounts.add("carla", "Strada Aperta", "coordinator", PASSWORD)
    accounts.add("Élodie", "Casa Nuova", "member", PASSWORD)
    for name in ("Carla", " CARLA ", "éLODIE"):
        with pytest.raises(AccountError, match="^A user named '(carla|Élodie)' already exists"):
            accounts.add(name, "X", "member", PASSWORD)
    assert [user.name for user in accounts.list()] == ["carla", "Élodie"]
