"""Nothing lost, in a real browser (Chromium against the app on localhost): text typed and never
"committed" (no Tab, no click elsewhere) still reaches the store, and two tabs editing one project
both keep their work, or are shown a choice when they edited the same box.

The tests share one running app (a start each is seconds of the end-to-end suite's budget); each
puts the project back as it was in the store and opens its page directly in a new browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shadowreport.store import Store

from .browser import browser_on, click_page_link, expect, heading, needs_browser, running_app, shot
from .factories import coalition_project, upr_project

pytestmark = [needs_browser, pytest.mark.timeout(180)]

SUBMITTERS, EVIDENCE = "Text of 'Submitting organisation'", "Text of 'Evidence of the problem'"


def stored(tmp_path: Path):
    return Store(tmp_path / "store.sqlite3").load("prj-upr-test").project


def section_text(tmp_path: Path, section_id: str) -> str:
    return next(s.text for s in stored(tmp_path).sections if s.id == section_id)


def open_draft(session, page=None):
    page = page or session.page
    page.goto(f"{session.base}/draft?project=prj-upr-test")
    expect(heading(page, "Draft")).to_be_visible(timeout=60_000)
    box = page.get_by_role("textbox", name=SUBMITTERS, exact=True)
    expect(box).to_have_value(re.compile("Strada Aperta"))  # painted empty first, then filled: wait for it
    return page


def until(condition, page, timeout_ms: int = 30_000) -> None:
    """Poll the store (not the page) until ``condition()`` holds: what counts is what was saved."""
    for _ in range(timeout_ms // 100):
        if condition():
            return
        page.wait_for_timeout(100)
    assert condition()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nothing-lost")
    # Streamlit reloads a module whose file changes; a working tree edited meanwhile would swap the
    # model classes under the running app. The app's own watcher is not what is tested here.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STREAMLIT_SERVER_FILE_WATCHER_TYPE", "none")
        with running_app(folder) as running:
            running.folder = folder
            yield running


@pytest.fixture
def project_in_store(app) -> Path:
    """The shared store holding the test projects as the factories make them, whatever the last test did."""
    store = Store(app.folder / "store.sqlite3")
    for project in (upr_project(), coalition_project()):
        if store.exists(project.id):
            store.delete(project.id, store.load(project.id).version)
    store.create(upr_project())
    return app.folder


@pytest.mark.parametrize(("keys", "typed", "stored_then"), [
    (["Control+End"], " Typed and left by the sidebar.", lambda before: before + " Typed and left by the sidebar."),
    # Blanks that the widget alone sends are held back (state.is_blank_over_text); a box emptied by hand is
    # heard by the typed-text watcher and saved empty.
    (["Control+A", "Delete"], "", lambda before: ""),
], ids=["typed", "emptied"])
def test_typed_or_emptied_then_left_by_the_sidebar_is_kept(app, project_in_store: Path, keys, typed, stored_then):
    with browser_on(app, failure_shot="lost-sidebar") as session:
        page = open_draft(session)
        expected = stored_then(section_text(project_in_store, "submitters"))
        evidence = section_text(project_in_store, "evidence")
        page.get_by_role("textbox", name=SUBMITTERS, exact=True).click()
        for key in keys:
            page.keyboard.press(key)
        page.keyboard.type(typed)
        session.runs.after(page, lambda: click_page_link(page, "Plan"))
        expect(heading(page, "Advocacy plan")).to_be_visible()
        until(lambda: section_text(project_in_store, "submitters") == expected, page)
        session.runs.after(page, lambda: click_page_link(page, "Draft"))
        expect(page.get_by_role("textbox", name=SUBMITTERS, exact=True)).to_have_value(expected)
        assert section_text(project_in_store, "evidence") == evidence  # the other boxes are untouched


def test_typed_then_reloaded_at_once_is_kept(app, project_in_store: Path):
    """Reloaded 100 ms after the last keystroke, inside the 400 ms before the text is sent: the text
    kept in the tab's sessionStorage is sent again after the reload, saved, and shown in its box."""
    with browser_on(app, failure_shot="lost-reload") as session:
        page = open_draft(session)
        box = page.get_by_role("textbox", name=EVIDENCE, exact=True)
        box.click()
        page.keyboard.press("Control+End")
        page.keyboard.type(" Reloaded at once.")
        page.wait_for_timeout(100)
        page.reload()
        expect(page.get_by_role("textbox", name=EVIDENCE, exact=True)).to_have_value(re.compile("Reloaded at once.$"), timeout=60_000)
        until(lambda: section_text(project_in_store, "evidence").endswith("Reloaded at once."), page)
        # Acknowledged by the server, the kept text is dropped: nothing is sent again at the next load.
        page.wait_for_function("() => !Object.keys(sessionStorage).some(k => k.startsWith('shadowreport.unsent:'))")


