"""Length: words and pages against the kind's limits (individual or joint), per-section budgets."""

from __future__ import annotations

from typing import Iterator

from ..draft import Draft
from ..pagecount import estimate_pages
from ..rules.frozen import Limits
from ..wordcount import count_words
from .context import CheckConfig, Rules, source_of
from .finding import Found, Location
from .registry import check
from .text import counts_toward_limit, word_count


def _limit(rules: Rules, draft: Draft, unit: str, config: CheckConfig):
    """(limit, who it is for, source) from a user override or the kind's rule; None if there is none.

    A limit no source confirms says so in the text, so that it is never read as settled."""
    limits = rules.kind.limits if rules.kind is not None else Limits(words=None, pages=None)  # only a user's own limit applies
    chosen = limits.applicable(unit, joint=draft.joint, override=config.words_limit if unit == "words" else config.pages_limit,
                               override_source=config.limit_source)
    if chosen is None:
        return None
    t = config.translator
    if chosen.applies_to == "override":
        who = t.gettext("this submission")
    elif chosen.applies_to == "joint":
        who = t.gettext("a joint (coalition) submission")
    else:
        who = t.gettext("a submission by one organisation") if chosen.kind_has_joint_limit else t.gettext("this kind of submission")
    if chosen.confidence == "recalled":
        who += t.gettext(" (a recalled limit, not yet confirmed in a source: check the current guidelines)")
    elif chosen.confidence == "seed-2012":
        who += t.gettext(" (2012 guidance: check whether it still applies)")
    return chosen.value, who, chosen.source


@check("length.words", "error")
def words(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """The draft is within the kind's word limit, counting what the rule counts.

    Words are counted as a word processor does (a hyphenated word is one word). Footnotes and
    annexes count only where the rule says so; where no source says whether footnotes count, a
    warning tells you if they would take you over.

    Passes: a 2,700-word UPR submission by one NGO (limit 2,815).
    Fails: a 3,100-word UPR submission by one NGO: "3,100 words: 285 over the 2,815-word limit".
    """
    found = _limit(rules, draft, "words", config)
    if found is not None:
        limit, who, source = found
        footnotes, annexes, cover = counts_toward_limit(rules.kind)
        count = word_count(draft)
        counted = count.counted(notes=bool(footnotes), annexes=annexes, cover=cover)
        t = config.translator
        what = (t.gettext("footnotes included") if footnotes
                else (t.gettext("footnotes not included") if footnotes is False else t.gettext("footnotes not counted")))
        if counted > limit:
            yield Found(t.gettext("{counted} words ({what}): {over} over the {limit}-word limit for {who}.").format(
                            counted=t.number(counted), what=what, over=t.number(counted - limit), limit=t.number(limit), who=who),
                        suggestion=t.gettext("Cut at least {over} words, or move supporting detail to an annex if the mechanism allows it.").format(
                            over=t.number(counted - limit)),
                        source=source)
        elif footnotes is None and count.notes and counted + count.notes > limit:
            yield Found(t.gettext("{counted} words without footnotes, {with_notes} with them: over the {limit}-word limit "
                                  "if the mechanism counts footnotes, and no source says whether it does.").format(
                            counted=t.number(counted), with_notes=t.number(counted + count.notes), limit=t.number(limit)),
                        suggestion=t.gettext("Check the current guidelines, or cut the difference to be safe."), source=source,
                        severity="warning")
        elif counted >= 0.95 * limit:
            yield Found(t.gettext("{counted} words of the {limit} allowed for {who} ({left} left).").format(
                            counted=t.number(counted), limit=t.number(limit), who=who, left=t.number(limit - counted)), source=source,
                        severity="info")
    if rules.kind is not None:
        yield from _section_budgets(draft, rules, config)


def _section_budgets(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    t = config.translator
    for budget_section in rules.kind.sections:
        if budget_section.max_words is None:
            continue
        for section in draft.sections:
            if section.id == budget_section.id or section.title.strip().lower() == budget_section.title.lower():
                used = count_words(section.title) + sum(count_words(p.text) for p in section.paragraphs)
                if used > budget_section.max_words.value:
                    yield Found(t.gettext("The section '{title}' has {used} words; its budget is {budget}.").format(
                                    title=section.title, used=t.number(used), budget=t.number(budget_section.max_words.value)),
                                Location(section=section.title), suggestion=t.gettext("Shorten this section."),
                                source=source_of(budget_section.max_words), severity="warning")


@check("length.pages", "error")
def pages(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """The draft fits the kind's page limit (and, for briefings, the ideal length).

    The page figure is "rendered" when LibreOffice laid the document out (``--render``), otherwise
    "estimated" from the text and the reference layout.

    Passes: a one-page briefing.
    Fails: a three-page briefing: "3 pages (estimated): over the 2-page limit".
    """
    found = _limit(rules, draft, "pages", config)
    ideal = rules.kind.limits.pages.ideal if rules.kind is not None and rules.kind.limits.pages is not None else None
    if found is None and ideal is None:
        return
    count = config.rendered_pages if config.rendered_pages is not None else draft.memo("pages", lambda: estimate_pages(draft))
    rendered = config.rendered_pages is not None
    t = config.translator
    how = t.gettext("rendered") if rendered else t.gettext("estimated")
    if found is not None:
        limit, who, source = found
        if count > limit:
            yield Found(t.gettext("{count} pages ({how}): over the {limit}-page limit for {who}.").format(count=count, how=how, limit=limit, who=who),
                        suggestion=t.ngettext("Cut to {limit} page.", "Cut to {limit} pages.", limit).format(limit=limit)
                        + ("" if rendered else t.gettext(" Render with LibreOffice (--render) for the exact figure.")),
                        source=source)
            return
    if ideal is not None and count > ideal.value:
        yield Found(t.gettext("{count} pages ({how}); the ideal is {ideal}.").format(count=count, how=how, ideal=ideal.value),
                    suggestion=t.gettext("Shorter is more likely to be read."),
                    source=source_of(ideal), severity="info")
