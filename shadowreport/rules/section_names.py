"""Whether a heading names a section: one rule for the structure check and for importing a document.

A heading names a section when its words are those of one of the section's names (its title, its usual
other titles), or within them, or hold them, or share two of them. Words are cut to six letters, so
"recommandation" and "recommandations" are one word, and the little words of English, French and
Spanish are left out: without them, "Vulnérabilités à la traite" would share two words ("à", "la")
with "Accès à la justice".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

STOP_WORDS = frozenset({
    "and", "of", "the", "to", "a", "an", "for", "or", "in", "on", "by", "with", "(s)", "s",
    "le", "la", "les", "l", "de", "des", "du", "d", "à", "au", "aux", "et", "ou", "en", "un", "une", "pour", "par", "sur", "dans", "avec",
    "el", "los", "las", "del", "y", "o", "una", "para", "por", "con", "al",
})
_WORD = re.compile(r"[a-zà-ÿ]+")


@lru_cache(maxsize=4_096)  # the same few section names are compared with every heading
def heading_words(text: str) -> frozenset[str]:
    """The words of a heading or a section's name that say what it is for, cut to six letters."""
    return frozenset(w[:6] for w in _WORD.findall(text.lower()) if w not in STOP_WORDS)


def names_section(heading: str, names: Iterable[str]) -> bool:
    """``heading`` names the section whose names (title, other titles) are ``names``."""
    words = heading_words(heading)
    if not words:
        return False
    for name in names:
        wanted = heading_words(name)
        if wanted and (wanted <= words or words <= wanted or len(wanted & words) >= 2):
            return True
    return False
