"""Earlier recommendations: a new one that repeats an old one without saying so, supported ones left unassessed,
noted ones re-submitted with nothing new.

They read a project's earlier recommendations (``Draft.earlier``, imported with ``shadowreport project
add-earlier``) and its recommendations' follow-up links; a draft without earlier recommendations draws none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..draft import Draft, DraftRecommendation
from ..i18n import N_, Translator
from ..lazy_pattern import LazyPattern
from .context import CheckConfig, Rules
from .finding import Found, Location
from .registry import check

if TYPE_CHECKING:
    from ..earlier.model import EarlierRecommendation

STOP = set("""a an and are as at be by for from in into is it its of on or that the their this to with within all any
ensure take continue further measures efforts necessary including such other state states government should
les des une pour dans avec sur par que qui aux del las los para con por que una""".split())
_WORD = LazyPattern(r"[^\W\d_]{4,}")
MIN_SHARED = 4  # words in common, besides the common ones, before two texts are the same ask
MIN_OVERLAP = 0.6  # of the shorter text's words
SHOWN = 5  # references listed in a summary finding
_MARKED = (N_("supported"), N_("noted"))  # the State's positions, marked for the catalogues


def words(text: str) -> set[str]:
    """The content words of a text, loosely stemmed: 'victims' = 'victim', 'trafficking' = 'trafficked'."""
    from ..earlier.model import fold  # with the records' models (pydantic): only for a draft that has earlier recommendations

    found = set()
    for word in _WORD.findall(fold(text)):
        if word in STOP:
            continue
        for ending in ("ings", "ing", "ies", "ed", "es", "s"):
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                word = word[: -len(ending)]
                break
        found.add(word)
    return found


def _without_recommending(record: EarlierRecommendation) -> str:
    text = record.text
    for state in record.recommending:
        text = text.replace(f"({state})", " ")
    return text


def repeats(new: DraftRecommendation, earlier: list[EarlierRecommendation]) -> EarlierRecommendation | None:
    """The earlier recommendation the new one asks for again, by their words in common; None when none is close."""
    mine = words(new.text)
    best, best_score = None, 0.0
    for record in earlier:
        theirs = words(_without_recommending(record))
        shared = len(mine & theirs)
        if shared < MIN_SHARED:
            continue
        score = shared / min(len(mine), len(theirs))
        if score >= MIN_OVERLAP and score > best_score:
            best, best_score = record, score
    return best


def _linked(new: DraftRecommendation, earlier: list[EarlierRecommendation]) -> list[EarlierRecommendation]:
    """The earlier recommendations it names: by its follow-up links, or by symbol and paragraph in its text."""
    from ..earlier.model import fold, split_reference

    linked = []
    for record in earlier:
        if not record.paragraph:
            continue
        for link in new.follows_up:
            symbol, paragraph = split_reference(link)
            if paragraph == record.paragraph and (not symbol or not record.symbol or fold(symbol) == fold(record.symbol)):
                linked.append(record)
                break
        else:
            if re.search(rf"(?<![\d.]){re.escape(record.paragraph)}(?![\d]|\.\d)", new.text):
                linked.append(record)
    return linked


def _where(index: int, new: DraftRecommendation) -> Location:
    return Location(section=new.section, paragraph=new.paragraph_number, recommendation=index)


def _described(record: EarlierRecommendation, t: Translator) -> str:
    when = (t.gettext(", {cycle} cycle").format(cycle=record.cycle) if record.cycle
            else t.gettext(", session {session}").format(session=record.session) if record.session else "")
    position = t.gettext(record.position) if record.position else t.gettext("position unknown")
    return f"{record.reference or record.text[:60]} ({position}{when})"


@check("earlier.unacknowledged-repeat", "warning")
def unacknowledged_repeat(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """A new recommendation that asks what an earlier one asked says so ("reiterates 136.2, supported in the 3rd cycle").

    Reviewers and the State read a repeat as a new ask unless it names the earlier one; naming it shows
    the State has known of the problem for a whole cycle.
    Passes: "Reiterating recommendation 136.2 (A/HRC/47/7), adopt a national referral mechanism ...", or the
    recommendation linked to 136.2 in the project.
    Fails: "Adopt a national referral mechanism for victims of trafficking", when 136.2 asked exactly that.
    """
    earlier = [r for r in draft.earlier if r.is_recommendation]
    if not earlier:
        return
    for index, new in enumerate(draft.recommendations, 1):
        if _linked(new, earlier):
            continue
        record = repeats(new, earlier)
        if record is not None:
            t = config.translator
            yield Found(t.gettext("Recommendation {index} repeats {earlier} without saying so.").format(index=index, earlier=_described(record, t)),
                        _where(index, new),
                        t.gettext("Say it reiterates {earlier} and what has (not) happened since, "
                                  "and link it to the earlier recommendation in the project.").format(
                            earlier=record.paragraph or t.gettext("the earlier recommendation")))


@check("earlier.unassessed", "warning")
def unassessed(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Every earlier recommendation the State supported has an implementation assessment.

    A mid-term report, and the follow-up part of a submission, say for each supported recommendation
    whether it was implemented, partly implemented or not, or that there is no information; one finding
    lists those without.
    Passes: 136.2 supported and assessed "partially implemented" with evidence.
    Fails: 136.2 supported, with no assessment.
    """
    missing = [r for r in draft.earlier if r.position == "supported" and r.is_recommendation and r.assessment is None]
    if not missing:
        return
    t = config.translator
    shown = ", ".join(r.reference or r.text[:40] for r in missing[:SHOWN]) + (
        t.gettext(" and {count} more").format(count=len(missing) - SHOWN) if len(missing) > SHOWN else "")
    yield Found(t.ngettext("{count} supported earlier recommendation has no implementation assessment: {shown}.",
                           "{count} supported earlier recommendations have no implementation assessment: {shown}.",
                           len(missing)).format(count=len(missing), shown=shown),
                Location(), t.gettext("Assess each as implemented, partially implemented, not implemented or no information, with the evidence."))


@check("earlier.noted-resubmitted", "warning")
def noted_resubmitted(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """A recommendation the State noted, asked for again, brings a new argument: evidence of what has changed.

    The State already declined it once; the same words with nothing new will be noted again.
    Passes: a recommendation following up noted 136.3, linked to evidence of new prosecutions figures.
    Fails: a recommendation following up noted 136.3, with no evidence linked.
    """
    earlier = [r for r in draft.earlier if r.is_recommendation]
    if not earlier:
        return
    for index, new in enumerate(draft.recommendations, 1):
        if new.evidence_ids:
            continue
        noted = [r for r in _linked(new, earlier) if r.position == "noted"]
        if not noted:
            record = repeats(new, earlier)
            noted = [record] if record is not None and record.position == "noted" else []
        if noted:
            t = config.translator
            yield Found(t.gettext("Recommendation {index} asks again for {earlier}, which the State noted, with no new argument.").format(
                            index=index, earlier=_described(noted[0], t)),
                        _where(index, new), t.gettext("Link the evidence of what has changed since, or say why the State should accept it now."))
