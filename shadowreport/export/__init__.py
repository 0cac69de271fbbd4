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
from ..checks.text import body_text, counted_words
from ..draft import Draft
from ..files import TEMPORARY_FOLDER_PREFIX, WriteError, explain, sweep_temporary_folders, write_atomically
from ..i18n import normalise
from ..importers.project import project_to_draft
from ..language import detect_language
from ..pagecount import RenderError, estimate_pages, pdf_page_count, render_pdf, soffice
from ..privacy import pseudonymise
from ..project.model import Project
from ..rules import RulePack
from .cover import cover_blocks
from .docx_writer import Properties, write_docx
from .headings import in_language
from .markdown_writer import write_markdown

FORMATS = (".docx", ".md", ".pdf")


class ExportRefused(Exception):
    """Export stopped by the privacy gate; ``findings`` says what to fix first."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__(f"Export refused: {len(findings)} piece(s) of personal data could identify a trafficked person. "
                         "Fix them, pseudonymise names, or confirm that the document may contain them.")


class ExportError(Exception):
    """The export cannot be written (unknown format, LibreOffice missing for PDF). Disk and folder
    problems come as ``files.WriteError``: an OSError whose message names the path and what to do."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    words: int
    pages_estimated: int
    pages_rendered: int | None
    note: str | None = None


def export_project(project: Project, pack: RulePack, path: Path, *, allow_personal_data: bool = False, pseudonymise_names: bool = False,
                   render: bool = False, today: dt.date | None = None, language: str = "en") -> ExportResult:
    """Export a project: its Draft (names replaced by initials when asked) written by ``export_draft``."""
    today = today or dt.date.today()
    if pseudonymise_names:
        project = pseudonymise_project(project)
    return export_draft(project_to_draft(project, pack, today), pack, path, allow_personal_data=allow_personal_data,
                        render=render, today=today, language=language)


def export_draft(draft: Draft, pack: RulePack, path: Path, *, allow_personal_data: bool = False, render: bool = False,
                 today: dt.date | None = None, language: str = "en") -> ExportResult:
    """Write ``draft`` as the mechanism expects it, behind the privacy gate. Everything printed,
    cover and document properties included, comes from the Draft and the rules; ``language`` is the reader's,
    for what the privacy gate says (the document's own language is the draft's)."""
    path = Path(path)
    sweep_temporary_folders()  # LibreOffice folders a crashed export left behind hold case text
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path.name}: export writes .docx, .md or .pdf files, not '{suffix or 'no extension'}'.")
    today = today or dt.date.today()
    blocking = privacy_errors(draft, pack, today, language)
    if blocking and not allow_personal_data:
        raise ExportRefused(blocking)

    mechanism, kind = pack.kind(draft.kind)
    words = counted_words(draft, kind)
    chosen = kind.limits.applicable("words", joint=draft.joint, override=draft.words_limit, override_source=draft.limit_source)
    limit = chosen.value if chosen else None
    draft = in_language(draft, kind, normalise(_language(draft)))  # the kind's own headings in the document's language
    cover = cover_blocks(draft, mechanism, kind, words, limit, today, normalise(_language(draft)))
    estimated = estimate_pages(draft)

    if suffix == ".md":
        write_atomically(path, lambda target: write_markdown(draft, cover, target))
        return ExportResult(path, words, estimated, None)

    # A title property always: screen readers announce it first, and an untitled draft still has a cover title or a kind.
    title = draft.title.strip() or next((block.text for block in cover if block.style == "title" and block.text), "") or f"{kind.name}: {mechanism.name}"
    properties = Properties(title=title, author=", ".join(m.name for m in draft.members),
                            subject=f"{kind.name}: {mechanism.name}", language=_language(draft),
                            keywords=", ".join(sorted({t for r in draft.recommendations for t in r.themes})))
    if suffix == ".docx":
        write_atomically(path, lambda target: write_docx(draft, cover, properties, target))
        rendered, note = (rendered_pages_of(path) if render else (None, None))
        return ExportResult(path, words, estimated, rendered, note)

    # PDF: through the Word file, rendered by LibreOffice.
    if soffice() is None:
        raise ExportError("PDF export needs LibreOffice, which is not installed; export .docx and save it as PDF in your word processor.")
    # The folder holds the case text: removed when done, failed or not (and swept if a crash left it).
    with tempfile.TemporaryDirectory(prefix=f"{TEMPORARY_FOLDER_PREFIX}pdf-") as folder:
        source = Path(folder) / (path.stem + ".docx")
        try:
            write_docx(draft, cover, properties, source)
            pdf = render_pdf(source, Path(folder))
        except RenderError as error:
            raise ExportError(str(error)) from None
        except OSError as error:
            raise WriteError(error.errno, explain(source, error)) from None
        pages = pdf_page_count(pdf)
        write_atomically(path, lambda target: shutil.copyfile(pdf, target))
    return ExportResult(path, words, estimated, pages)


def _language(draft: Draft) -> str:
    """The document's language for Word (spelling, screen readers): as declared, else as detected."""
    if draft.language:
        return draft.language
    return detect_language(body_text(draft)).language or "en"


def privacy_errors(draft: Draft, pack: RulePack, today: dt.date, language: str = "en") -> list[Finding]:
    """The privacy check's errors: what the gate stops on, said in ``language``."""
    check = CHECKS["privacy.personal-data"]
    findings = check.function(draft, resolve_rules(draft, pack), CheckConfig(today=today, language=language))
    return [finding for finding in findings if finding.severity == "error"]


def rendered_pages_of(path: Path) -> tuple[int | None, str | None]:
    if soffice() is None:
        return None, "LibreOffice is not installed, so the page count is an estimate."
    try:
        with tempfile.TemporaryDirectory(prefix=f"{TEMPORARY_FOLDER_PREFIX}pages-") as folder:
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
