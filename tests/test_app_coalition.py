"""The coalition's pages with Streamlit's AppTest on a real PostgreSQL, each as one role sees it:
the same section saved by two people (both texts shown, the user chooses), a reviewer who only reads
and comments, confidential evidence kept to its organisation, and the coordinator's own pages."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from shadowreport.project.model import EvidenceItem

from .factories import upr_project

PASSWORD = "a long enough passphrase"


@pytest.fixture
def world(postgres_url: str, monkeypatch: pytest.MonkeyPatch):
    from shadowreport.server.service import Coalition

    coalition = Coalition(postgres_url)
    for name, organisation, role in [("carla", "Strada Aperta", "coordinator"), ("alice", "Casa Nuova", "member"),
                                     ("bruno", "Lavoro Giusto", "member"), ("rita", "Casa Nuova", "reviewer")]:
        coalition.accounts.add(name, organisation, role, PASSWORD)
    carla = coalition.user_for(coalition.login("carla", PASSWORD))
    project_id = coalition.create_project(carla, upr_project())
    for organisation in ("Casa Nuova", "Lavoro Giusto"):
        coalition.invite(carla, project_id, organisation)
    coalition.assign(carla, project_id, "evidence", "Casa Nuova")
    monkeypatch.setenv("SHADOWREPORT_DATABASE_URL", postgres_url)
    return coalition, project_id


def page(name: str, token: str, project_id: str) -> AppTest:
    """One coalition page as the server app draws it, for the user of ``token``, with the project open."""

    def run_page(page_name: str) -> None:
        import streamlit as st

        from shadowreport.ui import check_page, coalition_page, export_page, server_app, session

        service = session.coalition()
        user = session.user(service)
        server_app._pages(user)  # registers the pages the links point to
        typed = st.session_state.pop("test:typed", None)
        if typed is not None:  # the typed-text watcher's report, handled before the run as its callback is
            coalition_page.save_typed_report(typed)
        coalition_page.show_notice()
        if page_name == "export":
            coalition_page.export(export_page.render)
        elif page_name == "check":
            coalition_page.check(check_page.show_report)
        else:
            getattr(coalition_page, page_name)()

    from shadowreport.ui.session import TOKEN

    app = AppTest.from_function(run_page, args=(name,), default_timeout=60)
    app.session_state[TOKEN] = token
    app.query_params["project"] = project_id
    return app.run()


def said(elements) -> list[str]:
    """What notices say as read: they are shown through plain(), which escapes Markdown and puts a word joiner in what
    Streamlit would rewrite; AppTest gives the Markdown source."""
    return [re.sub(r"\\(.)", r"\1", element.value).replace("\u2060", "") for element in elements]


def token(world, name: str) -> str:
    return world[0].login(name, PASSWORD)


def button(app: AppTest, label: str, key_part: str = ""):
    return next(b for b in app.button if b.label == label and key_part in (b.key or ""))


def test_the_same_section_saved_meanwhile_shows_both_texts_and_the_user_chooses(world) -> None:
    coalition, project_id = world
    alice = page("sections", token(world, "alice"), project_id)
    box = alice.text_area(key=f"coalition:{project_id}:evidence:text")
    assert [b.label for b in alice.button if "save" in (b.key or "")] == ["Save section"]  # only her section

    carla = coalition.user_for(token(world, "carla"))
    version = next(s.version for s in coalition.sections(carla, project_id) if s.id == "evidence")
    coalition.save_section(carla, project_id, "evidence", "Carla's version of the evidence.", version)

    box.input("Alice's version of the evidence.")
    button(alice, "Save section", "evidence").click()
    alice.run()
    assert not alice.exception
    assert any("carla saved this section while you were editing it" in e.value for e in alice.error)
    shown = [t.value for t in alice.text]
    assert "Alice's version of the evidence." in shown and "Carla's version of the evidence." in shown
    assert next(s.text for s in coalition.sections(carla, project_id) if s.id == "evidence") == "Carla's version of the evidence."

    button(alice, "Keep mine").click()
    alice.run()
    assert said(alice.success) == ["Saved 'Evidence of the problem'."]
    assert next(s.text for s in coalition.sections(carla, project_id) if s.id == "evidence") == "Alice's version of the evidence."


def test_take_theirs_and_keep_both_put_their_text_in_the_box(world) -> None:
    coalition, project_id = world
    alice = page("sections", token(world, "alice"), project_id)
    carla = coalition.user_for(token(world, "carla"))
    version = next(s.version for s in coalition.sections(carla, project_id) if s.id == "evidence")
    coalition.save_section(carla, project_id, "evidence", "Theirs.", version)
    key = f"coalition:{project_id}:evidence:text"
    alice.text_area(key=key).input("Mine.")
    button(alice, "Save section", "evidence").click()
    alice.run()
    button(alice, "Keep both, to edit").click()
    alice.run()
    assert alice.text_area(key=key).value == "Theirs.\n\nMine."
    assert not alice.error


def test_a_reviewer_reads_and_comments_and_the_coordinator_resolves(world) -> None:
    _coalition, project_id = world
    rita = page("sections", token(world, "rita"), project_id)
    assert not [b for b in rita.button if b.label in ("Save section", "Send the suggestion")]
    assert "Strada Aperta runs outreach units in three regions" in " ".join(m.value for m in rita.markdown)
    rita.text_area(key=f"coalition:{project_id}:evidence:comment").input("Which year are the 212 workers from?")
    button(rita, "Add the comment", "evidence").click()
    rita.run()
    assert said(rita.success) == ["Comment added."]
    assert any("Which year are the 212 workers from?" in m.value for m in rita.markdown)

    carla = page("sections", token(world, "carla"), project_id)
    button(carla, "Resolve").click()
    carla.run()
    assert said(carla.success) == ["Comment resolved."]
    assert any(c.value == "Resolved by carla" for c in carla.caption)


def test_a_member_suggests_where_she_cannot_edit(world) -> None:
    coalition, project_id = world
    alice = page("sections", token(world, "alice"), project_id)
    key = f"coalition:{project_id}:recommendations:suggestion"
    alice.text_area(key=key).input("We recommend a referral mechanism for workers.")
    button(alice, "Send the suggestion", "recommendations").click()
    alice.run()
    assert said(alice.success) == ["Suggestion sent: the coordinator will accept or reject it."]
    carla = coalition.user_for(token(world, "carla"))
    assert [s.text for s in coalition.suggestions(carla, project_id)] == ["We recommend a referral mechanism for workers."]


def test_confidential_evidence_is_seen_by_its_organisation_and_the_coordinator_only(world) -> None:
    _coalition, project_id = world
    alice = page("evidence", token(world, "alice"), project_id)
    alice.text_area(key="coalition-ev-claim").input("Three women named their recruiter to our counsellors.")
    alice.radio(key="coalition-ev-confidentiality").set_value("confidential")
    next(b for b in alice.button if b.label == "Add the evidence").click()
    alice.run()
    assert not alice.exception
    claim = "Three women named their recruiter to our counsellors"
    assert any(claim in m.value for m in alice.markdown)
    assert any(claim in m.value for m in page("evidence", token(world, "carla"), project_id).markdown)
    assert not any(claim in m.value for m in page("evidence", token(world, "bruno"), project_id).markdown)


def test_the_coordinator_assigns_locks_reads_the_audit_log_and_exports(world) -> None:
    coalition, project_id = world
    carla = page("coordination", token(world, "carla"), project_id)
    assert not carla.exception
    carla.selectbox(key="coalition-assign-section").set_value("recommendations")
    carla.selectbox(key="coalition-assign-organisation").set_value("Lavoro Giusto")
    button(carla, "Assign").click()
    carla.run()
    assert said(carla.success) == ["Section assigned."]
    bruno = coalition.user_for(token(world, "bruno"))
    assert {s.id for s in coalition.sections(bruno, project_id) if s.may_edit} == {"recommendations"}

    button(carla, "Lock the project").click()
    carla.run()
    assert {s.id for s in coalition.sections(bruno, project_id) if s.may_edit} == set()
    assert not [b for b in carla.button if b.label == "Lock the project"] and [b for b in carla.button if b.label == "Unlock the project"]
    locked = page("sections", token(world, "bruno"), project_id)
    assert [i.value for i in locked.info] == [
        "The coordinator has locked the project for the final read: you can read, comment and sign off, not change it."]
    assert not [b for b in locked.button if b.label == "Save section"]
    audit = carla.dataframe[0].value
    assert {"section.assign", "project.lock"} <= set(audit["What"])

    exported = page("export", token(world, "carla"), project_id)
    assert not exported.exception
    assert [t.value for t in exported.title] == ["Export"]

    for who in ("alice", "rita"):
        refused = page("coordination", token(world, who), project_id)
        assert [i.value for i in refused.info] == ["Only the project's coordinator can invite, assign, lock and read the audit log."]


def test_a_coordinator_starts_a_project_and_invites(world) -> None:
    coalition, _ = world
    carla = page("projects", token(world, "carla"), "")
    carla.text_input(key="coalition-new-title").input("Labour trafficking: a joint report")
    carla.text_input(key="coalition-new-state").input("Italy")
    next(b for b in carla.button if b.label == "Start the project").click()
    carla.run()
    assert not carla.exception
    user = coalition.user_for(token(world, "carla"))
    titles = [p.title for p in coalition.projects(user)]
    assert "Labour trafficking: a joint report" in titles


def test_accepting_a_suggestion_over_a_section_changed_since_is_refused_in_a_sentence(world) -> None:
    coalition, project_id = world
    bruno = coalition.user_for(token(world, "bruno"))
    coalition.suggest(bruno, project_id, "evidence", "Bruno's idea for the evidence.")
    carla = page("sections", token(world, "carla"), project_id)

    alice = coalition.user_for(token(world, "alice"))
    version = next(s.version for s in coalition.sections(alice, project_id) if s.id == "evidence")
    coalition.save_section(alice, project_id, "evidence", "Alice's newer evidence.", version)  # after Carla's page was drawn

    button(carla, "Accept").click()
    carla.run()
    assert not carla.exception
    assert said(carla.error) == ["The section changed since this page was drawn: read it again, then decide."]
    assert next(s.text for s in coalition.sections(alice, project_id) if s.id == "evidence") == "Alice's newer evidence."
    assert [s.status for s in coalition.suggestions(alice, project_id)] == ["open"]  # still to decide, beside the new text


def test_the_check_page_reads_the_project_as_the_user_sees_it(world) -> None:
    _coalition, project_id = world
    checked = page("check", token(world, "alice"), project_id)
    assert not checked.exception
    assert [t.value for t in checked.title] == ["Check"]
    assert [m.label for m in checked.metric][:3] == ["Words", "Pages (estimated)", "Recommendations"]
    assert not [b for b in checked.button if (b.key or "").startswith("fix:")]  # read only: changes go through the service


def test_a_member_changes_her_own_evidence_and_not_the_coordinators(world) -> None:
    coalition, project_id = world
    alice_user = coalition.user_for(token(world, "alice"))
    coalition.save_evidence(alice_user, project_id, EvidenceItem(id="ev-casa", kind="statistic", claim="41 women assisted in 2025."))
    alice = page("evidence", token(world, "alice"), project_id)
    assert {b.key for b in alice.button if (b.key or "").startswith("coalition-remove-")} == {"coalition-remove-ev-casa"}
    alice.text_area(key="coalition-ev-claim-ev-casa").input("43 women assisted in 2025.")
    alice.radio(key="coalition-ev-confidentiality-ev-casa").set_value("restricted")
    next(b for b in alice.button if b.label == "Save the evidence").click()
    alice.run()
    assert not alice.exception and not alice.error
    item = next(e for e in coalition.project_for(alice_user, project_id).evidence if e.id == "ev-casa")
    assert (item.claim, item.confidentiality) == ("43 women assisted in 2025.", "restricted")


def test_leaving_the_box_saves_the_section(world) -> None:
    coalition, project_id = world
    alice = page("sections", token(world, "alice"), project_id)
    alice.text_area(key=f"coalition:{project_id}:evidence:text").input("Saved without a click.").run()
    assert said(alice.success) == ["Saved 'Evidence of the problem'."]
    button(alice, "Save section", "evidence").click()
    alice.run()  # nothing new: said so, nothing saved twice
    assert said(alice.success) == ["Nothing to save in 'Evidence of the problem': it is as stored."]
    alice_user = coalition.user_for(token(world, "alice"))
    assert next((s.text, s.version) for s in coalition.sections(alice_user, project_id) if s.id == "evidence") == ("Saved without a click.", 2)


def test_a_blank_sent_by_the_widget_alone_never_empties_a_section_and_one_emptied_by_hand_is_saved(world) -> None:
    # At a click on a page link, Streamlit's browser side once sent blanks for three section boxes it had drawn
    # afresh, and all three were saved empty over the coalition's text (tests/test_e2e_coalition_user_text.py).
    from shadowreport.ui.components import typed_text

    coalition, project_id = world
    alice_user = coalition.user_for(token(world, "alice"))
    key = f"coalition:{project_id}:evidence:text"
    alice = page("sections", token(world, "alice"), project_id)
    alice.text_area(key=key).input("Ours, to keep.").run()

    def stored() -> tuple[str, int]:
        return next((s.text, s.version) for s in coalition.sections(alice_user, project_id) if s.id == "evidence")

    alice.text_area(key=key).input("").run()  # only the widget says it is blank
    assert stored() == ("Ours, to keep.", 2)
    assert alice.text_area(key=key).value == "Ours, to keep."

    alice.text_area(key=key).input("").run()
    alice.session_state["test:typed"] = typed_text.Typed({typed_text.widget_class(key): ""}, seq=1)  # the keystrokes
    alice.run()
    assert stored() == ("", 3)
    assert alice.text_area(key=key).value == ""
