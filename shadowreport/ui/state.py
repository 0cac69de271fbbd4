"""The app's link to the store: which project is open, and saving every edit at once, never losing a word.

The store, not Streamlit's session, holds the work: the open project's id is kept in the page
address (``?project=...``), so a browser refresh reopens it, and every edit is saved as it is made.
Text boxes are saved while they are typed in (``keep_typed_text``), not only when they are left.

Two tabs (or two people) may edit one project at once. Each save is a three-way merge
(``project/merge.py``): the version the edit started from, the edit, and what is stored now. Edits
to different fields all survive; the same field changed on both sides is shown side by side, with
"Keep mine", "Take theirs" and "Keep both". A box that shows a value nobody here is editing follows
what is stored, so a change made elsewhere appears at the next rerun.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from ..config import ConfigError, load_settings
from ..project import merge
from ..project.model import Project
from ..rules import RulePack, RulesError, load_rules
from ..storage import ProjectStore, database_url, open_store
from ..store import ConflictError, Store, Stored, StoreError
from . import nav
from .components import typed_text
from .text import plain
from .translation import gettext, sentence
from .uninterrupted import uninterrupted

PROJECT_PARAM = "project"


@st.cache_resource(show_spinner=False)
def _store(path: str, url: str | None) -> ProjectStore:
    return open_store(url, path)


def store() -> ProjectStore | None:
    """The SQLite store from the settings, or the coalition server's when SHADOWREPORT_DATABASE_URL is set."""
    try:
        return _store(str(load_settings().store_path), database_url())
    except (ConfigError, StoreError) as error:
        st.error(sentence(error))
        return None


def rules() -> RulePack | None:
    try:
        return load_rules(load_settings().rules_dir)
    except (ConfigError, RulesError) as error:
        st.error(gettext("The rules could not be loaded: {problem}", problem=str(error).splitlines()[0]))
        return None


def open_project(project_id: str) -> None:
    st.query_params[PROJECT_PARAM] = project_id
    st.session_state["open_project"] = project_id


def create_and_open(the_store: ProjectStore, project: Project, notice: tuple[str, str] | None = None) -> None:
    """Create ``project`` in the store and open it in this tab (with ``notice`` above it), together: a run stopped
    between the two (uninterrupted.py) would leave the project made but not opened, and a second click would make
    another. Then its Draft is shown. StoreError if it cannot be made."""
    with uninterrupted():
        the_store.create(project)
        open_project(project.id)
        if notice is not None:
            st.session_state["notice"] = notice
    go("draft")  # after the block, never in it (uninterrupted.py says why)


def go(page_name: str) -> None:
    """Switch page, keeping the open project in the address (switching pages would drop it)."""
    project_id = st.query_params.get(PROJECT_PARAM) or st.session_state.get("open_project")
    nav.switch(page_name, {PROJECT_PARAM: project_id} if project_id else None)


def close_project() -> None:
    st.query_params.pop(PROJECT_PARAM, None)
    st.session_state.pop("open_project", None)


def _open_id() -> str | None:
    return st.query_params.get(PROJECT_PARAM) or st.session_state.get("open_project")


def current() -> Stored | None:
    """The open project as stored now, or None (with a message) when none is open or it is gone.

    Its version is the one this run shows: the base of the edits its buttons make."""
    project_id = _open_id()
    the_store = store()
    if not project_id or the_store is None:
        return None
    if st.query_params.get(PROJECT_PARAM) != project_id:
        st.query_params[PROJECT_PARAM] = project_id  # the sidebar's page links drop it; keep it for a refresh
    st.session_state["open_project"] = project_id
    try:
        stored = _load(the_store, project_id)
    except StoreError as error:
        st.error(sentence(error))
        close_project()
        return None
    st.session_state["version"] = {"id": project_id, "version": stored.version}
    return stored


def _load(the_store: Store, project_id: str) -> Stored:
    """The stored project, parsed once per version: a rerun that changed nothing reads only its version."""
    head = the_store.head(project_id)
    cached = st.session_state.get("loaded")
    if head is not None and cached is not None and cached.project.id == project_id and cached.version == head[0]:
        return cached
    stored = the_store.load(project_id)
    _remember(stored)
    return stored


def _remember(stored: Stored) -> None:
    """Keep a version this tab showed or saved: it is the base of a later three-way merge."""
    st.session_state["loaded"] = stored
    seen = st.session_state.setdefault("seen", {})
    seen[(stored.project.id, stored.version)] = stored.project
    wanted = {(spec.project_id, spec.version) for spec in _fields().values()} | {(stored.project.id, stored.version)}
    version = st.session_state.get("version")
    if version:
        wanted.add((version["id"], version["version"]))
    for old in [k for k in seen if k not in wanted]:
        del seen[old]


