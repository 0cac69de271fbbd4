"""User text is text on the coalition server too, in Chromium against a real PostgreSQL: every name, title,
section text, comment, suggestion, evidence item and typed box holds a Markdown image, raw HTML, a link and
Streamlit's icon syntax; the coordinator visits every page and presses the buttons whose notices quote what
was typed; the browser requests nothing beyond this machine (tests/browser.py records every request).

A coordinator's notice once drew an organisation name typed into "Invite" as HTML, and the browser fetched its
image (campaign item 5): an IP leak, through text any member can influence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shadowreport.project.model import Citation, EvidenceItem, SectionText

from .browser import app_in_browser, click_page_link, expect, heading, needs_browser, no_app_errors
from .factories import upr_project

pytestmark = [needs_browser, pytest.mark.postgres]

HOST = "203.0.113.9"  # TEST-NET-3: reserved for documentation, never a real machine
PASSWORD = "a long enough passphrase"


def hostile(field: str) -> str:
    """At most 200 characters (a name's limit): an image as Markdown and as HTML, a link, an icon."""
    return f"{field} ![x](http://{HOST}/{field}.png) <img src=http://{HOST}/{field}-h.png> [l](http://{HOST}/{field}-l) :material/home:"


@pytest.fixture
def hostile_coalition(postgres_url: str, monkeypatch: pytest.MonkeyPatch):
    from shadowreport.server.service import Coalition

    coalition = Coalition(postgres_url)
    coalition.accounts.add("carla", hostile("coordinators"), "coordinator", PASSWORD)
    coalition.accounts.add(hostile("alice"), hostile("members"), "member", PASSWORD)
    carla = coalition.user_for(coalition.login("carla", PASSWORD))
    alice = coalition.user_for(coalition.login(hostile("alice"), PASSWORD))
    project = upr_project(title=hostile("title"), state=hostile("state"),
                          sections=[SectionText(id=s.id, title=hostile(f"heading-{s.id}"), text=hostile(f"text-{s.id}"))
                                    for s in upr_project().sections])
    project_id = coalition.create_project(carla, project)
    coalition.invite(carla, project_id, hostile("members"))
    coalition.assign(carla, project_id, "evidence", hostile("members"))
    version = next(s.version for s in coalition.sections(alice, project_id) if s.id == "evidence")
    coalition.save_section(alice, project_id, "evidence", hostile("saved"), version)
    coalition.comment(alice, project_id, "evidence", hostile("comment"))
    coalition.suggest(alice, project_id, "submitters", hostile("suggestion"))
    coalition.save_evidence(alice, project_id, EvidenceItem(kind="statistic", claim=hostile("claim"),
                                                            source=Citation(citation=hostile("source")),
                                                            contributed_by=alice.organisation_id))
    coalition.sign_off(alice, project_id, coalition.signoff_status(alice, project_id).snapshot_hash)
    monkeypatch.setenv("SHADOWREPORT_DATABASE_URL", postgres_url)
    return coalition


def _nothing_planted_on(page) -> None:
    no_app_errors(page)
    expect(page.locator(f"img[src*='{HOST}'], a[href*='{HOST}'], [src*='{HOST}']")).to_have_count(0)


@pytest.mark.timeout(300)
def test_every_coalition_page_and_notice_shows_user_text_as_text(hostile_coalition, tmp_path: Path) -> None:
    with app_in_browser(tmp_path, failure_shot="coalition-user-text-failure") as session:
        page, runs = session.page, session.runs
        page.goto(session.base + "/")
        expect(heading(page, "Log in")).to_be_visible(timeout=60_000)
        page.get_by_role("textbox", name="Name", exact=True).fill("carla")
        page.get_by_role("textbox", name="Password", exact=True).fill(PASSWORD)
        runs.after(page, lambda: page.get_by_role("button", name="Log in").click())
        expect(heading(page, "Projects")).to_be_visible()
        _nothing_planted_on(page)
        runs.after(page, lambda: page.get_by_role("button", name="Open this project", exact=True).click())
        expect(heading(page, "Sections")).to_be_visible()
        _nothing_planted_on(page)

        # A save's notice quotes the section's title.
        box = page.locator("[class*='-submitters-text'] textarea")
        box.fill(hostile("typed"))
        runs.after(page, lambda: box.press("Control+Enter"))  # the box's text sent: it is saved
        expect(page.locator(".st-key-coalition-notice")).to_contain_text(f"Saved 'heading-submitters ![x](http:\u2060//{HOST}/")
        _nothing_planted_on(page)

        for title in ("Evidence", "Check", "Sign-off", "Export", "Coordination"):
            runs.after(page, lambda title=title: click_page_link(page, title))
            expect(heading(page, title)).to_be_visible()
            _nothing_planted_on(page)

        # The refusal of an unknown organisation quotes the name typed.
        invite = page.get_by_role("textbox", name="Invite an organisation", exact=False)
        invite.fill(hostile("invited"))
        runs.after(page, lambda: invite.press("Control+Enter"))
        runs.after(page, lambda: page.get_by_role("button", name="Invite", exact=True).click())
        expect(page.locator(".st-key-coalition-notice")).to_contain_text("There is no organisation named")
        expect(page.locator(".st-key-coalition-notice")).to_contain_text(f"{HOST}/invited.png")  # shown as the text typed
        _nothing_planted_on(page)

        # A new project's title in the start form, and the notice after it.
        runs.after(page, lambda: click_page_link(page, "Projects"))
        page.get_by_role("textbox", name="Title of the submission").fill(hostile("new-title"))
        runs.after(page, lambda: page.get_by_role("button", name="Start the project").click())
        expect(heading(page, "Sections")).to_be_visible()
        _nothing_planted_on(page)
