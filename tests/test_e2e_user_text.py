"""User text is text, in a real browser: every field a user (or a partner's project file) fills holds a
Markdown image, raw HTML, a link and Streamlit's own icon and symbol syntax; every page is visited;
the browser requests nothing beyond this machine (tests/browser.py records every request), no element
points at the planted address, and the text is shown exactly as typed.

An image in a project title made the browser fetch it (issue 10): an IP leak for staff who may be watched.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from shadowreport.project.model import (
    Citation,
    Consent,
    EvidenceItem,
    Member,
    PriorRecommendation,
    Project,
    Recommendation,
    SectionText,
    Timeframe,
)
from shadowreport.store import Store

from .browser import app_in_browser, click_page_link, expect, heading, needs_browser, no_app_errors

pytestmark = needs_browser

HOST = "203.0.113.9"  # TEST-NET-3: reserved for documentation, never a real machine
WORD_JOINER = "\u2060"
PAGES = ["Projects", "Project settings", "Plan", "Evidence", "Draft", "Recommendations", "Check", "Deadlines", "Export", "Rules"]


def hostile(field: str) -> str:
    """A value that fetches an image if read as Markdown or HTML, links out, and uses Streamlit's rewriting."""
    return (f"{field} ![x](http://{HOST}/{field}.png) <img src=http://{HOST}/{field}-html.png> "
            f"[more](http://{HOST}/{field}-link) http://{HOST}/{field}-bare :material/home: -- :red[red] $x^2$")


TITLE = hostile("title")
TYPED_TITLE = hostile("typed")


def hostile_project(pack) -> Project:
    _, kind = pack.kind("upr/stakeholder")
    answers = {"need": hostile("answer-need"), "background": hostile("answer-background")}
    return Project(
        id="prj-hostile", title=TITLE, mechanism="upr", kind="stakeholder", state=hostile("state"), cycle=hostile("cycle"),
        session_date=dt.date.today() + dt.timedelta(days=200),
        members=[Member(id="org-a", name=hostile("coordinator"), contact=hostile("contact"), role="coordinator"),
                 Member(id="org-b", name=hostile("member"), role="member", sign_off="approved", signed_on=dt.date.today()),
                 Member(id="org-c", name=hostile("endorser"), role="endorser")],
        sections=[SectionText(id=section.id, title=hostile(f"section-title-{section.id}"),
                              text=f"{hostile(f'section-{section.id}')} [^ev-case]\n\n{hostile(f'paragraph-{section.id}')}")
                  for section in kind.sections],
        evidence=[
            EvidenceItem(id="ev-case", kind="case", claim=hostile("claim"), notes=hostile("evidence-notes"), contributed_by="org-b",
                         source=Citation(citation=hostile("citation"), url=f"http://{HOST}/citation-url"),
                         consent=Consent(form="written", scope=hostile("consent-scope"), given_on=dt.date(2025, 3, 2)),
                         confidentiality="confidential", form="case-study", answers=answers),
            EvidenceItem(id="ev-stat", kind="statistic", claim=hostile("statistic")),
        ],
        recommendations=[
            Recommendation(id="rec-a", addressee=hostile("addressee"), verb="adopt", object=hostile("object"),
                           timeframe=Timeframe(term="short"), indicator=hostile("indicator"), cost_note=hostile("cost"),
                           evidence_ids=["ev-case"], themes=[hostile("theme")],
                           follows_up=[PriorRecommendation(symbol=hostile("symbol"), paragraph=hostile("paragraph"))]),
            Recommendation(id="rec-b", text=hostile("handwritten-recommendation")),
        ],
        plan={"problem": hostile("plan")},
        notes=hostile("notes"),
    )


QUIET_MS = 1000


def settle(page, timeout_ms: int = 15_000) -> None:
    """Wait until the page has not changed for a second. Streamlit draws Markdown a moment after the
    script run that sent it (some plugins load on demand), so "the run finished" comes too early."""
    page.evaluate("""([quiet, limit]) => new Promise(resolve => {
        let last = performance.now();
        const started = last;
        const observer = new MutationObserver(() => { last = performance.now(); });
        observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
        const tick = () => {
            const now = performance.now();
            if (now - last >= quiet || now - started >= limit) { observer.disconnect(); resolve(); } else setTimeout(tick, 100);
        };
        setTimeout(tick, 100);
    })""", [QUIET_MS, timeout_ms])


def planted(page) -> list[str]:
    """Elements on the page that point at the planted address: images, frames, links, styles."""
    return page.evaluate("""host => [...document.querySelectorAll('[src], [srcset], [href], [data], [poster]')]
        .map(e => ['src', 'srcset', 'href', 'data', 'poster'].map(a => e.getAttribute(a) || '').join(' '))
        .filter(value => value.includes(host))""", HOST)


@pytest.mark.timeout(300)
def test_every_user_field_is_shown_as_text_and_nothing_is_fetched(tmp_path: Path, pack):
    Store(tmp_path / "store.sqlite3").create(hostile_project(pack))
    with app_in_browser(tmp_path, failure_shot="user-text") as session:
        page, runs = session.page, session.runs
        sidebar = page.get_by_test_id("stSidebar")

        # Typed by hand too: a new project from the wizard.
        page.goto(session.base + "/")
        expect(heading(page, "Projects")).to_be_visible(timeout=60_000)
        page.get_by_role("tab", name="Start a project").click()
        page.get_by_role("textbox", name="Title of the submission", exact=True).fill(TYPED_TITLE)
        page.get_by_role("textbox", name="Your organisation", exact=True).fill(hostile("typed-organisation"))
        page.wait_for_timeout(1000)  # the typed-text watcher reports typing after 400 ms and reruns: let it finish first
        while runs.running:
            page.wait_for_timeout(50)
        runs.after(page, lambda: page.get_by_role("button", name="Start the project", exact=True).click())
        expect(sidebar.get_by_text("Open project")).to_be_visible()
        shown = sidebar.locator("strong").first.inner_text().replace(WORD_JOINER, "")
        assert shown == TYPED_TITLE  # exactly as typed: no icon, no dash turned into another character

        # Every page, on the project whose every field is hostile.
        page.goto(session.base + "/?project=prj-hostile")
        expect(heading(page, "Projects")).to_be_visible(timeout=60_000)
        for title in PAGES:
            runs.after(page, lambda title=title: click_page_link(page, title))
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            no_app_errors(page)
            for expander in page.get_by_test_id("stExpander").locator("summary").all():
                expander.click()  # what is folded away is drawn too
            settle(page)
            expect(page.get_by_text("Something went wrong")).to_have_count(0)  # the app's own sentence for a failed run
            assert planted(page) == [], f"{title}: {planted(page)[:3]}"
            assert session.outside == [], f"{title}: {session.outside[:3]}"
        assert sidebar.locator("strong").first.inner_text().replace(WORD_JOINER, "") == TITLE

        # A sub-page reloaded keeps its page and its project.
        page.goto(session.base + "/draft?project=prj-hostile")
        expect(heading(page, "Draft")).to_be_visible(timeout=60_000)
        expect(page).to_have_url(re.compile(r"/draft\?project=prj-hostile$"))
    # app_in_browser has asserted that nothing beyond localhost was requested
