"""The app in French on the pages that still wrote English (issue 16, campaign item 14): the evaluation
round on Plan and Project settings, the deadline's explanation and method, the Projects list's dates
and UPR Info's category names. English readers see what they always saw."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from shadowreport.project.exchange import read_project
from shadowreport.store import Store

ROOT = Path(__file__).resolve().parent.parent
FRENCH, ENGLISH = {"locale": "fr-FR"}, {"locale": "en-GB"}
NBSP = "\u00a0"


def page(name: str, project_id: str | None, context: dict) -> AppTest:
    """One page as app.py draws it, for a browser in this language."""

    def run_page(page_name: str) -> None:
        from shadowreport.ui import pages, state

        pages.build()
        state.current()
        __import__(f"shadowreport.ui.{page_name}_page", fromlist=["render"]).render()

    test = AppTest.from_function(run_page, args=(name,), default_timeout=60)
    test.context = context
    if project_id:
        test.query_params["project"] = project_id
    test.run()
    assert not test.exception, test.exception
    return test


def french_greta_sample() -> str:
    """The French GRETA sample (4th round, a deadline set by each call), as the Projects page opens it."""
    project = read_project(ROOT / "samples" / "greta-rapport-conjoint-4e-cycle.yml")
    return Store(Path(os.environ["SHADOWREPORT_STORE"])).create(project).project.id


def shown(test: AppTest) -> str:
    """The page's text as read (user and rules text is shown escaped for Markdown: the backslashes are not seen)."""
    return " ".join(str(element.value) for kind in ("caption", "info", "markdown") for element in test.get(kind)).replace("\\", "")


def test_the_evaluation_round_paragraph_is_in_french_with_a_french_date():
    project_id = french_greta_sample()
    for name in ("plan", "settings"):
        text = shown(page(name, project_id, FRENCH))
        assert (f"Cycle d'évaluation{NBSP}: le 4e cycle d'évaluation, comme l'indique le champ du cycle (lancé le 30 juin 2023)."
                in text), text
        assert "Evaluation round" not in text and "June" not in text and "The Draft and Check pages" not in text


def test_the_evaluation_round_paragraph_in_english_is_as_before():
    project_id = french_greta_sample()
    text = shown(page("plan", project_id, ENGLISH))
    assert ("Evaluation round: the 4th evaluation round, as the cycle field says (launched 30 June 2023). Vulnerabilities to trafficking"
            in text), text
    assert "write another round in the cycle field (e.g. \"3rd round\") to change it." in text


def test_a_deadline_set_by_each_call_is_explained_in_french():
    project_id = french_greta_sample()
    deadlines = shown(page("deadlines", None, FRENCH))
    assert f"Fixée par l'appel ou l'avis{NBSP}: saisissez-la." in deadlines, deadlines
    assert "Set by the call" not in deadlines
    settings = shown(page("settings", project_id, FRENCH))
    assert "(selon l'appel)" in settings and "(per call)" not in settings, settings
    english = shown(page("deadlines", None, ENGLISH))
    assert "no date yet. Set by the call or notice: enter it. GRETA asks civil society" in english, english


def test_the_projects_list_writes_when_it_was_saved_as_french_dates_are_written():
    french_greta_sample()
    today = dt.datetime.now(dt.UTC)
    text = shown(page("projects", None, FRENCH))
    saved = re.search(r"enregistré le (.+?) UTC", text)
    assert saved, text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", saved.group(1)), saved.group(1)  # not ISO, as elsewhere in French
    assert saved.group(1).startswith(f"{today.day} ") and str(today.year) in saved.group(1), saved.group(1)
    english = shown(page("projects", None, ENGLISH))
    assert re.search(rf"saved {today:%d %b %Y} \d\d:\d\d UTC", english), english


def test_the_upr_info_category_is_named_in_french():
    project_id = french_greta_sample()
    text = shown(page("recommendations", project_id, FRENCH))
    assert "catégorie UPR Info 5 (action spécifique)" in text, text
    assert "specific action" not in text
    assert "UPR Info category 5 (specific action)" in shown(page("recommendations", project_id, ENGLISH))
