"""Markdown drafts: YAML front matter (mechanism, kind, joint, deadline, language, title), headings,
lists, numbered paragraphs, block quotes, pipe tables and footnotes ([^1] ... [^1]: text).

Parsed by markdown-it-py (CommonMark, linear time) with its front-matter and footnote plugins, so a
hostile file (100,000 '[' or '*' in a row, quotes nested 100,000 deep) is read in bounded time.
"""

from __future__ import annotations

import datetime as dt
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_ref
from mdit_py_plugins.front_matter import front_matter_plugin

from ..draft import Note
from ..lazy_pattern import LazyPattern
from ..yamlfile import YamlError, parse_yaml
from .blocks import Block, Heading, TableBlock
from .errors import DraftImportError

FRONT_MATTER_KEYS = {"mechanism", "kind", "joint", "deadline", "language", "title", "session_date", "cycle", "round"}
# markdown-it-py keeps every token in memory (about 300 bytes each, up to one token for every byte
# or two of a hostile table): a larger text would take minutes and gigabytes. A million characters
# is some 150,000 words, five times the longest report anyone submits.
MAX_MARKDOWN_CHARS = 1_000_000
# Quotes and lists nested deeper than this are refused (lists five deep still read), and inline
# markup deeper than this is read as plain text: 100,000 nested quotes or '![' in a row stay fast,
# and the parser's recursion stays far below Python's limit.
MAX_NESTING = 12
# The footnote plugin looks for a label's ']' up to the end of the paragraph, from every '[^':
# quadratic on 100,000 '[^' in a row. Real labels ("1", "ev-recruit") are short.
MAX_NOTE_LABEL = 100
# Word's bullet, pasted into a Markdown file, is read as a list marker as it always was here.
_WORD_BULLET = LazyPattern(r"^( {0,3})•(?=[ \t])", re.MULTILINE)


def _bounded_footnote_ref(state, silent: bool) -> bool:
    start = state.pos
    if not state.src.startswith("[^", start) or state.src.find("]", start + 2, min(state.posMax, start + 2 + MAX_NOTE_LABEL)) < 0:
        return False
    # Calls of notes that are never defined are matched too, and dropped below, as they always were.
    return footnote_ref(state, silent, always_match=True)


_PARSER = (
    MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    .enable("table")
    .use(front_matter_plugin)
    .use(footnote_plugin, inline=False, move_to_end=False)
)
_PARSER.inline.ruler.at("footnote_ref", _bounded_footnote_ref)


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _tokenize_blocks(state, start_line: int, end_line: int, _tokenize=_PARSER.block.tokenize) -> None:
    # markdown-it would silently drop everything after a too-deep container; refuse the file instead.
    if state.level >= MAX_NESTING:
        raise _TooDeep(start_line + 1)
    _tokenize(state, start_line, end_line)


_PARSER.block.tokenize = _tokenize_blocks


def _rendered(children: list[Token]) -> tuple[str, list[str], list[int]]:
    """Text as it prints (no emphasis marks, link targets, images or HTML), each note call's label,
    and the offset where the call stands in that text."""
    pieces: list[list[str]] = [[]]
    labels: list[str] = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            pieces[-1].append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pieces[-1].append(" ")
        elif child.type == "footnote_ref":
            labels.append(child.meta["label"])
            pieces.append([])
    raw = ["".join(piece) for piece in pieces]
    text, offsets = " ".join(raw[0].split()), []
    for before, piece in zip(raw, raw[1:]):
        offsets.append(len(text))
        cleaned = " ".join(piece.split())
        if cleaned and text and (before[-1:].isspace() or piece[:1].isspace()):
            text += " "
        text += cleaned
    return text, labels, offsets


# Front matter as most drafts write it: a few "key: word" or "key: date" lines (mechanism: upr, joint:
# true, deadline: 2027-03-31). Read here as YAML reads them, they spare a lint importing PyYAML (some
# 13 ms); anything else (quotes, spaces, capitals, comments, YAML's yes/no/on/off/null words, an
# impossible date, a key given twice) is left to the YAML reader and its messages.
_SIMPLE_LINE = LazyPattern(r"([a-z_]+): ([a-z][a-z0-9/_-]*|[0-9]{4}-[0-9]{2}-[0-9]{2})")
_YAML_WORDS = {"yes", "no", "on", "off", "null"}


