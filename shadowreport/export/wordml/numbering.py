"""Word numbering for numbered paragraphs (word/numbering.xml): one list while the numbers run on,
a new one, restarting at the given number, where they do not."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement


class Numbering:
    """One single-level decimal definition ("1.", hanging indent) added to the document, and a list per run of numbers."""

    def __init__(self, document) -> None:
        self.part = document.part.numbering_part
        self.root = self.part.element
        self.abstract_id = self._add_abstract()
        self.num_id: int | None = None
        self.last: int | None = None

    def _add_abstract(self) -> int:
        ids = [int(a.get(qn("w:abstractNumId"))) for a in self.root.findall(qn("w:abstractNum"))]
        abstract_id = max(ids, default=0) + 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "singleLevel")
        abstract.append(multi)
        level = OxmlElement("w:lvl")
        level.set(qn("w:ilvl"), "0")
        for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", "%1."), ("w:lvlJc", "left")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            level.append(element)
        paragraph = OxmlElement("w:pPr")
        indent = OxmlElement("w:ind")
        indent.set(qn("w:left"), "510")
        indent.set(qn("w:hanging"), "510")
        paragraph.append(indent)
        level.append(paragraph)
        abstract.append(level)
        # abstractNum elements must come before num elements in numbering.xml.
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.root.append(abstract)
        return abstract_id

    def _new_list(self, start: int) -> int:
        ids = [int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))]
        num_id = max(ids, default=0) + 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        abstract = OxmlElement("w:abstractNumId")
        abstract.set(qn("w:val"), str(self.abstract_id))
        num.append(abstract)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start_override = OxmlElement("w:startOverride")
        start_override.set(qn("w:val"), str(start))
        override.append(start_override)
        num.append(override)
        self.root.append(num)
        return num_id

    def next_id(self, number: str) -> int:
        """The list a paragraph numbered ``number`` belongs to: the current one, or a new one where numbers restart."""
        value = int(number) if number.isdigit() else None
        if self.num_id is None or value is None or self.last is None or value != self.last + 1:
            self.num_id = self._new_list(value or 1)
        self.last = value
        return self.num_id
