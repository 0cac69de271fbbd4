"""Offline language detection for drafts: writing script first, then the most frequent small words.

Enough to tell which language a report is written in (not a phrase), with nothing downloaded:
monitoring bodies accept a handful of languages and a draft is hundreds of words long.
"""

from __future__ import annotations

import functools
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .lazy_pattern import LazyPattern

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
# Compiled when first used, from the programs kept between runs (lazy_pattern.py): the scripts' ranges
# alone took a command some 2 ms to compile at every start.
_SCRIPTS = [("ar", LazyPattern(r"[\u0600-\u06FF]")), ("ru", LazyPattern(r"[\u0400-\u04FF]")),
            ("zh", LazyPattern(r"[\u4E00-\u9FFF]")), ("el", LazyPattern(r"[\u0370-\u03FF]"))]
_TOKEN = LazyPattern(r"[^\W\d_]+", re.UNICODE)
_NOT_LETTER = LazyPattern(r"[\W\d_]+")
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


# --- each language's words -----------------------------------------------------------------------
# A language is data: mechanisms/vocabulary/languages/<code>.yml holds the words the checks read a
# recommendation by, the composer's words and the kinds' section titles and guidance in that language.
# A file of the same name in the user's rules folder (vocabulary/languages/) changes what it names.
# Read on first use, never at import, and read again when a file changes (checked at most every
# few seconds, so a long-running app sees an edit and a command pays for one look).

LANGUAGES_FOLDER = ("vocabulary", "languages")
_WORD_LISTS = {
    "recommendations": ("modals", "infinitive_endings", "verb_forms", "participles", "checkable_verbs", "vague_verbs", "training_verbs", "everyone",
                        "efforts", "measures", "skip", "and", "infinitive_markers", "generic_qualifiers", "government_of", "ask_headings"),
    "timeframes": ("by", "from", "end_of", "ordinals", "date_words", "during", "articles", "texts", "done", "within", "units", "terms",
                   "at_once", "every", "periods", "regularly", "next", "occasions", "other"),
    "composer": ("months",),
}
_KEYS = {"language", "name", "recommendations", "timeframes", "composer", "sections", "kinds"}
_RECHECK_SECONDS = 3.0
_CACHE_FORMAT = "1"  # raise when what _parse returns changes shape


class VocabularyError(ValueError):
    """A language file that cannot be used, with a one-sentence message naming the file and the place."""


def vocabularies() -> dict[str, dict]:
    """Every language's words, by language code ('en', 'fr', ...): the built-in files, changed by the user's."""
    return _read(fingerprint())


def vocabulary(code: str) -> dict:
    """One language's words ({} for a language without a file)."""
    return vocabularies().get(code, {})


def words(group: str, key: str, code: str | None = None) -> list[str]:
    """A list of words of one language, or of every language (code None) in file order."""
    found: list[str] = []
    for language, data in vocabularies().items():
        if code is None or language == code:
            found += [w for w in (data.get(group) or {}).get(key) or [] if w not in found]
    return found


def section_text(kind_id: str, section_id: str, code: str) -> dict[str, str]:
    """A kind's section title and guidance in a language: {'title': ..., 'guidance': ...}, each present when the
    language's file gives it: for this kind ('greta/ngo-report'), for this kind in any mechanism ('*/session'), or
    for the section wherever it stands."""
    sections = vocabulary(code).get("sections") or {}
    short = kind_id.rpartition("/")[2]
    found: dict[str, str] = {}
    for entry in ((sections.get("kinds") or {}).get(kind_id, {}), (sections.get("kinds") or {}).get(f"*/{short}", {}),
                  sections.get("any") or {}):
        for key, value in (entry.get(section_id) or {}).items():
            found.setdefault(key, value)
    return found


def kind_name(kind_id: str, code: str) -> str | None:
    """A kind's name in a language ('upr/stakeholder', or '*/session' for the kind in every mechanism), or None
    when the language's file does not give one (show the rules' own name then)."""
    names = vocabulary(code).get("kinds") or {}
    return names.get(kind_id) or names.get(f"*/{kind_id.rpartition('/')[2]}")


def problems_in(overlay: Path | None = None) -> list[str]:
    """One sentence for each language file that cannot be used, built-in or in ``overlay`` (a rules folder)."""
    from .yamlfile import YamlError, load_yaml_file

    problems = []
    for folder in _folders(overlay):
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
            try:
                _check(load_yaml_file(path).data, path)
            except (YamlError, VocabularyError) as error:
                problems.append(str(error))
    return problems


def _folders(overlay: Path | None = None) -> list[Path]:
    """The built-in languages folder, then the user's (from the settings, unless ``overlay`` names it)."""
    from .paths import builtin_dir

    folders = [builtin_dir("mechanisms").joinpath(*LANGUAGES_FOLDER)]
    if overlay is None:
        from .config import ConfigError, load_settings

        try:
            overlay = load_settings().rules_dir
        except (ConfigError, OSError):  # reported by whatever loads the rules
            overlay = None
    if overlay is not None:
        folders.append(overlay.joinpath(*LANGUAGES_FOLDER))
    return folders


_last_look: list = [0.0, ()]  # when the files were last looked at, and what was seen


def look_again() -> None:
    """Look at the language files again at the next use, not a few seconds later (e.g. when the user's
    rules folder has just changed)."""
    _last_look[:] = [0.0, ()]


