"""Accounts on the coalition server, on a real PostgreSQL: passwords, sessions, rate limits, disabling."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

pytestmark = pytest.mark.postgres

PASSWORD = "a long enough passphrase"


class Clock:
    """Now, moved on by the test: sessions expire and failures age without waiting."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(postgres_url: str, clock: Clock):
    from shadowreport.server.accounts import Accounts
    from shadowreport.server.sql_store import shared_engine

    return Accounts(shared_engine(postgres_url), clock)


def test_login_gives_a_session_that_logout_really_ends(accounts) -> None:
    from shadowreport.server.coalition_tables import audit_log, sessions, users

    user = accounts.add("amina", "Strada Aperta", "member", PASSWORD)
    token = accounts.login("amina", PASSWORD)
    assert accounts.user_for(token) == user
    assert accounts.user_for(token + "x") is None and accounts.user_for("") is None
    accounts.logout(token)
    assert accounts.user_for(token) is None  # the same token, well before it would expire
    with accounts.engine.connect() as connection:
        stored_hash = connection.execute(sa.select(users.c.password_hash)).scalar_one()
        session_keys = connection.execute(sa.select(sessions.c.token_hash)).scalars().all()
        logged = " ".join(f"{r.action} {r.target} {r.summary}" for r in connection.execute(sa.select(audit_log)))
    assert stored_hash.startswith("$argon2id$") and PASSWORD not in stored_hash
    assert session_keys and token not in session_keys  # only the token's digest is kept
    assert PASSWORD not in logged and "user.login" in logged and "user.logout" in logged


def test_a_failed_login_never_says_whether_the_name_exists(accounts) -> None:
    from shadowreport.server.accounts import LoginFailed

    accounts.add("amina", "Strada Aperta", "member", PASSWORD)
    with pytest.raises(LoginFailed) as wrong_password:
        accounts.login("amina", "not the password")
    with pytest.raises(LoginFailed) as unknown_name:
        accounts.login("nobody", PASSWORD)
    assert str(wrong_password.value) == str(unknown_name.value) == "The name or the password is wrong."
    assert PASSWORD not in str(unknown_name.value)


def test_five_failures_in_fifteen_minutes_block_the_name_for_a_while(accounts, clock: Clock) -> None:
    from shadowreport.server.accounts import LoginFailed, TooManyFailures

    accounts.add("amina", "Strada Aperta", "member", PASSWORD)
    accounts.add("bruno", "Casa Nuova", "member", PASSWORD)
    for _ in range(5):
        clock.advance(minutes=1)
        with pytest.raises(LoginFailed, match="wrong"):
            accounts.login("amina", "guess " * 3)
    with pytest.raises(TooManyFailures, match="Too many failed logins"):
        accounts.login("amina", PASSWORD)  # the right password does not get through a block
    assert accounts.user_for(accounts.login("bruno", PASSWORD)).name == "bruno"  # other names are not blocked
    clock.advance(minutes=11)  # the first failures are now older than 15 minutes
    assert accounts.user_for(accounts.login("amina", PASSWORD)).name == "amina"


def test_sessions_expire(accounts, clock: Clock) -> None:
    from shadowreport.server.accounts import SESSION_HOURS

    accounts.add("amina", "Strada Aperta", "member", PASSWORD)
    token = accounts.login("amina", PASSWORD)
    clock.advance(hours=SESSION_HOURS - 0.01)
    assert accounts.user_for(token) is not None
    clock.advance(hours=0.02)
    assert accounts.user_for(token) is None


def test_disabling_or_resetting_ends_every_session(accounts) -> None:
    from shadowreport.server.accounts import LoginFailed

    accounts.add("amina", "Strada Aperta", "member", PASSWORD)
    first, second = accounts.login("amina", PASSWORD), accounts.login("amina", PASSWORD)
    accounts.disable("amina")
    assert accounts.user_for(first) is None and accounts.user_for(second) is None
    with pytest.raises(LoginFailed, match="wrong"):
        accounts.login("amina", PASSWORD)
    assert [u.disabled for u in accounts.list()] == [True]

    accounts.reset("amina", "another long passphrase")
    with pytest.raises(LoginFailed):  # a reset does not open a disabled account again
        accounts.login("amina", "another long passphrase")
    accounts.enable("amina")
    token = accounts.login("amina", "another long passphrase")
    accounts.reset("amina", "a third long passphrase")
    assert accounts.user_for(token) is None
    with pytest.raises(LoginFailed):
        accounts.login("amina", "another long passphrase")


def test_bad_account_requests_are_refused_in_one_sentence(accounts) -> None:
    from shadowreport.server.accounts import AccountError

    accounts.add("amina", "Strada Aperta", "member", PASSWORD)
    for args, message in [
        (("bruno", "Casa Nuova", "admin", PASSWORD), "role 'admin' does not exist"),
        (("bruno", "Casa Nuova", "member", "short"), "password must be 10"),
        (("amina", "Casa Nuova", "member", PASSWORD), "already exists"),
        (("bru\nno", "Casa Nuova", "member", PASSWORD), "user name must be"),
    ]:
        with pytest.raises(AccountError, match=message):
            accounts.add(*args)
    with pytest.raises(AccountError, match="no user named 'carla'"):
        accounts.disable("carla")
    users = accounts.list()
    assert [(u.name, u.organisation, u.role) for u in users] == [("amina", "Strada Aperta", "member")]
    # A second user of the same organisation joins it rather than making another.
    assert accounts.add("amira", "Strada Aperta", "reviewer", PASSWORD).organisation_id == users[0].organisation_id


def test_many_wrong_passwords_at_once_still_get_only_five_tries(accounts) -> None:
    import threading

    from shadowreport.server.accounts import MAX_FAILURES, LoginFailed

    accounts.add("amina", "Strada Aperta", "member", PASSWORD)
    answers: list[str] = []
    ready = threading.Barrier(12)

    def guess(number: int) -> None:
        ready.wait(timeout=30)
        try:
            accounts.login("amina", f"guess number {number}")
        except LoginFailed as refused:
            answers.append(str(refused))

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answers) == 12
    wrong = answers.count("The name or the password is wrong.")
    assert 1 <= wrong <= MAX_FAILURES
    for number in range(MAX_FAILURES + 1):  # and, one after another, only what is left of the five
        try:
            accounts.login("amina", f"later guess {number}")
        except LoginFailed as refused:
            if "Too many" in str(refused):
                break
            wrong += 1
    assert wrong == MAX_FAILURES  # the password was checked five times in all, no more
    with pytest.raises(LoginFailed, match="Too many"):
        accounts.login("amina", PASSWORD)
