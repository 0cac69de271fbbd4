"""Findings arranged for people: by the part of the document they concern, the most serious first,
with severity in words and the command-line hints set aside. Pure: the Check page only draws it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..draft import Draft
from ..i18n import N_, translator
from ..lazy_pattern import LazyPattern
from .finding import SEVERITY_ORDER, Finding

# In English, as the code writes them; severity_words() and group_findings() give them in a language.
SEVERITY_WORDS = {"error": N_("Must fix"), "warning": N_("Should fix"), "info": N_("Note")}
DOCUMENT = N_("The whole document")
EVIDENCE = N_("Evidence items")
RECOMMENDATIONS = N_("Recommendations")

# "(--render)" or "`shadowreport lint ...`": meant for the command line, shown in the app only as a detail.
_CLI_HINT = LazyPattern(r"\s*\((--[a-z][a-z-]*)\)|\s*`(shadowreport [^`]*)`")


def severity_words(language: str = "en") -> dict[str, str]:
    """Each severity in words, most serious first: {"error": "Must fix", ...}, or "À corriger" in French."""
    t = translator(language)
    return {severity: t.gettext(word) for severity, word in SEVERITY_WORDS.items()}


def severity_count(severity: str, count: int, language: str = "en") -> str:
    """``count`` findings of ``severity`` in words, plural as the language makes it: "3 notes", "3 remarques"."""
    t = translator(language)
    if severity == "error":
        text = t.ngettext("{count} must fix", "{count} must fix", count)
    elif severity == "warning":
        text = t.ngettext("{count} should fix", "{count} should fix", count)
    else:
        text = t.ngettext("{count} note", "{count} notes", count)
    return text.format(count=t.number(count))


@dataclass
class FindingGroup:
    title: str  # the section's title, "Evidence items", "Recommendations" or "The whole document" (in ``language``)
    place: Literal["document", "section", "evidence", "recommendations"]
    section_id: str | None = None  # the section's id in the draft, when it has one
    findings: list[Finding] = field(default_factory=list)
    language: str = "en"  # of the title and the summary

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def summary(self) -> str:
        """E.g. "1 must fix, 2 should fix" (the figures as the language writes them)."""
        return ", ".join(severity_count(s, self.count(s), self.language) for s in SEVERITY_WORDS if self.count(s))


def group_findings(findings: list[Finding], draft: Draft, language: str = "en") -> list[FindingGroup]:
    """The findings by place, in the document's order (the whole document first, then its sections,
    the evidence items, the recommendations), each group's most serious findings first; the groups
    that are not sections are named in ``language``."""
    t = translator(language)
    document = FindingGroup(t.gettext(DOCUMENT), "document", language=language)
    evidence = FindingGroup(t.gettext(EVIDENCE), "evidence", language=language)
    recommendations = FindingGroup(t.gettext(RECOMMENDATIONS), "recommendations", "recommendations", language=language)
    by_title = {section.title: section for section in draft.sections}
    by_id = {section.id: section for section in draft.sections if section.id}
    sections: dict[str, FindingGroup] = {}
    for finding in findings:
        where = finding.location
        if where.recommendation is not None:
            recommendations.findings.append(finding)
            continue
        section = by_title.get(where.section or "") or by_id.get(where.section or "")
        if section is None and not where.section:
            # An evidence item's own problem (no source, no consent) is fixed on the Evidence page.
            (evidence if finding.rule.startswith("evidence.") else document).findings.append(finding)
            continue
        title = section.title if section else where.section
        group = sections.setdefault(title, FindingGroup(title, "section", section.id if section else None, language=language))
        group.findings.append(finding)
    position = {section.title: index for index, section in enumerate(draft.sections)}
    ordered = sorted(sections.values(), key=lambda g: position.get(g.title, len(position)))
    groups = [group for group in (document, *ordered, evidence, recommendations) if group.findings]
    for group in groups:
        group.findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])  # stable: the checks' order within a severity
    return groups


def without_cli_hints(text: str) -> tuple[str, list[str]]:
    """``text`` without its command-line hints, and the hints (for a details view)."""
    hints = [match.group(1) or match.group(2) for match in _CLI_HINT.finditer(text)]
    return _CLI_HINT.sub("", text), hints
