"""The WordprocessingML layer: the raw XML of a Word document that python-docx does not write for us.

python-docx is layered as package (opc), XML (oxml) and friendly objects; this subpackage is our
own XML layer on the same model. It knows elements, parts and ids (paragraphs and runs, footnote
and endnote parts, numbering definitions and restarts, core properties, fields, language) and
nothing about reports; ``export.docx_writer`` decides which paragraph gets which style and note.
"""

from __future__ import annotations

from .body import StyleIds, add_paragraph, clear_body, keep_only_properties, simple_field, text_run, xml_safe
from .images import images_without_alt_text
from .notes import NoteKind, Notes
from .numbering import Numbering
from .properties import CORE_PROPERTY_LIMIT, LANGUAGE_TAGS, Properties, core_property, language_tag, set_default_language, set_properties
from .tables import add_table

__all__ = [
    "CORE_PROPERTY_LIMIT", "LANGUAGE_TAGS", "NoteKind", "Notes", "Numbering", "Properties", "StyleIds", "add_paragraph", "add_table", "clear_body",
    "core_property", "images_without_alt_text", "keep_only_properties", "language_tag", "set_default_language", "set_properties", "simple_field", "text_run", "xml_safe",
]
