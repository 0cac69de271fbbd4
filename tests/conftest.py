from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from shadowreport.i18n import normalise

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = ROOT / "mechanisms"


@pytest.fixture(scope="session")
def pack():
    """The built-in rule pack, loaded once: tests read it and never change it."""
    from shadowreport.rules import load_rules

    return load_rules()


@pytest.fixture
def overlay(tmp_path: Path) -> Path:
    """An empty user rules folder."""
    folder = tmp_path / "myrules"
    folder.mkdir()
    return folder


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in rule pack."""
    target = tmp_path / "mechanisms"
    shutil.copytree(BUILTIN, target)
    return target


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the session (the kept rule pack and hyphenation patterns), never the user's own."""
    return tmp_path_factory.mktemp("cache-home")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_home: Path) -> None:
    """No test reads or writes the real user's settings, rules, store or cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    monkeypatch.setenv("SHADOWREPORT_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("SHADOWREPORT_RULES_DIR", raising=False)
    monkeypatch.setenv("SHADOWREPORT_STORE", str(tmp_path / "store.sqlite3"))
    monkeypatch.delenv("SHADOWREPORT_DATABASE_URL", raising=False)  # the app under test uses its SQLite store unless a test says otherwise
    # Messages in English whatever the developer's locale; the encoding stays UTF-8 for subprocesses.
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    for name in ("LC_ALL", "LANG"):
        if normalise(os.environ.get(name)) != "en":
            monkeypatch.setenv(name, "C.UTF-8")
    (tmp_path / "no-config.toml").write_text("", encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def stop_shared_chromium():
    """The browser tests share one Chromium per test process (tests/browser.py): stopped once the run is over.
    Looked up rather than imported: a run without browser tests never loads Playwright."""
    yield
    import sys

    if "tests.browser" in sys.modules:
        sys.modules["tests.browser"].stop_shared_chromium()


class NetworkUse(AssertionError):
    """A test (or the code it runs) tried to reach beyond this machine."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test whose code looks up or connects to anything but this machine."""
    import ipaddress
    import socket

    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def is_local(host: object) -> bool:
        if host in ("localhost", "", None) or (isinstance(host, str) and host.startswith("/")):
            return True
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return False

    def guarded_connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_local(host):
            raise NetworkUse(f"network connection attempted to {address!r}")
        return real_connect(sock, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if not is_local(host):
            raise NetworkUse(f"name lookup attempted for {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


# -- PostgreSQL -------------------------------------------------------------------------------
# Tests that need the server use the ``postgres_url`` fixture (or the ``backend`` fixture's
# "postgres" half): they are marked ``postgres`` and FAIL, never skip, when no server is given.

TEST_DATABASE_VARIABLE = "SHADOWREPORT_TEST_DATABASE_URL"
HOW_TO_GET_A_SERVER = ('start one with eval "$(scripts/postgres-dev)", which sets SHADOWREPORT_TEST_DATABASE_URL, '
                       'or leave these tests out with -m "not postgres"')


POSTGRES_FIXTURES = {"postgres_url", "empty_postgres_url"}


# Real-browser tests run a real server and a real Chromium on a shared, often busy machine: one that
# fails is run again up to twice (pytest-rerunfailures) and passes only when a whole run passes. A
# rerun is named in the summary (addopts -raR), so an intermittent failure stays visible rather than hidden.
# SHADOWREPORT_BROWSER_RERUNS=0 shows a failure at once, with its traceback (when chasing one).
BROWSER_TEST_RERUNS = int(os.environ.get("SHADOWREPORT_BROWSER_RERUNS", "2"))


@pytest.hookimpl(tryfirst=True)  # before -m selects: a test that uses the server is a postgres test, marked or not
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if POSTGRES_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)
        if item.path.name.startswith("test_e2e_") and item.get_closest_marker("flaky") is None:
            item.add_marker(pytest.mark.flaky(reruns=BROWSER_TEST_RERUNS, reruns_delay=2))


class PostgresServer:
    """The PostgreSQL server the tests were given: makes and drops their databases."""

    def __init__(self, url: str) -> None:
        from shadowreport.server import db

        self.url = url
        self.engine = db.engine_for(url).execution_options(isolation_level="AUTOCOMMIT")  # CREATE DATABASE runs outside a transaction

    def create(self, template: str | None = None) -> str:
        """A new database (a copy of ``template``, or empty); fails the test in one sentence if the server cannot be used."""
        import uuid

        import sqlalchemy as sa

        from shadowreport.server import db

        name = f"test_{uuid.uuid4().hex[:16]}"
        problem = None
        try:
            with self.engine.connect() as connection:
                connection.execute(sa.text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        except sa.exc.DBAPIError as error:
            problem = str(db.unavailable(self.engine, error)).split(": check that")[0]
        if problem:  # failed outside the except block, so that no traceback of the driver's error is printed
            pytest.fail(f"{problem}: {HOW_TO_GET_A_SERVER}.", pytrace=False)
        return name

    def url_of(self, name: str) -> str:
        import sqlalchemy as sa

        return sa.make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def drop(self, name: str) -> None:
        import sqlalchemy as sa

        from shadowreport.server import sql_store

        sql_store.close_engines()
        with self.engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    url = os.environ.get(TEST_DATABASE_VARIABLE)
    if not url:
        pytest.fail(f"This test needs a PostgreSQL server and {TEST_DATABASE_VARIABLE} is not set: {HOW_TO_GET_A_SERVER}.", pytrace=False)
    server = PostgresServer(url)
    yield server
    server.engine.dispose()


@pytest.fixture(scope="session")
def migrated_template(postgres_server: PostgresServer) -> str:
    """A database migrated to the newest schema once per run: each test's database is a copy (much quicker than migrating)."""
    from shadowreport.server import db

    name = postgres_server.create()
    engine = db.engine_for(postgres_server.url_of(name))
    db.migrate(engine)
    engine.dispose()  # a template must have no connection while it is copied
    yield name
    postgres_server.drop(name)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, migrated_template: str) -> str:
    """A new database on the test server (SHADOWREPORT_TEST_DATABASE_URL), already migrated and holding nothing, dropped after the test."""
    name = postgres_server.create(template=migrated_template)
    yield postgres_server.url_of(name)
    postgres_server.drop(name)


@pytest.fixture
def empty_postgres_url(postgres_server: PostgresServer) -> str:
    """A new database with no table at all (for the migrations' own tests), dropped after the test."""
    name = postgres_server.create()
    yield postgres_server.url_of(name)
    postgres_server.drop(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path):
    """Each store test runs twice: on the embedded SQLite store and on SqlStore in a fresh PostgreSQL database."""
    from .stores import PostgresBackend, SqliteBackend

    if request.param == "sqlite":
        return SqliteBackend(tmp_path / "store.sqlite3")
    return PostgresBackend(request.getfixturevalue("postgres_url"))
