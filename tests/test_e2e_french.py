"""End to end in French (issue 16): Chromium whose language is fr-FR opens the app in French, starts a
project, and switches to English and back in the sidebar without losing what was typed; the choice is
kept in the address, so a refresh keeps it. Screenshots go to test-artifacts/e2e/ (fr-*.png).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from .browser import ScriptRuns, app_in_browser, click_page_link, expect, heading, needs_browser, shot

pytestmark = needs_browser

KIND_LABEL = "UPR: Stakeholder submission"
TITLE = "Traite aux fins d'exploitation par le travail"
SECTION_TEXT = "La sensibilisation a touché 212 travailleurs saisonniers en 2025."
NEW_SECTION = "Annexe sur les saisonniers"
NBSP = "\u00a0"  # French puts a no-break space inside « » and before a colon


@pytest.mark.timeout(300)
def test_french_browser_french_app_and_switching_language_keeps_typed_text(tmp_path: Path):
    started = time.monotonic()
    with app_in_browser(tmp_path, failure_shot="fr-failure", locale="fr-FR") as session:
        _flow(session.page, session.runs, session.base)
    print(f"French browser flow took {time.monotonic() - started:.1f} s")


def _choose_language(page, runs: ScriptRuns, label: str, name: str) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("combobox", name=label).click()
    runs.after(page, lambda: page.get_by_role("option", name=name, exact=True).click())


def _flow(page, runs: ScriptRuns, base: str) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    page.goto(base + "/")
    expect(heading(page, "Projets")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Aucun projet pour l'instant", exact=False)).to_be_visible()
    expect(sidebar.get_by_role("link", name="Rédaction", exact=True)).to_be_visible()
    expect(sidebar.get_by_role("combobox", name="Langue")).to_have_value("Français")
    shot(page, "fr-01-projets")

    # Start a project, every label in French.
    page.get_by_role("tab", name="Commencer un projet").click()
    kind_box = page.get_by_role("combobox", name="Mécanisme et type de document")
    kind_box.click()
    page.keyboard.type("UPR: Stakeholder")
    runs.after(page, lambda: page.get_by_role("option", name=KIND_LABEL, exact=True).click())
    page.get_by_role("textbox", name="Titre de la contribution", exact=True).fill(TITLE)
    # Switch language in the middle of the form: the typed title stays in its box.
    _choose_language(page, runs, "Langue", "English")
    expect(heading(page, "Projects")).to_be_visible()
    page.get_by_role("tab", name="Start a project").click()  # the browser shows the first tab again when the labels change
    expect(page.get_by_role("textbox", name="Title of the submission", exact=True)).to_have_value(TITLE)
    _choose_language(page, runs, "Language", "Français")
    page.get_by_role("tab", name="Commencer un projet").click()
    expect(page.get_by_role("textbox", name="Titre de la contribution", exact=True)).to_have_value(TITLE)
    page.get_by_role("textbox", name="État examiné", exact=True).fill("Italie")
    page.get_by_role("textbox", name="Votre organisation", exact=True).fill("Strada Aperta")
    shot(page, "fr-02-commencer")
    runs.after(page, lambda: page.get_by_role("button", name="Commencer le projet", exact=True).click())

    # The Draft, in French; the address is as it always was (the browser's own language).
    expect(heading(page, "Rédaction")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/draft\?project=prj-[0-9a-z]+$"))
    expect(sidebar.get_by_text("Projet ouvert", exact=True)).to_be_visible()
    section_box = page.get_by_role("textbox", name=f"Texte de «{NBSP}Summary and key words{NBSP}»", exact=True)
    section_box.fill(SECTION_TEXT)
    runs.after(page, lambda: section_box.press("Tab"))  # leaving the box saves it
    expect(page.get_by_text(re.compile(r"^9 mots$"))).to_be_visible()
    # Typed and left in its box, never saved anywhere: only the browser and the session hold it.
    page.get_by_text("Ajouter une section", exact=True).click()
    new_section = page.get_by_role("textbox", name="Titre de la nouvelle section", exact=True)
    new_section.fill(NEW_SECTION)
    runs.after(page, lambda: new_section.press("Tab"))
    shot(page, "fr-03-redaction")

    # Switch to English: the labels change, the typed text stays, the address remembers the choice.
    _choose_language(page, runs, "Langue", "English")
    expect(heading(page, "Draft")).to_be_visible()
    expect(page.get_by_role("textbox", name="Text of 'Summary and key words'", exact=True)).to_have_value(SECTION_TEXT)
    expect(page.get_by_role("textbox", name="Title of the new section", exact=True)).to_have_value(NEW_SECTION)
    expect(page).to_have_url(re.compile(r"/draft\?.*lang=en"))
    shot(page, "fr-04-switched-to-english")

    # A refresh keeps English (the address says so) and the saved text.
    page.reload()
    expect(heading(page, "Draft")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("textbox", name="Text of 'Summary and key words'", exact=True)).to_have_value(SECTION_TEXT)

    # Back to French: the browser's language again, so the address no longer names one.
    _choose_language(page, runs, "Language", "Français")
    expect(heading(page, "Rédaction")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/draft\?project=prj-[0-9a-z]+$"))
    expect(page.get_by_role("textbox", name=f"Texte de «{NBSP}Summary and key words{NBSP}»", exact=True)).to_have_value(SECTION_TEXT)

    # The Check page: findings in French.
    runs.after(page, lambda: click_page_link(page, "Vérifier"))
    expect(heading(page, "Vérifier")).to_be_visible()
    expect(page.get_by_text(re.compile("À revoir")).first).to_be_visible()
    expect(page.get_by_text(re.compile(r"La section «.Analysis.» est vide")).first).to_be_visible()
    shot(page, "fr-05-verifier")
