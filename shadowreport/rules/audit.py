"""Every figure in the rule pack with its value, confidence, source and when the source was last read,
and whether it is stale: what to re-check before a deadline. Pure: reads a RulePack, returns rows.

A figure is stale when its source was never read (no ``verified_on``) or was last read more than
12 months before ``today``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from typing import Any, Iterator

from pydantic import BaseModel

from .describe import format_value
from .loader import RulePack
from .models import Source, Sourced, Vocabulary

STALE_AFTER_MONTHS = 12


@dataclass(frozen=True)
class Figure:
    """One rule value as the audit shows it."""

    mechanism: str  # mechanism id, or the vocabulary's name
    where: str  # e.g. "stakeholder.limits.words.joint" (kind first), or "vocabulary"
    value: str
    confidence: str
    source: str  # the source's key in its file
    source_title: str | None
    source_url: str | None
    verified_on: dt.date | None
    note: str | None
    stale: bool
    why_stale: str | None  # "never verified" or "last verified 2025-01-10, over 12 months ago"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["verified_on"] = self.verified_on.isoformat() if self.verified_on else None
        return data


def audit(pack: RulePack, today: dt.date) -> list[Figure]:
    """Every figure of every mechanism, then the vocabularies, in file order."""
    figures = []
    for mechanism in pack.mechanisms.values():
        for path, value in _sourced(mechanism, ()):
            if path[0] == "kinds":
                path = path[1:]
            figures.append(_figure(mechanism.id, ".".join(str(p) for p in path), format_value(value.value), value.confidence,
                                   value.source, mechanism.sources.get(value.source), value.note, today))
    for vocabulary in (getattr(pack, f.name) for f in fields(pack)):
        if not isinstance(vocabulary, Vocabulary):
            continue
        entries = next(getattr(vocabulary, name) for name in type(vocabulary).model_fields if name not in Vocabulary.model_fields)
        figures.append(_figure(vocabulary.vocabulary, "vocabulary", f"{len(entries)} entries", vocabulary.confidence,
                               vocabulary.source, vocabulary.sources.get(vocabulary.source), None, today))
    return figures


def counts(figures: list[Figure]) -> dict[str, int]:
    """How many figures per confidence, and how many are stale."""
    result: dict[str, int] = {"total": len(figures)}
    for confidence in ("verified", "reported", "recalled", "seed-2012"):
        result[confidence] = sum(1 for f in figures if f.confidence == confidence)
    result["stale"] = sum(1 for f in figures if f.stale)
    return result


def needs_checking(figures: list[Figure]) -> list[Figure]:
    """The figures to re-check: recalled ones, and stale ones that are not 2012 history."""
    return [f for f in figures if f.confidence == "recalled" or (f.stale and f.confidence != "seed-2012")]


def _figure(mechanism: str, where: str, value: str, confidence: str, source_key: str, source: Source | None,
            note: str | None, today: dt.date) -> Figure:
    verified_on = source.verified_on if source else None
    if verified_on is None:
        why = "never verified"
    elif verified_on < _months_before(today, STALE_AFTER_MONTHS):
        why = f"last verified {verified_on.isoformat()}, over {STALE_AFTER_MONTHS} months ago"
    else:
        why = None
    return Figure(mechanism, where, value, confidence, source_key, source.title if source else None,
                  source.url if source else None, verified_on, note, why is not None, why)


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for dom in (day.day, 30, 29, 28):  # the same day of the month, or the month's last
        try:
            return dt.date(year, month, dom)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _sourced(value: Any, path: tuple) -> Iterator[tuple[tuple, Sourced]]:
    """Every Sourced value under ``value`` with its path; the sources block and history are not figures."""
    if isinstance(value, Sourced):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in ("sources", "history"):
                yield from _sourced(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _sourced(item, path + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _sourced(item, path + (key,))
