"""What the exported document would print that its authors may not want printed: shown before download.

Export prints text exactly as typed, so nothing here changes the document. These are the things
that must never reach it silently: confidential evidence cited in a footnote, a member whose
sign-off is pending or declined, placeholders (``[do what?]``, ``TODO``, a citation that did not
resolve), headings with nothing under them, and a capitalised verb after "should". The app lists
them and asks the user to confirm before it writes the file. Pure: no I/O, no Streamlit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..draft import Draft
from ..importers.project import CITATION
from ..project.model import Project

WarningKind = Literal["confidential-evidence", "sign-off", "placeholder", "empty-heading", "capitalised-verb"]

# Text left to be filled in: a bracketed question ([who?], [do what?], [faire quoi ?]), an evidence
# citation that did not become a footnote ([^ev-x]), a bracketed instruction, or a to-do marker.
PLACEHOLDER = re.compile(
    r"\[[^\[\]\n]{0,60}\?\s*\]"
    r"|\[\^[^\]\n]{1,64}\]"
    r"|\[(?:insert|add|source|citation needed|ref|tbc|tbd|xx+)\b[^\]\n]{0,60}\]"
    r"|\b(?:TODO|TBC|TBD|FIXME|XXX+)\b"
    r"|\?\?\?",
    re.IGNORECASE,
)
# "should Adopt": the verb typed with a capital, printed mid-sentence. English and French modals.
CAPITALISED_VERB = re.compile(r"\b(should|must|shall|devrait|devraient|doit|doivent)\s+([A-Z][a-z]+)\b")
EXCERPT_CHARACTERS = 40  # either side of a match: enough to find the passage


@dataclass(frozen=True)
class ExportWarning:
    kind: WarningKind
    where: str  # the section (or member) concerned, in words
    message: str  # one sentence: what would be printed
    section_id: str | None = None  # the section to open to fix it, when there is one


def export_warnings(project: Project, draft: Draft) -> list[ExportWarning]:
    """Everything in ``draft`` (the project as it would be printed) a person should see before it is."""
    return [*_confidential_citations(project), *_sign_offs(project), *_printed_text(draft)]


def _confidential_citations(project: Project) -> list[ExportWarning]:
    warnings = []
    for section in project.sections:
        cited = dict.fromkeys(match.group(1) for match in CITATION.finditer(section.text))  # each item once, in order
        for evidence_id in cited:
            item = project.evidence_item(evidence_id)
            if item is None or item.source is None or item.confidentiality == "public":
                continue  # no footnote is printed without a source; an unknown id is a placeholder below
            warnings.append(ExportWarning(
                "confidential-evidence", section.title,
                f"{item.confidentiality.capitalize()} evidence ('{_excerpt(item.claim)}') is cited here: "
                f"its source would be printed in a footnote ({_excerpt(item.source.citation)}).",
                section.id))
    return warnings


def _sign_offs(project: Project) -> list[ExportWarning]:
    if not project.joint:
        return []  # one organisation: no one else to sign off
    warnings = []
    for member in project.members:
        if member.sign_off == "pending":
            warnings.append(ExportWarning("sign-off", member.name, f"{member.name} has not signed off yet: the cover would say 'sign-off pending'."))
        elif member.sign_off == "declined":
            warnings.append(ExportWarning("sign-off", member.name, f"{member.name} declined to sign: the cover would say so."))
    return warnings


def _printed_text(draft: Draft) -> list[ExportWarning]:
    warnings = []
    for line in draft.cover:
        warnings += _text_warnings(line, "the cover", None)
    for section in draft.sections:
        warnings += _text_warnings(section.title, section.title or "a heading", section.id)
        texts = [paragraph.text for paragraph in section.paragraphs if paragraph.text.strip()]
        if not texts:
            warnings.append(ExportWarning("empty-heading", section.title or "a heading",
                                          f"The heading '{section.title}' would be printed with nothing under it.", section.id))
        for text in texts:
            warnings += _text_warnings(text, section.title, section.id)
    for note in draft.notes:
        warnings += _text_warnings(note.text, f"footnote {note.id}", None)
    return warnings


def _text_warnings(text: str, where: str, section_id: str | None) -> list[ExportWarning]:
    warnings = [ExportWarning("placeholder", where, f"'{match.group(0)}' would be printed: '{_around(text, match)}'.", section_id)
                for match in PLACEHOLDER.finditer(text)]
    warnings += [ExportWarning("capitalised-verb", where,
                               f"'{match.group(1)} {match.group(2)}' would be printed with a capital letter mid-sentence: "
                               f"'{_around(text, match)}'.", section_id)
                 for match in CAPITALISED_VERB.finditer(text)]
    return warnings


def _around(text: str, match: re.Match[str]) -> str:
    start, end = max(0, match.start() - EXCERPT_CHARACTERS), min(len(text), match.end() + EXCERPT_CHARACTERS)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 2 * EXCERPT_CHARACTERS else text[: 2 * EXCERPT_CHARACTERS].rstrip() + "…"
