"""Structure: required sections and facts, numbered paragraphs, notes that hold only references."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ..draft import Draft, DraftSection
from ..i18n import SOURCE_LANGUAGE
from ..language import section_text
from ..lazy_pattern import LazyPattern
from ..rules.rounds import chosen_round
from ..rules.section_names import heading_words, names_section
from ..wordcount import count_words
from .context import CheckConfig, Rules, source_of
from .finding import Found, Location
from .registry import check
from .text import paragraphs, where

if TYPE_CHECKING:  # the models import pydantic; a lint reads the kept pack's read-only copies (rules/frozen.py)
    from ..rules.models import EvaluationRound, Kind, RequiredField, Section

def _words(text: str) -> set[str]:
    return set(heading_words(text))


def _matches(wanted: Section | RequiredField, title: str, aliases: list[str] = ()) -> bool:
    names = [wanted.title if hasattr(wanted, "title") else wanted.label, *getattr(wanted, "aliases", []), *aliases]
    return names_section(title, names)


def _aliases(rules: Rules, wanted: Section | RequiredField) -> list[str]:
    vocabulary = rules.pack.section_aliases
    return list(vocabulary.sections.get(wanted.id, [])) if vocabulary is not None else []


def _title_section(draft: Draft) -> DraftSection | None:
    """The document's title, read as a heading: the first one, when every other heading is deeper."""
    if len(draft.sections) > 1 and all(s.level > draft.sections[0].level for s in draft.sections[1:]):
        return draft.sections[0]
    return None


def _find(draft: Draft, wanted: Section | RequiredField, aliases: list[str] = (), others: frozenset[frozenset[str]] = frozenset()) -> DraftSection | None:
    """The draft's section for ``wanted``. A heading that is exactly another section's name (``others``:
    their titles' and aliases' words) is that section's: "Recommendations" is not the follow-up of earlier
    recommendations, though its one word is in that title."""
    title = _title_section(draft)
    for section in draft.sections:
        if section is title:
            continue
        if section.id == wanted.id or (_matches(wanted, section.title, aliases) and frozenset(_words(section.title)) not in others):
            return section
    return None


def _other_names(rules: Rules, wanted: Section) -> frozenset[frozenset[str]]:
    """The words of every other section's title and aliases, where ``wanted``'s own names do not have the same words."""
    own = {frozenset(_words(name)) for name in (wanted.title, *wanted.aliases, *_aliases(rules, wanted))}
    names = {frozenset(_words(name)) for other in rules.kind.sections if other.id != wanted.id
             for name in (other.title, *other.aliases, *_aliases(rules, other))}
    return frozenset(names - own)


def _has_text(draft: Draft, section: DraftSection) -> bool:
    """A section holds text, or its sub-sections do (a parent heading over sub-headings is not empty)."""
    index = next(i for i, s in enumerate(draft.sections) if s is section)
    for following in draft.sections[index:]:
        if following is not section and following.level <= section.level:
            break
        if any(p.text.strip() for p in following.paragraphs) or following.tables:
            return True  # text, or a table
    return False


