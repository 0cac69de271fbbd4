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
from ..paths import builtin_dir
from ..project.model import Project
from .wordml import clear_body, xml_safe

HEADER = ["Recommendation", "Position", "Full list of themes", "Assessment/comments on level of implementation"]
NO_THEME = "Other recommendations"


def rows_by_theme(records: list[EarlierRecommendation]) -> list[tuple[str, list[EarlierRecommendation]]]:
    """The records grouped under their first theme, themes in order of first appearance (as OHCHR's matrix)."""
    groups: dict[str, list[EarlierRecommendation]] = {}
    for record in records:
        groups.setdefault(record.themes[0] if record.themes else NO_THEME, []).append(record)
    return list(groups.items())


def assessment_lines(record: EarlierRecommendation, project: Project) -> list[str]:
    """The fourth column: the status, the Committee's grade where given, the comment, the evidence cited."""
    assessment = record.assessment
    if assessment is None:
        return ["Not yet assessed."]
    lines = [STATUS_LABELS[assessment.status]]
    if assessment.grade:
        lines.append(f"Grade {assessment.grade}: {GRADE_LABELS[assessment.grade]}")
    if assessment.comment.strip():
        lines.append(assessment.comment.strip())
    for evidence_id in assessment.evidence_ids:
        item = project.evidence_item(evidence_id)
        if item is None:
            continue
        source = item.source
        cited = f"{source.citation}{f' ({source.url})' if source.url else ''}" if source else "source not given"
        if item.confidentiality == "public":
            lines.append(f"Evidence: {item.claim.strip()} ({cited})")
        elif item.confidentiality == "restricted":  # the source may be named, not what it says
            lines.append(f"Evidence: {cited}")
        else:
            lines.append("Evidence: held by the organisation (confidential).")
    return lines


def write_implementation_table(project: Project, path: Path, reference: Path | None = None, supported_only: bool = False) -> int:
    """Write the table to ``path`` (.docx); returns how many recommendations it holds."""
    records = [r for r in project.earlier if r.is_recommendation and (r.position == "supported" or not supported_only)]
    document = docx.Document(str(reference or builtin_dir("templates") / "reference.docx"))
    clear_body(document)
    title = f"Implementation of the recommendations of the last review{f': {project.state}' if project.state else ''}"
    document.core_properties.title = xml_safe(title)[:255]  # Word keeps at most 255 characters
    document.core_properties.language = project.language
    document.add_paragraph(xml_safe(title), style="Title")
    organisations = ", ".join(m.name for m in project.members)
    document.add_paragraph(xml_safe(" · ".join(part for part in (project.cycle, organisations) if part)), style="Subtitle")
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, HEADER):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_as_header(table.rows[0])
    for theme, group in rows_by_theme(records):
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.text = xml_safe(f"Theme: {theme}")
        merged.paragraphs[0].runs[0].bold = True
        for record in group:
            cells = table.add_row().cells
            _lines(cells[0], [f"{record.paragraph} {record.text}".strip(),
                              *([f"Source of Position: {record.position_source}"] if record.position_source else [])])
            _lines(cells[1], [(record.position or "").capitalize() or "—"])
            _lines(cells[2], [*(f"- {t}" for t in record.themes),
                              *(["Affected persons:", *(f"- {p}" for p in record.affected_persons)] if record.affected_persons else []),
                              *(["SDGs:", *(f"- {s}" for s in record.sdgs)] if record.sdgs else [])])
            _lines(cells[3], assessment_lines(record, project))
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
