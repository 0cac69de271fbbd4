"""A Word file's own page setup: page size and margins, and the body text's font, size and spacing.

Word resolves a paragraph's formatting in layers: document defaults (``w:docDefaults``), then the
paragraph style and the styles it is based on, then formatting typed on the paragraph and its runs.
The body text is taken to be the paragraph style that carries most of the text; formatting typed on
most of the body's paragraphs or runs (files written by LibreOffice or converters often do that)
wins over the style. A theme font (``minorHAnsi``) is looked up in the theme part. What the file
leaves unsaid is Word's own default (``w:docDefaults`` absent: 10 pt, single spacing).
"""

from __future__ import annotations

from collections import Counter

from ..draft import PageLayout
from .word_styles import paragraph_styles

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TWIPS_PER_POINT = 20
A4 = (11906, 16838)  # twips; a file that names no page size is taken to be A4
DEFAULT_MARGIN = 1440  # one inch, Word's default
MAX_STYLE_DEPTH = 20  # basedOn chains are short; a loop in a hostile file stops here


def page_layout(document, styles, theme) -> PageLayout:
    """The layout of the document's body (``document``, ``styles`` and ``theme`` are parsed XML roots; the last two may be None)."""
    body = document.find(f"{W}body")
    section = body.find(f"{W}sectPr") if body is not None else None
    if section is None and body is not None:
        found = body.findall(f".//{W}sectPr")
        section = found[-1] if found else None
    width, height = A4
    margins = {"left": DEFAULT_MARGIN, "right": DEFAULT_MARGIN, "top": DEFAULT_MARGIN, "bottom": DEFAULT_MARGIN}
    if section is not None:
        size = section.find(f"{W}pgSz")
        if size is not None:
            width = _twips(size.get(f"{W}w"), width)
            height = _twips(size.get(f"{W}h"), height)
            if size.get(f"{W}orient") == "landscape" and height > width:
                width, height = height, width
        margin = section.find(f"{W}pgMar")
        if margin is not None:
            for side in margins:
                margins[side] = abs(_twips(margin.get(f"{W}{side}"), margins[side]))

    resolver = _Styles(styles, _theme_fonts(theme))
    paragraphs = _body_paragraphs(body)
    style_id = _dominant_style(paragraphs, resolver)
    properties = resolver.resolve(style_id)
    properties.update(_typed_on_most(paragraphs))
    note = resolver.resolve(resolver.by_name.get("footnote text"))
    return PageLayout(
        page_width_pt=width / TWIPS_PER_POINT, page_height_pt=height / TWIPS_PER_POINT,
        margin_left_pt=margins["left"] / TWIPS_PER_POINT, margin_right_pt=margins["right"] / TWIPS_PER_POINT,
        margin_top_pt=margins["top"] / TWIPS_PER_POINT, margin_bottom_pt=margins["bottom"] / TWIPS_PER_POINT,
        font=resolver.font_name(properties.get("font")),
        size_pt=properties.get("size", 20) / 2,
        line=properties["line"] / 240 if properties.get("line_rule", "auto") == "auto" and "line" in properties else
        (None if "line" in properties else 1.0),
        line_exact_pt=properties["line"] / TWIPS_PER_POINT if properties.get("line_rule", "auto") != "auto" and "line" in properties else None,
        space_before_pt=properties.get("before", 0) / TWIPS_PER_POINT,
        space_after_pt=properties.get("after", 0) / TWIPS_PER_POINT,
        note_size_pt=note.get("size", 20) / 2,
        page_breaks=_page_breaks(body),
    )


def _twips(value: str | None, default: int) -> int:
    """A length attribute in twips; a missing, malformed or absurd one (a hostile file) is the default."""
    try:
        number = int(float(value)) if value is not None else default
    except ValueError:
        return default
    return number if -31_680 <= number <= 31_680 else default  # Word's own range: 22 inches


def _spacing(properties: dict, spacing) -> None:
    if spacing is None:
        return
    for key in ("before", "after", "line"):
        value = spacing.get(f"{W}{key}")
        if value is not None:
            properties[key] = max(0, _twips(value, 0))
    if spacing.get(f"{W}lineRule") is not None:
        properties["line_rule"] = spacing.get(f"{W}lineRule")


def _run_properties(properties: dict, run_properties) -> None:
    if run_properties is None:
        return
    size = run_properties.find(f"{W}sz")
    if size is not None:
        value = _twips(size.get(f"{W}val"), 0)
        if 2 <= value <= 3276:
            properties["size"] = value
    fonts = run_properties.find(f"{W}rFonts")
    if fonts is not None:
        named = fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")
        themed = fonts.get(f"{W}asciiTheme") or fonts.get(f"{W}hAnsiTheme")
        if named:
            properties["font"] = named
        elif themed:
            properties["font"] = "theme:" + themed