# What a section is for, found in the text when no heading names it: real submissions organised by
# theme give evidence, law and analysis in every section rather than under headings of their own.
_ORGANISATION = LazyPattern(
    r"\b(?:submitted by|prepared by|presented by|from|présentée? par|presentad[oa] por|elaborad[oa] por)\b"
    r"|\b(?:organi[sz]ation|association|network|coalition|alliance|union|federation|confederation|centre|center|foundation|trust|initiative|"
    r"forum|society|watch|institution|ombudsperson|commission|collectif|plateforme|fondation|fundaci[oó]n|red|confederaci[oó]n|observatorio|"
    r"colectivo|comisi[oó]n|coordinadora|sindicato|syndicat|council|conseil|consejo|platform|clinic|ombudsman|defensor[ií]a)\b"
    r"|\bby\s+(?:the\s+)?[A-Z]",
    re.IGNORECASE,
)
_CONTENT = {
    "evidence": LazyPattern(r"\b\d[\d,. ]*\s*(?:%|per ?cent|\w+)|\b(?:documented|recorded|interviewed|visited|documenté|recensé|documentó|registró)\b", re.IGNORECASE),
    "law-and-policy": LazyPattern(r"\b(?:law|act|code|bill|decree|convention|protocol|policy|plan|article|regulation|loi|décret|ley|código|decreto|artículo|convenio|reglamento)\b", re.IGNORECASE),
    "transposition": LazyPattern(r"\b(?:law|act|code|directive|protocol|procedure|transpos\w*|loi|directive|protocole|procédure|ley|directiva|protocolo|procedimiento)\b", re.IGNORECASE),
    "changes": LazyPattern(r"\b(?:in|since|during) (?:20\d\d|this year|the past year|last year)\b|\bthis year\b", re.IGNORECASE),
    "analysis": LazyPattern(r"\b(?:not|no|never|nothing|none|fails?|failed|lacks?|insufficient|rarely|still|only|without|cannot|fallen|fell|lose|loses|lost|denied|refused|despite|ne|n'|aucun\w*|jamais|insuffisant\w*|sans|nunca|solo|sólo|sin|carecen?|ningún|ninguna)\b", re.IGNORECASE),
    "follow-up": LazyPattern(r"\b(?:previous|last|earlier|third|third-round|2nd|3rd)\s+(?:review|round|cycle|report|concluding)|A/HRC/\d|[A-Z]{3,5}/C/|\b(?:supported|accepted|noted) (?:a|the|two|\w+) recommendations?|\b(?:examen précédent|troisième cycle|avait (?:exhorté|recommandé)|observaciones finales anteriores|recomendó|examen anterior)", re.IGNORECASE),
    "vulnerabilities": LazyPattern(r"vulnerab|vulnérab", re.IGNORECASE),
    "ict": LazyPattern(r"\b(?:online|internet|social media|messaging|apps?|technolog\w*|en ligne|réseaux sociaux|numérique|tecnolog\w*|redes sociales)\b", re.IGNORECASE),
    "issues": LazyPattern(r"\b(?:article|artículo|articles)\s+\d", re.IGNORECASE),
    "suggested-questions": LazyPattern(r"\?\s*$|\bsuggested questions?\b|\bquestions? (?:for|pour)\b", re.IGNORECASE | re.MULTILINE),
    "conventions": LazyPattern(r"\bconvention\b.{0,40}\b(?:no\.|n°|núm\.|\(no\.)\s*\d+|\bconvention no\.? \d+|\bconvenio\b.{0,60}\bnúm\.\s*\d+|\bconvention n° \d+", re.IGNORECASE),
    "date-and-place": LazyPattern(r"\b\d{1,2}(?:er|st|nd|rd|th)?\s+(?:de\s+)?[A-Za-zéû]{3,}\.?\s+(?:de\s+)?(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}\b"
                                  r"|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|janvier|février|mars|avril|mai|juin|"
                                  r"juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
                                  r"noviembre|diciembre)\s+(?:de\s+)?(?:19|20)\d{2}\b", re.IGNORECASE),
    "framework": LazyPattern(r"\b(?:national (?:action )?plan|national rapporteur|co-?ordinat\w+ (?:body|mechanism)|plan national|rapporteur national|plan nacional|relator nacional)\b", re.IGNORECASE),
    "prevention": LazyPattern(r"\b(?:prevent\w*|awareness|prévention|prévenir|sensibilisation|prevenci[oó]n|prevenir|sensibilizaci[oó]n)\b", re.IGNORECASE),
    "protection": LazyPattern(r"\b(?:identif\w+|shelters?|reflection period|recovery period|hébergement|délai de rétablissement|identificaci[oó]n|per[ií]odo de restablecimiento|centros? de acogida)\b", re.IGNORECASE),
    "prosecution": LazyPattern(r"\b(?:prosecut\w*|convict\w*|sentenc\w*|poursuites?|condamn\w*|enjuiciamientos?|condenas?)\b", re.IGNORECASE),
    "access-to-justice": LazyPattern(r"\b(?:legal aid|legal assistance|access to justice|remed(?:y|ies)|aide juridictionnelle|accès à la justice|recours effectifs?|asistencia jur[ií]dica|acceso a la justicia|recursos? efectivos?)\b", re.IGNORECASE),
    "compensation": LazyPattern(r"\b(?:compensat\w+|indemnis\w+|indemniz\w+|réparation|reparaci[oó]n)\b", re.IGNORECASE),
    "consent": LazyPattern(r"\bconsent\w*|\bconsentement|\bconsentimiento", re.IGNORECASE),
    "confidentiality": LazyPattern(r"\bconfidential\w*|\bconfidentiel\w*|\bconfidencial\w*|\banonym\w*|\banónim\w*", re.IGNORECASE),
    "point-of-contact": LazyPattern(r"[\w.+-]+@[\w-]+\.[\w.]+|\+\d[\d ]{6,}|\b(?:contact|contacto)\b", re.IGNORECASE),
}
_TYPED_ITEM = LazyPattern(r"^\s*\(?[a-z]\)\s|^\s*\(?[ivx]{1,4}\)\s")
_ASK_SECTIONS = {"recommendations", "the-ask", "asks", "how-you-can-help", "closing-request"}
_SENDER_SECTIONS = {"submitters", "about-us", "introduction", "organisation-and-conventions", "union", "submitter"}


