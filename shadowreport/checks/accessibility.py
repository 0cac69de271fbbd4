"""Accessibility of a Word file: what a screen reader, a magnifier or a reviewer's conversion needs.

Treaty bodies publish what they receive, and disabled persons' organisations write alternative
reports: a submission should be readable by everyone. These checks read what the .docx reader found
about the file itself (``Draft.word``); drafts from Markdown, text or a project have none and pass.
Each message says how to fix it in Word.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..draft import Draft, WordAccessibility
from .context import CheckConfig, Rules
from .finding import Found, Location
from .registry import check

SOURCE = "WCAG 2.1 and Microsoft Word's accessibility checker (Review > Check Accessibility)"
FEW_WORDS = 100  # a document with pictures and fewer words than this has its text in the pictures
LONG_ENOUGH_FOR_HEADINGS = 400  # words: about a page, past which a reader needs headings to move about


def _word(draft: Draft) -> WordAccessibility | None:
    return draft.word


def _quoted(text: str, limit: int = 60) -> str:
    return f"'{text if len(text) <= limit else text[: limit - 1] + '…'}'"


@check("accessibility.title", "warning")
def title(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """The Word file has a title property: screen readers and PDF readers announce it first.

    Passes: File > Info > Title holds "Trafficking for forced labour in agriculture".
    Fails: the title property is empty (the first line of the text does not count).
    """
    word = _word(draft)
    if word is not None and not word.title.strip():
        t = config.translator
        yield Found(t.gettext("The document has no title property."),
                    suggestion=t.gettext("In Word: File > Info > Properties > Title, and type the report's title."), source=SOURCE)


@check("accessibility.language", "warning")
def language(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """The language of the text is set, so screen readers pronounce it and spelling follows it.

    Passes: the text is marked English (United Kingdom).
    Fails: no language is set in the document's defaults or properties.
    """
    word = _word(draft)
    if word is not None and not (word.language or "").strip():
        t = config.translator
        yield Found(t.gettext("The document's language is not set."),
                    suggestion=t.gettext("In Word: select all (Ctrl+A), Review > Language > Set Proofing Language, choose the language "
                                         "and click Set As Default."), source=SOURCE)


@check("accessibility.heading-levels", "warning")
def heading_levels(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Headings are Word headings, starting at Heading 1 and never skipping a level.

    Passes: Heading 1 "Background", Heading 2 "Law", Heading 1 "Recommendations".
    Fails: Heading 1 "Background" then Heading 3 "Law": level 2 is skipped.
    """
    word = _word(draft)
    if word is None:
        return
    t = config.translator
    if not word.headings:
        if sum(word.page_words) >= LONG_ENOUGH_FOR_HEADINGS:
            yield Found(t.gettext("The document has no headings: a screen-reader user cannot move from section to section."),
                        suggestion=t.gettext("In Word: put the cursor in each section title and choose Home > Styles > Heading 1 "
                                             "(Heading 2 for a sub-section)."), source=SOURCE)
        return
    previous = 0
    for heading in word.headings:
        if heading.level > previous + 1:
            where = t.gettext("the first heading") if previous == 0 else t.gettext("after a level {level} heading").format(level=previous)
            yield Found(t.gettext("The heading {heading} is at level {level}, {where}: level {missing} is skipped.").format(
                            heading=_quoted(heading.text), level=heading.level, where=where, missing=previous + 1),
                        Location(section=heading.text),
                        t.gettext("In Word: apply Heading {level} to it (Home > Styles), or add the missing level above it.").format(
                            level=previous + 1), SOURCE)
        previous = heading.level


