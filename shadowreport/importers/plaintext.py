"""Plain-text drafts: paragraphs separated by blank lines; short title-like lines are headings."""

from __future__ import annotations

import re

from ..lazy_pattern import LazyPattern
from .blocks import Block, Heading

_NUMBERED = LazyPattern(r"^(\d{1,4})[.)]\s+(.+)$", re.S)
_OUTLINE = LazyPattern(r"^((?:\d+\.)+\d*|[IVXLC]+\.|[A-Z]\.)\s+\S")
_LIST = LazyPattern(r"^\s*([-*•])\s+(.*)$")


def _is_heading(block: str) -> bool:
    if "\n" in block.strip():
        return False
    line = block.strip()
    words = line.split()
    if not words or len(words) > 12 or line[-1] in ".,;!?" or len(line) > 100:
        return False
    return bool(_OUTLINE.match(line)) or line.isupper() or line[0].isupper()


def read_text(text: str) -> list:
    blocks: list = []
    for raw in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        if not raw.strip():
            continue
        lines = [line for line in raw.split("\n") if line.strip()]
        if all(_LIST.match(line) for line in lines):
            blocks.extend(Block(_LIST.match(line).group(2).strip(), "list-item") for line in lines)
            continue
        if _is_heading(raw):
            line = raw.strip()
            outline = _OUTLINE.match(line)
            level = outline.group(1).count(".") if outline and outline.group(1)[0].isdigit() else 1
            blocks.append(Heading(max(1, level), line))
            continue
        joined = " ".join(line.strip() for line in lines)
        numbered = _NUMBERED.match(joined)
        if numbered and len(joined.split()) > 12:
            blocks.append(Block(numbered.group(2).strip(), "body", numbered.group(1)))
        else:
            blocks.append(Block(joined))
    return blocks
