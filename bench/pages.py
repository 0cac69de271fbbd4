"""Page counts: the estimator against LibreOffice's rendering, over documents of 1 to 60 pages.

The calibration set is the samples plus projects built from the seed documents at growing sizes,
exported to Word. Rendering needs LibreOffice; without it the benchmark says so and reports nothing.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
from pathlib import Path

from shadowreport.export import export_project
from shadowreport.importers.project import project_to_draft
from shadowreport.pagecount import estimate_pages, pdf_page_count, render_pdf, soffice
from shadowreport.project.exchange import read_project
from shadowreport.rules import load_rules

from . import Benchmark
from .corpus import large_project

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)
SIZES = (1_500, 4_000, 8_000, 15_000, 27_000)


def calibration_projects():
    for path in sorted((ROOT / "samples").glob("*.yml")):
        yield path.stem, read_project(path)
    for words in SIZES:
        yield f"seed-{words}", large_project(words, sections=max(2, words // 2500))


def measure(folder: Path) -> list[tuple[str, int, int]]:
    """(name, estimated pages, rendered pages) for each document of the calibration set."""
    pack = load_rules()
    rows = []
    for name, project in calibration_projects():
        target = folder / f"{name}.docx"
        export_project(project, pack, target, today=TODAY, allow_personal_data=True)
        rendered = pdf_page_count(render_pdf(target, folder, timeout=300))
        rows.append((name, estimate_pages(project_to_draft(project, pack, TODAY)), rendered))
    return rows


def report() -> str:
    if soffice() is None:
        return "pages: LibreOffice is not installed, so the estimator cannot be compared with rendered pages."
    with tempfile.TemporaryDirectory(prefix="shadowreport-pages-") as folder:
        rows = measure(Path(folder))
    errors = [abs(estimated - rendered) / rendered for _, estimated, rendered in rows]
    lines = [f"{name:40} estimated {estimated:3}  rendered {rendered:3}" for name, estimated, rendered in rows]
    lines.append(f"page estimator: mean error {statistics.mean(errors):.1%}, worst {max(errors):.1%} over {len(rows)} documents "
                 f"of {min(r for *_, r in rows)} to {max(r for *_, r in rows)} pages")
    return "\n".join(lines)


def benchmarks() -> list[Benchmark]:
    return []


if __name__ == "__main__":
    print(report())
