"""A draft from elsewhere (Word or Markdown) becomes a project the app can carry on.

The document's sections are mapped onto the kind's sections by the section ids our own export writes,
else by their titles in any language (unmatched ones are kept as extra sections, never dropped), its footnotes become evidence sources cited where the note calls
stood, its recommendations become structured ones (who, action, timeframe) whose guessed fields are
listed for the user to confirm, and its tables are kept as text. ``ProjectImport.report`` says what
went where and what could not be placed. Nothing is written here: the caller saves the project.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from ..draft import Draft, DraftRecommendation, DraftSection, Paragraph
from ..i18n import Translator, translator
from ..language import section_text, vocabularies
from ..project.model import Project, SectionText
from ..recommendation_text import addressee_in, find_actions, find_timeframe, lead_in_addressee, without_label
from ..records import Citation, EvidenceItem, Member, Recommendation, Timeframe, new_id
from ..rules.rounds import declared_round, round_named
from ..rules.section_names import heading_words, names_section

PLACEHOLDER_MEMBER = "My organisation (to fill in)"
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass
class ProjectImport:
    project: Project
    report: list[str] = field(default_factory=list)  # what went where, one line each, for the user


def draft_to_project(draft: Draft, pack, kind_id: str, comments: list[tuple[str, str]] | None = None,
                     members: list[str] | None = None, t: Translator | None = None) -> ProjectImport:
    """The project for ``draft`` as a ``kind_id`` document. ``comments`` are (author, text) review notes
    from the file; ``members`` the organisations that wrote it, where the file names them. The report is
    in ``t``'s language, else the document's; the words the project gets from here are in the document's."""
    mechanism, kind = pack.kind(kind_id)
    language = (draft.language or "en")[:2].lower()
    ours = translator(language)  # the few words the project itself gets ("Tables from the document")
    t = t or ours
    numbered = bool(kind.paragraph_numbering and kind.paragraph_numbering.value)
    report: list[str] = []

    evidence = [_evidence(note.id, note.text) for note in draft.notes]
    evidence_of = {note.id: item.id for note, item in zip(draft.notes, evidence)}
    if evidence:
        report.append(t.ngettext("{count} footnote became an evidence source, cited where the note stood; check its kind.",
                                 "{count} footnotes became evidence sources, cited where the notes stood; check each one's kind.",
                                 len(evidence)).format(count=len(evidence)))

    recommendation_texts = {_normal(r.text) for r in draft.recommendations}
    names = _section_names(pack, kind_id, kind.sections)
    sections: list[SectionText] = []
    taken: set[str] = set()
    for section in draft.sections:
        kept = [p for p in section.paragraphs if _normal(p.text) not in recommendation_texts]
        if not kept and not section.title:
            continue
        target = _matching_section(section, kind.sections, names, taken)
        text = _section_text(kept, evidence_of, keep_numbers=not numbered)
        if target is not None:
            taken.add(target.id)
            title = section.title if _is_a_title_of(section, target, kind_id) else _title_in(kind_id, target, language)
            sections.append(SectionText(id=target.id, title=title, text=text))
            if _normal(title) != _normal(section.title):
                report.append(t.gettext("Section '{heading}' became the kind's '{title}'.").format(heading=section.title, title=title))
        else:
            used = {s.id for s in sections} | {s.id for s in kind.sections}
            own_id = section.id if section.id and section.id not in used else new_id("sec")  # an extra section of our own export keeps its id
            sections.append(SectionText(id=own_id, title=section.title or ours.gettext("Untitled section"), text=text))
            report.append(t.gettext("Section '{heading}' matches none of the kind's sections: kept as an extra section.").format(
                heading=section.title or t.gettext("Untitled section")))
    if draft.tables:
        rows = "\n\n".join(" | ".join(cell.strip() for cell in row) for table in draft.tables for row in table if any(c.strip() for c in row))
        tables_title = ours.gettext("Tables from the document")
        sections.append(SectionText(id=new_id("sec"), title=tables_title, text=rows))
        report.append(t.ngettext("{count} table kept as text in the section '{title}': place it where it belongs.",
                                 "{count} tables kept as text in the section '{title}': place them where they belong.",
                                 len(draft.tables)).format(count=len(draft.tables), title=tables_title))
    named_round = declared_round(kind, draft.round, draft.cycle, (draft.title, *draft.cover[:3]))  # GRETA: the round the file names
    missing = [_title_in(kind_id, s, language) for s in kind.sections_for(named_round) if s.id not in taken and s.required]
    if missing:
        report.append(t.gettext("The kind expects sections the document does not have: {titles}.").format(titles=", ".join(missing)))

    recommendations = [_recommendation(r, draft, pack) for r in draft.recommendations]
    guessed = sum(1 for r in recommendations if r.to_confirm)
    if recommendations:
        report.append(t.ngettext("{count} recommendation parsed into who, action and timeframe; {guessed} with guessed fields to confirm "
                                 "(its text is kept as written).",
                                 "{count} recommendations parsed into who, action and timeframe; {guessed} with guessed fields to confirm "
                                 "(their text is kept as written).", len(recommendations)).format(count=len(recommendations), guessed=guessed))

    names = [n for n in (members or []) if n.strip()] or [m.name for m in draft.members]
    if not names:
        names = [PLACEHOLDER_MEMBER]
        report.append(t.gettext("The document does not say who submits it: fill in your organisation on the project's settings."))
    project_members = [Member(id=f"m{index}", name=name[:1000], role="coordinator" if index == 1 else "member")
                       for index, name in enumerate(names, 1)]

    notes = ""
    if comments:
        notes = "Review notes from the Word file:\n" + "\n".join(f"- {author or 'Someone'}: {text}" for author, text in comments)
        report.append(t.ngettext("{count} comment from the Word file kept as a review note.", "{count} comments from the Word file kept as review notes.",
                                 len(comments)).format(count=len(comments)))

    project = Project(
        title=(draft.title or (draft.cover[0] if draft.cover else "") or "Imported draft")[:1000],
        mechanism=mechanism.id, kind=kind_id.split("/", 1)[1], language=language,
        state=draft.state or "", cycle=_cycle(draft, kind, named_round), session_date=draft.session_date,
        members=project_members,
        sections=sections, evidence=evidence, recommendations=recommendations, notes=notes,
    )
    return ProjectImport(project, report)


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _section_names(pack, kind_id: str, wanted) -> dict[str, list[str]]:
    """Every name each of the kind's sections goes by: its title, its usual other titles (the kind's and
    the vocabulary's, in English, French and Spanish) and its title in every language file."""
    aliases = pack.section_aliases.sections if pack.section_aliases is not None else {}
    return {section.id: [section.title, *section.aliases, *aliases.get(section.id, []), *_titles_in_languages(kind_id, section.id)]
            for section in wanted}


