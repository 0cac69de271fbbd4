"""Custom document properties (docProps/custom.xml): what a Word file is for, travelling with it.

An exported file names its mechanism, kind, joint flag, language, project, evaluation round, cycle and its headings'
section ids in custom properties
(Word shows them under File > Properties > Custom), so that linting it later needs no flags and a
coordinator can tell which project a file came from. python-docx has no API for this part, so it is
written here as the Office Open XML specification describes it.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part

PREFIX = "Shadow Report "  # the properties' names, as Word lists them: "Shadow Report mechanism"...
FIELDS = ("mechanism", "kind", "joint", "language", "project", "round", "cycle", "sections")
NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VALUE_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FORMAT_ID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id every custom property carries


def custom_properties_xml(values: dict[str, str | bool]) -> bytes:
    """The part for ``values`` (field -> text or yes/no); ids start at 2, as the specification asks."""
    items = []
    for pid, (field, value) in enumerate(((f, v) for f, v in values.items() if v is not None and v != ""), start=2):
        typed = f"<vt:bool>{'true' if value else 'false'}</vt:bool>" if isinstance(value, bool) else f"<vt:lpwstr>{escape(str(value))}</vt:lpwstr>"
        items.append(f'<property fmtid="{FORMAT_ID}" pid="{pid}" name="{escape(PREFIX + field)}">{typed}</property>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{NAMESPACE}" xmlns:vt="{VALUE_TYPES}">'
            + "".join(items) + "</Properties>").encode("utf-8")


def set_custom_properties(document, values: dict[str, str | bool]) -> None:
    """Add (or replace) the custom properties part of ``document`` with ``values``."""
    package = document.part.package
    for relationship in list(package.rels.values()):
        if relationship.reltype == RELATIONSHIP_TYPE.CUSTOM_PROPERTIES:
            package.rels.pop(relationship.rId)
    part = Part(PackURI("/docProps/custom.xml"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES, custom_properties_xml(values), package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)
