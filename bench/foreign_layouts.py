"""Word files laid out as other offices lay them out, for the page estimator (issue 13).

Each layout is a page size, margins, a body font (named, or the theme's), a size, line spacing and
paragraph spacing, and a document: a title, headings, body paragraphs, sometimes bullets, a table or
page breaks. ``build(folder)`` writes them with python-docx; a few are then saved again by LibreOffice
(``via_libreoffice``), whose Word files carry their formatting differently. The truth is LibreOffice's
rendering (Liberation, Carlito and Caladea have the metrics of Arial/Times, Calibri and Cambria);
``python -m bench.foreign_layouts --record`` keeps the files and their rendered pages in tests/data/foreign_layouts/;
``python -m bench.foreign_layouts`` prints the estimator's errors on them.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
FILES = ROOT / "tests" / "data" / "foreign_layouts"  # the built files, kept so every run reads the same bytes
RECORDED = FILES / "rendered_pages.yml"

PAGES = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}


@dataclass(frozen=True)
class Layout:
    name: str
    page: str  # "A4" or "Letter"
    margin_cm: float
    font: str | None  # None: the theme's body font (python-docx's template: Cambria)
    size_pt: float
    line: float  # line spacing as a multiple of single
    after_pt: float
    words: int
    headings_every: int = 6  # paragraphs between headings
    bullets: bool = False
    table_rows: int = 0
    page_breaks: int = 0
    via_libreoffice: bool = False


def paragraphs() -> list[str]:
    """The samples' paragraphs (always in the repository, unlike the seeds), so every checkout builds the same files."""
    from shadowreport.project.exchange import read_project

    found = [line for path in sorted((ROOT / "samples").glob("*.yml")) for section in read_project(path).sections
             for line in section.text.split("\n") if len(line.split()) >= 15]
    return [" ".join(line.split()) for line in found]


def layouts() -> list[Layout]:
    """30 layouts, drawn once from a fixed seed so that every run builds the same files."""
    pick = random.Random(20261202)
    fonts = ["Arial", "Times New Roman", "Calibri", "Cambria", "Liberation Sans", None, "Verdana", "Georgia"]
    chosen = [
        # The cases the issue names: 12-pt Letter of 3,143 words; 10-pt Arial, narrow margins, 12,074 words; 928 words double-spaced.
        Layout("letter-12pt-times-3143", "Letter", 2.54, "Times New Roman", 12, 1.0, 0, 3_143),
        Layout("a4-10pt-arial-narrow-12074", "A4", 1.27, "Arial", 10, 1.0, 4, 12_074),
        Layout("letter-double-928", "Letter", 2.54, "Times New Roman", 12, 2.0, 0, 928, headings_every=20),
    ]
    for index in range(27):
        chosen.append(Layout(
            name=f"foreign-{index + 1:02d}",
            page=pick.choice(["A4", "Letter"]),
            margin_cm=pick.choice([1.27, 1.9, 2.0, 2.54, 3.0]),
            font=pick.choice(fonts),
            size_pt=pick.choice([9, 10, 10.5, 11, 12]),
            line=pick.choice([1.0, 1.0, 1.15, 1.5, 2.0]),
            after_pt=pick.choice([0, 0, 6, 8, 10]),
            words=pick.choice([600, 1_200, 2_500, 4_000, 6_000, 9_000]),
            headings_every=pick.choice([4, 6, 10]),
            bullets=pick.random() < 0.3,
            table_rows=pick.choice([0, 0, 0, 6, 12]),
            page_breaks=pick.choice([0, 0, 1, 2]),
            via_libreoffice=index % 5 == 4,
        ))
    return chosen