def _base(the_store: Store, project_id: str, version: int) -> Project | None:
    known = st.session_state.get("seen", {}).get((project_id, version))
    if known is not None:
        return known
    try:
        return the_store.revision(project_id, version)
    except StoreError:
        return None  # a revision dropped since (after a deletion): the edit is applied to what is stored


def memo(stored: Stored, name: str, compute: Callable[[], object]):
    """A figure derived from the open project (its Draft, its check report), computed once per saved version."""
    cache = st.session_state.setdefault("derived", {})
    cache_key = (stored.project.id, stored.version, name)
    if cache_key not in cache:
        for old in [k for k in cache if k[0] != stored.project.id or k[1] != stored.version]:
            del cache[old]
        cache[cache_key] = compute()
    return cache[cache_key]


# -- saving ----------------------------------------------------------------------------------------

SAVE_ATTEMPTS = 3  # another save landing between our read and our write: merge again with it


def update(change: Callable[[Project], Project | None], *, base_version: int | None = None, project_id: str | None = None,
           label: str | None = None, widget_key: str | None = None) -> bool:
    """Apply an edit to the open project and save it at once, merged with whatever was saved meanwhile.

    ``change`` is applied to the version this tab showed (``base_version``, by default the one this
    run shows), so positions it names are the ones the user saw. Returns whether everything was
    saved; a field changed on both sides is kept as a conflict for the user to decide.
    """
    return _save(change, base_version, project_id, label, widget_key) is not None


@uninterrupted()  # a save and the tab's note of the version it made go together (uninterrupted.py)
def _save(change, base_version, project_id, label, widget_key) -> Stored | None:
    the_store = store()
    project_id = project_id or _open_id()
    if the_store is None or not project_id:
        return None
    try:
        latest = _load(the_store, project_id)
    except StoreError as error:
        st.session_state["notice"] = ("error", sentence(error))
        return None
    if base_version is None:
        seen = st.session_state.get("version")
        base_version = seen["version"] if seen and seen["id"] == project_id else latest.version
    base = latest.project if base_version == latest.version else _base(the_store, project_id, base_version)
    base = base if base is not None else latest.project
    mine = base.model_copy(deep=True)
    try:
        result = change(mine)
        mine = Project.model_validate((result or mine).model_dump())
    except ValueError as error:
        st.session_state["notice"] = ("error", gettext("Not saved: {reason}", reason=str(error).splitlines()[-1]))
        return None
    base_data = mine_data = None
    for _ in range(SAVE_ATTEMPTS):
        if latest.project is base:
            project, conflicts = mine, []
        else:
            if base_data is None:
                base_data, mine_data = base.model_dump(mode="json"), mine.model_dump(mode="json")
            theirs_data = latest.project.model_dump(mode="json")
            merged = merge.merge3(base_data, mine_data, theirs_data)
            conflicts = merged.conflicts
            project = latest.project if merged.data == theirs_data else _valid(merged.data)
            if project is None:
                return None
        _keep_conflicts(project_id, conflicts, latest.project, label, widget_key)
        if project is latest.project:
            return None if conflicts else latest  # nothing new to save
        try:
            saved = the_store.save(project, latest.version)
        except ConflictError as error:
            if error.current is None:  # deleted elsewhere (moved to the trash): nothing to merge with
                st.session_state["notice"] = ("error", sentence(error))
                return None
            latest = _load(the_store, project_id)  # saved elsewhere just now: merge with that
            continue
        except StoreError as error:
            st.session_state["notice"] = ("error", sentence(error))
            return None
        _remember(saved)
        if not conflicts and widget_key:  # an earlier clash in this field, settled by this save
            for stale in [k for k, pending in _conflicts().items() if pending.widget_key == widget_key]:
                del _conflicts()[stale]
        return None if conflicts else saved
    st.session_state["notice"] = ("error", gettext("Not saved: the project is being saved very often elsewhere; try again."))
    return None


def _valid(data) -> Project | None:
    try:
        return Project.model_validate(data)
    except ValueError as error:
        st.session_state["notice"] = ("error", gettext("Not saved: {reason}", reason=str(error).splitlines()[-1]))
        return None


# -- conflicts: the same field changed here and elsewhere -----------------------------------------

@dataclass
class PendingConflict:
    project_id: str
    conflict: merge.Conflict
    label: str  # Markdown-safe
    widget_key: str | None


