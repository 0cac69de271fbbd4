"""Starting and inviting on the coalition server: a new project gets the sections of its round, as a project started on a
laptop does, and the service's refusals are shown in the reader's language."""

from __future__ import annotations

import pytest

from shadowreport.rules.rounds import round_named

from .test_app_coalition import page, token, world  # noqa: F401  (the fixture, used by name)

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("cycle", ["", "3rd evaluation round"])
def test_a_new_greta_project_has_the_sections_of_the_round_its_cycle_names(world, cycle: str) -> None:  # noqa: F811
    from shadowreport.rules import load_rules

    coalition, _ = world
    carla = page("projects", token(world, "carla"), "")
    carla.selectbox(key="coalition-new-kind").select("greta/ngo-report")
    carla.text_input(key="coalition-new-title").input("Trafficking in Italy: the coalition's report")
    carla.text_input(key="coalition-new-cycle").input(cycle)
    next(b for b in carla.button if b.label == "Start the project").click()
    carla.run()
    assert not carla.exception
    user = coalition.user_for(token(world, "carla"))
    started = next(p for p in coalition.projects(user) if p.title == "Trafficking in Italy: the coalition's report")
    project = coalition.project_for(user, started.id)
    kind = load_rules().kind("greta/ngo-report")[1]
    assert [s.id for s in project.sections] == [s.id for s in kind.sections_for(round_named(cycle))]
    assert len(project.sections) < len(kind.sections)  # not the sections of every round
    assert project.cycle == cycle


def test_the_services_refusals_are_in_the_readers_language(world) -> None:  # noqa: F811
    from shadowreport.ui.translation import CHOSEN

    _coalition, project_id = world
    carla = page("coordination", token(world, "carla"), project_id)
    carla.session_state[CHOSEN] = "fr"
    carla.run()
    carla.text_input(key="coalition-invite-name").input("Strada Chiusa")
    next(b for b in carla.button if b.key == "coalition-invite").click()
    carla.run()
    assert not carla.exception
    assert [e.value for e in carla.error] == [
        "Aucune organisation ne s'appelle « Strada Chiusa » sur ce serveur \\: ajoutez d'abord l'une de ses personnes utilisatrices\\."]

