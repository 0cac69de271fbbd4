"""Deadlines: passed, close, and the internal steps before them (union hand-over, coalition sign-off)."""

from __future__ import annotations

from typing import Iterator

from ..draft import Draft
from ..i18n import N_
from ..rules.deadlines import Deadline, compute_deadline
from ..rules.describe import milestone_label
from .context import CheckConfig, Rules
from .finding import Found, Location
from .registry import check

# How a date was found and how sure it is (rules/deadlines.py, the rules' confidence), marked for the catalogues.
_MARKED = (N_("known closing date"), N_("session-offset estimate"), N_("fixed annual date"), N_("fixed date"), N_("per call"), N_("none"),
           N_("verified"), N_("reported"), N_("recalled"), N_("seed-2012"), N_("n/a"))

SOON_WARNING_DAYS = 14
SOON_INFO_DAYS = 30


def draft_deadline(draft: Draft, rules: Rules, config: CheckConfig) -> Deadline | None:
    if rules.kind is None:
        if draft.deadline is None:
            return None
        return Deadline(draft.deadline, "official", "official", f"Date given in {draft.deadline_source or 'the draft'}.")
    official = draft.deadline if (draft.deadline_official or rules.kind.deadline.rule in ("per-call", "none")) else None
    deadline = compute_deadline(rules.kind, config.today, session_date=draft.session_date, joint=draft.joint,
                                official=official, official_source=draft.deadline_source, language=config.translator.language)
    if deadline.date is None and draft.deadline is not None:
        deadline = compute_deadline(rules.kind, config.today, session_date=draft.session_date, joint=draft.joint,
                                    official=draft.deadline, official_source=draft.deadline_source, language=config.translator.language)
    return deadline


def _how(deadline: Deadline, t) -> str:
    if deadline.method == "official":
        return t.gettext("official date")
    return f"{t.gettext(deadline.method)}, {t.gettext(deadline.confidence)}"


@check("deadline.passed", "error")
def passed(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """The deadline has not passed.

    Passes: a deadline next month.
    Fails: a deadline last week: "The deadline (31 March 2026, official date) passed 7 days ago."
    """
    deadline = draft_deadline(draft, rules, config)
    if deadline is None or deadline.date is None:
        return
    days = deadline.days_left(config.today)
    t = config.translator
    if days < 0:
        yield Found(t.ngettext("The deadline ({date}, {how}) passed {days} day ago.", "The deadline ({date}, {how}) passed {days} days ago.",
                               -days).format(date=t.date(deadline.date), how=_how(deadline, t), days=-days),
                    suggestion=t.gettext("Late submissions are usually not considered: check with the secretariat, "
                                         "or aim for the next session or cycle."),
                    source=deadline.explanation)


@check("deadline.soon", "warning")
def soon(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Days left before the deadline, saying how the date was found; internal steps that are due.

    Passes: a deadline two months away with no internal step due.
    Fails: a deadline in 5 days: "5 days left before the deadline (1 September 2027, fixed annual date)".
    """
    deadline = draft_deadline(draft, rules, config)
    if deadline is None or deadline.date is None:
        return
    days = deadline.days_left(config.today)
    t = config.translator
    if 0 <= days <= SOON_INFO_DAYS:
        severity = "warning" if days <= SOON_WARNING_DAYS else "info"
        where = {"date": t.date(deadline.date), "how": _how(deadline, t), "days": days}
        yield Found((t.gettext("Due today before the deadline ({date}, {how}).") if days == 0 else
                     t.ngettext("{days} day left before the deadline ({date}, {how}).", "{days} days left before the deadline ({date}, {how}).",
                                days)).format(**where),
                    suggestion=None if deadline.method == "official" else t.gettext("Confirm the exact date in the official notice and enter it."),
                    source=deadline.explanation, severity=severity)
    if days < 0:
        return
    for milestone in deadline.milestones:
        if milestone.date < config.today:
            yield Found(t.gettext("Internal step overdue: '{step}' was due on {date}, {days} days before the deadline.").format(
                            step=milestone_label(milestone.label, t), date=t.date(milestone.date), days=(deadline.date - milestone.date).days),
                        Location(), t.gettext("Do it now: the deadline leaves no room for it later."), source=deadline.explanation)
    pending = [m.name for m in draft.members if m.sign_off == "pending"]
    if draft.joint and pending and days <= SOON_INFO_DAYS:
        yield Found(t.gettext("{count} coalition member(s) have not signed off yet.").format(count=len(pending)),
                    suggestion=t.gettext("Ask them to approve the final text before it is sent."))
