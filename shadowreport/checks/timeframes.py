"""Timeframes already past: 'by 1 March 2024' in a recommendation sent after that date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Iterator

from ..draft import Draft
from .context import CheckConfig, Rules
from .finding import Found, Location
from .registry import check

_MONTHS = {
    **{name: n for n, name in enumerate(["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                          "october", "november", "december"], 1)},
    **{name: n for n, name in enumerate(["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                                          "octobre", "novembre", "décembre"], 1)},
    **{name: n for n, name in enumerate(["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                                          "octubre", "noviembre", "diciembre"], 1)},
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "by 1 March 2024", "by March 2024", "by the end of 2025", "before 2025", "d'ici le 1er juin 2024", "antes de diciembre de 2024"
DEADLINE = re.compile(
    rf"\b(?:by|before|until|no later than|d['’]ici|avant|au plus tard|antes de|a más tardar|hasta)\s+"
    rf"(?:(?:the\s+)?end\s+of\s+|la fin\s+(?:de\s+|d['’])?(?:l['’]année\s+)?|finales\s+de\s+|fin\s+de\s+|le\s+|el\s+)?"
    rf"(?:(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?:de\s+)?)?(?:(?P<month>{_MONTH})\s+(?:de\s+)?)?(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)


def deadline_in(text: str) -> tuple[dt.date, str] | None:
    """The last day a timeframe in the text allows, and the words that give it."""
    match = DEADLINE.search(text)
    if match is None:
        return None
    year = int(match.group("year"))
    month = _MONTHS[match.group("month").lower()] if match.group("month") else None
    if month is None:
        return dt.date(year, 12, 31), match.group(0)
    day = int(match.group("day")) if match.group("day") else calendar.monthrange(year, month)[1]
    try:
        return dt.date(year, month, day), match.group(0)
    except ValueError:
        return None


@check("recommendations.past-timeframe", "warning")
def past_timeframe(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """No recommendation asks for something by a date that has already passed.

    Passes: "... by 31 December 2027" checked in 2026.
    Fails: "... by 1 March 2024" checked in 2026 (a template or last cycle's text reused).
    """
    for index, recommendation in enumerate(draft.recommendations, 1):
        found = deadline_in(recommendation.text)
        if found is not None and found[0] < config.today:
            t = config.translator
            yield Found(t.gettext("Recommendation {index} asks for action '{when}', a date already past.").format(index=index, when=found[1]),
                        Location(section=recommendation.section, paragraph=recommendation.paragraph_number, recommendation=index),
                        t.gettext("Give a date after the review, or a term such as 'within 12 months'."))