def test_text_kept_in_the_tab_but_never_sent_comes_back_after_a_reload(app, project_in_store: Path):
    """As if every send had been lost with the closing connection: only the tab's sessionStorage holds
    the text typed. After the reload it is saved and shown in its box."""
    with browser_on(app, failure_shot="lost-send") as session:
        page = open_draft(session)
        typed = section_text(project_in_store, "evidence") + " Never sent."
        page.evaluate("(text) => sessionStorage.setItem('shadowreport.unsent:st-key-w-prj-upr-test-section-evidence', "
                      "JSON.stringify({text, seq: null}))", typed)
        page.reload()
        expect(page.get_by_role("textbox", name=EVIDENCE, exact=True)).to_have_value(typed, timeout=60_000)
        until(lambda: section_text(project_in_store, "evidence") == typed, page)


def test_box_a_then_box_b_then_reload_keeps_both(app, project_in_store: Path):
    with browser_on(app, failure_shot="lost-a-b") as session:
        page = open_draft(session)
        first = page.get_by_role("textbox", name=SUBMITTERS, exact=True)
        first.click()
        page.keyboard.press("Control+End")
        page.keyboard.type(" First box.")
        click_page_link(page, "Evidence")
        expect(heading(page, "Evidence")).to_be_visible()
        session.runs.after(page, lambda: click_page_link(page, "Draft"))
        second = page.get_by_role("textbox", name=EVIDENCE, exact=True)
        second.click()
        page.keyboard.press("Control+End")
        page.keyboard.type(" Second box.")
        page.reload()
        expect(page.get_by_role("textbox", name=EVIDENCE, exact=True)).to_have_value(re.compile("Second box.$"), timeout=60_000)
        expect(page.get_by_role("textbox", name=SUBMITTERS, exact=True)).to_have_value(re.compile("First box.$"))
    assert section_text(project_in_store, "submitters").endswith("First box.")
    assert section_text(project_in_store, "evidence").endswith("Second box.")


def type_at_the_end(page, label: str, text: str) -> None:
    page.get_by_role("textbox", name=label, exact=True).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_two_tabs_on_different_sections_both_keep_their_text(app, project_in_store: Path):
    with browser_on(app, failure_shot="lost-two-tabs") as session:
        first = open_draft(session)
        second = open_draft(session, session.new_page())
        type_at_the_end(first, SUBMITTERS, " From the first tab.")
        type_at_the_end(second, EVIDENCE, " From the second tab.")
        until(lambda: section_text(project_in_store, "evidence").endswith("From the second tab."), second)
        until(lambda: section_text(project_in_store, "submitters").endswith("From the first tab."), second)
        first.reload()
        expect(first.get_by_role("textbox", name=EVIDENCE, exact=True)).to_have_value(re.compile("From the second tab.$"), timeout=60_000)
        expect(first.get_by_role("textbox", name=SUBMITTERS, exact=True)).to_have_value(re.compile("From the first tab.$"))
        expect(first.get_by_text("changed in another tab")).to_have_count(0)
        expect(second.get_by_text("changed in another tab")).to_have_count(0)


def test_two_tabs_on_the_same_section_are_shown_both_and_keep_both_works(app, project_in_store: Path):
    with browser_on(app, failure_shot="lost-same-section") as session:
        first = open_draft(session)
        second = open_draft(session, session.new_page())
        type_at_the_end(first, SUBMITTERS, " From the first tab.")
        until(lambda: section_text(project_in_store, "submitters").endswith("From the first tab."), first)
        type_at_the_end(second, SUBMITTERS, " From the second tab.")
        conflict = second.get_by_test_id("stAlertContentWarning").filter(has_text="changed in another tab")
        expect(conflict).to_be_visible()
        expect(second.get_by_text(re.compile("From the second tab.$")).first).to_be_visible()  # yours, beside theirs
        assert section_text(project_in_store, "submitters").endswith("From the first tab.")  # nothing overwritten meanwhile
        # The box still holds what was typed in it: the choice above it did not redraw it.
        expect(second.get_by_role("textbox", name=SUBMITTERS, exact=True)).to_have_value(re.compile("From the second tab.$"))
        shot(second, "11-conflict-between-tabs")
        second.runs.after(second, lambda: second.get_by_role("button", name="Keep both", exact=True).click())
        expect(conflict).to_have_count(0)
        kept = second.get_by_role("textbox", name=SUBMITTERS, exact=True)
        expect(kept).to_have_value(re.compile("From the second tab.\n\n——— .* ———\n\n.*From the first tab.$", re.DOTALL))
        text = section_text(project_in_store, "submitters")
        assert "From the second tab." in text and text.endswith("From the first tab.")


def test_a_pause_in_typing_saves_and_leaves_the_box_and_its_focus_alone(app, project_in_store: Path):
    """On Recommendations a save changes the feedback above the boxes; the box typed in keeps its text and focus."""
    addressee = "Who must act (ministry, agency or department)"
    with browser_on(app, failure_shot="lost-pause") as session:
        page = session.page
        page.goto(f"{session.base}/recommendations?project=prj-upr-test")
        box = page.get_by_role("textbox", name=addressee, exact=True)
        expect(box).to_have_value("the Ministry of Labour", timeout=60_000)
        box.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("the Government")  # a generic addressee: the Specific letter now fails, above the boxes
        until(lambda: stored(project_in_store).recommendations[0].addressee == "the Government", page)
        expect(page.get_by_text(re.compile("^Specific:"))).to_be_visible()
        page.keyboard.type(" of Italy's Ministry of the Interior")
        expect(box).to_have_value("the Government of Italy's Ministry of the Interior")
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == addressee
        until(lambda: stored(project_in_store).recommendations[0].addressee == "the Government of Italy's Ministry of the Interior", page)


