"""Messages, dates and numbers in the reader's language, chosen per call: never process-wide.

``translator("fr")`` gives a :class:`Translator` for one run, one page or one session; nothing here
sets a global language (no ``gettext.install``, no ``locale.setlocale``), because one Streamlit
process serves every user. English is the source language: its translator returns each message
as written. Another language is a catalogue, ``shadowreport/locale/<code>/LC_MESSAGES/messages.po``,
read in memory on first use (no compile step, so a catalogue edited by hand works at once, and
a wheel carries the .po files as package data).

Keep the catalogues in step with the code (from the project folder)::

    pybabel extract -F babel.cfg --no-location --sort-output -o shadowreport/locale/messages.pot .
    pybabel update --ignore-obsolete -i shadowreport/locale/messages.pot -d shadowreport/locale
    pybabel init -i shadowreport/locale/messages.pot -d shadowreport/locale -l es   # a new language

``N_("...")`` marks a message shown elsewhere (a label kept in data, a value translated when shown).
babel.cfg reads the package and app.py; messages are marked with the names pybabel knows by default
(``t.gettext``, ``t.ngettext``, ``N_``; in the app, ``gettext``/``ngettext`` from ``ui/translation.py``,
which picks each browser session's language). Never ``_``: ``_, column = st.columns(2)`` would shadow it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
import functools
import gettext
import io
from dataclasses import dataclass
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
                  "December")
_BABEL_LOCALE = {"en": "en_GB"}  # English dates as the messages have always written them: 31 December 2027


def available() -> list[str]:
    """The languages messages can be given in: English, and each language with a catalogue."""
    return list(_available())


@functools.cache
def _available() -> tuple[str, ...]:
    found = sorted(path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"))
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


def normalise(language: str | None) -> str:
    """A language code as the catalogues name it: 'fr_FR.UTF-8', 'fr-CA' and 'FR' give 'fr';
    a language without a catalogue (or 'C', 'POSIX', nothing) gives English."""
    code = (language or "").split(".")[0].split("@")[0].replace("-", "_").split("_")[0].strip().lower()
    return code if code in _available() else SOURCE_LANGUAGE


def from_environment(environ) -> str:
    """The language the environment asks for, in gettext's order: LANGUAGE, LC_ALL, LC_MESSAGES, LANG."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return normalise(value.split(":")[0])
    return SOURCE_LANGUAGE


def N_(message: str) -> str:  # the name pybabel looks for by default
    """Marks a message for the catalogues where it is written; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Translator:
    """One language's messages, numbers and dates. Pass it (or its language) to whatever writes text."""

    language: str
    catalogue: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        return self.catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.catalogue.ngettext(singular, plural, count)

    def number(self, value: float) -> str:
        """A number as the language writes it: 3,100 in English, 3 100 in French (a narrow no-break space, U+202F)."""
        # English as Babel writes it (grouped, at most three decimals), without loading its locale data at every start.
        if self.language == SOURCE_LANGUAGE and isinstance(value, int):
            return f"{value:,}"
        if self.language == SOURCE_LANGUAGE and isinstance(value, float) and abs(value) < 1e15:
            return str(Decimal(repr(value)).quantize(Decimal("0.001"), ROUND_HALF_EVEN).normalize().__format__(",f"))
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale)

    def date(self, value: dt.date, format: str = "long") -> str:
        """A date as the language writes it: 31 December 2027, 31 décembre 2027."""
        if self.language == SOURCE_LANGUAGE and format == "long":
            return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"  # as Babel's en_GB, without its data
        from babel.dates import format_date

        return format_date(value, format=format, locale=self.locale)

    def language_name(self, code: str, english: str | None = None) -> str:
        """A language's name in this language: 'German' (``english``, as given) or 'allemand' (from Babel's data)."""
        if self.language == SOURCE_LANGUAGE:
            return english or code
        from babel import Locale

        return Locale.parse(self.locale).languages.get(code) or english or code

    def list(self, items: list[str]) -> str:
        """'English or French', 'anglais ou français': a list joined with the language's 'or'."""
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        return self.gettext("{items} or {last}").format(items=", ".join(items[:-1]), last=items[-1])

    def month(self, value: dt.date) -> str:
        """A month and year: December 2027, décembre 2027."""
        return self.date(value, "MMMM y")

    @property
    def locale(self) -> str:
        """The Babel locale for dates and numbers."""
        return _BABEL_LOCALE.get(self.language, self.language)


def translator(language: str | None = None) -> Translator:
    """The translator for ``language`` (any spelling :func:`normalise` reads); English when there is no catalogue."""
    return _translator(normalise(language))


@functools.cache  # one per language with a catalogue, read once
def _translator(code: str) -> Translator:
    if code == SOURCE_LANGUAGE:
        return Translator(code, gettext.NullTranslations())
    return Translator(code, _catalogue(LOCALE_DIR / code / "LC_MESSAGES" / "messages.po"))


def _catalogue(path: Path) -> gettext.GNUTranslations:
    """A .po file as gettext translations, compiled in memory (fuzzy entries are left out, as pybabel compile does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
