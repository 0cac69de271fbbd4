"""Where the app's pages are found: a registry that pages read and never fill.

``pages.build()`` registers the pages once per run; a page links to another by its name
(``nav.link("draft", ...)``) without importing it, so no page module imports another.
"""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

_PAGES: dict[str, StreamlitPage] = {}


def register(pages: dict[str, StreamlitPage]) -> list[StreamlitPage]:
    _PAGES.clear()
    _PAGES.update(pages)
    return list(pages.values())


def link(name: str, label: str, icon: str | None = None) -> None:
    """A link to another page by name; nothing is drawn when that page is not registered (a test
    that runs one page alone)."""
    if name in _PAGES:
        st.page_link(_PAGES[name], label=label, icon=icon)


def switch(name: str, query_params: dict[str, str] | None = None) -> None:
    st.switch_page(_PAGES[name], query_params=query_params)
