"""Briefings: three asks, and the key request repeated at the end."""

from __future__ import annotations

import re
from typing import Iterator

from ..draft import Draft
from .context import CheckConfig, Rules, source_of
from .finding import Found, Location
from .registry import check
from .text import paragraphs

_REQUEST = re.compile(r"\b(we ask|we request|we urge|we call on|please|our request|we recommend|nous demandons|nous vous demandons)\b", re.IGNORECASE)
_STOP = set("the a an of and to in for on with by is are be this that we our you your will would should can it as at from or".split())


def _content(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-zà-ÿ]{4,}", text.lower()) if w not in _STOP}


@check("briefing.asks", "warning")
def asks(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """A briefing makes three asks, not more.

    Passes: three asks in a list.
    Fails: five asks: "5 asks; a briefing carries 3".
    """
    if rules.kind is None or rules.kind.briefing is None:
        return
    cap = rules.kind.briefing.asks.value
    count = len(draft.recommendations)
    if count > cap:
        yield Found(f"{count} asks; a briefing carries {cap}: more points dilute attention.",
                    Location(recommendation=cap + 1), f"Keep the {cap} that matter most.", source_of(rules.kind.briefing.asks))


@check("briefing.closing-request", "warning")
def closing_request(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """A briefing repeats its key request at the end.

    Passes: a last paragraph "We ask you to fund the referral mechanism in the 2027 budget."
    Fails: a briefing that ends on background or contact details.
    """
    if rules.kind is None or rules.kind.briefing is None or not rules.kind.briefing.repeat_request_at_end.value:
        return
    body = [p for _, _, p in paragraphs(draft) if p.text.strip()]
    if len(body) < 3:
        return
    first_ask = draft.recommendations[0].text if draft.recommendations else body[0].text
    ending = " ".join(p.text for p in body[-2:])
    shared = _content(first_ask) & _content(ending)
    if not _REQUEST.search(ending) and len(shared) < 3:
        yield Found("The briefing does not repeat its key request at the end.",
                    Location(section=draft.sections[-1].title if draft.sections else None),
                    "End with one sentence that restates what you ask the reader to do.", source_of(rules.kind.briefing.repeat_request_at_end))
