"""The Deadlines page (AppTest): a timeline chart coloured by urgency, with days left in words."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from shadowreport.project.model import DeadlineOverride
from shadowreport.store import Store

from .factories import coalition_project, upr_project


def deadlines_page() -> None:
    from shadowreport.ui import deadlines_page

    deadlines_page.render()


def test_the_timeline_chart_and_table():
    store = Store(Path(os.environ["SHADOWREPORT_STORE"]))
    today = dt.date.today()
    store.create(coalition_project().model_copy(update={"title": "Soon", "deadline_override": DeadlineOverride(date=today + dt.timedelta(days=5), source="note")}))
    store.create(upr_project(id="prj-late", title="![x](http://tracker.example/x.png)", session_date=None,
                             deadline_override=DeadlineOverride(date=today - dt.timedelta(days=3), source="note")))
    store.create(upr_project(id="prj-none", title="No date yet", session_date=None))
    app = AppTest.from_function(deadlines_page, default_timeout=60).run()
    assert not app.exception
    charts = app.get("vega_lite_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    text = json.dumps(spec)
    assert "this week" in text and "passed" in text and "5 days left" in text and "3 days ago" in text
    assert '"domain": ["passed", "this week", "within a month", "later"]' in text  # colours fixed per urgency
    table = app.dataframe[0].value
    # The coalition's sign-off (14 days before its deadline), the late deadline, then the coalition's deadline.
    assert list(table["urgency"]) == ["passed", "passed", "this week"]
    assert list(table["when"]) == ["9 days ago", "3 days ago", "5 days left"]
    assert "5 days left" in list(table["when"])
    assert any("No date yet" in c.value and "no date yet" in c.value for c in app.caption)
    assert not any("](http" in c.value for c in app.caption)
