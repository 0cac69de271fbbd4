"""The implementation table of a UPR mid-term report, in OHCHR's four columns.

OHCHR's 3rd-cycle "matrices of recommendations" lay out every recommendation a State received as
Recommendation | Position | Full list of themes | Assessment/comments on level of implementation,
grouped under "Theme:" rows. A mid-term report (``upr/midterm``) fills the last column; this module
writes the project's earlier recommendations and their assessments that way, with the evidence behind
each assessment cited in its cell, on the reference document's styles.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..earlier.model import GRADE_LABELS, STATUS_LABELS, EarlierRecommendation
from ..files import write_atomically
from ..i18n import N_, Translator, translator
from ..paths import builtin_dir
from ..project.model import Project
from .wordml import clear_body, xml_safe

HEADER = [N_("Recommendation"), N_("Position"), N_("Full list of themes"), N_("Assessment/comments on level of implementation")]
NO_THEME = N_("Other recommendations")
# earlier.model's labels, marked for the catalogues: the table is written in the project's language.
_MARKED = (N_("Implemented"), N_("Partially implemented"), N_("Not implemented"), N_("No information"),
           N_("Reply/action largely satisfactory"), N_("Reply/action partially satisfactory"), N_("Reply/action not satisfactory"),
           N_("No cooperation with the Committee"),
           N_("Information or measures contrary to or reflecting rejection of the recommendation"),
           N_("Substantive action taken, but additional information required"),
           N_("Initial action taken, but additional measures and information required"),
           N_("Reply received but actions taken do not implement the recommendation"),
           N_("Reply received but not relevant to the recommendation"), N_("No reply to one or more of the recommendations"),
           N_("supported"), N_("noted"))


def rows_by_theme(records: list[EarlierRecommendation]) -> list[tuple[str, list[EarlierRecommendation]]]:
    """The records grouped under their first theme, themes in order of first appearance (as OHCHR's matrix)."""
    groups: dict[str, list[EarlierRecommendation]] = {}
    for record in records:
        groups.setdefault(record.themes[0] if record.themes else NO_THEME, []).append(record)
    return list(groups.items())


def assessment_lines(record: EarlierRecommendation, project: Project, t: Translator | None = None) -> list[str]:
    """The fourth column: the status, the Committee's grade where given, the comment, the evidence cited."""
    t = t or translator("en")
    assessment = record.assessment
    if assessment is None:
        return [t.gettext("Not yet assessed.")]
    lines = [t.gettext(STATUS_LABELS[assessment.status])]
    if assessment.grade:
        lines.append(t.gettext("Grade {grade}: {label}").format(grade=assessment.grade, label=t.gettext(GRADE_LABELS[assessment.grade])))
    if assessment.comment.strip():
        lines.append(assessment.comment.strip())
    for evidence_id in assessment.evidence_ids:
        item = project.evidence_item(evidence_id)
        if item is None:
            continue
        source = item.source
        cited = f"{source.citation}{f' ({source.url})' if source.url else ''}" if source else t.gettext("source not given")
        if item.confidentiality == "public":
            lines.append(t.gettext("Evidence: {claim} ({cited})").format(claim=item.claim.strip(), cited=cited))
        elif item.confidentiality == "restricted":  # the source may be named, not what it says
            lines.append(t.gettext("Evidence: {cited}").format(cited=cited))
        else:
            lines.append(t.gettext("Evidence: held by the organisation (confidential)."))
    return lines


HIT_WORDS = {"email": N_("an e-mail address"), "phone": N_("a phone number"), "id-number": N_("an identity number"),
             "birth-date": N_("a date of birth"), "street-address": N_("a street address"), "shelter-address": N_("a shelter's address"),
             "person-name": N_("a person's name"), "age-place": N_("a person's age and place")}  # translated where shown


class TableRefused(Exception):
    """The table would print what looks like personal data; ``places`` says where, one line each."""

    def __init__(self, places: list[str]) -> None:
        self.places = places
        super().__init__(f"Not written: {len(places)} assessment comment(s) hold what looks like personal data that could "
                         "identify a trafficked person. Remove it, or confirm that the table may contain it.")


def _included(project: Project, supported_only: bool) -> list[EarlierRecommendation]:
    return [r for r in project.earlier if r.is_recommendation and (r.position == "supported" or not supported_only)]


def personal_data(project: Project, supported_only: bool = False, t: Translator | None = None) -> list[str]:
    """Where the assessment comments the table would print look like personal data (the privacy scanner's
    judgement, as for the main export), in ``t``'s language; the data itself is not repeated."""
    from ..privacy import scan

    t = t or translator()
    joined = " " + t.gettext("and") + " "

    places = []
    for record in _included(project, supported_only):
        comment = record.assessment.comment if record.assessment else ""
        kinds = sorted({hit.kind for hit in scan(comment)}) if comment else []
        if kinds:
            where = " ".join(part for part in (record.symbol, record.paragraph) if part) or record.text[:40]
            what = joined.join(t.gettext(HIT_WORDS[kind]) if kind in HIT_WORDS else kind for kind in kinds)
            places.append(t.gettext("{where}: the comment holds {what}").format(where=where, what=what))
    return places


def write_implementation_table(project: Project, path: Path, reference: Path | None = None, supported_only: bool = False,
                               allow_personal_data: bool = False) -> int:
    """Write the table to ``path`` (.docx); returns how many recommendations it holds. Refused (TableRefused) while
    an assessment comment looks like personal data, unless ``allow_personal_data``."""
    if not allow_personal_data:
        places = personal_data(project, supported_only)
        if places:
            raise TableRefused(places)
    records = _included(project, supported_only)
    document = docx.Document(str(reference or builtin_dir("templates") / "reference.docx"))
    clear_body(document)
    t = translator(project.language)
    title = (t.gettext("Implementation of the recommendations of the last review: {state}").format(state=project.state) if project.state
             else t.gettext("Implementation of the recommendations of the last review"))
    document.core_properties.title = xml_safe(title)[:255]  # Word keeps at most 255 characters
    document.core_properties.language = project.language
    document.add_paragraph(xml_safe(title), style="Title")
    organisations = ", ".join(m.name for m in project.members)
    document.add_paragraph(xml_safe(" · ".join(part for part in (project.cycle, organisations) if part)), style="Subtitle")
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, HEADER):
        cell.text = t.gettext(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_as_header(table.rows[0])
    for theme, group in rows_by_theme(records):
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.text = xml_safe(t.gettext("Theme: {theme}").format(theme=t.gettext(NO_THEME) if theme == NO_THEME else theme))
        merged.paragraphs[0].runs[0].bold = True
        for record in group:
            cells = table.add_row().cells
            _lines(cells[0], [f"{record.paragraph} {record.text}".strip(),
                              *([t.gettext("Source of Position: {source}").format(source=record.position_source)]
                                if record.position_source else [])])
            _lines(cells[1], [t.gettext(record.position or "").capitalize() if record.position else "—"])
            _lines(cells[2], [*(f"- {theme}" for theme in record.themes),
                              *([t.gettext("Affected persons:"), *(f"- {p}" for p in record.affected_persons)] if record.affected_persons else []),
                              *([t.gettext("SDGs:"), *(f"- {s}" for s in record.sdgs)] if record.sdgs else [])])
            _lines(cells[3], assessment_lines(record, project, t))
    write_atomically(path, lambda temporary: document.save(str(temporary)))
    return len(records)


def _lines(cell, lines: list[str]) -> None:
    lines = [xml_safe(line) for line in lines if line]
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def _repeat_as_header(row) -> None:
    """Mark the row "Repeat as header row at the top of each page": screen readers read it as the column headers."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
