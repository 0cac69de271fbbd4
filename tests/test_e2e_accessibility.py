"""Accessibility in a real browser: axe-core's WCAG 2.1 A and AA rules on every page with a sample
open and findings shown, every page reflowing at 200% zoom, and a whole recommendation written with
the keyboard alone, the focus visible wherever it stops.

axe-core comes bundled in the axe-playwright-python package and runs inside the page: it fetches
nothing (tests/browser.py fails the test if the page reaches beyond this machine).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from .browser import app_in_browser, click_page_link, expect, heading, needs_browser, no_app_errors
from .docx_builder import build_docx, para
from .docx_builder import heading as heading_xml

pytestmark = needs_browser

# WCAG 2.1 A and AA, and headings that follow a real outline (axe files that rule under best practice).
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "rules": {"heading-order": {"enabled": True}}, "resultTypes": ["violations"]}
PAGES = ["Plan", "Evidence", "Draft", "Recommendations", "Check", "Deadlines", "Export", "Rules", "Projects"]  # at least these


# What sticks out to the right of the window: at 200% zoom (a 1280 px window shows 640 CSS px) content
# must reflow, not be cut off or need sideways scrolling (WCAG 1.4.4 and 1.4.10). What sits inside a box
# that clips or scrolls (a data table's own scroller, as WCAG allows) is judged by that box instead.
OVERFLOW = """() => [...document.querySelectorAll('[data-testid=stMain] *')].filter(e => {
        const box = e.getBoundingClientRect();
        if (box.width === 0 || box.right <= window.innerWidth + 1 || getComputedStyle(e).visibility === 'hidden') return false;
        for (let up = e.parentElement; up && up.getAttribute('data-testid') !== 'stMain'; up = up.parentElement)
            if (getComputedStyle(up).overflowX !== 'visible') return false;
        return true;
    }).map(e => e.tagName.toLowerCase() + ' ' + (e.innerText || '').slice(0, 40)).slice(0, 5)"""


def axe_violations(page) -> list[str]:
    """Every WCAG 2.1 A/AA violation axe finds on the page as it stands, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_21_AA).response
    return [f"{violation['id']} ({violation['impact']}): {node['html'][:160]} — {node.get('failureSummary', '')[:200]}"
            for violation in results["violations"] for node in violation["nodes"]]


@pytest.mark.timeout(300)
def test_every_page_with_a_sample_open_has_no_wcag_violation_and_reflows_at_200_percent(tmp_path: Path, monkeypatch):
    # Started from a folder of its own: the theme must come with the app, not from where it is run.
    monkeypatch.chdir(tmp_path)
    found: dict[str, list[str]] = {}
    with app_in_browser(tmp_path, failure_shot="accessibility") as session:
        page, runs = session.page, session.runs
        page.goto(session.base + "/")
        expect(heading(page, "Projects")).to_be_visible(timeout=60_000)
        for tab in ("Start a project", "Import a file", "Open a sample"):
            page.get_by_role("tab", name=tab).click()
            found[f"Projects, {tab}"] = axe_violations(page)
        runs.after(page, lambda: page.get_by_role("button", name="Open this sample").click())
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_role("link", name="Rules", exact=True)).to_be_visible()
        # Every page the sidebar offers (a page added later is measured too), Projects last.
        titles = [name for name in sidebar.get_by_role("link").all_inner_texts() if name.strip()]
        titles = [title.strip().splitlines()[-1].strip() for title in titles]
        titles = sorted(titles, key=lambda title: title == "Projects")
        assert set(PAGES) <= set(titles), titles
        print("pages measured:", titles)  # shown when the test fails
        for title in titles:
            runs.after(page, lambda title=title: click_page_link(page, title))
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            if title == "Check":  # the findings must be on the page being measured
                expect(page.get_by_text(re.compile(r"\b(error|warning|info)\b", re.IGNORECASE)).first).to_be_visible()
            no_app_errors(page)
            found[title] = axe_violations(page)
            page.set_viewport_size({"width": 640, "height": 400})  # the same window at 200% zoom
            page.wait_for_timeout(300)  # a reflow, no script run: nothing to wait on but layout
            found[f"{title} at 200% zoom"] = [f"cut off or scrolled sideways: {what}" for what in page.evaluate(OVERFLOW)]
            page.set_viewport_size({"width": 1280, "height": 800})
        # A Word file someone else wrote, full of barriers, checked on the Check page: its findings too.
        inaccessible = tmp_path / "inaccessible.docx"
        inaccessible.write_bytes(build_docx([heading_xml("Background"), para("1. The Ministry should adopt a rule by 2027."),
                                             para("2. The Ministry should fund ten posts by 2028.")]))
        runs.after(page, lambda: click_page_link(page, "Check"))
        page.get_by_role("tab", name="Check a document").click()
        runs.after(page, lambda: page.locator("input[type=file]").set_input_files(str(inaccessible)))
        kind_box = page.get_by_role("combobox", name="Mechanism and kind of document")
        kind_box.click()
        page.keyboard.type("UPR: Stakeholder")
        runs.after(page, lambda: page.get_by_role("option", name="UPR: Stakeholder submission", exact=True).click())
        expect(page.get_by_text("no title property").first).to_be_visible()
        no_app_errors(page)
        found["Check, a Word file's findings"] = axe_violations(page)
        # The theme was read: captions are drawn from the theme's text colour, not Streamlit's default.
        text_colour = page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=stMain] h1')).color")
        assert text_colour == "rgb(17, 17, 17)", text_colour
    problems = {where: lines for where, lines in found.items() if lines}
    assert not problems, "axe found WCAG 2.1 A/AA violations:\n" + "\n".join(
        f"{where}: {line}" for where, lines in problems.items() for line in lines)