def fingerprint() -> tuple:
    """What the language files are now (paths, times, sizes): a key for anything derived from them."""
    now = time.monotonic()
    if _last_look[1] and now - _last_look[0] < _RECHECK_SECONDS:
        return _last_look[1]
    seen = []
    for folder in _folders():
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
            try:
                status = path.stat()
            except OSError:
                continue
            seen.append((str(path), status.st_mtime_ns, status.st_size))
    _last_look[:] = [now, tuple(seen)]
    return _last_look[1]


@functools.lru_cache(maxsize=2)
def _read(fingerprint: tuple) -> dict[str, dict]:
    """The files' words, from the copy kept in the user's cache folder under a digest of the files' content
    (reading YAML would cost a command tens of milliseconds), else read, checked and kept."""
    import pickle

    from . import cache

    try:
        key = cache.digest(_CACHE_FORMAT, *(part for name, _, _ in fingerprint for part in (name, Path(name).read_bytes())))
    except OSError:
        key = None
    if key and not cache.disabled():
        payload = cache.read("languages", "words", key)
        if payload is not None:
            try:
                return pickle.loads(payload)
            except Exception:  # noqa: BLE001 - a copy from another version: read the files again
                pass
    languages = _parse(fingerprint)
    if key and not cache.disabled():
        cache.write("languages", "words", key, pickle.dumps(languages, protocol=pickle.HIGHEST_PROTOCOL))
    return languages


def _parse(fingerprint: tuple) -> dict[str, dict]:
    from .yamlfile import YamlError, load_yaml_file

    languages: dict[str, dict] = {}
    for name, _, _ in fingerprint:
        path = Path(name)
        try:
            data = load_yaml_file(path).data
        except YamlError as error:
            raise VocabularyError(str(error)) from None
        code = path.stem
        _check(data, path)
        languages[code] = _merge(languages.get(code, {}), data)
    return languages


def _check(data, path: Path) -> None:
    """One sentence on the first thing wrong in a language file, if any."""
    def refuse(where: str, what: str) -> None:
        raise VocabularyError(f"{path}: {where}: {what}.")

    if not isinstance(data, dict):
        refuse("the file", "must be a mapping of keys to values (key: value)")
    if data.get("language", path.stem) != path.stem:
        refuse("language", f"says '{data.get('language')}' but the file is named for '{path.stem}'")
    for key in data:
        if key not in _KEYS:
            refuse(str(key), f"unknown key (known: {', '.join(sorted(_KEYS))})")
    for group, keys in _WORD_LISTS.items():
        if not isinstance(data.get(group) or {}, dict):
            refuse(group, "must be a mapping of keys to lists of words")
        for key, value in (data.get(group) or {}).items():
            if key in keys and not (isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)):
                refuse(f"{group}.{key}", "must be a list of words or phrases, e.g. [before, by]")
    recommendations = data.get("recommendations") or {}
    verbs = recommendations.get("action_verbs") or {}
    if not isinstance(verbs, dict):
        refuse("recommendations.action_verbs", "maps UPR Info's categories 1 to 5 to lists of verbs")
    for number, listed in verbs.items():
        if number not in (1, 2, 3, 4, 5) or not isinstance(listed, list) or not all(isinstance(v, str) for v in listed):
            refuse(f"recommendations.action_verbs.{number}", "UPR Info's categories are numbered 1 to 5, each with a list of verbs")
    asks = recommendations.get("asks") or []
    if not isinstance(asks, list):
        refuse("recommendations.asks", "must be a list of asks, each with words: [...]")
    for index, ask in enumerate(asks):
        if not isinstance(ask, dict) or not isinstance(ask.get("words"), list) or not isinstance(ask.get("then", []), list) \
                or not isinstance(ask.get("within", 0), int):
            refuse(f"recommendations.asks.{index + 1}", "needs words: [...], and may have then: [...] and within: a number of characters")
    months = (data.get("composer") or {}).get("months")
    if months is not None and len(months) != 12:
        refuse("composer.months", f"names {len(months)} months; give the twelve, January first")
    sections = data.get("sections") or {}
    if not isinstance(sections, dict) or set(sections) - {"any", "kinds"} or not isinstance(sections.get("kinds") or {}, dict):
        refuse("sections", "holds 'any' (a section wherever it stands) and 'kinds' (each kind, e.g. greta/ngo-report, to its sections)")
    kinds = data.get("kinds") or {}
    if not isinstance(kinds, dict) or not all(isinstance(name, str) and name.strip() for name in kinds.values()):
        refuse("kinds", "maps each kind (e.g. upr/stakeholder, or */session for every mechanism's) to its name in this language")
    places = [("sections.any", sections.get("any") or {})]
    places += [(f"sections.kinds.{kind}", entries) for kind, entries in (sections.get("kinds") or {}).items()]
    for where, entries in places:
        for section, text in (entries.items() if isinstance(entries, dict) else [("", None)]):
            if not isinstance(text, dict) or set(text) - {"title", "guidance"} or not all(isinstance(v, str) for v in text.values()):
                refuse(f"{where}.{section}".rstrip("."), "each section gives its title and guidance as text")


def _merge(base, change):
    """The user's file changes what it names: mappings are merged, anything else replaced."""
    if isinstance(base, dict) and isinstance(change, dict):
        return {**base, **{key: _merge(base[key], value) if key in base else value for key, value in change.items()}}
    return change
