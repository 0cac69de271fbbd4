"""Which findings a button can fix: a finding of the Check page paired with the pure project fix
(``project.fixes``) that answers it. Only mechanical fixes; everything else is for the writer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..i18n import SOURCE_LANGUAGE, available, translator
from ..language import section_text
from ..project.fixes import add_sections, mark_priorities
from ..project.model import Project
from ..rules.models import Kind, Section
from .finding import Finding


@dataclass(frozen=True)
class OneClickFix:
    label: str  # the button's words
    done: str  # what the page says once it is done
    apply: Callable[[Project], Project]


def fix_for(finding: Finding, project: Project, kind: Kind) -> OneClickFix | None:
    """The one-click fix for ``finding`` in ``project``, or None when it needs a person."""
    if finding.rule == "structure.missing-section":
        # "No section 'Analysis'." (missing) is mechanical; "The section ... is empty." is not.
        wanted = next((s for s in kind.sections if finding.message in _missing_messages(project.kind_id, s)), None)
        if wanted is not None and wanted.id not in {s.id for s in project.sections}:
            return OneClickFix(f"Add the heading '{wanted.title}'", f"Added the section '{wanted.title}': write it on the Draft page.",
                               partial(add_sections, kind=kind, section_ids=[wanted.id]))
    if finding.rule == "recommendations.count" and finding.severity != "info":
        settings = kind.recommendations
        if settings and settings.max_count and settings.mark_priorities_beyond_max and not any(r.priority for r in project.recommendations):
            cap = settings.max_count.value
            return OneClickFix(f"Mark the first {cap} recommendations as priorities",
                               f"The first {cap} recommendations are marked as priorities: change the order or the marks on the Recommendations page.",
                               partial(mark_priorities, count=cap))
    return None


def _missing_messages(kind_id: str, section: Section) -> set[str]:
    """structure.missing-section's message for ``section``, in every language the checks may have run in
    (each naming the section as that language's vocabulary file does, else by its English title)."""
    return {translator(code).gettext("No section '{title}'.").format(
                title=section_text(kind_id, section.id, code).get("title", section.title) if code != SOURCE_LANGUAGE else section.title)
            for code in available()}
