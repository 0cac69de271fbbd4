"""Word (.docx) drafts, read safely from the package's XML.

A .docx from outside is untrusted. Before anything is parsed the file must be a ZIP package of
reasonable declared size (no zip bombs), not an encrypted (password-protected) or old binary Word
file, and its XML may not declare a DTD or entities (Word never writes them; they are how external
entity and "billion laughs" attacks work). Parsing uses lxml with entities, DTDs and network access
off. We read the parts directly, rather than through python-docx's object model, because we need
what it does not offer (footnotes, endnotes, computed list numbers) and only need to read.

Inside the XML nothing is trusted either: memory is bounded by a budget on the markup parsed (its
size unpacked and its count of tags and attributes, each of which becomes a node in memory); numbers
in attributes are read by `_decimal`, which never converts thousands of digits and clamps what it
returns, so counters, level loops and roman numerals stay small; nesting is walked without recursion.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from posixpath import dirname, join, normpath

from lxml import etree

from ..draft import Note
from .blocks import Block, Heading, TableBlock
from .errors import DraftImportError
from .layout import page_layout
from .word_accessibility import word_accessibility
from .word_styles import paragraph_styles

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MAX_PARTS = 3000
MAX_TOTAL_UNCOMPRESSED = 300 * 1024 * 1024
MAX_PART = 100 * 1024 * 1024
MAX_RATIO = 150
# The XML we parse (document, styles, numbering, notes), together. Word writes ~16 bytes of markup a
# tag or attribute and ~400 a paragraph, so the budget is some 40,000 paragraphs, over 2,000 pages.
# Each tag, attribute or text becomes a node of up to ~200 bytes in lxml, so their count, not only the
# size, bounds memory: a file of '<w:p/>' is a node every 6 bytes (peak under 350 MB at the limits).
MAX_XML_BYTES = 32 * 1024 * 1024
MAX_MARKUP = 1_000_000
MAX_PROPERTIES_BYTES = 1024 * 1024  # docProps/core.xml is a few hundred bytes in real files
WORD_LEVELS = 9  # list levels 0..8, as Word defines them
LARGEST_NUMBER = 2**31 - 1  # list numbers and ids are clamped here: no real list comes near it
MAX_FURNITURE = 48  # headers and footers read for images: three per section, sixteen sections
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)


def read_docx(data: bytes, name: str) -> tuple[dict, list, list[Note]]:
    package = _open_package(data, name)
    budget = _Budget()
    try:
        main_path = _main_document_path(package, name, budget)
        document = _xml(package, main_path, name, budget, required=True)
        folder = dirname(main_path)
        targets = _relationship_targets(package, main_path, name, budget)
        styles_root = _xml(package, targets.get("styles", join(folder, "styles.xml")), name, budget)
        styles = _Styles(styles_root)
        theme = _xml(package, targets["theme"], name, budget) if "theme" in targets else None
        numbering = _Numbering(_xml(package, targets.get("numbering", join(folder, "numbering.xml")), name, budget))
        footnotes = _notes(_xml(package, targets.get("footnotes", join(folder, "footnotes.xml")), name, budget), "footnote")
        endnotes = _notes(_xml(package, targets.get("endnotes", join(folder, "endnotes.xml")), name, budget), "endnote")
        metadata = {**_core_properties(package, name), **_custom_properties(package, name)}
        furniture = [_xml(package, path, name, budget) for path in _furniture_paths(package, main_path, name, budget)]
    finally:
        package.close()

    body = document.find(f"{W}body")
    if body is None:
        raise DraftImportError(f"{name}: the Word document has no body; the file is damaged.")
    reader = _BodyReader(styles, numbering)
    reader.read(body)
    metadata = {**metadata, "layout": page_layout(document, styles_root, theme),
                "word": word_accessibility(document, styles_root, metadata, furniture)}  # before the cover's line stands in for a title
    if reader.cover:
        metadata = {**metadata, "cover": reader.cover}
        metadata.setdefault("title", reader.cover[0])
    notes = []
    numbers: dict[tuple[str, str], str] = {}
    counted = {"footnote": 0, "endnote": 0}
    for kind, note_id in reader.note_order:
        texts = footnotes if kind == "footnote" else endnotes
        if note_id in texts and (kind, note_id) not in numbers:
            counted[kind] += 1
            shown = str(counted[kind]) if kind == "footnote" else f"e{counted[kind]}"
            numbers[(kind, note_id)] = shown
            notes.append(Note(id=shown, text=texts[note_id], kind=kind))
    for block in reader.blocks:
        if isinstance(block, Block):
            kept = [(numbers[ref], offset) for ref, offset in zip(block.note_refs, block.note_offsets) if ref in numbers]
            block.note_refs = [ref for ref, _ in kept]
            block.note_offsets = [offset for _, offset in kept]
    return metadata, reader.blocks, notes


# --- the package ------------------------------------------------------------------------------


def _open_package(data: bytes, name: str) -> zipfile.ZipFile:
    if not data:
        raise DraftImportError(f"{name}: the file is empty.")
    if data.startswith(OLE_MAGIC):
        if _utf16(b"EncryptionInfo") in data or _utf16(b"EncryptedPackage") in data:
            raise DraftImportError(f"{name}: the Word file is password-protected; remove the password in Word (File > Info > Protect Document) and try again.")
        raise DraftImportError(f"{name}: this is an old Word (.doc) file; open it in Word or LibreOffice and save it as .docx.")
    if not data.startswith(b"PK"):
        raise DraftImportError(f"{name}: not a Word .docx file (a .docx is a ZIP package; this file is something else).")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        entries = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise DraftImportError(f"{name}: the .docx file is damaged and cannot be opened ({_shown(str(error))}).") from None
    if len(entries) > MAX_PARTS:
        raise DraftImportError(f"{name}: the .docx has {len(entries)} parts, far more than a document has; refused for safety.")
    total = sum(entry.file_size for entry in entries)
    for entry in entries:
        if entry.file_size > MAX_PART or (entry.file_size > 10 * 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)):
            raise DraftImportError(f"{name}: the part {_shown(entry.filename)} would unpack to {entry.file_size // (1024 * 1024)} MB (a 'zip bomb'); refused for safety.")
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise DraftImportError(f"{name}: the .docx would unpack to {total // (1024 * 1024)} MB; refused for safety.")
    return package


def _shown(text: str, limit: int = 80) -> str:
    """A part name or library message as it may appear in our one-line answer: the names come from
    the file, which may put line breaks or a thousand characters in them."""
    text = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _utf16(text: bytes) -> bytes:
    return text.decode("ascii").encode("utf-16-le")


@dataclass
class _Budget:
    """What the XML parts still to be parsed may spend, so memory stays bounded whatever the file holds."""

    bytes_left: int = MAX_XML_BYTES
    markup_left: int = MAX_MARKUP


def _read_part(package: zipfile.ZipFile, path: str, name: str, budget: _Budget) -> bytes | None:
    try:
        declared = package.getinfo(path).file_size
    except KeyError:
        return None
    if declared > budget.bytes_left:
        raise DraftImportError(f"{name}: the Word markup unpacks to more than {MAX_XML_BYTES // (1024 * 1024)} MB ({_shown(path)} alone is {-(-declared // (1024 * 1024))} MB), far more than any report; refused for safety.")
    try:
        with package.open(path) as stream:
            raw = stream.read(budget.bytes_left + 1)  # the declared size may lie; never read past the budget
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as error:
        raise DraftImportError(f"{name}: the part {_shown(path)} of the .docx is damaged ({_shown(str(error))}).") from None
    if len(raw) > budget.bytes_left:
        raise DraftImportError(f"{name}: the part {_shown(path)} unpacks to more than its stated size; the file is damaged or hostile, refused for safety.")
    budget.bytes_left -= len(raw)
    return raw


def _xml(package: zipfile.ZipFile, path: str, name: str, budget: _Budget, required: bool = False):
    raw = _read_part(package, path, name, budget)
    if raw is None:
        if required:
            raise DraftImportError(f"{name}: the .docx has no {_shown(path)}; it is not a Word document or is damaged.")
        return None
    if re.search(rb"<!(DOCTYPE|ENTITY)", raw[:65536], re.IGNORECASE) or b"<!ENTITY" in raw:
        raise DraftImportError(f"{name}: {_shown(path)} declares a DTD or entities, which Word never writes; refused for safety.")
    markup = raw.count(b"<") + raw.count(b"=")  # an upper bound on the elements, texts and attributes lxml will build
    if markup > budget.markup_left:
        raise DraftImportError(f"{name}: {_shown(path)} holds {markup:,} tags and attributes, which takes the Word markup past the {MAX_MARKUP:,} this tool reads (thousands of pages); refused for safety.")
    budget.markup_left -= markup
    try:
        return etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as error:
        if "depth" in (error.msg or "").lower():
            raise DraftImportError(f"{name}: {_shown(path)} nests its elements more than 256 levels deep, far deeper than Word writes; refused for safety.") from None
        raise DraftImportError(f"{name}: {_shown(path)} is not well-formed XML (line {error.lineno}); the file is damaged.") from None


def _main_document_path(package: zipfile.ZipFile, name: str, budget: _Budget) -> str:
    rels = _xml(package, "_rels/.rels", name, budget)
    if rels is not None:
        for relation in rels.iter(f"{REL}Relationship"):
            if relation.get("Type") == OFFICE_DOCUMENT and relation.get("TargetMode") != "External":
                return normpath(relation.get("Target", "").lstrip("/"))
    return "word/document.xml"


def _relationship_targets(package: zipfile.ZipFile, part: str, name: str, budget: _Budget) -> dict[str, str]:
    rels = _xml(package, join(dirname(part), "_rels", part.rsplit("/", 1)[-1] + ".rels"), name, budget)
    targets: dict[str, str] = {}
    if rels is None:
        return targets
    for relation in rels.iter(f"{REL}Relationship"):
        if relation.get("TargetMode") == "External":
            continue
        kind = relation.get("Type", "").rsplit("/", 1)[-1]
        target = relation.get("Target", "")
        targets[kind] = normpath(target.lstrip("/") if target.startswith("/") else join(dirname(part), target))
    return targets


def _furniture_paths(package: zipfile.ZipFile, part: str, name: str, budget: _Budget) -> list[str]:
    """The headers and footers of the main document (a logo lives there), at most a few dozen."""
    rels = _xml(package, join(dirname(part), "_rels", part.rsplit("/", 1)[-1] + ".rels"), name, budget)
    if rels is None:
        return []
    paths = []
    for relation in rels.iter(f"{REL}Relationship"):
        if relation.get("TargetMode") != "External" and relation.get("Type", "").rsplit("/", 1)[-1] in ("header", "footer"):
            target = relation.get("Target", "")
            paths.append(normpath(target.lstrip("/") if target.startswith("/") else join(dirname(part), target)))
    return sorted(set(paths))[:MAX_FURNITURE]


def _core_properties(package: zipfile.ZipFile, name: str) -> dict:
    """The title and language Word keeps in docProps/core.xml. They are a convenience only, so a
    damaged, foreign or oversized part is passed over and the document is still read, as Word does."""
    try:
        root = _xml(package, "docProps/core.xml", name, _Budget(MAX_PROPERTIES_BYTES, MAX_PROPERTIES_BYTES // 4))
    except DraftImportError:
        return {}
    if root is None or etree.QName(root).localname != "coreProperties":
        return {}
    found = {}
    for element in root:
        if not isinstance(element.tag, str):  # a processing instruction
            continue
        local = etree.QName(element).localname
        if local in ("title", "language") and element.text and element.text.strip():
            found[local] = element.text.strip()[:300]
    return found


CUSTOM_PREFIX = "Shadow Report "  # as export/wordml/custom.py names them
CUSTOM_FIELDS = {"mechanism", "kind", "joint", "language", "project", "round", "cycle", "sections"}
MAX_SECTION_IDS = 500  # headings our export names by section id; a real report has a few dozen


def _custom_properties(package: zipfile.ZipFile, name: str) -> dict:
    """What our own export says the file is for (docProps/custom.xml): mechanism, kind, joint, language, project, round,
    cycle, and the section id of each heading.
    Like the core properties, a convenience: a damaged or foreign part is passed over."""
    try:
        root = _xml(package, "docProps/custom.xml", name, _Budget(MAX_PROPERTIES_BYTES, MAX_PROPERTIES_BYTES // 4))
    except DraftImportError:
        return {}
    if root is None or etree.QName(root).localname != "Properties":
        return {}
    found: dict = {}
    for element in root:
        if not isinstance(element.tag, str) or etree.QName(element).localname != "property":
            continue
        field = (element.get("name") or "").removeprefix(CUSTOM_PREFIX)
        value = next((child for child in element if isinstance(child.tag, str)), None)
        if field not in CUSTOM_FIELDS or value is None or not (value.text or "").strip():
            continue
        if field == "sections":
            found[field] = _section_ids(value.text)
            continue
        text = value.text.strip()[:300]
        found[field] = text.lower() in ("true", "1") if etree.QName(value).localname == "bool" else text
    return found


def _section_ids(text: str) -> list[tuple[str, str]]:
    """The (section id, heading) pairs our export lists, in order; anything else in the property gives none."""
    try:
        pairs = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: a hostile file's thousands of nested brackets
        return []
    if not isinstance(pairs, list):
        return []
    return [(pair[0][:100], pair[1][:1000]) for pair in pairs[:MAX_SECTION_IDS]
            if isinstance(pair, list) and len(pair) == 2 and all(isinstance(item, str) and item.strip() for item in pair)]


def _notes(root, kind: str) -> dict[str, str]:
    if root is None:
        return {}
    notes = {}
    for note in root.iter(f"{W}{kind}"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = [_paragraph_text(p)[0] for p in _outer_paragraphs(note)]  # the note's own text
        notes[note.get(f"{W}id", "")] = " ".join(p for p in paragraphs if p).strip()
    return notes


# --- numbers in attributes -------------------------------------------------------------------

_DECIMAL = re.compile(r"\s*([+-]?)0*([0-9]+)\s*")


def _decimal(value: str | None, lowest: int, highest: int) -> int | None:
    """An attribute holding a number (ST_DecimalNumber), clamped to [lowest, highest]; None when it
    is missing or not a number. A file may write thousands of digits: int() refuses those (Python
    3.11+), and even a 12-digit list start would make counters, level loops and roman numerals run
    for ever, so long values are clamped without being converted."""
    match = _DECIMAL.fullmatch(value or "")
    if match is None:
        return None
    sign, digits = match.groups()
    number = int(digits) if len(digits) <= 18 else max(abs(lowest), abs(highest)) + 1
    return max(lowest, min(highest, -number if sign == "-" else number))


def _list_level(value: str | None) -> int | None:
    """A list level (w:ilvl): 0..8, or None when it is not one Word could show."""
    level = _decimal(value, -1, WORD_LEVELS)
    return level if level is not None and 0 <= level < WORD_LEVELS else None


def _identifier(value: str | None) -> int | None:
    """A numbering or abstract numbering id: compared as numbers, as Word does ("01" is 1)."""
    return _decimal(value, -LARGEST_NUMBER - 1, LARGEST_NUMBER)


def _outline_heading(outline) -> int | None:
    """The heading level (1..9) an outline level gives; 9 and anything else is body text."""
    level = _decimal(outline.get(f"{W}val"), -1, WORD_LEVELS) if outline is not None else None
    return level + 1 if level is not None and 0 <= level < WORD_LEVELS else None


def _numbering_reference(properties) -> tuple[int, int | None] | None:
    """(numId, level) from a w:numPr, the level None when it is not a real one; None without numId."""
    if properties is None:
        return None
    num_id = properties.find(f"{W}numId")
    number = _identifier(num_id.get(f"{W}val")) if num_id is not None else None
    if number is None:
        return None
    level = properties.find(f"{W}ilvl")
    return number, (_list_level(level.get(f"{W}val")) if level is not None else 0)


# --- styles and numbering -------------------------------------------------------------------


class _Styles:
    def __init__(self, root) -> None:
        self.heading_level: dict[str, int] = {}
        self.numbering: dict[str, tuple[int, int | None]] = {}
        self.quote: set[str] = set()
        self.cover: set[str] = set()  # Title, Subtitle and our Cover Line: the title block
        self.list_styles: set[str] = set()  # "List Number", "List Bullet"...: numbered items rather than numbered paragraphs
        based_on: dict[str, str] = {}
        if root is None:
            return
        for style_id, name, style in paragraph_styles(root):
            parent = style.find(f"{W}basedOn")
            if parent is not None:
                based_on[style_id] = parent.get(f"{W}val", "")
            match = re.match(r"heading ([1-9])$", name)
            outline = _outline_heading(style.find(f"{W}pPr/{W}outlineLvl"))
            if match:
                self.heading_level[style_id] = int(match.group(1))
            elif outline:
                self.heading_level[style_id] = outline
            if "quote" in name:
                self.quote.add(style_id)
            if name in ("title", "subtitle", "cover line"):
                self.cover.add(style_id)
            if name.startswith("list"):
                self.list_styles.add(style_id)
            numbering = _numbering_reference(style.find(f"{W}pPr/{W}numPr"))
            if numbering is not None:
                self.numbering[style_id] = numbering
        for style_id in list(based_on):  # inherit numbering through basedOn chains (a few levels)
            parent, depth = based_on.get(style_id), 0
            while parent and style_id not in self.numbering and depth < 10:
                if parent in self.numbering:
                    self.numbering[style_id] = self.numbering[parent]
                parent, depth = based_on.get(parent), depth + 1


@dataclass
class _Level:
    fmt: str = "decimal"
    start: int = 1
    text: str = "%1."


class _Numbering:
    """numbering.xml: each list's levels, and the counters that give each paragraph its number."""

    def __init__(self, root) -> None:
        self.abstract_of: dict[int, int] = {}
        self.overrides: dict[tuple[int, int], int] = {}
        self.levels: dict[tuple[int, int], _Level] = {}
        self.counters: dict[int, dict[int, int]] = {}
        self.started: set[tuple[int, int]] = set()
        if root is None:
            return
        linked_to: dict[int, str] = {}  # an abstract list that borrows the levels of a list style
        defines: dict[str, int] = {}  # the abstract list that defines that list style's levels
        for abstract in root.iter(f"{W}abstractNum"):
            abstract_id = _identifier(abstract.get(f"{W}abstractNumId"))
            if abstract_id is None:
                continue
            link = abstract.find(f"{W}numStyleLink")
            if link is not None:
                linked_to[abstract_id] = link.get(f"{W}val", "")
            link = abstract.find(f"{W}styleLink")
            if link is not None:
                defines.setdefault(link.get(f"{W}val", ""), abstract_id)
            for level in abstract.iter(f"{W}lvl"):
                ilvl = _list_level(level.get(f"{W}ilvl", "0"))
                if ilvl is None:
                    continue
                fmt = level.find(f"{W}numFmt")
                start = _decimal(level.find(f"{W}start").get(f"{W}val"), 0, LARGEST_NUMBER) if level.find(f"{W}start") is not None else None
                text = level.find(f"{W}lvlText")
                self.levels[(abstract_id, ilvl)] = _Level(
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    1 if start is None else start,
                    (text.get(f"{W}val", "") if text is not None else "")[:100],  # Word's are a few characters
                )
        for num in root.iter(f"{W}num"):
            num_id = _identifier(num.get(f"{W}numId"))
            abstract = num.find(f"{W}abstractNumId")
            abstract_id = _identifier(abstract.get(f"{W}val")) if abstract is not None else None
            if num_id is None or abstract_id is None:
                continue
            self.abstract_of[num_id] = defines.get(linked_to.get(abstract_id, ""), abstract_id)
            for override in num.iter(f"{W}lvlOverride"):
                ilvl = _list_level(override.get(f"{W}ilvl", "0"))
                start = override.find(f"{W}startOverride")
                value = _decimal(start.get(f"{W}val"), 0, LARGEST_NUMBER) if start is not None else None
                if ilvl is not None and value is not None:
                    self.overrides[(num_id, ilvl)] = value

    def next_number(self, num_id: int, ilvl: int | None) -> tuple[str | None, bool]:
        """(the label Word would show, whether it is a bullet) for the next paragraph of this list.
        A list or level the file does not define gives no label: the paragraph is kept, unnumbered."""
        abstract = self.abstract_of.get(num_id)
        level = self.levels.get((abstract, ilvl)) if abstract is not None and ilvl is not None else None
        if level is None:
            return None, False
        if level.fmt in ("bullet", "none"):
            return None, True
        counters = self.counters.setdefault(abstract, {})
        if (num_id, ilvl) in self.overrides and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = self.overrides[(num_id, ilvl)]
        elif ilvl in counters:
            counters[ilvl] = min(counters[ilvl] + 1, LARGEST_NUMBER)
        else:
            counters[ilvl] = level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        label = level.text or f"%{ilvl + 1}."
        for depth in range(ilvl + 1):
            shown = self.levels.get((abstract, depth), _Level())
            label = label.replace(f"%{depth + 1}", _format(counters.get(depth, shown.start), shown.fmt))
        label = label.strip()
        return (label[:-1] if label.endswith(".") else label) or None, False


ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _format(value: int, fmt: str) -> str:
    """A list number as Word shows it, in time and length independent of the value: numbers
    beyond what a format can write (roman past 3999, letters past zz...z) fall back to digits."""
    if fmt in ("lowerLetter", "upperLetter") and 1 <= value <= 26 * 30:
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # a..z, aa..zz, aaa..: Word repeats the letter
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and 1 <= value <= 3999:
        roman = ""
        for amount, numeral in ROMAN:
            count, value = divmod(value, amount)
            roman += numeral * count
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