def write(layout: Layout, target: Path) -> Path:
    """The layout as a .docx written by python-docx."""
    import docx
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    width, height = PAGES[layout.page]
    section.page_width, section.page_height = Cm(width), Cm(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(layout.margin_cm))
    normal = document.styles["Normal"]
    if layout.font:
        normal.font.name = layout.font
    normal.font.size = Pt(layout.size_pt)
    normal.paragraph_format.line_spacing = layout.line
    normal.paragraph_format.space_after = Pt(layout.after_pt)

    pick = random.Random(layout.name)
    source = paragraphs()
    document.add_paragraph("Submission on trafficking in human beings", style="Title")
    written, count, breaks_left = 0, 0, layout.page_breaks
    table_at = layout.words // 2 if layout.table_rows else None
    while written < layout.words:
        if count % layout.headings_every == 0:
            document.add_heading(f"Part {count // layout.headings_every + 1}", level=1 if count % (layout.headings_every * 3) == 0 else 2)
        text = source[pick.randrange(len(source))]
        words = text.split()[: max(1, layout.words - written)]
        style = "List Bullet" if layout.bullets and count % 7 in (3, 4) else None
        document.add_paragraph(" ".join(words), style=style)
        written += len(words)
        count += 1
        if table_at is not None and written >= table_at:
            table = document.add_table(rows=layout.table_rows, cols=3)
            table.style = "Table Grid"
            for row in table.rows:
                for cell in row.cells:
                    cell.text = " ".join(source[pick.randrange(len(source))].split()[: pick.choice([3, 8, 15])])
            table_at = None
        if breaks_left and written >= layout.words * (layout.page_breaks - breaks_left + 1) / (layout.page_breaks + 1):
            document.add_page_break()
            breaks_left -= 1
    document.save(target)
    return target


def resave_with_libreoffice(source: Path, folder: Path) -> Path:
    """The same document as LibreOffice writes a Word file (its own styles and direct formatting)."""
    from shadowreport.pagecount import soffice

    out = folder / "lo"
    out.mkdir(exist_ok=True)
    profile = tempfile.mkdtemp(prefix="shadowreport-bench-lo-")
    try:
        subprocess.run([soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    target = source.with_name(source.stem + "-lo.docx")
    (out / source.name).replace(target)
    return target


def build(folder: Path) -> list[tuple[Layout, Path]]:
    built = []
    for layout in layouts():
        path = write(layout, folder / f"{layout.name}.docx")
        if layout.via_libreoffice:
            path = resave_with_libreoffice(path, folder)
        built.append((layout, path))
    return built


def record() -> str:
    """Build every layout into tests/data/foreign_layouts/, render each with LibreOffice, and record the page counts."""
    from shadowreport.pagecount import rendered_pages

    FILES.mkdir(parents=True, exist_ok=True)
    for old in FILES.glob("*.docx"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="shadowreport-bench-") as folder:
        rows = []
        for layout, path in build(Path(folder)):
            kept = FILES / f"{layout.name}.docx"
            shutil.copyfile(path, kept)
            rows.append((layout.name, rendered_pages(kept, timeout=300)))
    lines = ["# Pages LibreOffice Writer rendered for each file here, built by bench/foreign_layouts.py (with the Liberation,",
             "# Carlito and Caladea fonts .ci/run installs). Build and render again with: python -m bench.foreign_layouts --record"]
    lines += [f"{name}: {pages}" for name, pages in rows]
    RECORDED.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"recorded {len(rows)} layouts in {RECORDED}"


def recorded() -> dict[str, int]:
    """The rendered page counts kept in tests/data/foreign_pages.yml."""
    import yaml

    return yaml.safe_load(RECORDED.read_text(encoding="utf-8")) or {}


def estimates() -> list[tuple[str, int, int, int]]:
    """(file, pages by its own geometry, pages by the reference layout alone, rendered pages) for each kept file."""
    from shadowreport.importers import read_draft
    from shadowreport.pagecount import DEFAULT_MODEL, estimate_pages

    rows = []
    for name, rendered in recorded().items():
        draft = read_draft(FILES / f"{name}.docx")
        rows.append((name, estimate_pages(draft), estimate_pages(draft, DEFAULT_MODEL), rendered))
    return rows


def table(rows: list[tuple[str, int, int, int]]) -> str:
    lines = [f"{'layout':30} {'own geometry':>12} {'reference':>9} {'rendered':>8}"]
    lines += [f"{name:30} {mine:12} {old:9} {true:8}" for name, mine, old, true in rows]
    for label, column in (("own geometry", 1), ("reference only", 2)):
        errors = [abs(row[column] - row[3]) for row in rows]
        exact = sum(error == 0 for error in errors) / len(rows)
        within = sum(error <= 1 for error in errors) / len(rows)
        lines.append(f"{label:>15}: exact {exact:.0%}, within one page {within:.0%} of {len(rows)} Word files from other tools "
                     f"(goal: exact 60%, within one page 90%)")
    return "\n".join(lines)


def report() -> str:
    if not RECORDED.exists():
        return "foreign layouts: no rendered counts recorded yet (python -m bench.foreign_layouts --record)."
    return table(estimates())


if __name__ == "__main__":
    print(record() if "--record" in sys.argv else report())
