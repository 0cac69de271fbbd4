"""Page counts: the estimate agrees with LibreOffice's rendering of the exported samples."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from shadowreport.export import export_project
from shadowreport.importers.project import project_to_draft
from shadowreport.pagecount import estimate_pages, pdf_page_count, render_pdf
from shadowreport.project.exchange import read_project
from shadowreport.rules import load_rules

from .factories import TODAY

from .wordprocessor import libreoffice

ROOT = Path(__file__).resolve().parent.parent
RECORDED = ROOT / "tests" / "data" / "rendered_pages.yml"
SAMPLES = sorted((ROOT / "samples").glob("*.yml"))


def estimate(path: Path) -> int:
    return estimate_pages(project_to_draft(read_project(path), load_rules(), TODAY))


def test_estimates_are_within_a_page_of_the_recorded_renders():
    rendered = yaml.safe_load(RECORDED.read_text(encoding="utf-8"))
    assert set(rendered) == {p.stem for p in SAMPLES}
    for path in SAMPLES:
        assert abs(estimate(path) - rendered[path.stem]) <= 1, path.stem
    assert sum(estimate(p) == rendered[p.stem] for p in SAMPLES) >= len(SAMPLES) - 1


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice is not installed: the recorded renders are not re-checked here")
def test_recorded_renders_are_libreoffices(tmp_path: Path):
    rendered = yaml.safe_load(RECORDED.read_text(encoding="utf-8"))
    pack = load_rules()
    for path in SAMPLES:
        target = tmp_path / f"{path.stem}.docx"
        export_project(read_project(path), pack, target, today=TODAY)
        assert pdf_page_count(render_pdf(target, tmp_path)) == rendered[path.stem], path.stem
