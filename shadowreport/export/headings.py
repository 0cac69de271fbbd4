"""The headings an export prints, in the document's language.

A section keeps the title its project gave it. A title the kind itself gave (its English title, never
changed by the user) is printed in the document's language instead, from the language's vocabulary
file (mechanisms/vocabulary/languages/<code>.yml, ``sections``): a French project exports
"Recommandations", not "Recommendations", whatever language its sections were created in.
"""

from __future__ import annotations

import dataclasses

from ..draft import Draft
from ..language import section_text
from ..rules.models import Kind

DEFAULT_TITLES = {"recommendations": "Recommendations"}  # the section an export adds when a project has none


def in_language(draft: Draft, kind: Kind, language: str) -> Draft:
    """``draft`` with the kind's own headings in ``language`` (the same draft in English)."""
    if language == "en" or not draft.kind:
        return draft
    english = {**DEFAULT_TITLES, **{section.id: section.title for section in kind.sections}}
    sections = []
    for section in draft.sections:
        title = section.title
        if section.id and title.strip() == english.get(section.id):
            title = section_text(draft.kind, section.id, language).get("title", title)
        sections.append(dataclasses.replace(section, title=title))
    return dataclasses.replace(draft, sections=sections)
