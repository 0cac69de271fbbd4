"""Checks: pure functions over a Draft that report Findings against the mechanism's rules.

Each family lives in its own module; importing this package registers them all in ``CHECKS``.
Their user documentation is their docstrings (``shadowreport checks list``); their test cases
are in ``checks/cases/`` at the project root.
"""

from . import accessibility, briefing, deadline, earlier, evidence, language, length, placeholders, privacy, readability, recommendations, structure, style, timeframes  # noqa: F401
from .context import CheckConfig, ConfigError, Rules, load_config
from .finding import Finding, Found, Location
from .registry import CHECKS, Check
from .runner import Report, resolve_rules, run_checks

__all__ = ["CHECKS", "Check", "CheckConfig", "ConfigError", "Finding", "Found", "Location", "Report", "Rules", "load_config", "resolve_rules", "run_checks"]
