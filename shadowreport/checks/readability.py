"""Readability: the reading grade of the text, against the kind's target (information only)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..draft import Draft
from ..language import detect_language
from .context import CheckConfig, Rules
from .finding import Finding
from .registry import check
from .text import body_text

SAMPLE_WORDS = 1_000  # the grade of a long report is stable well before this; keeps the check fast
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=100_000)
def _syllables(word: str, language: str) -> int:
    import textstat  # 0.7.4: pyphen syllables, nothing downloaded

    textstat.set_lang(language)
    return max(1, int(textstat.syllable_count(word)))


def reading_grade(text: str, language: str = "en") -> float | None:
    """Flesch-Kincaid grade over an even sample of the text, syllables counted by textstat (pyphen)."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    total = sum(len(p.split()) for p in paragraphs)
    if total < 50:
        return None
    step = max(1, round(total / SAMPLE_WORDS))
    sample = " ".join(paragraphs[::step]) if step > 1 else " ".join(paragraphs)
    words = _WORD.findall(sample)
    if len(words) < 30:
        return None
    language = language if language in ("en", "fr", "es", "de", "it", "nl", "ru") else "en"
    sentences = max(1, len(_SENTENCE_END.findall(sample)))
    syllables = sum(_syllables(word.lower(), language) for word in words)
    return round(0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59, 1)


@check("readability.level", "info")
def level(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Finding]:
    """The reading grade of the text, reported against the kind's target where it has one.

    Passes: a briefing at grade 9 (target 10).
    Reports: a briefing at grade 15: "Reading grade 15.0; the target for this kind is 10 or lower."
    """
    text = body_text(draft)
    language = draft.language or draft.memo("language", lambda: detect_language(text)).language or "en"
    grade = reading_grade(text, language)
    if grade is None:
        return
    target = rules.kind.readability_max_grade if rules.kind is not None else None
    if target is not None and grade > target:
        yield Finding("readability.level", "info", f"Reading grade {grade:g}; the target for this kind is {target:g} or lower.",
                      suggestion="Shorter sentences and everyday words make it easier to read for busy officials.")
    elif target is None:
        yield Finding("readability.level", "info", f"Reading grade {grade:g} (Flesch-Kincaid).")
