"""The coordinator's Sign-off page on a real PostgreSQL: one click signs for the coordinator's own organisation,
never another's; recording another organisation's sign-off is a deliberate step that names who recorded it.
And the Evidence list names an item's kind in the reader's language."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from shadowreport.project.model import EvidenceItem

from .test_app_coalition import PASSWORD, said, world  # noqa: F401 (world is a fixture)

pytestmark = pytest.mark.postgres


def page(name: str, token: str, project_id: str, language: str | None = None) -> AppTest:
    def run_page(page_name: str) -> None:
        from shadowreport.ui import coalition_page, server_app, session

        service = session.coalition()
        server_app._pages(service and session.user(service))
        coalition_page.show_notice()
        getattr(coalition_page, page_name)()

    from shadowreport.ui.session import TOKEN

    app = AppTest.from_function(run_page, args=(name,), default_timeout=60)
    app.session_state[TOKEN] = token
    app.query_params["project"] = project_id
    if language:
        app.query_params["lang"] = language
    return app.run()


def _states(coalition, user, project_id) -> dict[str, tuple]:
    return {s.organisation: (s.state, s.signed_by, s.on_behalf) for s in coalition.signoff_status(user, project_id).organisations}


def test_one_click_signs_only_for_the_coordinators_own_organisation(world) -> None:  # noqa: F811
    coalition, project_id = world
    carla = coalition.user_for(token := coalition.login("carla", PASSWORD))
    app = page("signoff", token, project_id)
    assert not app.exception
    sign = next(b for b in app.button if b.key == "coalition-sign")
    assert sign.label.startswith("Sign off version ") and sign.label.endswith(" for Strada Aperta")
    chooser = app.selectbox(key="coalition-signoff-for")
    assert chooser.value is None and set(chooser.options) == {"Casa Nuova", "Lavoro Giusto"}  # nobody else chosen beforehand
    assert not [b for b in app.button if b.key == "coalition-sign-for"]  # no button before an organisation is chosen
    sign.click()
    app.run()
    assert _states(coalition, carla, project_id) == {"Strada Aperta": ("signed", "carla", False),
                                                     "Casa Nuova": ("pending", None, False), "Lavoro Giusto": ("pending", None, False)}


def test_recording_another_organisations_sign_off_is_deliberate_and_names_the_recorder(world) -> None:  # noqa: F811
    coalition, project_id = world
    carla = coalition.user_for(token := coalition.login("carla", PASSWORD))
    app = page("signoff", token, project_id)
    app.selectbox(key="coalition-signoff-for").set_value(next(o for o in app.selectbox(key="coalition-signoff-for").options
                                                                if o == "Casa Nuova")).run()
    record = next(b for b in app.button if b.key == "coalition-sign-for")
    assert record.disabled and record.label == "Record the sign-off of Casa Nuova"  # not until the coordinator confirms
    assert "I record it on its behalf, under my name (carla)" in app.checkbox(key="coalition-signoff-confirm").label
    app.checkbox(key="coalition-signoff-confirm").check().run()
    next(b for b in app.button if b.key == "coalition-sign-for").click()
    app.run()
    assert not app.exception
    assert _states(coalition, carla, project_id)["Casa Nuova"] == ("signed", "carla", True)
    assert _states(coalition, carla, project_id)["Strada Aperta"][0] == "pending"
    again = page("signoff", token, project_id)
    assert any("carla recorded, on its behalf, that Casa Nuova signed version" in c for c in said(again.caption))
    entry = next(e for e in coalition.audit(carla, project_id) if e.action == "signoff.on_behalf")
    assert entry.user == "carla" and "recorded on its behalf by carla" in entry.summary


def test_a_member_has_no_way_to_sign_for_another_organisation(world) -> None:  # noqa: F811
    coalition, project_id = world
    app = page("signoff", coalition.login("alice", PASSWORD), project_id)
    assert [b.label.endswith("for Casa Nuova") for b in app.button] == [True]
    assert not [s for s in app.selectbox if s.key == "coalition-signoff-for"]


def test_the_evidence_list_names_the_kind_in_the_readers_language(world) -> None:  # noqa: F811
    coalition, project_id = world
    alice = coalition.user_for(token := coalition.login("alice", PASSWORD))
    coalition.save_evidence(alice, project_id, EvidenceItem(id="ev-h", kind="statistic", claim="Forty shelters closed.", confidentiality="public"))
    line = next(c for c in said(page("evidence", token, project_id, "fr").caption) if c.startswith("ev-h"))
    assert line.startswith("ev-h · statistique · Public")
    assert next(c for c in said(page("evidence", token, project_id).caption) if c.startswith("ev-h")).startswith("ev-h · statistic · Public")
