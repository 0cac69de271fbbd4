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
from ..i18n import N_
from ..project.timeline import URGENCIES, TimelineDate, timeline
from ..rules.describe import milestone_label
from ..store import StoreError
from . import state, translation
from .text import plain
from .translation import gettext, ngettext

# Colour-blind-safe, from most to least urgent; the legend and the labels say the same in words.
URGENCY_COLOURS = ("#b2182b", "#ef8a62", "#e0b400", "#2166ac")
ROW_HEIGHT = 48  # pixels per project on the chart
URGENCY_WORDS = {"passed": N_("passed"), "this week": N_("this week"), "within a month": N_("within a month"), "later": N_("later")}
# The table's columns, as the English table has always named them.
COLUMNS = {"date": N_("date"), "project": N_("project"), "what": N_("what"), "when": N_("when"), "urgency": N_("urgency"),
           "how": N_("how the date was found")}


def render() -> None:
    st.title(gettext("Deadlines"))
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
    dates, undated = timeline(projects, pack, today, translation.current())
    if not dates and not undated:
        st.info(gettext("No projects yet."))
        return
    if dates:
        st.altair_chart(chart(dates, today), width="stretch")
        st.dataframe([_row(d) for d in dates], hide_index=True, width="stretch",
                     column_config={gettext(COLUMNS["date"]): st.column_config.DateColumn(gettext("Date"), format="D MMM YYYY" if translation.current() == "en" else "DD/MM/YYYY")})
        events = [Event(d.date, f"{_what(d)}: {d.project}", d.detail) for d in dates]
        st.download_button(gettext("Download the calendar (.ics)"), to_ics(events), file_name="shadow-report-deadlines.ics", mime="text/calendar",
                           key="deadlines_ics", on_click="ignore")
    for title, explanation in undated:
        st.caption(gettext("**{title}**: no date yet. {explanation}", title=plain(title), explanation=plain(explanation)))


def chart(dates: list[TimelineDate], today: dt.date) -> alt.LayerChart:
    """One row per project: each date a mark coloured (and labelled) by urgency, today a line."""
    deadline, step = gettext("Deadline"), gettext("Internal step")
    data = alt.Data(values=[{"date": d.date.isoformat(), "project": d.project, "what": _what(d), "urgency": _urgency(d.urgency),
                             "days": _days(d.days_left), "how": _how(d), "shape": deadline if d.is_deadline else step} for d in dates])
    projects = list(dict.fromkeys(d.project for d in dates))
    # Vega names months in English only: another language gets dates in figures (31/12/2027).
    date_format = "%d %b %Y" if translation.current() == "en" else "%d/%m/%Y"
    x = alt.X("date:T", title=None, axis=alt.Axis(format=date_format), scale=alt.Scale(padding=48))  # room for the end labels
    y = alt.Y("project:N", title=None, sort=projects, axis=alt.Axis(labelLimit=260))
    # every urgency keeps its colour, whichever are present
    scale = alt.Scale(domain=[_urgency(name) for name in URGENCIES], range=list(URGENCY_COLOURS))
    colour = alt.Color("urgency:N", title=gettext("Urgency"), scale=scale)
    marks = alt.Chart(data).mark_point(size=180, filled=True, opacity=1).encode(
        x=x, y=y, color=colour,
        shape=alt.Shape("shape:N", title=None, scale=alt.Scale(domain=[deadline, step], range=["diamond", "circle"])),
        tooltip=[alt.Tooltip("project:N", title=gettext("Project")), alt.Tooltip("what:N", title=gettext("What")),
                 alt.Tooltip("date:T", title=gettext("Date"), format=date_format), alt.Tooltip("days:N", title=gettext("When")),
                 alt.Tooltip("urgency:N", title=gettext("Urgency")), alt.Tooltip("how:N", title=gettext("How the date was found"))],
    )
    # Above each deadline, so that no label runs into the legend on the right.
    labels = alt.Chart(data).transform_filter(alt.datum.shape == deadline).mark_text(dy=-14, fontSize=12, fontWeight="bold").encode(
        x=x, y=y, text="days:N", color=colour)
    now = alt.Chart(alt.Data(values=[{"date": today.isoformat(), "label": gettext("today")}]))
    today_line = now.mark_rule(strokeDash=[4, 4], color="#555").encode(x="date:T")
    today_label = now.mark_text(align="left", dx=4, baseline="top", color="#555").encode(x="date:T", y=alt.value(0), text="label:N")
    height = max(120, ROW_HEIGHT * len(projects) + 40)
    return alt.layer(today_line, today_label, marks, labels).properties(height=height)


def _row(date: TimelineDate) -> dict:
    values = {"date": date.date, "project": date.project, "what": _what(date), "when": _days(date.days_left), "urgency": _urgency(date.urgency),
              "how": _how(date)}
    return {gettext(COLUMNS[name]): value for name, value in values.items()}


def _what(date: TimelineDate) -> str:
    # A milestone's label comes from the rules: the built-in ones are in the catalogue, a user's own stays as written.
    return gettext("Deadline") if date.is_deadline else milestone_label(date.what, translation.translator())


def _how(date: TimelineDate) -> str:
    """How the date was found, as project/timeline.py writes it in English."""
    if date.days_before is not None:
        return ngettext("{count} days before the deadline", "{count} days before the deadline", date.days_before)
    if not date.method:
        return date.how
    if date.method == "official":
        return gettext("official date")
    return gettext("{method} ({confidence})", method=gettext(date.method), confidence=gettext(date.confidence))


def _urgency(name: str) -> str:
    return gettext(URGENCY_WORDS[name]) if name in URGENCY_WORDS else name


def _days(days_left: int) -> str:
    """Days left in words, as project/timeline.py writes them in English."""
    if days_left == 0:
        return gettext("today")
    if days_left < 0:
        return ngettext("{count} day ago", "{count} days ago", -days_left)
    return ngettext("{count} day left", "{count} days left", days_left)
