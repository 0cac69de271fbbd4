"""A project's deadline: the date, how it was found, how sure, and the milestones before it."""

from __future__ import annotations

import datetime as dt

import pytest

from shadowreport.project.model import DeadlineOverride

from .factories import TODAY, coalition_project, upr_project





def test_official_date_wins_over_the_estimate(pack):
    project = upr_project(deadline_override=DeadlineOverride(date=dt.date(2026, 7, 14), source="Information note, 4th cycle"))
    deadline = project.deadline(pack, TODAY)
    assert (deadline.date, deadline.method, deadline.confidence) == (dt.date(2026, 7, 14), "official", "official")
    assert "Information note" in deadline.explanation
    assert deadline.days_left(TODAY) == -132


def test_session_offset_is_an_estimate_with_the_rule_confidence(pack):
    deadline = upr_project().deadline(pack, TODAY)
    assert deadline.date == dt.date(2027, 1, 25) - dt.timedelta(days=200)  # not in the table of known sessions
    assert deadline.method == "session-offset estimate" and deadline.confidence == "reported"
    assert deadline.milestones == []  # one organisation: no coalition sign-off


def test_without_a_session_date_no_date_is_invented(pack):
    deadline = upr_project(session_date=None).deadline(pack, TODAY)
    assert deadline.date is None and "Enter the session date" in deadline.explanation


def test_coalition_gets_a_sign_off_milestone(pack):
    deadline = coalition_project().deadline(pack, TODAY)
    assert [(m.id, deadline.date - m.date) for m in deadline.milestones] == [("coalition-sign-off", dt.timedelta(days=14))]


def test_ilo_fixed_date_and_union_hand_over(pack):
    project = upr_project(mechanism="ilo", kind="ceacr-observation", session_date=None)
    deadline = project.deadline(pack, TODAY)
    assert (deadline.date, deadline.method) == (dt.date(2027, 9, 1), "fixed annual date")
    assert [(m.id, m.date) for m in deadline.milestones] == [("union-hand-over", dt.date(2027, 7, 15)), ("fidh-date", dt.date(2027, 8, 31))]
    on_the_day = project.deadline(pack, dt.date(2027, 9, 1))
    assert on_the_day.date == dt.date(2027, 9, 1)


def test_crc_next_fixed_date(pack):
    project = upr_project(mechanism="crc", kind="session", session_date=None)
    assert project.deadline(pack, TODAY).date == dt.date(2026, 12, 1)
    assert project.deadline(pack, dt.date(2026, 12, 2)).date == dt.date(2027, 4, 1)


@pytest.mark.parametrize(("mechanism", "kind", "method"), [("greta", "ngo-report", "per call"), ("upr", "midterm", "none"),
                                                          ("special-procedures", "communication", "none")])
def test_no_date_where_the_rule_sets_none(pack, mechanism, kind, method):
    deadline = upr_project(mechanism=mechanism, kind=kind).deadline(pack, TODAY)
    assert deadline.date is None and deadline.method == method
