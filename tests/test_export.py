"""Export: files a reviewer accepts, that read back the same, that never leak a victim's identity."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from shadowreport import cli
from shadowreport.checks.text import word_count
from shadowreport.export import ExportError, ExportRefused, export_project
from shadowreport.importers import read_draft
from shadowreport.importers.project import project_to_draft
from shadowreport.project.exchange import read_project
from shadowreport.project.model import Recommendation, SectionText

from .factories import TODAY, upr_project
from .wordprocessor import libreoffice

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yml"))




def shape(draft):
    return {
        "paragraphs": [(p.text, p.number) for s in draft.sections for p in s.paragraphs],
        "calls": [(p.note_refs, p.note_offsets) for s in draft.sections for p in s.paragraphs],
        "notes": [n.text for n in draft.notes],
        "recommendations": [r.text for r in draft.recommendations],
        "words": (word_count(draft).body, word_count(draft).notes),
    }


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_sample_reads_back_the_same_from_word(pack, path: Path, tmp_path: Path):
    project = read_project(path)
    target = tmp_path / "out.docx"
    export_project(project, pack, target, today=TODAY)
    assert shape(read_draft(target)) == shape(project_to_draft(project, pack, TODAY))


@pytest.mark.parametrize("path", SAMPLES[:2], ids=[p.stem for p in SAMPLES[:2]])
def test_markdown_export_reads_back_the_same_text(pack, path: Path, tmp_path: Path):
    project = read_project(path)
    target = tmp_path / "out.md"
    export_project(project, pack, target, today=TODAY)
    original, again = shape(project_to_draft(project, pack, TODAY)), shape(read_draft(target))
    assert again["notes"] == original["notes"] and again["recommendations"] == original["recommendations"]
    assert [t for t, _ in again["paragraphs"]][-len(original["paragraphs"]):] == [t for t, _ in original["paragraphs"]]


def test_upr_paragraphs_run_on_and_other_lists_restart(pack, tmp_path: Path):
    upr = read_draft(_export(pack, read_project(ROOT / "samples" / "upr-individual-trafficking.yml"), tmp_path / "upr.docx"))
    numbers = [p.number for s in upr.sections for p in s.paragraphs]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]  # one numbering through the whole text
    greta = read_draft(_export(pack, read_project(ROOT / "samples" / "greta-joint-4th-round.yml"), tmp_path / "greta.docx"))
    recommendation_numbers = [p.number for s in greta.sections for p in s.paragraphs if p.number]
    assert recommendation_numbers == [str(n) for n in range(1, len(greta.recommendations) + 1)]
    project = upr_project(mechanism="greta", kind="ngo-report", sections=[
        SectionText(id="a", title="First list", text="1. one\n2. two"),
        SectionText(id="recommendations", title="Recommendations", text="Intro."),
    ])
    restarted = read_draft(_export(pack, project, tmp_path / "restart.docx"))
    assert [p.number for s in restarted.sections for p in s.paragraphs if p.number] == ["1"]


def _export(pack, project, target: Path, **options) -> Path:
    export_project(project, pack, target, today=TODAY, **options)
    return target


def test_word_file_has_real_footnotes_page_numbers_and_properties(pack, tmp_path: Path):
    target = _export(pack, upr_project(language="en"), tmp_path / "p.docx")
    with zipfile.ZipFile(target) as package:
        document = package.read("word/document.xml").decode()
        footnotes = package.read("word/footnotes.xml").decode()
        footer = "".join(package.read(name).decode() for name in package.namelist() if name.startswith("word/footer"))
        core = package.read("docProps/core.xml").decode()
        styles = package.read("word/styles.xml").decode()
        assert "docProps/thumbnail.jpeg" not in package.namelist()
    assert document.count("<w:footnoteReference") == 2 and "ENPATES case-study review, 2012" in footnotes
    assert "[1]" not in document and "[^" not in document
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert "Trafficking for labour exploitation" in core and "Strada Aperta" in core and "en-GB" in core
    assert 'w:lang w:val="en-GB"' in styles
    assert '<w:pgSz w:w="11906" w:h="16838"' in document or 'w:w="11905"' in document  # A4


def test_user_text_is_printed_as_written_never_evaluated(pack, tmp_path: Path):
    hostile = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} <b>bold</b> & AT&T # not a heading **not bold**"
    project = upr_project(
        title="Report {{ title }} & <script>", state="{% raw %}",
        sections=[SectionText(id="evidence", title="Evidence <of> {{ it }}", text=f"{hostile}\x01\x0b\n\nSecond paragraph.")],
        recommendations=[Recommendation(addressee="The Ministry {{ x }}", verb="adopt", object="<a> & {% if %}", text=None)],
    )
    target = _export(pack, project, tmp_path / "h.docx")
    draft = read_draft(target)
    texts = [p.text for s in draft.sections for p in s.paragraphs]
    assert texts[0] == hostile  # control characters dropped, everything else as typed
    assert draft.sections[0].title == "Evidence <of> {{ it }}"
    assert draft.cover[0] == "Report {{ title }} & <script>" and any("{% raw %}" in line for line in draft.cover)
    assert draft.recommendations[0].text == "The Ministry {{ x }} should adopt <a> & {% if %}."
    markdown = _export(pack, project, tmp_path / "h.md").read_text(encoding="utf-8")
    assert "\\{\\% raw" not in markdown and "{% raw %}" in markdown


IDENTIFYING = "Maria Popescu, a 16-year-old girl from Iasi, was recruited by a neighbour."


def test_privacy_gate_refuses_then_pseudonymises_or_allows(pack, tmp_path: Path, capsys):
    project = upr_project(sections=[SectionText(id="evidence", title="Evidence", text=IDENTIFYING)])
    target = tmp_path / "p.docx"
    with pytest.raises(ExportRefused) as refused:
        export_project(project, pack, target, today=TODAY)
    assert not target.exists()
    assert {f.rule for f in refused.value.findings} == {"privacy.personal-data"}
    assert all("Maria" not in f.message for f in refused.value.findings)  # findings point, never repeat

    with pytest.raises(ExportRefused):  # initials hide the name, but a child's age with her town still identifies her
        export_project(project, pack, target, today=TODAY, pseudonymise_names=True)
    allowed = export_project(project, pack, target, today=TODAY, pseudonymise_names=True, allow_personal_data=True)
    text = " ".join(p.text for s in read_draft(allowed.path).sections for p in s.paragraphs)
    assert "Maria Popescu" not in text and "M.P., a 16-year-old girl" in text

    project_file = tmp_path / "p.yml"
    from shadowreport.project.exchange import write_project_file as save

    save(project, project_file)
    code = cli.main(["export", str(project_file), "-o", str(tmp_path / "cli.docx")])
    err = capsys.readouterr().err
    assert code == 1 and "Export refused" in err and "--pseudonymise" in err and "Maria" not in err
    assert not (tmp_path / "cli.docx").exists()


def test_failed_export_leaves_the_old_file_and_no_debris(pack, tmp_path: Path, monkeypatch):
    target = tmp_path / "out" / "p.docx"
    target.parent.mkdir()
    target.write_bytes(b"the previous export")
    monkeypatch.setattr("shadowreport.export.write_docx", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        export_project(upr_project(), pack, target, today=TODAY)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in target.parent.iterdir()] == ["p.docx"]


def test_unknown_format_and_missing_libreoffice_for_pdf(pack, tmp_path: Path, monkeypatch):
    with pytest.raises(ExportError, match="writes .docx, .md or .pdf"):
        export_project(upr_project(), pack, tmp_path / "p.odt", today=TODAY)
    monkeypatch.setattr("shadowreport.export.soffice", lambda: None)
    with pytest.raises(ExportError, match="PDF export needs LibreOffice"):
        export_project(upr_project(), pack, tmp_path / "p.pdf", today=TODAY)


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice is not installed: PDF export and rendered page counts are not tested here")
def test_pdf_export_and_rendered_page_count(pack, tmp_path: Path):
    project = read_project(ROOT / "samples" / "briefing-one-page.yml")
    result = export_project(project, pack, tmp_path / "brief.pdf", today=TODAY)
    assert result.path.read_bytes().startswith(b"%PDF") and result.pages_rendered == 1
    assert b"/StructTreeRoot" in result.path.read_bytes()  # tagged: a screen reader finds headings, lists and reading order
    docx_result = export_project(project, pack, tmp_path / "brief.docx", today=TODAY, render=True)
    assert docx_result.pages_rendered == 1 and docx_result.pages_estimated == 1


def test_cli_export(capsys, tmp_path: Path):
    code = cli.main(["export", str(ROOT / "samples" / "ilo-forced-labour-agriculture.yml"), "-o", str(tmp_path / "ilo.docx"), "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith(f"Wrote {tmp_path / 'ilo.docx'}: ") and "page(s) (estimated)" in out
    draft = read_draft(tmp_path / "ilo.docx")
    assert any("Conventions concerned:" in line for line in draft.cover)


def test_any_draft_exports_without_a_project(tmp_path: Path, pack):
    """Export needs only a Draft and the rules: a Markdown draft from elsewhere becomes a Word file."""
    from shadowreport.export import export_draft
    from shadowreport.importers import read_draft_bytes

    text = ("---\nmechanism: upr\nkind: stakeholder\ntitle: Forced labour in fishing\n---\n# Introduction\n\n"
            "Fishers recruited abroad work without pay.[^1]\n\n# Recommendations\n\n"
            "1. The Ministry of Labour should inspect every licensed vessel by June 2028.\n\n[^1]: Interviews, 2026.\n")
    draft = read_draft_bytes(text.encode(), "brief.md")
    result = export_draft(draft, pack, tmp_path / "brief.docx", today=TODAY)
    back = read_draft(result.path)
    assert back.title == "Forced labour in fishing"
    assert [n.text for n in back.notes] == ["Interviews, 2026."]
    assert any("inspect every licensed vessel" in r.text for r in back.recommendations)
