"""The rules audit (issue 15): every figure with its source and when it was last read, stale ones
flagged; and the deadline forms the corrections needed (a session's published closing date, a
deadline counted from the pre-sessional working group)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from shadowreport.cli import main
from shadowreport.rules import load_rules
from shadowreport.rules.audit import audit, counts, needs_checking
from shadowreport.rules.deadlines import compute_deadline

TODAY = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def figures(pack):
    return audit(pack, TODAY)


def find(figures, mechanism: str, where: str):
    return next(f for f in figures if f.mechanism == mechanism and f.where == where)


def test_every_figure_is_listed_with_its_source(figures):
    upr_joint = find(figures, "upr", "stakeholder.limits.words.joint")
    assert (upr_joint.value, upr_joint.confidence, upr_joint.source) == ("5630", "reported", "upr-info-3rd-cycle-limits")
    assert upr_joint.source_url.startswith("https://upr-info.org/") and upr_joint.verified_on == dt.date(2026, 12, 2)
    assert not upr_joint.stale
    assert find(figures, "action-categories", "vocabulary").confidence == "recalled"  # vocabularies count too
    assert not any(".sources." in f.where or ".history." in f.where for f in figures)


def test_never_verified_or_over_twelve_months_is_stale(figures):
    seed = find(figures, "briefing", "policy-brief.briefing.asks")
    assert seed.stale and seed.why_stale == "never verified"
    fresh = find(figures, "ccpr", "list-of-issues.limits.words.individual")
    assert not fresh.stale
    a_year_on = find(audit(load_rules(), dt.date(2027, 12, 3)), "ccpr", "list-of-issues.limits.words.individual")
    assert a_year_on.stale and "over 12 months" in a_year_on.why_stale
    on_the_anniversary = find(audit(load_rules(), dt.date(2027, 12, 2)), "ccpr", "list-of-issues.limits.words.individual")
    assert not on_the_anniversary.stale  # twelve months exactly is not yet over twelve months


def test_recalled_figures_are_few_and_each_says_what_to_check(figures):
    totals = counts(figures)
    assert totals["total"] == len(figures) == sum(totals[c] for c in ("verified", "reported", "recalled", "seed-2012"))
    # 64 before the audit of issue 15, 29 before the CRC languages were cited, 27 before CMW's probably
    # dead address was cut; the rest had no source in what was searched, and each note says what was searched
    assert totals["recalled"] <= 25
    recalled = [f for f in figures if f.confidence == "recalled"]
    assert all(f in needs_checking(figures) for f in recalled)
    unexplained = [f"{f.mechanism} {f.where}" for f in recalled if f.mechanism != "action-categories" and "searched" not in (f.note or "")]
    assert not unexplained  # a figure kept as recalled says what was looked for, and where


def test_a_cited_figure_names_a_source_that_was_read(figures):
    crc = find(figures, "crc", "session.languages")
    assert (crc.confidence, crc.value) == ("reported", "en, fr, es")
    assert crc.source_url and crc.verified_on == TODAY
    assert not any(f.confidence in ("verified", "reported") and f.source_title and "no primary source" in f.source_title
                   for f in figures)  # the team's recollection never backs a raised confidence


def test_the_corrections_of_the_audit(pack):
    assert pack.kind("greta/ngo-report")[1].published is False  # confidential unless the NGO asks for publication
    _, loi = pack.kind("cedaw/list-of-issues")
    assert loi.deadline.counted_from == "pre-sessional working group"
    assert {loi.limits.words.individual.confidence, loi.deadline.days_before.confidence} == {"recalled"}
    _, crc = pack.kind("crc/session")
    assert "simplified reporting procedure" in crc.deadline.basis.value
    for kind in ("cmw/list-of-issues", "cmw/session"):
        assert pack.kind(kind)[1].channel is None  # the 2012-13 address is cut, not shown as recalled
    _, call = pack.kind("special-procedures/call-for-input")
    assert call.languages.confidence == "recalled"


def test_a_cut_channel_is_said_to_be_unknown_not_left_out(capsys):
    assert main(["mechanisms", "show", "cmw/session"]) == 0
    out = capsys.readouterr().out
    assert "channel: not known: check the session's information note" in out
    assert "cmw@ohchr.org" not in out  # neither as the channel nor in a source's title
    assert main(["mechanisms", "show", "eu/rapporteur-input"]) == 0
    assert "channel: not known: check the call or the mechanism's own instructions" in capsys.readouterr().out
    assert main(["mechanisms", "show", "upr/stakeholder"]) == 0
    assert "not known" not in capsys.readouterr().out  # a given channel is shown as given
    assert main(["mechanisms", "show", "briefing/policy-brief"]) == 0
    assert "channel" not in capsys.readouterr().out  # a brief handed over at home is sent nowhere


def test_a_known_upr_session_uses_its_published_closing_date(pack):
    _, upr = pack.kind("upr/stakeholder")
    known = compute_deadline(upr, TODAY, session_date=dt.date(2023, 1, 23))
    assert (known.date, known.method, known.confidence) == (dt.date(2022, 7, 14), "known closing date", "reported")
    assert "42nd" in known.explanation
    unknown = compute_deadline(upr, TODAY, session_date=dt.date(2027, 11, 1))
    assert (unknown.date, unknown.method) == (dt.date(2027, 11, 1) - dt.timedelta(days=200), "session-offset estimate")
    assert all(193 <= (s.date.value - s.closes.value).days <= 221 for s in upr.deadline.sessions)  # the fallback sits in the range seen


def test_cedaw_list_of_issues_counts_from_the_working_group(pack):
    _, loi = pack.kind("cedaw/list-of-issues")
    deadline = compute_deadline(loi, TODAY, session_date=dt.date(2027, 3, 1))
    assert deadline.date == dt.date(2027, 2, 1)
    assert "pre-sessional working group on 2027-03-01" in deadline.explanation


@pytest.mark.parametrize(("working_group", "due"), [(dt.date(2027, 2, 1), dt.date(2026, 12, 1)),
                                                    (dt.date(2027, 6, 7), dt.date(2027, 4, 1)),
                                                    (dt.date(2027, 10, 4), dt.date(2027, 8, 1))])
def test_crc_takes_the_fixed_date_before_the_states_own_working_group(pack, working_group, due):
    _, crc = pack.kind("crc/list-of-issues")
    deadline = compute_deadline(crc, TODAY, session_date=working_group)
    assert (deadline.date, deadline.method) == (due, "fixed date")
    assert compute_deadline(crc, dt.date(2026, 11, 23)).date == dt.date(2026, 12, 1)  # unknown working group: the next fixed date


def test_cli_audit_text_and_json(capsys, monkeypatch, tmp_path: Path):
    assert main(["mechanisms", "audit", "--today", "2026-12-02"]) == 0
    out = capsys.readouterr().out
    assert "upr  stakeholder.limits.words.joint: 5630" in out and "STALE: never verified" in out
    assert out.rstrip().splitlines()[-1].startswith(f"{len(audit(load_rules(), TODAY))} figures:")
    assert main(["mechanisms", "audit", "--format", "json", "--today", "2026-12-02"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["recalled"] == sum(1 for f in data["figures"] if f["confidence"] == "recalled")
    row = next(f for f in data["figures"] if f["mechanism"] == "greta" and f["where"] == "ngo-report.submitters")
    assert row["verified_on"] == "2026-12-02" and row["stale"] is False
