"""One-click fixes for findings whose fix is mechanical: pure functions from a project to a new one.

Only what needs no judgement is here: adding a section the kind requires (its heading, empty, in
the kind's order) and marking the first recommendations, in the order the user gave them, as the
priorities. The Check page offers each beside the finding it answers and saves the result through
the store like any other edit, so it can be undone.
"""

from __future__ import annotations

from ..rules.models import Kind
from .model import Project, SectionText


def add_sections(project: Project, kind: Kind, section_ids: list[str]) -> Project:
    """``project`` with the kind's sections ``section_ids`` added (empty), each where the kind places it.

    A section the project already has (by id) is not added again."""
    order = {section.id: position for position, section in enumerate(kind.sections)}
    sections = list(project.sections)
    present = {section.id for section in sections}
    for wanted in kind.sections:
        if wanted.id not in section_ids or wanted.id in present:
            continue
        # Before the first section the kind places after it; sections of the user's own stay where they are.
        later = next((i for i, s in enumerate(sections) if order.get(s.id, -1) > order[wanted.id]), len(sections))
        sections.insert(later, SectionText(id=wanted.id, title=wanted.title))
        present.add(wanted.id)
    return project.model_copy(update={"sections": sections}, deep=True)


def mark_priorities(project: Project, count: int) -> Project:
    """``project`` with its first ``count`` recommendations marked as priorities (the order is the user's)."""
    recommendations = [rec.model_copy(update={"priority": True}) if position < count else rec
                       for position, rec in enumerate(project.recommendations)]
    return project.model_copy(update={"recommendations": recommendations}, deep=True)
