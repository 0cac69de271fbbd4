"""Write a Draft as Markdown: front matter, cover lines, headings, numbered paragraphs and footnotes.

The result reads back into the same Draft with the Markdown importer.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..draft import Draft
from .cover import CoverBlock


# Marks that mean something anywhere in a line. "&" starts an entity: "&amp;" typed by the user
# must print as typed, not as "&".
_INLINE_MARKS = re.compile(r"([\\`*_\[\]<>|&])")
# Markdown cannot hold a line's leading blanks: up to three are dropped, four make a code block
# (which would swallow the next paragraph's indented text too).
_LEADING_BLANKS = re.compile(r"^[ \t]+", re.MULTILINE)
# Marks that mean something at the start of a line: heading, quote, bullet, fence, setext underline.
_LINE_START_MARKS = re.compile(r"^([#>\-+~=])", re.MULTILINE)
# A number and "." or ")" starts an ordered list; CommonMark escapes the punctuation ("12\."),
# a backslash before a digit is not an escape and would print.
_LIST_NUMBER = re.compile(r"^(\d+)([.)])", re.MULTILINE)
# A heading's closing run of "#" is dropped by CommonMark; escaping its first "#" keeps it.
_CLOSING_HASHES = re.compile(r"(?<=[ \t])#(#*)$")


def _escape(text: str) -> str:
    """Text as written: Markdown's own marks are escaped so they print as typed."""
    return _escape_line_start(_escape_inline(text))


def _escape_inline(text: str) -> str:
    return _INLINE_MARKS.sub(r"\\\1", text)


def _escape_line_start(line: str) -> str:
    """A line (already escaped inline) that cannot start a block: list, heading, quote, fence."""
    line = _LINE_START_MARKS.sub(r"\\\1", _LEADING_BLANKS.sub("", line))
    line = _LIST_NUMBER.sub(r"\1\\\2", line)
    return _CLOSING_HASHES.sub(r"\\#\1", line)


def write_markdown(draft: Draft, cover: list[CoverBlock], path: Path) -> None:
    front = {key: value for key, value in {
        "title": draft.title, "mechanism": draft.mechanism, "kind": draft.kind.split("/", 1)[-1] if draft.kind else None,
        "joint": draft.joint, "language": draft.language, "deadline": draft.deadline.isoformat() if draft.deadline else None,
        "round": draft.round,  # GRETA's evaluation round, as the Word export's custom property carries it
    }.items() if value is not None}
    lines = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False).strip(), "---", ""]
    previous = None
    for block in cover:
        if previous == "bullet" and block.style != "bullet":
            lines.append("")  # end the list before the next line
        previous = block.style
        label = f"**{_escape(block.label)}** " if block.label else ""
        if block.style == "title":
            lines += [f"# {_escape(block.text)}", ""]
        elif block.style == "subtitle":
            lines += [f"*{_escape(block.text)}*", ""]
        elif block.style == "bullet":
            lines += [f"- {label}{_escape(block.text)}"]
        else:
            lines += [f"{label}{_escape(block.text)}".rstrip(), ""]
    lines.append("")
    for section in draft.sections:
        lines += [f"{'#' * min(section.level + 1, 6)} {_escape(section.title)}", ""]
        for paragraph in section.paragraphs:
            # Escaped as one line: only the paragraph's start can open a block, not the text after a note call.
            text = _escape_line_start("".join(_escape_inline(piece) + (f"[^{ref}]" if ref else "") for piece, ref in paragraph.pieces()))
            if paragraph.number is not None:
                lines += [f"{paragraph.number}. {text}", ""]
            elif paragraph.style == "list-item":
                lines += [f"- {text}", ""]
            elif paragraph.style == "quote":
                lines += [f"> {text}", ""]
            else:
                lines += [text, ""]
    for note in draft.notes:
        lines.append(f"[^{note.id}]: {_escape(note.text)}")
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
