"""Hostile and broken Word files: read what can be read, refuse the rest in one sentence, quickly and
in bounded memory. Numbers in attributes, missing list levels, damaged core properties, deep nesting,
huge parts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shadowreport import cli
from shadowreport.importers import read_draft_bytes

from .docx_builder import ROOT_RELS, W_NS, build_docx, core_properties, heading, numbering_part, para, write_docx_streaming


def lint(capsys, path: Path) -> tuple[int, str, str]:
    code = cli.main(["lint", str(path), "--mechanism", "upr", "--kind", "stakeholder"])
    out, err = capsys.readouterr()
    return code, out, err


def paragraphs(draft) -> list[tuple[str | None, str]]:
    return [(p.number, p.text) for section in draft.sections for p in section.paragraphs]


def one_list(fmt: str = "decimal", start: str = "1", text: str = "%1.") -> str:
    return numbering_part(
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>',
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')


# --- list numbers ------------------------------------------------------------------------------

FORMATS = ["upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "decimal", "decimalZero", "ordinal", "cardinalText", "chicago", "bullet"]
STARTS = ["999999999999", "9" * 5000, "-7", "-" + "9" * 5000, "x", "", "１２", " 4 "]


@pytest.mark.timeout(15)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("start", STARTS, ids=["trillion", "5000-digits", "negative", "negative-5000-digits", "letters", "empty", "fullwidth", "spaces"])
def test_any_list_start_in_any_format_gives_a_short_number_at_once(fmt: str, start: str):
    data = build_docx([heading("Submission"), para("First point.", num=(1, 0)), para("Second point.", num=(1, 0))], numbering=one_list(fmt, start))
    read = paragraphs(read_draft_bytes(data, "report.docx"))
    assert [text for _, text in read] == ["First point.", "Second point."]
    assert all(number is None or len(number) <= 12 for number, _ in read), read


@pytest.mark.timeout(15)
def test_a_list_starting_at_a_trillion_in_roman_numerals_is_linted(capsys, tmp_path: Path):
    path = tmp_path / "roman.docx"
    path.write_bytes(build_docx([heading("Recommendations"), para("The Ministry of Labour should adopt a plan by 2027.", num=(1, 0))],
                                numbering=one_list("upperRoman", "999999999999")))
    code, out, err = lint(capsys, path)
    assert code in (0, 1) and "1 recommendation(s)" in out and err == ""


@pytest.mark.parametrize(("fmt", "start", "first", "second"), [
    ("upperRoman", "3998", "MMMCMXCVIII", "MMMCMXCIX"),
    ("lowerRoman", "3999", "mmmcmxcix", "4000"),  # no roman numeral past 3999: digits
    ("lowerLetter", "26", "z", "aa"),
    ("upperLetter", "52", "ZZ", "AAA"),  # Word repeats the letter: Z, AA, BB ... ZZ, AAA
    ("lowerLetter", "999999999999", "2147483647", "2147483647"),  # clamped, and past zz...z: digits
    ("decimal", "9" * 5000, "2147483647", "2147483647"),
    ("decimal", "-7", "0", "1"),
    ("decimal", "x", "1", "2"),
])
def test_list_numbers_are_shown_as_word_shows_them(fmt: str, start: str, first: str, second: str):
    data = build_docx([heading("Submission"), para("First point.", num=(1, 0)), para("Second point.", num=(1, 0))], numbering=one_list(fmt, start))
    assert paragraphs(read_draft_bytes(data, "report.docx")) == [(first, "First point."), (second, "Second point.")]


# Every attribute of numbering, styles and paragraphs that holds a number, with a placeholder.
NUMBERING_TEMPLATE = numbering_part(
    '<w:abstractNum w:abstractNumId="{abstract}"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="upperRoman"/>'
    '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>',
    '<w:num w:numId="{num}"><w:abstractNumId w:val="{abstract_ref}"/><w:lvlOverride w:ilvl="{override_ilvl}">'
    '<w:startOverride w:val="{override_start}"/></w:lvlOverride></w:num>')
STYLES_TEMPLATE = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Outlined"><w:name w:val="Outlined"/><w:pPr><w:outlineLvl w:val="{style_outline}"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="{style_ilvl}"/><w:numId w:val="{style_num}"/></w:numPr></w:pPr></w:style></w:styles>')
BODY_TEMPLATE = [
    heading("Submission"),
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="{para_ilvl}"/><w:numId w:val="{para_num}"/></w:numPr></w:pPr><w:r><w:t>Directly numbered.</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr><w:r><w:t>Numbered by its style.</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:outlineLvl w:val="{para_outline}"/></w:pPr><w:r><w:t>An outline level.</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:pStyle w:val="Outlined"/></w:pPr><w:r><w:t>An outlined style.</w:t></w:r></w:p>',
]
SOUND = {"abstract": "0", "ilvl": "0", "start": "1", "num": "1", "abstract_ref": "0", "override_ilvl": "0", "override_start": "1",
         "style_ilvl": "0", "style_num": "1", "style_outline": "9", "para_ilvl": "0", "para_num": "1", "para_outline": "9"}
HOSTILE_NUMBERS = {"5000-digits": "9" * 5000, "negative": "-1", "huge-negative": "-999999999999", "trillion": "999999999999",
                   "word": "two", "empty": "", "decimal-point": "1.5", "arabic-indic": "٣", "superscript": "²", "fullwidth": "３"}


@pytest.mark.timeout(15)
@pytest.mark.parametrize("value", HOSTILE_NUMBERS.values(), ids=HOSTILE_NUMBERS.keys())
@pytest.mark.parametrize("attribute", SOUND)
def test_a_hostile_number_in_any_numeric_attribute_still_reads_the_document(attribute: str, value: str):
    values = {**SOUND, attribute: value}
    data = build_docx([part.format(**values) for part in BODY_TEMPLATE],
                      numbering=NUMBERING_TEMPLATE.format(**values), styles=STYLES_TEMPLATE.format(**values))
    draft = read_draft_bytes(data, "report.docx")
    texts = [s.title for s in draft.sections] + [text for _, text in paragraphs(draft)]
    for text in ("Directly numbered.", "Numbered by its style.", "An outline level.", "An outlined style."):
        assert text in texts
    assert all(number is None or len(number) <= 12 for number, _ in paragraphs(draft))


def test_the_sound_template_is_numbered_and_outlined():
    """The control for the test above: with sound values the numbers and outline levels are read."""
    data = build_docx([part.format(**{**SOUND, "para_outline": "1"}) for part in BODY_TEMPLATE],
                      numbering=NUMBERING_TEMPLATE.format(**SOUND), styles=STYLES_TEMPLATE.format(**{**SOUND, "style_outline": "1"}))
    draft = read_draft_bytes(data, "report.docx")
    assert paragraphs(draft)[:2] == [("I", "Directly numbered."), ("II", "Numbered by its style.")]
    assert [s.title for s in draft.sections] == ["Submission", "An outline level.", "An outlined style."]


def test_a_list_level_or_list_the_file_does_not_define_leaves_the_paragraph_unnumbered():
    numbering = numbering_part(
        '<w:abstractNum w:abstractNumId="0">'
        + "".join(f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%{level + 1}."/></w:lvl>' for level in range(3))
        + "</w:abstractNum>",
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="5"><w:abstractNumId w:val="42"/></w:num>')
    data = build_docx([heading("Submission"), para("One.", num=(1, 0)), para("A level that is not defined.", num=(1, 7)),
                       para("Two.", num=(1, 0)), para("A list that is not defined.", num=(99, 0)),
                       para("A list whose definition is missing.", num=(5, 0)), para("Three.", num=(1, 0))], numbering=numbering)
    assert paragraphs(read_draft_bytes(data, "report.docx")) == [
        ("1", "One."), (None, "A level that is not defined."), ("2", "Two."), (None, "A list that is not defined."),
        (None, "A list whose definition is missing."), ("3", "Three.")]


def test_a_list_that_borrows_its_levels_from_a_list_style_is_numbered_by_them():
    numbering = numbering_part(
        '<w:abstractNum w:abstractNumId="10"><w:numStyleLink w:val="OurList"/></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="11"><w:styleLink w:val="OurList"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>',
        '<w:num w:numId="4"><w:abstractNumId w:val="10"/></w:num>')
    data = build_docx([heading("Submission"), para("First.", num=(4, 0)), para("Second.", num=(4, 0))], numbering=numbering)
    assert paragraphs(read_draft_bytes(data, "report.docx")) == [("I", "First."), ("II", "Second.")]


def test_an_overlong_level_text_is_cut_short():
    data = build_docx([heading("Submission"), para("A point.", num=(1, 0))], numbering=one_list("upperRoman", "3888", "%1" * 500_000))
    (number, _), = paragraphs(read_draft_bytes(data, "report.docx"))
    assert number.startswith("MMMDCCCLXXXVIII") and len(number) < 2000


# --- core properties ---------------------------------------------------------------------------

CORE = "docProps/core.xml"


def test_the_title_comes_from_the_core_properties():
    data = build_docx([heading("Submission"), para("Text.")], extra_parts={CORE: core_properties("Our shadow report").encode()})
    assert read_draft_bytes(data, "report.docx").title == "Our shadow report"


@pytest.mark.timeout(15)
@pytest.mark.parametrize("core", [
    b"this is not XML",
    b"<cp:coreProperties xmlns:cp='urn:x'><dc:title>unclosed",
    f'<w:document xmlns:w="{W_NS}" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Not core properties</dc:title></w:document>'.encode(),
    core_properties("Hostile").replace("<dc:title>", "<?pi data?><dc:title>").replace("Hostile", "Title after a processing instruction").encode(),
    b'<!DOCTYPE x [<!ENTITY e "e">]><cp:coreProperties xmlns:cp="urn:x"/>',
    core_properties("x" * (3 * 1024 * 1024)).encode(),
    b"",
], ids=["not-xml", "unclosed", "wrong-root", "processing-instruction", "dtd", "3-MB", "empty"])
def test_damaged_core_properties_do_not_stop_the_document_being_read(core: bytes):
    data = build_docx([heading("Submission"), para("Text.")], extra_parts={CORE: core})
    draft = read_draft_bytes(data, "report.docx")
    assert draft.sections[0].paragraphs[0].text == "Text."
    assert draft.title in ("Submission", "Title after a processing instruction")


@pytest.mark.parametrize(("target", "shown"), [
    ("word/doc&#10;ument.xml", "the .docx has no word/doc ument.xml;"),
    ("word/" + "a" * 3000, "the .docx has no word/aaaa"),
])
def test_a_part_name_from_the_file_is_shown_on_one_short_line(capsys, tmp_path: Path, target: str, shown: str):
    path = tmp_path / "renamed.docx"
    path.write_bytes(build_docx([para("Text.")], root_rels=ROOT_RELS.replace('Target="word/document.xml"', f'Target="{target}"')))
    code, _, err = lint(capsys, path)
    assert code == 2 and shown in err and err.count("\n") == 1 and len(err) < 300


# --- nesting -----------------------------------------------------------------------------------

SDT = ("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>")
NESTINGS = {
    "content-controls": lambda depth: SDT[0] * depth + para("Deep.") + SDT[1] * depth,
    "custom-xml": lambda depth: '<w:customXml w:element="x">' * depth + para("Deep.") + "</w:customXml>" * depth,
    "hyperlinks": lambda depth: "<w:p>" + "<w:hyperlink>" * depth + "<w:r><w:t>Deep.</w:t></w:r>" + "</w:hyperlink>" * depth + "</w:p>",
    "smart-tags": lambda depth: "<w:p>" + '<w:smartTag w:element="x">' * depth + "<w:r><w:t>Deep.</w:t></w:r>" + "</w:smartTag>" * depth + "</w:p>",
    "run-content-controls": lambda depth: "<w:p>" + SDT[0] * depth + "<w:r><w:t>Deep.</w:t></w:r>" + SDT[1] * depth + "</w:p>",
    "tables": lambda depth: "<w:tbl><w:tr><w:tc>" * depth + para("Deep.") + "</w:tc></w:tr></w:tbl>" * depth,
}


@pytest.mark.timeout(15)
@pytest.mark.parametrize("nest", NESTINGS.values(), ids=NESTINGS.keys())
def test_five_thousand_nested_elements_are_refused_in_one_sentence(capsys, tmp_path: Path, nest):
    path = tmp_path / "nested.docx"
    path.write_bytes(build_docx([heading("Submission"), nest(5000)]))
    code, out, err = lint(capsys, path)
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err and "word/document.xml nests its elements more than 256 levels deep" in err


@pytest.mark.parametrize("nest", NESTINGS.values(), ids=NESTINGS.keys())
def test_nesting_as_deep_as_the_parser_allows_is_read(nest):
    draft = read_draft_bytes(build_docx([heading("Submission"), nest(50)]), "report.docx")
    found = [text for _, text in paragraphs(draft)] + [cell for table in draft.tables for row in table for cell in row]
    assert found == ["Deep."]


def test_nested_tables_read_each_paragraph_once():
    inner = "<w:tbl><w:tr><w:tc>" + para("Inner.") + "</w:tc><w:tc>" + para("Beside.") + "</w:tc></w:tr></w:tbl>"
    outer = "<w:tbl><w:tr><w:tc>" + para("Before.") + inner + para("After.") + "</w:tc><w:tc>" + para("Second cell.") + "</w:tc></w:tr></w:tbl>"
    draft = read_draft_bytes(build_docx([heading("Submission"), outer]), "report.docx")
    assert draft.tables == [[["Before. Inner. Beside. After.", "Second cell."]]]


def test_a_note_with_paragraphs_nested_in_paragraphs_reads_each_once():
    nested = "<w:p>" + "".join(f"<w:r><w:t xml:space='preserve'>w{i} </w:t></w:r><w:p>" for i in range(200)) + "</w:p>" * 201
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
                 f'<w:footnote w:id="1">{nested}</w:footnote></w:footnotes>')
    draft = read_draft_bytes(build_docx([heading("Submission"), para("Text.", footnote=1)], footnotes_part=footnotes), "report.docx")
    assert draft.notes[0].text.split() == [f"w{i}" for i in range(200)]


# --- many notes -----------------------------------------------------------------------------------


@pytest.mark.timeout(20)
def test_fifty_thousand_note_references_in_a_paragraph_take_linear_time():
    runs = "".join(f'<w:r><w:t xml:space="preserve">word{i} </w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>' for i in range(50_000))
    draft = read_draft_bytes(build_docx([heading("Submission"), f"<w:p>{runs}</w:p>"], footnotes={1: "A source."}), "report.docx")
    paragraph = draft.sections[0].paragraphs[0]
    assert len(paragraph.note_refs) == 50_000
    assert paragraph.note_offsets[:3] == [5, 11, 17] and paragraph.text[: paragraph.note_offsets[2]] == "word0 word1 word2"


@pytest.mark.timeout(20)
def test_thirty_thousand_footnotes_are_numbered_in_linear_time():
    draft = read_draft_bytes(build_docx([heading("Submission"), *(para(f"Paragraph {i}.", footnote=i + 1) for i in range(30_000))],
                                        footnotes={i + 1: f"Source {i}." for i in range(30_000)}), "report.docx")
    assert len(draft.notes) == 30_000 and draft.notes[-1].id == "30000" and draft.notes[-1].text == "Source 29999."


# --- size: refused by what it unpacks to, in bounded memory ----------------------------------------

MEASURED_LINT = """
import json, resource, subprocess, sys
result = subprocess.run([sys.executable, "-c", "import sys; from shadowreport import cli; sys.exit(cli.main(sys.argv[1:]))",
                         "lint", sys.argv[1], "--mechanism", "upr", "--kind", "stakeholder"], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux
print(json.dumps({"code": result.returncode, "out": result.stdout, "err": result.stderr, "peak_mb": peak}))
"""


def lint_in_a_process(path: Path) -> dict:
    """`shadowreport lint` in a process of its own, with its peak memory (MB)."""
    measured = subprocess.run([sys.executable, "-c", MEASURED_LINT, str(path)], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(measured.stdout)


def realistic_paragraphs(megabytes: float):
    """Word-like paragraphs, varied enough to compress 30 to 1 (not the 150 to 1 of a zip bomb)."""
    size, i = 0, 0
    while size < megabytes * 1024 * 1024:
        paragraph = (f'<w:p w:rsidR="00A1{i % 9999:04d}"><w:pPr><w:spacing w:after="120"/></w:pPr><w:r><w:rPr><w:sz w:val="22"/></w:rPr>'
                     f'<w:t xml:space="preserve">Paragraph {i}: the Ministry of Labour should adopt a referral mechanism by {2000 + i % 97}, '
                     f'measured by {i * 7 % 1000} persons referred.</w:t></w:r></w:p>')
        size, i = size + len(paragraph), i + 1
        yield paragraph


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kB on Linux")
@pytest.mark.timeout(60)
def test_a_95_mb_document_is_refused_by_its_unpacked_size_in_little_memory(tmp_path: Path):
    path = tmp_path / "huge.docx"
    write_docx_streaming(path, realistic_paragraphs(94.9))
    assert path.stat().st_size < 10 * 1024 * 1024  # it passes the 30 MB check on the file itself
    result = lint_in_a_process(path)
    assert result["code"] == 2 and result["out"] == "" and result["err"].count("\n") == 1
    assert f"{path}: the Word markup unpacks to more than 32 MB (word/document.xml alone is 95 MB)" in result["err"]
    assert result["peak_mb"] < 500, result


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kB on Linux")
@pytest.mark.timeout(60)
def test_millions_of_tiny_elements_are_refused_by_their_count_in_little_memory(tmp_path: Path):
    # 9.4 MB of one-letter paragraphs: under the 10 MB above which the zip-bomb ratio is checked,
    # yet 1.7 million nodes in memory and 290,000 paragraphs.
    path = tmp_path / "tiny.docx"
    write_docx_streaming(path, ("<w:p><w:r><w:t>x</w:t></w:r></w:p>" for _ in range(290_000)))
    result = lint_in_a_process(path)
    assert result["code"] == 2 and result["err"].count("\n") == 1
    assert f"{path}: word/document.xml holds 1,740,010 tags and attributes, which takes the Word markup past the 1,000,000" in result["err"]
    assert result["peak_mb"] < 500, result
