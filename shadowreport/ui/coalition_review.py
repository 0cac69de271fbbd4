"""Merging a coalition member's contribution into the open joint project."""

from __future__ import annotations

import streamlit as st

from ..project.coalition import merge_contribution
from . import state


def render(payload) -> None:
    """The contribution ``payload`` (already parsed and validated), and the button that merges it."""
    stored = state.current()
    if stored is None:
        st.error("This is a coalition member's contribution: open the joint project first, then import it here.")
        return
    st.write(f"Contribution from **{payload.member.name}**: {len(payload.evidence)} evidence item(s), {len(payload.sections)} section text(s), "
             f"{len(payload.recommendations)} recommendation(s), to merge into **{stored.project.title}**.")
    if st.button("Merge into the open project", key="merge_contribution", type="primary"):
        report = {}

        def merge(project):
            merged, report["r"] = merge_contribution(project, payload)
            return merged

        if state.update(merge):
            st.success(report["r"].summary())
