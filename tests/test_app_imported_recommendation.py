"""A recommendation imported from a draft is edited as written, and its guessed fields are named until confirmed."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from shadowreport.project.model import Member, Project
from shadowreport.records import Recommendation


def recommendations_page() -> None:
    from shadowreport.ui import pages, recommendations_page, state

    pages.build()
    state.show_messages()
    recommendations_page.render()


def test_guessed_fields_are_named_until_confirmed_and_the_text_is_editable():
    from shadowreport.store import open_default_store
    from shadowreport.ui.state import PROJECT_PARAM

    project = Project(title="Imported", mechanism="upr", kind="stakeholder", members=[Member(name="Strada Aperta")],
                      recommendations=[Recommendation(text="The Ministry of Labour should adopt a protocol by 2027.",
                                                      addressee="The Ministry of Labour", verb="adopt", object="a protocol",
                                                      to_confirm=["addressee", "verb", "object"])])
    store = open_default_store()
    store.create(project)
    app = AppTest.from_function(recommendations_page, default_timeout=30)
    app.query_params[PROJECT_PARAM] = project.id
    app.run()
    assert not app.exception
    assert any("to confirm: who must act, the action verb, what is to be done" in i.value for i in app.info)
    written = app.text_area(key=f"w:{project.id}:rec:{project.recommendations[0].id}:text")
    assert written.value == "The Ministry of Labour should adopt a protocol by 2027."
    app.button(key=f"w:{project.id}:rec:{project.recommendations[0].id}:confirm").click().run()
    assert not app.exception
    assert store.load(project.id).project.recommendations[0].to_confirm == []
    assert not any("to confirm" in i.value for i in app.info)