def _given_in_text(draft: Draft, wanted_id: str) -> bool:
    """The section's content is in the document though no heading names it."""
    if wanted_id in _ASK_SECTIONS:
        return bool(draft.recommendations)
    if wanted_id in _SENDER_SECTIONS:
        top = [*draft.cover, *(s.title for s in draft.sections[:2]), *(p.text for s in draft.sections[:2] for p in s.paragraphs[:3])]
        return any(_ORGANISATION.search(line) for line in top)
    if wanted_id in ("answers", "issues") and sum(1 for s in draft.sections if s.paragraphs) >= 3:
        return True
    pattern = _CONTENT.get("evidence" if wanted_id == "why" else wanted_id)
    if pattern is None:
        return False
    text = "\n".join(p.text for s in draft.sections for p in s.paragraphs) + "\n" + "\n".join(draft.cover) + "\n" + "\n".join(
        s.title for s in draft.sections) + "\n" + "\n".join(cell for table in draft.tables for row in table for cell in row)
    return bool(pattern.search(text))


def evaluation_round(draft: Draft, kind: Kind) -> EvaluationRound | None:
    """The round a draft is checked against, for a kind that has rounds: the one it declares (project,
    command line, the file's properties), else the one its title names ("fourth evaluation round",
    "3e cycle d'évaluation"), else the current one."""
    return chosen_round(kind, draft.round, draft.cycle, (draft.title, *draft.cover[:3]))


@check("structure.missing-section", "warning")
def missing_section(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Every section the kind requires is there: matched by id, title or a usual alternative title
    (in English, French or Spanish), or, in a document organised by theme, by its content. For GRETA,
    the sections of the draft's evaluation round: access to justice in the 3rd, vulnerabilities in the 4th.

    Passes: a UPR submission with sections on evidence, law and policy, analysis and recommendations;
    or one organised by theme whose sections give figures, the law and what fails, then recommendations.
    Fails: a briefing with no ask anywhere: "No section 'Three asks'".
    """
    if rules.kind is None:
        return
    chosen = evaluation_round(draft, rules.kind)
    t = config.translator
    for wanted in rules.kind.sections_for(chosen.number if chosen else None):
        if not wanted.required:
            continue
        # The section's title and guidance in the reader's language, where its vocabulary file gives them.
        translated = section_text(rules.kind_id, wanted.id, t.language) if t.language != SOURCE_LANGUAGE else {}
        title, guidance = translated.get("title", wanted.title), translated.get("guidance", wanted.guidance)
        found = _find(draft, wanted, _aliases(rules, wanted), _other_names(rules, wanted))
        if found is None:
            if not _given_in_text(draft, wanted.id):
                # The round is named in the source, not the message: the one-click fix knows the message by its words.
                round_specific = chosen is not None and wanted.id in chosen.sections
                yield Found(t.gettext("No section '{title}'.").format(title=title), suggestion=guidance,
                            source=_round_source(rules, chosen) if round_specific else rules.kind_id)
        elif not _has_text(draft, found) and not (wanted.id in _ASK_SECTIONS and draft.recommendations):
            yield Found(t.gettext("The section '{title}' is empty.").format(title=found.title),
                        Location(section=found.title), suggestion=guidance, source=rules.kind_id)


def _round_source(rules: Rules, chosen: EvaluationRound) -> str:
    return f"{rules.kind_id}, {chosen.name}: {chosen.focus.provenance()}"


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
        section = _find(draft, wanted, _aliases(rules, wanted))
        if section is not None and _has_text(draft, section):
            continue
        if section is None and (wanted.label.lower().split("(")[0].strip() in text or _given_in_text(draft, wanted.id)):
            continue  # given inline ("Steps taken nationally: ..."), or the sender named at the top
        yield Found(config.translator.gettext("Missing: {what}.").format(what=wanted.label), Location(section=section.title if section else None),
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
    title = _title_section(draft)  # the title block (who submits, the date) is not a paragraph of the text
    body = [(s, n, p) for s, n, p in paragraphs(draft) if (p.style == "body" or p.number is not None) and s is not title]
    body = [(s, n, p) for s, n, p in body if not _TYPED_ITEM.match(p.text)]  # "(a) ...": a lettered part of a numbered paragraph
    unnumbered = [(s, n, p) for s, n, p in body if p.number is None]
    if body and unnumbered:
        section, position, paragraph = unnumbered[0]
        t = config.translator
        yield Found(t.gettext("{count} of {total} paragraphs are not numbered; the first is paragraph {position}.").format(
                        count=len(unnumbered), total=len(body), position=position),
                    where(section, position, paragraph),
                    t.gettext("Number every paragraph (in Word: Home > Numbering, one list running through the whole text)."),
                    source_of(rules.kind.paragraph_numbering))


_REFERENCE = LazyPattern(r"https?://|\b(19|20)\d{2}\b|\bp\.\s*\d|\bpara\.|\bibid\b|A/HRC/|CEDAW/C/|CRC/C/", re.IGNORECASE)


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
        looks_like_reference = bool(_REFERENCE.search(note.text))
        if words > 60 or (words > 30 and not looks_like_reference):
            t = config.translator
            yield Found(t.gettext("Note {note} has {words} words and reads like substance, not a reference.").format(note=note.id, words=words),
                        Location(note=note.id), t.gettext("Move the substance into the text; keep notes for sources."),
                        source_of(rules.kind.notes_may_hold_substance))
