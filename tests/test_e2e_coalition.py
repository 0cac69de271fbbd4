"""Three people of one coalition at once, in Chromium, on the app served against a real PostgreSQL.

Carla coordinates (Strada Aperta); Alice (Casa Nuova) writes the evidence section and Bruno (Lavoro
Giusto) the recommendations, each in a browser context of their own (their own cookies). Alice and
Bruno save their sections at the same moment and both texts are kept; Bruno suggests a change to a
section that is not his and Carla merges it; Alice signs off on the version she read; Bruno's next
edit reopens her sign-off; Carla also merges a contribution file and reads the audit log. A refresh keeps each of them logged in; logging out ends it for good.

Nothing may leave this machine (tests/browser.py checks every request of every context).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .browser import ScriptRuns, app_in_browser, click_page_link, expect, heading, needs_browser, shot
from .factories import upr_project

pytestmark = [needs_browser, pytest.mark.postgres]

PASSWORD = "a long enough passphrase"
ALICE_TEXT = "Casa Nuova assisted 41 women recruited through job offers online in 2025."
BRUNO_TEXT = "We recommend that labour inspectors refer every exploited worker to assistance."
BRUNO_LATER = BRUNO_TEXT + " Referral should not depend on a complaint."
SUGGESTED = "Strada Aperta, Casa Nuova and Lavoro Giusto submit this report together."


@pytest.fixture
def coalition_server(postgres_url: str, monkeypatch: pytest.MonkeyPatch):
    """The accounts and the project, made as the command line and the coordinator would; the app started after this uses them."""
    from shadowreport.server.service import Coalition

    coalition = Coalition(postgres_url)
    for name, organisation, role in [("carla", "Strada Aperta", "coordinator"), ("alice", "Casa Nuova", "member"),
                                     ("bruno", "Lavoro Giusto", "member")]:
        coalition.accounts.add(name, organisation, role, PASSWORD)
    carla = coalition.user_for(coalition.login("carla", PASSWORD))
    project_id = coalition.create_project(carla, upr_project())
    for organisation in ("Casa Nuova", "Lavoro Giusto"):
        coalition.invite(carla, project_id, organisation)
    coalition.assign(carla, project_id, "evidence", "Casa Nuova")
    coalition.assign(carla, project_id, "recommendations", "Lavoro Giusto")
    monkeypatch.setenv("SHADOWREPORT_DATABASE_URL", postgres_url)  # the app's server process inherits it
    return coalition, carla, project_id


def _person(session, name: str):
    """A browser context of its own (its own cookies), on the same guard as the harness's: nothing beyond localhost."""
    page = session.new_context().new_page()
    page.runs = ScriptRuns()
    page.runs.attach(page)
    page.who = name
    return page


MERGED_CLAIM = "Labour inspectors visited 30 farms in the province in 2025."


def _contribution(coalition, carla_user, project_id: str) -> str:
    """Lavoro Giusto's contribution file, as its own copy of the project would write it: one evidence item."""
    from shadowreport.project.exchange import Contribution, dump
    from shadowreport.project.model import EvidenceItem

    member = next(m for m in coalition.project_for(carla_user, project_id).members if m.name == "Lavoro Giusto")
    return dump("contribution", Contribution(member=member, project_id=project_id, project_title=upr_project().title,
                                             evidence=[EvidenceItem(kind="statistic", claim=MERGED_CLAIM)]))


def _log_in(page, base: str, name: str) -> None:
    page.goto(base + "/")
    expect(heading(page, "Log in")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)  # nothing beside the form before login
    page.get_by_role("textbox", name="Name", exact=True).fill(name)
    page.get_by_role("textbox", name="Password", exact=True).fill(PASSWORD)
    page.runs.after(page, lambda: page.get_by_role("button", name="Log in").click())
    expect(heading(page, "Projects")).to_be_visible()


def _session_cookie(page) -> dict:
    """The session cookie the page's script wrote (it runs just after the login's rerun is drawn)."""
    for _ in range(100):
        found = [c for c in page.context.cookies() if c["name"] == "shadowreport_session" and c["value"]]
        if found:
            return found[0]
        page.wait_for_timeout(100)
    raise AssertionError("no session cookie 10 s after logging in")


