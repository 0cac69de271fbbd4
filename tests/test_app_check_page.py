"""The 'Check a document' page, driven by Streamlit's AppTest (no browser)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest



def check_page() -> None:
    from shadowreport.ui import check_page

    check_page.render()

DRAFT = b"""---
mechanism: upr
kind: stakeholder
---
# Recommendations

1. The Government should ensure that victims are protected.
"""


def open_check_page() -> AppTest:
    app = AppTest.from_function(check_page, default_timeout=30).run()
    assert not app.exception
    return app


def test_upload_a_draft_and_see_its_findings():
    app = open_check_page()
    app.file_uploader(key="check_upload").set_value(("draft.md", DRAFT, "text/markdown")).run()
    assert not app.exception
    messages = [m.value for m in app.markdown]
    assert any("addressed to 'The Government'" in m for m in messages)
    assert any(metric.label == "Recommendations" and metric.value == "1" for metric in app.metric)


def test_a_plain_text_file_is_guessed_or_the_kind_chosen():
    app = open_check_page()
    app.file_uploader(key="check_upload").set_value(("brief.txt", b"Our asks\n\nThe NRM must be funded.\n", "text/plain")).run()
    assert any("guessed because a short text" in i.value and "choose the mechanism and kind above" in i.value for i in app.info)
    assert any("'NRM' is not spelled out" in m.value for m in app.markdown)
    app.selectbox(key="check_kind").set_value("upr/stakeholder").run()
    assert not any("guessed because" in i.value for i in app.info)


def test_a_long_text_naming_no_body_asks_for_the_kind():
    app = open_check_page()
    text = b"Workers are recruited abroad and paid late.\n\n" * 300
    app.file_uploader(key="check_upload").set_value(("notes.txt", text, "text/plain")).run()
    assert any("Choose the mechanism and kind" in w.value for w in app.warning)


def test_broken_upload_gets_one_clear_sentence():
    app = open_check_page()
    app.file_uploader(key="check_upload").set_value(("report.docx", b"PK\x03\x04 not really a zip", "application/octet-stream")).run()
    assert not app.exception
    assert app.error and "damaged" in app.error[0].value


def test_possible_recommendations_are_listed_apart_and_not_judged():
    app = open_check_page()
    draft = b"# What we ask\n\n- Safe housing for every person identified.\n\n# Background\n\nWorkers are recruited abroad.\n"
    app.file_uploader(key="check_upload").set_value(("brief.md", draft, "text/markdown")).run()
    assert not app.exception
    expanders = [e for e in app.expander if "possible recommendation(s), not judged" in e.label]
    assert expanders and "Safe housing for every person identified" in expanders[0].markdown[0].value
