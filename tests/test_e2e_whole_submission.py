"""A whole submission as a person makes it, in a real browser (Chromium against the app on localhost):
start a project, plan, add evidence, write a section citing it, compose a SMART recommendation,
run the Check, export to Word and open the file. Some steps with the mouse, others with the keyboard
alone (Tab, Enter and typing: no click at all), as a keyboard user works. At the end the store and
the Word file hold every word typed.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from shadowreport.store import Store

from .browser import app_in_browser, click_page_link, expect, heading, needs_browser, page_link, shot

pytestmark = [needs_browser, pytest.mark.timeout(240)]

TITLE = "Forced labour in the tomato harvest"
PLAN_GOAL = "Referral of every exploited farm worker to assistance within a week."
PLAN_TARGET = "The Ministry of Labour and the labour inspectorate."
CLAIM = "Inspectors found 41 workers without contracts on 9 farms in 2025."
SOURCE = "Strada Aperta, field notes 2025"
SECTION_TEXT = "Labour inspections rarely lead to a referral of the workers they find."
ADDRESSEE, VERB, OBJECT = "the Ministry of Labour", "adopt", "a referral protocol for labour inspectors"
INDICATOR = "the number of workers referred by inspectors each year"
FOCUSED = "element => element === document.activeElement || element.contains(document.activeElement)"


def keyboard_to(page, target, key: str = "Tab", limit: int = 300) -> None:
    """Press Tab (or Shift+Tab) until ``target`` has the focus, as a keyboard user does: no click."""
    for _ in range(limit):
        if target.count() and target.evaluate(FOCUSED):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{target} was not reached with {key} in {limit} presses")


def keyboard_to_page(session, title: str) -> None:
    """Leave the page by the keyboard: back up to the sidebar's link with Shift+Tab, then Enter."""
    keyboard_to(session.page, page_link(session.page, title), key="Shift+Tab")
    session.runs.after(session.page, lambda: session.page.keyboard.press("Enter"))