def _conflicts() -> dict:
    return st.session_state.setdefault("conflicts", {})


def _keep_conflicts(project_id: str, conflicts: list[merge.Conflict], theirs: Project, label: str | None, widget_key: str | None) -> None:
    if not conflicts:
        return
    data = theirs.model_dump(mode="json")
    for conflict in conflicts:
        # A field's label is already safe to show (widget labels are Markdown too); a path names user text.
        where = plain(merge.describe(conflict.path, data))
        shown = f"{label} ({where})" if label and len(conflicts) > 1 else (label or where)
        _conflicts()[(project_id, conflict.path)] = PendingConflict(project_id, conflict, shown, widget_key)


@uninterrupted()
def _resolve(conflict_key, choice: str) -> None:
    pending = _conflicts().get(conflict_key)
    the_store = store()
    if pending is None or the_store is None:
        return
    for _ in range(SAVE_ATTEMPTS):
        try:
            latest = _load(the_store, pending.project_id)
            project = _valid(merge.resolve(latest.project.model_dump(mode="json"), pending.conflict, choice))
            if project is None:
                return
            _remember(the_store.save(project, latest.version))
            break
        except ConflictError:
            continue
        except StoreError as error:
            st.session_state["notice"] = ("error", sentence(error))
            return
    _conflicts().pop(conflict_key, None)
    if pending.widget_key:  # the box shows what was chosen
        st.session_state.pop(pending.widget_key, None)
        _fields().pop(pending.widget_key, None)


def _shown(value) -> str:
    if value is merge.MISSING:
        return gettext("(deleted)")
    if isinstance(value, str):
        return value or gettext("(empty)")
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value) or gettext("(none)")
    import json

    return json.dumps(value, indent=2, ensure_ascii=False)


def _show_conflicts() -> None:
    project_id = _open_id()
    for index, (conflict_key, pending) in enumerate(list(_conflicts().items())):
        if pending.project_id != project_id:
            continue
        with st.container(border=True, key=f"conflict-{index}"):
            st.warning(gettext("**{field}** was changed in another tab or by another person while you edited it here. "
                               "Nothing is lost: both versions are below. Choose what to keep.", field=pending.label))
            mine, theirs = st.columns(2)
            with mine:
                st.caption(gettext("Yours"))
                st.text(_shown(pending.conflict.mine))
            with theirs:
                st.caption(gettext("Theirs (saved now)"))
                st.text(_shown(pending.conflict.theirs))
            buttons = st.columns(3)
            buttons[0].button(gettext("Keep mine"), key=f"conflict-{index}-mine", on_click=_resolve, args=(conflict_key, "mine"), type="primary")
            buttons[1].button(gettext("Take theirs"), key=f"conflict-{index}-theirs", on_click=_resolve, args=(conflict_key, "theirs"))
            if merge.can_keep_both(pending.conflict):
                buttons[2].button(gettext("Keep both"), key=f"conflict-{index}-both", on_click=_resolve, args=(conflict_key, "both"),
                                  help=gettext("Both texts, one after the other, separated by a line you delete when you have chosen."))


def show_messages() -> None:
    """Conflicts to decide and the last edit's notice, at the top of every page.

    Always in one container, present even when empty: Streamlit's browser side knows elements by
    their position, and a message pushing the page's boxes down would redraw them, dropping the
    text typed in them since the last run."""
    with st.container(key="messages"):
        _show_conflicts()
        notice = st.session_state.pop("notice", None)
        if notice:
            getattr(st, notice[0])(notice[1])


def require_project() -> Stored | None:
    """For pages that work on a project: the open one, or a pointer to the Projects page."""
    stored = current()
    if stored is None:
        st.info(gettext("Open or start a project on the Projects page first."))
        nav.link("projects", label=gettext("Go to Projects"), icon=":material/folder_open:")
    return stored


def key(stored: Stored, *parts: str) -> str:
    """A widget key tied to this project, so switching projects never shows another's values."""
    return "w:" + ":".join((stored.project.id, *parts))


# -- fields: widgets that save every change ----------------------------------------------------------

@dataclass
class FieldSpec:
    """What a field's widget last showed, from which version, and how to write a new value into a project."""

    project_id: str
    version: int
    shown: object
    apply: Callable[[Project, object], None]
    label: str


_ABSENT = object()


def _fields() -> dict[str, FieldSpec]:
    return st.session_state.setdefault("fields", {})


