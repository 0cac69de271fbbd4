"""Text a member typed that the service then refused (the coordinator locked the project meanwhile) stays on her page:
shown to copy, and ready to send as a suggestion (campaign item 17)."""

from __future__ import annotations

import pytest

from .test_app_coalition import page, token, world  # noqa: F401  (the fixture, used by name)

pytestmark = pytest.mark.postgres

TYPED = "Casa Nuova assisted 41 women in 2025, typed just after the lock."


def test_text_refused_because_the_project_was_locked_meanwhile_is_kept_to_copy_or_suggest(world) -> None:  # noqa: F811
    coalition, project_id = world
    alice = page("sections", token(world, "alice"), project_id)
    carla = coalition.user_for(token(world, "carla"))
    coalition.lock(carla, project_id, True)  # while alice's page still shows her box
    alice.text_area(key=f"coalition:{project_id}:evidence:text").input(TYPED).run()
    assert not alice.exception
    assert any("locked this project" in e.value for e in alice.error)
    assert f"coalition:{project_id}:evidence:text" not in [t.key for t in alice.text_area]  # no longer editable here
    assert [c.value for c in alice.code] == [TYPED]  # but her words are on the page
    assert any("could not be saved" in w.value for w in alice.warning)
    assert alice.text_area(key=f"coalition:{project_id}:evidence:suggestion").value == TYPED
    assert next(s.text for s in coalition.sections(carla, project_id) if s.id == "evidence") != TYPED
