"""What a check reports: a Finding, with a stable rule id, where it is, and what to do.

A check function yields :class:`Found` records; running the check (``Check.function``) stamps
each with the check's id and severity, so a check never repeats its own id.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from ..i18n import translator

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

    def label(self, language: str = "en") -> str:
        t = translator(language)
        parts = []
        if self.section:
            parts.append(f"§ {self.section}")
        if self.paragraph:
            parts.append(t.gettext("para {number}").format(number=self.paragraph) if not self.paragraph.startswith("#")
                         else t.gettext("paragraph {number}").format(number=self.paragraph[1:]))
        if self.recommendation:
            parts.append(t.gettext("recommendation {number}").format(number=self.recommendation))
        if self.note:
            parts.append(t.gettext("note {number}").format(number=self.note))
        if self.span:
            parts.append(t.gettext("chars {start}-{end}").format(start=self.span[0], end=self.span[1]))
        return ", ".join(parts) or t.gettext("document")

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
