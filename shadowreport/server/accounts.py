"""Accounts on the coalition server: who may log in, as whom, and for how long.

- Passwords are hashed with argon2id (argon2-cffi's ``PasswordHasher``) and never stored, logged or
  echoed; a hash made with older parameters is renewed at the next login.
- ``login(name, password)`` returns a random token; the database keeps only its sha256, with an
  expiry (``SESSION_HOURS``). ``user_for(token)`` is the user while the session lasts;
  ``logout(token)`` ends it for good. Disabling a user or resetting the password ends every session.
- A failed login says only that the name or the password is wrong (the same words, and about the
  same time, for an unknown name). After ``MAX_FAILURES`` failures within ``FAILURE_WINDOW`` for one
  name, logins under that name are refused until the window has passed, even with the right password.
- Every change to an account, every login and logout, writes the audit log (``record``); a password
  never does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Connection, Engine

from ..records import new_id
from .coalition_tables import ROLES, audit_log, login_failures, organisations, sessions, users
from .db import connected

SESSION_HOURS = 12
SESSIONS_KEPT = dt.timedelta(days=30)  # ended and expired sessions are deleted this long after they would have expired
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
MIN_PASSWORD = 10
MAX_PASSWORD = 1_000  # argon2 takes any length; a megabyte "password" would only cost the server time

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AccountError(ValueError):
    """A request about an account that cannot be done (unknown user, weak password...): one sentence."""


class LoginFailed(Exception):
    """The login was refused; the message never says whether the name exists."""


class TooManyFailures(LoginFailed):
    """Refused because of too many failed logins for this name within FAILURE_WINDOW, whatever the password."""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str  # coordinator | member | reviewer
    organisation_id: str  # the organisation's member id in every project it works on
    organisation: str
    disabled: bool = False


def record(connection: Connection, at: dt.datetime, user_id: int | None, action: str, project_id: str | None = None,
           target: str = "", summary: str = "") -> None:
    """One line of the audit log, in the caller's transaction; ``summary`` holds counts and versions, never case text."""
    connection.execute(audit_log.insert(), {"at": at, "user_id": user_id, "action": action, "project_id": project_id,
                                            "target": target[:200], "summary": summary[:1000]})


@cache
def _unknown_user_hash() -> str:
    # Verified against when the name is unknown, so a failed login takes the same time either way.
    return PasswordHasher().hash(secrets.token_urlsafe(16))