def field(widget, label: str, stored: Stored, parts: tuple[str, ...], value, apply: Callable[[Project, object], None], **options):
    """A widget showing a stored value; every change is saved at once through ``apply(project, new_value)``.

    Text is saved while it is typed (see ``keep_typed_text``) as well as when the box is left. A
    value that nobody here is changing follows the store, so an edit from another tab appears.
    """
    widget_key = key(stored, *parts)
    spec = _fields().get(widget_key)
    shown, version = value, stored.version
    # .get, not `in`: Streamlit answers `in st.session_state` by copying the whole state, per widget.
    in_widget = st.session_state.get(widget_key, _ABSENT)
    if spec is None or in_widget is _ABSENT:
        st.session_state[widget_key] = value
    elif spec.shown != value:
        if in_widget == spec.shown and not _conflicted(widget_key):
            st.session_state[widget_key] = value  # changed elsewhere and untouched here: show what is stored
        else:
            shown, version = spec.shown, spec.version  # edited here and not saved (a conflict to decide): keep its base
    _fields()[widget_key] = FieldSpec(stored.project.id, version, shown, apply, label)
    return widget(label, key=widget_key, on_change=save_field, args=(widget_key,), **options)


def forget_field(stored: Stored, *parts: str) -> None:
    """In a callback that changed a field's stored value itself: the field shows the stored value again."""
    widget_key = key(stored, *parts)
    st.session_state.pop(widget_key, None)
    _fields().pop(widget_key, None)


def _conflicted(widget_key: str) -> bool:
    return any(p.widget_key == widget_key for p in _conflicts().values())


@uninterrupted()
def save_field(widget_key: str, new_value=None, typed: bool = False) -> None:
    """Save a field's new value (the widget's own, unless given) against the version the field showed.

    A value equal to what the field showed changes nothing. A blank that the widget alone sends for
    a box that showed text is held back (``is_blank_over_text``): only the typed-text watcher's
    report of an emptied box saves it empty.
    """
    spec = _fields().get(widget_key)
    if spec is None:
        return
    if not typed:
        new_value = st.session_state.get(widget_key)
    if new_value == spec.shown:
        return
    if not typed and is_blank_over_text(new_value, spec.shown):
        st.session_state[widget_key] = spec.shown  # the box shows the stored text again
        _held_blanks().add(widget_key)
        return
    saved = _save(lambda project: spec.apply(project, new_value), spec.version, spec.project_id, spec.label, widget_key)
    if saved is not None:
        spec.shown, spec.version = new_value, saved.version


def is_blank_over_text(arriving, shown) -> bool:
    """A blank sent by a box's widget (not by the typed-text watcher) for a box that showed text.

    Streamlit's browser side sends an empty value for a text box it has drawn afresh (around a page
    switch, while a run is cut short) without the text the server gave it: once, that emptied three
    coalition sections at a click on a page link. A user who empties a box by hand is heard by the
    watcher, which reports every keystroke (typed_text.js): so a blank that only the widget sends is
    held back, and saved if the watcher then reports the box empty."""
    return isinstance(arriving, str) and isinstance(shown, str) and not arriving.strip() and bool(shown.strip())


def _held_blanks() -> set[str]:
    return st.session_state.setdefault("held-blanks", set())


ACKNOWLEDGED = "typed-acknowledged"  # {widget key class: seq}: texts this session received, for the browser to forget


@uninterrupted()
def _save_typed() -> None:
    save_typed_report(typed_text.typed())


@uninterrupted()
def save_typed_report(report: typed_text.Typed) -> None:
    """Save what the typed-text watcher reported: the latest text of each box typed in."""
    by_class = {typed_text.widget_class(widget_key): widget_key for widget_key in _fields()}
    for name, text in report.texts.items():
        widget_key = by_class.get(name)
        if widget_key is not None and isinstance(_fields()[widget_key].shown, str):
            save_field(widget_key, text, typed=True)
            if widget_key in _held_blanks():  # the blank held back was the user's: the box shows it again
                _held_blanks().discard(widget_key)
                if not text.strip():
                    st.session_state[widget_key] = text
            if report.restore and not _conflicted(widget_key):
                st.session_state[widget_key] = text  # typed before a reload: the box shows it again
    if report.seq is not None:
        acknowledged = st.session_state.setdefault(ACKNOWLEDGED, {})
        acknowledged.update(dict.fromkeys(report.texts, report.seq))


def keep_typed_text() -> None:
    """Mount, once per page, the watcher that saves text boxes while they are typed in.

    Not in a fragment, though that would rerun less: a fragment's rerun requested while the page
    is running (just after a page switch) cuts the page's run short and leaves it blank."""
    typed_text.watch(_save_typed, st.session_state.get(ACKNOWLEDGED, {}))
