"""Moving a project to the trash from any page; the Projects page offers "Undo" right after and lists the trash."""

from __future__ import annotations

import time

import streamlit as st

from ..store import StoreError
from . import state
from .uninterrupted import uninterrupted

# The project just moved to the trash, (id, title, when by time.monotonic()), for the Projects page's "Undo".
JUST_TRASHED = "just_trashed"


@uninterrupted()  # moved, closed and offered for undo together
def move_to_trash(store, project_id: str, version: int, title: str) -> bool:
    """Move a project to the trash, closing it if it is open; a failure becomes the page's notice."""
    try:
        store.move_to_trash(project_id, version)
    except StoreError as error:
        st.session_state["notice"] = ("error", str(error))
        return False
    if project_id in (st.session_state.get("open_project"), st.query_params.get(state.PROJECT_PARAM)):
        state.close_project()
    st.session_state[JUST_TRASHED] = (project_id, title, time.monotonic())
    return True
