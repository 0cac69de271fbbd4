"""The registry of checks: a plain dict from stable id to a frozen record (after yamllint/proselint).

A check is a pure function ``(draft, rules, config) -> Iterator[Finding]``. Its docstring is its
user documentation, with a passing and a failing example; ``checks/cases/<id>.yml`` holds its test
cases, so adding a case adds no code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from .finding import Finding, Severity

CheckFunction = Callable[..., Iterator[Finding]]


@dataclass(frozen=True)
class Check:
    id: str
    function: CheckFunction
    severity: Severity  # the default; a finding may carry another, and config may override both
    summary: str

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def doc(self) -> str:
        return (self.function.__doc__ or "").strip()


CHECKS: dict[str, Check] = {}


def check(check_id: str, severity: Severity):
    """Register a check function under a stable id."""

    def register(function: CheckFunction) -> CheckFunction:
        if check_id in CHECKS:
            raise ValueError(f"check id '{check_id}' registered twice")
        summary = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else check_id
        CHECKS[check_id] = Check(check_id, function, severity, summary)
        return function

    return register
