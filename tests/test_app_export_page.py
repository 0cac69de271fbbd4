"""The Export page (from a project file), driven by AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def export_page() -> None:
    from shadowreport.ui import export_page

    export_page.render()


def test_export_a_project_file_to_word():
    app = AppTest.from_function(export_page, default_timeout=60).run()
    data = (ROOT / "samples" / "briefing-one-page.yml").read_bytes()
    app.file_uploader(key="export_upload").set_value(("brief.yml", data, "application/yaml")).run()
    app.button(key="export_go").click().run()
    assert not app.exception
    assert app.success and "words" in app.success[0].value
    assert app.get("download_button")[0].proto.label.startswith("Download After")


def test_privacy_gate_in_the_app():
    from shadowreport.project.exchange import dump
    from shadowreport.project.model import SectionText

    from .factories import upr_project

    project = upr_project(sections=[SectionText(id="evidence", title="Evidence", text="Maria Popescu, a 16-year-old girl from Iasi, was recruited.")])
    app = AppTest.from_function(export_page, default_timeout=60).run()
    app.file_uploader(key="export_upload").set_value(("p.yml", dump("project", project).encode(), "application/yaml")).run()
    app.button(key="export_go").click().run()
    assert not app.exception
    assert app.error and "Export refused" in app.error[0].value
    assert not app.get("download_button")


def test_warnings_are_confirmed_before_export_and_the_download_stays():
    from shadowreport.project.exchange import dump
    from shadowreport.project.model import Recommendation

    from .factories import upr_project

    project = upr_project(recommendations=[Recommendation(id="rec-a", addressee="the Ministry of Labour", verb="Adopt",
                                                          object="a national referral mechanism")])
    app = AppTest.from_function(export_page, default_timeout=60).run()
    app.file_uploader(key="export_upload").set_value(("p.yml", dump("project", project).encode(), "application/yaml")).run()
    shown = " ".join(m.value for m in app.markdown)
    assert "Capital letter" in shown and "should Adopt" in shown
    assert app.button(key="export_go").disabled  # nothing is written before the user has seen and confirmed
    next(c for c in app.checkbox if c.label.startswith("I have read these")).check().run()
    assert not app.button(key="export_go").disabled
    app.button(key="export_go").click().run()
    assert not app.exception and app.get("download_button")
    app.run()  # what a click on the download button does to the page
    assert app.get("download_button") and app.success
