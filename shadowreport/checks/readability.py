"""Readability: how hard the text is to read, by the formula made for its language (information only).

English gets the Flesch-Kincaid grade, compared with the kind's target grade. French gets Kandel and
Moles' reading ease (1958) and Spanish Szigriszt-Pazos' perspicuity (1993): both are 0-100 scales,
higher is easier, with no agreed school-grade equivalent, so they are reported with their band and not
compared with a grade target. No other language is scored, and the finding says so: an English
formula gives meaningless figures on other languages.

Syllables are the hyphenation points of pyphen's dictionary for the language, plus one (as
textstat 0.7.4 counted them). Hyphenation points slightly undercount syllables ("idea" counts as
one), so scores lean a little towards easy, the same way for every draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..draft import Draft
from ..i18n import N_
from ..language import NAMES, detect_language
from ..lazy_pattern import LazyPattern
from .context import CheckConfig, Rules
from .finding import Found
from .registry import check
from .text import body_text

SAMPLE_WORDS = 1_000  # the score of a long report is stable well before this; keeps the check fast
_SENTENCE_END = LazyPattern(r"[.!?]+(?=\s|$)")
_WORD = LazyPattern(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_WORD_PART = LazyPattern(r"[^\W\d_]+")  # "victim-centred" is two words' worth of syllables


@dataclass(frozen=True)
class Score:
    formula: str  # e.g. "Flesch-Kincaid grade"
    value: float
    is_grade: bool  # a US school grade (lower is easier); otherwise a 0-100 ease (higher is easier)
    band: str = ""  # the formula's own words for an ease score's range


# The formulas' names and bands, marked for the catalogues.
_MARKED = (N_("Flesch-Kincaid grade"), N_("Kandel-Moles reading ease"), N_("Szigriszt-Pazos perspicuity"), N_("very easy"), N_("easy"),
           N_("fairly easy"), N_("standard"), N_("fairly difficult"), N_("difficult"), N_("very difficult"), N_("normal"),
           N_("somewhat difficult"))

# Each ease formula's published bands, (lowest score, label), highest first.
_KANDEL_MOLES_BANDS = ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "standard"),
                       (50, "fairly difficult"), (30, "difficult"), (float("-inf"), "very difficult"))
_INFLESZ_BANDS = ((80, "very easy"), (65, "fairly easy"), (55, "normal"), (40, "somewhat difficult"),
                  (float("-inf"), "very difficult"))


@dataclass(frozen=True)
class _Counts:
    words: int
    sentences: int
    syllables: int


def _flesch_kincaid(c: _Counts) -> Score:
    return Score("Flesch-Kincaid grade", round(0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59, 1), True)


def _kandel_moles(c: _Counts) -> Score:
    value = round(207 - 1.015 * c.words / c.sentences - 73.6 * c.syllables / c.words, 1)
    return Score("Kandel-Moles reading ease", value, False, _band(value, _KANDEL_MOLES_BANDS))


def _szigriszt_pazos(c: _Counts) -> Score:
    value = round(206.835 - 62.3 * c.syllables / c.words - c.words / c.sentences, 1)
    return Score("Szigriszt-Pazos perspicuity", value, False, _band(value, _INFLESZ_BANDS))


FORMULAS = {"en": _flesch_kincaid, "fr": _kandel_moles, "es": _szigriszt_pazos}


def _band(value: float, bands: tuple[tuple[float, str], ...]) -> str:
    return next(label for lowest, label in bands if value >= lowest)


@lru_cache(maxsize=None)
def _hyphenator(language: str):
    import pyphen  # imported here, and one language's dictionary loaded, only when a text is scored

    try:
        _load_patterns(pyphen, language)
    except Exception:  # noqa: BLE001 - the cache only saves time: pyphen then parses its dictionary itself
        pass
    return pyphen.Pyphen(lang=language)


def _load_patterns(pyphen, language: str) -> None:
    """Put the language's parsed patterns in pyphen's own cache, from a copy kept in the user's cache folder.

    Parsing the English dictionary's ~14,000 patterns takes pyphen some 70 ms at every start of the
    command; reading them back already parsed (marshal, checked by cache.py's digest) takes a few.
    The copy holds only the dictionary, nothing of the user's text; its key is a digest of the
    dictionary's content and pyphen's version, so every installation of the same pyphen shares one
    copy and an upgrade starts afresh.
    """
    import hashlib
    import marshal
    import sys

    from .. import cache

    path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
    if path in pyphen.hdcache or cache.disabled():
        return
    key = cache.digest(pyphen.__version__, str(sys.version_info[:2]), hashlib.sha256(path.read_bytes()).digest(), "maxlen, shared values")
    name = f"hyphenation-{path.stem}-py{sys.version_info[0]}{sys.version_info[1]}"  # one copy per Python on a machine with two
    payload = cache.read("pyphen", name, key)
    if payload is not None:
        try:
            maxlen, patterns = marshal.loads(payload)  # the longest pattern's length, {"ab": (start, (values...))} as pyphen keeps them
        except (EOFError, ValueError, TypeError):
            maxlen, patterns = None, None
        if isinstance(patterns, dict) and patterns and isinstance(maxlen, int):
            parsed = object.__new__(pyphen.HyphDict)
            parsed.patterns, parsed.cache, parsed.maxlen = patterns, {}, maxlen
            pyphen.hdcache[path] = parsed
            return
    parsed = pyphen.HyphDict(path)
    pyphen.hdcache[path] = parsed
    # The ~14,000 patterns share some 1,400 distinct values: kept once each (marshal refers back to an
    # object it has written), the copy reads back in a third of the time, as equal values.
    points_seen: dict = {}
    values_seen: dict = {}
    shared = {}
    for pattern, (start, points) in parsed.patterns.items():
        value = (start, points_seen.setdefault(points, points))
        shared[pattern] = values_seen.setdefault(value, value)
    try:
        payload = marshal.dumps((parsed.maxlen, shared))
    except ValueError:  # nonstandard hyphenations (objects, not numbers): not worth a copy
        return
    cache.write("pyphen", name, key, payload)


@lru_cache(maxsize=100_000)
def _syllables(word: str, language: str) -> int:
    hyphenator = _hyphenator(language)
    return sum(len(hyphenator.positions(part)) + 1 for part in _WORD_PART.findall(word)) or 1


def _sample(text: str) -> tuple[list[str], int] | None:
    """The words and sentence count of an even sample of paragraphs, or None when the text is too short to score."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    total = sum(len(p.split()) for p in paragraphs)
    if total < 50:
        return None
    step = max(1, round(total / SAMPLE_WORDS))
    chosen = paragraphs[::step]
    sample = " ".join(chosen)
    words = _WORD.findall(sample)
    if len(words) < 30:
        return None
    # A paragraph or list item ends a sentence even without a full stop: a list of asks is not one long sentence.
    sentences = sum(len(_SENTENCE_END.findall(p)) + (0 if re.search(r"[.!?]\W*$", p) else 1) for p in chosen)
    return words, max(1, sentences)


def _counts(text: str, language: str) -> _Counts | None:
    sample = _sample(text)
    if sample is None:
        return None
    words, sentences = sample
    return _Counts(len(words), sentences, sum(_syllables(word.lower(), language) for word in words))


def readability(text: str, language: str = "en") -> Score | None:
    """The score of the formula made for ``language``; None when the text is too short or no formula fits."""
    formula = FORMULAS.get(language)
    counts = _counts(text, language) if formula else None
    return formula(counts) if counts else None


def reading_grade(text: str, language: str = "en") -> float | None:
    """The Flesch-Kincaid grade of an English text (None for other languages: the formula is English)."""
    score = readability(text, language) if language == "en" else None
    return score.value if score else None


@check("readability.level", "info")
def level(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """How hard the text is to read, by its language's formula, against the kind's target grade where it has one.

    Passes: an English briefing at grade 9 (target 10).
    Reports: an English briefing at grade 15: "Reading grade 15.0; the target for this kind is 10 or lower."
    A French or Spanish text gets its reading ease and band; a text in another language is said to be not scored.
    """
    text = body_text(draft)
    language = draft.language or draft.memo("language", lambda: detect_language(text)).language or "en"
    language = re.split(r"[-_]", language.lower())[0]  # "fr-BE" is scored as French
    t = config.translator
    if language not in FORMULAS:
        if _sample(text) is not None:  # only a text long enough to score is worth the remark
            yield Found(t.gettext("Readability is not scored for {language}: the formulas here are for English, French and Spanish, "
                                  "and an English formula gives no meaningful figure for other languages.").format(
                            language=t.language_name(language, NAMES.get(language, language))))
        return
    score = readability(text, language)
    if score is None:
        return
    target = rules.kind.readability_max_grade if rules.kind is not None else None
    if not score.is_grade:
        unmatched = (t.gettext(" This kind's target (grade {target}) is an English school grade, so it is not compared.").format(
                         target=t.number(target)) if target else "")
        yield Found(t.gettext("Reading ease {value} ({formula} for {language}, usually 0-100, higher is easier): {band}.").format(
                        value=t.number(score.value), formula=t.gettext(score.formula), language=t.language_name(language, NAMES[language]),
                        band=t.gettext(score.band)) + unmatched)
        return
    if target is not None and score.value > target:
        yield Found(t.gettext("Reading grade {value}; the target for this kind is {target} or lower.").format(
                        value=t.number(score.value), target=t.number(target)),
                    suggestion=t.gettext("Shorter sentences and everyday words make it easier to read for busy officials."))
    elif target is None:
        yield Found(t.gettext("Reading grade {value} ({formula}).").format(value=t.number(score.value), formula=t.gettext(score.formula)))
