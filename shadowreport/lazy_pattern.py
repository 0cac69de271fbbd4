"""The program's own regular expressions: compiled when first used, from a copy kept between runs.

Compiling a long pattern costs milliseconds (more with re.IGNORECASE): the two hundred or so that a
lint uses took it some 60 ms at every start, more than the checks themselves. So a pattern is
compiled only when first used, and what Python's compiler makes of it (the program the regular
expression engine runs) is kept in the user's cache folder (cache.py), under a digest of the
Python version and engine it was made for; the next process hands the kept program to the engine
directly. Patterns made from a user's text must never come here: they would be kept on disk.

This reads the compiler's own steps (re._parser, re._compiler and _sre.compile, the same in Python
3.11 to 3.13); should a Python change them, any error here falls back to re.compile.
"""

from __future__ import annotations

import atexit
import pickle
import re
import sys

MAX_KEPT = 4_000  # programs kept: the program's own patterns, with room for the vocabularies' changes

_kept: dict[tuple[str, int], tuple] | None = None  # read on first use
_made: dict[tuple[str, int], tuple] = {}  # compiled in this process, to keep at exit


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)``: ``search``, ``match``, ``finditer`` and the rest compile it once, when first called."""

    __slots__ = ("_arguments", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._arguments = (pattern, int(flags))
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compiled(*self._arguments)
        return self._compiled

    def __getattr__(self, name: str):
        return getattr(self.compiled, name)


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the kept program when there is one."""
    key = (pattern, int(flags))
    kept = _programs().get(key)
    if kept is not None:
        try:
            import _sre

            return _sre.compile(pattern, *kept)
        except Exception:  # noqa: BLE001 - a program this engine refuses: compile afresh
            pass
    try:
        program = _program(pattern, key[1])
    except re.error:
        raise  # a wrong pattern is an error, as re.compile makes it
    except Exception:  # noqa: BLE001 - a Python whose compiler works otherwise: no copy kept
        return re.compile(pattern, flags)
    if not _made:
        atexit.register(_keep)
    _made[key] = program
    import _sre

    return _sre.compile(pattern, *program)


def _program(pattern: str, flags: int) -> tuple:
    """What re._compiler.compile hands the engine: (flags, code, groups, group index, index to group)."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # The code holds the compiler's named opcodes (int subclasses): kept as plain ints, as the engine reads them.
    return int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1, groupindex, tuple(indexgroup)


# Named per Python version: 3.11 and 3.13 sharing a cache folder keep a copy each rather than replace each other's.
_NAME = f"programs-py{sys.version_info[0]}{sys.version_info[1]}"


def _key() -> str:
    import _sre

    from . import cache

    return cache.digest(sys.version, str(_sre.MAGIC), str(_sre.CODESIZE), str(MAX_KEPT))


def _programs() -> dict[tuple[str, int], tuple]:
    global _kept
    if _kept is None:
        from . import cache

        _kept = cache.read_mapping("patterns", _NAME, _key(), pickle.loads)
    return _kept


def _keep() -> None:
    """At exit, keep the programs compiled in this process with those kept before (the newest MAX_KEPT)."""
    from . import cache

    if not _made or cache.disabled():
        return
    merged = {**_programs(), **_made}
    merged = dict(list(merged.items())[-MAX_KEPT:])
    cache.write("patterns", _NAME, _key(), pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL))
    _made.clear()
