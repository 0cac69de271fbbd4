"""Deadlines: every project's deadline and internal milestones, how each date was found, and an .ics file."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ..calendar import Event, to_ics
from ..store import StoreError
from . import state


def render() -> None:
    st.title("Deadlines")
    pack, store = state.rules(), state.store()
    if pack is None or store is None:
        return
    today = dt.date.today()
    rows, events, undated = [], [], []
    for summary in store.list():
        try:
            project = store.load(summary.id).project
            deadline = project.deadline(pack, today)
        except (StoreError, KeyError):
            continue
        if deadline.date is None:
            undated.append((project.title, deadline.explanation))
            continue
        how = "official date" if deadline.method == "official" else f"{deadline.method} ({deadline.confidence})"
        rows.append({"date": deadline.date, "project": project.title, "what": "Deadline", "how the date was found": how,
                     "days left": (deadline.date - today).days})
        events.append(Event(deadline.date, f"Deadline: {project.title}", f"{deadline.explanation} ({how})"))
        for milestone in deadline.milestones:
            rows.append({"date": milestone.date, "project": project.title, "what": milestone.label, "how the date was found":
                         f"{(deadline.date - milestone.date).days} days before the deadline", "days left": (milestone.date - today).days})
            events.append(Event(milestone.date, f"{milestone.label}: {project.title}", f"Internal step before the deadline of {deadline.date}."))
    if not rows and not undated:
        st.info("No projects yet.")
        return
    rows.sort(key=lambda row: row["date"])
    st.dataframe(rows, hide_index=True, use_container_width=True,
                 column_config={"date": st.column_config.DateColumn("Date", format="D MMM YYYY")})
    if events:
        st.download_button("Download the calendar (.ics)", to_ics(events), file_name="shadow-report-deadlines.ics", mime="text/calendar",
                           key="deadlines_ics")
    for title, explanation in undated:
        st.caption(f"**{title}**: no date yet. {explanation}")
