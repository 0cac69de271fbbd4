"""The coalition server meeting awkward input: NUL characters, names differing only by case, a database on a SQLite path."""

from __future__ import annotations

import pytest

from .test_server_service import PASSWORD, World, world  # noqa: F401  (the fixture, used by name)


@pytest.mark.postgres
def test_nul_characters_are_dropped_from_sections_comments_and_suggestions(world: World) -> None:  # noqa: F811
    coalition, pid = world.coalition, world.project_id
    version = next(s.version for s in coalition.sections(world.alice, pid) if s.id == "evidence")
    coalition.save_section(world.alice, pid, "evidence", "Pasted\x00 from a file.", version)
    coalition.comment(world.rita, pid, "evidence", "Which\x00 year?")
    coalition.suggest(world.bruno, pid, "evidence", "Better\x00 text.")
    assert next(s.text for s in coalition.sections(world.alice, pid) if s.id == "evidence") == "Pasted from a file."
    assert [c.text for c in coalition.comments(world.alice, pid)] == ["Which year?"]
    assert [s.text for s in coalition.suggestions(world.coordinator, pid)] == ["Better text."]
