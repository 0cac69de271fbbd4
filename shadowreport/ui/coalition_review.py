"""Merging a coalition member's contribution into the open joint project, after a review of what it does.

The review is the merge itself run on a copy (``merge_contribution`` is pure), so what is shown is
exactly what the button does: what the file adds, changes, finds already in the report, or keeps
apart as a conflict. A file that must not be merged is refused in one sentence, before any button.
"""

from __future__ import annotations

import streamlit as st

from ..i18n import N_
from ..project.coalition import ContributionRefused, MergedItem, merge_contribution
from . import state
from .text import plain
from .translation import gettext
from .uninterrupted import uninterrupted

ITEM_NAMES = {"evidence": N_("Evidence"), "recommendation": N_("Recommendation"), "section-contribution": N_("Section text")}
SHOWN_CHARACTERS = 300  # of each item's text: enough to recognise it
GROUPS = [  # outcome, heading (translated where shown), whether the group is open at first
    ("added", N_("Adds"), True),
    ("updated", N_("Changes (the member revised an item of theirs you had left as it was)"), True),
    ("conflict", N_("Differs from your version: kept apart for you to choose on the Evidence page"), True),
    ("duplicate", N_("Already in the report: not added again"), False),
    ("unchanged", N_("Merged before and unchanged"), False),
]
RESULT_KEY = "merge_result"


def render(payload) -> None:
    """The review of the contribution ``payload`` (already parsed and validated), and the button that merges it."""
    stored = state.current()
    if stored is None:
        st.error(gettext("This is a coalition member's contribution: open the joint project first, then import it here."))
        return
    result = st.session_state.pop(RESULT_KEY, None)
    if result:
        st.success(plain(result))
    try:
        merged, report = merge_contribution(stored.project, payload)
    except ContributionRefused as refused:
        st.error(plain(str(refused)))
        return

    st.header(gettext("Contribution from {member}", member=plain(payload.member.name)))
    st.caption(gettext("To merge into {title}. Nothing changes until you press Merge.", title=plain(stored.project.title)))
    if report.new_member:
        st.info(gettext("{member} is not a member of this project yet: merging adds them as a member, their sign-off pending.",
                        member=plain(report.member)))
    for outcome, heading, expanded in GROUPS:
        items = [item for item in report.items if item.outcome == outcome]
        if items:
            with st.expander(f"{gettext(heading)} ({len(items)})", expanded=expanded, key=f"merge_group:{outcome}"):  # stays open in another language
                for item in items:
                    st.markdown(_describe(item))
    if merged == stored.project:
        st.info(gettext("Merging this file would change nothing: everything in it is already in the project."))
        return
    st.button(gettext("Merge into the open project"), key="merge_contribution", type="primary", on_click=_merge, args=(payload,))


@uninterrupted()
def _merge(payload) -> None:
    """Merge into the project as stored now (the same result as the review unless it changed meanwhile)."""
    report = {}

    def merge(project):
        merged, report["r"] = merge_contribution(project, payload)
        return merged

    if state.update(merge):
        st.session_state[RESULT_KEY] = report["r"].summary()


def _describe(item: MergedItem) -> str:
    """One item in plain words; every piece of its text escaped, as it comes from someone else's file."""
    line = gettext("**{item}**: {text}", item=gettext(ITEM_NAMES[item.item_type]), text=plain(_short(item.text)))
    if item.outcome in ("updated", "conflict") and item.before:
        line += "  \n" + gettext("now in the report: {text}", text=plain(_short(item.before)))
    if item.outcome == "duplicate" and item.held_by:
        line += "  \n" + gettext("already said by {member}", member=plain(item.held_by))
    return line


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS].rstrip() + "…"
