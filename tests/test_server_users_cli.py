"""Accounts and `shadowreport users` on a real PostgreSQL: a reset never opens a disabled account (only `users enable`
does), and a user name that reads like an existing one is refused."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import sqlalchemy as sa

from shadowreport.cli import main

pytestmark = pytest.mark.postgres

PASSWORD = "a long enough passphrase"
NEW_PASSWORD = "a brand new passphrase"


def _run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def accounts(postgres_url: str):
    from shadowreport.server.accounts import Accounts
    from shadowreport.server.sql_store import shared_engine

    return Accounts(shared_engine(postgres_url), lambda: dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC))


def test_a_reset_keeps_a_disabled_account_disabled_until_enabled(accounts) -> None:
    from shadowreport.server.accounts import LoginFailed
    from shadowreport.server.coalition_tables import audit_log

    accounts.add("amina", "Strada Aperta", "member", PASSWORD)
    accounts.disable("amina")
    assert accounts.reset("amina", "another long passphrase").disabled
    assert [u.disabled for u in accounts.list()] == [True]
    for password in (PASSWORD, "another long passphrase"):
        with pytest.raises(LoginFailed):
            accounts.login("amina", password)
    accounts.enable("amina")
    assert [u.disabled for u in accounts.list()] == [False]
    assert accounts.user_for(accounts.login("amina", "another long passphrase")).name == "amina"
    assert not accounts.reset("amina", "a third long passphrase").disabled  # an enabled account stays enabled
    with accounts.engine.connect() as connection:
        actions = [(r.action, r.summary) for r in connection.execute(sa.select(audit_log).order_by(audit_log.c.id))
                   if r.action in ("user.disable", "user.reset", "user.enable")]
    assert actions == [("user.disable", ""), ("user.reset", "stays disabled"), ("user.enable", ""), ("user.reset", "")]


def test_a_name_that_looks_like_an_existing_one_is_refused(accounts) -> None:
    from shadowreport.server.accounts import AccountError

    accounts.add("carla", "Strada Aperta", "coordinator", PASSWORD)
    accounts.add("Ангелина", "Casa Nuova", "member", PASSWORD)  # one alphabet, whichever it is, is fine
    accounts.add("山田たろう", "Casa Nuova", "member", PASSWORD)  # kanji with kana is how Japanese is written
    for look_alike in ("ｃａｒｌａ", "car1a", "cárla", "CARLA"):
        with pytest.raises(AccountError, match="already exists|looks like the existing user 'carla'"):
            accounts.add(look_alike, "Casa Nuova", "member", PASSWORD)
    with pytest.raises(AccountError, match="mixes letters of different alphabets \\(Cyrillic, Latin\\)"):
        accounts.add("c\u0430rla", "Casa Nuova", "member", PASSWORD)  # Cyrillic а
    accounts.add("\u0441\u043e", "Casa Nuova", "member", PASSWORD)  # "со", all Cyrillic
    with pytest.raises(AccountError, match="looks like the existing user '\u0441\u043e'"):
        accounts.add("co", "Casa Nuova", "member", PASSWORD)  # Latin, and reads the same
    assert sorted(u.name for u in accounts.list()) == sorted(["carla", "Ангелина", "山田たろう", "\u0441\u043e"])


def test_reset_of_a_disabled_user_keeps_them_out_and_says_so(postgres_url: str, capsys, monkeypatch) -> None:
    from shadowreport.server.accounts import LoginFailed, open_accounts

    monkeypatch.setenv("SHADOWREPORT_DATABASE_URL", postgres_url)
    _run(capsys, monkeypatch, "users", "add", "alice", "--org", "Casa Nuova", "--role", "member", "--password-stdin", stdin=PASSWORD)
    _run(capsys, monkeypatch, "users", "disable", "alice")

    code, out, _ = _run(capsys, monkeypatch, "users", "reset", "alice", "--password-stdin", stdin=NEW_PASSWORD + "\n")
    assert (code, out) == (0, ("alice has a new password; the account stays disabled, so they cannot log in "
                               "until 'shadowreport users enable alice'.\n"))
    assert _run(capsys, monkeypatch, "users", "list")[1] == "alice\tmember\tCasa Nuova\tdisabled\n"
    accounts = open_accounts(postgres_url)
    with pytest.raises(LoginFailed):
        accounts.login("alice", NEW_PASSWORD)

    assert _run(capsys, monkeypatch, "users", "enable", "alice")[:2] == (0, "alice can log in again.\n")
    assert _run(capsys, monkeypatch, "users", "list")[1] == "alice\tmember\tCasa Nuova\n"
    assert accounts.user_for(accounts.login("alice", NEW_PASSWORD)).name == "alice"
    code, out, _ = _run(capsys, monkeypatch, "users", "reset", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    assert (code, out) == (0, "alice has a new password; their sessions have ended.\n")


def test_enable_names_an_unknown_user_in_one_sentence(postgres_url: str, capsys, monkeypatch) -> None:
    code, _, err = _run(capsys, monkeypatch, "users", "enable", "nobody", "--database", postgres_url)
    assert code == 2 and err == ("shadowreport: There is no user named 'nobody': 'shadowreport users list' shows who there is.\n")


def test_a_look_alike_user_name_is_refused(postgres_url: str, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SHADOWREPORT_DATABASE_URL", postgres_url)
    _run(capsys, monkeypatch, "users", "add", "carla", "--org", "Strada Aperta", "--role", "coordinator", "--password-stdin", stdin=PASSWORD)
    code, _, err = _run(capsys, monkeypatch, "users", "add", "c\u0430rla", "--org", "X", "--role", "member", "--password-stdin", stdin=PASSWORD)
    assert code == 2 and "mixes letters of different alphabets (Cyrillic, Latin)" in err and len(err.splitlines()) == 1
    code, _, err = _run(capsys, monkeypatch, "users", "add", "car1a", "--org", "X", "--role", "member", "--password-stdin", stdin=PASSWORD)
    assert code == 2 and err == ("shadowreport: The user name 'car1a' looks like the existing user 'carla': "
                                 "choose a name that reads differently.\n")
    assert _run(capsys, monkeypatch, "users", "list")[1] == "carla\tcoordinator\tStrada Aperta\n"
