"""The app's language for one session: the browser's, unless the user chose another in the sidebar.

One Streamlit process serves everyone, so nothing here is process-wide: each call reads this
session's choice (the sidebar's selectbox), else the page address (``?lang=fr``, so a refresh or a
bookmark keeps it), else the browser's language (``st.context.locale``). A language without a
catalogue is English. The address names a language only when it differs from the browser's, so an
English user's addresses are as they always were.

Pages mark their text with ``gettext("...")`` and ``ngettext("...", "...", count)`` from here (names
pybabel extracts by default; never ``_``, which a ``_, column = st.columns(2)`` would shadow).
Widgets carry a ``key=``, so a label changing language never resets what was typed, and option
lists keep stable codes, translated only in ``format_func``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from .. import i18n

LANGUAGE_PARAM = "lang"
CHOSEN = "app_language"  # the sidebar selectbox's key: this session's choice


def browser() -> str:
    """The browser's language, as far as the app speaks it."""
    return i18n.normalise(st.context.locale)


def current() -> str:
    """This session's language code."""
    chosen = st.session_state.get(CHOSEN)
    if chosen:
        return i18n.normalise(chosen)
    asked = st.query_params.get(LANGUAGE_PARAM)
    return i18n.normalise(asked) if asked else browser()


def translator() -> i18n.Translator:
    return i18n.translator(current())


def gettext(message: str, /, **values) -> str:
    """``message`` in this session's language, with its ``{placeholders}`` filled from ``values``."""
    text = translator().gettext(message)
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, count: int, /, **values) -> str:
    """The singular or plural form for ``count`` (the language's own rule); ``{count}`` is written as the language writes numbers."""
    t = translator()
    return t.ngettext(singular, plural, count).format(**{"count": t.number(count), **values})


def sentence(error: Exception) -> str:
    """An error's one sentence in this session's language when it can give one (a store's errors: ``text``), else as raised."""
    text = getattr(error, "text", None)
    return text(translator()) if callable(text) else str(error)


def number(value: float) -> str:
    return translator().number(value)


def date(value: dt.date, format: str = "long") -> str:
    return translator().date(value, format)


def short_date(value: dt.date) -> str:
    """A date in a list: 31 Dec 2027, 31 déc. 2027."""
    if current() == i18n.SOURCE_LANGUAGE:
        return f"{value:%d %b %Y}"  # as the English app always wrote it
    return date(value, "d MMM y")


def language_name(code: str, t: i18n.Translator | None = None) -> str:
    """A language's name in this session's language (or ``t``'s): French, français."""
    return (t or translator()).language_name(code, ENGLISH_NAMES.get(code, code))


def language_names() -> Callable[[str], str]:
    """A ``format_func`` naming language codes in this run's language (see ``formatter``)."""
    t = translator()
    return lambda code: language_name(code, t)


def formatter(labels: Mapping[str, str] | None = None, other: Callable[[Any], str] | None = None) -> Callable[[Any], str]:
    """A ``format_func`` for a widget whose option values are stable codes: each value's label (a message
    marked with N_) in this run's language; a value without a label is ``other(value)``, else translated itself.

    The language is fixed when the widget is drawn, so the labels Streamlit matches the browser's answer
    against are the ones it sent (AppTest formats options between runs, outside any session)."""
    t = translator()

    def shown(value: Any) -> str:
        if labels is not None and value in labels:
            return t.gettext(labels[value])
        return other(value) if other is not None else t.gettext(str(value))

    return shown


ENGLISH_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "ru": "Russian", "zh": "Chinese"}


@functools.cache  # Babel's data read once per language, not at every run
def native_name(code: str) -> str:
    """A language's name in itself: English, Français, Español."""
    if code == i18n.SOURCE_LANGUAGE:
        return "English"
    from babel import Locale

    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def choose() -> None:
    """The sidebar's language switch, once per run; the choice is kept in the session and, when it is
    not the browser's language, in the address."""
    languages = i18n.available()
    if st.session_state.get(CHOSEN) not in languages:
        st.session_state[CHOSEN] = current()
    st.selectbox(gettext("Language"), languages, key=CHOSEN, format_func=native_name)
    chosen = st.session_state[CHOSEN]
    if chosen != browser():
        if st.query_params.get(LANGUAGE_PARAM) != chosen:
            st.query_params[LANGUAGE_PARAM] = chosen
    elif LANGUAGE_PARAM in st.query_params:
        del st.query_params[LANGUAGE_PARAM]
