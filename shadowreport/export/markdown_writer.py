"""Write a Draft as Markdown: front matter, cover lines, headings, numbered paragraphs and footnotes.

The result reads back into the same Draft with the Markdown importer.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..draft import Draft
from .cover import CoverBlock


def _escape(text: str) -> str:
    """Text as written: Markdown's own marks are escaped so they print as typed."""
    text = re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
    return re.sub(r"^(#|>|-|\+|\d+[.)])", r"\\\1", text)


def write_markdown(draft: Draft, cover: list[CoverBlock], path: Path) -> None:
    front = {key: value for key, value in {
        "title": draft.title, "mechanism": draft.mechanism, "kind": draft.kind.split("/", 1)[-1] if draft.kind else None,
        "joint": draft.joint, "language": draft.language, "deadline": draft.deadline.isoformat() if draft.deadline else None,
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
            text = "".join(_escape(piece) + (f"[^{ref}]" if ref else "") for piece, ref in paragraph.pieces())
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
