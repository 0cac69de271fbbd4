"""Refuse anything that is not a regular file before a user's file is opened.

Opening a named pipe (FIFO) blocks until something writes to it, ``/dev/zero`` never ends and
fills memory, and a folder cannot be read at all. ``os.stat`` looks without opening (and follows
symbolic links, so a link to one of these is refused too); the answer is one sentence.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(ValueError):
    """The path is a folder, pipe, device or socket; the message is one sentence naming it."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}.")
        self.name = name
        self.reason = reason  # without the name, for callers that place it themselves


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def regular_file_stat(path: Path | str, expected: str, shown_as: str | None = None) -> os.stat_result:
    """``os.stat(path)``, or NotRegularFile when it is not a regular file.

    ``expected`` completes "give ...", e.g. "a .docx, .md, .txt or project file". OSError (a
    missing or unreadable path) passes through for the caller's own message.
    """
    result = os.stat(path)
    if not stat.S_ISREG(result.st_mode):
        what = _what(result.st_mode)
        kind = what if what.startswith("not ") else f"{what}, not a regular file"
        raise NotRegularFile(shown_as or str(path), f"cannot be read: it is {kind}; give {expected}")
    return result
