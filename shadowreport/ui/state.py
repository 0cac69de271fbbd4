"""The app's link to the store: which project is open, and saving every edit at once.

The store, not Streamlit's session, holds the work: the open project's id is kept in the page
address (``?project=...``), so a browser refresh reopens it, and every edit is saved as it is made.
Each save names the version this tab last saw; if another tab saved since, nothing is overwritten
and the user is told, with the choice to reload.
"""

from __future__ import annotations

from typing import Callable

import streamlit as st

from ..config import ConfigError, load_settings
from ..project.model import Project
from ..rules import RulePack, RulesError, load_rules
from ..store import ConflictError, Store, StoreError, Stored
from . import nav

PROJECT_PARAM = "project"


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)


def store() -> Store | None:
    try:
        return _store(str(load_settings().store_path))
    except (ConfigError, StoreError) as error:
        st.error(str(error))
        return None


def rules() -> RulePack | None:
    try:
        return load_rules(load_settings().rules_dir)
    except (ConfigError, RulesError) as error:
        st.error("The rules could not be loaded: " + str(error).splitlines()[0])
        return None


def open_project(project_id: str) -> None:
    st.query_params[PROJECT_PARAM] = project_id
    st.session_state["open_project"] = project_id
    st.session_state.pop("version", None)


def go(page_name: str) -> None:
    """Switch page, keeping the open project in the address (switching pages would drop it)."""
    project_id = st.query_params.get(PROJECT_PARAM) or st.session_state.get("open_project")
    nav.switch(page_name, {PROJECT_PARAM: project_id} if project_id else None)


def close_project() -> None:
    st.query_params.pop(PROJECT_PARAM, None)
    st.session_state.pop("open_project", None)
    st.session_state.pop("version", None)


def current() -> Stored | None:
    """The open project as stored now, or None (with a message) when none is open or it is gone."""
    project_id = st.query_params.get(PROJECT_PARAM) or st.session_state.get("open_project")
    the_store = store()
    if not project_id or the_store is None:
        return None
    if st.query_params.get(PROJECT_PARAM) != project_id:
        st.query_params[PROJECT_PARAM] = project_id  # the sidebar's page links drop it; keep it for a refresh
    st.session_state["open_project"] = project_id
    try:
        stored = _load(the_store, project_id)
    except StoreError as error:
        st.error(str(error))
        close_project()
        return None
    seen = st.session_state.get("version")
    if seen is None or seen.get("id") != project_id:
        st.session_state["version"] = {"id": project_id, "version": stored.version}
    elif seen["version"] != stored.version and not st.session_state.get("conflict"):
        st.session_state["conflict"] = (f"This project was changed in another tab or by another person (now version {stored.version}, "
                                        f"you had version {seen['version']}). Reload to see the changes before editing.")
    return stored


def _load(the_store: Store, project_id: str) -> Stored:
    """The stored project, parsed once per version: a rerun that changed nothing reads only its version."""
    head = the_store.head(project_id)
    cached = st.session_state.get("loaded")
    if head is not None and cached is not None and cached.project.id == project_id and cached.version == head[0]:
        return cached
    stored = the_store.load(project_id)
    st.session_state["loaded"] = stored
    return stored


def memo(stored: Stored, name: str, compute: Callable[[], object]):
    """A figure derived from the open project (its Draft, its check report), computed once per saved version."""
    cache = st.session_state.setdefault("derived", {})
    cache_key = (stored.project.id, stored.version, name)
    if cache_key not in cache:
        for old in [k for k in cache if k[0] != stored.project.id or k[1] != stored.version]:
            del cache[old]
        cache[cache_key] = compute()
    return cache[cache_key]


def update(change: Callable[[Project], Project | None]) -> bool:
    """Apply an edit to the open project and save it at once; never overwrite someone else's save."""
    stored = current()
    the_store = store()
    if stored is None or the_store is None:
        return False
    expected = st.session_state["version"]["version"]
    project = stored.project.model_copy(deep=True)
    try:
        result = change(project)
        project = Project.model_validate((result or project).model_dump())
    except ValueError as error:
        st.session_state["notice"] = ("error", f"Not saved: {str(error).splitlines()[-1]}")
        return False
    try:
        saved = the_store.save(project, expected)
    except ConflictError as error:
        st.session_state["conflict"] = str(error)
        st.session_state["unsaved"] = project  # kept, so the user can save it as a copy
        return False
    except StoreError as error:
        st.session_state["notice"] = ("error", str(error))
        return False
    st.session_state["version"] = {"id": project.id, "version": saved.version}
    st.session_state.pop("conflict", None)
    return True


def reload() -> None:
    st.session_state.pop("version", None)
    st.session_state.pop("conflict", None)
    st.session_state.pop("unsaved", None)
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("w:")]:
        del st.session_state[key]  # widgets show the stored values again


def save_unsaved_as_copy() -> None:
    from ..project.model import new_id

    project = st.session_state.pop("unsaved", None)
    the_store = store()
    if project is None or the_store is None:
        return
    copy = project.model_copy(update={"id": new_id("prj"), "title": f"{project.title} (my version)"})
    the_store.create(copy)
    open_project(copy.id)
    reload()
    st.session_state["notice"] = ("success", f"Your version was saved as a new project: {copy.title}.")


def show_messages() -> None:
    """The conflict banner and the last edit's notice, at the top of every page."""
    if st.session_state.get("conflict"):
        st.error(st.session_state["conflict"])
        left, right = st.columns(2)
        left.button("Reload the project", on_click=reload, key="reload_after_conflict", type="primary")
        if st.session_state.get("unsaved") is not None:
            right.button("Save my version as a copy", on_click=save_unsaved_as_copy, key="save_copy_after_conflict")
    notice = st.session_state.pop("notice", None)
    if notice:
        getattr(st, notice[0])(notice[1])


def require_project() -> Stored | None:
    """For pages that work on a project: the open one, or a pointer to the Projects page."""
    stored = current()
    if stored is None:
        st.info("Open or start a project on the Projects page first.")
        nav.link("projects", label="Go to Projects", icon=":material/folder_open:")
    return stored


def key(stored: Stored, *parts: str) -> str:
    """A widget key tied to this project, so switching projects never shows another's values."""
    return "w:" + ":".join((stored.project.id, *parts))


def field(widget, label: str, stored: Stored, parts: tuple[str, ...], value, apply: Callable[[Project, object], None], **options):
    """A widget showing a stored value; every change is saved at once through ``apply(project, new_value)``."""
    widget_key = key(stored, *parts)
    if widget_key not in st.session_state:
        st.session_state[widget_key] = value

    def save() -> None:
        new_value = st.session_state[widget_key]
        update(lambda project: apply(project, new_value))

    return widget(label, key=widget_key, on_change=save, **options)
