"""Timeframes already past: 'by 1 March 2024' in a recommendation sent after that date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Iterator

from .. import language as languages
from ..draft import Draft
from ..lazy_pattern import compiled
from ..recommendation_text import alternatives
from .context import CheckConfig, Rules
from .finding import Found, Location
from .registry import check


def deadline_in(text: str) -> tuple[dt.date, str] | None:
    """The last day a timeframe in the text allows, and the words that give it."""
    months, pattern = _deadline_pattern(languages.fingerprint())
    match = pattern.search(text)
    if match is None:
        return None
    year = int(match.group("year"))
    month = months[match.group("month").lower()] if match.group("month") else None
    if month is None:
        return dt.date(year, 12, 31), match.group(0)
    day = int(match.group("day")) if match.group("day") else calendar.monthrange(year, month)[1]
    try:
        return dt.date(year, month, day), match.group(0)
    except ValueError:
        return None


@lru_cache(maxsize=2)
def _deadline_pattern(fingerprint: tuple) -> tuple[dict[str, int], re.Pattern]:
    """Every language's month names and the pattern of a deadline, built from the languages' words
    (mechanisms/vocabulary/languages/): "by 1 March 2024", "by the end of 2025", "d'ici le 1er juin 2024",
    "au plus tard le 30 juin 2028", "antes de diciembre de 2024"."""
    months = {name.lower(): number for data in languages.vocabularies().values()
              for number, name in enumerate((data.get("composer") or {}).get("months", []), 1)}
    month = "|".join(sorted(map(re.escape, months), key=len, reverse=True)) or "(?!x)x"

    def alt(key: str) -> str:
        return alternatives(languages.words("timeframes", key))

    joiner = rf"(?:{alt('date_words')}\s+)?"
    pattern = compiled(  # from the copy kept between runs (lazy_pattern): the vocabulary's words, never a user's text
        rf"\b{alt('by')}\s+(?:{alt('end_of')}\s*)?"
        rf"(?:(?P<day>\d{{1,2}})(?:{alt('ordinals')})?\s+{joiner})?(?:(?P<month>{month})\s+{joiner})?(?P<year>(?:19|20)\d{{2}})\b",
        re.IGNORECASE,
    )
    return months, pattern


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
