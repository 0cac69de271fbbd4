"""Two tabs on one project, with Streamlit's AppTest (each AppTest is a tab with its own session):
different sections both survive, the same section is a choice (keep mine, take theirs, keep both),
a box nobody here is editing follows the store, and a value equal to what a box showed saves nothing."""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from shadowreport.project.merge import KEEP_BOTH_SEPARATOR
from shadowreport.store import Store

from .factories import upr_project
from .test_app_flows import page, watcher_reports

PROJECT = "prj-upr-test"
SUBMITTERS, EVIDENCE = f"w:{PROJECT}:section:submitters", f"w:{PROJECT}:section:evidence"


def draft_tab() -> AppTest:
    return page("draft", PROJECT)


def conflicts_shown(app: AppTest) -> list[str]:
    return [w.value for w in app.warning if "changed in another tab" in w.value]


def store() -> Store:
    return Store(Path(os.environ["SHADOWREPORT_STORE"]))


def texts() -> dict[str, str]:
    return {s.id: s.text for s in store().load(PROJECT).project.sections}


def setup_function() -> None:
    store().create(upr_project())


def teardown_function() -> None:
    store().delete(PROJECT, store().load(PROJECT).version)


def test_two_tabs_on_different_sections_both_keep_their_text():
    first, second = draft_tab(), draft_tab()
    first.text_area(key=SUBMITTERS).input("From tab one.").run()
    second.text_area(key=EVIDENCE).input("From tab two.").run()
    assert (texts()["submitters"], texts()["evidence"]) == ("From tab one.", "From tab two.")
    assert not conflicts_shown(second) and not second.error
    first.run()  # the first tab's next run shows the second tab's text: nobody here was editing that box
    assert first.text_area(key=EVIDENCE).value == "From tab two."


def test_two_tabs_on_the_same_section_are_asked_and_keep_mine_works():
    first, second = draft_tab(), draft_tab()
    first.text_area(key=SUBMITTERS).input("From tab one.").run()
    second.text_area(key=SUBMITTERS).input("From tab two.").run()
    assert texts()["submitters"] == "From tab one."  # nothing overwritten before the choice
    (warning,) = conflicts_shown(second)
    assert "Text of 'Submitting organisation'" in warning
    assert [t.value for t in second.text] == ["From tab two.", "From tab one."]  # side by side: yours, theirs
    second.button(key="conflict-0-mine").click().run()
    assert texts()["submitters"] == "From tab two."
    assert not conflicts_shown(second) and second.text_area(key=SUBMITTERS).value == "From tab two."


def test_keep_both_keeps_both_texts_clearly_separated_and_take_theirs_keeps_theirs():
    first, second = draft_tab(), draft_tab()
    first.text_area(key=SUBMITTERS).input("From tab one.").run()
    second.text_area(key=SUBMITTERS).input("From tab two.").run()
    second.button(key="conflict-0-both").click().run()
    assert texts()["submitters"] == f"From tab two.\n\n{KEEP_BOTH_SEPARATOR}\n\nFrom tab one."

    first.run()
    first.text_area(key=EVIDENCE).input("Evidence, tab one.").run()
    second.text_area(key=EVIDENCE).input("Evidence, tab two.").run()
    second.button(key="conflict-0-theirs").click().run()
    assert texts()["evidence"] == "Evidence, tab one."
    assert second.text_area(key=EVIDENCE).value == "Evidence, tab one."


def test_a_blank_for_a_box_that_showed_a_blank_never_overwrites_text_saved_elsewhere():
    project = store().load(PROJECT)
    project.project.sections[0].text = ""
    store().save(project.project, project.version)
    stale = draft_tab()  # shows the section empty
    fresh = draft_tab()
    fresh.text_area(key=SUBMITTERS).input("Written elsewhere.").run()
    stale.text_area(key=SUBMITTERS).input("").run()  # the stale tab sends what it showed: a blank
    assert texts()["submitters"] == "Written elsewhere."
    assert not conflicts_shown(stale)


def test_a_blank_sent_by_the_widget_alone_never_empties_a_box_that_showed_text():
    # Streamlit's browser side once sent blanks for three coalition boxes it had drawn afresh at a page
    # switch, and they were saved: a blank nobody typed is held back, and the box shows the text again.
    before = texts()["submitters"]
    assert before.strip()
    tab = draft_tab()
    tab.text_area(key=SUBMITTERS).input("").run()
    assert texts()["submitters"] == before
    assert tab.text_area(key=SUBMITTERS).value == before


