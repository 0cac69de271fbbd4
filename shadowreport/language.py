"""Offline language detection for drafts: writing script first, then the most frequent small words.

Enough to tell which language a report is written in (not a phrase), with nothing downloaded:
monitoring bodies accept a handful of languages and a draft is hundreds of words long.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# The commonest function words of each language (those that rarely appear in other languages' prose).
_FUNCTION_WORDS = {
    "en": "the of and to in is that for on with as are by this be was it from at or not which have an has their they were been its but than these would should",
    "fr": "le la les de des du et en un une est que qui dans pour sur par au aux pas plus ne ce cette sont ont été avec il elle ou leur leurs nous",
    "es": "el la los las de del y en un una es que por con para se no su al lo como más pero sus ha son fue este esta entre sobre también",
    "de": "der die das und in den von zu mit ist im für auf nicht ein eine dem des sich auch es an werden als wird bei oder sind wurde",
    "it": "il la di che e le del della per un una in non sono gli dei con da al è si nel anche alla come più delle degli",
    "pt": "o a de que e do da em um para com não uma os no se na por mais as dos como mas ao ele das são foi",
    "ro": "și de la în cu pe care a din un o nu să este pentru ca sau mai au fost ale prin această acest",
    "nl": "de het een van en in is dat op te met voor zijn niet aan er die ook als bij worden werd",
}
_WORDS = {language: frozenset(words.split()) for language, words in _FUNCTION_WORDS.items()}
_SCRIPTS = [("ar", re.compile(r"[\u0600-\u06FF]")), ("ru", re.compile(r"[\u0400-\u04FF]")),
            ("zh", re.compile(r"[\u4E00-\u9FFF]")), ("el", re.compile(r"[\u0370-\u03FF]"))]
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_NOT_LETTER = re.compile(r"[\W\d_]+")
NAMES = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "it": "Italian", "pt": "Portuguese",
         "ro": "Romanian", "nl": "Dutch", "ar": "Arabic", "ru": "Russian", "zh": "Chinese", "el": "Greek"}


@dataclass(frozen=True)
class Detection:
    language: str | None  # two-letter code, or None when the text is too short or unclear
    confidence: float  # share of the evidence for the winner, 0-1


def detect_language(text: str, sample_chars: int = 10_000) -> Detection:
    sample = text[:sample_chars]
    letters = len(_NOT_LETTER.sub("", sample))
    if letters < 100:
        return Detection(None, 0.0)
    for language, pattern in _SCRIPTS:
        share = len(pattern.findall(sample)) / letters
        if share > 0.3:
            return Detection(language, round(share, 2))
    counts = Counter(_TOKEN.findall(sample.lower()))
    scores = {language: sum(counts[w] for w in words) for language, words in _WORDS.items()}
    total = sum(scores.values())
    if total < 10:
        return Detection(None, 0.0)
    best = max(scores, key=scores.get)
    return Detection(best, round(scores[best] / total, 2))
