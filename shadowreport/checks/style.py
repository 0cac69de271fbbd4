"""Style: acronyms the reader may not know, and wording that stigmatises the people concerned."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..draft import Draft
from ..lazy_pattern import LazyPattern, compiled
from .context import CheckConfig, Rules
from .finding import Found
from .registry import check
from .text import paragraphs, where

WELL_KNOWN = {"UN", "EU", "UK", "US", "USA", "NGO", "NGOs", "OK", "PDF", "ID", "TV", "AIDS", "HIV", "COVID", "EUR", "USD", "GBP", "CEO", "II", "III", "IV", "VI",
              # the same in French and Spanish, and the bodies a submission is written to: its readers know their own names
              "ONU", "UE", "ONG", "ONGs", "OIT", "ILO", "OIM", "IOM", "OSCE", "UNICEF", "UNHCR", "HCR", "ACNUR", "UNODC", "ONUDC", "OHCHR", "HCDH",
              "ACNUDH", "UPR", "EPU", "HRC", "CDH", "GRETA", "CEDAW", "CRC", "CAT", "CERD", "CESCR", "CCPR", "CMW", "CRPD", "CED", "CEACR", "CAS",
              "TIP", "SIDA", "VIH", "NN", "UU", "EE"}
_GLOSSARY = LazyPattern(r"acronym|abbreviation|glossary|sigles|abréviations|acrónimos|siglas|abreviaturas|contents|sommaire|índice", re.IGNORECASE)
_DEFINITION = LazyPattern(r"^\s*([A-Z][A-Za-z0-9]{1,9})\s*(?:[—–:=\t-]|\s{2,})\s*\S")  # "NRM — National Referral Mechanism"


_SMALL = {"of", "for", "and", "the", "on", "in", "de", "des", "du", "la", "le", "les", "et", "y", "del", "los", "las", "el", "d", "l", "pour",
          "para", "contre", "contra", "against", "à", "a", "en"}
_WORD_OF_NAME = LazyPattern(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _initials(text: str) -> set[str]:
    """The initials of every run of up to seven words that starts with a capital: 'Domestic Workers Rights
    Alliance' gives DW, DWR, DWRA; 'Commission nationale consultative des droits de l'homme' gives CNCDH."""
    words = _WORD_OF_NAME.findall(text)
    found: set[str] = set()
    for start, word in enumerate(words):
        if not word[:1].isupper() or word.isupper():
            continue
        letters = word[0]
        for following in words[start + 1:start + 12]:
            if following.lower() in _SMALL:
                continue
            letters += following[0].upper()
            found.add(letters)
            if len(letters) >= 7:
                break
    return found


_ACRONYM = LazyPattern(r"\b([A-Z][A-Z0-9]{1,7}s?)\b")
_IN_BRACKETS = LazyPattern(r"\(([A-Z][A-Za-z0-9]{1,9})\)")  # "national referral mechanism (NRM)"
_BEFORE_BRACKETS = LazyPattern(r"\b([A-Z][A-Z0-9]{1,7})\s*\((?:[a-z]|[A-Z][a-z])")  # "NRM (national referral mechanism)"


_ROMAN = LazyPattern(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


@check("style.jargon", "info")
def jargon(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Acronyms are spelled out on first use: "national referral mechanism (NRM)".

    Passes: "the national referral mechanism (NRM) ... the NRM".
    Fails: "the NRM" with no spelled-out form (a warning in briefings, information elsewhere).
    """
    severity = "warning" if rules.kind is not None and rules.kind.briefing is not None else "info"
    text = "\n".join([*draft.cover, *(s.title for s in draft.sections), *(p.text for _, _, p in paragraphs(draft, include_annexes=True))])
    defined = set(_IN_BRACKETS.findall(text)) | set(_BEFORE_BRACKETS.findall(text))
    defined |= {m.group(1) for line in text.splitlines() if (m := _DEFINITION.match(line))}  # a list of acronyms
    defined |= {row[0].strip() for table in draft.tables for row in table if len(row) >= 2 and re.fullmatch(r"[A-Z][A-Za-z0-9]{1,9}", row[0].strip())}
    own = {rules.mechanism.id.upper()} if rules.mechanism else set()
    reported: set[str] = set()
    initials: set[str] | None = None
    for section, position, paragraph in paragraphs(draft):
        if _GLOSSARY.search(section.title):
            continue  # the list that spells them out
        for match in _ACRONYM.finditer(paragraph.text):
            acronym = match.group(1)
            base = acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym
            if base in WELL_KNOWN or acronym in WELL_KNOWN or base in own or base in defined or base in reported or re.fullmatch(r"[CP]\d+", base) or base.isdigit():
                continue
            if base in ("TBC", "TBD", "TODO", "FIXME") or re.fullmatch(r"X+", base):
                continue  # a placeholder left in (structure.placeholder says so), not an acronym
            if "/" in paragraph.text[max(0, match.start() - 1):match.end() + 1]:
                continue  # part of a document symbol: A/HRC/51/9, CEDAW/C/CSR/CO/9
            if initials is None:
                initials = _initials(text)  # computed once, only when an acronym is not defined otherwise
            if base.rstrip("s") in initials:
                defined.add(base)
                continue
            if not any(c.isalpha() for c in base) or len(base) < 2 or _ROMAN.fullmatch(base):
                continue
            reported.add(base)
            tr = config.translator
            yield Found(tr.gettext("'{acronym}' is not spelled out before it is used.").format(acronym=base),
                        where(section, position, paragraph, match.span()),
                        tr.gettext("Write it in full the first time, e.g. 'full name ({acronym})'.").format(acronym=base),
                        severity=severity)


@check("style.stigmatising-term", "warning")
def stigmatising_term(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Wording that stigmatises or blurs the people concerned, with the wording to prefer.

    Passes: "undocumented migrants", "presumed and identified trafficked persons".
    Fails: "illegal immigrants", "child prostitutes".
    """
    vocabulary = rules.pack.stigmatising_terms
    source = vocabulary.sources.get(vocabulary.source)
    provenance = f"{vocabulary.confidence}; {source.title if source else vocabulary.source}"
    pattern = _combined(tuple(t.pattern or re.escape(t.term) for t in vocabulary.terms))
    tr = config.translator
    for section, position, paragraph in paragraphs(draft, include_annexes=True):
        lowered = paragraph.text.lower()
        searched = lowered if len(lowered) == len(paragraph.text) else paragraph.text  # same offsets either way
        for match in pattern.finditer(searched):
            term = vocabulary.terms[int(match.lastgroup[1:])]
            match_text = paragraph.text[match.start():match.end()]
            yield Found(f"'{match_text}': {term.why}",
                        where(section, position, paragraph, match.span()),
                        tr.gettext("Prefer: {wording}.").format(wording=term.prefer), provenance)


@lru_cache(maxsize=4)
def _combined(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """All terms in one pattern, so a long report is read once rather than once per term."""
    # Anchored at word starts (the terms are whole words): about four times faster on long reports.
    alternatives = "|".join(f"(?P<t{index}>{pattern})" for index, pattern in enumerate(patterns))
    return compiled(rf"\b(?=\w)(?:{alternatives})", re.IGNORECASE)  # the rules' terms, never a user's text: kept between runs