def test_a_box_emptied_by_hand_is_saved_empty_whichever_report_comes_first():
    widget_first = draft_tab()
    widget_first.text_area(key=SUBMITTERS).input("").run()  # the box left or Ctrl+Enter: the widget's blank
    watcher_reports(widget_first, SUBMITTERS, "")  # then the keystrokes, 400 ms later
    assert texts()["submitters"] == ""
    assert widget_first.text_area(key=SUBMITTERS).value == ""

    store_project = store().load(PROJECT)
    store_project.project.sections[1].text = "Evidence text."
    store().save(store_project.project, store_project.version)
    watcher_first = draft_tab()
    watcher_reports(watcher_first, EVIDENCE, "")
    watcher_first.text_area(key=EVIDENCE).input("").run()
    assert texts()["evidence"] == ""


def evidence_tab() -> AppTest:
    return page("evidence", PROJECT)


def test_new_evidence_is_in_the_draft_footnote_picker_at_once_and_cites_at_the_end_of_the_text():
    draft = draft_tab()
    picker = f"w:{PROJECT}:cite:submitters"
    assert "ev-new" not in draft.selectbox(key=picker).options
    evidence = evidence_tab()
    evidence.text_area(key=f"w:{PROJECT}:new-evidence:claim").input("Inspectors visited 14 farms in 2025.")
    evidence.button(key=f"w:{PROJECT}:new-evidence:add").click().run()
    added = store().load(PROJECT).project.evidence[-1]
    assert added.claim == "Inspectors visited 14 farms in 2025."

    draft.run()  # the draft's next run, in the same tab as before: no reload
    assert f"{added.id}: Inspectors visited 14 farms in 2025." in draft.selectbox(key=picker).options
    draft.selectbox(key=picker).set_value(added.id).run()
    draft.button(key=f"w:{PROJECT}:cite-button:submitters").click().run()
    assert texts()["submitters"] == f"Strada Aperta runs outreach units in three regions. [^{added.id}]"
    assert draft.text_area(key=SUBMITTERS).value == texts()["submitters"]


def test_a_new_evidence_item_typed_but_not_added_is_kept_as_a_draft_and_never_as_evidence():
    evidence = evidence_tab()
    evidence.text_area(key=f"w:{PROJECT}:new-evidence:claim").input("Half a claim").run()
    evidence.selectbox(key=f"w:{PROJECT}:new-evidence:consent_form").set_value("written").run()  # consent not complete yet
    project = store().load(PROJECT).project
    assert (project.evidence_draft.claim, project.evidence_draft.consent_form) == ("Half a claim", "written")
    assert [e.id for e in project.evidence] == ["ev-recruit", "ev-outreach", "ev-case"]  # nothing half valid added

    again = evidence_tab()  # left and come back, or reloaded: a new session
    assert again.text_area(key=f"w:{PROJECT}:new-evidence:claim").value == "Half a claim"
    assert again.selectbox(key=f"w:{PROJECT}:new-evidence:consent_form").value == "written"
    again.button(key=f"w:{PROJECT}:new-evidence:add").click().run()
    assert any("what it covers and when" in e.value for e in again.error)  # refused, and still kept
    assert store().load(PROJECT).project.evidence_draft.claim == "Half a claim"

    again.selectbox(key=f"w:{PROJECT}:new-evidence:consent_form").set_value("not recorded").run()
    again.button(key=f"w:{PROJECT}:new-evidence:add").click().run()
    project = store().load(PROJECT).project
    assert project.evidence[-1].claim == "Half a claim" and project.evidence_draft.claim == ""
    assert again.text_area(key=f"w:{PROJECT}:new-evidence:claim").value == ""  # the form is empty for the next item


def test_add_evidence_takes_the_words_its_boxes_show_even_before_their_own_save_lands():
    # The source's last words travel with the click on "Add the evidence"; should their own save lose a
    # race (a run of the typed-text watcher in between), the item is still made from what is on screen.
    evidence = evidence_tab()
    evidence.text_area(key=f"w:{PROJECT}:new-evidence:claim").input("Inspectors visited 14 farms").run()
    evidence.session_state[f"w:{PROJECT}:new-evidence:citation"] = "Labour inspectorate, annual report 2025, p. 4"
    assert store().load(PROJECT).project.evidence_draft.citation == ""  # not saved: the box's own save has not run
    evidence.button(key=f"w:{PROJECT}:new-evidence:add").click().run()
    added = store().load(PROJECT).project.evidence[-1]
    assert (added.claim, added.source.citation) == ("Inspectors visited 14 farms", "Labour inspectorate, annual report 2025, p. 4")
