"""`shadowreport users ...` against a real PostgreSQL: the coordinator's way to give people accounts."""

from __future__ import annotations

import io

import pytest

from shadowreport.cli import main

PASSWORD = "a long enough passphrase"


def _run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.postgres
def test_users_add_list_disable_reset(postgres_url: str, capsys, monkeypatch) -> None:
    from shadowreport.server.accounts import LoginFailed, open_accounts

    code, out, _ = _run(capsys, monkeypatch, "users", "add", "amina", "--org", "Strada Aperta", "--role", "coordinator",
                        "--password-stdin", "--database", postgres_url, stdin=PASSWORD + "\n")
    assert (code, out) == (0, "Added amina (coordinator, Strada Aperta).\n")
    monkeypatch.setenv("SHADOWREPORT_DATABASE_URL", postgres_url)  # the variable serves as --database
    _run(capsys, monkeypatch, "users", "add", "bruno", "--org", "Casa Nuova", "--role", "member", "--password-stdin", stdin=PASSWORD)
    code, out, _ = _run(capsys, monkeypatch, "users", "list")
    assert out.splitlines() == ["amina\tcoordinator\tStrada Aperta", "bruno\tmember\tCasa Nuova"]
    accounts = open_accounts(postgres_url)
    token = accounts.login("bruno", PASSWORD)

    code, out, err = _run(capsys, monkeypatch, "users", "disable", "bruno")
    assert code == 0 and accounts.user_for(token) is None
    assert _run(capsys, monkeypatch, "users", "list")[1].splitlines()[1] == "bruno\tmember\tCasa Nuova\tdisabled"
    code, out, err = _run(capsys, monkeypatch, "users", "reset", "bruno", "--password-stdin", stdin="a brand new passphrase\n")
    assert code == 0 and "new password" in out and "stays disabled" in out
    assert _run(capsys, monkeypatch, "users", "enable", "bruno")[:2] == (0, "bruno can log in again.\n")
    assert accounts.user_for(accounts.login("bruno", "a brand new passphrase")).name == "bruno"
    with pytest.raises(LoginFailed):
        accounts.login("bruno", PASSWORD)

    code, out, err = _run(capsys, monkeypatch, "users", "add", "carla", "--org", "X", "--role", "member", "--password-stdin", stdin="short\n")
    assert code == 2 and err == "shadowreport: The password must be 10 to 1000 characters long.\n" and "short" not in out
    code, _, err = _run(capsys, monkeypatch, "users", "disable", "nobody")
    assert code == 2 and "no user named 'nobody'" in err


def test_users_without_a_database_say_how_to_name_one(capsys, monkeypatch) -> None:
    code, _, err = _run(capsys, monkeypatch, "users", "list")
    assert code == 2 and err == "shadowreport: Name the coalition server's database with --database URL or SHADOWREPORT_DATABASE_URL.\n"


def test_users_with_an_unreachable_database_name_it_without_the_password(capsys, monkeypatch) -> None:
    code, _, err = _run(capsys, monkeypatch, "users", "list", "--database", "postgresql+psycopg://ngo:s3cret-pass@127.0.0.1:9/none")
    assert code == 2 and "s3cret-pass" not in err and "127.0.0.1:9" in err and len(err.strip().splitlines()) == 1
