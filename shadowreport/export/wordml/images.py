"""Pictures in a Word package and their alternative text (``wp:docPr/@descr``).

An export writes no picture of its own; any picture comes from the reference document an
organisation made its own (a logo in the header, most often), and needs a text alternative.
"""

from __future__ import annotations

from docx.oxml.ns import qn

DECORATIVE = "}decorative"  # Word's "Mark as decorative" flag, in an extension of the picture's properties


def images_without_alt_text(document) -> list:
    """The ``wp:docPr`` (a drawing's properties) of every picture in the body, headers and footers that
    has neither a description nor a title and is not marked decorative."""
    found = []
    for part in document.part.package.iter_parts():
        root = getattr(part, "_element", None)
        if root is None or not hasattr(root, "iter"):
            continue  # a binary part: an image, a font
        for properties in root.iter(qn("wp:docPr")):
            decorative = any(isinstance(child.tag, str) and child.tag.endswith(DECORATIVE) and child.get("val", "0") not in ("0", "false")
                             for child in properties.iter())
            if not decorative and not (properties.get("descr") or properties.get("title") or "").strip():
                found.append(properties)
    return found
