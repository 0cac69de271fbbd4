"""Page counts: estimated from the text and the reference layout, or rendered by LibreOffice.

A .docx holds no true page count; only a layout engine knows. With LibreOffice installed we render
to PDF (headless, a fresh profile each run, a time limit) and count; otherwise we estimate from
the text with a model of the reference document's layout (A4, 2.5 cm margins, 11 pt body text).
Always say which: a figure is labelled "rendered" or "estimated".
"""

from __future__ import annotations

import math
import os
import re
import signal
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .draft import Draft


@dataclass(frozen=True)
class PageModel:
    """The reference layout in lines, calibrated against LibreOffice's rendering of the exported samples
    and of seed-derived reports of 5 to 61 pages (``python -m bench.pages``: mean error about 1%, worst 3%)."""

    chars_per_line: float = 86.0
    lines_per_page: float = 49.0
    paragraph_gap: float = 0.4  # space after a paragraph, in lines
    heading_lines: float = 2.0
    note_chars_per_line: float = 110.0
    note_line: float = 0.8  # a note line is smaller than a body line
    table_row_lines: float = 1.6
    title_lines: float = 4.0


DEFAULT_MODEL = PageModel()


def estimate_pages(draft: Draft, model: PageModel = DEFAULT_MODEL, include_annexes: bool = True) -> int:
    lines = model.title_lines if draft.title else 0.0
    for section in draft.sections:
        if section.is_annex and not include_annexes:
            continue
        lines += model.heading_lines
        for paragraph in section.paragraphs:
            text = paragraph.text if paragraph.number is None else f"{paragraph.number}. {paragraph.text}"
            lines += max(1, math.ceil(len(text) / model.chars_per_line)) + model.paragraph_gap
    for table in draft.tables:
        for row in table:
            widest = max((len(cell) for cell in row), default=0)
            columns = max(len(row), 1)
            lines += max(1, math.ceil(widest / (model.chars_per_line / columns))) * model.table_row_lines / 1.6 + 0.6
    for note in draft.notes:
        lines += max(1, math.ceil(len(note.text) / model.note_chars_per_line)) * model.note_line
    return max(1, math.ceil(lines / model.lines_per_page))


class RenderError(RuntimeError):
    """LibreOffice is missing, timed out, or could not render the file."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_pdf(source: Path, out_dir: Path, timeout: float = 120) -> Path:
    """Convert a document to PDF with LibreOffice; a fresh profile keeps runs independent.

    The profile folder holds what LibreOffice read (case text), so it is removed on every way out:
    success, failure, time-out or interruption. LibreOffice runs in a process group of its own
    (``soffice`` is a script that starts ``soffice.bin``), and the whole group is killed first, so
    nothing is still writing into the folder as it is removed.
    """
    binary = soffice()
    if binary is None:
        raise RenderError("LibreOffice is not installed, so pages cannot be rendered; the count shown is an estimate.")
    profile = tempfile.mkdtemp(prefix="shadowreport-lo-")
    try:
        command = [binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore", "--nolockcheck",
                   "--convert-to", "pdf", "--outdir", str(out_dir), str(source)]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice took longer than {timeout:g} s to render {source.name}; the count shown is an estimate.") from None
        finally:
            _kill_group(process)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / (source.stem + ".pdf")
    if not pdf.is_file():
        raise RenderError(f"LibreOffice could not render {source.name}; the count shown is an estimate.")
    return pdf


def _kill_group(process: subprocess.Popen) -> None:
    """Stop LibreOffice and anything it started (its group), then reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # the group has already ended
    process.wait()


def pdf_page_count(pdf: Path) -> int:
    data = pdf.read_bytes()
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    if counts:
        return max(counts)
    return len(re.findall(rb"/Type\s*/Page\b", data))


def rendered_pages(source: Path, timeout: float = 120) -> int:
    with tempfile.TemporaryDirectory(prefix="shadowreport-render-") as folder:
        return pdf_page_count(render_pdf(Path(source), Path(folder), timeout))
