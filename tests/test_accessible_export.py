"""Every Word export is accessible, read straight from its XML: the language set (and per paragraph
where it changes), a title property, headings without skipped levels, header rows on tables, alt text
on every picture or logo, list numbering rather than typed numbers, and body text of 11 pt or more."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from shadowreport.export import export_draft, export_project
from shadowreport.export.docx_writer import Properties, write_docx
from shadowreport.importers import read_draft_bytes
from shadowreport.paths import builtin_dir
from shadowreport.project.exchange import read_project

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.yml"))
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "dc": "http://purl.org/dc/elements/1.1/"}
W, WP = (f"{{{NS[prefix]}}}" for prefix in ("w", "wp"))  # Clark notation, for lxml
TYPED_NUMBER = re.compile(r"^\s*(\(?\d{1,3}[.)]|\([a-z]{1,3}\)|[a-z][.)]|[ivx]{1,6}[.)]|[•▪◦●■*–-])\s")
NOT_BODY_STYLES = {"footer", "header", "footnote text", "endnote text"}  # small print by convention, not body text
TODAY = dt.date(2026, 12, 1)


class Package:
    """An exported .docx opened as XML parts."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as package:
            self.parts = {name: package.read(name) for name in package.namelist()}
        self.document = self.xml("word/document.xml")
        self.styles = self.xml("word/styles.xml")
        self.core = self.xml("docProps/core.xml")
        self.style_by_id = {style.get(f"{W}styleId"): style for style in self.styles.iterfind("w:style", NS)}

    def xml(self, name: str):
        return etree.fromstring(self.parts[name])

    def xml_parts(self):
        return [etree.fromstring(data) for name, data in self.parts.items() if name.endswith(".xml") and name.startswith("word/")]

    def style_name(self, style_id: str | None) -> str:
        style = self.style_by_id.get(style_id or self.default_style())
        return style.find("w:name", NS).get(f"{W}val").lower() if style is not None else ""

    def default_style(self) -> str:
        return next(s.get(f"{W}styleId") for s in self.style_by_id.values() if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") == "1")

    def size_half_points(self, style_id: str | None, run) -> int:
        """The font size Word would use for ``run``: the run's own, else the style chain's, else the defaults'."""
        own = run.find("w:rPr/w:sz", NS)
        if own is not None:
            return int(own.get(f"{W}val"))
        style = self.style_by_id.get(style_id or self.default_style())
        for _ in range(20):
            if style is None:
                break
            size = style.find("w:rPr/w:sz", NS)
            if size is not None:
                return int(size.get(f"{W}val"))
            parent = style.find("w:basedOn", NS)
            style = self.style_by_id.get(parent.get(f"{W}val")) if parent is not None else None
        default = self.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:sz", NS)
        return int(default.get(f"{W}val")) if default is not None else 20  # Word's own default: 10 pt

    def body_paragraphs(self):
        for paragraph in self.document.iterfind("w:body/w:p", NS):
            style = paragraph.find("w:pPr/w:pStyle", NS)
            yield paragraph, (style.get(f"{W}val") if style is not None else None)


def text_of(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def assert_accessible(package: Package) -> None:
    # A title property, and the language in the properties and in the text's defaults.
    assert (package.core.findtext("dc:title", namespaces=NS) or "").strip()
    assert (package.core.findtext("dc:language", namespaces=NS) or "").strip()
    assert package.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(f"{W}val")
    levels, previous = [], 0
    for paragraph, style_id in package.body_paragraphs():
        name = package.style_name(style_id)
        heading = re.fullmatch(r"heading ([1-9])", name)
        if heading:  # headings in order: never more than one level below the one before
            level = int(heading.group(1))
            assert level <= previous + 1, f"heading '{text_of(paragraph)}' at level {level} after level {previous}"
            levels.append(level)
            previous = level
            continue
        listed = paragraph.find("w:pPr/w:numPr", NS) is not None or name.startswith("list") or name == "numbered paragraph"
        if name not in ("title", "subtitle") and not listed:  # numbers come from list numbering, never typed
            assert not TYPED_NUMBER.match(text_of(paragraph)), text_of(paragraph)
        if name not in NOT_BODY_STYLES:
            for run in paragraph.iterfind("w:r", NS):
                if text_of(run).strip() and run.find("w:rPr/w:vertAlign", NS) is None:  # a note call is superscript by design
                    assert package.size_half_points(style_id, run) >= 22, f"'{text_of(run)[:40]}' is under 11 pt"
    assert levels and levels[0] == 1
    for root in package.xml_parts():
        for table in root.iter(f"{W}tbl"):  # every table's first row repeats as a header row
            assert table.find("w:tr/w:trPr/w:tblHeader", NS) is not None
        for picture in root.iter(f"{WP}docPr"):  # every picture, logo included, has alternative text
            assert (picture.get("descr") or picture.get("title") or "").strip(), etree.tostring(picture)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_every_samples_word_export_is_accessible(pack, sample: Path, tmp_path: Path):
    target = tmp_path / "export.docx"
    export_project(read_project(sample, pack=pack), pack, target, allow_personal_data=True, today=TODAY)
    assert_accessible(Package(target))


def _exported(pack, tmp_path: Path, markdown: str, language: str = "en") -> Package:
    draft = read_draft_bytes(markdown.encode(), "draft.md", pack=pack, mechanism="upr", kind="upr/stakeholder", language=language)
    target = tmp_path / "draft.docx"
    export_draft(draft, pack, target, allow_personal_data=True, today=TODAY)
    return Package(target)


ENGLISH = ("The labour inspectorate found seventy-four workers in forced labour on farms in the region, and only a third of them "
           "were referred to a counselling centre that could help them with their claims and their residence.")
FRENCH = ("Nous avons travaillé dans les champs pendant des mois sans être payés, et le patron gardait nos passeports dans "
          "son bureau pour que nous ne puissions pas partir de la ferme avant la fin de la saison.")


def test_a_paragraph_in_another_language_is_marked_in_that_language(pack, tmp_path: Path):
    package = _exported(pack, tmp_path, f"# Testimony\n\n{ENGLISH}\n\n{FRENCH}\n")
    marked = {text_of(paragraph)[:20]: {run.find("w:rPr/w:lang", NS).get(f"{W}val") if run.find("w:rPr/w:lang", NS) is not None else None
                                        for run in paragraph.iterfind("w:r", NS)}
              for paragraph, _ in package.body_paragraphs() if text_of(paragraph) in (ENGLISH, FRENCH)}
    assert marked == {ENGLISH[:20]: {None}, FRENCH[:20]: {"fr-FR"}}  # English is the document's language: no mark
    assert package.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(f"{W}val") == "en-GB"
    assert_accessible(package)


def test_skipped_heading_levels_are_closed_up(pack, tmp_path: Path):
    package = _exported(pack, tmp_path, f"# Background\n\n{ENGLISH}\n\n### The law\n\n{ENGLISH}\n\n#### Labour code\n\n{ENGLISH}\n")
    levels = [package.style_name(style_id) for _, style_id in package.body_paragraphs() if package.style_name(style_id).startswith("heading")]
    assert levels == ["heading 1", "heading 2", "heading 3"]
    assert_accessible(package)


def test_an_untitled_draft_still_has_a_title_property(pack, tmp_path: Path):
    draft = read_draft_bytes(f"{ENGLISH}\n".encode(), "notes.txt", pack=pack, mechanism="upr", kind="upr/stakeholder")
    draft = draft.model_copy(update={"title": ""})
    target = tmp_path / "untitled.docx"
    export_draft(draft, pack, target, allow_personal_data=True, today=TODAY)
    assert (Package(target).core.findtext("dc:title", namespaces=NS) or "").strip()


def test_a_logo_added_to_the_reference_document_gets_alternative_text(pack, tmp_path: Path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), (31, 58, 95)).save(logo)
    reference = docx.Document(str(builtin_dir("templates") / "reference.docx"))
    reference.sections[0].header.paragraphs[0].add_run().add_picture(str(logo))  # as an organisation adds its logo in Word
    reference_path = tmp_path / "our-reference.docx"
    reference.save(str(reference_path))
    with zipfile.ZipFile(reference_path) as package:
        before = [picture.get("descr") for name in package.namelist() if name.startswith("word/header")
                  for picture in etree.fromstring(package.read(name)).iter(f"{WP}docPr")]
    assert before and not any(before), "the test needs a logo without alternative text"

    draft = read_draft_bytes(f"# Background\n\n{ENGLISH}\n".encode(), "draft.md", pack=pack)
    target = tmp_path / "with-logo.docx"
    write_docx(draft, [], Properties(title="Forced labour", author="Campo Libero", subject="UPR", language="en"), target, reference=reference_path)
    package = Package(target)
    described = [picture.get("descr") for root in package.xml_parts() for picture in root.iter(f"{WP}docPr")]
    assert described == ["Logo of Campo Libero"]
    assert_accessible(package)
    # And the file passes the accessibility check for alternative text, read back as any upload is.
    from shadowreport.checks import CHECKS, CheckConfig, resolve_rules

    read_back = read_draft_bytes(target.read_bytes(), "with-logo.docx", pack=pack)
    assert [image.alt for image in read_back.word.images] == ["Logo of Campo Libero"]
    assert not list(CHECKS["accessibility.alt-text"].function(read_back, resolve_rules(read_back, pack), CheckConfig(today=TODAY)))


def test_the_checker_of_this_file_would_catch_an_inaccessible_export(tmp_path: Path):
    """assert_accessible is not vacuous: a file with a skipped level, a typed number and 9 pt text fails it."""
    document = docx.Document(str(builtin_dir("templates") / "reference.docx"))
    document.core_properties.title, document.core_properties.language = "Report", "en-GB"
    for child in list(document.element.body):
        if child.tag != f"{W}sectPr":
            document.element.body.remove(child)
    document.add_paragraph("Background", style="Heading 1")
    document.add_paragraph("The law", style="Heading 3")
    document.add_paragraph("1. The Ministry should act.")
    path = tmp_path / "bad.docx"
    document.save(str(path))
    with pytest.raises(AssertionError, match="at level 3 after level 1"):
        assert_accessible(Package(path))
    document.paragraphs[1].style = document.styles["Heading 2"]
    document.save(str(path))
    with pytest.raises(AssertionError, match="1. The Ministry"):
        assert_accessible(Package(path))
    document.paragraphs[2].text = "The Ministry should act."
    document.paragraphs[2].runs[0].font.size = docx.shared.Pt(9)
    document.save(str(path))
    with pytest.raises(AssertionError, match="under 11 pt"):
        assert_accessible(Package(path))


def test_a_table_is_exported_with_its_first_row_as_a_repeating_header(pack, tmp_path: Path):
    table = "| Year | Workers found | Referred |\n|---|---|---|\n| 2024 | 61 | 18 |\n| 2025 | 74 |\n"
    package = _exported(pack, tmp_path, f"# Figures\n\n{ENGLISH}\n\n{table}\n# Recommendations\n\n{ENGLISH}\n")
    tables = list(package.document.iter(f"{W}tbl"))
    assert len(tables) == 1
    rows = [[text_of(cell) for cell in row.iterfind("w:tc", NS)] for row in tables[0].iterfind("w:tr", NS)]
    assert rows == [["Year", "Workers found", "Referred"], ["2024", "61", "18"], ["2025", "74", ""]]  # a short row is padded
    assert [row.find("w:trPr/w:tblHeader", NS) is not None for row in tables[0].iterfind("w:tr", NS)] == [True, False, False]
    # It stands in its section, before the next heading.
    order = [child.tag for child in package.document.find("w:body", NS)]
    assert order.index(f"{W}tbl") < max(i for i, tag in enumerate(order) if tag == f"{W}p")
    assert_accessible(package)
    # Read back as an upload: the accessibility checks find the header row.
    from shadowreport.checks import CHECKS, CheckConfig, resolve_rules

    read_back = read_draft_bytes((tmp_path / "draft.docx").read_bytes(), "draft.docx", pack=pack)
    assert [(t.rows, t.header_row) for t in read_back.word.tables] == [(3, True)]
    assert not list(CHECKS["accessibility.table-header"].function(read_back, resolve_rules(read_back, pack), CheckConfig(today=TODAY)))
