"""What the exported document would print that its authors may not want printed: shown before download.

Export prints text exactly as typed, so nothing here changes the document. These are the things
that must never reach it silently: confidential evidence cited in a footnote, a member whose
sign-off is pending or declined, placeholders (``[do what?]``, ``TODO``, a citation that did not
resolve), headings with nothing under them, and a capitalised verb after "should". The app lists
them and asks the user to confirm before it writes the file. Pure: no I/O, no Streamlit.

Each sentence is in the reader's language (a translator; English when none is given, as the CLI prints).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..draft import Draft
from ..i18n import N_, Translator, translator
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
CITED_IN_CONFIDENCE = {  # one whole sentence per level: a language may agree the level with its noun
    "restricted": N_("Restricted evidence ('{claim}') is cited here: its source would be printed in a footnote ({source})."),
    "confidential": N_("Confidential evidence ('{claim}') is cited here: its source would be printed in a footnote ({source})."),
}


@dataclass(frozen=True)
class ExportWarning:
    kind: WarningKind
    where: str  # the section (or member) concerned, in words
    message: str  # one sentence: what would be printed
    section_id: str | None = None  # the section to open to fix it, when there is one


def export_warnings(project: Project, draft: Draft, t: Translator | None = None) -> list[ExportWarning]:
    """Everything in ``draft`` (the project as it would be printed) a person should see before it is, in ``t``'s language."""
    t = t or translator()
    return [*_confidential_citations(project, t), *_sign_offs(project, t), *_printed_text(draft, t)]


def _confidential_citations(project: Project, t: Translator) -> list[ExportWarning]:
    warnings = []
    for section in project.sections:
        cited = dict.fromkeys(match.group(1) for match in CITATION.finditer(section.text))  # each item once, in order
        for evidence_id in cited:
            item = project.evidence_item(evidence_id)
            if item is None or item.source is None or item.confidentiality == "public":
                continue  # no footnote is printed without a source; an unknown id is a placeholder below
            sentence = t.gettext(CITED_IN_CONFIDENCE[item.confidentiality])
            warnings.append(ExportWarning("confidential-evidence", section.title,
                                          sentence.format(claim=_excerpt(item.claim), source=_excerpt(item.source.citation)), section.id))
    return warnings


def _sign_offs(project: Project, t: Translator) -> list[ExportWarning]:
    if not project.joint:
        return []  # one organisation: no one else to sign off
    warnings = []
    for member in project.members:
        if member.sign_off == "pending":
            warnings.append(ExportWarning("sign-off", member.name, t.gettext(
                "{member} has not signed off yet: the cover would say 'sign-off pending'.").format(member=member.name)))
        elif member.sign_off == "declined":
            warnings.append(ExportWarning("sign-off", member.name, t.gettext("{member} declined to sign: the cover would say so.").format(
                member=member.name)))
    return warnings


def _printed_text(draft: Draft, t: Translator) -> list[ExportWarning]:
    warnings = []
    for line in draft.cover:
        warnings += _text_warnings(line, t.gettext("the cover"), None, t)
    for section in draft.sections:
        heading = section.title or t.gettext("a heading")
        warnings += _text_warnings(section.title, heading, section.id, t)
        texts = [paragraph.text for paragraph in section.paragraphs if paragraph.text.strip()]
        if not texts:
            warnings.append(ExportWarning("empty-heading", heading, t.gettext(
                "The heading '{heading}' would be printed with nothing under it.").format(heading=section.title), section.id))
        for text in texts:
            warnings += _text_warnings(text, section.title, section.id, t)
    for note in draft.notes:
        warnings += _text_warnings(note.text, t.gettext("footnote {id}").format(id=note.id), None, t)
    return warnings


def _text_warnings(text: str, where: str, section_id: str | None, t: Translator) -> list[ExportWarning]:
    warnings = [ExportWarning("placeholder", where, t.gettext("'{placeholder}' would be printed: '{passage}'.").format(
                    placeholder=match.group(0), passage=_around(text, match)), section_id)
                for match in PLACEHOLDER.finditer(text)]
    warnings += [ExportWarning("capitalised-verb", where, t.gettext(
                     "'{words}' would be printed with a capital letter mid-sentence: '{passage}'.").format(
                     words=f"{match.group(1)} {match.group(2)}", passage=_around(text, match)), section_id)
                 for match in CAPITALISED_VERB.finditer(text)]
    return warnings


def _around(text: str, match: re.Match[str]) -> str:
    start, end = max(0, match.start() - EXCERPT_CHARACTERS), min(len(text), match.end() + EXCERPT_CHARACTERS)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 2 * EXCERPT_CHARACTERS else text[: 2 * EXCERPT_CHARACTERS].rstrip() + "…"
