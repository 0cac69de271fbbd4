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


def test_choose_the_kind_for_a_plain_text_file():
    app = open_check_page()
    app.file_uploader(key="check_upload").set_value(("brief.txt", b"Our asks\n\nThe NRM must be funded.\n", "text/plain")).run()
    assert any("Choose the mechanism and kind" in w.value for w in app.warning)
    app.selectbox(key="check_kind").set_value("briefing/policy-brief").run()
    assert any("'NRM' is not spelled out" in m.value for m in app.markdown)


def test_broken_upload_gets_one_clear_sentence():
    app = open_check_page()
    app.file_uploader(key="check_upload").set_value(("report.docx", b"PK\x03\x04 not really a zip", "application/octet-stream")).run()
    assert not app.exception
    assert app.error and "damaged" in app.error[0].value
