"""Projects: the model, its evidence forms, exchange files and coalition merges."""

from .model import (
    FORMAT_VERSION, Citation, Consent, EvidenceItem, Member, Project, Recommendation, SectionText, Timeframe, new_id,
)

__all__ = [
    "FORMAT_VERSION", "Citation", "Consent", "EvidenceItem", "Member", "Project", "Recommendation", "SectionText",
    "Timeframe", "new_id",
]
