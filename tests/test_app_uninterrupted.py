"""A save callback runs to its end even when a newer run is asked for while it saves (shadowreport/ui/uninterrupted.py).

Streamlit stops a run for a newer one at any ``st.session_state`` access, callbacks included. A save
stopped just after it reached the store left the tab on the version before it, and the tab's next
edit met its own save as someone else's: a conflict, once, in the coalition browser test on a busy
machine. Here the newer run is asked for at that very moment (right after the store's write), as a
keystroke report arriving then does.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from shadowreport.store import Store

from .factories import upr_project
from .test_app_coalition import page as coalition_page
from .test_app_coalition import token, world  # noqa: F401 - the coalition fixture
from .test_app_flows import page

PROJECT = "prj-upr-test"


def ask_for_a_newer_run() -> None:
    """What Streamlit does when the browser sends a rerun request while a run is going on."""
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    get_script_run_ctx().script_requests.request_rerun(RerunData())


def followed_by_a_newer_run(real):
    """``real``, then a newer run asked for at once: a keystroke report arriving just after the store's write."""
    def wrapped(*args, **kwargs):
        result = real(*args, **kwargs)
        ask_for_a_newer_run()
        return result

    return wrapped


def callback_app(protected: bool) -> AppTest:
    def script(protected: bool) -> None:
        import contextlib

        import streamlit as st

        from shadowreport.ui.uninterrupted import uninterrupted
        from tests.test_app_uninterrupted import ask_for_a_newer_run

        def save() -> None:
            with uninterrupted() if protected else contextlib.nullcontext():
                st.session_state["written"] = True  # the store's write
                ask_for_a_newer_run()
                st.session_state["recorded"] = True  # the tab notes the version it made

        st.button("Save", on_click=save)

    return AppTest.from_function(script, args=(protected,), default_timeout=30).run()


@pytest.mark.parametrize("protected", [False, True], ids=["as-streamlit-does", "uninterrupted"])
def test_a_newer_run_asked_for_inside_a_callback_stops_it_unless_uninterrupted(protected: bool):
    # The first case is Streamlit's behaviour that this guards against: if a release stops doing it, this says so.
    app = callback_app(protected)
    app.button[0].click().run()
    assert not app.exception
    assert app.session_state["written"]
    assert ("recorded" in app.session_state) is protected


def test_the_newer_run_starts_as_soon_as_the_outer_block_ends():
    def script() -> None:
        import streamlit as st

        from shadowreport.ui.uninterrupted import uninterrupted
        from tests.test_app_uninterrupted import ask_for_a_newer_run

        def save() -> None:
            with uninterrupted():
                with uninterrupted():  # nested, as a save inside a guarded callback is
                    ask_for_a_newer_run()
                st.session_state["inside"] = True  # the outer block still holds it back
            st.session_state["after"] = True  # held no longer: Streamlit stops the callback here

        st.button("Save", on_click=save)

    app = AppTest.from_function(script, default_timeout=30).run()
    app.button[0].click().run()
    assert not app.exception
    assert "inside" in app.session_state and "after" not in app.session_state


def test_outside_a_run_it_only_runs_what_it_guards():
    from shadowreport.ui.uninterrupted import uninterrupted

    assert uninterrupted()(lambda: 42)() == 42


# -- the Draft page (the embedded store) ----------------------------------------------------------

def store() -> Store:
    return Store(Path(os.environ["SHADOWREPORT_STORE"]))


def test_a_draft_box_saved_as_a_newer_run_is_asked_for_then_typed_on_is_saved_without_a_conflict(monkeypatch):
    store().create(upr_project())
    monkeypatch.setattr(Store, "save", followed_by_a_newer_run(Store.save))
    box = f"w:{PROJECT}:section:submitters"
    tab = page("draft", PROJECT)
    tab.text_area(key=box).input("First words.").run()
    tab.text_area(key=box).input("First words, and more.").run()
    assert not tab.exception
    assert not [w.value for w in tab.warning if "changed in another tab" in w.value]
    assert next(s.text for s in store().load(PROJECT).project.sections if s.id == "submitters") == "First words, and more."


# -- the coalition's Sections page (PostgreSQL) ---------------------------------------------------

