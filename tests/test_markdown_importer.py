"""Markdown drafts: what the importer reads, and hostile files read in bounded time (markdown-it-py)."""

from __future__ import annotations

import re

import pytest

from shadowreport.importers import DraftImportError, read_draft_bytes
from shadowreport.importers.blocks import Block, Heading, TableBlock
from shadowreport.importers.markdown import read_markdown


def paragraphs(text: str) -> list[str]:
    return [block.text for block in read_markdown(text, "hostile.md")[1] if isinstance(block, Block)]


def test_inline_markup_is_read_as_the_text_it_prints():
    text = ("Setext title\n============\n\n"
            "Some *emphasis*, __strong__ and `code`, [a link](https://example.org) ![a chart](c.png)<b>tag</b>"
            "<!-- a comment --> and escapes: \\*not emphasis\\* \\_x\\_ \\[y\\].[^a] Then more.[^b]\n\n"
            "• a pasted Word bullet\n• and another\n\n"
            "| Year | *Cases* |\n|:-----|------:|\n| 2024 | 41 |\n\n"
            "A call of a note never written[^missing] is dropped.\n\n"
            "[^b]: Second, **bold**.\n[^a]: First note,\n    on two lines.\n")
    metadata, blocks, notes = read_markdown(text, "doc.md")
    assert metadata == {} and blocks[0] == Heading(1, "Setext title")
    first = blocks[1]
    assert first.text == "Some emphasis, strong and code, a link tag and escapes: *not emphasis* _x_ [y]. Then more."
    assert first.note_refs == ["1", "2"] and [first.text[:offset][-4:] for offset in first.note_offsets] == ["[y].", "ore."]
    assert [(b.text, b.style) for b in blocks[2:4]] == [("a pasted Word bullet", "list-item"), ("and another", "list-item")]
    assert blocks[4] == TableBlock([["Year", "Cases"], ["2024", "41"]])
    assert blocks[5].text == "A call of a note never written is dropped." and blocks[5].note_refs == []
    assert [(n.id, n.text) for n in notes] == [("1", "First note, on two lines."), ("2", "Second, bold.")]


@pytest.mark.timeout(15)
def test_a_hundred_thousand_open_brackets():
    # The old regexes backtracked on every '[' (over a minute); CommonMark prints them as typed.
    assert paragraphs("[" * 100_000) == ["[" * 100_000]


@pytest.mark.timeout(15)
def test_a_hundred_thousand_open_brackets_then_a_link_target():
    assert paragraphs("[" * 100_000 + "](") == ["[" * 100_000 + "]("]


@pytest.mark.timeout(15)
def test_a_hundred_thousand_note_calls_never_closed():
    text = "Claim " + "[^" * 100_000 + " end.[^1]\n\n[^1]: The source."
    _, blocks, notes = read_markdown(text, "hostile.md")
    assert blocks[0].text == "Claim " + "[^" * 100_000 + " end." and blocks[0].note_refs == ["1"]
    assert [n.text for n in notes] == ["The source."]


@pytest.mark.timeout(15)
@pytest.mark.parametrize("mark", ["*", "_"])
def test_a_hundred_thousand_emphasis_marks(mark: str):
    # A line of them alone is a thematic break; inside a sentence, unmatched marks print as typed.
    assert paragraphs(mark * 100_000 + "\n\nAfter.") == ["After."]
    assert paragraphs(f"Before {mark * 100_000} after.") == [f"Before {mark * 100_000} after."]
    assert paragraphs(f"{mark}a{mark} " * 50_000) == [" ".join(["a"] * 50_000)]


@pytest.mark.timeout(15)
def test_forty_thousand_recommendation_headings():
    # 41 s before: every section was looked up in the list of recommendation sections.
    text = "# Recommendations\n\n" * 40_000 + "- Adopt a plan.\n"
    draft = read_draft_bytes(text.encode(), "hostile.md")
    assert len(draft.sections) == 40_000 and [r.text for r in draft.recommendations] == ["Adopt a plan."]


@pytest.mark.timeout(15)
@pytest.mark.parametrize("nesting", [">" * 100_000, "> " * 50_000, "- " * 50_000, "1. " * 30_000, "> - " * 25_000,
                                     "".join("  " * depth + "- item\n" for depth in range(300))])
def test_deep_nesting_is_refused_in_one_sentence(nesting: str):
    # markdown-it would cut it off and silently drop the rest of the file; it is refused instead.
    with pytest.raises(DraftImportError) as raised:
        read_draft_bytes(f"# Title\n\n{nesting}deep\n\n# After\n\nStill read.\n".encode(), "hostile.md")
    message = str(raised.value)
    assert re.match(r"hostile\.md:(3|8): ", message) and "nested too deep" in message and "\n" not in message


def test_lists_five_deep_are_read_whole():
    text = "".join("  " * depth + f"- level {depth}\n" for depth in range(5)) + "\n> > > > > quoted\n\nAfter.\n"
    assert paragraphs(text) == [f"level {depth}" for depth in range(5)] + ["quoted", "After."]


@pytest.mark.timeout(15)
def test_a_markdown_text_too_large_to_parse_in_bounded_memory_is_refused():
    # 250,000 table rows already take 14 s and 860 MB in markdown-it-py; ten megabytes of them would take gigabytes.
    with pytest.raises(DraftImportError) as raised:
        read_draft_bytes(("a|b\n-|-\n" + "x|y\n" * 300_000).encode(), "huge.md")
    assert str(raised.value).startswith("huge.md: the text is 1,200,008 characters long; Markdown drafts over 1,000,000")
