"""The coalition server's database: one SQLAlchemy ``metadata`` for every table, engines, migrations.

- ``engine_for(url)`` makes an engine for ``postgresql+psycopg://user:password@host:port/name`` (a plain
  ``postgresql://`` URL is read as psycopg 3) or ``sqlite:///path``. It does not connect yet.
- ``migrate(engine)`` brings the schema to the newest Alembic revision. The revisions live in
  ``migrations/versions`` inside the package, so no ``alembic.ini`` is needed where the app runs.
  On PostgreSQL an advisory lock lets several app processes start at once: one migrates, the
  others wait and find nothing left to do.
- ``DatabaseUnavailable``: the database cannot be reached or used, in one sentence that names it
  without its password.

Tables are declared in modules beside this one (``store_tables``...), all on ``metadata``; the
Alembic revisions write them out explicitly, so a later change to a table is always a new revision.
"""

from __future__ import annotations

import os
import select
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..files import reason
from ..store import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_MIGRATION_LOCK = 0x5EAD_0018  # any fixed number: the key of PostgreSQL's advisory lock held while migrating

# Constraint names spelled out, so that every revision (and both backends) name them alike.
metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})


class DatabaseUnavailable(StoreError):
    """The database cannot be reached or used: one sentence naming it (never its password) and what to do.

    A StoreError, so that the app and the command line show it as they show any store's trouble."""


def safe_url(url: str | sa.URL) -> str:
    """The URL as it may be shown or logged: the password replaced by ***."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError):
        return "(a database URL that cannot be read)"


def engine_for(url: str, create: bool = True) -> Engine:
    """An engine for a PostgreSQL (psycopg 3) or SQLite URL; raises DatabaseUnavailable for any other.

    A SQLite file is made readable by its owner only (it holds password hashes and case text); with
    ``create=False`` a path where there is no file yet is refused rather than made a new empty database."""
    try:
        parsed = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        raise DatabaseUnavailable(
            "The database URL cannot be read: write it as postgresql+psycopg://USER:PASSWORD@HOST:PORT/NAME.") from None
    if parsed.get_backend_name() == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
        # A server that does not answer is reported within seconds, not after the system's TCP timeout.
        # Pool: enough connections for a coalition's editors saving at once (PostgreSQL allows 100 by default).
        engine = sa.create_engine(parsed, pool_size=10, max_overflow=20, connect_args={"connect_timeout": 5})
        _drop_connections_the_server_ended(engine)
        return engine
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _private_sqlite_file(Path(parsed.database), create)
        engine = sa.create_engine(parsed)
        sa.event.listen(engine, "connect", _sqlite_foreign_keys)
        return engine
    raise DatabaseUnavailable(f"{safe_url(parsed)}: only PostgreSQL (postgresql+psycopg://...) and SQLite (sqlite:///...) databases are supported.")


def _private_sqlite_file(path: Path, create: bool) -> None:
    """The database file, made 0600 before SQLite opens it (SQLite gives its journal files the same mode)."""
    if not path.exists():
        if not create:
            raise DatabaseUnavailable(f"There is no database at {path}: check the path (a new one is made by 'shadowreport users add').")
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # an empty file is an empty SQLite database
        except FileExistsError:
            pass  # made meanwhile by another process, which made it private
        except OSError as error:
            raise DatabaseUnavailable(f"The database {path} cannot be created ({reason(error)}).") from None
    try:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            path.chmod(0o600)
    except PermissionError:
        pass  # someone else's file: we cannot narrow it, and may still read it


def _drop_connections_the_server_ended(engine: Engine) -> None:
    """Before a pooled connection is used, replace it if the server has ended it (restarted, or the connection terminated).

    What ``pool_pre_ping`` does, without its round trip to the server on each of the many checkouts a busy
    coalition makes a second: an idle connection has nothing to read unless the server has closed it (its
    last words and the end of the stream are waiting), which a poll of the socket tells at once. SQLAlchemy's
    ``checkout`` event raising ``DisconnectionError`` makes the pool connect afresh instead."""

    @sa.event.listens_for(engine, "checkout")
    def _taken(dbapi_connection, _record, _proxy) -> None:
        if _has_input(dbapi_connection.fileno()):
            raise sa.exc.DisconnectionError("the server ended this connection while it was idle in the pool")


def _has_input(fd: int) -> bool:
    if hasattr(select, "poll"):  # no limit on the descriptor's number, unlike select() on POSIX
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        return bool(poller.poll(0))
    return bool(select.select([fd], [], [], 0)[0])


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    # SQLite leaves foreign keys (and so ON DELETE CASCADE) off unless each connection asks.
    dbapi_connection.execute("PRAGMA foreign_keys = ON")


@contextmanager
def connected(engine: Engine, snapshot: bool = False) -> Iterator[Connection]:
    """A connection in a transaction, committed at the end; a database that cannot be reached is DatabaseUnavailable.

    ``snapshot``: every read in the transaction sees the database as it was at its first read (REPEATABLE
    READ on PostgreSQL), so reading several tables never mixes two saves, without blocking any writer.
    """
    try:
        connection = engine.connect()
    except sa.exc.DBAPIError as error:  # refused, unknown host, wrong password, no such database...
        raise unavailable(engine, error) from None
    if snapshot and engine.dialect.name == "postgresql":
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    with connection, connection.begin():
        yield connection


def unavailable(engine: Engine, error: BaseException) -> DatabaseUnavailable:
    """The one sentence for a database that cannot be reached: its URL without password, and the server's reason."""
    reason = str(getattr(error, "orig", error)).strip().splitlines()
    reason_text = reason[0].strip().removeprefix("connection failed: ") if reason else type(error).__name__
    password = engine.url.password
    if password:
        reason_text = reason_text.replace(str(password), "***")
    reason_text = reason_text.rstrip(".")
    return DatabaseUnavailable(f"The database {safe_url(engine.url)} cannot be used ({reason_text}): "
                               "check that it is running and that SHADOWREPORT_DATABASE_URL or --database is right.")


def migrate(engine: Engine) -> None:
    """Create or update every table to the newest revision (a no-op when the schema is current)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    with connected(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    """The schema's Alembic revision, or None for a database that was never migrated."""
    from alembic.migration import MigrationContext

    with connected(engine) as connection:
        return MigrationContext.configure(connection).get_current_revision()
