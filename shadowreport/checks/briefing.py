"""Briefings: three asks, and the key request repeated at the end."""

from __future__ import annotations

import re
from typing import Iterator

from ..draft import Draft
from ..lazy_pattern import LazyPattern
from .context import CheckConfig, Rules, source_of
from .finding import Found, Location
from .registry import check
from .text import paragraphs

_REQUEST = LazyPattern(r"\b(we ask|we request|we urge|we call on|please|our request|we recommend|nous demandons|nous vous demandons|nous vous prions|"
                       r"nous appelons|le pedimos|les pedimos|pedimos|solicitamos|le solicitamos|instamos)\b", re.IGNORECASE)
# What closes a letter or a briefing after its last word: a sign-off, a contact line, the sender's name.
_SIGN_OFF = LazyPattern(r"^(?:yours|sincerely|kind regards|best regards|regards|cordialement|bien à vous|veuillez|atentamente|saludos|"
                        r"un saludo|contact|contacto|tel|tél|phone|e-?mail)\b|@|^\W*$", re.IGNORECASE)
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
        t = config.translator
        yield Found(t.gettext("{count} asks; a briefing carries {cap}: more points dilute attention.").format(count=count, cap=cap),
                    Location(recommendation=cap + 1), t.gettext("Keep the {cap} that matter most.").format(cap=cap),
                    source_of(rules.kind.briefing.asks))


@check("briefing.closing-request", "warning")
def closing_request(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """A briefing repeats its key request at the end.

    Passes: a last paragraph "We ask you to fund the referral mechanism in the 2027 budget."; a letter whose
    asks are its last paragraphs before "Yours sincerely".
    Fails: a briefing that ends on background or contact details.
    """
    if rules.kind is None or rules.kind.briefing is None or not rules.kind.briefing.repeat_request_at_end.value:
        return
    body = [p for s, _, p in paragraphs(draft) if p.text.strip() and not re.search(r"contact|contacto", s.title, re.IGNORECASE)]
    while body and (_SIGN_OFF.search(body[-1].text) or len(body[-1].text.split()) <= 6):
        body.pop()  # "Yours sincerely,", "The Migrant Justice Coalition", a phone number
    if len(body) < 3:
        return
    first_ask = draft.recommendations[0].text if draft.recommendations else body[0].text
    ending = " ".join(p.text for p in body[-2:])
    shared = _content(first_ask) & _content(ending)
    asks_last = any(r.text in p.text or p.text in r.text for r in draft.recommendations for p in body[-2:])
    if not _REQUEST.search(ending) and len(shared) < 3 and not asks_last:
        t = config.translator
        yield Found(t.gettext("The briefing does not repeat its key request at the end."),
                    Location(section=draft.sections[-1].title if draft.sections else None),
                    t.gettext("End with one sentence that restates what you ask the reader to do."), source_of(rules.kind.briefing.repeat_request_at_end))