class Accounts:
    def __init__(self, engine: Engine, clock: Clock = utc_now, hasher: PasswordHasher | None = None) -> None:
        self.engine = engine
        self.clock = clock
        self.hasher = hasher or PasswordHasher()

    # -- managing users (the command line) ----------------------------------------------------

    def add(self, name: str, organisation: str, role: str, password: str) -> User:
        """A new user of ``organisation`` (created when it is new) with ``role``."""
        name, organisation = _clean_name(name, "user name"), _clean_name(organisation, "organisation name")
        if len(scripts := _letter_scripts(name)) > 1:
            raise AccountError(f"The user name '{name}' mixes letters of different alphabets ({', '.join(sorted(scripts))}): "
                               "write it in one alphabet, so that nobody can make a name that looks like it.")
        if role not in ROLES:
            raise AccountError(f"The role '{role}' does not exist: choose coordinator, member or reviewer.")
        password_hash = self.hasher.hash(_checked_password(password))
        now = self.clock()
        try:
            with connected(self.engine) as connection:
                # Unique whatever the case or look: "Carla" or "cаrla" (Cyrillic а) beside "carla" would be two people
                # who read the same in every "last saved by" and in the audit log. Compared here, not by the database's
                # lower(), which knows only ASCII.
                taken = next((n for n in connection.execute(sa.select(users.c.name)).scalars() if name_skeleton(n) == name_skeleton(name)), None)
                if taken == name or (taken is not None and taken.casefold() == name.casefold()):
                    raise AccountError(f"A user named '{taken}' already exists: choose another name, or reset their password.")
                if taken is not None:
                    raise AccountError(f"The user name '{name}' looks like the existing user '{taken}': choose a name that reads differently.")
                organisation_id = self._organisation_id(connection, organisation, now)
                user_id = connection.execute(users.insert().values(
                    name=name, organisation_id=organisation_id, role=role, password_hash=password_hash, disabled=False, created_at=now,
                ).returning(users.c.id)).scalar_one()
                record(connection, now, None, "user.add", target=name, summary=f"role {role}, organisation {organisation}")
        except sa.exc.IntegrityError:  # the same user or organisation added at the same moment elsewhere
            raise AccountError(f"'{name}' or '{organisation}' was added by someone else at the same moment: list the users and try again.") from None
        return User(user_id, name, role, organisation_id, organisation)

    def list(self) -> list[User]:
        """Every user, by name."""
        with connected(self.engine) as connection:
            rows = connection.execute(_user_query().order_by(users.c.name)).all()
        return [User(*row) for row in rows]

    def get(self, name: str) -> User:
        with connected(self.engine) as connection:
            row = connection.execute(_user_query().where(users.c.name == name.strip())).first()
        if row is None:
            raise AccountError(f"There is no user named '{name.strip()}': 'shadowreport users list' shows who there is.")
        return User(*row)

    def disable(self, name: str) -> None:
        """The user can no longer log in; their open sessions end now. Their work and its history stay."""
        user = self.get(name)
        now = self.clock()
        with connected(self.engine) as connection:
            connection.execute(users.update().where(users.c.id == user.id).values(disabled=True))
            _end_sessions(connection, user.id, now)
            record(connection, now, None, "user.disable", target=user.name)

    def enable(self, name: str) -> None:
        """A disabled user may log in again, with the password they had (or the one a reset gave)."""
        user = self.get(name)
        now = self.clock()
        with connected(self.engine) as connection:
            connection.execute(users.update().where(users.c.id == user.id).values(disabled=False))
            connection.execute(login_failures.delete().where(login_failures.c.name == user.name))
            record(connection, now, None, "user.enable", target=user.name)

    def reset(self, name: str, password: str) -> User:
        """A new password; every session of the user ends. A disabled account stays disabled (only ``enable``
        opens it again: a reset made to be sure must not let back in someone who was shut out). Returns the user."""
        user = self.get(name)
        password_hash = self.hasher.hash(_checked_password(password))
        now = self.clock()
        with connected(self.engine) as connection:
            connection.execute(users.update().where(users.c.id == user.id).values(password_hash=password_hash))
            _end_sessions(connection, user.id, now)
            connection.execute(login_failures.delete().where(login_failures.c.name == user.name))
            record(connection, now, None, "user.reset", target=user.name, summary="stays disabled" if user.disabled else "")
        return user

    # -- sessions (the app) -------------------------------------------------------------------

    def login(self, name: str, password: str) -> str:
        """A new session's token, or LoginFailed (wrong name or password, or too many failures for this name)."""
        name = unicodedata.normalize("NFC", name.strip())[:200]
        now = self.clock()
        # The attempt is written down (committed) before it is counted and before the password is
        # checked, so that many attempts at once cannot all slip under the limit: the k-th attempt
        # to be written sees at least k. It stays as a failure unless the login succeeds.
        with connected(self.engine) as connection:
            attempt = connection.execute(login_failures.insert().values(name=name, at=now).returning(login_failures.c.id)).scalar_one()
        with connected(self.engine) as connection:
            attempts = connection.execute(sa.select(sa.func.count()).select_from(login_failures).where(
                login_failures.c.name == name, login_failures.c.at > now - FAILURE_WINDOW)).scalar_one()
            blocked = attempts > MAX_FAILURES
            if blocked:
                connection.execute(login_failures.delete().where(login_failures.c.id == attempt))  # refused unchecked: not a failure
            row = connection.execute(sa.select(users.c.id, users.c.password_hash, users.c.disabled).where(users.c.name == name)).first()
        if blocked:  # raised after the transaction, which a raise inside would undo
            raise TooManyFailures(f"Too many failed logins for this name: wait {FAILURE_WINDOW.seconds // 60} minutes and try again.")
        if not self._verified(row, password):
            with connected(self.engine) as connection:
                connection.execute(login_failures.delete().where(login_failures.c.at <= now - FAILURE_WINDOW))  # keep the table small
            raise LoginFailed("The name or the password is wrong.")
        token = secrets.token_urlsafe(32)
        with connected(self.engine) as connection:
            if self.hasher.check_needs_rehash(row.password_hash):
                connection.execute(users.update().where(users.c.id == row.id).values(password_hash=self.hasher.hash(password)))
            connection.execute(sessions.insert().values(token_hash=_digest(token), user_id=row.id, created_at=now,
                                                        expires_at=now + dt.timedelta(hours=SESSION_HOURS)))
            connection.execute(login_failures.delete().where(login_failures.c.name == name))
            connection.execute(sessions.delete().where(sessions.c.expires_at < now - SESSIONS_KEPT))  # long over: forgotten
            record(connection, now, row.id, "user.login")
        return token

    def _verified(self, row, password: str) -> bool:
        if not isinstance(password, str) or len(password) > MAX_PASSWORD:
            return False
        try:
            return self.hasher.verify(row.password_hash if row else _unknown_user_hash(), password) and row is not None and not row.disabled
        except (VerificationError, InvalidHashError):
            return False

    def user_for(self, token: str | None) -> User | None:
        """The user of a live session, or None (no such token, expired, ended, or the user disabled)."""
        if not token:
            return None
        with connected(self.engine) as connection:
            row = connection.execute(_user_query().join(sessions, sessions.c.user_id == users.c.id).where(
                sessions.c.token_hash == _digest(token), sessions.c.ended_at.is_(None), sessions.c.expires_at > self.clock(),
                users.c.disabled.is_(False))).first()
        return User(*row) if row else None

    def logout(self, token: str | None) -> None:
        """End the session: its token no longer logs anyone in, even before it would have expired."""
        if not token:
            return
        now = self.clock()
        with connected(self.engine) as connection:
            user_id = connection.execute(sessions.update().where(sessions.c.token_hash == _digest(token), sessions.c.ended_at.is_(None))
                                         .values(ended_at=now).returning(sessions.c.user_id)).scalar()
            if user_id is not None:
                record(connection, now, user_id, "user.logout")

    # -- organisations ------------------------------------------------------------------------

    def _organisation_id(self, connection: Connection, name: str, now: dt.datetime) -> str:
        found = connection.execute(sa.select(organisations.c.id).where(organisations.c.name == name)).scalar()
        if found is not None:
            return found
        organisation_id = new_id("org")
        connection.execute(organisations.insert().values(id=organisation_id, name=name, created_at=now))
        record(connection, now, None, "organisation.add", target=name)
        return organisation_id


