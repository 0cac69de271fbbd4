"""Derived data kept between runs in the user's cache folder, so that a command starts at once.

Only data the program derives from its own installed files is kept here (the validated rule pack,
parsed hyphenation patterns, compiled regular expressions and dataclass methods), never anything of
the user's case text. Each copy is named
``<name>-<key>.bin``: ``key`` is a digest of everything the data was derived from, so a changed
input simply misses and the copy it supersedes is removed. A copy starts with the SHA-256 of the
rest: a damaged or half-written copy is never trusted, only removed and made again. Copies are
written whole or not at all, readable by this account only (files.write_atomically).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

DIGEST_BYTES = 32


def folder(kind: str) -> Path:
    import platformdirs  # only when a cache is used: a command that needs none does not pay for it

    return platformdirs.user_cache_path("shadowreport") / kind


def digest(*parts: bytes | str) -> str:
    """A short key for ``parts`` (each length-prefixed, so ("ab", "c") and ("a", "bc") differ)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()[:24]


def read(kind: str, name: str, key: str) -> bytes | None:
    """The payload kept for ``name`` and ``key``, or None when there is none or it is damaged (then removed)."""
    path = folder(kind) / f"{name}-{key}.bin"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    payload = data[DIGEST_BYTES:]
    if len(data) < DIGEST_BYTES or hashlib.sha256(payload).digest() != data[:DIGEST_BYTES]:
        path.unlink(missing_ok=True)
        return None
    return payload


def write(kind: str, name: str, key: str, payload: bytes) -> None:
    """Keep ``payload`` for ``name`` and ``key``, replacing older copies of ``name``; a copy that cannot be
    written (read-only home, full disk) only costs time at the next start, so no error is raised."""
    from .files import write_atomically

    target = folder(kind) / f"{name}-{key}.bin"

    def fill(path: Path) -> None:
        with open(path, "wb") as stream:
            stream.write(hashlib.sha256(payload).digest() + payload)

    try:
        write_atomically(target, fill)
        for older in target.parent.glob(f"{name}-*.bin"):
            if older != target and older.name[len(name) + 1:-4].isalnum():
                older.unlink(missing_ok=True)
    except OSError:
        pass


def read_mapping(kind: str, name: str, key: str, loads) -> dict:
    """A kept dict (``loads`` turns the payload back into it), or an empty one when there is none, the copy
    is damaged or from another build, or caching is off: what is missing is made afresh and kept again."""
    payload = None if disabled() else read(kind, name, key)
    if payload is None:
        return {}
    try:
        found = loads(payload)
    except Exception:  # noqa: BLE001 - a damaged or foreign copy: make afresh
        return {}
    return found if isinstance(found, dict) else {}


def disabled() -> bool:
    """SHADOWREPORT_NO_CACHE=1 turns every cache off (to time or debug the uncached path)."""
    return os.environ.get("SHADOWREPORT_NO_CACHE", "") not in ("", "0")