# --- the body ---------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")


class _Text:
    """A paragraph's text with runs of white space collapsed to one space and none at either end,
    built piece by piece so that the offset of each note reference costs nothing to know."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.space_pending = False

    def add(self, piece: str) -> None:
        collapsed = _WHITESPACE.sub(" ", piece)
        words = collapsed.strip(" ")
        if not words:
            self.space_pending = self.space_pending or bool(collapsed)
            return
        if self.length and (self.space_pending or collapsed[0] == " "):
            self.pieces.append(" ")
            self.length += 1
        self.pieces.append(words)
        self.length += len(words)
        self.space_pending = collapsed[-1] == " "

    def __str__(self) -> str:
        return "".join(self.pieces)


_T, _BREAKS, _HYPHEN = f"{W}t", (f"{W}tab", f"{W}br", f"{W}cr"), f"{W}noBreakHyphen"
_NOTE_KINDS = {f"{W}footnoteReference": "footnote", f"{W}endnoteReference": "endnote"}


def _paragraph_text(paragraph) -> tuple[str, list[tuple[str, str]], list[int]]:
    text = _Text()
    refs: list[tuple[str, str]] = []
    offsets: list[int] = []
    for element in paragraph.iter():
        tag = element.tag
        if tag == _T:
            text.add(element.text or "")
        elif tag in _BREAKS:
            text.add(" ")
        elif tag == _HYPHEN:
            text.add("-")
        elif tag in _NOTE_KINDS:
            refs.append((_NOTE_KINDS[tag], element.get(f"{W}id", "")))
            offsets.append(text.length)
    return str(text), refs, offsets


def _outer_paragraphs(element):
    """The paragraphs in element that are not inside another one (a text box's paragraphs are
    read with the paragraph that holds it): each paragraph is read once, however deep the nesting."""
    inside = 0
    for event, paragraph in etree.iterwalk(element, events=("start", "end"), tag=f"{W}p"):
        if event == "start":
            if not inside:
                yield paragraph
            inside += 1
        else:
            inside -= 1


class _BodyReader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list = []
        self.note_order: list[tuple[str, str]] = []
        self.cover: list[str] = []
        self.in_cover: bool | None = None  # decided by the first paragraph: a Title opens a title block

    def read(self, body) -> None:
        # Content controls and custom XML wrap paragraphs and tables, in a hostile file thousands
        # deep: walk them with a stack of their children, never by recursion.
        pending = [iter(body)]
        while pending:
            child = next(pending[-1], None)
            if child is None:
                pending.pop()
                continue
            tag = child.tag
            if tag == f"{W}p":
                self._paragraph(child)
            elif tag == f"{W}tbl":
                self._table(child)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    pending.append(iter(content))
            elif tag == f"{W}customXml":
                pending.append(iter(child))

    def _paragraph(self, paragraph) -> None:
        text, refs, offsets = _paragraph_text(paragraph)
        properties = paragraph.find(f"{W}pPr")
        style_id = ""
        outline_level = None
        num = None
        if properties is not None:
            style = properties.find(f"{W}pStyle")
            style_id = style.get(f"{W}val", "") if style is not None else ""
            outline_level = _outline_heading(properties.find(f"{W}outlineLvl"))
            num = _numbering_reference(properties.find(f"{W}numPr"))
        heading = outline_level or self.styles.heading_level.get(style_id)
        if num is None:
            num = self.styles.numbering.get(style_id)
        if text and self.in_cover is None:
            self.in_cover = style_id in self.styles.cover
        if self.in_cover and not heading:
            if text:
                self.cover.append(text)
            return
        if heading:
            self.in_cover = False
            if text:
                self.blocks.append(Heading(heading, text))
            return
        number, bullet = (None, False)
        if num is not None and num[0] != 0:  # numId 0 takes the paragraph out of a list
            number, bullet = self.numbering.next_number(*num)
        if not text:
            return
        self.note_order.extend(refs)
        # A numbered paragraph in a list style is an item (a recommendation, a point); in any other
        # style it is a numbered paragraph of the text, as UPR submissions number theirs.
        if bullet or (number and (style_id in self.styles.list_styles or not style_id)):
            style = "list-item"
        elif style_id in self.styles.quote:
            style = "quote"
        else:
            style = "body"
        self.blocks.append(Block(text, style, number, list(refs), list(offsets)))

    def _table(self, table) -> None:
        """The table's rows and cells; a table nested in a cell is read as part of that cell's text,
        so every paragraph is read once, however deep tables are nested."""
        rows: list[list[list[str]]] = []
        depth = 0  # 1 inside this table's own rows and cells, more inside nested tables
        inside_paragraph = 0
        for event, element in etree.iterwalk(table, events=("start", "end"), tag=(f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}p")):
            tag = element.tag
            if tag == f"{W}p":
                if event == "start" and not inside_paragraph:
                    text, refs, _ = _paragraph_text(element)
                    self.note_order.extend(refs)
                    if text:
                        if not rows:
                            rows.append([])
                        if not rows[-1]:
                            rows[-1].append([])
                        rows[-1][-1].append(text)
                inside_paragraph += 1 if event == "start" else -1
            elif tag == f"{W}tbl":
                depth += 1 if event == "start" else -1
            elif event == "start" and depth == 1 and not inside_paragraph:
                if tag == f"{W}tr":
                    rows.append([])
                else:
                    if not rows:
                        rows.append([])
                    rows[-1].append([])
        self.blocks.append(TableBlock([[" ".join(texts) for texts in row] for row in rows]))