def _theme_fonts(theme) -> dict[str, str]:
    if theme is None:
        return {}
    found = {}
    for kind in ("major", "minor"):
        latin = theme.find(f".//{A}{kind}Font/{A}latin")
        if latin is not None and latin.get("typeface"):
            found[kind] = latin.get("typeface")
    return found


class _Styles:
    """Paragraph styles with their basedOn chains, resolved on top of the document defaults."""

    def __init__(self, root, theme: dict[str, str]) -> None:
        self.theme = theme
        self.defaults: dict = {}
        self.styles: dict[str, tuple[str | None, dict]] = {}
        self.by_name: dict[str, str] = {}
        self.default_style: str | None = None
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults")
        if defaults is not None:
            _run_properties(self.defaults, defaults.find(f"{W}rPrDefault/{W}rPr"))
            _spacing(self.defaults, defaults.find(f"{W}pPrDefault/{W}pPr/{W}spacing"))
        for style_id, name, style in paragraph_styles(root):
            own: dict = {}
            _spacing(own, style.find(f"{W}pPr/{W}spacing"))
            _run_properties(own, style.find(f"{W}rPr"))
            parent = style.find(f"{W}basedOn")
            self.styles[style_id] = (parent.get(f"{W}val") if parent is not None else None, own)
            if name:
                self.by_name[name] = style_id
            if style.get(f"{W}default") in ("1", "true", "on"):
                self.default_style = style_id

    def chain(self, style_id: str | None) -> list[str]:
        """The style and its ancestors, nearest first."""
        chain, current = [], style_id or self.default_style
        while current in self.styles and current not in chain and len(chain) < MAX_STYLE_DEPTH:
            chain.append(current)
            current = self.styles[current][0]
        return chain

    def resolve(self, style_id: str | None) -> dict:
        properties = dict(self.defaults)
        for ancestor in reversed(self.chain(style_id)):
            properties.update(self.styles[ancestor][1])
        return properties

    def is_body(self, style_id: str | None) -> bool:
        """Not a heading, title, caption, list or table style: ordinary text."""
        names = {name for name, ident in self.by_name.items() if ident in self.chain(style_id)}
        return not any(name.startswith(("heading", "title", "subtitle", "caption", "toc", "footnote", "header", "footer"))
                       for name in names)

    def font_name(self, font: str | None) -> str | None:
        if font and font.startswith("theme:"):
            return self.theme.get("major" if "major" in font else "minor")
        return font


def _body_paragraphs(body) -> list:
    return [] if body is None else list(body.iter(f"{W}p"))


def _text_length(paragraph) -> int:
    return sum(len(text.text or "") for text in paragraph.iter(f"{W}t"))


def _style_of(paragraph) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else None


def _dominant_style(paragraphs: list, resolver: _Styles) -> str | None:
    weights: Counter = Counter()
    for paragraph in paragraphs:
        style_id = _style_of(paragraph)
        if resolver.is_body(style_id):
            weights[style_id or resolver.default_style] += _text_length(paragraph)
    return weights.most_common(1)[0][0] if weights else resolver.default_style


def _typed_on_most(paragraphs: list) -> dict:
    """Formatting typed directly on the paragraphs and runs that hold most of the text."""
    total = 0
    votes: dict[str, Counter] = {}
    for paragraph in paragraphs:
        length = _text_length(paragraph)
        if not length:
            continue
        total += length
        typed: dict = {}
        _spacing(typed, paragraph.find(f"{W}pPr/{W}spacing"))
        for key, value in typed.items():
            votes.setdefault(key, Counter())[value] += length
        for run in paragraph.iter(f"{W}r"):
            run_typed: dict = {}
            _run_properties(run_typed, run.find(f"{W}rPr"))
            run_length = sum(len(text.text or "") for text in run.iter(f"{W}t"))
            for key, value in run_typed.items():
                votes.setdefault(key, Counter())[value] += run_length
    found = {}
    for key, counter in votes.items():
        value, weight = counter.most_common(1)[0]
        if total and weight > total / 2:
            found[key] = value
    return found


def _page_breaks(body) -> int:
    if body is None:
        return 0
    breaks = sum(1 for br in body.iter(f"{W}br") if br.get(f"{W}type") == "page")
    breaks += sum(1 for flag in body.iter(f"{W}pageBreakBefore") if flag.get(f"{W}val", "1") not in ("0", "false", "off"))
    return breaks
