"""The login page of the coalition server: the only thing a visitor sees before logging in.

It shows the tool's name, a name and a password box, and the language switch; no project, no page
list, and nothing in the sidebar. A refused login gets one sentence that never says whether the name exists.
"""

from __future__ import annotations

import streamlit as st

from . import session, translation
from .translation import gettext


def render() -> None:
    st.title(gettext("Log in"))
    st.caption(gettext("Shadow Report Studio on your coalition's server. Ask your coordinator for an account."))
    if st.session_state.get(session.ENDED):  # kept until a login works: the sentence stays through a wrong password
        st.info(gettext("Your session has ended. Anything you typed in a section since it was last saved is kept in this tab: "
                        "log in again here and it is saved."))
    with st.form("login", enter_to_submit=True):
        name = st.text_input(gettext("Name"), key="login_name", autocomplete="username")
        password = st.text_input(gettext("Password"), key="login_password", type="password", autocomplete="current-password")
        submitted = st.form_submit_button(gettext("Log in"), type="primary")
    if submitted:
        refused = session.log_in(name, password)
        st.session_state.pop("login_password", None)  # never kept in the session once used
        if refused is None:
            st.session_state.pop(session.ENDED, None)
            st.rerun()
        st.error(refused)
    translation.choose()  # on the page itself: the sidebar stays empty until someone is logged in