def _open_sections(page) -> None:
    page.runs.after(page, lambda: page.get_by_role("button", name="Open this project", exact=True).click())
    expect(heading(page, "Sections")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/sections\?project=prj-"))


def _section(page, section_id: str):
    return page.locator(f".st-key-coalition-section-{section_id}")


def _go(page, title: str) -> None:
    page.runs.after(page, lambda: click_page_link(page, title))
    expect(heading(page, title)).to_be_visible()


@pytest.mark.timeout(420)
def test_three_people_edit_merge_sign_off_and_reopen(coalition_server, tmp_path: Path) -> None:
    coalition, carla_user, project_id = coalition_server
    with app_in_browser(tmp_path, failure_shot="coalition-failure") as session:
        carla, alice, bruno = (_person(session, name) for name in ("carla", "alice", "bruno"))
        for page in (carla, alice, bruno):
            _log_in(page, session.base, page.who)
        expect(alice.get_by_test_id("stSidebar").get_by_text("Casa Nuova")).to_be_visible()

        # A refresh keeps Alice logged in (the session cookie), and the project in the address.
        cookie = _session_cookie(alice)
        assert cookie["sameSite"] == "Strict" and coalition.user_for(cookie["value"]).name == "alice"
        _open_sections(alice)
        alice.reload()
        expect(heading(alice, "Sections")).to_be_visible(timeout=60_000)
        expect(alice.get_by_role("textbox", name="Text of 'Evidence of the problem'")).to_be_visible()
        shot(alice, "coalition-01-alice-sections")

        # Alice edits only her section; Bruno's is read-only for her, with "Suggest a change".
        expect(alice.get_by_role("textbox", name="Text of 'Recommendations'")).to_have_count(0)
        expect(_section(alice, "recommendations").get_by_text("Suggest a change")).to_be_visible()

        # Both write, then both save at the same moment: different sections never conflict.
        _open_sections(bruno)
        alice.get_by_role("textbox", name="Text of 'Evidence of the problem'").fill(ALICE_TEXT)
        bruno.get_by_role("textbox", name="Text of 'Recommendations'").fill(BRUNO_TEXT)
        _section(alice, "evidence").get_by_role("button", name="Save section").click()
        _section(bruno, "recommendations").get_by_role("button", name="Save section").click()
        expect(alice.get_by_text("Saved 'Evidence of the problem'.")).to_be_visible()
        expect(bruno.get_by_text("Saved 'Recommendations'.")).to_be_visible()
        texts = {s.id: s.text for s in coalition.sections(carla_user, project_id)}
        assert texts["evidence"] == ALICE_TEXT and texts["recommendations"] == BRUNO_TEXT
        expect(alice.get_by_text("saved this section while you were editing")).to_have_count(0)

        # Bruno suggests a change to a section that is not his; Carla merges it into the report.
        suggestion = _section(bruno, "submitters")
        suggestion.get_by_text("Suggest a change").click()  # an expander: opened in the browser, no rerun
        proposal = suggestion.get_by_role("textbox", name="Your version of 'Submitting organisation'")
        proposal.fill(SUGGESTED)
        bruno.runs.after(bruno, lambda: proposal.press("Control+Enter"))  # the text reaches the server before the click
        bruno.runs.after(bruno, lambda: suggestion.get_by_role("button", name="Send the suggestion").click())
        expect(bruno.get_by_text("Suggestion sent")).to_be_visible()
        _open_sections(carla)
        shot(carla, "coalition-02-carla-suggestion")
        carla.runs.after(carla, lambda: _section(carla, "submitters").get_by_role("button", name="Accept").click())
        expect(carla.get_by_text("now has the suggested text")).to_be_visible()
        expect(carla.get_by_role("textbox", name="Text of 'Submitting organisation'")).to_have_value(SUGGESTED)
        assert {s.id: s.text for s in coalition.sections(carla_user, project_id)}["submitters"] == SUGGESTED

        # Alice signs off on the version she reads.
        _go(alice, "Sign-off")
        sign = alice.get_by_role("button", name=re.compile(r"^Sign off version [0-9a-f]{12} for Casa Nuova$"))
        signed_hash = re.search(r"[0-9a-f]{12}", sign.inner_text()).group()
        alice.runs.after(alice, sign.click)
        expect(alice.get_by_text("Casa Nuova: signed")).to_be_visible()
        shot(alice, "coalition-03-alice-signed")
        status = {s.organisation: s for s in coalition.signoff_status(carla_user, project_id).organisations}
        assert status["Casa Nuova"].state == "signed" and status["Casa Nuova"].snapshot_hash.startswith(signed_hash)

        # Bruno's later edit reopens it: Alice sees so after a refresh.
        box = bruno.get_by_role("textbox", name="Text of 'Recommendations'")
        box.fill(BRUNO_LATER)
        bruno.runs.after(bruno, lambda: box.press("Tab"))  # leaving the box saves it
        expect(bruno.get_by_text("Saved 'Recommendations'.")).to_be_visible()
        alice.reload()
        expect(heading(alice, "Sign-off")).to_be_visible(timeout=60_000)
        expect(alice.get_by_text("Casa Nuova: reopened by a later change")).to_be_visible()
        expect(alice.get_by_role("button", name=re.compile(rf"^Sign off version {signed_hash}"))).to_have_count(0)  # a new version to sign
        shot(alice, "coalition-04-alice-reopened")
        status = {s.organisation: s for s in coalition.signoff_status(carla_user, project_id).organisations}
        assert status["Casa Nuova"].state == "reopened"

        # The coordinator merges a contribution file a member sent the old way, and reads who did what.
        _go(carla, "Coordination")
        contribution = tmp_path / "lavoro-giusto.yml"
        contribution.write_text(_contribution(coalition, carla_user, project_id), encoding="utf-8")
        carla.runs.after(carla, lambda: carla.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(contribution)))
        carla.runs.after(carla, lambda: carla.get_by_role("button", name="Merge it").click())
        expect(carla.get_by_text("Merged: From Lavoro Giusto: 1 added")).to_be_visible()
        assert MERGED_CLAIM in [e.claim for e in coalition.project_for(carla_user, project_id).evidence]
        expect(carla.get_by_role("heading", name="Audit log")).to_be_visible()
        shot(carla, "coalition-05-carla-coordination")

        # Logging out ends the session: a refresh shows the login page again.
        alice.runs.after(alice, lambda: alice.get_by_test_id("stSidebar").get_by_role("button", name="Log out").click())
        expect(heading(alice, "Log in")).to_be_visible()
        assert coalition.user_for(cookie["value"]) is None  # ended on the server
        alice.reload()
        expect(heading(alice, "Log in")).to_be_visible(timeout=60_000)
        expect(alice.get_by_text(ALICE_TEXT)).to_have_count(0)
        assert not [c for c in alice.context.cookies() if c["name"] == "shadowreport_session" and c["value"]]  # and gone here
        for page in (carla, alice, bruno):
            page.context.close()
    actions = [entry.action for entry in coalition.audit(carla_user, project_id)]
    assert {"section.save", "suggestion.add", "suggestion.accept", "signoff.sign", "signoff.reopen", "project.merge"} <= set(actions)