@check("accessibility.alt-text", "warning")
def alt_text(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Every picture, chart or logo has alternative text, or is marked decorative.

    Passes: a chart described "Referrals by year, 2019 to 2025: from 40 to 74".
    Fails: a logo in the header with no alternative text.
    """
    word = _word(draft)
    if word is None:
        return
    t = config.translator
    for image in word.images:
        if image.alt or image.decorative:
            continue
        where = t.gettext("in a header or footer") if image.page is None else t.gettext("on page {page}").format(page=image.page)
        message = t.gettext("{name} {where} has no alternative text.") if image.name else t.gettext("A picture {where} has no alternative text.")
        yield Found(message.format(name=_quoted(image.name or ""), where=where),
                    suggestion=t.gettext("In Word: right-click the picture > View Alt Text, and say what it shows (for a logo, whose it is); "
                                         "tick 'Mark as decorative' only for an ornament."), source=SOURCE)


@check("accessibility.table-header", "warning")
def table_header(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Every table of two rows or more has its first row marked as a header row.

    Passes: a table whose first row (Year, Cases, Convictions) repeats as a header row.
    Fails: the same table with the first row as ordinary cells.
    """
    word = _word(draft)
    if word is None:
        return
    for number, table in enumerate(word.tables, start=1):
        if table.rows >= 2 and not table.header_row:
            t = config.translator
            opening = t.gettext(" (first row {row})").format(row=_quoted(table.first_row)) if table.first_row else ""
            yield Found(t.gettext("Table {number}{opening} has no header row.").format(number=number, opening=opening),
                        suggestion=t.gettext("In Word: click in the first row, then Table Layout > Repeat Header Rows "
                                             "(and tick Table Design > Header Row)."), source=SOURCE)


@check("accessibility.typed-numbering", "warning")
def typed_numbering(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Numbers and bullets come from Word's lists, not typed by hand.

    Passes: paragraphs numbered with Home > Numbering.
    Fails: "1. The Ministry should ..." with the "1." typed: a screen reader announces no list.
    """
    word = _word(draft)
    if word is None or not word.typed_numbers:
        return
    count = len(word.typed_numbers)
    t = config.translator
    yield Found(t.ngettext("{count} paragraph starts with a number or bullet typed by hand, e.g. {example}.",
                           "{count} paragraphs start with a number or bullet typed by hand, e.g. {example}.",
                           count).format(count=count, example=_quoted(word.typed_numbers[0])),
                suggestion=t.gettext("In Word: select those paragraphs, delete the typed numbers or bullets and choose Home > Numbering "
                                     "(or Bullets), so the list is a real list."), source=SOURCE)


@check("accessibility.fake-heading", "warning")
def fake_heading(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """A heading is a heading style, not a short line of bold body text.

    Passes: "Background" in Heading 2.
    Fails: "Background" in bold Normal text, followed by the section's text.
    """
    word = _word(draft)
    if word is None:
        return
    t = config.translator
    for text in word.bold_headings:
        yield Found(t.gettext("{text} looks like a heading (bold text) but is not one.").format(text=_quoted(text)), Location(section=text),
                    t.gettext("In Word: put the cursor in it and choose Home > Styles > Heading 1 or 2, so it shows in the Navigation "
                              "Pane and screen readers can jump to it."), SOURCE)


@check("accessibility.text-as-image", "warning")
def text_as_image(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Text is text: no page is only a picture, and the document's words are not in pictures.

    Passes: a report with a chart beside its text.
    Fails: a scanned page pasted as a picture, or a document whose text is all in pictures.
    """
    word = _word(draft)
    if word is None:
        return
    pictures = [image for image in word.images if image.page is not None and not image.decorative]
    if not pictures:
        return
    words = sum(word.page_words)
    t = config.translator
    fix = t.gettext("Put the text in the document as text (retype it, or in Word right-click the picture > Copy Text from Picture "
                    "and paste it), and keep a picture only for what is not text, with alternative text.")
    if words < FEW_WORDS:
        yield Found(t.gettext("The document's text seems to be in pictures: {pictures} picture(s) and only {words} words of text.").format(
                        pictures=len(pictures), words=t.number(words)),
                    suggestion=fix, source=SOURCE)
        return
    for page in sorted({image.page for image in pictures}):
        if page <= len(word.page_words) and word.page_words[page - 1] == 0:
            yield Found(t.gettext("Page {page} holds only a picture, no text: a screen reader reads nothing there.").format(page=page),
                        suggestion=fix, source=SOURCE)
