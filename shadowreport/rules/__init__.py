"""Mechanism rules: typed models and the loader for ``mechanisms/`` and a user's overlay.

The loader and the models (pydantic) are imported when first asked for, so a command that reads the
kept pack (kept.py) never imports pydantic.
"""

from .kept import load_kept_rules
from .pack import RulePack, RulesError

__all__ = ["Kind", "Mechanism", "Problem", "RulePack", "RulesError", "Sourced", "load_kept_rules", "load_rules", "validate"]


def __getattr__(name: str):
    if name in ("Problem", "load_rules", "validate"):
        from . import loader

        return getattr(loader, name)
    if name in ("Kind", "Mechanism", "Sourced"):
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
