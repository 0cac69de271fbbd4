"""The Check page on an open project (AppTest): findings by place in words, details kept aside,
one-click fixes saved to the store, and a button that opens the passage."""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from shadowreport.project.model import Recommendation
from shadowreport.store import Store

from .factories import upr_project


def check_page() -> None:
    from shadowreport.ui import check_page, pages, state

    pages.build()
    state.current()
    state.show_messages()
    check_page.render()


def open_check(project_id: str) -> AppTest:
    app = AppTest.from_function(check_page, default_timeout=60)
    app.query_params["project"] = project_id
    return app.run()


def stored_project():
    store = Store(Path(os.environ["SHADOWREPORT_STORE"]))
    recommendations = [Recommendation(id=f"rec-{n}", addressee="the Ministry of Labour", verb="adopt", object=f"measure {n}") for n in range(9)]
    project = upr_project(recommendations=recommendations)
    project.sections[1].text = "Maria Popescu, a 16-year-old girl from Iasi, was recruited [^ev-recruit]."
    return store, store.create(project).project


def test_findings_by_place_in_words_with_the_details_aside():
    _, project = stored_project()
    app = open_check(project.id)
    assert not app.exception
    headings = [h.value for h in app.header]
    assert headings[0].startswith("The whole document") and headings[-1].startswith("Recommendations")
    assert any(h.startswith("Evidence of the problem: 2 must fix") for h in headings)
    details = [m.value for e in app.expander if e.label == "Details" for m in e.markdown]
    outside = [m.value for m in app.markdown if m.value not in details]
    assert any("**Must fix:**" in m for m in outside) and any("**Should fix:**" in m for m in outside)
    for detail_only in ("privacy.personal-data", "recommendations.count", "seed\\-2012", "chars "):
        assert not any(detail_only in m for m in outside), detail_only
        assert any(detail_only in m for m in details), detail_only


def test_one_click_fixes_are_saved_and_then_no_longer_offered():
    store, project = stored_project()
    app = open_check(project.id)
    next(b for b in app.button if b.label == "Mark the first 5 recommendations as priorities").click().run()
    assert not app.exception
    assert [r.priority for r in store.load(project.id).project.recommendations] == [True] * 5 + [False] * 4
    assert any("marked as priorities" in s.value for s in app.success)
    assert not any(b.label == "Mark the first 5 recommendations as priorities" for b in app.button)
    add = next(b for b in app.button if b.label.startswith("Add the heading"))
    title = add.label.removeprefix("Add the heading '").removesuffix("'")
    add.click().run()
    assert title in [s.title for s in store.load(project.id).project.sections]


def test_a_group_asks_for_its_passage():
    # AppTest cannot follow a switch between st.navigation pages: the browser test follows it to the Draft.
    _, project = stored_project()
    app = open_check(project.id)
    next(b for b in app.button if b.label == "Open this section in the Draft").click().run()
    assert not app.exception
    assert app.session_state["focus_section"] == "evidence"
