"""Real Word footnotes and endnotes: the small XML layer python-docx lacks (its issue open since 2014).

A note lives in its own part (word/footnotes.xml or word/endnotes.xml), which must start with the
separator notes Word expects (ids -1 and 0); the text calls it with a run holding
``w:footnoteReference w:id``; the note itself starts with a run holding ``w:footnoteRef``, which Word
renders as the note's number.
"""

from __future__ import annotations

from typing import Literal

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

NoteKind = Literal["footnote", "endnote"]
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARTS = {
    "footnote": ("/word/footnotes.xml", CT.WML_FOOTNOTES, RT.FOOTNOTES, "Footnote"),
    "endnote": ("/word/endnotes.xml", CT.WML_ENDNOTES, RT.ENDNOTES, "Endnote"),
}


class Notes:
    """Adds footnotes or endnotes to a python-docx Document."""

    def __init__(self, document, kind: NoteKind = "footnote") -> None:
        self.document = document
        self.kind = kind
        self._root = self._part().element
        style = _PARTS[kind][3]
        # Looked up once: python-docx searches every style on each lookup.
        self._reference_style = document.styles[f"{style} Reference"].style_id
        self._text_style = document.styles[f"{style} Text"].style_id
        self._next_id = 1 + max((int(n.get(qn("w:id"))) for n in self._root.findall(qn(f"w:{kind}"))), default=0)

    def _part(self) -> XmlPart:
        partname, content_type, reltype, _ = _PARTS[self.kind]
        document_part = self.document.part
        for rel in document_part.rels.values():
            if rel.reltype == reltype and not rel.is_external:
                return rel.target_part
        kind = self.kind
        xml = (f'<w:{kind}s xmlns:w="{_W}">'
               f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
               f'<w:r><w:separator/></w:r></w:p></w:{kind}>'
               f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
               f'<w:r><w:continuationSeparator/></w:r></w:p></w:{kind}></w:{kind}s>')
        part = XmlPart(PackURI(partname), content_type, parse_xml(xml), document_part.package)
        document_part.relate_to(part, reltype)
        return part

    def add(self, paragraph, text: str) -> int:
        """Put a note call at the end of ``paragraph`` and the note's ``text`` in the notes part."""
        kind = self.kind
        note_id = self._next_id
        self._next_id += 1

        reference = OxmlElement(f"w:{kind}Reference")
        reference.set(qn("w:id"), str(note_id))
        getattr(paragraph, "_p", paragraph).append(_run(self._reference_style, reference))

        note = OxmlElement(f"w:{kind}")
        note.set(qn("w:id"), str(note_id))
        body = OxmlElement("w:p")
        properties = OxmlElement("w:pPr")
        paragraph_style = OxmlElement("w:pStyle")
        paragraph_style.set(qn("w:val"), self._text_style)
        properties.append(paragraph_style)
        body.append(properties)
        body.append(_run(self._reference_style, OxmlElement(f"w:{kind}Ref")))
        space = _run(None, None, " ")
        body.append(space)
        body.append(_run(None, None, text))
        note.append(body)
        self._root.append(note)
        return note_id


def _run(style_id: str | None, child, text: str | None = None):
    run = OxmlElement("w:r")
    if style_id:
        properties = OxmlElement("w:rPr")
        run_style = OxmlElement("w:rStyle")
        run_style.set(qn("w:val"), style_id)
        properties.append(run_style)
        run.append(properties)
    if child is not None:
        run.append(child)
    if text is not None:
        element = OxmlElement("w:t")
        element.text = text
        element.set(qn("xml:space"), "preserve")
        run.append(element)
    return run