def _simple_front_matter(content: str) -> dict | None:
    """The front matter when every line is a simple "key: value", as YAML reads it; None otherwise."""
    data: dict = {}
    for line in content.splitlines():
        match = _SIMPLE_LINE.fullmatch(line)
        if match is None or match[1] in data or match[2] in _YAML_WORDS:
            return None
        key, value = match.groups()
        if value[0].isdigit():
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return None
        elif value in ("true", "false"):
            value = value == "true"
        data[key] = value
    return data


def _front_matter(content: str, name: str) -> dict:
    try:
        data = _simple_front_matter(content)
        if data is None:
            data = parse_yaml(content, name).data or {}
    except YamlError as error:
        # The YAML layer counts from the line after the opening '---'.
        message = str(error)
        match = re.match(rf"^{re.escape(name)}:(\d+): (.*)$", message, re.S)
        if match:
            message = f"{name}:{int(match.group(1)) + 1}: front matter: {match.group(2)}"
        raise DraftImportError(message) from None
    if not isinstance(data, dict):
        raise DraftImportError(f"{name}:2: the front matter must be 'key: value' lines.")
    return {key: value for key, value in data.items() if key in FRONT_MATTER_KEYS}


def read_markdown(text: str, name: str) -> tuple[dict, list, list[Note]]:
    if len(text) > MAX_MARKDOWN_CHARS:
        raise DraftImportError(f"{name}: the text is {len(text):,} characters long; Markdown drafts over {MAX_MARKDOWN_CHARS:,} characters (about 150,000 words) are refused.")
    try:
        tokens = _PARSER.parse(_WORD_BULLET.sub(r"\1-", text))
    except _TooDeep as error:
        raise DraftImportError(f"{name}:{error.line}: quotes or lists are nested too deep to read (more than five lists inside one another).") from None
    metadata: dict = {}
    if tokens and tokens[0].type == "front_matter":
        metadata = _front_matter(tokens[0].content, name)
    elif text.startswith("---"):
        raise DraftImportError(f"{name}:1: the front matter opened with '---' is never closed with another '---' line.")

    blocks: list[Heading | Block | TableBlock] = []
    notes: dict[str, list[str]] = {}
    note_label: str | None = None  # inside this footnote's definition
    quotes = 0
    items: list[list] = []  # each open list item: [its number (None for a bullet), its first paragraph still to come]
    heading_level: int | None = None
    rows: list[list[str]] = []
    in_cell = False
    for token in tokens:
        kind = token.type
        if kind == "footnote_reference_open":
            note_label = token.meta["label"]
            notes[note_label] = []
        elif kind == "footnote_reference_close":
            note_label = None
        elif kind in ("blockquote_open", "blockquote_close"):
            quotes += token.nesting
        elif kind == "list_item_open":
            items.append([token.info or None, True])
        elif kind == "list_item_close":
            items.pop()
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = None
        elif kind == "tr_open":
            rows.append([])
        elif kind in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = token.nesting == 1
        elif kind == "table_close":
            blocks.append(TableBlock(rows))
            rows = []
        elif kind in ("inline", "fence", "code_block", "html_block"):
            if kind == "inline":
                children = token.children or []
            elif kind == "html_block":  # tags and comments dropped, any text between them kept
                children = _PARSER.parseInline(token.content)[0].children or []
            else:
                children = [Token("text", "", 0, content=token.content)]
            rendered, labels, offsets = _rendered(children)
            if note_label is not None:
                notes[note_label].append(rendered)
            elif heading_level is not None:
                blocks.append(Heading(heading_level, rendered))
            elif in_cell:
                rows[-1].append(rendered)
            elif items and items[-1][1]:
                blocks.append(Block(rendered, "list-item", items[-1][0], labels, offsets))
                items[-1][1] = False
            else:
                blocks.append(Block(rendered, "quote" if quotes else "body", None, labels, offsets))

    # Notes are numbered in the order they are first called; calls of notes never defined are dropped.
    order: dict[str, str] = {}
    for block in blocks:
        if isinstance(block, Block):
            kept = [(label, offset) for label, offset in zip(block.note_refs, block.note_offsets) if label in notes]
            for label, _ in kept:
                order.setdefault(label, str(len(order) + 1))
            block.note_refs = [order[label] for label, _ in kept]
            block.note_offsets = [offset for _, offset in kept]
    return metadata, blocks, [Note(id=number, text=" ".join(t for t in notes[label] if t)) for label, number in order.items()]
