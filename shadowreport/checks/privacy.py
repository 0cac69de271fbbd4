"""Privacy: nothing in the draft identifies a trafficked person or exposes a shelter.

Published documents (UPR and treaty-body submissions, answers to calls, briefings) must never
identify a person: names, ID numbers, dates of birth, an age with a place, a shelter's address
are errors, stricter still for children. A Special Procedures communication must identify the
victim to be acted on, so there the check asks for a consent record and a confidentiality
marking instead, and still flags what is not needed. Findings point at the spot; they never
quote the personal data itself.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..draft import Draft
from ..i18n import N_
from ..lazy_pattern import LazyPattern
from ..privacy import DESCRIPTIONS, about_a_person, scan
from .context import CheckConfig, Rules
from .finding import Found
from .registry import check
from .text import paragraphs, where

# privacy.DESCRIPTIONS, marked for the catalogues (pybabel reads only strings written in a call).
_MARKED = (N_("an e-mail address"), N_("a phone number"), N_("a passport, ID or case number"), N_("a date of birth"),
           N_("a street address"), N_("the address of a shelter"), N_("what looks like a person's name"), N_("an age together with a place"))

IDENTIFYING = {"person-name", "id-number", "birth-date", "age-place"}
_CONTACT_SECTION = LazyPattern(r"submitt|contact|coordonnées|contacto|about us|who we are|qui sommes|présentation|presentación|quiénes somos", re.IGNORECASE)
_GLOSSARY_SECTION = LazyPattern(r"acronym|abbreviation|glossary|sigles|abréviations|acrónimos|siglas|abreviaturas|table of contents|contents|sommaire|índice", re.IGNORECASE)
_DEFINITION = LazyPattern(r"^\s*[A-Z][A-Za-z0-9]{1,9}\s*(?:[—–:=\t-]|\s{2,})\s*\S")  # "NRM — National Referral Mechanism"
_SENDER = LazyPattern(r"\b(?:by|from|submitted|prepared|presented|présentée?|presentad[oa]|organi[sz]ation|association|network|coalition|"
                      r"alliance|trust|union|federation|centre|center|foundation|forum|society|institution|collectif|fundaci[oó]n)\b", re.IGNORECASE)
_CAPITALISED_RUN = LazyPattern(r"\b[A-ZÀ-Ý][\w'’-]*(?:\s+(?:of|for|and|de|des|du|la|le|et|y|del|the)?\s*[A-ZÀ-Ý][\w'’-]*)+")


def _title_block(draft: Draft):
    """The section the title heads, when the title is a heading with the sender's details under it."""
    if len(draft.sections) > 1 and all(s.level > draft.sections[0].level for s in draft.sections[1:]):
        return draft.sections[0]
    return None


def _own_names(draft: Draft, top) -> list[str]:
    """Names of the organisations the document comes from: capitalised runs in its title block."""
    lines = [*draft.cover, *(s.title for s in draft.sections[:1] if top is not None or draft.cover),
             *(p.text for p in (top.paragraphs[:4] if top else []) if _SENDER.search(p.text))]
    return [match.group(0) for line in lines for match in _CAPITALISED_RUN.finditer(line)]


def _is_own_name(text: str, names: list[str]) -> bool:
    return any(text in name for name in names)


def _consent_and_confidentiality(draft: Draft) -> bool:
    consented = any(e.consent is not None and e.consent.active for e in draft.evidence if e.needs_consent)
    marked = any(e.confidentiality == "confidential" for e in draft.evidence) or any(
        (s.id == "confidentiality" or "confidential" in s.title.lower()) and any(p.text.strip() for p in s.paragraphs) for s in draft.sections
    )
    return consented and marked


@check("privacy.personal-data", "error")
def personal_data(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Personal data that could identify a trafficked person, or contact and address details.

    Identity-document numbers count as identifying: a passport, ID card, residence permit or national
    number (passport, passeport, pasaporte, ID, carte d'identité, DNI, NIE, NIN, CNP...) followed by
    its number, and the machine-readable lines of a passport. In a published document, a phone
    number, e-mail or street address in a sentence about a person is an error too; elsewhere (an
    organisation's contact details) it is a warning.

    Passes: "A.B., a woman in her twenties, was recruited through a relative."
    Fails (published report): "Maria Popescu, 16, from Iasi, was recruited ..." (a name, and a child's age with a place);
    "Her passport n° 12AB34567 was kept by the employer." (an identity-document number).
    """
    t = config.translator
    published = rules.published
    protected = not published and _consent_and_confidentiality(draft)
    minors_involved = any(e.involves_minor for e in draft.evidence)
    top = _title_block(draft)
    own_names = _own_names(draft, top)
    for section, position, paragraph in paragraphs(draft, include_annexes=True):
        in_submitter_details = (section.id or "") in ("submitter", "submitters") or bool(_CONTACT_SECTION.search(section.title)) or section is top
        glossary = bool(_GLOSSARY_SECTION.search(section.title)) or bool(_DEFINITION.match(paragraph.text))
        for hit in scan(paragraph.text):
            what = t.gettext(DESCRIPTIONS[hit.kind])
            if hit.kind == "person-name" and (glossary or _is_own_name(paragraph.text[hit.span[0]:hit.span[1]], own_names)):
                continue  # an acronym's meaning, or the organisation's own name: not a person
            if hit.kind in ("email", "phone", "street-address") and in_submitter_details and not about_a_person(paragraph.text, hit.span):
                continue  # the organisation's own published contact details
            location = where(section, position, paragraph, hit.span)
            child = hit.minor or (minors_involved and hit.kind in IDENTIFYING)
            if hit.kind in ("email", "phone", "street-address") and published and about_a_person(paragraph.text, hit.span):
                # Not the organisation's contact details: a way to find or reach the person the sentence is about.
                yield Found(t.gettext("Contains {what} in a sentence about a person: a published document "
                                      "must not let anyone find or contact a trafficked person.").format(what=what),
                            location, t.gettext("Remove it; name the region at most."))
            elif hit.kind in ("email", "phone"):
                if in_submitter_details:
                    continue
                yield Found(t.gettext("Contains {what}.").format(what=what), location,
                            t.gettext("Keep only your organisation's contact details, and only where the form asks for them."),
                            severity="warning")
            elif hit.kind == "shelter-address":
                severity = "error" if published else "warning"
                yield Found(t.gettext("Contains {what}: never disclose where trafficked persons are sheltered.").format(what=what),
                            location, t.gettext("Remove the address; name the region at most."), severity=severity)
            elif hit.kind == "street-address":
                yield Found(t.gettext("Contains {what}.").format(what=what), location,
                            t.gettext("Remove it unless it is your organisation's address in the contact details."), severity="warning")
            elif published:
                message = (t.gettext("Contains {what} about a child: a published document must not identify a trafficked person.") if child
                           else t.gettext("Contains {what}: a published document must not identify a trafficked person."))
                yield Found(message.format(what=what), location,
                            t.gettext("Use initials or a code (e.g. 'A.B.', 'Case 3'), an age group instead of an age, a region instead of a town."))
            elif not protected:
                yield Found(t.gettext("Contains {what}, but no consent record and confidentiality marking go with it.").format(what=what),
                            location, t.gettext("Record the person's consent and say which details must stay confidential "
                                                "(the communication's confidentiality field)."))
            elif child and hit.kind == "age-place":
                yield Found(t.gettext("Contains {what} about a child: give only what the mandate needs to act.").format(what=what), location,
                            t.gettext("Leave out the child's town or school unless it is essential."), severity="warning")
