"""The app's pages, in the order a drafter works: plan, evidence, draft, recommendations, check, export.

This is the one module that imports every page; pages find each other through ``nav``."""

from __future__ import annotations

import streamlit as st

from . import nav


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
        ("projects", projects_page.render, "Projects", ":material/folder_open:", True),
        ("plan", plan_page.render, "Plan", ":material/flag:", False),
        ("evidence", evidence_page.render, "Evidence", ":material/library_books:", False),
        ("draft", draft_page.render, "Draft", ":material/edit_note:", False),
        ("recommendations", recommendations_page.render, "Recommendations", ":material/checklist:", False),
        ("earlier", earlier_page.render, "Earlier recommendations", ":material/history:", False),
        ("check", check_page.render, "Check", ":material/fact_check:", False),
        ("deadlines", deadlines_page.render, "Deadlines", ":material/event:", False),
        ("export", export_page.render_for_project, "Export", ":material/download:", False),
        ("rules", rules_page.render, "Rules", ":material/gavel:", False),
        ("settings", settings_page.render, "Project settings", ":material/settings:", False),
    ]
    return nav.register({name: st.Page(function, title=title, icon=icon, url_path=name, default=default)
                         for name, function, title, icon, default in specs})
