"""The registry of checks: a plain dict from stable id to a frozen record (after yamllint/proselint).

A check is a pure function ``(draft, rules, config) -> Iterator[Found]``, registered with
``@check("family.name", "severity")``: what it yields names neither its id nor, unless it differs,
its severity; :meth:`Check.function` stamps both. Its docstring is its user documentation, with a
passing and a failing example; ``checks/cases/<id>.yml`` holds its test cases, so adding a case adds
no code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator

from .finding import Finding, Found, Severity

if TYPE_CHECKING:
    from ..draft import Draft
    from .context import CheckConfig, Rules

CheckBody = Callable[..., Iterator[Found]]


@dataclass(frozen=True)
class Check:
    id: str
    body: CheckBody  # the function as written
    severity: Severity  # the default; a finding may carry another, and config may override both
    summary: str

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def doc(self) -> str:
        return (self.body.__doc__ or "").strip()

    def function(self, draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Finding]:
        """Run this one check: its findings, stamped with its id and severity (the config's override wins)."""
        for found in self.body(draft, rules, config):
            severity = config.severity_for(self.id, found.severity or self.severity)
            yield Finding(self.id, severity, found.message, found.location, found.suggestion, found.source)


CHECKS: dict[str, Check] = {}


def check(check_id: str, severity: Severity):
    """Register a check function under a stable id."""

    def register(function: CheckBody) -> CheckBody:
        if check_id in CHECKS:
            raise ValueError(f"check id '{check_id}' registered twice")
        summary = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else check_id
        CHECKS[check_id] = Check(check_id, function, severity, summary)
        return function

    return register
