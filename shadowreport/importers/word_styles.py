"""The paragraph styles of a Word file's styles part, as every reader of the file walks them."""

from __future__ import annotations

from collections.abc import Iterator

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paragraph_styles(root) -> Iterator[tuple[str, str, object]]:
    """(style id, name in lower case, the style element) for each paragraph style; nothing when the part is absent."""
    if root is None:
        return
    for style in root.iter(f"{W}style"):
        if style.get(f"{W}type") != "paragraph":
            continue
        name = style.find(f"{W}name")
        yield style.get(f"{W}styleId", ""), (name.get(f"{W}val", "") if name is not None else "").lower(), style
