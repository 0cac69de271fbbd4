"""End to end in a real browser: Debian's headless Chromium, driven by Playwright, against the app served
on localhost. Start a project, write in the draft, build a recommendation, reload, visit every page,
export to Word and open the downloaded file. Screenshots of every page go to test-artifacts/e2e/.

Nothing may leave this machine (tests/browser.py checks every request the page makes).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from .browser import ARTIFACTS, ScriptRuns, app_in_browser, click_page_link, expect, heading, needs_browser, shot

pytestmark = needs_browser

TITLE = "Labour trafficking in agriculture"
ORGANISATION = "Strada Aperta"
KIND_LABEL = "UPR: Stakeholder submission"
DRAFT_TEXT = "We ask the Federal Ministry of Labour to fund referral for exploited workers."  # 13 words
ADDRESSEE, VERB, OBJECT = "the Federal Ministry of Labour", "adopt", "a rule that inspectors refer every exploited worker"
SENTENCE = f"The Federal Ministry of Labour should {VERB} {OBJECT}."
ADDRESSEE_LABEL = "Who must act (ministry, agency or department)"


@pytest.mark.timeout(300)
def test_start_write_recommend_reload_export_in_chromium(tmp_path: Path):
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    target = tmp_path / "downloaded.docx"
    started = time.monotonic()
    with app_in_browser(tmp_path) as session:
        _flow(session.page, session.runs, session.base, target)
    print(f"browser flow took {time.monotonic() - started:.1f} s")

    import docx

    from shadowreport.importers import read_draft

    assert any(DRAFT_TEXT in p.text for p in docx.Document(str(target)).paragraphs)  # Word's library opens it
    recommendations = [r.text for r in read_draft(target).recommendations]
    assert any(f"should {VERB} {OBJECT}" in text for text in recommendations), recommendations


def _flow(page, runs: ScriptRuns, base: str, target: Path) -> None:
    sidebar = page.get_by_test_id("stSidebar")

    def go(title: str, project_id: str, shown_as: str | None = None) -> None:
        """A page link in the sidebar; the link drops ?project=, and the app puts it back."""
        runs.after(page, lambda: click_page_link(page, title))
        expect(heading(page, shown_as or title)).to_be_visible()
        expect(page).to_have_url(re.compile(rf"\?project={project_id}$"))

    # Projects, the default page.
    page.goto(base + "/")
    expect(heading(page, "Projects")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("No projects yet")).to_be_visible()
    shot(page, "01-projects")

    # Start a project: choose the mechanism and kind, fill the form, start it.
    page.get_by_role("tab", name="Start a project").click()
    kind_box = page.get_by_role("combobox", name="Mechanism and kind of document")
    kind_box.click()
    page.keyboard.type("UPR: Stakeholder")
    runs.after(page, lambda: page.get_by_role("option", name=KIND_LABEL, exact=True).click())
    expect(kind_box).to_have_value(KIND_LABEL)  # the selectbox shows its choice in its input
    page.get_by_role("textbox", name="Title of the submission", exact=True).fill(TITLE)
    page.get_by_role("textbox", name="State under review", exact=True).fill("Italy")
    page.get_by_role("textbox", name="Your organisation", exact=True).fill(ORGANISATION)
    shot(page, "02-start-a-project")
    runs.after(page, lambda: page.get_by_role("button", name="Start the project", exact=True).click())

    # Draft: the new project is open, its id in the address.
    expect(heading(page, "Draft")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/draft\?project=prj-[0-9a-z]+$"))
    project_id = re.search(r"project=(prj-[0-9a-z]+)", page.url).group(1)
    expect(sidebar.get_by_text(TITLE, exact=True)).to_be_visible()
    expect(sidebar.get_by_text("upr/stakeholder · saved as version 1", exact=True)).to_be_visible()
    first_box = page.get_by_role("textbox", name="Text of 'Summary and key words'", exact=True)
    first_box.fill(DRAFT_TEXT)
    runs.after(page, lambda: first_box.press("Tab"))  # leaving the box saves it
    expect(sidebar.get_by_text("upr/stakeholder · saved as version 2", exact=True)).to_be_visible()
    expect(page.get_by_text("13 words", exact=True)).to_be_visible()
    shot(page, "03-draft")

    # Recommendations: add one, fill it in, and see the sentence and the SMART feedback.
    go("Recommendations", project_id)
    runs.after(page, lambda: page.get_by_role("button", name="Add a recommendation", exact=True).click())
    for label, value in ((ADDRESSEE_LABEL, ADDRESSEE), ("Action verb", VERB), ("What is to be done", OBJECT)):
        box = page.get_by_role("textbox", name=label, exact=True)
        expect(box).to_have_count(1)
        box.fill(value)
        runs.after(page, lambda box=box: box.press("Tab"))
        expect(box).to_have_value(value)
    expect(page.get_by_text(SENTENCE)).to_be_visible()
    smart = page.get_by_test_id("stCaptionContainer").filter(has_text="UPR Info category")
    expect(smart).to_contain_text("Specific")
    expect(smart).to_contain_text("Time-bound")
    expect(smart).to_contain_text("UPR Info category 5 (specific action)")
    failing_letter = page.get_by_role("listitem").filter(has_text=re.compile(r"^Time-bound: \S"))
    expect(failing_letter).to_have_count(1)  # the letter that fails, with its reason
    # Saved six times: created, the section text, the new recommendation and its three fields.
    expect(sidebar.get_by_text("upr/stakeholder · saved as version 6", exact=True)).to_be_visible()
    shot(page, "04-recommendations")

    # A browser refresh: a new session that reopens the project from the address.
    page.reload()
    expect(heading(page, "Recommendations")).to_be_visible(timeout=60_000)
    expect(page).to_have_url(re.compile(rf"/recommendations\?project={project_id}$"))
    # The input is first painted empty and filled a moment later: wait for the value, never read it once.
    expect(page.get_by_role("textbox", name=ADDRESSEE_LABEL, exact=True)).to_have_value(ADDRESSEE)
    expect(page.get_by_role("textbox", name="What is to be done", exact=True)).to_have_value(OBJECT)
    expect(page.get_by_text(SENTENCE)).to_be_visible()

    # Every other page, with the project still open.
    go("Plan", project_id, shown_as="Advocacy plan")
    shot(page, "05-plan")
    go("Evidence", project_id)
    shot(page, "06-evidence")
    go("Check", project_id)
    expect(page.get_by_role("tab", name="This project")).to_be_visible()
    shot(page, "07-check")
    go("Deadlines", project_id)
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text=TITLE)).to_contain_text("no date yet")
    if page.get_by_test_id("stDataFrame").count():  # the table is drawn a moment after the run: wait for it
        expect(page.get_by_test_id("stDataFrame").locator("[role=gridcell]").first).to_be_attached()
    shot(page, "08-deadlines")
    go("Rules", project_id)
    shot(page, "09-rules")

    # Export to Word and download it.
    go("Export", project_id)
    # The new project's empty headings would be printed: the page lists them and waits for a confirmation.
    expect(page.get_by_text(re.compile(r"^Before you export: \d+ thing"))).to_be_visible()
    expect(page.get_by_role("button", name="Export", exact=True)).to_be_disabled()
    runs.after(page, lambda: page.get_by_text("I have read these and want the document printed as it is", exact=True).click())
    runs.after(page, lambda: page.get_by_role("button", name="Export", exact=True).click())
    download_button = page.get_by_role("button", name="Download Labour-trafficking-in-agriculture.docx", exact=True)
    expect(download_button).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile(r"^\d+ words; .*page\(s\)"))).to_be_visible()
    shot(page, "10-export")
    with page.expect_download(timeout=60_000) as download_info:
        download_button.click()
    download = download_info.value
    assert download.suggested_filename == "Labour-trafficking-in-agriculture.docx"
    download.save_as(target)
    assert target.stat().st_size > 0
    expect(download_button).to_be_visible()  # still there after the download, for a second copy