def _titles_in_languages(kind_id: str, section_id: str) -> list[str]:
    titles = (section_text(kind_id, section_id, code).get("title") for code in vocabularies())
    return [title for title in titles if title]


def _matching_section(heading: DraftSection, wanted, names: dict[str, list[str]], taken: set[str]):
    """The kind's section this heading is: the one our own export named it by (its id; none for an id that is
    not the kind's), else the first one
    free whose name it is word for word, else the first one free it names (rules/section_names.py), unless
    it is word for word another section's name: "Recommendations" is not the follow-up of earlier
    recommendations, though its one word is in that title."""
    free = [section for section in wanted if section.id not in taken]
    if heading.id:  # our own export's id says which section it is, or that it was one of the project's own
        return next((section for section in free if section.id == heading.id), None)
    title = re.sub(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[A-Z])[.)]\s+", "", heading.title)
    words = heading_words(title)
    if not words:
        return None
    exact = next((section for section in free if any(heading_words(name) == words for name in names[section.id])), None)
    if exact is not None:
        return exact
    if any(heading_words(name) == words for section in wanted for name in names[section.id]):
        return None  # another section's very name, already taken: kept as an extra section rather than misplaced
    return next((section for section in free if names_section(title, names[section.id])), None)


def _is_a_title_of(heading: DraftSection, section, kind_id: str) -> bool:
    """The heading is the section's (its id from our own export, or its title in some language): it stays as written."""
    titles = (section.title, *_titles_in_languages(kind_id, section.id))
    return heading.id == section.id or any(_normal(heading.title) == _normal(title) for title in titles)


def _title_in(kind_id: str, section, language: str) -> str:
    """The section's title in ``language``, where its language file gives one, else the kind's own."""
    return section_text(kind_id, section.id, language).get("title", section.title) if language != "en" else section.title


