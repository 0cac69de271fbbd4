"""Deadlines: every project's deadline and internal milestones on a timeline coloured by urgency,
with days left in words, how each date was found, and an .ics file.

The chart is Altair (shipped with Streamlit) drawn by the Vega bundled in Streamlit's own front end:
nothing is fetched. Urgency is written on the chart and in the table too, never in colour alone.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import streamlit as st

from ..calendar import Event, to_ics
from ..project.timeline import URGENCIES, TimelineDate, timeline
from ..store import StoreError
from . import state
from .text import plain

# Colour-blind-safe, from most to least urgent; the legend and the labels say the same in words.
URGENCY_COLOURS = ("#b2182b", "#ef8a62", "#e0b400", "#2166ac")
ROW_HEIGHT = 48  # pixels per project on the chart


def render() -> None:
    st.title("Deadlines")
    pack, store = state.rules(), state.store()
    if pack is None or store is None:
        return
    today = dt.date.today()
    projects = []
    for summary in store.list():
        try:
            projects.append(store.load(summary.id).project)
        except StoreError:
            continue  # a damaged project is reported on the Projects page
    dates, undated = timeline(projects, pack, today)
    if not dates and not undated:
        st.info("No projects yet.")
        return
    if dates:
        st.altair_chart(chart(dates, today), width="stretch")
        st.dataframe([_row(d) for d in dates], hide_index=True, width="stretch",
                     column_config={"date": st.column_config.DateColumn("Date", format="D MMM YYYY")})
        events = [Event(d.date, f"{d.what}: {d.project}", d.detail) for d in dates]
        st.download_button("Download the calendar (.ics)", to_ics(events), file_name="shadow-report-deadlines.ics", mime="text/calendar",
                           key="deadlines_ics", on_click="ignore")
    for title, explanation in undated:
        st.caption(f"**{plain(title)}**: no date yet. {plain(explanation)}")


def chart(dates: list[TimelineDate], today: dt.date) -> alt.LayerChart:
    """One row per project: each date a mark coloured (and labelled) by urgency, today a line."""
    data = alt.Data(values=[{"date": d.date.isoformat(), "project": d.project, "what": d.what, "urgency": d.urgency,
                             "days": d.days, "how": d.how, "shape": "Deadline" if d.is_deadline else "Internal step"} for d in dates])
    projects = list(dict.fromkeys(d.project for d in dates))
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%d %b %Y"), scale=alt.Scale(padding=48))  # room for the end labels
    y = alt.Y("project:N", title=None, sort=projects, axis=alt.Axis(labelLimit=260))
    scale = alt.Scale(domain=list(URGENCIES), range=list(URGENCY_COLOURS))  # every urgency keeps its colour, whichever are present
    colour = alt.Color("urgency:N", title="Urgency", scale=scale)
    marks = alt.Chart(data).mark_point(size=180, filled=True, opacity=1).encode(
        x=x, y=y, color=colour,
        shape=alt.Shape("shape:N", title=None, scale=alt.Scale(domain=["Deadline", "Internal step"], range=["diamond", "circle"])),
        tooltip=[alt.Tooltip("project:N", title="Project"), alt.Tooltip("what:N", title="What"),
                 alt.Tooltip("date:T", title="Date", format="%d %b %Y"), alt.Tooltip("days:N", title="When"),
                 alt.Tooltip("urgency:N", title="Urgency"), alt.Tooltip("how:N", title="How the date was found")],
    )
    # Above each deadline, so that no label runs into the legend on the right.
    labels = alt.Chart(data).transform_filter(alt.datum.shape == "Deadline").mark_text(dy=-14, fontSize=12, fontWeight="bold").encode(
        x=x, y=y, text="days:N", color=colour)
    now = alt.Chart(alt.Data(values=[{"date": today.isoformat(), "label": "today"}]))
    today_line = now.mark_rule(strokeDash=[4, 4], color="#555").encode(x="date:T")
    today_label = now.mark_text(align="left", dx=4, baseline="top", color="#555").encode(x="date:T", y=alt.value(0), text="label:N")
    height = max(120, ROW_HEIGHT * len(projects) + 40)
    return alt.layer(today_line, today_label, marks, labels).properties(height=height)


def _row(date: TimelineDate) -> dict:
    return {"date": date.date, "project": date.project, "what": date.what, "when": date.days, "urgency": date.urgency,
            "how the date was found": date.how}
