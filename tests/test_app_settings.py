"""Project settings (rename, dates, cycle, language, members and sign-off, duplicate, archive, delete with
undo) and the Projects page's trash, driven with Streamlit's AppTest as a browser tab would."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from shadowreport.project.model import Member, MergeConflict
from shadowreport.ui import settings_page

from .factories import coalition_project, upr_project
from .test_app_flows import APP, page, store, watcher_reports

pytestmark = pytest.mark.timeout(120)


def saved(project_id: str):
    return store().load(project_id).project


def test_rename_dates_cycle_and_language_are_saved_as_they_are_made():
    project_id = store().create(upr_project()).project.id
    app = page("settings", project_id)
    assert not app.exception and [t.value for t in app.title] == ["Project settings"]
    key = f"w:{project_id}:settings"
    app.text_input(key=f"{key}:title").input("Forced labour in the harvest").run()
    app.text_input(key=f"{key}:cycle").input("5th cycle, 52nd session").run()
    app.date_input(key=f"{key}:session_date").set_value(dt.date(2027, 11, 3)).run()
    app.date_input(key=f"{key}:deadline").set_value(dt.date(2027, 4, 1)).run()
    app.text_input(key=f"{key}:deadline_source").input("the session's information note").run()
    app.selectbox(key=f"{key}:language").set_value("fr").run()
    assert not app.exception
    project = saved(project_id)
    assert project.title == "Forced labour in the harvest" and project.cycle == "5th cycle, 52nd session"
    assert project.session_date == dt.date(2027, 11, 3) and project.language == "fr"
    assert project.deadline_override.date == dt.date(2027, 4, 1)
    assert project.deadline_override.source == "the session's information note"
    assert any("Deadline used: 01 Apr 2027" in caption.value for caption in app.caption)
    # A blank only the widget sends is held back (state.is_blank_over_text): the box shows the title again.
    app.text_input(key=f"{key}:title").input("   ").run()
    assert not app.exception and saved(project_id).title == "Forced labour in the harvest"
    assert app.text_input(key=f"{key}:title").value == "Forced labour in the harvest" and not app.error
    watcher_reports(app, f"{key}:title", "   ")  # typed by hand: refused in one sentence, nothing saved
    assert not app.exception and saved(project_id).title == "Forced labour in the harvest"
    assert any("needs a title" in error.value for error in app.error)


def test_a_members_sign_off_is_dated_the_day_it_is_given():
    project = coalition_project()
    project_id = store().create(project).project.id
    member = project.members[1]
    app = page("settings", project_id)
    app.selectbox(key=f"w:{project_id}:settings:member:{member.id}:sign_off").set_value("approved").run()
    assert not app.exception
    signed = saved(project_id).member(member.id)
    assert (signed.sign_off, signed.signed_on) == ("approved", dt.date.today())
    assert any(f"approved on {dt.date.today():%d %b %Y}" in text.value for text in app.markdown)


def test_a_new_members_name_is_kept_as_typed_and_becomes_a_member_only_on_the_button():
    project_id = store().create(upr_project()).project.id
    app = page("settings", project_id)
    key = f"w:{project_id}:settings:new_member"
    app.button(key=f"{key}:add").click().run()  # nothing typed yet: refused in one sentence, no member
    assert not app.exception and len(saved(project_id).members) == 1
    assert any("a member needs a name" in error.value for error in app.error)
    app.text_input(key=f"{key}:name").input("Casa Nuova").run()
    app.selectbox(key=f"{key}:role").set_value("endorser").run()
    assert not app.exception
    project = saved(project_id)
    assert len(project.members) == 1  # a draft, never a half-made member
    assert (project.member_draft.name, project.member_draft.role) == ("Casa Nuova", "endorser")
    app = page("settings", project_id)  # another visit (the sidebar, a reload) shows what was typed
    assert app.text_input(key=f"{key}:name").value == "Casa Nuova" and app.selectbox(key=f"{key}:role").value == "endorser"
    app.button(key=f"{key}:add").click().run()
    assert not app.exception
    project = saved(project_id)
    assert [(m.name, m.role) for m in project.members][-1] == ("Casa Nuova", "endorser")
    assert project.member_draft.name == "" and app.text_input(key=f"{key}:name").value == ""


def test_the_evidence_pages_new_organisation_is_kept_as_typed_too():
    project_id = store().create(upr_project()).project.id
    app = page("evidence", project_id)
    key = f"w:{project_id}:new-member"
    app.text_input(key=f"{key}:name").input("Casa Nuova").run()
    assert not app.exception
    project = saved(project_id)
    assert len(project.members) == 1 and project.member_draft.name == "Casa Nuova"
    app = page("evidence", project_id)
    assert app.text_input(key=f"{key}:name").value == "Casa Nuova"
    app.button(key=f"{key}:add").click().run()
    assert not app.exception
    project = saved(project_id)
    assert project.members[-1].name == "Casa Nuova" and project.member_draft.name == ""


def test_each_merge_conflict_on_the_evidence_page_keeps_its_keys_when_another_is_settled():
    project = upr_project()
    item = project.evidence[0]
    project.merge_conflicts = [
        MergeConflict(item_type="evidence", local_id=item.id, member=project.members[0].id,
                      incoming={**item.model_dump(mode="json"), "claim": claim}, found_on=dt.date(2026, 12, 1))
        for claim in ("First revision", "Second revision")]
    project_id = store().create(project).project.id
    app = page("evidence", project_id)
    keep_ours = [b.key for b in app.button if b.key.endswith(":local")]
    assert not app.exception and len(keep_ours) == 2 and all(":conflict:0:" not in k and ":conflict:1:" not in k for k in keep_ours)
    app.button(key=keep_ours[0]).click().run()  # the first settled: the second keeps its keys (not renumbered to 0)
    assert not app.exception
    assert [c.incoming["claim"] for c in saved(project_id).merge_conflicts] == ["Second revision"]
    assert [b.key for b in app.button if b.key.endswith(":local")] == keep_ours[1:]


def test_archive_then_delete_then_undo():
    project_id = store().create(upr_project()).project.id
    app = page("settings", project_id)
    app.button(key=f"w:{project_id}:settings:archive").click().run()
    assert not app.exception
    assert store().list() == [] and [s.id for s in store().list(archived=True)] == [project_id]
    app = page("settings", project_id)  # an archived project still opens
    app.button(key=f"w:{project_id}:settings:delete").click().run()
    assert not app.exception
    assert [s.id for s in store().trashed()] == [project_id]
    just_trashed = app.session_state["just_trashed"]  # what the Projects page, opened next in this tab, offers to undo
    assert just_trashed[:2] == (project_id, upr_project().title)
    app = AppTest.from_file(APP, default_timeout=60)
    app.session_state["just_trashed"] = just_trashed
    app.run()
    assert any("Moved to the trash" in s.value for s in app.success)
    app.button(key="undo_trash").click().run()
    assert not app.exception
    assert store().trashed() == [] and saved(project_id).title == upr_project().title


def test_duplicate_opens_the_copy():
    project_id = store().create(upr_project()).project.id
    app = page("settings", project_id)
    app.button(key=f"w:{project_id}:settings:duplicate").click().run()
    assert not app.exception
    ids = {s.id for s in store().list()}
    assert len(ids) == 2 and project_id in ids


def test_the_projects_page_lists_the_trash_restores_and_deletes_for_good():
    the_store = store()
    kept = the_store.create(upr_project(id="prj-kept"))
    gone = the_store.create(upr_project(id="prj-gone", title="To be wiped"))
    the_store.move_to_trash(kept.project.id, kept.version)
    the_store.move_to_trash(gone.project.id, gone.version)
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    assert any(e.label == "Trash (2)" for e in app.expander)
    app.button(key="restore:prj-kept").click().run()
    assert [s.id for s in the_store.list()] == ["prj-kept"]
    app.button(key="delete_for_good:prj-gone").click().run()
    assert not app.exception and the_store.trashed() == [] and the_store.revisions("prj-gone") == []


# -- the edits themselves ------------------------------------------------------------------------

def test_a_new_coordinator_makes_the_former_one_a_member():
    project = coalition_project()
    other = project.members[1]
    settings_page.set_member_role(project, other.id, "coordinator")
    assert [m.role for m in project.members if m.role == "coordinator"] == ["coordinator"]
    assert project.coordinator.id == other.id
    with pytest.raises(ValueError, match="needs a coordinator"):
        settings_page.set_member_role(project, other.id, "member")


def test_back_to_waiting_clears_the_sign_off_date():
    project = coalition_project()
    member_id = project.members[1].id
    settings_page.set_sign_off(project, member_id, "declined", dt.date(2026, 12, 1))
    assert (project.member(member_id).sign_off, project.member(member_id).signed_on) == ("declined", dt.date(2026, 12, 1))
    settings_page.set_sign_off(project, member_id, "pending", dt.date(2026, 12, 2))
    assert (project.member(member_id).sign_off, project.member(member_id).signed_on) == ("pending", None)


def test_the_coordinator_and_a_member_with_contributions_cannot_be_removed():
    project = coalition_project()
    with pytest.raises(ValueError, match="coordinator cannot be removed"):
        settings_page.remove_member(project, project.coordinator.id)
    project = upr_project()
    settings_page.add_member(project, "Casa Nuova", "member")
    assert [m.name for m in project.members][-1] == "Casa Nuova" and project.coordinator.id == project.members[0].id
    settings_page.remove_member(project, project.members[-1].id)
    assert len(project.members) == 1


def test_the_sign_off_summary_names_who_is_still_awaited_as_text():
    project = upr_project(members=[Member(id="org-a", name="**Bold** [x](http://203.0.113.9)", role="coordinator")])
    summary = settings_page.sign_off_summary(project)
    assert summary.startswith("0 of 1 signed off. Waiting for ") and "\\*\\*Bold" in summary


def test_the_rules_page_opens_on_the_open_projects_kind_and_then_follows_the_user():
    project_id = store().create(upr_project(id="prj-greta", mechanism="greta", kind="ngo-report", sections=[])).project.id
    app = page("rules", project_id)
    assert not app.exception
    assert (app.selectbox(key="rules_mechanism").value, app.radio(key="rules_kind").value) == ("greta", "ngo-report")
    app.selectbox(key="rules_mechanism").select("upr").run()  # the user's choice stands on the next run
    app.run()
    assert not app.exception
    assert (app.selectbox(key="rules_mechanism").value, app.radio(key="rules_kind").value) == ("upr", "stakeholder")


def test_samples_are_listed_with_mechanism_kind_language_and_what_each_shows():
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    captions = [caption.value.replace("\\", "") for caption in app.caption]
    assert any(c.startswith("UPR: Stakeholder submission · English. A complete individual stakeholder submission") for c in captions)
    assert any(c.startswith("GRETA: NGO report") and "one member's sign-off still pending" in c for c in captions)


def test_undo_is_offered_only_while_the_project_is_in_the_trash_and_for_a_few_minutes():
    import time

    from shadowreport.ui.projects_page import UNDO_SECONDS

    stored = store().create(upr_project())
    store().move_to_trash(stored.project.id, stored.version)
    for when, offered in ((time.monotonic(), True), (time.monotonic() - UNDO_SECONDS - 1, False)):
        app = AppTest.from_file(APP, default_timeout=60)
        app.session_state["just_trashed"] = (stored.project.id, "t", when)
        app.run()
        assert any(b.key == "undo_trash" for b in app.button) is offered
    store().delete(stored.project.id)  # gone for good: nothing left to undo
    app = AppTest.from_file(APP, default_timeout=60)
    app.session_state["just_trashed"] = (stored.project.id, "t", time.monotonic())
    app.run()
    assert not any(b.key == "undo_trash" for b in app.button)
