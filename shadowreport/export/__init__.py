"""Export a project to Word (.docx), Markdown (.md) or PDF, as the mechanism expects it.

The privacy gate comes first: while the checks find personal data that could identify a
trafficked person, export is refused (with the findings) unless the user explicitly overrides it;
an option replaces people's names with their initials in the exported file.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..checks import CHECKS, CheckConfig, Finding, resolve_rules
from ..checks.text import counted_words
from ..pagecount import RenderError, estimate_pages, pdf_page_count, render_pdf, soffice
from ..privacy import pseudonymise
from ..project.model import Project
from ..rules import RulePack
from .cover import cover_blocks
from .docx_writer import Properties, write_docx
from .markdown_writer import write_markdown

FORMATS = (".docx", ".md", ".pdf")


class ExportRefused(Exception):
    """Export stopped by the privacy gate; ``findings`` says what to fix first."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__(f"Export refused: {len(findings)} piece(s) of personal data could identify a trafficked person. "
                         "Fix them, pseudonymise names, or confirm that the document may contain them.")


class ExportError(Exception):
    """The export cannot be written (unknown format, LibreOffice missing for PDF, disk error)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    words: int
    pages_estimated: int
    pages_rendered: int | None
    note: str | None = None


def export_project(project: Project, pack: RulePack, path: Path, *, allow_personal_data: bool = False, pseudonymise_names: bool = False,
                   render: bool = False, today: dt.date | None = None) -> ExportResult:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path.name}: export writes .docx, .md or .pdf files, not '{suffix or 'no extension'}'.")
    today = today or dt.date.today()
    if pseudonymise_names:
        project = pseudonymise_project(project)
    draft = project.to_draft(pack, today)
    blocking = privacy_errors(draft, pack, today)
    if blocking and not allow_personal_data:
        raise ExportRefused(blocking)

    mechanism, kind = pack.kind(project.kind_id)
    words = counted_words(draft, kind)
    limits = kind.limits.words
    limit = None
    if project.limit_override and project.limit_override.words:
        limit = project.limit_override.words
    elif limits is not None:
        chosen = limits.joint if project.joint and limits.joint else limits.individual
        limit = chosen.value if chosen else None
    cover = cover_blocks(project, mechanism, kind, words, limit, today)
    estimated = estimate_pages(draft)

    if suffix == ".md":
        _write_atomically(path, lambda target: write_markdown(draft, cover, target))
        return ExportResult(path, words, estimated, None)

    properties = Properties(title=project.title, author=", ".join(m.name for m in project.members),
                            subject=f"{kind.name}: {mechanism.name}", language=project.language, keywords=", ".join(sorted({t for r in project.recommendations for t in r.themes})))
    if suffix == ".docx":
        _write_atomically(path, lambda target: write_docx(draft, cover, properties, target))
        rendered, note = (rendered_pages_of(path) if render else (None, None))
        return ExportResult(path, words, estimated, rendered, note)

    # PDF: through the Word file, rendered by LibreOffice.
    if soffice() is None:
        raise ExportError("PDF export needs LibreOffice, which is not installed; export .docx and save it as PDF in your word processor.")
    with tempfile.TemporaryDirectory(prefix="shadowreport-pdf-") as folder:
        source = Path(folder) / (path.stem + ".docx")
        write_docx(draft, cover, properties, source)
        try:
            pdf = render_pdf(source, Path(folder))
        except RenderError as error:
            raise ExportError(str(error)) from None
        pages = pdf_page_count(pdf)
        _write_atomically(path, lambda target: shutil.copyfile(pdf, target))
    return ExportResult(path, words, estimated, pages)


def privacy_errors(draft, pack: RulePack, today: dt.date) -> list[Finding]:
    """The privacy check's errors: what the gate stops on."""
    check = CHECKS["privacy.personal-data"]
    findings = check.function(draft, resolve_rules(draft, pack), CheckConfig(today=today))
    return [finding for finding in findings if finding.severity == "error"]


def rendered_pages_of(path: Path) -> tuple[int | None, str | None]:
    if soffice() is None:
        return None, "LibreOffice is not installed, so the page count is an estimate."
    try:
        with tempfile.TemporaryDirectory(prefix="shadowreport-pages-") as folder:
            return pdf_page_count(render_pdf(path, Path(folder))), None
    except RenderError as error:
        return None, str(error)


def pseudonymise_project(project: Project) -> Project:
    """A copy with people's names replaced by their initials wherever text is exported."""
    data = project.model_dump()
    for section in data["sections"]:
        section["text"] = pseudonymise(section["text"])
    for item in data["evidence"]:
        item["claim"] = pseudonymise(item["claim"])
        item["answers"] = {key: pseudonymise(value) for key, value in item["answers"].items()}
    for recommendation in data["recommendations"]:
        for key in ("object", "text", "indicator"):
            if recommendation.get(key):
                recommendation[key] = pseudonymise(recommendation[key])
    return Project.model_validate(data)


def _write_atomically(path: Path, write) -> None:
    """Write beside the target and rename over it: the file is complete or not there at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix, delete=False) as handle:
        temporary = Path(handle.name)
    try:
        write(temporary)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
