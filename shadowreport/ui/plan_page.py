"""Plan: the advocacy plan behind the submission, in the eight steps of the 2012 guide."""

from __future__ import annotations

import streamlit as st

from ..language import section_text
from . import state, translation
from .translation import gettext
from .rounds import round_caption


def render() -> None:
    st.title(gettext("Advocacy plan"))
    stored, pack = state.require_project(), state.rules()
    if stored is None or pack is None:
        return
    _, plan_kind = pack.kind("briefing/advocacy-plan")
    st.caption(gettext("Plan before you write: what must change, who can change it, and how you will get them to. Saved as you go."))
    evaluation_round = round_caption(pack, stored.project)
    if evaluation_round:
        st.info(evaluation_round)
    language = translation.current()
    for step in plan_kind.sections:
        shown = section_text("briefing/advocacy-plan", step.id, language)  # the step in the reader's language, when its vocabulary gives it
        state.field(st.text_area, shown.get("title", step.title), stored, ("plan", step.id), stored.project.plan.get(step.id, ""),
                    lambda project, value, step_id=step.id: project.plan.__setitem__(step_id, value), help=shown.get("guidance", step.guidance),
                    height=110)