def open_accounts(url: str, create: bool = True) -> Accounts:
    """The accounts of the database at ``url``, its tables made or brought up to date first.

    ``create=False``: a SQLite path where there is no database yet is refused, not made a new empty one."""
    from .sql_store import shared_engine

    return Accounts(shared_engine(url, create))


def _user_query() -> sa.Select:
    return sa.select(users.c.id, users.c.name, users.c.role, users.c.organisation_id, organisations.c.name, users.c.disabled).join(
        organisations, organisations.c.id == users.c.organisation_id)


def _end_sessions(connection: Connection, user_id: int, now: dt.datetime) -> None:
    connection.execute(sessions.update().where(sessions.c.user_id == user_id, sessions.c.ended_at.is_(None)).values(ended_at=now))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _clean_name(value: str, what: str) -> str:
    cleaned = unicodedata.normalize("NFC", value.strip())
    if not cleaned or len(cleaned) > 200 or any(unicodedata.category(c).startswith("C") for c in cleaned):
        raise AccountError(f"The {what} must be 1 to 200 characters on one line, without control characters.")
    return cleaned


# Letters that look like Latin ones, from Unicode's confusables list (UTS #39), for the alphabets a coalition's
# names are most likely written in. Enough to catch a look-alike of an existing name; not the whole list.
_LOOK_ALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o",
    "п": "n", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ь": "b", "г": "r",
    # Greek (after casefold)
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    "γ": "y", "ω": "w",
    # digits and marks read as letters
    "0": "o", "1": "l", "|": "l", "ı": "i",
})


def name_skeleton(name: str) -> str:
    """What a name looks like: NFKC (full-width and styled letters become plain ones), casefold, accents and
    invisible joiners dropped, and look-alike letters read as the Latin letter they resemble (so "cаrla" with a
    Cyrillic а, "CARLA" and "car1a" all read "carla"). Two names with the same skeleton are one name to a reader."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    decomposed = unicodedata.normalize("NFD", folded)
    plain = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Cf"))
    return plain.translate(_LOOK_ALIKES)


# Alphabets that are written together in one name (Japanese mixes kanji and kana, Korean may add hanja).
_SCRIPT_FAMILIES = {"CJK": "CJK", "HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "BOPOMOFO": "CJK", "IDEOGRAPHIC": "CJK"}


def _letter_scripts(name: str) -> set[str]:
    """The alphabets of a name's letters (the first word of each letter's Unicode name: LATIN, CYRILLIC, GREEK...)."""
    scripts = set()
    for character in unicodedata.normalize("NFKC", name):
        if character.isalpha():
            script = unicodedata.name(character, "UNKNOWN").split()[0]
            scripts.add(_SCRIPT_FAMILIES.get(script, script.title()))
    return scripts


def _checked_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError(f"The password must be {MIN_PASSWORD} to {MAX_PASSWORD} characters long.")
    return password
