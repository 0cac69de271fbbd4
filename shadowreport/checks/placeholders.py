"""Placeholders left in: 'XX', 'TBC', '[insert ...]', '[ORGANISATION NAME]', '##', lorem ipsum.

Drafts are written from templates and by several hands, and the last hour before a deadline is when
a '[insert figure]' slips through. One finding per paragraph, heading or table cell that holds any.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..draft import Draft
from ..lazy_pattern import LazyPattern
from .context import CheckConfig, Rules
from .finding import Found, Location
from .registry import check
from .text import paragraphs, where

PLACEHOLDER = LazyPattern(
    r"\[(?:insert|add|include|to be|tbc|tbd|xx+|name|date|figure|number|organi[sz]ation|source|ref|link|citation|"
    r"insérer|ajouter|à compléter|nom|chiffre|insertar|añadir|nombre|fecha|cifra|por completar)[^\[\]]{0,80}\]"
    r"|\[[A-Z]+[ _/-][A-Z0-9 /_-]{2,40}\]|\[(?:NAME|DATE|COUNTRY|STATE|CITY|ORGANI[SZ]ATION|NUMBER|FIGURE|LINK|SOURCE|TITLE|NOM|PAYS|FECHA|NOMBRE|PAÍS)\]"  # [ORGANISATION NAME], [DATE]; not [NRM]
    r"|\b(?:TBC|TBD|FIXME|TODO|à compléter|à confirmer|por completar|por confirmar)\b"
    r"|(?<![\w/.])X{2,}(?![\w/])(?!\s+(?:century|siècle|siglo)\b)"  # XX, XXX; not 'the XX century'
    r"|(?<![\w#])#{2,}(?![\w#])"  # '##' typed for a number still to come
    r"|\blorem ipsum\b|\?{3,}",
    re.IGNORECASE,
)
_CASE_SENSITIVE = LazyPattern(r"X{2,}|\[[A-Z]|TBC|TBD|FIXME|TODO")


_MAYBE = LazyPattern(r"\[|XX|TB[CD]|##|[Ll]orem|\?\?\?|FIXME|TODO|compl[ée]t|confirm")  # cheap: most paragraphs hold none of these


def placeholders_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each placeholder in a text."""
    if not _MAYBE.search(text):
        return []
    found = []
    for match in PLACEHOLDER.finditer(text):
        shown = match.group(0)
        # 'xx' in lower case is a word fragment or a number in words; uppercase markers must be uppercase
        if re.fullmatch(r"x{2,}|tbc|tbd|fixme|todo", shown, re.IGNORECASE) and not _CASE_SENSITIVE.fullmatch(shown):
            continue
        if shown.startswith("[") and shown[1:2].isupper() and not shown[1:-1].replace(" ", "").isupper() and not re.match(
                r"\[(?:insert|add|include|to be|tbc|tbd|name|date|figure|number|organi|source|insérer|ajouter|nom|insertar|añadir|nombre|fecha)",
                shown, re.IGNORECASE):
            continue
        found.append((match.start(), match.end(), shown))
    return found


@check("structure.placeholder", "warning")
def placeholder(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """No placeholder is left in: 'XX', 'TBC', '[insert ...]', '[ORGANISATION NAME]', '##', lorem ipsum.

    Passes: "In 2025 only 14 victims were formally identified."
    Fails: "Kestria supported XX recommendations (TBC)." and "[Insert a short description here.]"
    """
    for line in draft.cover:
        hits = placeholders_in(line)
        if hits:
            yield _found(config.translator, hits, Location(section="title block"))
    for section in draft.sections:
        hits = placeholders_in(section.title)
        if hits:
            yield _found(config.translator, hits, Location(section=section.title))
    for section, position, paragraph in paragraphs(draft, include_annexes=True):
        hits = placeholders_in(paragraph.text)
        if hits:
            yield _found(config.translator, hits, where(section, position, paragraph, hits[0][:2]))
    for number, table in enumerate(draft.tables, 1):
        for row in table:
            for cell in row:
                hits = placeholders_in(cell)
                if hits:
                    yield _found(config.translator, hits, Location(section=f"table {number}"))


def _found(t, hits: list[tuple[int, int, str]], location: Location) -> Found:
    shown = ", ".join(f"'{text}'" for _, _, text in hits[:3]) + (" ..." if len(hits) > 3 else "")
    return Found(t.gettext("Placeholder left in: {shown}.").format(shown=shown), location, t.gettext("Fill it in or delete it before sending."))
