"""What a Word file says about its own accessibility, for the ``accessibility.*`` checks.

A screen reader finds its way through a document by the title and language properties, by real
headings (styles with an outline level), by list numbering Word knows about, by alternative text
on images and by table header rows. This module reads those from the parsed parts (it opens no
file: ``docx.read_docx`` hands it the roots it already parsed under its safety budget) and notes
what only looks right: numbers typed by hand, bold lines standing in for headings, pages that hold
pictures and no words.
"""

from __future__ import annotations

import re

from ..draft import WordAccessibility, WordHeading, WordImage, WordTable
from .word_styles import paragraph_styles

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"
O = "{urn:schemas-microsoft-com:office:office}"
OFF = ("0", "false", "off")  # a toggle such as <w:b w:val="0"/> switched off
SHOWN = 200  # characters of a paragraph kept to say where a finding is
# A number, letter, roman numeral or bullet typed at the start of a paragraph: "1.", "2)", "(a)", "iv.", "•".
TYPED_NUMBER = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\([a-z]{1,3}\)|[a-z][.)]|[ivx]{1,6}[.)]|[•▪◦●■□‣⁃·*–-])\s+\S")
BOLD_HEADING_WORDS = 15  # a heading is short; a bold paragraph longer than this is emphasis
_BODY, _P, _R, _T, _TBL, _TEXT_BOX, _VAL = f"{W}body", f"{W}p", f"{W}r", f"{W}t", f"{W}tbl", f"{W}txbxContent", f"{W}val"
_PPR, _RPR, _B, _PSTYLE, _OUTLINE, _NUMPR, _NUMID, _SECTPR = (f"{W}{tag}" for tag in ("pPr", "rPr", "b", "pStyle", "outlineLvl", "numPr", "numId", "sectPr"))
PICTURE_KINDS = ("/picture", "/chart", "/diagram")  # graphics that need alternative text (a text box holds its own words)


def word_accessibility(document, styles, core: dict, furniture: list) -> WordAccessibility:
    """The facts from the main document, its styles and core properties (``core``: as docx read them),
    and the headers and footers (``furniture``: parsed roots, any of them None)."""
    style_facts = _StyleFacts(styles)
    body = document.find(f"{W}body")
    reader = _Reader(style_facts)
    if body is not None:
        reader.read(body)
    images = reader.images
    for root in furniture:
        if root is not None:
            images += [image.model_copy(update={"page": None}) for image in _images_in(root, None)]
    return WordAccessibility(
        title=core.get("title", ""), language=style_facts.language or core.get("language"), headings=reader.headings,
        images=images, tables=reader.tables, typed_numbers=reader.typed_numbers, bold_headings=reader.bold_headings(),
        page_words=reader.page_words,
    )


class _StyleFacts:
    """From styles.xml: which paragraph styles are headings, lists, bold or the title block, and the default language."""

    def __init__(self, root) -> None:
        self.heading: dict[str, int] = {}
        self.listed: set[str] = set()  # styles that number or bullet their paragraphs
        self.bold: set[str] = set()
        self.cover: set[str] = set()
        self.default = ""  # the paragraph style of a paragraph that names none
        self.language: str | None = None
        if root is None:
            return
        language = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        if language is not None and language.get(f"{W}val"):
            self.language = language.get(f"{W}val")
        based_on: dict[str, str] = {}
        for style_id, name, style in paragraph_styles(root):
            if style.get(f"{W}default") in ("1", "true", "on"):
                self.default = style_id
                language = style.find(f"{W}rPr/{W}lang")
                if self.language is None and language is not None and language.get(f"{W}val"):
                    self.language = language.get(f"{W}val")
            parent = style.find(f"{W}basedOn")
            if parent is not None:
                based_on[style_id] = parent.get(f"{W}val", "")
            heading = re.fullmatch(r"heading ([1-9])", name)
            outline = _outline(style.find(f"{W}pPr/{W}outlineLvl"))
            if heading or outline:
                self.heading[style_id] = int(heading.group(1)) if heading else outline
            number = style.find(f"{W}pPr/{W}numPr/{W}numId")
            if name.startswith("list") or (number is not None and number.get(f"{W}val") != "0"):
                self.listed.add(style_id)
            if _on(style.find(f"{W}rPr/{W}b")):
                self.bold.add(style_id)
            if name in ("title", "subtitle", "cover line", "toc heading"):  # Word's table of contents title stays out of the outline
                self.cover.add(style_id)
        for style_id in list(based_on):  # a style based on a list or bold style is one too (a few levels)
            parent, depth = based_on.get(style_id), 0
            while parent and depth < 10:
                for facts in (self.listed, self.bold):
                    if parent in facts:
                        facts.add(style_id)
                parent, depth = based_on.get(parent), depth + 1


def _child(element, *tags):
    """``element``'s child, grandchild... by tag, or None: a chain of lxml's C lookups, several times
    faster than a path (which lxml evaluates in Python), for the thousands of paragraphs of a long report."""
    for tag in tags:
        if element is None:
            return None
        element = element.find(tag)
    return element


def _on(toggle) -> bool:
    return toggle is not None and toggle.get(f"{W}val", "1").lower() not in OFF


def _outline(element) -> int | None:
    if element is None:
        return None
    value = element.get(f"{W}val", "").strip()
    return int(value) + 1 if re.fullmatch("[0-8]", value) else None  # a hostile file may write 5,000 digits or '²'


def _images_in(root, page: int | None) -> list[WordImage]:
    """Every picture, chart or diagram (DrawingML) and every VML image under ``root``."""
    found = []
    for drawing in root.iter(f"{W}drawing", f"{W}pict"):
        found.extend(_image(drawing, page))
    return found


