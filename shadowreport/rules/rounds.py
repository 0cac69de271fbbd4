"""Which evaluation round a text names: "3rd round", "fourth evaluation round", "3e cycle",
"troisième cycle d'évaluation", "tercera ronda", "round 2", or a bare number from the command line.

The project's cycle field and a document's title say it in the user's words; the rounds themselves,
with what each asks for, are data in the mechanism's YAML (Kind.rounds).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..lazy_pattern import LazyPattern

if TYPE_CHECKING:  # the models import pydantic; a lint reads the kept pack's read-only copies (frozen.py)
    from .models import EvaluationRound, Kind

_ORDINAL_WORDS = {
    1: r"first|premi(?:er|ère)|primer[ao]?",
    2: r"second|deuxième|seconde?|segund[ao]",
    3: r"third|troisième|tercer[ao]?",
    4: r"fourth|quatrième|cuart[ao]",
    5: r"fifth|cinquième|quint[ao]",
    6: r"sixth|sixième|sext[ao]",
}
_ROUND = r"(?:evaluation\s+|monitoring\s+)?(?:round|cycle|ronda|ciclo)"
_SUFFIX = r"(?:st|nd|rd|th|e|er|re|ème|eme|ᵉ|º|ª|°|\.ª|\.º)?"
_NUMBER_FIRST = LazyPattern(rf"\b(\d{{1,2}}){_SUFFIX}[\s-]*{_ROUND}\b", re.IGNORECASE)
_ROUND_FIRST = LazyPattern(r"\b(?:round|cycle|ronda|ciclo)(?:\s+d['’]évaluation|\s+de\s+evaluación)?\s*(?:no\.?\s*|n°\s*)?(\d{1,2})\b", re.IGNORECASE)
_WORD_FIRST = LazyPattern(rf"\b({'|'.join(_ORDINAL_WORDS.values())})[\s-]+{_ROUND}\b", re.IGNORECASE)
_BARE = LazyPattern(r"^\s*(\d{1,2})\s*$")


def round_named(text: str | None) -> int | None:
    """The round number ``text`` names, or None when it names none."""
    if not text:
        return None
    for pattern in (_BARE, _NUMBER_FIRST, _ROUND_FIRST):
        match = pattern.search(text)
        if match:
            return int(match.group(1)) or None
    match = _WORD_FIRST.search(text)
    if match:
        word = match.group(1).lower()
        return next(n for n, words in _ORDINAL_WORDS.items() if re.fullmatch(words, word, re.IGNORECASE))
    return None


def declared_round(kind: Kind, declared: int | None = None, cycle: str | None = None, titles: Iterable[str] = ()) -> int | None:
    """The round a document says it is for, among ``kind``'s rounds: the one declared (project, command
    line, the file's properties), else the one its cycle names, else the one a title line names; None
    when nothing names one of the kind's rounds. Only titles are read, not headings: a heading may be
    about the previous round's recommendations."""
    if not kind.rounds:
        return None
    for number in (declared, round_named(cycle), *(round_named(line) for line in titles)):
        if number is not None and kind.has_round(number):
            return number
    return None


def unknown_round(kind: Kind, declared: int | None = None, cycle: str | None = None, titles: Iterable[str] = ()) -> int | None:
    """The round a document names that ``kind`` does not have ("5e cycle" for GRETA), when it names none
    that it has: the round then checked is the current one, and the reader must be told why. None otherwise."""
    if not kind.rounds or declared_round(kind, declared, cycle, titles) is not None:
        return None
    return next((n for n in (declared, round_named(cycle), *(round_named(line) for line in titles)) if n is not None), None)


def chosen_round(kind: Kind, declared: int | None = None, cycle: str | None = None, titles: Iterable[str] = ()) -> EvaluationRound | None:
    """The round a document is checked against: the one it names (see ``declared_round``), else the current one."""
    return kind.round(declared_round(kind, declared, cycle, titles))
