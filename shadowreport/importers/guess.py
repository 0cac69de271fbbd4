"""Which mechanism and kind a document from elsewhere is written for, guessed from what it says.

A Word file someone else wrote carries no flags. Rather than refuse it, the tool reads the title
block, the headings and the opening text for the names of the bodies (in English, French and
Spanish: the mechanism's own name and short name from the rules, and the names below), picks the one
named most, and says what it guessed and why, so the user can override it. A short text that names
no body is taken for a policy briefing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..draft import Draft

# Names the rules do not hold: other languages and common short forms. Lower case.
OTHER_NAMES: dict[str, tuple[str, ...]] = {
    "upr": ("upr", "examen périodique universel", "epu", "examen periódico universal"),
    "greta": ("greta", "groupe d'experts sur la lutte contre la traite", "grupo de expertos sobre la lucha contra la trata"),
    "special-procedures": ("special rapporteur", "rapporteur spécial", "rapporteuse spéciale", "relator especial", "relatora especial",
                           "working group on", "groupe de travail sur"),
    "cedaw": ("cedaw", "discrimination à l'égard des femmes", "discriminación contra la mujer"),
    "crc": ("committee on the rights of the child", "comité des droits de l'enfant", "comité de los derechos del niño"),
    "cat": ("committee against torture", "comité contre la torture", "comité contra la tortura"),
    "ccpr": ("human rights committee", "comité des droits de l'homme", "comité de derechos humanos", "iccpr"),
    "cescr": ("cescr", "droits économiques, sociaux et culturels", "derechos económicos, sociales y culturales"),
    "cerd": ("cerd", "discrimination raciale", "discriminación racial"),
    "cmw": ("migrant workers", "travailleurs migrants", "trabajadores migratorios"),
    "crpd": ("crpd", "droits des personnes handicapées", "derechos de las personas con discapacidad"),
    "ced": ("enforced disappearances", "disparitions forcées", "desapariciones forzadas"),
    "ilo": ("ilo", "ceacr", "committee of experts on the application", "oit", "commission d'experts pour l'application"),
    "us-tip": ("trafficking in persons report", "tip report", "office to monitor and combat trafficking"),
    "eu": ("eu anti-trafficking coordinator", "national rapporteur", "rapporteur national"),
}
# Words that pick a particular kind within a mechanism.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "list-of-issues": ("list of issues", "liste de points", "liste des points", "lista de cuestiones"),
    "midterm": ("mid-term", "midterm", "mi-parcours", "medio término"),
    "call-for-input": ("call for input", "questionnaire", "appel à contributions", "call for submissions", "convocatoria"),
}
SHORT_BRIEFING_WORDS = 900  # a text this short that names no body is a briefing
READ_CHARS = 6_000  # the title block, headings and opening text: where a document names its addressee


@dataclass(frozen=True)
class Guess:
    kind: str  # "upr/stakeholder"
    reason: str  # what it was guessed from, in words


def guess_kind(draft: Draft, pack) -> Guess | None:
    """The likeliest kind for ``draft``, or None when the text names no body and is not short."""
    opening = " ".join([draft.title, *draft.cover, *(s.title for s in draft.sections)])
    body = " ".join(p.text for s in draft.sections for p in s.paragraphs)
    text = " ".join((opening + " " + body)[:READ_CHARS].lower().split())
    scores: dict[str, tuple[int, str]] = {}
    for mechanism in pack.mechanisms.values():
        names = {n.lower() for n in (mechanism.name, mechanism.short_name) if n and len(n) > 2}
        names |= set(OTHER_NAMES.get(mechanism.id, ()))
        counted = {name: len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text)) for name in names}
        best = max(counted, key=counted.get, default=None)
        total = sum(counted.values())
        if best and total:
            scores[mechanism.id] = (total, best)
    words = sum(len(p.text.split()) for s in draft.sections for p in s.paragraphs)
    if not scores:
        if words and words <= SHORT_BRIEFING_WORDS and "briefing" in pack.mechanisms:
            kind = next(iter(pack.mechanisms["briefing"].kinds))
            return Guess(f"briefing/{kind}", f"a short text ({words:,} words) that names no monitoring body")
        return None
    mechanism_id, (count, name) = max(scores.items(), key=lambda item: item[1][0])
    mechanism = pack.mechanisms[mechanism_id]
    # A kind its own words name; else the mechanism's general kind (one no particular words call for).
    named = [k for k in mechanism.kinds if any(w in text for w in KIND_WORDS.get(k, ()))]
    general = [k for k in mechanism.kinds if k not in KIND_WORDS]
    kind = (named or general or list(mechanism.kinds))[0]
    times = "once" if count == 1 else f"{count} times"
    return Guess(f"{mechanism_id}/{kind}", f"it names '{name}' {times}")
