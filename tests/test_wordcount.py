"""Word counts agree with a real word processor (LibreOffice Writer) on the samples and on Word files.

Each sample is exported to Word; LibreOffice's count of that file is recorded in
tests/data/libreoffice_counts.yml, so the comparison runs everywhere; where LibreOffice is installed
the recording is checked live too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from shadowreport.checks.text import word_count
from shadowreport.importers import read_draft_bytes
from shadowreport.project.exchange import read_project
from shadowreport.rules import load_rules
from shadowreport.wordcount import count_words

from .factories import TODAY


from .docx_builder import build_docx, heading, para, table
from .wordprocessor import libreoffice, libreoffice_word_counts

ROOT = Path(__file__).resolve().parent.parent
RECORDED = ROOT / "tests" / "data" / "libreoffice_counts.yml"
SAMPLES = sorted((ROOT / "samples").glob("*.yml"))
needs_libreoffice = pytest.mark.skipif(libreoffice() is None, reason="LibreOffice is not installed: live word-processor comparison skipped")


@pytest.mark.parametrize(("text", "words"), [
    ("well-known NGOs", 2), ("word—word", 2), ("a — b", 2), ("a – b", 2), ("and/or", 1), ("1,000 EUR", 2),
    ("a\u00a0b", 2), ("a\u200bb", 1), ("l'homme d'État", 2), ("e.g. this", 2), ("( a )", 3), ("", 0),
])
def test_counting_convention(text: str, words: int):
    assert count_words(text) == words


def export_sample(path: Path, folder: Path) -> tuple[Path, int]:
    """Export a sample to .docx; return the file and the words LibreOffice shows beyond ours:
    list labels ("1.", "•") and the footer's "Page 1 of N", which Word's count leaves out, as we do."""
    from shadowreport.export import export_project
    from shadowreport.export.cover import cover_blocks

    pack = load_rules()
    project = read_project(path)
    target = folder / f"{path.stem}.docx"
    export_project(project, pack, target, today=TODAY)
    draft = read_draft_bytes(target.read_bytes(), target.name)
    mechanism, kind = pack.kind(project.kind_id)
    from shadowreport.importers.project import project_to_draft

    bullets = sum(1 for block in cover_blocks(project_to_draft(project, pack, TODAY), mechanism, kind, 0, None, TODAY) if block.style == "bullet")
    labels = sum(1 for s in draft.sections for p in s.paragraphs if p.number is not None or p.style == "list-item")
    return target, labels + bullets + count_words("Page 1 of 1")


def our_count(path: Path) -> int:
    """Our count of the exported file: everything a reader sees, notes and cover included."""
    draft = read_draft_bytes(path.read_bytes(), path.name)
    count = word_count(draft)
    return count.body + count.notes + count.annexes + count.cover


def test_sample_counts_match_the_recorded_word_processor_counts(tmp_path: Path):
    recorded = yaml.safe_load(RECORDED.read_text(encoding="utf-8"))
    assert set(recorded) == {path.stem for path in SAMPLES}
    for path in SAMPLES:
        exported, extra = export_sample(path, tmp_path)
        assert our_count(exported) + extra == recorded[path.stem], path.stem


@needs_libreoffice
def test_recorded_counts_are_libreoffices(tmp_path: Path):
    files = [export_sample(path, tmp_path)[0] for path in SAMPLES]
    live = libreoffice_word_counts(files)
    recorded = yaml.safe_load(RECORDED.read_text(encoding="utf-8"))
    assert {Path(name).stem: count for name, count in live.items()} == recorded


@needs_libreoffice
def test_docx_count_matches_libreoffice(tmp_path: Path):
    """LibreOffice also counts list labels ("1.", "•") as words; Word does not, and neither do we."""
    data = build_docx([
        heading("Trafficking for labour exploitation"),
        para("Outreach reached 212 workers — most recruited by well-known intermediaries.", footnote=1),
        para("The referral mechanism does not cover labour exploitation.", num=(1, 0)),
        para("Inspectors are not trained to identify it.", num=(1, 0)),
        para("A bullet point about seasonal work.", num=(2, 0)),
        table([["Year", "Workers reached"], ["2025", "212"]]),
    ], footnotes={1: "Strada Aperta, activity report 2025, p. 4."})
    path = tmp_path / "report.docx"
    path.write_bytes(data)
    draft = read_draft_bytes(data, "report.docx")
    labels = sum(1 for s in draft.sections for p in s.paragraphs if p.style == "list-item")
    count = word_count(draft)
    assert libreoffice_word_counts([path])["report.docx"] == count.body + count.notes + labels
