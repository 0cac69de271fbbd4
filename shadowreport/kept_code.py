"""The methods dataclasses write for a command's classes: compiled once, kept between runs.

``@dataclass`` writes the source of ``__init__``, ``__repr__``, ``__eq__`` and the rest and compiles
it with ``exec`` whenever a module defining a dataclass is imported: the forty or so a lint imports
took it some 30 ms at every start, about a tenth of the whole command, almost all of it Python's
compiler at work on the same few hundred lines each time. While ``kept_dataclass_code()`` is active,
the dataclasses module's ``exec`` reads the code compiled from that very source from a copy kept in
the user's cache folder (cache.py: private, checked by its digest, keyed by the Python build), and
compiles only what it has not seen, so classes are made exactly as before (same source, same
compiler) but without compiling. The copy holds only source that dataclasses writes from class
definitions (field names and the like), never a user's text.

It relies on nothing but the ``exec(source, globals, locals)`` that dataclasses calls (Python 3.11 to
3.13); a Python that makes its classes otherwise simply finds nothing replaced.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import marshal
import sys
import types
from collections.abc import Iterator

MAX_KEPT = 2_000  # compiled sources kept: a lint's classes make a few hundred
_NAME = f"dataclass-code-py{sys.version_info[0]}{sys.version_info[1]}"

_kept: dict[str, bytes] | None = None  # source -> marshalled code, read on first use
_made: dict[str, bytes] = {}  # compiled in this process, kept when the outermost block ends
_depth = 0


def _key() -> str:
    from . import cache

    return cache.digest(sys.version, str(marshal.version), str(MAX_KEPT))


def _programs() -> dict[str, bytes]:
    global _kept
    if _kept is None:
        from . import cache

        _kept = cache.read_mapping("code", _NAME, _key(), marshal.loads)
    return _kept


def code_for(source: str):
    """What ``compile(source, "<string>", "exec")`` makes, from the kept copy when there is one."""
    kept = _programs().get(source)
    if isinstance(kept, bytes):
        try:
            code = marshal.loads(kept)
        except (EOFError, ValueError, TypeError):
            code = None
        if isinstance(code, types.CodeType):
            return code
    code = compile(source, "<string>", "exec", dont_inherit=True)
    _made[source] = marshal.dumps(code)
    return code


def _exec(source, /, *args, **kwargs):
    if type(source) is str:
        try:
            source = code_for(source)
        except SyntaxError:
            pass  # exec raises it, as it would have
    return builtins.exec(source, *args, **kwargs)


@contextlib.contextmanager
def kept_dataclass_code() -> Iterator[None]:
    """Classes made inside the block get their dataclass methods from the kept code; new code is kept at the end."""
    global _depth
    _depth += 1
    if _depth == 1:
        dataclasses.exec = _exec  # a module global of dataclasses: its ``exec(...)`` calls find it before the builtin
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            if getattr(dataclasses, "exec", None) is _exec:
                del dataclasses.exec
            try:
                _keep()
            except Exception:  # noqa: BLE001 - a copy that cannot be kept only costs time at the next start
                _made.clear()


def _keep() -> None:
    from . import cache

    if not _made or cache.disabled():
        _made.clear()
        return
    merged = {**_programs(), **_made}
    merged = dict(list(merged.items())[-MAX_KEPT:])
    _made.clear()
    cache.write("code", _NAME, _key(), marshal.dumps(merged))
    global _kept
    _kept = merged
