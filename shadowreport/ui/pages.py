"""The app's pages, in the order a drafter works: plan, evidence, draft, recommendations, check, export.

This is the one module that imports every page; pages find each other through ``nav``."""

from __future__ import annotations

import streamlit as st

from . import nav
from .translation import gettext


def build() -> list:
    from . import (
        check_page,
        deadlines_page,
        draft_page,
        earlier_page,
        evidence_page,
        export_page,
        plan_page,
        projects_page,
        recommendations_page,
        rules_page,
        settings_page,
    )

    specs = [
        ("projects", projects_page.render, gettext("Projects"), ":material/folder_open:", True),
        ("plan", plan_page.render, gettext("Plan"), ":material/flag:", False),
        ("evidence", evidence_page.render, gettext("Evidence"), ":material/library_books:", False),
        ("draft", draft_page.render, gettext("Draft"), ":material/edit_note:", False),
        ("recommendations", recommendations_page.render, gettext("Recommendations"), ":material/checklist:", False),
        ("earlier", earlier_page.render, gettext("Earlier recommendations"), ":material/history:", False),
        ("check", check_page.render, gettext("Check"), ":material/fact_check:", False),
        ("deadlines", deadlines_page.render, gettext("Deadlines"), ":material/event:", False),
        ("export", export_page.render_for_project, gettext("Export"), ":material/download:", False),
        ("rules", rules_page.render, gettext("Rules"), ":material/gavel:", False),
        ("settings", settings_page.render, gettext("Project settings"), ":material/settings:", False),
    ]
    return nav.register({name: st.Page(function, title=title, icon=icon, url_path=name, default=default)
                         for name, function, title, icon, default in specs})
