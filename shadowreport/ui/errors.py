"""What the app shows and logs when something fails unexpectedly: one plain sentence, never a traceback.

An exception's message can quote what was being worked on (a validation error repeats its input,
a name, a case), so neither the browser nor the console gets it: the browser gets our sentence,
the console the exception's type and where it happened, which is enough to find the bug.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

import streamlit as st

from ..i18n import N_
from ..language import VocabularyError
from .text import plain
from .translation import gettext

MESSAGE = N_("Something went wrong and this step was not completed, but your saved work is safe: reload the page, "
           "and if it happens again, note what you did and tell whoever looks after the tool.")

_LOGGER = logging.getLogger("shadowreport.app")


def redacted(error: BaseException) -> str:
    """The exception's type and the places it passed through, without its message."""
    frames = traceback.extract_tb(error.__traceback__)[-8:]
    where = " < ".join(f"{Path(frame.filename).name}:{frame.lineno} {frame.name}" for frame in reversed(frames))
    return f"{type(error).__name__} at {where or 'an unknown place'} (message withheld: it may hold case text)"


def show_vocabulary_problem(error: VocabularyError) -> None:
    """A language file (built in or in the user's rules folder) that cannot be used: the sentence the command line
    gives, naming the file and the place in it. It holds no case text, only a path and the file's own words."""
    st.error(gettext("{problem} Correct the file: the app reads it again within a few seconds.", problem=plain(str(error))))


def show_unexpected(error: Exception) -> None:
    if isinstance(error, VocabularyError):  # not a bug: a file the user can correct, so say which and where
        show_vocabulary_problem(error)
        return
    _LOGGER.error("Unexpected error: %s", redacted(error))
    st.error(gettext(MESSAGE))


class _WithholdMessages(logging.Filter):
    """Streamlit logs an uncaught exception (one raised in a widget's callback, say) with its message
    and full traceback; keep only its type and place."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.msg, record.args = f"{record.getMessage()}: {redacted(record.exc_info[1])}", None
            record.exc_info, record.exc_text = None, None
        return True


def withhold_messages_in_streamlit_logs() -> None:
    logger = logging.getLogger("streamlit.error_util")
    if not any(isinstance(existing, _WithholdMessages) for existing in logger.filters):
        logger.addFilter(_WithholdMessages())
