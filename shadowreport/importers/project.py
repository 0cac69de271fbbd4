"""A project as the Draft the checks read: the text a reviewer would see, plus the project's records.

A project is one more source of a Draft, like a .docx or a Markdown file.
"""

from __future__ import annotations

import datetime as dt
import re

from ..draft import Draft, DraftRecommendation, DraftSection, Note, Paragraph
from ..language import vocabulary
from ..project.model import Project
from ..recommendation_text import compose
from ..rules import RulePack
from ..rules.rounds import chosen_round

CITATION = re.compile(r"\[\^([A-Za-z0-9][A-Za-z0-9_.-]{0,63})\]")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")


def project_round(project: Project, pack: RulePack) -> int | None:
    """The evaluation round a project is for, where its kind works in rounds (GRETA): the one its cycle
    field names ("3rd round", "3e cycle d'évaluation"), else the current one."""
    chosen = chosen_round(pack.kind(project.kind_id)[1], cycle=project.cycle)
    return chosen.number if chosen else None


def split_paragraphs(text: str) -> list[tuple[str, str]]:
    """(style, text) for each paragraph: blank lines separate paragraphs; '- ' or '1. ' lines are list items."""
    result: list[tuple[str, str]] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_LIST_ITEM.match(line) for line in lines):
            result.extend(("list-item", _LIST_ITEM.sub("", line).strip()) for line in lines)
        else:
            result.append(("body", " ".join(line.strip() for line in lines)))
    return result


def citation_text(source) -> str:
    """A note's text for an evidence source: citation, link and date."""
    parts = [source.citation, source.url or "", source.date.isoformat() if source.date else ""]
    return ", ".join(part for part in parts if part)




def recommendation_line(recommendation, language: str) -> str:
    """A recommendation as printed: the sentence, marked when it is a priority."""
    sentence = compose(recommendation, language)
    if not recommendation.priority:
        return sentence
    # Each language's label is its vocabulary file's composer.priority ("Priorité :"); English where a file has none.
    label = (vocabulary(language).get("composer") or {}).get("priority") or vocabulary("en").get("composer", {}).get("priority", "Priority:")
    return f"{label} {sentence}"


def _format_timeframe(project: Project, rec) -> str | None:
    if rec.timeframe.by:
        return rec.timeframe.by.isoformat()
    if rec.timeframe.term:
        return f"{rec.timeframe.term} term"
    return None


def _place_recommendations(recommendations: list[DraftRecommendation], paragraphs: list[Paragraph], numbered: bool, counter: int) -> int:
    """Recommendations as a numbered list: continuing the paragraph numbers where the mechanism numbers
    paragraphs (UPR), else a list of their own from 1."""
    for position, rec in enumerate(recommendations, 1):
        if numbered:
            counter += 1
        rec.paragraph_number = str(counter if numbered else position)
        paragraphs.append(Paragraph(text=rec.text, number=rec.paragraph_number, style="list-item"))
    return counter


def project_to_draft(project: Project, pack: RulePack, today: dt.date | None = None) -> Draft:
    """The Draft the checks read, with the deadline as of ``today``."""
    _, kind = pack.kind(project.kind_id)
    numbered = bool(kind.paragraph_numbering and kind.paragraph_numbering.value)
    notes: list[Note] = []
    evidence = {}  # by id, the first of a repeated id winning as in project.evidence_item
    for item in project.evidence:
        evidence.setdefault(item.id, item)

    def cite(text: str) -> tuple[str, list[str], list[int]]:
        """Each [^evidence-id] becomes a note call where it stands (one note per call, as in Word);
        unknown or unsourced ones stay visible for the checks to flag."""
        refs: list[str] = []
        offsets: list[int] = []
        pieces: list[str] = []  # joined once at the end: adding to a string per citation is quadratic
        length = 0
        position = 0
        for match in CITATION.finditer(text):
            before = text[position:match.start()]
            pieces.append(before)
            length += len(before)
            position = match.end()
            item = evidence.get(match.group(1))
            if item is None or item.source is None:
                pieces.append(match.group(0))
                length += len(match.group(0))
                continue
            while pieces and not pieces[-1].strip():  # the note call sits right after the word before it
                length -= len(pieces.pop())
            if pieces:
                trimmed = pieces[-1].rstrip()
                length -= len(pieces[-1]) - len(trimmed)
                pieces[-1] = trimmed
            notes.append(Note(id=str(len(notes) + 1), text=citation_text(item.source)))
            refs.append(notes[-1].id)
            offsets.append(length)
        pieces.append(text[position:])
        return "".join(pieces), refs, offsets

    sections: list[DraftSection] = []
    counter = 0
    recommendation_section_present = any(s.id == "recommendations" for s in project.sections)
    recommendations = [
        DraftRecommendation(
            text=recommendation_line(rec, project.language), section="recommendations", addressee=rec.addressee or None, verb=rec.verb or None,
            timeframe=_format_timeframe(project, rec), indicator=rec.indicator or None, priority=rec.priority,
            wish_list=rec.wish_list, evidence_ids=list(rec.evidence_ids), themes=list(rec.themes),
            follows_up=[f"{f.symbol} {f.paragraph}".strip() for f in rec.follows_up],
        )
        for rec in project.recommendations
    ]
    for section in project.sections:
        paragraphs = []
        for style, text in split_paragraphs(section.text):
            text, refs, offsets = cite(text)
            number = None
            if numbered:
                counter += 1
                number = str(counter)
            paragraphs.append(Paragraph(text=text, number=number, style=style, note_refs=refs, note_offsets=offsets))
        if section.id == "recommendations":
            counter = _place_recommendations(recommendations, paragraphs, numbered, counter)
        sections.append(DraftSection(id=section.id, title=section.title, paragraphs=paragraphs))
    if recommendations and not recommendation_section_present:
        paragraphs = []
        counter = _place_recommendations(recommendations, paragraphs, numbered, counter)
        sections.append(DraftSection(id="recommendations", title="Recommendations", paragraphs=paragraphs))

    deadline = project.deadline(pack, today)
    return Draft(
        source=f"project:{project.id}", title=project.title, mechanism=project.mechanism, kind=project.kind_id,
        joint=project.joint, language=project.language, deadline=deadline.date, session_date=project.session_date,
        state=project.state or None, cycle=project.cycle or None, round=project_round(project, pack),
        deadline_official=deadline.method == "official",
        deadline_source=project.deadline_override.source if project.deadline_override else None,
        sections=sections, notes=notes, recommendations=recommendations, evidence=list(project.evidence),
        members=list(project.members), earlier=list(project.earlier), metadata={"status": project.status},
        words_limit=project.limit_override.words if project.limit_override else None,
        pages_limit=project.limit_override.pages if project.limit_override else None,
        limit_source=project.limit_override.source if project.limit_override else None,
        disabled_checks=list(project.checks.disable), severity_overrides=dict(project.checks.severity),
    )
