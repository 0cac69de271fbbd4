"""The app on a coalition server: the login page first, then the coalition's pages as the logged-in user.

``app.py`` hands over here when a database URL is set. Every page acts through the coalition service
(``server/service.py``) with the user, so what each role may do is decided in one place. The
single-user pages are not offered here: they write to the store directly, past those permissions.
"""

from __future__ import annotations

import streamlit as st

from ..server.db import DatabaseUnavailable
from ..store import StoreError
from . import check_page, coalition_page, errors, export_page, login_page, nav, session, translation
from .text import plain
from .translation import gettext


def run() -> None:
    try:
        service = session.coalition()
        if service is None:
            return  # it said why, in one sentence
        user = session.user(service)
        if user is None:
            login_page.render()
            return
        navigation = st.navigation(_pages(user))
        _sidebar(service, user)
        with st.sidebar:
            coalition_page.watch_typed_text()  # section boxes are saved as they are typed, and kept if the session ended
        coalition_page.show_notice()
        navigation.run()
    except DatabaseUnavailable as error:  # the database went away in the middle of a run
        session.unreachable(error)
    except StoreError as error:  # a project gone or saved meanwhile: its one sentence (which may name a section)
        st.error(plain(str(error)))
    except Exception as error:  # noqa: BLE001 - st.rerun, st.stop and page switches are not Exceptions: they pass through
        errors.show_unexpected(error)


def _pages(user) -> list:
    specs = [
        ("projects", coalition_page.projects, gettext("Projects"), ":material/folder_open:", True),
        ("sections", coalition_page.sections, gettext("Sections"), ":material/edit_note:", False),
        ("evidence", coalition_page.evidence, gettext("Evidence"), ":material/library_books:", False),
        ("check", lambda: coalition_page.check(check_page.show_report), gettext("Check"), ":material/fact_check:", False),
        ("signoff", coalition_page.signoff, gettext("Sign-off"), ":material/verified:", False),
    ]
    if user.role == "coordinator":
        specs += [
            ("coordination", coalition_page.coordination, gettext("Coordination"), ":material/groups:", False),
            ("export", lambda: coalition_page.export(export_page.render), gettext("Export"), ":material/download:", False),
        ]
    return nav.register({name: st.Page(function, title=title, icon=icon, url_path=name, default=default)
                         for name, function, title, icon, default in specs})


def _sidebar(service, user) -> None:
    with st.sidebar:
        st.caption(gettext("Logged in as"))
        st.markdown(f"**{plain(user.name)}** · {plain(user.organisation)}")
        st.caption(gettext(coalition_page.ROLE_NAMES[user.role]))
        opened = coalition_page.open_title(service, user)
        if opened:
            st.caption(gettext("Open project"))
            st.markdown(f"**{plain(opened)}**")
        if st.button(gettext("Log out"), key="logout", icon=":material/logout:"):
            session.log_out()
            st.rerun()
        translation.choose()