def test_settings_box_keeps_its_text_when_a_member_above_it_is_removed(app, project_in_store: Path):
    """Typing in the last member's Contact box while another person removes a member listed above it:
    the page shifts up at the next run, and the box keeps every character and its focus."""
    the_store = Store(project_in_store / "store.sqlite3")
    the_store.create(coalition_project())
    contact = lambda: next(m.contact for m in the_store.load("prj-joint-test").project.members if m.id == "org-union")  # noqa: E731
    with browser_on(app, failure_shot="lost-settings") as session:
        page = session.page
        page.goto(f"{session.base}/settings?project=prj-joint-test")
        expect(heading(page, "Project settings")).to_be_visible(timeout=60_000)
        box = page.locator(".st-key-w-prj-joint-test-settings-member-org-union-contact input")
        box.click()
        page.keyboard.type("union@example.org")
        until(lambda: contact() == "union@example.org", page)
        latest = the_store.load("prj-joint-test")  # another person removes the member listed above
        the_store.save(latest.project.model_copy(update={"members": [m for m in latest.project.members if m.id != "org-casa"]}),
                       latest.version)
        page.keyboard.type(" and the desk")  # saved 400 ms later: that run draws the page without Casa Nuova
        expect(page.get_by_text("Casa Nuova", exact=False)).to_have_count(0)
        page.keyboard.type(" on Fridays")
        expect(box).to_have_value("union@example.org and the desk on Fridays")
        until(lambda: contact() == "union@example.org and the desk on Fridays", page)
        assert page.evaluate("() => document.activeElement.closest('.st-key-w-prj-joint-test-settings-member-org-union-contact') !== null")


def test_a_new_evidence_item_typed_then_left_by_the_sidebar_and_reloaded_is_kept(app, project_in_store: Path):
    """The Add evidence form: text typed there, left by the sidebar, then more typed and reloaded at once."""
    claim = lambda: stored(project_in_store).evidence_draft.claim  # noqa: E731
    with browser_on(app, failure_shot="lost-new-evidence") as session:
        page = session.page
        page.goto(f"{session.base}/evidence?project=prj-upr-test")
        expect(heading(page, "Evidence")).to_be_visible(timeout=60_000)
        page.get_by_text("Add evidence", exact=True).click()
        box = page.get_by_role("textbox", name="What it shows", exact=True).first
        box.click()
        page.keyboard.type("Inspectors visited 14 farms")
        session.runs.after(page, lambda: click_page_link(page, "Plan"))
        until(lambda: claim() == "Inspectors visited 14 farms", page)
        session.runs.after(page, lambda: click_page_link(page, "Evidence"))
        box = page.get_by_role("textbox", name="What it shows", exact=True).first
        expect(box).to_have_value("Inspectors visited 14 farms")  # the form is open again, as left
        box.click()
        page.keyboard.press("End")
        page.keyboard.type(" in 2025.")
        page.wait_for_timeout(100)
        page.reload()
        expect(page.get_by_role("textbox", name="What it shows", exact=True).first).to_have_value(
            "Inspectors visited 14 farms in 2025.", timeout=60_000)
        until(lambda: claim() == "Inspectors visited 14 farms in 2025.", page)
        assert len(stored(project_in_store).evidence) == 3  # a draft, not an item


def test_a_new_members_name_typed_then_left_by_the_sidebar_and_reloaded_is_kept(app, project_in_store: Path):
    """The settings page's Add a member: a name typed there, left by the sidebar, then more typed and reloaded at once."""
    name = lambda: stored(project_in_store).member_draft.name  # noqa: E731
    box_of = lambda page: page.locator(".st-key-w-prj-upr-test-settings-new_member-name input")  # noqa: E731
    with browser_on(app, failure_shot="lost-new-member") as session:
        page = session.page
        page.goto(f"{session.base}/settings?project=prj-upr-test")
        expect(heading(page, "Project settings")).to_be_visible(timeout=60_000)
        box_of(page).click()
        page.keyboard.type("Casa Nuova")
        session.runs.after(page, lambda: click_page_link(page, "Plan"))
        until(lambda: name() == "Casa Nuova", page)
        session.runs.after(page, lambda: click_page_link(page, "Project settings"))
        expect(box_of(page)).to_have_value("Casa Nuova")
        box_of(page).click()
        page.keyboard.press("End")
        page.keyboard.type(" Onlus")
        page.wait_for_timeout(100)
        page.reload()
        expect(box_of(page)).to_have_value("Casa Nuova Onlus", timeout=60_000)
        until(lambda: name() == "Casa Nuova Onlus", page)
        assert len(stored(project_in_store).members) == 1  # a draft, not a member
