"""The rule pack for a command that only reads rules: the validated pack's read-only copy (frozen.py),
kept between runs, so that such a command never imports pydantic.

A copy that is missing or stale (a rule file, the code or pydantic changed: pack.py's key) is made
again by the loader, which validates the YAML as every other command does and raises RulesError
with every problem found.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from .. import cache
from ..paths import builtin_dir
from .pack import RulePack, fingerprint, pack_key

_loaded: dict[tuple, RulePack] = {}  # by the files' fingerprint: read once in a process, as load_rules does


def load_kept_rules(overlay_dir: Path | None = None, builtin: Path | None = None) -> RulePack:
    """The rule pack, validated, as read-only objects that behave as the models do (frozen.py)."""
    builtin = builtin or builtin_dir("mechanisms")
    seen = fingerprint(builtin, overlay_dir)
    if seen in _loaded:
        return _loaded[seen]
    found = None if cache.disabled() else _key(builtin, overlay_dir)
    if found is not None:
        payload = cache.read("rules", "frozen-" + found[0], found[1])
        if payload is not None:
            try:
                pack = pickle.loads(payload)
            except Exception:  # noqa: BLE001 - a copy from another build of these classes: make it again
                pack = None
            if isinstance(pack, RulePack):
                return _remembered(seen, pack)
    from .loader import frozen_copy, load_rules

    pack = frozen_copy(load_rules(overlay_dir, builtin))
    if found is not None:
        cache.write("rules", "frozen-" + found[0], found[1], pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
    return _remembered(seen, pack)


def _remembered(seen: tuple, pack: RulePack) -> RulePack:
    _loaded.clear()
    _loaded[seen] = pack
    return pack


def _key(builtin: Path, overlay: Path | None) -> tuple[str, str] | None:
    try:
        return pack_key(builtin, overlay)
    except OSError:
        return None
