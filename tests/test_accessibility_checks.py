"""The accessibility checks on real Word files: each .docx is built here from WordprocessingML, read
by the importer as any upload is, and checked. An accessible file draws no finding; each barrier
draws its own, with a fix in Word. Every sample's export passes them all."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from shadowreport.checks import CHECKS, CheckConfig, resolve_rules
from shadowreport.export import export_project
from shadowreport.importers import read_draft, read_draft_bytes
from shadowreport.project.exchange import read_project

from .docx_builder import STYLES, build_docx, core_properties, heading, para, table

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.yml"))
TEXT = ("Labour inspectors found 74 workers in conditions of forced labour on farms in 2025, and only a third of them "
        "were referred to a counselling centre. ")
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PICTURE = "http://schemas.openxmlformats.org/drawingml/2006/picture"
STYLES_IN_ENGLISH = STYLES.replace(
    "<w:style ", '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults><w:style ', 1)


def picture(alt: str = "", name: str = "Picture 1", decorative: bool = False) -> str:
    """A paragraph holding one DrawingML picture, as Word writes it (only the parts that matter here)."""
    mark = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
            'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>') if decorative else ""
    return (f'<w:p><w:r><w:drawing><wp:inline xmlns:wp="{WP}" xmlns:a="{A}"><wp:extent cx="914400" cy="914400"/>'
            f'<wp:docPr id="1" name="{name}" descr="{alt}">{mark}</wp:docPr>'
            f'<a:graphic><a:graphicData uri="{PICTURE}"/></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def header_table(rows: list[list[str]]) -> str:
    """A table whose first row is marked to repeat as a header row."""
    marked = table(rows)
    return marked.replace("<w:tr>", "<w:tr><w:trPr><w:tblHeader/></w:trPr>", 1)


def bold(text: str) -> str:
    return f'<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def page_break() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


ACCESSIBLE = [
    heading("Background", 1), para(TEXT * 3),
    heading("The law", 2), para(TEXT * 2), picture("Referrals by year, 2019 to 2025: from 40 to 74", "Chart 1"),
    picture(name="Divider", decorative=True),
    header_table([["Year", "Workers found", "Referred"], ["2024", "61", "18"], ["2025", "74", "25"]]),
    heading("Recommendations", 1), para("The Ministry of Labour should fund ten counselling posts by 2027.", num=(2, 0)),
]


def findings(pack, body: list[str], title: str | None = "Forced labour on farms", styles: str = STYLES_IN_ENGLISH) -> dict[str, list[str]]:
    parts = {"docProps/core.xml": core_properties(title).encode()} if title is not None else {}
    draft = read_draft_bytes(build_docx(body, styles=styles, extra_parts=parts), "upload.docx")
    return _accessibility_findings(draft, pack)


def _accessibility_findings(draft, pack) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    rules = resolve_rules(draft, pack)
    for check_id, registered in CHECKS.items():
        if registered.family == "accessibility":
            for finding in registered.function(draft, rules, CheckConfig(today=dt.date(2026, 12, 1))):
                found.setdefault(check_id, []).append(f"{finding.message} {finding.suggestion}")
    return found


def test_an_accessible_word_file_draws_no_accessibility_finding(pack):
    assert findings(pack, ACCESSIBLE) == {}


@pytest.mark.parametrize(("rule", "body", "title", "styles", "message", "how"), [
    ("accessibility.title", ACCESSIBLE, None, STYLES_IN_ENGLISH, "no title property", "File > Info"),
    ("accessibility.language", ACCESSIBLE, "Report", STYLES, "language is not set", "Set Proofing Language"),
    ("accessibility.heading-levels", [heading("Background", 1), para(TEXT), heading("Law", 1).replace("Heading1", "Heading3"), para(TEXT)],
     "Report", STYLES_IN_ENGLISH.replace("</w:styles>", '<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style></w:styles>'),
     "'Law' is at level 3, after a level 1 heading: level 2 is skipped", "apply Heading 2"),
    ("accessibility.alt-text", [heading("Background"), para(TEXT * 4), picture(name="Picture 7")], "Report", STYLES_IN_ENGLISH,
     "'Picture 7' on page 1 has no alternative text", "View Alt Text"),
    ("accessibility.table-header", [heading("Figures"), para(TEXT), table([["Year", "Cases"], ["2025", "74"]])], "Report", STYLES_IN_ENGLISH,
     "Table 1 (first row 'Year Cases') has no header row", "Repeat Header Rows"),
    ("accessibility.typed-numbering", [heading("Recommendations"), para("1. The Ministry should adopt a rule."),
                                       para("2. The Ministry should fund posts.")], "Report", STYLES_IN_ENGLISH,
     "2 paragraphs start with a number or bullet typed by hand", "Home > Numbering"),
    ("accessibility.fake-heading", [heading("Background"), para(TEXT), bold("Labour inspection"), para(TEXT)], "Report", STYLES_IN_ENGLISH,
     "'Labour inspection' looks like a heading (bold text)", "Heading 1 or 2"),
    ("accessibility.text-as-image", [heading("Background"), para(TEXT * 5), page_break(), picture("Scanned letter", "Scan")],
     "Report", STYLES_IN_ENGLISH, "Page 2 holds only a picture", "Copy Text from Picture"),
    ("accessibility.text-as-image", [picture("Our report", "Page 1"), page_break(), picture("Our report, continued", "Page 2")],
     "Report", STYLES_IN_ENGLISH, "text seems to be in pictures: 2 picture(s) and only 0 words", "as text"),
])
def test_each_barrier_draws_its_finding_with_a_fix_in_word(pack, rule, body, title, styles, message, how):
    found = findings(pack, body, title, styles)
    assert rule in found, found
    assert any(message in line and how in line for line in found[rule]), found[rule]
    # Only that barrier: the rest of the file is accessible.
    others = {check_id for check_id in found if check_id != rule}
    assert others <= {"accessibility.heading-levels"} if rule == "accessibility.text-as-image" else not others, found


def test_the_importer_reads_what_word_keeps_about_accessibility():
    parts = {"docProps/core.xml": core_properties("Forced labour on farms").encode()}
    word = read_draft_bytes(build_docx(ACCESSIBLE, styles=STYLES_IN_ENGLISH, extra_parts=parts), "upload.docx").word
    assert word.title == "Forced labour on farms" and word.language == "en-GB"
    assert [(h.level, h.text) for h in word.headings] == [(1, "Background"), (2, "The law"), (1, "Recommendations")]
    assert [(i.name, i.alt, i.decorative) for i in word.images] == [
        ("Chart 1", "Referrals by year, 2019 to 2025: from 40 to 74", False), ("Divider", "", True)]
    assert [(t.rows, t.header_row, t.first_row) for t in word.tables] == [(3, True, "Year Workers found Referred")]
    assert word.typed_numbers == [] and word.bold_headings == []


def test_bold_emphasis_and_real_lists_are_not_mistaken_for_barriers(pack):
    body = [heading("Background"), para(TEXT), bold("Note: this whole paragraph is bold because it matters a great deal to us."),
            para("2025 was the worst year on record for referrals."),  # a year, not a typed number
            para("The Ministry should act.", style="NumberedPara"),
            bold("Campo Libero, December 2026")]  # bold, but nothing follows it: a signature line, not a heading
    assert findings(pack, body) == {}


def test_a_markdown_draft_is_not_judged_on_word_properties(pack):
    draft = read_draft_bytes(b"# Background\n\n### Skipped level\n\n1. Typed number\n", "draft.md")
    assert draft.word is None
    assert _accessibility_findings(draft, pack) == {}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_every_samples_export_passes_the_accessibility_checks(pack, sample: Path, tmp_path: Path):
    target = tmp_path / f"{sample.stem}.docx"
    export_project(read_project(sample, pack=pack), pack, target, allow_personal_data=True, today=dt.date(2026, 12, 1))
    draft = read_draft(target, pack=pack)
    assert draft.word is not None and draft.word.headings, "the export must read back with its headings"
    assert _accessibility_findings(draft, pack) == {}


def test_shadowreport_lint_reports_an_inaccessible_word_file(capsys, tmp_path: Path):
    import json

    from shadowreport import cli

    inaccessible = [heading("Background"), para(TEXT * 4), bold("Labour inspection"), para(TEXT), picture(name="Logo"),
                    table([["Year", "Cases"], ["2025", "74"]]), heading("Law", 1).replace("Heading1", "Heading3"),
                    para("1. The Ministry should adopt a rule."), para("2. The Ministry should fund posts.")]
    path = tmp_path / "inaccessible.docx"
    path.write_bytes(build_docx(inaccessible, styles=STYLES.replace(
        "</w:styles>", '<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style></w:styles>')))
    cli.main(["lint", str(path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    rules = {finding["rule"] for finding in report["findings"] if finding["rule"].startswith("accessibility.")}
    assert rules == {"accessibility.title", "accessibility.language", "accessibility.heading-levels", "accessibility.alt-text",
                     "accessibility.table-header", "accessibility.typed-numbering", "accessibility.fake-heading"}
    assert all("Word" in finding["suggestion"] for finding in report["findings"] if finding["rule"].startswith("accessibility."))