def test_a_section_saved_as_a_newer_run_is_asked_for_then_typed_on_is_saved_without_a_conflict(world, monkeypatch):  # noqa: F811
    from shadowreport.server.sql_store import SqlStore

    coalition, project_id = world
    monkeypatch.setattr(SqlStore, "save_section_in", followed_by_a_newer_run(SqlStore.save_section_in))
    key = f"coalition:{project_id}:evidence:text"
    alice = coalition_page("sections", token(world, "alice"), project_id)
    alice.text_area(key=key).input("First words.").run()
    alice.text_area(key=key).input("First words, and more.").run()
    assert not alice.exception
    assert not [e.value for e in alice.error if "while you were editing" in e.value]
    alice_user = coalition.user_for(token(world, "alice"))
    assert next((s.text, s.version) for s in coalition.sections(alice_user, project_id) if s.id == "evidence") == (
        "First words, and more.", 3)


def test_a_project_started_as_a_newer_run_is_asked_for_is_made_once_and_opened(monkeypatch):
    from .test_app_flows import APP

    monkeypatch.setattr(Store, "create", followed_by_a_newer_run(Store.create))
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.selectbox(key="new_kind").set_value("upr/stakeholder").run()
    app.text_input(key="new_title").input("Labour trafficking in Italy")
    app.text_input(key="new_organisation").input("Strada Aperta")
    next(b for b in app.button if b.label == "Start the project").click()
    app.run()
    assert not app.exception
    (made,) = [summary.id for summary in store().list()]
    opened = app.query_params["project"]
    assert (opened[0] if isinstance(opened, list) else opened) == made


def test_a_box_whose_save_is_stopped_before_it_starts_is_still_saved(monkeypatch):
    """The newer run asked for as the box's callback begins: Streamlit never calls a stopped callback again,
    so unless the callback runs to its end, the text is never saved."""
    from shadowreport.ui import state

    store().create(upr_project())
    real_fields, armed = state._fields, []

    def fields_as_a_keystroke_report_arrives():
        if armed:
            armed.clear()
            ask_for_a_newer_run()
        return real_fields()

    monkeypatch.setattr(state, "_fields", fields_as_a_keystroke_report_arrives)
    box = f"w:{PROJECT}:section:submitters"
    tab = page("draft", PROJECT)
    armed.append(True)
    tab.text_area(key=box).input("Typed and left at once.").run()
    assert not tab.exception
    assert next(s.text for s in store().load(PROJECT).project.sections if s.id == "submitters") == "Typed and left at once."


def test_every_widget_callback_of_the_app_runs_uninterrupted():
    """Read from the source: each on_click / on_change (and the typed-text watcher's callback) is a function
    decorated @uninterrupted(), a lambda that only calls one (or state.update, whose save is), or wrapped in it."""
    import ast

    ui = Path(__file__).resolve().parent.parent / "shadowreport" / "ui"
    modules = {path: ast.parse(path.read_text(encoding="utf-8")) for path in ui.rglob("*.py")}
    guarded = {node.name for tree in modules.values() for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
               and any(isinstance(d, ast.Call) and getattr(d.func, "id", None) == "uninterrupted" for d in node.decorator_list)}
    guarded.add("update")  # state.update: its save (state._save) is @uninterrupted and it reads nothing before

    def name_of(func) -> str | None:
        return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None

    def is_guarded(callback) -> bool:
        if isinstance(callback, ast.Constant):  # on_click="ignore"
            return True
        if isinstance(callback, ast.Call) and isinstance(callback.func, ast.Call):  # uninterrupted()(...)
            return name_of(callback.func.func) == "uninterrupted"
        if isinstance(callback, ast.Lambda):
            return isinstance(callback.body, ast.Call) and name_of(callback.body.func) in guarded
        return name_of(callback) in guarded

    callbacks = []
    for path, tree in modules.items():
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            for keyword in call.keywords:
                if keyword.arg and keyword.arg.startswith("on_") and path.name != "typed_text.py":  # it passes on watch()'s callback
                    callbacks.append((f"{path.name}:{call.lineno}", keyword.value))
            if name_of(call.func) == "watch" and call.args:
                callbacks.append((f"{path.name}:{call.lineno}", call.args[0]))
    assert len(callbacks) >= 30  # the reading found them (the app has about thirty)
    assert [where for where, callback in callbacks if not is_guarded(callback)] == []
