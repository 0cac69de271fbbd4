"""What a check reports: a Finding, with a stable rule id, where it is, and what to do.

A check function yields :class:`Found` records; running the check (``Check.function``) stamps
each with the check's id and severity, so a check never repeats its own id.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Location:
    """Where a finding is. Fields are filled as far as they are known."""

    section: str | None = None
    paragraph: str | None = None  # the printed number, or "#n" for the n-th paragraph when unnumbered
    span: tuple[int, int] | None = None  # character offsets within the paragraph
    note: str | None = None
    recommendation: int | None = None  # 1-based position in the recommendations

    def label(self) -> str:
        parts = []
        if self.section:
            parts.append(f"§ {self.section}")
        if self.paragraph:
            parts.append(f"para {self.paragraph.lstrip('#')}" if not self.paragraph.startswith("#") else f"paragraph {self.paragraph[1:]}")
        if self.recommendation:
            parts.append(f"recommendation {self.recommendation}")
        if self.note:
            parts.append(f"note {self.note}")
        if self.span:
            parts.append(f"chars {self.span[0]}-{self.span[1]}")
        return ", ".join(parts) or "document"

    def as_dict(self) -> dict:
        return {key: (list(value) if isinstance(value, tuple) else value) for key, value in asdict(self).items() if value is not None}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    suggestion: str | None = None
    source: str | None = None  # the rule's source and how sure we are of it

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message, "location": self.location.as_dict(),
                "suggestion": self.suggestion, "source": self.source}


@dataclass(frozen=True)
class Found:
    """What a check function yields: a Finding before it is stamped with its rule id.

    ``severity`` is None where the check's registered default applies.
    """

    message: str
    location: Location = field(default_factory=Location)
    suggestion: str | None = None
    source: str | None = None
    severity: Severity | None = None
