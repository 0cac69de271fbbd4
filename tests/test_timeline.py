"""The deadlines timeline: every project's dates in order, with urgency in words."""

from __future__ import annotations

import datetime as dt

import pytest

from shadowreport.project.model import DeadlineOverride
from shadowreport.project.timeline import days_in_words, timeline, urgency

from .factories import TODAY, coalition_project, upr_project


@pytest.mark.parametrize(("days", "expected"), [(-30, "passed"), (-1, "passed"), (0, "this week"), (7, "this week"),
                                                (8, "within a month"), (30, "within a month"), (31, "later"), (400, "later")])
def test_urgency_bands(days, expected):
    assert urgency(days) == expected


def test_days_in_words():
    assert [days_in_words(n) for n in (-2, -1, 0, 1, 12)] == ["2 days ago", "1 day ago", "today", "1 day left", "12 days left"]


def test_projects_dates_in_order_with_their_milestones(pack):
    official = upr_project(id="prj-a", title="A", members=coalition_project().members,  # a coalition: its sign-off is a milestone
                           deadline_override=DeadlineOverride(date=TODAY + dt.timedelta(days=20), source="info note"))
    undated = upr_project(id="prj-b", title="B", session_date=None)
    dates, without = timeline([undated, official], pack, TODAY)
    assert [d.date for d in dates] == sorted(d.date for d in dates)
    deadline = next(d for d in dates if d.is_deadline)
    assert (deadline.project, deadline.how, deadline.days_left, deadline.urgency, deadline.days) == \
        ("A", "official date", 20, "within a month", "20 days left")
    assert len(dates) > 1 and all(d.project == "A" and d.date < deadline.date for d in dates if not d.is_deadline)
    assert [title for title, _ in without] == ["B"]


def test_a_project_whose_kind_the_rules_do_not_know_is_left_out(pack):
    unknown = upr_project().model_copy(update={"kind": "no-such-kind"})
    assert timeline([unknown], pack, TODAY) == ([], [])
