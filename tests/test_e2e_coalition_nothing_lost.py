"""Nothing typed in a coalition section is lost, in Chromium against the app on a real PostgreSQL (campaign item 7):
text typed and never "committed" (no Tab, no button) is saved when the page is left by the sidebar, survives a
reload made at once, and when the session ends in another tab it is kept in the tab and saved after logging in again.
"""

from __future__ import annotations

import pytest

from .browser import ScriptRuns, app_in_browser, expect, heading, needs_browser
from .test_e2e_coalition import _log_in, _open_sections, _person, coalition_server  # noqa: F401  (the fixture, used by name)

pytestmark = [needs_browser, pytest.mark.postgres]

BOX = "Text of 'Evidence of the problem'"
LEFT = "Typed, then the Evidence page opened from the sidebar."
RELOADED = "Typed, then the page reloaded at once."
AFTER_LOGOUT = "Typed after the session ended in another tab."


def _stored(coalition, carla, project_id: str) -> str:
    return next(s.text for s in coalition.sections(carla, project_id) if s.id == "evidence")


def _until(page, condition, timeout_ms: int = 15_000) -> None:
    """Poll the database (not the page) until ``condition()`` holds: what counts is what was saved."""
    for _ in range(timeout_ms // 100):
        if condition():
            return
        page.wait_for_timeout(100)
    assert condition()


def _sidebar_link(page, title: str) -> None:
    # Held a tenth of a second, as a person clicks (tests/test_e2e_nothing_lost.py says why).
    page.runs.after(page, lambda: page.get_by_test_id("stSidebar").get_by_role("link", name=title, exact=True).click(delay=100))
    expect(heading(page, title)).to_be_visible()


@pytest.mark.timeout(300)
def test_typed_section_text_survives_leaving_reloading_and_the_session_ending(coalition_server, tmp_path) -> None:  # noqa: F811
    coalition, carla, project_id = coalition_server
    with app_in_browser(tmp_path, failure_shot="coalition-nothing-lost-failure") as session:
        alice = _person(session, "alice")
        _log_in(alice, session.base, "alice")
        _open_sections(alice)

        # Left by the sidebar, the text never committed: saved all the same, and shown on coming back.
        alice.get_by_role("textbox", name=BOX).fill(LEFT)
        _sidebar_link(alice, "Evidence")
        _until(alice, lambda: _stored(coalition, carla, project_id) == LEFT)
        _sidebar_link(alice, "Sections")
        expect(alice.get_by_role("textbox", name=BOX)).to_have_value(LEFT)

        # Reloaded at once: the tab kept it and sends it again; it is saved and back in its box.
        alice.get_by_role("textbox", name=BOX).fill(RELOADED)
        alice.reload()
        expect(heading(alice, "Sections")).to_be_visible(timeout=60_000)
        expect(alice.get_by_role("textbox", name=BOX)).to_have_value(RELOADED)
        _until(alice, lambda: _stored(coalition, carla, project_id) == RELOADED)

        # Logged out in another tab of the same browser: this tab's text waits, and is saved after logging in again here.
        other = alice.context.new_page()
        other.runs = ScriptRuns()
        other.runs.attach(other)
        other.goto(session.base + "/")
        expect(heading(other, "Projects")).to_be_visible(timeout=60_000)
        other.runs.after(other, lambda: other.get_by_test_id("stSidebar").get_by_role("button", name="Log out").click())
        expect(heading(other, "Log in")).to_be_visible()
        box = alice.get_by_role("textbox", name=BOX)
        box.fill(AFTER_LOGOUT)
        box.press("Control+Enter")
        expect(heading(alice, "Log in")).to_be_visible()
        expect(alice.get_by_text("Your session has ended. Anything you typed")).to_be_visible()
        assert _stored(coalition, carla, project_id) == RELOADED  # not saved by someone no longer logged in
        alice.get_by_role("textbox", name="Name", exact=True).fill("alice")
        alice.get_by_role("textbox", name="Password", exact=True).fill("a long enough passphrase")
        alice.runs.after(alice, lambda: alice.get_by_role("button", name="Log in").click())
        if heading(alice, "Projects").is_visible():
            _open_sections(alice)
        expect(alice.get_by_role("textbox", name=BOX)).to_have_value(AFTER_LOGOUT)
        _until(alice, lambda: _stored(coalition, carla, project_id) == AFTER_LOGOUT)
        alice.context.close()
