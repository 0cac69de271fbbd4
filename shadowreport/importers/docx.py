"""Word (.docx) drafts, read safely from the package's XML.

A .docx from outside is untrusted. Before anything is parsed the file must be a ZIP package of
reasonable declared size (no zip bombs), not an encrypted (password-protected) or old binary Word
file, and its XML may not declare a DTD or entities (Word never writes them; they are how external
entity and "billion laughs" attacks work). Parsing uses lxml with entities, DTDs and network access
off. We read the parts directly, rather than through python-docx's object model, because we need
what it does not offer (footnotes, endnotes, computed list numbers) and only need to read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath

from lxml import etree

from ..draft import Note
from .blocks import Block, Heading, TableBlock
from .errors import DraftImportError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MAX_PARTS = 3000
MAX_TOTAL_UNCOMPRESSED = 300 * 1024 * 1024
MAX_PART = 100 * 1024 * 1024
MAX_RATIO = 150
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)


def read_docx(data: bytes, name: str) -> tuple[dict, list, list[Note]]:
    package = _open_package(data, name)
    try:
        main_path = _main_document_path(package, name)
        document = _xml(package, main_path, name, required=True)
        folder = dirname(main_path)
        targets = _relationship_targets(package, main_path, name)
        styles = _Styles(_xml(package, targets.get("styles", join(folder, "styles.xml")), name))
        numbering = _Numbering(_xml(package, targets.get("numbering", join(folder, "numbering.xml")), name))
        footnotes = _notes(_xml(package, targets.get("footnotes", join(folder, "footnotes.xml")), name), "footnote")
        endnotes = _notes(_xml(package, targets.get("endnotes", join(folder, "endnotes.xml")), name), "endnote")
        metadata = _core_properties(_xml(package, "docProps/core.xml", name))
    finally:
        package.close()

    body = document.find(f"{W}body")
    if body is None:
        raise DraftImportError(f"{name}: the Word document has no body; the file is damaged.")
    reader = _BodyReader(styles, numbering)
    reader.read(body)
    if reader.cover:
        metadata = {**metadata, "cover": reader.cover}
        metadata.setdefault("title", reader.cover[0])
    notes = []
    numbers: dict[tuple[str, str], str] = {}
    for kind, note_id in reader.note_order:
        texts = footnotes if kind == "footnote" else endnotes
        if note_id in texts and (kind, note_id) not in numbers:
            number = str(sum(1 for k, _ in numbers if k == kind) + 1)
            shown = number if kind == "footnote" else f"e{number}"
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
        raise DraftImportError(f"{name}: the .docx file is damaged and cannot be opened ({error}).") from None
    if len(entries) > MAX_PARTS:
        raise DraftImportError(f"{name}: the .docx has {len(entries)} parts, far more than a document has; refused for safety.")
    total = sum(entry.file_size for entry in entries)
    for entry in entries:
        if entry.file_size > MAX_PART or (entry.file_size > 10 * 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)):
            raise DraftImportError(f"{name}: the part {entry.filename} would unpack to {entry.file_size // (1024 * 1024)} MB (a 'zip bomb'); refused for safety.")
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise DraftImportError(f"{name}: the .docx would unpack to {total // (1024 * 1024)} MB; refused for safety.")
    return package


def _utf16(text: bytes) -> bytes:
    return text.decode("ascii").encode("utf-16-le")


def _read_part(package: zipfile.ZipFile, path: str, name: str) -> bytes | None:
    try:
        with package.open(path) as stream:
            return stream.read(MAX_PART + 1)
    except KeyError:
        return None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as error:
        raise DraftImportError(f"{name}: the part {path} of the .docx is damaged ({error}).") from None


def _xml(package: zipfile.ZipFile, path: str, name: str, required: bool = False):
    raw = _read_part(package, path, name)
    if raw is None:
        if required:
            raise DraftImportError(f"{name}: the .docx has no {path}; it is not a Word document or is damaged.")
        return None
    if re.search(rb"<!(DOCTYPE|ENTITY)", raw[:65536], re.IGNORECASE) or b"<!ENTITY" in raw:
        raise DraftImportError(f"{name}: {path} declares a DTD or entities, which Word never writes; refused for safety.")
    try:
        return etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as error:
        raise DraftImportError(f"{name}: {path} is not well-formed XML (line {error.lineno}); the file is damaged.") from None


def _main_document_path(package: zipfile.ZipFile, name: str) -> str:
    rels = _xml(package, "_rels/.rels", name)
    if rels is not None:
        for relation in rels.iter(f"{REL}Relationship"):
            if relation.get("Type") == OFFICE_DOCUMENT and relation.get("TargetMode") != "External":
                return normpath(relation.get("Target", "").lstrip("/"))
    return "word/document.xml"


def _relationship_targets(package: zipfile.ZipFile, part: str, name: str) -> dict[str, str]:
    rels = _xml(package, join(dirname(part), "_rels", part.rsplit("/", 1)[-1] + ".rels"), name)
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


def _core_properties(root) -> dict:
    if root is None:
        return {}
    found = {}
    for element in root:
        local = etree.QName(element).localname
        if local in ("title", "language") and element.text and element.text.strip():
            found[local] = element.text.strip()[:300]
    return found


def _notes(root, kind: str) -> dict[str, str]:
    if root is None:
        return {}
    notes = {}
    for note in root.iter(f"{W}{kind}"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = [_paragraph_text(p)[0] for p in note.iter(f"{W}p")]  # the note's own text
        notes[note.get(f"{W}id", "")] = " ".join(p for p in paragraphs if p).strip()
    return notes


# --- styles and numbering -------------------------------------------------------------------


class _Styles:
    def __init__(self, root) -> None:
        self.heading_level: dict[str, int] = {}
        self.numbering: dict[str, tuple[str, int]] = {}
        self.quote: set[str] = set()
        self.cover: set[str] = set()  # Title, Subtitle and our Cover Line: the title block
        self.list_styles: set[str] = set()  # "List Number", "List Bullet"...: numbered items rather than numbered paragraphs
        based_on: dict[str, str] = {}
        if root is None:
            return
        for style in root.iter(f"{W}style"):
            if style.get(f"{W}type") != "paragraph":
                continue
            style_id = style.get(f"{W}styleId", "")
            name_element = style.find(f"{W}name")
            name = (name_element.get(f"{W}val", "") if name_element is not None else "").lower()
            parent = style.find(f"{W}basedOn")
            if parent is not None:
                based_on[style_id] = parent.get(f"{W}val", "")
            match = re.match(r"heading (\d)$", name)
            outline = style.find(f"{W}pPr/{W}outlineLvl")
            if match:
                self.heading_level[style_id] = int(match.group(1))
            elif outline is not None and outline.get(f"{W}val", "9").isdigit() and int(outline.get(f"{W}val")) < 9:
                self.heading_level[style_id] = int(outline.get(f"{W}val")) + 1
            if "quote" in name:
                self.quote.add(style_id)
            if name in ("title", "subtitle", "cover line"):
                self.cover.add(style_id)
            if name.startswith("list"):
                self.list_styles.add(style_id)
            numbering = style.find(f"{W}pPr/{W}numPr")
            if numbering is not None:
                num_id = numbering.find(f"{W}numId")
                level = numbering.find(f"{W}ilvl")
                if num_id is not None:
                    self.numbering[style_id] = (num_id.get(f"{W}val", "0"), int(level.get(f"{W}val", "0")) if level is not None else 0)
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


@dataclass
class _Numbering:
    root: object = None
    abstract_of: dict = field(default_factory=dict)
    overrides: dict = field(default_factory=dict)
    levels: dict = field(default_factory=dict)
    counters: dict = field(default_factory=dict)
    started: set = field(default_factory=set)

    def __post_init__(self) -> None:
        root = self.root
        if root is None:
            return
        for abstract in root.iter(f"{W}abstractNum"):
            abstract_id = abstract.get(f"{W}abstractNumId", "")
            for level in abstract.iter(f"{W}lvl"):
                ilvl = int(level.get(f"{W}ilvl", "0"))
                fmt = level.find(f"{W}numFmt")
                start = level.find(f"{W}start")
                text = level.find(f"{W}lvlText")
                self.levels[(abstract_id, ilvl)] = _Level(
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    int(start.get(f"{W}val", "1")) if start is not None and start.get(f"{W}val", "1").lstrip("-").isdigit() else 1,
                    text.get(f"{W}val", "") if text is not None else "",
                )
        for num in root.iter(f"{W}num"):
            num_id = num.get(f"{W}numId", "")
            abstract = num.find(f"{W}abstractNumId")
            self.abstract_of[num_id] = abstract.get(f"{W}val", "") if abstract is not None else ""
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None and start.get(f"{W}val", "").isdigit():
                    self.overrides[(num_id, int(override.get(f"{W}ilvl", "0")))] = int(start.get(f"{W}val"))

    def next_number(self, num_id: str, ilvl: int) -> tuple[str | None, bool]:
        """(the label Word would show, whether it is a bullet) for the next paragraph of this list."""
        abstract = self.abstract_of.get(num_id)
        if abstract is None:
            return None, False
        level = self.levels.get((abstract, ilvl), _Level())
        if level.fmt in ("bullet", "none"):
            return None, True
        counters = self.counters.setdefault(abstract, {})
        if (num_id, ilvl) in self.overrides and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = self.overrides[(num_id, ilvl)]
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        label = level.text or f"%{ilvl + 1}."
        for depth in range(ilvl + 1):
            value = counters.get(depth, self.levels.get((abstract, depth), _Level()).start)
            label = label.replace(f"%{depth + 1}", _format(value, self.levels.get((abstract, depth), _Level()).fmt))
        label = label.strip()
        return (label[:-1] if label.endswith(".") else label) or None, False


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, remainder = divmod(value - 1, 26)
            letters = chr(97 + remainder) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        roman = ""
        for amount, numeral in numerals:
            while value >= amount:
                roman, value = roman + numeral, value - amount
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


# --- the body ---------------------------------------------------------------------------------


def _paragraph_text(paragraph) -> tuple[str, list[tuple[str, str]], list[int]]:
    parts: list[str] = []
    refs: list[tuple[str, str]] = []
    offsets: list[int] = []
    for element in paragraph.iter():
        tag = element.tag
        if tag == f"{W}t":
            parts.append(element.text or "")
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            parts.append(" ")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            refs.append(("footnote" if tag == f"{W}footnoteReference" else "endnote", element.get(f"{W}id", "")))
            offsets.append(len(" ".join("".join(parts).split())))
    return " ".join("".join(parts).split()), refs, offsets


class _BodyReader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list = []
        self.note_order: list[tuple[str, str]] = []
        self.cover: list[str] = []
        self.in_cover: bool | None = None  # decided by the first paragraph: a Title opens a title block

    def read(self, container) -> None:
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                self._paragraph(child)
            elif tag == f"{W}tbl":
                self._table(child)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.read(content)

    def _paragraph(self, paragraph) -> None:
        text, refs, offsets = _paragraph_text(paragraph)
        properties = paragraph.find(f"{W}pPr")
        style_id = ""
        outline_level = None
        num = None
        if properties is not None:
            style = properties.find(f"{W}pStyle")
            style_id = style.get(f"{W}val", "") if style is not None else ""
            outline = properties.find(f"{W}outlineLvl")
            if outline is not None and outline.get(f"{W}val", "9").isdigit() and int(outline.get(f"{W}val")) < 9:
                outline_level = int(outline.get(f"{W}val")) + 1
            numbering = properties.find(f"{W}numPr")
            if numbering is not None:
                num_id = numbering.find(f"{W}numId")
                level = numbering.find(f"{W}ilvl")
                if num_id is not None:
                    num = (num_id.get(f"{W}val", "0"), int(level.get(f"{W}val", "0")) if level is not None and level.get(f"{W}val", "0").isdigit() else 0)
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
        if num is not None and num[0] != "0":
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
        rows = []
        for row in table.iter(f"{W}tr"):
            cells = []
            for cell in row.iter(f"{W}tc"):
                texts = []
                for paragraph in cell.iter(f"{W}p"):
                    text, refs, _ = _paragraph_text(paragraph)
                    self.note_order.extend(refs)
                    if text:
                        texts.append(text)
                cells.append(" ".join(texts))
            rows.append(cells)
        self.blocks.append(TableBlock(rows))
