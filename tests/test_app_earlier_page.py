"""The Earlier recommendations page (AppTest): import a file for the project's State, filter, assess, download the table."""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from shadowreport.store import Store

from .earlier_fixtures import uhri_xlsx
from .factories import upr_project


def earlier_page() -> None:
    from shadowreport.ui import earlier_page

    earlier_page.render()


def _open(project) -> tuple[Store, AppTest]:
    store = Store(Path(os.environ["SHADOWREPORT_STORE"]))
    store.create(project)
    app = AppTest.from_function(earlier_page, default_timeout=60)
    app.query_params["project"] = project.id
    return store, app.run()


def test_import_filter_and_assess():
    project = upr_project(state="Norvania")
    store, app = _open(project)
    assert not app.exception
    app.file_uploader(key=f"w:{project.id}:earlier:upload").set_value(("uhri.xlsx", uhri_xlsx(), "application/octet-stream")).run()
    app.button(key=f"w:{project.id}:earlier:import").click().run()
    assert not app.exception
    stored = store.load(project.id).project
    assert [r.reference for r in stored.earlier] == ["A/HRC/47/7 136.2", "A/HRC/47/7 136.3", "A/HRC/47/7 136.4", "CCPR/C/NRV/CO/4 21"]
    assert len(app.expander) == 1 + 4  # the import box and one per recommendation

    app.selectbox(key=f"w:{project.id}:earlier:f-position").set_value("noted").run()
    assert any("2 of 4 shown" in c.value for c in app.caption)

    first = stored.earlier[0]
    app.selectbox(key=f"w:{project.id}:earlier:f-position").set_value("any").run()
    app.selectbox(key=f"w:{project.id}:earlier:{first.id}:status").set_value("partially").run()
    app.text_area(key=f"w:{project.id}:earlier:{first.id}:comment").input("A decree exists; no budget.").run()
    assert not app.exception
    assessment = store.load(project.id).project.earlier[0].assessment
    assert assessment.status == "partially" and assessment.comment == "A decree exists; no budget."
    app.multiselect(key=f"w:{project.id}:earlier:{first.id}:evidence").set_value(["ev-outreach"]).run()
    assert store.load(project.id).project.earlier[0].assessment.evidence_ids == ["ev-outreach"]

    app.toggle(key=f"w:{project.id}:earlier:table").set_value(True).run()
    assert not app.exception
    assert app.get("download_button")


def test_a_wrong_file_is_one_sentence():
    project = upr_project(state="Norvania")
    _, app = _open(project)
    app.file_uploader(key=f"w:{project.id}:earlier:upload").set_value(("uhri.xlsx", b"PK\x03\x04 nothing", "application/octet-stream")).run()
    app.button(key=f"w:{project.id}:earlier:import").click().run()
    assert not app.exception
    shown = app.error[0].value.replace("\\", "")  # shown as plain text: Markdown characters escaped
    assert len(app.error) == 1 and "uhri.xlsx: " in shown and "damaged" in shown


def test_another_state_names_those_in_the_file():
    project = upr_project(state="Atlantis")
    _, app = _open(project)
    app.file_uploader(key=f"w:{project.id}:earlier:upload").set_value(("uhri.xlsx", uhri_xlsx(), "application/octet-stream")).run()
    app.button(key=f"w:{project.id}:earlier:import").click().run()
    shown = app.error[0].value.replace("\\", "")
    assert len(app.error) == 1 and "'Atlantis'" in shown and "Norvania, Kestria" in shown


def test_the_table_waits_for_a_confirmation_when_a_comment_looks_like_personal_data():
    project = upr_project(state="Norvania")
    store, app = _open(project)
    app.file_uploader(key=f"w:{project.id}:earlier:upload").set_value(("uhri.xlsx", uhri_xlsx(), "application/octet-stream")).run()
    app.button(key=f"w:{project.id}:earlier:import").click().run()
    first = store.load(project.id).project.earlier[0]
    app.text_area(key=f"w:{project.id}:earlier:{first.id}:comment").input("Her case worker: ana.k@example.org").run()
    app.toggle(key=f"w:{project.id}:earlier:table").set_value(True).run()
    assert not app.exception
    assert any("look like personal data" in w.value for w in app.warning)
    assert not app.get("download_button")
    app.checkbox(key=f"w:{project.id}:earlier:allow-personal").check().run()
    assert app.get("download_button")
