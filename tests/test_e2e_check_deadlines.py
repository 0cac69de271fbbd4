"""In a real browser (Chromium): the Check page opens a finding's passage in the Draft, and the
Deadlines timeline is drawn by the Vega bundled with the app, with nothing fetched from elsewhere
(tests/browser.py fails the test if the page requests anything beyond this machine)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from shadowreport.project.model import DeadlineOverride
from shadowreport.store import Store

from .browser import app_in_browser, click_page_link, expect, heading, needs_browser, shot
from .factories import upr_project

pytestmark = needs_browser

WITHIN_A_MONTH = "#e0b400"  # the chart's colour for a date 8 to 30 days away (deadlines_page.URGENCY_COLOURS)


@pytest.mark.timeout(180)
def test_check_opens_the_passage_and_the_timeline_is_drawn_offline(tmp_path: Path):
    project = upr_project(deadline_override=DeadlineOverride(date=dt.date.today() + dt.timedelta(days=12), source="information note"))
    project.sections[1].text = "Maria Popescu, a 16-year-old girl from Iasi, was recruited."
    Store(tmp_path / "store.sqlite3").create(project)  # the store the harness gives the app
    with app_in_browser(tmp_path, failure_shot="check-deadlines-failure") as session:
        page, runs = session.page, session.runs
        page.goto(f"{session.base}/?project={project.id}")
        expect(heading(page, "Projects")).to_be_visible(timeout=60_000)

        runs.after(page, lambda: click_page_link(page, "Check"))
        expect(heading(page, "Check")).to_be_visible()
        expect(page.get_by_role("heading", name=re.compile(r"^Evidence of the problem: 2 must fix"))).to_be_visible()
        expect(page.get_by_text("Must fix:").first).to_be_visible()
        expect(page.get_by_text("privacy.personal-data").first).to_be_hidden()  # rule ids only under Details
        shot(page, "check-plain-words")
        runs.after(page, lambda: page.get_by_role("button", name="Open this section in the Draft").first.click())
        expect(heading(page, "Draft")).to_be_visible()
        expect(page).to_have_url(re.compile(rf"/draft\?project={project.id}&section=evidence$"))
        # The section is brought into view and its text box has the focus (keyboard users land there too).
        section = page.locator(".st-key-section-evidence")
        expect(section).to_be_in_viewport()
        expect(section.get_by_role("textbox").first).to_be_focused()

        runs.after(page, lambda: click_page_link(page, "Deadlines"))
        expect(heading(page, "Deadlines")).to_be_visible()
        chart = page.get_by_test_id("stVegaLiteChart")
        expect(chart.locator("svg").first).to_be_visible()
        # Vega drew the marks in the urgency's colour, with the days left and the legend in words.
        expect(chart.locator("svg text").filter(has_text="12 days left")).to_be_visible()
        expect(chart.locator("svg text").filter(has_text="within a month").first).to_be_visible()
        expect(chart.locator(f'svg path[fill="{WITHIN_A_MONTH}"]').first).to_be_visible()
        shot(page, "deadlines-timeline")