def until(condition, page, timeout_ms: int = 30_000) -> None:
    """Poll the store (not the page) until ``condition()`` holds."""
    for _ in range(timeout_ms // 100):
        if condition():
            return
        page.wait_for_timeout(100)
    assert condition()


def click_page(session, title: str) -> None:
    session.runs.after(session.page, lambda: click_page_link(session.page, title))


def test_a_whole_submission_with_mouse_and_keyboard_loses_nothing(tmp_path: Path):
    target = tmp_path / "submission.docx"
    with app_in_browser(tmp_path, failure_shot="whole-submission") as session:
        page, runs = session.page, session.runs

        # Start the project: with the mouse.
        page.goto(session.base + "/")
        expect(heading(page, "Projects")).to_be_visible(timeout=60_000)
        page.get_by_role("tab", name="Start a project").click()
        kind_box = page.get_by_role("combobox", name="Mechanism and kind of document")
        kind_box.click()
        page.keyboard.type("UPR: Stakeholder")
        runs.after(page, lambda: page.get_by_role("option", name="UPR: Stakeholder submission", exact=True).click())
        expect(kind_box).to_have_value("UPR: Stakeholder submission")
        page.get_by_role("textbox", name="Title of the submission", exact=True).fill(TITLE)
        page.get_by_role("textbox", name="State under review", exact=True).fill("Italy")
        page.get_by_role("textbox", name="Your organisation", exact=True).fill("Strada Aperta")
        runs.after(page, lambda: page.get_by_role("button", name="Start the project", exact=True).click())
        expect(heading(page, "Draft")).to_be_visible()
        project_id = re.search(r"project=(prj-[0-9a-z]+)", page.url).group(1)
        the_store = Store(tmp_path / "store.sqlite3")

        def stored():
            return the_store.load(project_id).project

        # The plan: with the keyboard alone, two steps typed one after the other, left by Tab.
        keyboard_to_page(session, "Plan")
        expect(heading(page, "Advocacy plan")).to_be_visible()
        steps = page.get_by_test_id("stMain").get_by_role("textbox")
        expect(steps.first).to_be_visible()
        keyboard_to(page, steps.nth(0))
        page.keyboard.type(PLAN_GOAL)
        keyboard_to(page, steps.nth(1))
        page.keyboard.type(PLAN_TARGET)

        # Evidence: with the mouse, then left by the sidebar at once.
        click_page(session, "Evidence")
        expect(heading(page, "Evidence")).to_be_visible()
        page.get_by_role("textbox", name="What it shows", exact=True).click()
        page.keyboard.type(CLAIM)
        page.get_by_role("textbox", name="Source (document, author, page)", exact=True).click()
        page.keyboard.type(SOURCE)
        # Held a tenth of a second, as a person clicks: with no hold at all, Streamlit may send the box's text after the click.
        runs.after(page, lambda: page.get_by_role("button", name="Add the evidence", exact=True).click(delay=100))
        expect(page.get_by_text(re.compile(r"^Added ev-"))).to_be_visible()
        (evidence_id,) = [item.id for item in stored().evidence]

        # The Draft: with the keyboard alone, a paragraph citing the evidence, then a reload at once.
        keyboard_to_page(session, "Draft")
        expect(heading(page, "Draft")).to_be_visible()
        summary = page.get_by_role("textbox", name="Text of 'Summary and key words'", exact=True)
        keyboard_to(page, summary)
        page.keyboard.type(f"{SECTION_TEXT} [^{evidence_id}]")
        page.reload()
        expect(page.get_by_role("textbox", name="Text of 'Summary and key words'", exact=True)).to_have_value(
            f"{SECTION_TEXT} [^{evidence_id}]", timeout=60_000)

        # A SMART recommendation: with the keyboard alone, Enter on the button, Tab from field to field.
        keyboard_to_page(session, "Recommendations")
        expect(heading(page, "Recommendations")).to_be_visible()
        keyboard_to(page, page.get_by_role("button", name="Add a recommendation", exact=True))
        runs.after(page, lambda: page.keyboard.press("Enter"))
        for label, value in (("Who must act (ministry, agency or department)", ADDRESSEE), ("Action verb", VERB),
                             ("What is to be done", OBJECT)):
            keyboard_to(page, page.get_by_role("textbox", name=label, exact=True))
            page.keyboard.type(value)
        keyboard_to(page, page.get_by_role("combobox", name="Timeframe"))
        page.keyboard.type("short")
        runs.after(page, lambda: page.keyboard.press("Enter"))
        keyboard_to(page, page.get_by_role("textbox", name="How anyone can tell it was done (indicator)", exact=True))
        page.keyboard.type(INDICATOR)
        until(lambda: stored().recommendations[0].indicator == INDICATOR, page)  # its save's run done: none redraws the list below
        keyboard_to(page, page.get_by_role("combobox", name="Evidence it rests on"))  # what makes it Relevant
        page.keyboard.type(evidence_id)
        expect(page.get_by_role("option", name=re.compile(re.escape(evidence_id)))).to_be_visible()  # listed: Enter chooses it
        runs.after(page, lambda: page.keyboard.press("Enter"))
        page.keyboard.press("Escape")
        expect(page.get_by_text(f"The Ministry of Labour should {VERB} {OBJECT}", exact=False)).to_be_visible()
        smart = page.get_by_test_id("stCaptionContainer").filter(has_text="UPR Info category")
        expect(smart).not_to_contain_text("close")  # every letter passes: no failing mark
        shot(page, "20-whole-submission-recommendation")

        # The Check: with the mouse.
        click_page(session, "Check")
        expect(heading(page, "Check")).to_be_visible()
        expect(page.get_by_role("tab", name="This project")).to_be_visible()
        expect(page.get_by_text(re.compile(f"{evidence_id}.*(does not exist|unknown)"))).to_have_count(0)  # the citation is found

        # Export to Word: with the mouse; the empty sections are listed and confirmed first.
        click_page(session, "Export")
        expect(heading(page, "Export")).to_be_visible()
        confirm = page.get_by_text("I have read these and want the document printed as it is", exact=True)
        if confirm.count():
            runs.after(page, confirm.click)
        runs.after(page, lambda: page.get_by_role("button", name="Export", exact=True).click())
        download_button = page.get_by_role("button", name=re.compile(r"^Download .*\.docx$"))
        expect(download_button).to_be_visible(timeout=60_000)
        with page.expect_download(timeout=60_000) as download:
            download_button.click()
        download.value.save_as(target)

    # Nothing typed was lost: the store holds every word, the Word file prints them.
    project = stored()
    assert [project.plan[step] for step in list(project.plan)[:2]] == [PLAN_GOAL, PLAN_TARGET]
    assert [(e.claim, e.source.citation) for e in project.evidence] == [(CLAIM, SOURCE)]
    assert project.evidence_draft.claim == ""  # added, so no draft left behind
    assert project.sections[0].text == f"{SECTION_TEXT} [^{evidence_id}]"
    (rec,) = project.recommendations
    assert (rec.addressee, rec.verb, rec.object, rec.timeframe.term, rec.indicator) == (ADDRESSEE, VERB, OBJECT, "short", INDICATOR)
    assert rec.evidence_ids == [evidence_id]

    import docx

    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    assert any(SECTION_TEXT in text for text in paragraphs), paragraphs
    assert any(f"should {VERB} {OBJECT}" in text for text in paragraphs), paragraphs
    with zipfile.ZipFile(target) as package:
        footnotes = package.read("word/footnotes.xml").decode()
    assert SOURCE in footnotes  # the citation became a footnote naming the source