# --- the keyboard alone -------------------------------------------------------------------------

ADDRESSEE_LABEL = "Who must act (ministry, agency or department)"


def _focused(page) -> dict:
    """What has the keyboard focus: its accessible label (as far as the DOM says) and where it is."""
    return page.evaluate("""() => {
        const e = document.activeElement;
        if (!e || e === document.body) return {label: '', tag: 'body'};
        const byId = e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`);
        const label = e.getAttribute('aria-label') || (byId && byId.innerText) || (e.labels && e.labels[0] && e.labels[0].innerText)
                      || e.innerText || e.value || '';
        const box = e.getBoundingClientRect();
        return {label: label.trim(), tag: e.tagName.toLowerCase(), type: e.type || '', x: box.x, y: box.y, width: box.width, height: box.height};
    }""")


def _named(focused: dict, label: str) -> bool:
    """The control is named ``label`` (a link's text starts with its icon's name, e.g. "checklist")."""
    lines = focused["label"].splitlines()
    return focused["label"] == label or (focused["tag"] == "a" and bool(lines) and lines[-1].strip() == label)


class Keyboard:
    """Tab, Shift-Tab, Enter, Space and typing only; after every move, the focus must show."""

    def __init__(self, page, runs) -> None:
        self.page, self.runs = page, runs
        self.unseen: list[str] = []  # elements that took the focus without any visible change

    def press(self, key: str, rerun: bool = False, look: bool = True) -> dict:
        """Press ``key``; when it moves the focus and ``look`` is on, the newly focused control must look
        different from a moment before (a focus ring, a border, a highlight)."""
        from PIL import Image, ImageChops

        page = self.page
        before = page.screenshot(caret="hide") if look else None
        if rerun:
            self.runs.after(page, lambda: page.keyboard.press(key))
        else:
            page.keyboard.press(key)
        focused = _focused(page)
        if look and focused["tag"] != "body" and focused["width"] and key in ("Tab", "Shift+Tab"):
            page.wait_for_timeout(150)  # a focus ring may fade in
            area = self._crop(focused)
            shown_before = Image.open(io.BytesIO(before)).convert("RGB").crop(area)
            shown_now = Image.open(io.BytesIO(page.screenshot(caret="hide"))).convert("RGB").crop(area)
            if ImageChops.difference(shown_before, shown_now).getbbox() is None:
                self.unseen.append(focused["label"] or focused["tag"])
        return focused

    @staticmethod
    def _crop(box: dict) -> tuple[int, int, int, int]:
        margin = 6
        return (int(max(box["x"] - margin, 0)), int(max(box["y"] - margin, 0)),
                int(max(box["x"] - margin, 0) + box["width"] + 2 * margin), int(max(box["y"] - margin, 0) + box["height"] + 2 * margin))

    def tab_to(self, label: str, limit: int = 80) -> dict:
        """Tab forward until the focus is on the control named ``label`` (no key at all if it is there)."""
        focused = _focused(self.page)
        if _named(focused, label):
            return focused
        passed = []
        for _ in range(limit):
            focused = self.press("Tab", look=False)
            if _named(focused, label):
                # Step back and come again, looking: the focus must show on the control the walk stops at.
                self.press("Shift+Tab", look=False)
                return self.press("Tab")
            passed.append(f"{focused['tag']}:{focused['label'][:40]}")
        raise AssertionError(f"'{label}' was not reached in {limit} presses of Tab; the focus went to {passed}")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


