"""The app's main flows, page by page, with Streamlit's AppTest (no browser).

Every page reads the open project from the store through ?project=..., as a browser tab does, so
a flow is: act on one page, then open the next page the way a user (or a refresh) would.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from shadowreport.store import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def page(name: str, project_id: str | None = None) -> AppTest:
    def run_page(page_name: str) -> None:
        import streamlit as st

        from shadowreport.ui import pages, state

        pages.build()
        typed = st.session_state.pop("test:typed", None)
        if typed is not None:  # the typed-text watcher's report (watcher_reports), handled before the run as its callback is
            state.save_typed_report(typed)
        state.current()
        state.show_messages()  # as app.py does above every page
        getattr(__import__(f"shadowreport.ui.{page_name}_page", fromlist=["render"]),
                "render_for_project" if page_name == "export" else "render")()

    app = AppTest.from_function(run_page, args=(name,), default_timeout=60)
    if project_id:
        app.query_params["project"] = project_id
    return app.run()


def watcher_reports(app: AppTest, widget_key: str, text: str) -> AppTest:
    """What typed_text.js sends as the user types in a box: its latest text, under its widget class."""
    from shadowreport.ui.components import typed_text

    app.session_state["test:typed"] = typed_text.Typed({typed_text.widget_class(widget_key): text}, seq=1)
    return app.run()


def store() -> Store:
    return Store(Path(os.environ["SHADOWREPORT_STORE"]))


def create_upr_project() -> str:
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.selectbox(key="new_kind").set_value("upr/stakeholder").run()
    app.text_input(key="new_title").input("Labour trafficking in Italy")
    app.text_input(key="new_organisation").input("Strada Aperta")
    app.text_input(key="new_state").input("Italy")
    next(b for b in app.button if b.label == "Start the project").click()
    app.run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Draft"]  # the wizard opens the new project's draft
    return app.query_params["project"][0] if isinstance(app.query_params["project"], list) else app.query_params["project"]


def test_create_draft_and_survive_a_refresh():
    project_id = create_upr_project()
    draft = page("draft", project_id)
    key = f"w:{project_id}:section:evidence"
    draft.text_area(key=key).input("Outreach reached 212 workers in 2025.").run()
    assert not draft.exception
    assert store().load(project_id).project.sections[3].text == "Outreach reached 212 workers in 2025."  # saved at once
    refreshed = page("draft", project_id)  # a refresh: a new session, the same address
    assert refreshed.text_area(key=key).value == "Outreach reached 212 workers in 2025."
    assert any("words" in p.text for p in refreshed.get("progress"))


def test_evidence_recommendation_check_and_export():
    project_id = create_upr_project()
    evidence = page("evidence", project_id)
    evidence.text_area[0].input("212 workers were reached by outreach in 2025.")
    evidence.text_input[0].input("Strada Aperta, activity report 2025")
    next(b for b in evidence.button if b.label == "Add the evidence").click()
    evidence.run()
    assert not evidence.exception
    stored = store().load(project_id).project
    assert [e.claim for e in stored.evidence] == ["212 workers were reached by outreach in 2025."]
    evidence_id = stored.evidence[0].id

    recommendations = page("recommendations", project_id)
    recommendations.button(key=f"w:{project_id}:add-recommendation").click().run()
    rec_id = store().load(project_id).project.recommendations[0].id
    recommendations = page("recommendations", project_id)
    recommendations.text_input(key=f"w:{project_id}:rec:{rec_id}:addressee").input("the Government").run()
    recommendations.text_input(key=f"w:{project_id}:rec:{rec_id}:verb").input("consider").run()
    recommendations.text_area(key=f"w:{project_id}:rec:{rec_id}:object").input("a referral mechanism").run()
    feedback = " ".join(m.value for m in recommendations.markdown)
    assert "addressee is 'the Government'" in feedback and "no timeframe" in feedback
    assert any("UPR Info category 3" in c.value for c in recommendations.caption)
    recommendations.text_input(key=f"w:{project_id}:rec:{rec_id}:addressee").input("the Ministry of Labour").run()
    recommendations.text_input(key=f"w:{project_id}:rec:{rec_id}:verb").input("adopt").run()
    recommendations.selectbox(key=f"w:{project_id}:rec:{rec_id}:term").set_value("short").run()
    recommendations.text_input(key=f"w:{project_id}:rec:{rec_id}:indicator").input("the number of persons referred").run()
    recommendations.multiselect(key=f"w:{project_id}:rec:{rec_id}:evidence").set_value([evidence_id]).run()
    assert not recommendations.exception
    assert any(c.value.count(":green-background[:material/check:") == 5 for c in recommendations.caption)  # all five letters pass
    saved = store().load(project_id).project.recommendations[0]
    assert (saved.addressee, saved.verb, saved.timeframe.term, saved.evidence_ids) == ("the Ministry of Labour", "adopt", "short", [evidence_id])

    check = page("check", project_id)
    assert not check.exception
    assert any("is empty" in m.value for m in check.markdown)  # the new project's empty sections are reported

    export = page("export", project_id)
    assert export.button(key="export_go").disabled  # the empty headings would be printed: listed, to be confirmed first
    next(c for c in export.checkbox if c.label.startswith("I have read these")).check().run()
    export.button(key="export_go").click().run()
    assert not export.exception and export.success
    assert export.get("download_button")[0].proto.label.endswith(".docx")


def test_open_a_sample_and_see_deadlines_and_plan():
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.selectbox(key="sample_choice").set_value("ilo-forced-labour-agriculture.yml").run()
    app.button(key="open_sample").click().run()
    assert not app.exception and [t.value for t in app.title] == ["Draft"]
    deadlines = page("deadlines")
    assert not deadlines.exception
    assert deadlines.get("download_button")[0].proto.label == "Download the calendar (.ics)"
    project_id = store().list()[0].id
    plan = page("plan", project_id)
    plan.text_area(key=f"w:{project_id}:plan:issue").input("Seasonal workers are not identified.").run()
    assert store().load(project_id).project.plan["issue"] == "Seasonal workers are not identified."


def test_import_a_broken_file_gets_one_sentence():
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.file_uploader(key="import_upload").set_value(("p.yml", b"shadowreport: project\nformat_version: 9\nproject: {}\n", "application/yaml")).run()
    assert not app.exception
    assert app.error and "newer Shadow Report Studio" in app.error[0].value


@pytest.mark.parametrize("name", ["projects", "plan", "evidence", "draft", "recommendations", "check", "deadlines", "export", "rules"])
def test_every_page_opens_without_a_project(name):
    app = page(name)
    assert not app.exception


def test_coalition_wizard_and_a_members_contribution_merged_with_a_conflict_resolved():
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.selectbox(key="new_kind").set_value("greta/ngo-report").run()
    app.text_input(key="new_title").input("Joint report to GRETA")
    app.text_input(key="new_organisation").input("Coordinating NGO")
    app.radio(key="new_joint").set_value("A coalition")
    app.text_area(key="new_partners").input("Shelter Network\nMigrant Workers' Union")
    next(b for b in app.button if b.label == "Start the project").click()
    app.run()
    project_id = next(s.id for s in store().list())
    project = store().load(project_id).project
    assert project.joint and [m.role for m in project.members] == ["coordinator", "member", "member"]

    from shadowreport.project.exchange import Contribution, dump
    from shadowreport.project.model import EvidenceItem, Member

    shelter = project.members[1]
    contribution = Contribution(member=Member(id=shelter.id, name=shelter.name), evidence=[EvidenceItem(id="ev-1", kind="statistic", claim="41 women")])
    importer = AppTest.from_file(APP, default_timeout=60)
    importer.query_params["project"] = project_id
    importer.run()
    importer.file_uploader(key="import_upload").set_value(("c.yml", dump("contribution", contribution).encode(), "application/yaml")).run()
    importer.button(key="merge_contribution").click().run()
    assert not importer.exception and any("1 added" in s.value for s in importer.success)


    the_store = store()
    stored = the_store.load(project_id)
    edited = stored.project.model_copy(deep=True)
    edited.evidence[0].claim = "41 women (our wording)"
    the_store.save(edited, stored.version)
    revised = contribution.model_copy(update={"evidence": [EvidenceItem(id="ev-1", kind="statistic", claim="43 women")]})
    importer = AppTest.from_file(APP, default_timeout=60)
    importer.query_params["project"] = project_id
    importer.run()
    importer.file_uploader(key="import_upload").set_value(("c.yml", dump("contribution", revised).encode(), "application/yaml")).run()
    importer.button(key="merge_contribution").click().run()
    assert any("1 in conflict" in s.value for s in importer.success)
    assert store().load(project_id).project.evidence[0].claim == "41 women (our wording)"

    evidence = page("evidence", project_id)
    assert any("Nothing was overwritten" in w.value for w in evidence.warning)
    next(b for b in evidence.button if b.label == "Take theirs").click().run()
    resolved = store().load(project_id).project
    assert resolved.merge_conflicts == [] and resolved.evidence[0].claim == "43 women"