def _cycle(draft: Draft, kind, named_round: int | None) -> str:
    """The cycle as the document words it: its own property, else the cover line that names the round
    ("Cycle d'évaluation : 4e cycle d'évaluation"), else the round's name."""
    if draft.cycle:
        return draft.cycle
    for line in draft.cover[:4]:
        _label, colon, value = line.partition(":")
        if colon and named_round is not None and round_named(value.strip()) == named_round:
            return value.strip()[:1000]
    return kind.round(named_round).name if named_round else ""


def _section_text(paragraphs: list[Paragraph], evidence_of: dict[str, str], keep_numbers: bool) -> str:
    """The paragraphs as project text: blank lines between paragraphs, list items one per line, note calls
    as [^evidence-id] where they stood. Where the kind numbers paragraphs itself, the numbers are left to it."""
    blocks: list[str] = []
    previous_list = False
    for paragraph in paragraphs:
        text = "".join(piece + (f"[^{evidence_of[ref]}]" if ref in evidence_of else "") for piece, ref in paragraph.pieces())
        is_list = paragraph.style == "list-item"
        if paragraph.number and keep_numbers:
            text = f"{paragraph.number}. {text}"
        elif is_list:
            text = f"- {text}"
        if is_list and previous_list and blocks:
            blocks[-1] += "\n" + text
        else:
            blocks.append(text)
        previous_list = is_list
    return "\n\n".join(blocks)


def _evidence(note_id: str, text: str) -> EvidenceItem:
    """A footnote as an evidence source; its kind guessed from its words (the user checks it)."""
    lowered = text.lower()
    if re.search(r"\b(act|law|code|decree|regulation|loi|décret|ley|decreto|código)\b", lowered):
        kind = "law-or-policy"
    elif re.search(r"\b(committee|rapporteur|greta|ohchr|a/hrc|ccpr/|cedaw/|crc/|concluding observations|comité)\b", lowered):
        kind = "official-finding"
    elif re.search(r"\d+(?:[.,]\d+)?\s*%|\bstatistic|\bdata\b|\bdonnées\b|\bdatos\b", lowered):
        kind = "statistic"
    else:
        kind = "media-report"
    url = _URL.search(text)
    citation = " ".join(text.split())[:1000] or f"Footnote {note_id}"
    return EvidenceItem(id=f"fn-{note_id}", kind=kind, claim=citation,
                        source=Citation(citation=citation, url=url.group(0).rstrip(".,;") if url else None),
                        notes=f"From footnote {note_id} of the imported document; its kind was guessed.")


def _recommendation(found: DraftRecommendation, draft: Draft, pack) -> Recommendation:
    """A recommendation as written (its text kept), with who, verb, action and timeframe read from it."""
    text = without_label(found.text).strip()
    to_confirm: list[str] = []
    addressee = found.addressee or addressee_in(text) or ""
    if not addressee:
        section = next((s for s in draft.sections if s.title == found.section), None)
        addressee = (lead_in_addressee(section.title) if section else None) or ""
    if addressee:
        to_confirm.append("addressee")
    actions = find_actions(text, pack.action_categories)
    verb, action = "", ""
    if actions:
        verb = actions[0].verb
        action = text[actions[0].position:].split(" ", len(verb.split()))[-1].strip().rstrip(".;") if len(text) > actions[0].position else ""
        to_confirm += ["verb", "object"]
    timeframe = Timeframe()
    written = find_timeframe(text)
    if written:
        year = _YEAR.search(written)
        if year:
            timeframe = Timeframe(by=dt.date(int(year.group(1)), 12, 31))
            to_confirm.append("timeframe")
        elif re.search(r"short|court|corto", written, re.IGNORECASE):
            timeframe = Timeframe(term="short")
            to_confirm.append("timeframe")
    return Recommendation(addressee=addressee[:1000], verb=verb[:1000], object=action, timeframe=timeframe, text=found.text,
                          priority=found.priority, to_confirm=to_confirm)


def word_comments_and_authors(source) -> tuple[list[tuple[str, str]], list[str]]:
    """The review comments (author, text) and the authors a Word file (a path, or its bytes) names, read with python-docx 1.2
    (the file has already been read once, within the importer's limits); an unreadable part gives nothing."""
    import docx

    try:
        document = docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
        comments = [(comment.author or "", " ".join(comment.text.split())) for comment in document.comments if comment.text.strip()]
        author = document.core_properties.author or ""
    except Exception:  # noqa: BLE001 - comments and authors are a convenience: the draft itself was read
        return [], []
    authors = [name.strip() for name in re.split(r",\s*|\s+and\s+|;\s*", author) if name.strip()]
    return comments, authors
