"""Markdown drafts: YAML front matter (mechanism, kind, joint, deadline, language, title), headings,
lists, numbered paragraphs, block quotes, pipe tables and footnotes ([^1] ... [^1]: text)."""

from __future__ import annotations

import re

from ..draft import Note
from ..yamlfile import YamlError, parse_yaml
from .blocks import Block, Heading, TableBlock
from .errors import DraftImportError

FRONT_MATTER_KEYS = {"mechanism", "kind", "joint", "deadline", "language", "title", "session_date"}
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^\s{0,3}([-*+•]|(\d{1,4})[.)])\s+(.*)$")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:\s?(.*)$")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_ESCAPED = re.compile(r"\\([\\`*_\[\]<>|#+\-.!(){}])")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def strip_inline(text: str) -> str:
    """Rendered text: no emphasis marks, link targets, images, HTML tags or comments; escapes resolved."""
    text = _ESCAPED.sub(lambda m: f"\ue010{ord(m.group(1))}\ue011", text)  # "\_" is a literal "_"
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]^][^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"</?[A-Za-z][^>]*>", "", text)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w_])_(?!\s)([^_]+?)(?<!\s)_(?![\w_])", r"\1", text)
    text = re.sub("\ue010(\\d+)\ue011", lambda m: chr(int(m.group(1))), text)
    return " ".join(text.split())


def _with_note_calls(raw: str) -> tuple[str, list[str], list[int]]:
    """Rendered text, and each footnote call with the offset where it stands."""
    parts = _FOOTNOTE_REF.split(raw)  # text, id, text, id, ..., text
    texts, ids = parts[0::2], parts[1::2]
    text, refs, offsets = strip_inline(texts[0]), [], []
    for ref, piece, before in zip(ids, texts[1:], texts):
        refs.append(ref)
        offsets.append(len(text))
        cleaned = strip_inline(piece)
        if cleaned and text and (before[-1:].isspace() or piece[:1].isspace()):
            text += " "
        text += cleaned
    return text, refs, offsets


def split_front_matter(text: str, name: str) -> tuple[dict, str, int]:
    """(metadata, body, number of lines the front matter took)."""
    if not text.startswith("---"):
        return {}, text, 0
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            try:
                data = parse_yaml("\n".join(lines[1:index]), name).data or {}
            except YamlError as error:
                # The YAML layer counts from the line after the opening '---'.
                message = str(error)
                match = re.match(rf"^{re.escape(name)}:(\d+): (.*)$", message, re.S)
                if match:
                    message = f"{name}:{int(match.group(1)) + 1}: front matter: {match.group(2)}"
                raise DraftImportError(message) from None
            if not isinstance(data, dict):
                raise DraftImportError(f"{name}:2: the front matter must be 'key: value' lines.")
            known = {k: v for k, v in data.items() if k in FRONT_MATTER_KEYS}
            return known, "\n".join(lines[index + 1:]), index + 1
    raise DraftImportError(f"{name}:1: the front matter opened with '---' is never closed with another '---' line.")


def read_markdown(text: str, name: str) -> tuple[dict, list, list[Note]]:
    metadata, body, _ = split_front_matter(text, name)
    blocks: list = []
    notes: dict[str, str] = {}
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraph: list[str] = []
    paragraph_style = ["body", None]
    table: list[list[str]] = []
    in_fence = False
    last_note: str | None = None

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            text, refs, offsets = _with_note_calls(" ".join(paragraph))
            blocks.append(Block(text, paragraph_style[0], paragraph_style[1], refs, offsets))
        paragraph = []
        paragraph_style[:] = ["body", None]

    def flush_table() -> None:
        nonlocal table
        if table:
            blocks.append(TableBlock([row for row in table if not all(re.fullmatch(r":?-{2,}:?", c) for c in row if c)]))
        table = []

    previous_blank = True
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            paragraph.append(line.strip())
            continue
        note = _FOOTNOTE_DEF.match(line)
        if note:
            flush()
            last_note = note.group(1)
            notes[last_note] = note.group(2).strip()
            continue
        if last_note and line.startswith(("    ", "\t")) and line.strip():
            notes[last_note] += " " + line.strip()
            continue
        if not line.strip():
            flush()
            flush_table()
            last_note = None
            previous_blank = True
            continue
        last_note = None
        if line.lstrip().startswith("|"):
            flush()
            table.append([strip_inline(cell) for cell in line.strip().strip("|").split("|")])
            continue
        flush_table()
        heading = _HEADING.match(line)
        if heading:
            flush()
            blocks.append(Heading(len(heading.group(1)), strip_inline(heading.group(2))))
            continue
        if paragraph and re.fullmatch(r"\s{0,3}(=+|-+)\s*", line) and len(paragraph) == 1 and paragraph_style[0] == "body":
            blocks.append(Heading(1 if "=" in line else 2, strip_inline(paragraph[0])))
            paragraph = []
            continue
        item = _LIST.match(line)
        if item:
            flush()
            paragraph_style[:] = ["list-item", item.group(2)]
            paragraph.append(item.group(3))
            continue
        if line.lstrip().startswith(">"):
            if paragraph and paragraph_style[0] != "quote":
                flush()
            paragraph_style[0] = "quote"
            paragraph.append(line.lstrip()[1:].strip())
            continue
        paragraph.append(line.strip())
        previous_blank = False
    flush()
    flush_table()
    ordered = {key: position for position, key in enumerate(dict.fromkeys(ref for b in blocks if isinstance(b, Block) for ref in b.note_refs))}
    for block in blocks:
        if isinstance(block, Block):
            kept = [(str(ordered[ref] + 1), offset) for ref, offset in zip(block.note_refs, block.note_offsets) if ref in notes]
            block.note_refs = [ref for ref, _ in kept]
            block.note_offsets = [offset for _, offset in kept]
    note_list = [Note(id=str(ordered[key] + 1), text=strip_inline(notes[key])) for key in ordered if key in notes]
    return metadata, blocks, note_list
