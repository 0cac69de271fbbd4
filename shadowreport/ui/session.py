"""Who is logged in to the coalition server, in this browser: the app's side of server-side sessions.

When the app runs on a database (``SHADOWREPORT_DATABASE_URL`` or ``shadowreport app --database URL``)
every run starts here: no page, project title or sidebar is drawn until ``user()`` is someone.

Where the session token lives, and why there:

- The server keeps the session (``accounts.py``: only the token's sha256, an expiry, ended for good
  at logout). The browser holds the random token, nothing else.
- The best home for it would be an HttpOnly cookie, but a Streamlit script cannot answer an HTTP
  request: it talks over a websocket that is already open, so it cannot send Set-Cookie, and
  ``st.context.cookies`` is read-only (the cookies of the request that opened the websocket).
- So during a visit the token sits in ``st.session_state`` (server memory, this tab), and a tiny
  bundled script (``components/session_cookie.py``) writes it to a cookie, ``SameSite=Strict``,
  ``Secure`` over HTTPS, expiring with the server session, so that a refresh or a new tab reads it
  back from ``st.context.cookies`` and finds the user still logged in. Never in the address: a URL
  ends up in history, logs and Referer headers.
- The trade-off: that cookie is readable by scripts in the page (not HttpOnly). The app never
  renders HTML from users (``text.plain``), the token is worthless once the session ends, and it
  is never logged.
- Logout ends the server session first, then clears the cookie; a cookie whose session has ended
  or expired (a logout in another tab, a disabled user) is cleared at the next run and the login
  page shown. Even a copy of the token kept elsewhere no longer logs anyone in.

A database that cannot be reached gives one sentence, never a traceback; the sentence shown in the
browser names no server (anyone can see it before logging in), the console gets the details
without the password.
"""

from __future__ import annotations

import logging

import streamlit as st

from ..i18n import N_
from ..storage import database_url
from ..store import StoreError
from .components import session_cookie
from .translation import gettext

TOKEN = "coalition_token"  # st.session_state key: this tab's session token
ENDED = "coalition_session_ended"  # st.session_state key: this tab's session ended (logout elsewhere, expiry, disabled)
COOKIE = "shadowreport_session"

UNREACHABLE = N_("The coalition's database cannot be reached just now, so nothing can be shown or saved. Try again in a minute; "
                 "if it goes on, tell whoever runs the server.")

_LOGGER = logging.getLogger("shadowreport.app")


def server_mode() -> bool:
    """Whether this app serves a coalition from a database (else: one person's SQLite store, no login)."""
    return database_url() is not None


@st.cache_resource(show_spinner=False)
def _coalition(url: str):
    from ..server.service import Coalition

    return Coalition(url)  # brings the schema up to date once per process


def coalition():
    """The coalition service for the configured database, or None after saying, in one sentence, that it cannot be reached."""
    try:
        return _coalition(database_url())
    except StoreError as error:  # DatabaseUnavailable and friends; never cached, so the next run tries again
        unreachable(error)
        return None


def unreachable(error: Exception) -> None:
    log_unreachable(error)
    st.error(gettext(UNREACHABLE))


def log_unreachable(error: Exception) -> None:
    _LOGGER.error("Coalition database: %s", error)  # already without the password (db.unavailable)


def _cookie_token() -> str | None:
    value = st.context.cookies.get(COOKIE)
    return value if isinstance(value, str) and 20 <= len(value) <= 200 else None


def user(service):
    """The logged-in user of this browser, or None. Keeps the cookie in step with the server's session."""
    from_cookie = _cookie_token()
    token = st.session_state.get(TOKEN) or from_cookie
    try:
        found = service.user_for(token) if token else None
    except StoreError as error:
        unreachable(error)
        return None
    if found is None:
        if st.session_state.pop(TOKEN, None):
            st.session_state[ENDED] = True  # this tab was logged in: the login page says the session ended
        if from_cookie:
            session_cookie.clear(COOKIE)  # ended (logout elsewhere, expiry, account disabled): forget it here too
        return None
    st.session_state[TOKEN] = token
    if from_cookie != token:
        session_cookie.keep(COOKIE, token, _max_age())
    return found


def _max_age() -> int:
    from ..server.accounts import SESSION_HOURS

    return SESSION_HOURS * 3600


def log_in(name: str, password: str) -> str | None:
    """Start a session; None when it worked, else the one sentence to show (never which of name or password was wrong)."""
    from ..server.accounts import FAILURE_WINDOW, LoginFailed, TooManyFailures

    service = coalition()
    if service is None:
        return gettext(UNREACHABLE)
    try:
        st.session_state[TOKEN] = service.login(name, password)
    except TooManyFailures:  # accounts.py's two refusals, told apart by their class; shown in the user's language
        return gettext(TOO_MANY, minutes=FAILURE_WINDOW.seconds // 60)
    except LoginFailed:
        return gettext(WRONG)
    except StoreError as error:
        log_unreachable(error)
        return gettext(UNREACHABLE)
    return None


WRONG = N_("The name or the password is wrong.")
TOO_MANY = N_("Too many failed logins for this name: wait {minutes} minutes and try again.")


def log_out() -> None:
    """End the server session (the token no longer works anywhere), then forget it in this tab and its cookie."""
    token = st.session_state.pop(TOKEN, None) or _cookie_token()
    service = coalition()
    if service is not None and token:
        try:
            service.logout(token)
        except StoreError as error:
            unreachable(error)
    from .translation import CHOSEN

    for key in [k for k in st.session_state if k != CHOSEN]:
        del st.session_state[key]  # what this user had open, typed or exported is not for whoever logs in next here
