"""Readability: the reading grade of the text, against the kind's target (information only)."""

from __future__ import annotations

from typing import Iterator

from ..draft import Draft
from ..language import detect_language
from .context import CheckConfig, Rules
from .finding import Finding
from .registry import check
from .text import body_text

SAMPLE_WORDS = 6_000  # the grade of a long report is stable well before this; keeps the check fast


def reading_grade(text: str, language: str = "en") -> float | None:
    """Flesch-Kincaid grade (textstat 0.7.4: pyphen syllables, nothing downloaded)."""
    import textstat

    words = text.split()
    if len(words) < 50:
        return None
    sample = " ".join(words[:SAMPLE_WORDS])
    try:
        textstat.set_lang(language if language in ("en", "fr", "es", "de", "it", "nl", "ru") else "en")
        return round(float(textstat.flesch_kincaid_grade(sample)), 1)
    finally:
        textstat.set_lang("en")


@check("readability.level", "info")
def level(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Finding]:
    """The reading grade of the text, reported against the kind's target where it has one.

    Passes: a briefing at grade 9 (target 10).
    Reports: a briefing at grade 15: "Reading grade 15.0; the target for this kind is 10 or lower."
    """
    text = body_text(draft)
    language = draft.language or detect_language(text).language or "en"
    grade = reading_grade(text, language)
    if grade is None:
        return
    target = rules.kind.readability_max_grade if rules.kind is not None else None
    if target is not None and grade > target:
        yield Finding("readability.level", "info", f"Reading grade {grade:g}; the target for this kind is {target:g} or lower.",
                      suggestion="Shorter sentences and everyday words make it easier to read for busy officials.")
    elif target is None:
        yield Finding("readability.level", "info", f"Reading grade {grade:g} (Flesch-Kincaid).")