def _image(element, page: int | None) -> list[WordImage]:
    if element.tag == f"{W}drawing":
        graphic = element.find(f".//{A}graphicData")
        if graphic is None or not graphic.get("uri", "").endswith(PICTURE_KINDS):
            return []
        properties = element.find(f".//{WP}docPr")
        if properties is None:
            return [WordImage(page=page)]
        decorative = any(child.tag.endswith("}decorative") and child.get("val", "0") not in OFF for child in properties.iter())
        alt = (properties.get("descr") or properties.get("title") or "").strip()
        return [WordImage(alt=alt, name=properties.get("name", "")[:SHOWN], decorative=decorative, page=page)]
    picture = element.find(f".//{V}imagedata")  # an older (VML) picture
    if picture is None:
        return []
    shape = picture.getparent()
    alt = ((shape.get("alt") if shape is not None else None) or picture.get(f"{O}title") or "").strip()
    return [WordImage(alt=alt, name=(shape.get("id", "") if shape is not None else "")[:SHOWN], page=page)]


class _Reader:
    """One walk through the body in document order: pages, headings, lists, bold lines, images, tables."""

    def __init__(self, styles: _StyleFacts) -> None:
        self.styles = styles
        self.headings: list[WordHeading] = []
        self.images: list[WordImage] = []
        self.tables: list[WordTable] = []
        self.typed_numbers: list[str] = []
        self.page_words = [0]
        self.page_has_images = [False]
        self.kinds: list[tuple[str, str]] = []  # each body paragraph with text: (heading | list | bold | body | cover, text)
        self.section_ends = False  # a section break ends the paragraph just read: the next one starts a page

    def new_page(self) -> None:
        if self.page_words[-1] or self.page_has_images[-1]:  # two breaks in a row make one new page, not an empty one
            self.page_words.append(0)
            self.page_has_images.append(False)

    def read(self, body) -> None:
        for element in body.iter(f"{W}p", f"{W}t", f"{W}br", f"{W}lastRenderedPageBreak", f"{W}pageBreakBefore",
                                 f"{W}drawing", f"{W}pict", f"{W}tbl"):
            tag = element.tag
            if tag == f"{W}t":
                self.page_words[-1] += len((element.text or "").split())
            elif tag == f"{W}p":
                if self.section_ends:
                    self.new_page()
                    self.section_ends = False
                self.paragraph(element)
            elif tag == f"{W}br":
                if element.get(f"{W}type") == "page":
                    self.new_page()
            elif tag == f"{W}lastRenderedPageBreak" or (tag == f"{W}pageBreakBefore" and _on(element)):
                self.new_page()
            elif tag == f"{W}tbl":
                self.table(element)
            else:
                images = _image(element, len(self.page_words))
                self.images.extend(images)
                self.page_has_images[-1] = self.page_has_images[-1] or bool(images)

    def table(self, table) -> None:
        rows = table.findall(f"{W}tr")
        first = rows[0] if rows else None
        header = first is not None and _on(first.find(f"{W}trPr/{W}tblHeader"))
        text = " ".join(t.text or "" for t in first.iter(f"{W}t")) if first is not None else ""
        self.tables.append(WordTable(rows=len(rows), header_row=header, first_row=" ".join(text.split())[:SHOWN]))

    def paragraph(self, paragraph) -> None:
        properties = paragraph.find(_PPR)
        section = _child(properties, _SECTPR)
        if section is not None:
            kind = section.find(f"{W}type")
            self.section_ends = kind is None or kind.get(f"{W}val") != "continuous"
        if paragraph.getparent().tag != _BODY and next(paragraph.iterancestors(_TBL, _TEXT_BOX, _P), None) is not None:
            return  # a cell's or a text box's paragraph: not part of the document's outline
        text = " ".join("".join(t.text or "" for t in paragraph.iter(_T)).split())
        if not text:
            return
        style = _child(properties, _PSTYLE)
        style_id = style.get(_VAL, "") if style is not None else self.styles.default
        level = _outline(_child(properties, _OUTLINE)) or self.styles.heading.get(style_id)
        number = _child(properties, _NUMPR, _NUMID)
        listed = (number.get(_VAL) != "0") if number is not None else style_id in self.styles.listed
        shown = text[:SHOWN]
        if level:
            self.headings.append(WordHeading(level=level, text=shown))
            self.kinds.append(("heading", shown))
        elif style_id in self.styles.cover:
            self.kinds.append(("cover", shown))
        elif listed:
            self.kinds.append(("list", shown))
        else:
            if TYPED_NUMBER.match(text):
                self.typed_numbers.append(shown)
            bold = self._all_bold(paragraph, style_id)
            self.kinds.append(("bold" if bold and len(text.split()) <= BOLD_HEADING_WORDS and not text.endswith((".", ";", ","))
                               else "body", shown))

    def _all_bold(self, paragraph, style_id: str) -> bool:
        """Every run that holds text is bold, by its own formatting or the paragraph's style."""
        runs = [run for run in paragraph.iter(_R) if any((t.text or "").strip() for t in run.iter(_T))]
        if not runs:
            return False
        style_bold = style_id in self.styles.bold
        for run in runs:
            toggle = _child(run, _RPR, _B)
            if not (_on(toggle) if toggle is not None else style_bold):
                return False
        return True

    def bold_headings(self) -> list[str]:
        """Bold lines that introduce body text, the way a heading does."""
        return [text for (kind, text), (following, _) in zip(self.kinds, self.kinds[1:]) if kind == "bold" and following in ("body", "list")]
