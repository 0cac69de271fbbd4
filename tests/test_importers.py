"""Every format becomes the same Draft: sections, numbering, notes, tables, annexes, recommendations."""

from __future__ import annotations

import pytest

from shadowreport.importers import DraftImportError, read_draft_bytes

from .docx_builder import build_docx, heading, para, table


def sample_docx() -> bytes:
    return build_docx([
        heading("Submission"),
        para("An unnumbered opening paragraph.", footnote=1),
        para("First numbered paragraph.", num=(1, 0), footnote=2),
        para("A sub-point.", num=(1, 1)),
        para("Second numbered paragraph.", num=(1, 0)),
        para("Numbered through its style.", style="NumberedPara"),
        para("A new list that restarts.", num=(3, 0)),
        para("A quotation.", style="Quote", endnote=1),
        table([["Year", "Identified"], ["2024", "212"]]),
        heading("Recommendations"),
        para("We recommend that:"),
        para("The Ministry of Labour should adopt a plan by 2027.", num=(2, 0)),
        para("The Labour Inspectorate should train 400 inspectors by 2027.", num=(2, 0)),
        heading("Annex 1: Methodology"),
        para("How we collected the cases."),
    ], footnotes={1: "Source one, 2024.", 2: "Source two."}, endnotes={1: "An endnote."})


def test_docx_structure_numbering_and_notes():
    draft = read_draft_bytes(sample_docx(), "report.docx", mechanism="upr", kind="upr/stakeholder")
    first = draft.sections[0]
    assert [s.title for s in draft.sections] == ["Submission", "Recommendations", "Annex 1: Methodology"]
    assert [(p.number, p.style) for p in first.paragraphs] == [
        (None, "body"), ("1", "list-item"), ("(a)", "list-item"), ("2", "list-item"), ("3", "body"), ("1", "list-item"), (None, "quote"),
    ]
    assert [(n.id, n.kind, n.text) for n in draft.notes] == [("1", "footnote", "Source one, 2024."), ("2", "footnote", "Source two."), ("e1", "endnote", "An endnote.")]
    assert first.paragraphs[1].note_refs == ["2"] and first.paragraphs[-1].note_refs == ["e1"]
    assert draft.tables == [[["Year", "Identified"], ["2024", "212"]]]
    assert draft.sections[2].is_annex and not draft.sections[1].is_annex
    assert [r.text for r in draft.recommendations] == [
        "The Ministry of Labour should adopt a plan by 2027.", "The Labour Inspectorate should train 400 inspectors by 2027."]
    assert draft.kind == "upr/stakeholder" and draft.metadata["format"] == "docx"


def test_markdown_front_matter_and_structure():
    text = """---
mechanism: greta
kind: ngo-report
joint: true
deadline: 2027-03-31
language: en
---
# Report to GRETA

1. Most were recruited by people they trusted.[^src] This is **bold** and [a link](https://example.org).
2. Second paragraph.

> A quoted testimony.

| Year | Cases |
|------|-------|
| 2024 | 41    |

## Recommendations

We recommend:

- The Ministry of Interior should adopt a plan by 2027.
- The Federal Police should train officers by 2027.

[^src]: ENPATES review, 2012.
"""
    draft = read_draft_bytes(text.encode(), "report.md")
    assert (draft.mechanism, draft.kind, draft.joint, str(draft.deadline), draft.language) == ("greta", "greta/ngo-report", True, "2027-03-31", "en")
    paragraphs = draft.sections[0].paragraphs
    assert paragraphs[0].text == "Most were recruited by people they trusted. This is bold and a link."
    assert [(p.number, p.style) for p in paragraphs] == [("1", "list-item"), ("2", "list-item"), (None, "quote")]
    assert paragraphs[0].note_refs == ["1"] and draft.notes[0].text == "ENPATES review, 2012."
    assert draft.tables == [[["Year", "Cases"], ["2024", "41"]]]
    assert len(draft.recommendations) == 2


def test_plain_text_headings_and_numbered_paragraphs():
    text = ("SUBMISSION ON TRAFFICKING\n\n1. Introduction\n\n"
            "1. Our organisation has assisted trafficked persons in three regions since 1998 and writes this report.\n\n"
            "Recommendations\n\n- The Ministry of Labour should adopt a plan by 2027.\n- The Police should train officers.\n")
    draft = read_draft_bytes(text.encode(), "report.txt", mechanism="upr", kind="stakeholder")
    assert [s.title for s in draft.sections] == ["SUBMISSION ON TRAFFICKING", "1. Introduction", "Recommendations"]
    assert draft.sections[1].paragraphs[0].number == "1"
    assert len(draft.recommendations) == 2 and draft.kind == "upr/stakeholder"


def test_recommendations_stop_at_the_next_heading_of_the_same_level():
    text = "# Recommendations\n\n## To the Ministry\n\n- Adopt a plan.\n\n# Conclusion\n\n- Not a recommendation.\n"
    draft = read_draft_bytes(text.encode(), "r.md")
    assert [r.text for r in draft.recommendations] == ["Adopt a plan."]
    assert draft.recommendations[0].section == "To the Ministry"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.docx", "the file is empty"),
        (b"", "empty.md", "the file is empty"),
        (b"%PDF-1.7 ...", "report.pdf", "PDF files cannot be checked"),
        (b"caf\xe9 au lait\n", "latin.txt", "latin.txt:1: the file is not UTF-8 text"),
        ("---\nmechanism: [upr\n---\ntext".encode(), "bad.md", "bad.md:3: front matter:"),
        ("---\ndeadline: 2027-02-30\n---\ntext".encode(), "bad.md", "bad.md:2: front matter: '2027-02-30' is not a real date"),
        ("---\ndeadline: soon\n---\ntext".encode(), "bad.md", "'deadline' must be a real date written YYYY-MM-DD"),
        ("---\nmechanism: upr\ntext".encode(), "open.md", "never closed"),
        (b"text\x00\x01\x02binary", "blob.txt", "binary data"),
    ],
)
def test_unusable_text_files_get_one_sentence(data: bytes, name: str, message: str):
    with pytest.raises(DraftImportError) as raised:
        read_draft_bytes(data, name)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_utf16_text_from_notepad_is_read():
    draft = read_draft_bytes("Heading\n\nA paragraph of text.".encode("utf-16"), "notepad.txt")
    assert draft.sections[0].paragraphs[0].text == "A paragraph of text."
