"""A regular expression compiled the first time it is used.

Compiling a long pattern costs milliseconds (more with re.IGNORECASE), and a module of them made
every command pay at import for patterns most texts never reach: the importers' and the privacy
scanner's rarer patterns wait for the text that needs them.
"""

from __future__ import annotations

import re


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)``: ``search``, ``match``, ``finditer`` and the rest compile it once, when first called."""

    __slots__ = ("_arguments", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._arguments = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(*self._arguments)
        return self._compiled

    def __getattr__(self, name: str):
        return getattr(self.compiled, name)
