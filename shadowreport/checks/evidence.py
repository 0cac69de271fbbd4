"""Evidence: every figure and case has a source, sources are recent enough, cases have consent."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from ..draft import Draft
from ..lazy_pattern import LazyPattern
from .context import CheckConfig, Rules
from .finding import Found, Location
from .registry import check
from .text import paragraphs, where

DEFAULT_REVIEW_MONTHS = 60  # house default where the kind states no review period
_FIGURE = LazyPattern(r"\b\d[\d,.]*\s?(%|per ?cent\b|percent\b)|\b\d[\d,.]*\s+(victims|persons|people|women|men|children|girls|boys|workers|cases|survivors)\b", re.IGNORECASE)
_YEAR = LazyPattern(r"\b((?:19|20)\d{2})\b")
_CITED = LazyPattern(r"\([^)]*\b(19|20)\d{2}\b[^)]*\)|\bsource:|\baccording to\b|https?://|\bselon\b|\bsegún\b|\bd'après\b", re.IGNORECASE)
# The organisation's own figures, said to be its own ("our outreach team met 312 workers", "known to us",
# "la red acompañó a 58 mujeres", "the Federation represents 41,000 workers"): the text is their source.
_OWN = LazyPattern(r"\b(?:we|our|us|nous|notre|nos|nuestr[oa]s?|hemos)\b|\b(?:the|la|le|el|l')\s*(?:federation|union|network|coalition|alliance|"
                   r"association|organisation|organization|institution|commission|collectif|red|fundación|confederación|federación|"
                   r"asociación|plateforme|observatorio|sindicato|council|platform|centre|center|forum|trust|initiative|society|clinic)(?:['’]s)?\b|"
                   r"\b(?:our|the)\s+(?:team|teams|helpline|caseworkers|lawyers|outreach|field teams|volunteers)\b|\b(?:represents|members|membres|miembros|agrupa|réunit)\b", re.IGNORECASE)


@check("evidence.unsourced", "warning")
def unsourced(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Statistics and cases name their source.

    Passes: "212 workers were reached in 2024.[1]" with note 1 giving the report; "In 2024 our outreach team met
    312 workers" (the organisation's own figure, said to be its own); "The plan aims to identify 500 victims
    a year" (a target, not a fact).
    Fails: an evidence item of kind statistic with no source; or a percentage in the text with no note or citation.
    """
    t = config.translator
    for item in draft.evidence:
        if item.kind in ("statistic", "case", "official-finding", "media-report") and item.source is None:
            yield Found(t.gettext("Evidence '{id}' ({kind}) has no source.").format(id=item.id, kind=item.kind),
                        suggestion=t.gettext("Add the citation (document, date, and link where there is one); "
                                             "unsourced figures are easily dismissed."))
    if draft.evidence:
        return  # a project's text cites its evidence records; the records are what matter
    for section, position, paragraph in paragraphs(draft):
        if _FIGURE.search(paragraph.text) and not paragraph.note_refs and not _CITED.search(paragraph.text) and not _own_figures(paragraph.text):
            yield Found(t.gettext("A figure without a source note or citation."), where(section, position, paragraph),
                        t.gettext("Add a footnote or a citation in brackets giving where the figure comes from."), severity="info")


# A figure to reach, not a fact to prove: a policy target, or what a recommendation asks for.
_TARGET = LazyPattern(r"\b(?:target|aims? to|goal|objective|should|must|shall|needs? to|to reach|at least|objectif|vise à|devrait|doit|"
                      r"meta|objetivo|debe|deberá|al menos|au moins)\b", re.IGNORECASE)


def _own_figures(text: str) -> bool:
    """Every sentence with a figure says whose figure it is (the organisation's own), or sets a target."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if _FIGURE.search(s)]
    return bool(sentences) and all(_OWN.search(s) or _TARGET.search(s) for s in sentences)


def _review_months(rules: Rules) -> tuple[int, str]:
    kind = rules.kind
    if kind is not None and kind.review_period_months is not None:
        return kind.review_period_months.value, kind.review_period_months.provenance()
    return DEFAULT_REVIEW_MONTHS, "house default: five years, where the mechanism sets no period"


@check("evidence.stale", "warning")
def stale(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Sources fall within the period under review.

    Passes: a 2024 source in a 2027 UPR submission.
    Fails: a 2012 source in a 2027 UPR submission (older than the period since the last review).
    """
    months, basis = _review_months(rules)
    reference = draft.session_date or draft.deadline or config.today
    cutoff = reference - dt.timedelta(days=round(months * 30.44))
    t = config.translator
    for item in draft.evidence:
        if item.source is not None and item.source.date is not None and item.source.date < cutoff:
            yield Found(t.gettext("Evidence '{id}' cites a source from {month}, before the period under review (from {cutoff}).").format(
                            id=item.id, month=t.month(item.source.date), cutoff=t.month(cutoff)),
                        suggestion=t.gettext("Use recent data, or say why the older source still describes the situation."), source=basis)
    if draft.evidence:
        return
    old_notes = []
    for note in draft.notes:
        years = [int(y) for y in _YEAR.findall(note.text)]
        if years and max(years) < cutoff.year:
            old_notes.append((note.id, max(years)))
    if old_notes:
        newest = max(year for _, year in old_notes)
        listed = ", ".join(note_id for note_id, _ in old_notes[:8]) + (" ..." if len(old_notes) > 8 else "")
        yield Found(t.gettext("{count} note(s) cite nothing newer than {year}, before the period under review (notes {listed}).").format(
                        count=len(old_notes), year=newest, listed=listed),
                    Location(note=old_notes[0][0]), t.gettext("Check that more recent sources do not exist."), source=basis, severity="info")


@check("evidence.consent", "error")
def consent(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Every case and testimony has a consent record (verbal or written, its scope and date).

    Passes: a case with written consent for anonymised use in this submission.
    Fails: a testimony with no consent recorded, or whose consent was withdrawn.
    """
    t = config.translator
    for item in draft.evidence:
        if not item.needs_consent:
            continue
        if item.consent is None:
            guardian = t.gettext(" (a guardian's, for a child)") if item.involves_minor else ""
            yield Found(t.gettext("Evidence '{id}' ({kind}) has no consent record.").format(id=item.id, kind=item.kind),
                        suggestion=t.gettext("Record the person's consent{guardian}: verbal or written, what it covers and when it was given; "
                                             "otherwise leave the case out.").format(guardian=guardian))
        elif not item.consent.active:
            yield Found(t.gettext("Consent for evidence '{id}' was withdrawn on {date}.").format(id=item.id, date=t.date(item.consent.withdrawn_on)),
                        suggestion=t.gettext("Remove the case from the submission."))
        elif item.involves_minor and not item.consent.by_guardian:
            yield Found(t.gettext("Evidence '{id}' concerns a child, but the consent is not a guardian's.").format(id=item.id),
                        suggestion=t.gettext("Record the consent of a guardian or legal representative as well."), severity="warning")
