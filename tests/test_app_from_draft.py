"""Projects page, "Start from a Word draft": a draft from elsewhere becomes a project in the store (AppTest, no browser)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from .docx_builder import build_docx, heading, para


def projects_page() -> None:
    from shadowreport.ui import pages, projects_page, state

    pages.build()
    state.show_messages()
    projects_page.render()


WORD = build_docx([
    heading("Joint submission to the Universal Periodic Review of Italy"),
    heading("Background"),
    para("Seasonal workers in the south are recruited through intermediaries who keep their wages."),
    heading("Recommendations"),
    para("The Ministry of Labour should adopt a referral protocol for exploited workers by 2027.", style="ListNumber"),
])


def test_a_word_draft_becomes_a_project_with_its_kind_guessed():
    from shadowreport.store import open_default_store

    app = AppTest.from_function(projects_page, default_timeout=30).run()
    assert not app.exception
    app.file_uploader(key="draft_upload").set_value(("draft.docx", WORD, "application/octet-stream")).run()
    assert not app.exception
    assert app.selectbox(key="draft_kind").value == "upr/stakeholder"
    assert any("Guessed because it names 'universal periodic review'" in c.value for c in app.caption)
    app.button(key="start_from_draft").click().run()
    assert not app.exception
    projects = open_default_store().list()
    assert len(projects) == 1
    project = open_default_store().load(projects[0].id).project
    assert project.kind_id == "upr/stakeholder"
    assert project.recommendations and project.recommendations[0].text.startswith("The Ministry of Labour should adopt")


def test_a_damaged_draft_gets_one_sentence():
    app = AppTest.from_function(projects_page, default_timeout=30).run()
    app.file_uploader(key="draft_upload").set_value(("draft.docx", b"PK\x03\x04 not really a zip", "application/octet-stream")).run()
    assert not app.exception
    assert app.error and "damaged and cannot be opened" in app.error[0].value  # (shown escaped: Markdown source)
