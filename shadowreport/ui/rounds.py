"""The evaluation round a project is for, in one line for the Settings and Plan pages (GRETA works in
rounds, each with its own theme and sections; the project's cycle field names it)."""

from __future__ import annotations

from ..project.model import Project
from ..rules.rounds import round_named


def round_caption(pack, project: Project) -> str | None:
    """Which round the project is checked against and what it looks at; None for a kind without rounds."""
    try:
        mechanism, kind = pack.kind(project.kind_id)
    except KeyError:
        return None  # a kind the rules no longer know: the Check page says so
    if not kind.rounds:
        return None
    named = round_named(project.cycle)
    chosen = kind.round(named)
    label = chosen.name  # the pages are in English for now
    if named is None:
        why = f"no round is named in the cycle field, so the current one applies: the {label}"
    elif kind.has_round(named):
        why = f"the {label}, as the cycle field says"
    else:
        why = f"{mechanism.short_name} has no round {named}, so the current one applies: the {label}"
    launched = chosen.launched.value
    return (f"Evaluation round: {why} (launched {launched.day} {launched:%B %Y}). {chosen.focus.value} "
            f"The Draft and Check pages expect its sections; write another round in the cycle field (e.g. \"3rd round\") to change it.")
