"""Structure: required sections and facts, numbered paragraphs, notes that hold only references."""

from __future__ import annotations

import re
from typing import Iterator

from ..draft import Draft, DraftSection
from ..rules.models import RequiredField, Section
from ..wordcount import count_words
from .context import CheckConfig, Rules, source_of
from .finding import Found, Location
from .registry import check
from .text import paragraphs, where

_STOP = {"and", "of", "the", "to", "a", "an", "for", "or", "in", "on", "by", "with", "(s)", "s"}


def _words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-zà-ÿ]+", text.lower()) if w not in _STOP}


def _matches(wanted: Section | RequiredField, title: str) -> bool:
    names = [wanted.title if isinstance(wanted, Section) else wanted.label, *getattr(wanted, "aliases", [])]
    heading = _words(title)
    if not heading:
        return False
    for name in names:
        wanted = _words(name)
        if wanted and (wanted <= heading or heading <= wanted or len(wanted & heading) >= 2):
            return True
    return False


def _find(draft: Draft, wanted: Section | RequiredField) -> DraftSection | None:
    for section in draft.sections:
        if section.id == wanted.id or _matches(wanted, section.title):
            return section
    return None


@check("structure.missing-section", "warning")
def missing_section(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Every section the kind requires is there (matched by id, title or a usual alternative title).

    Passes: a UPR submission with sections on evidence, law and policy, analysis and recommendations.
    Fails: the same without its analysis: "No section 'Analysis'".
    """
    if rules.kind is None:
        return
    for wanted in rules.kind.sections:
        if not wanted.required:
            continue
        found = _find(draft, wanted)
        if found is None:
            yield Found(f"No section '{wanted.title}'.", suggestion=wanted.guidance, source=rules.kind_id)
        elif not any(p.text.strip() for p in found.paragraphs):
            yield Found(f"The section '{found.title}' is empty.",
                        Location(section=found.title), suggestion=wanted.guidance, source=rules.kind_id)


@check("structure.missing-field", "error")
def missing_field(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Every fact the kind requires is given (e.g. a communication's steps taken nationally).

    Passes: a communication that describes the complaints filed and the authorities' response.
    Fails: a communication without them: "Missing: Steps taken nationally".
    """
    if rules.kind is None:
        return
    text = "\n".join(p.text for _, _, p in paragraphs(draft)).lower()
    for wanted in rules.kind.fields:
        if not wanted.required:
            continue
        section = _find(draft, wanted)
        if section is not None and any(p.text.strip() for p in section.paragraphs):
            continue
        if section is None and wanted.label.lower().split("(")[0].strip() in text:
            continue  # given inline, e.g. "Steps taken nationally: ..."
        yield Found(f"Missing: {wanted.label}.", Location(section=section.title if section else None),
                    suggestion=wanted.guidance, source=rules.kind_id)


@check("structure.paragraph-numbering", "error")
def paragraph_numbering(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Every paragraph is numbered where the mechanism wants it (UPR).

    Passes: paragraphs numbered 1, 2, 3 ... (Word numbering or typed numbers).
    Fails: 12 of 30 paragraphs unnumbered.
    """
    if rules.kind is None or rules.kind.paragraph_numbering is None or not rules.kind.paragraph_numbering.value:
        return
    # Bulleted items belong to the numbered paragraph they follow; plain paragraphs must carry a number.
    body = [(s, n, p) for s, n, p in paragraphs(draft) if p.style == "body" or p.number is not None]
    unnumbered = [(s, n, p) for s, n, p in body if p.number is None]
    if body and unnumbered:
        section, position, paragraph = unnumbered[0]
        yield Found(f"{len(unnumbered)} of {len(body)} paragraphs are not numbered; the first is paragraph {position}.",
                    where(section, position, paragraph),
                    "Number every paragraph (in Word: Home > Numbering, one list running through the whole text).",
                    source_of(rules.kind.paragraph_numbering))


@check("structure.endnote-substance", "warning")
def endnote_substance(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Footnotes and endnotes hold references only, where the mechanism says so (UPR).

    Passes: "UNODC, Global Report on Trafficking in Persons, 2024, p. 12."
    Fails: a 60-word note explaining the situation in a region.
    """
    if rules.kind is None or rules.kind.notes_may_hold_substance is None or rules.kind.notes_may_hold_substance.value:
        return
    for note in draft.notes:
        words = count_words(note.text)
        looks_like_reference = bool(re.search(r"https?://|\b(19|20)\d{2}\b|\bp\.\s*\d|\bpara\.|\bibid\b|A/HRC/|CEDAW/C/|CRC/C/", note.text, re.IGNORECASE))
        if words > 60 or (words > 30 and not looks_like_reference):
            yield Found(f"Note {note.id} has {words} words and reads like substance, not a reference.",
                        Location(note=note.id), "Move the substance into the text; keep notes for sources.",
                        source_of(rules.kind.notes_may_hold_substance))