@pytest.mark.timeout(300)
def test_a_whole_recommendation_with_the_keyboard_alone(tmp_path: Path):
    with app_in_browser(tmp_path, failure_shot="keyboard") as session:
        page, runs = session.page, session.runs
        # A tall window: the whole page is on screen, so nothing scrolls between two looks at the focus.
        page.set_viewport_size({"width": 1280, "height": 2400})
        page.goto(session.base + "/")
        expect(heading(page, "Projects")).to_be_visible(timeout=60_000)
        keys = Keyboard(page, runs)

        # Start a project with the keyboard: the tab, the kind, the title, the button.
        keys.tab_to("Your projects")
        keys.press("ArrowRight")  # tabs: one stop for Tab, arrows between them (the ARIA tabs pattern)
        assert _focused(page)["label"] == "Start a project"
        keys.press("Enter")
        keys.tab_to("Mechanism and kind of document")
        keys.type("UPR: Stakeholder")
        keys.press("Enter", rerun=True)
        keys.tab_to("Title of the submission")
        keys.type("Forced labour on farms")
        keys.tab_to("Your organisation")
        keys.type("Campo Libero")
        keys.tab_to("Start the project")
        keys.press("Enter", rerun=True)
        expect(heading(page, "Draft")).to_be_visible()

        # To the Recommendations page through the sidebar's link.
        page.keyboard.press("Shift+Tab")  # from wherever the new page put the focus, back into the page
        keys.tab_to("Recommendations")
        keys.press("Enter", rerun=True)
        expect(heading(page, "Recommendations")).to_be_visible()
        expect(page).to_have_url(re.compile(r"/recommendations\?project=prj-"))  # the app puts the project back in the address
        expect(page.get_by_role("button", name="Add a recommendation")).to_be_enabled()

        # Add one and fill it in, leaving each field with Tab (which saves it).
        keys.tab_to("Add a recommendation")
        keys.press("Enter", rerun=True)
        for label, text in ((ADDRESSEE_LABEL, "the Ministry of Labour"), ("Action verb", "adopt"),
                            ("What is to be done", "a rule that labour inspectors refer every exploited worker to support")):
            keys.tab_to(label)
            keys.type(text)
            keys.press("Tab", rerun=True)  # leaving the field saves it
        keys.tab_to("Timeframe")
        keys.type("medium")
        keys.press("Enter", rerun=True)
        keys.tab_to("How anyone can tell it was done (indicator)")
        keys.type("number of workers referred each year")
        keys.press("Tab", rerun=True)
        keys.tab_to("Priority")
        keys.press("Space", rerun=True)
        # Shift-Tab goes back the way it came.
        assert keys.press("Shift+Tab")["label"] == "How anyone can tell it was done (indicator)"
        assert keys.press("Tab")["label"] == "Priority"

        sentence = "The Ministry of Labour should adopt a rule that labour inspectors refer every exploited worker to support"
        expect(page.get_by_text(re.compile(re.escape(sentence)))).to_be_visible()
        expect(page.get_by_role("checkbox", name="Priority")).to_be_checked()
        expect(page.get_by_role("textbox", name="How anyone can tell it was done (indicator)")).to_have_value("number of workers referred each year")

        # Saved: a reload shows what the keyboard wrote.
        page.reload()
        expect(heading(page, "Recommendations")).to_be_visible(timeout=60_000)
        expect(page.get_by_role("textbox", name=ADDRESSEE_LABEL)).to_have_value("the Ministry of Labour")
        expect(page.get_by_role("combobox", name="Timeframe")).to_have_value("medium")
        assert not keys.unseen, f"the focus did not show on: {keys.unseen}"
