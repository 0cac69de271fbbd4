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
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .draft import Draft, PageLayout
from .fontmetrics import metrics


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

# The layout DEFAULT_MODEL was calibrated on: our reference document (templates/reference.docx).
REFERENCE_LAYOUT = PageLayout(page_width_pt=595.3, page_height_pt=841.9, margin_left_pt=70.85, margin_right_pt=70.85,
                              margin_top_pt=70.85, margin_bottom_pt=70.85, font="Arial", size_pt=11, line=1.15,
                              space_after_pt=6, note_size_pt=9)
PAGE_BREAK_PAGES = 0.5  # a forced page break leaves, on average, half a page empty


@dataclass(frozen=True)
class _Geometry:
    """A layout in the estimator's terms, before calibration: characters per line, lines per page..."""

    chars_per_line: float
    lines_per_page: float
    paragraph_gap: float
    note_chars_per_line: float
    note_line: float


def _geometry(layout: PageLayout) -> _Geometry:
    body = note = metrics(layout.font)  # notes are set in the body font
    text_width = max(36.0, layout.page_width_pt - layout.margin_left_pt - layout.margin_right_pt)
    text_height = max(36.0, layout.page_height_pt - layout.margin_top_pt - layout.margin_bottom_pt)
    size = min(max(layout.size_pt, 4.0), 72.0)
    if layout.line_exact_pt:
        line_height = max(layout.line_exact_pt, 1.0)
    else:
        line_height = size * body.line_height * min(max(layout.line or 1.0, 0.5), 5.0)
    note_size = min(max(layout.note_size_pt, 4.0), 72.0)
    return _Geometry(
        chars_per_line=text_width / (body.average_width * size),
        lines_per_page=text_height / line_height,
        paragraph_gap=(layout.space_before_pt + layout.space_after_pt) / line_height,
        note_chars_per_line=text_width / (note.average_width * note_size),
        note_line=note_size * note.line_height / line_height,
    )


def model_for(layout: PageLayout | None) -> PageModel:
    """The page model of a document laid out as ``layout`` says: the reference model, scaled by how the
    layout's page, font, size and spacing differ from the reference's. None: the reference itself."""
    if layout is None:
        return DEFAULT_MODEL
    mine, reference = _geometry(layout), _geometry(REFERENCE_LAYOUT)
    model = DEFAULT_MODEL
    return PageModel(
        chars_per_line=model.chars_per_line * mine.chars_per_line / reference.chars_per_line,
        lines_per_page=model.lines_per_page * mine.lines_per_page / reference.lines_per_page,
        paragraph_gap=model.paragraph_gap * mine.paragraph_gap / reference.paragraph_gap,
        heading_lines=model.heading_lines,
        note_chars_per_line=model.note_chars_per_line * mine.note_chars_per_line / reference.note_chars_per_line,
        note_line=model.note_line * mine.note_line / reference.note_line,
        table_row_lines=model.table_row_lines,
        title_lines=model.title_lines,
    )


def estimate_pages(draft: Draft, model: PageModel | None = None, include_annexes: bool = True) -> int:
    """Pages of ``draft`` by the model of its own layout (a Word file's page setup), or the reference's."""
    model = model or model_for(draft.layout)
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
    pages = lines / model.lines_per_page + (draft.layout.page_breaks * PAGE_BREAK_PAGES if draft.layout else 0)
    return max(1, math.ceil(pages))


# A tagged PDF (headings, lists, tables and reading order marked) is one a screen reader can read.
TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


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
    import subprocess  # only when rendering: a lint that estimates its pages starts without it

    profile = tempfile.mkdtemp(prefix="shadowreport-lo-")
    try:
        command = [binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore", "--nolockcheck",
                   "--convert-to", TAGGED_PDF, "--outdir", str(out_dir), str(source)]
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
    import signal

    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # the group has already ended
    process.wait()
    _wait_until_stopped(process.pid)


def _wait_until_stopped(group: int, limit: float = 10.0) -> None:
    """Wait (up to ``limit`` seconds) until no process of ``group`` still runs: a killed process ends when
    the kernel next schedules it, which on a busy machine comes after ``killpg`` returns, and its profile
    must not be removed while it can still write there. Read from /proc (Linux); elsewhere, nothing to wait on.
    A zombie has stopped (only its new parent, often init, has yet to reap it), so it is not waited for."""
    import time

    proc = Path("/proc")
    if not proc.is_dir():
        return
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if not any(_running_in_group(stat, group) for stat in proc.glob("[0-9]*/stat")):
            return
        time.sleep(0.02)


def _running_in_group(stat: Path, group: int) -> bool:
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return False  # gone meanwhile
    return len(fields) > 2 and fields[2] == str(group) and fields[0] not in ("Z", "X")


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
