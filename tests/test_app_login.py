"""The coalition server's login gate, with Streamlit's AppTest on a real PostgreSQL: nothing of a
project (its title, a page, the sidebar) before login; a wrong password gets one generic sentence;
logout ends the server session, so the old token no longer lets anyone in. And a database that
cannot be reached gives one sentence, never a traceback or the password."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from .factories import upr_project

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PASSWORD = "a long enough passphrase"
TITLE = upr_project().title.split(":")[0]  # as far as Markdown escaping leaves it whole


@pytest.fixture
def server(postgres_url: str, monkeypatch: pytest.MonkeyPatch):
    """A coalition with a coordinator (carla) and a member (alice) on one project; the app set to use it."""
    from shadowreport.server.service import Coalition

    coalition = Coalition(postgres_url)
    coalition.accounts.add("carla", "Strada Aperta", "coordinator", PASSWORD)
    coalition.accounts.add("alice", "Casa Nuova", "member", PASSWORD)
    carla = coalition.user_for(coalition.login("carla", PASSWORD))
    project_id = coalition.create_project(carla, upr_project())
    coalition.invite(carla, project_id, "Casa Nuova")
    coalition.assign(carla, project_id, "evidence", "Casa Nuova")
    monkeypatch.setenv("SHADOWREPORT_DATABASE_URL", postgres_url)
    return coalition, project_id


def everything_shown(app: AppTest) -> str:
    """Every element's content on the page and in the sidebar, as one text."""
    texts = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            texts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    return "\n".join(texts)


def log_in(app: AppTest, name: str, password: str) -> AppTest:
    app.text_input(key="login_name").input(name)
    app.text_input(key="login_password").input(password)
    next(b for b in app.button if b.label == "Log in").click()
    return app.run()


def test_nothing_of_a_project_is_shown_before_login(server) -> None:
    _coalition, project_id = server
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["project"] = project_id  # even a bookmarked project address shows only the login page
    app.run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Log in"]
    shown = everything_shown(app)
    assert TITLE not in shown and "Trafficking" not in shown
    assert not app.sidebar.children  # no page list, no project, nothing
    assert {"Name", "Password"} <= {box.label for box in app.text_input}
    for page_name in ("Sections", "Evidence", "Sign-off", "Coordination", "Projects"):
        assert page_name not in shown


def test_a_wrong_password_gets_one_generic_sentence(server) -> None:
    app = AppTest.from_file(APP, default_timeout=60).run()
    log_in(app, "alice", "not her password at all")
    assert [e.value for e in app.error] == ["The name or the password is wrong."]
    log_in(app, "nobody-here", "not her password at all")
    assert [e.value for e in app.error] == ["The name or the password is wrong."]  # the same words for an unknown name
    assert TITLE not in everything_shown(app)
    assert not app.session_state["login_password"] if "login_password" in app.session_state else True


def test_login_shows_the_project_and_logout_ends_the_server_session(server) -> None:
    from shadowreport.ui.session import TOKEN

    coalition, _project_id = server
    app = AppTest.from_file(APP, default_timeout=60).run()
    log_in(app, "alice", PASSWORD)
    assert not app.exception
    assert [t.value for t in app.title] == ["Projects"]
    assert not app.error
    assert TITLE in everything_shown(app)
    token = app.session_state[TOKEN]
    assert coalition.user_for(token).name == "alice"

    next(b for b in app.sidebar.button if b.label == "Log out").click()
    app.run()
    assert [t.value for t in app.title] == ["Log in"]
    assert TITLE not in everything_shown(app)
    assert coalition.user_for(token) is None  # ended on the server, not only forgotten here

    again = AppTest.from_file(APP, default_timeout=60)
    again.session_state[TOKEN] = token  # someone who kept a copy of the old token
    again.run()
    assert [t.value for t in again.title] == ["Log in"]
    assert TITLE not in everything_shown(again)


def test_a_database_that_cannot_be_reached_is_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    from shadowreport.ui.session import UNREACHABLE

    monkeypatch.setenv("SHADOWREPORT_DATABASE_URL", "postgresql+psycopg://someone:very-secret-word@127.0.0.1:9/nothing")
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    assert [e.value for e in app.error] == [UNREACHABLE]
    shown = everything_shown(app)
    assert "very-secret-word" not in shown and "Traceback" not in shown and "127.0.0.1" not in shown
    assert not app.text_input  # no login form for a server that is not there


def test_too_many_failures_refuse_even_the_right_password(server) -> None:
    app = AppTest.from_file(APP, default_timeout=60).run()
    for _ in range(5):
        log_in(app, "alice", "not her password at all")
    log_in(app, "alice", PASSWORD)
    assert [e.value for e in app.error] == ["Too many failed logins for this name: wait 15 minutes and try again."]
    assert [t.value for t in app.title] == ["Log in"]


def test_a_database_lost_after_login_is_one_sentence(server, postgres_url: str) -> None:
    import sqlalchemy as sa

    from shadowreport.server import db
    from shadowreport.ui.session import UNREACHABLE

    app = AppTest.from_file(APP, default_timeout=60).run()
    log_in(app, "alice", PASSWORD)
    assert [t.value for t in app.title] == ["Projects"]
    admin = db.engine_for(os.environ["SHADOWREPORT_TEST_DATABASE_URL"]).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:  # the server loses the database while alice works
        connection.execute(sa.text(f'DROP DATABASE "{sa.make_url(postgres_url).database}" WITH (FORCE)'))
    admin.engine.dispose()
    app.run()
    assert not app.exception
    assert [e.value for e in app.error] == [UNREACHABLE]
    assert TITLE not in everything_shown(app)
