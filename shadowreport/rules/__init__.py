"""Mechanism rules: typed models and the loader for ``mechanisms/`` and a user's overlay."""

from .loader import Problem, RulePack, RulesError, load_rules, validate
from .models import Kind, Mechanism, Sourced

__all__ = ["Kind", "Mechanism", "Problem", "RulePack", "RulesError", "Sourced", "load_rules", "validate"]
