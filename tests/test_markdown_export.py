"""Markdown export prints every text as typed: what the writer escapes, the importer reads back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from shadowreport.draft import Draft, DraftSection, Note, Paragraph
from shadowreport.export.markdown_writer import write_markdown
from shadowreport.importers import read_draft_bytes

# Texts a user types that look like Markdown at the start of a line or anywhere in it.
TYPED = [
    "12. The State party should act.",  # a list start: escaped as CommonMark does ("12\."), never "\12."
    "3) also a list start",
    "1986. was the year",
    "Tom &amp; Jerry",  # an entity typed as text stays an entity's text
    "AT&T and &copy; and &#169;",
    "~~~ not a fence",
    "``` not a fence either",
    "=== not an underline",
    "# not a heading",
    "- not a bullet",
    "> not a quote",
    "ends with a closing hash #",
    "a\\b *c* [x] <y> `z` _u_ |p| [^1]",
]


def _read_back(draft: Draft, tmp_path: Path) -> Draft:
    target = tmp_path / "x.md"
    write_markdown(draft, [], target)
    return read_draft_bytes(target.read_bytes(), "x.md")


@pytest.mark.parametrize("text", TYPED)
def test_body_paragraph_reads_back_as_typed(text: str, tmp_path: Path):
    draft = Draft(source="t", sections=[DraftSection(title="Section", paragraphs=[Paragraph(text=text), Paragraph(text="Next paragraph.")])])
    again = _read_back(draft, tmp_path)
    assert [p.text for s in again.sections for p in s.paragraphs] == [text, "Next paragraph."]


@pytest.mark.parametrize("text", TYPED)
def test_heading_numbered_paragraph_and_note_read_back_as_typed(text: str, tmp_path: Path):
    draft = Draft(source="t", sections=[DraftSection(title=text, paragraphs=[Paragraph(text=text, number="7", note_refs=["1"])])],
                  notes=[Note(id="1", text=text)])
    again = _read_back(draft, tmp_path)
    assert [s.title for s in again.sections] == [text]
    assert [(p.text, p.number) for p in again.sections[0].paragraphs] == [(text, "7")]
    assert [n.text for n in again.notes] == [text]


def test_indented_paragraphs_stay_apart(tmp_path: Path):
    """Four leading spaces would make a code block that swallows the next indented paragraph too."""
    draft = Draft(source="t", sections=[DraftSection(title="S", paragraphs=[Paragraph(text="    first"), Paragraph(text="\tsecond")])])
    assert [p.text for p in _read_back(draft, tmp_path).sections[0].paragraphs] == ["first", "second"]


def test_text_after_a_note_call_is_not_escaped_as_a_line_start(tmp_path: Path):
    draft = Draft(source="t", sections=[DraftSection(title="S", paragraphs=[Paragraph(text="See 12. below", note_refs=["1"], note_offsets=[4])])],
                  notes=[Note(id="1", text="Source.")])
    target = tmp_path / "x.md"
    write_markdown(draft, [], target)
    assert "See [^1]12. below" in target.read_text(encoding="utf-8")
    assert _read_back(draft, tmp_path).sections[0].paragraphs[0].text == "See 12. below"
