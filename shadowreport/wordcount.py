"""Counting words the way a reviewer's word processor does.

The convention is LibreOffice Writer's default, checked against it (tests/test_wordcount.py):
words are runs of characters between white space (including no-break spaces), and em and en
dashes also separate words, so "well-known" is one word, "word—word" two, and a lone "—" none.
Punctuation standing alone between spaces counts, as it does there.
"""

from __future__ import annotations

_DASHES_TO_SPACES = str.maketrans({"\u2013": " ", "\u2014": " "})


def count_words(text: str) -> int:
    # str.split() breaks on every Unicode space (no-break spaces included), as Writer does.
    if "\u2013" in text or "\u2014" in text:
        text = text.translate(_DASHES_TO_SPACES)
    return len(text.split())
