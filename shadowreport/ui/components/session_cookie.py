"""Writes or clears the coalition session's cookie in the browser (ui/session.py says why a cookie, and why from here).

Streamlit cannot send Set-Cookie from a script, so this hidden component (plain JavaScript, nothing
fetched) sets ``document.cookie`` in the page: SameSite=Strict, Secure when the page came over
HTTPS, expiring with the server's session. The server reads it back from ``st.context.cookies``
when the next page load opens its websocket.
"""

from __future__ import annotations

from functools import cache

import streamlit as st

KEY = "session-cookie"

_SCRIPT = """
export default function ({ data }) {
  if (!data || !/^[A-Za-z0-9_]+$/.test(data.name)) return;
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  const value = data.token && /^[A-Za-z0-9_-]+$/.test(data.token) ? data.token : "";
  const age = value ? Math.max(0, Math.floor(data.maxAge)) : 0;
  document.cookie = `${data.name}=${value}; Path=/; Max-Age=${age}; SameSite=Strict${secure}`;
}
"""


@cache
def _component():
    return st.components.v2.component("shadowreport.session_cookie", js=_SCRIPT, css=f".st-key-{KEY} {{display: none;}}",
                                      isolate_styles=False)


def keep(name: str, token: str, max_age: int) -> None:
    """Keep ``token`` in the cookie ``name`` for ``max_age`` seconds (or until cleared)."""
    _component()(key=KEY, data={"name": name, "token": token, "maxAge": max_age}, height=0)


def clear(name: str) -> None:
    """Remove the cookie ``name``."""
    _component()(key=KEY, data={"name": name, "token": None, "maxAge": 0}, height=0)
