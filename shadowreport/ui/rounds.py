"""The evaluation round a project is for, in one line for the Settings and Plan pages (GRETA works in
rounds, each with its own theme and sections; the project's cycle field names it)."""

from __future__ import annotations

from ..project.model import Project
from ..rules.rounds import round_named
from . import translation
from .translation import gettext


def round_caption(pack, project: Project) -> str | None:
    """Which round the project is checked against and what it looks at, in the reader's language; None for a kind without rounds.

    The round's theme is the rules' own text, in English (the rules give no other)."""
    try:
        mechanism, kind = pack.kind(project.kind_id)
    except KeyError:
        return None  # a kind the rules no longer know: the Check page says so
    if not kind.rounds:
        return None
    named = round_named(project.cycle)
    chosen = kind.round(named)
    label = chosen.label(translation.current())  # "the 4th evaluation round", "le 4e cycle d'évaluation"
    if named is None:
        why = gettext("no round is named in the cycle field, so the current one applies: the {round}", round=label)
    elif kind.has_round(named):
        why = gettext("the {round}, as the cycle field says", round=label)
    else:
        why = gettext("{mechanism} has no round {number}, so the current one applies: the {round}", mechanism=mechanism.short_name,
                      number=named, round=label)
    return gettext("Evaluation round: {why} (launched {date}). {focus} The Draft and Check pages expect its sections; "
                   "write another round in the cycle field (e.g. \"3rd round\") to change it.",
                   why=why, date=translation.date(chosen.launched.value), focus=chosen.focus.value)
