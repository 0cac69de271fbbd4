"""Finding personal data in text: what could identify a trafficked person, or expose a shelter.

Pattern-based and deliberately cautious: a false alarm costs a glance, a missed name can cost a
life. Hits carry a kind and a character span, never the matched text, so that reports and logs
never repeat the personal data they point at. Patterns compile when first needed: most texts hold
no e-mail, passport line or shelter, and a command pays only for what its text asks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from .lazy_pattern import LazyPattern

HitKind = Literal["email", "phone", "id-number", "birth-date", "street-address", "shelter-address", "person-name", "age-place"]

_DIGIT = LazyPattern(r"\d")
_EMAIL = LazyPattern(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_CANDIDATE = LazyPattern(r"(?<![\w+.,/-])(?:\+|\(\+?)?\d[\d \t./()-]{6,20}\d(?![\w,/])")
_PHONE_KEYWORD = LazyPattern(
    r"\b(?:tel|t[ée]l[ée]phone|phone|mobile|cell|whatsapp|viber|telegram|signal|sms|fax|call(?:ed)?|text(?:ed)?|ring|reach(?:ed)?|"
    r"tel[ée]fono|telefon|portable|m[óo]vil|cellulare)\.?(?:\s*:|\s+(?:her|him|them|me|us|at|on|number|no\.?|is|n[º°]))*\s*:?\s*$",
    re.IGNORECASE,
)
# An identity-document number: a word naming the document (in the languages of the mechanisms'
# submissions), a few linking words ("number", "n°", "is"), then the number itself. Naming the
# document is required: a bare number is as likely a law, an ISBN or a figure.
_ID_DOCUMENT = (
    r"(?i:passports?|passeports?|pasaportes?|passaport[oi]|reisepass|pa[sș]aport|paszport|"
    r"identity\s+(?:card|document|number)|id\s+(?:card|number|no\b\.?)|national\s+(?:id|identity|insurance)(?:\s+(?:card|number))?|"
    r"carte\s+(?:nationale\s+)?d['’]identit[ée]|documento\s+(?:nacional\s+)?de\s+identidad|carta\s+d['’]identit[àa]|"
    r"personalausweis|codice\s+fiscale|personal\s+(?:id\s+|identification\s+)?number|residence\s+permit|permit\s+number|"
    r"titre\s+de\s+s[ée]jour|permiso\s+de\s+residencia|social\s+security(?:\s+number)?|nhs\s+number|case\s+number|file\s+number)"
    r"|(?:ID|DNI|NIE|NIF|NIN|CNI|CNP|SSN|PESEL|EGN|OIB|JMBG)"
)
_ID_NUMBER = LazyPattern(
    r"\b(?:" + _ID_DOCUMENT + r")\b"
    r"(?:\s*[:#]|\s*(?i:n[º°]|(?:no|nr|num|number|numero|numéro|número|is|was)\b\.?))*\s*"
    r"(?P<value>[A-Z]{0,3}[ -]?\d[0-9A-Z]*(?:[ -][0-9A-Z]+){0,3})(?![\w/])"
)
# Cheap substring tests that rule out most paragraphs before _ID_NUMBER runs (it is the costliest pattern).
_ID_HINTS = ("pass", "pasa", "pașa", "paszport", "identi", "id card", "id number", "id no", "national", "ausweis", "fiscale",
             "personal", "permit", "séjour", "sejour", "residencia", "security", "nhs", "case number", "file number")
_ID_ACRONYMS = ("ID", "DNI", "NIE", "NIF", "NIN", "CNI", "CNP", "SSN", "PESEL", "EGN", "OIB", "JMBG")
# The machine-readable lines of a passport or ID card ("P<UTOERIKSSON<<ANNA<MARIA<<<...").
_MRZ = LazyPattern(r"(?<![A-Z0-9<])[A-Z0-9<]{30,44}(?![A-Z0-9<])")
_BIRTH = LazyPattern(
    r"\bborn\s+(?:on\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4}|\bborn\s+(?:on\s+)?[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}"
    r"|\bborn\s+in\s+(?:19|20)\d{2}|\bdate\s+of\s+birth\b|\bd\.o\.b\.?|\bDOB\b|\bnée?\s+le\b",
    re.IGNORECASE,
)
_STREET_NUMBER_FIRST = LazyPattern(
    r"\b\d{1,4}[a-zA-Z]?,?\s+(?:[A-Z][\w'-]+\s+){1,3}(?:Street|St\b\.?|Road|Rd\b\.?|Avenue|Ave\b\.?|Lane|Boulevard|Blvd\b\.?|Square|Close|Drive)")
# "12 rue de la Paix", "3 bis avenue du Général-Leclerc": French addresses put the number first and the street word in lower case.
_STREET_NUMBER_FIRST_FR = LazyPattern(
    r"\b\d{1,4}(?:\s?(?:bis|ter)|[a-zA-Z])?,?\s+(?i:rue|avenue|av\.|boulevard|bd|place|allée|chemin|impasse|quai|cours|route)\s+"
    r"(?:(?i:de|du|des|la|le|l['’]|d['’])\s*)*[A-ZÀ-Ý][\w'-]+")
_STREET_WORDS = "Via|Viale|Corso|Piazza|Rue|Boulevard|Calle|Avenida|Plaza|Strada|Str\\.|Ulica|ul\\.|Bulevardul|Strasse|Straße|Rua|Carrer"
_STREET_NAME_FIRST = LazyPattern(
    r"\b(?:" + _STREET_WORDS + r")\s+"
    r"(?:(?:(?:da|de|del|della|dei|di|do|dos|das|du|des|la|le|van|von|der)\s+)?[A-Z][\w'-]+\.?\s*){1,4},?\s*"
    r"(?:(?:nr|no|n)\.?\s*|n[º°]\s*)?\d{1,4}[a-z]?\b")
_STREET_WORD = LazyPattern(r"(?:" + _STREET_WORDS + r") ")
_STREET_COMPOUND = LazyPattern(r"\b[A-Z][a-zäöüß]+(?:straße|strasse|gasse|weg|platz)\s+\d{1,4}[a-z]?\b")
_SHELTER = LazyPattern(r"\b(shelter|safe ?house|refuge|frauenhaus|casa rifugio|foyer|centre d'accueil|albergue|casa de acogida)\b", re.IGNORECASE)
_AGE = LazyPattern(r"\b(\d{1,2})[- ]years?[- ]old\b|\baged\s+(\d{1,2})\b|\b(\d{1,2})\s+ans\b|\bâgée?\s+de\s+(\d{1,2})\b", re.IGNORECASE)
_PLACE = LazyPattern(r"\b(?:from|in|of|near|à|de)\s+(?:the\s+(?:village|town|city)\s+of\s+)?[A-Z][a-zà-ÿ]+(?:[- ][A-Z][a-zà-ÿ]+)?")
_TITLE_NAME = LazyPattern(r"\b(?:Mr|Mrs|Ms|Miss|Mme|Mlle|Sr|Sra|Herr|Frau)\.?\s+[A-Z][a-zà-ÿ]+(?:[- ][A-Z][a-zà-ÿ]+)?")
_TWO_CAPITALS = LazyPattern(r"\b([A-Z][a-zà-ÿ]{1,20}(?:-[A-Z][a-zà-ÿ]+)?)\s+([A-Z][a-zà-ÿ]{1,20}(?:-[A-Z][a-zà-ÿ]+)?)\b")
# Words that show a sentence speaks of a (possibly) trafficked person; matched on lower-cased text.
_CONTEXT = LazyPattern(
    r"\b(?=[a-z])(?:victims?|survivors?|trafficked|exploited|recruited|rescued|client|beneficiary|she|her|he|his|woman|girl|boy|"
    r"man|child|minor|aged|testimony|years? old|year-old|case of|was forced|was sold|was promised)\b"
)
# Words for one particular person, or for where someone lives: "survivors can call the helpline on ..."
# is a service's number, "she can be reached on ..." is hers. Matched on lower-cased text.
_ONE_PERSON = LazyPattern(
    r"\b(?:she|her|he|his|him|the (?:victim|survivor|woman|girl|boy|man|child|worker|client)|a (?:victim|survivor)|"
    r"lives|lived|living|stays|stayed|staying|resides|resided|family|mother|father|sister|brother|husband|wife)\b"
)
_MINOR = LazyPattern(r"\b(girl|boy|child|minor|teenager|adolescent|unaccompanied)\b", re.IGNORECASE)
_SENTENCE_END = LazyPattern(r"[.!?]+")

# Capitalised words that start names of institutions, places and documents, not of people.
NOT_A_PERSON = set("""
The This That These Those A An In On At For From By With Of And Or But As If When While After Before During Since Until Between
Ministry Minister Agency Office Council Committee Commission Court Police National European United Nations Rights Human Special
Rapporteur Republic Convention Protocol Directive Act Law Code Article Plan Strategy Department Federal State States Government
Union Organisation Organization International Report Road Strada Centre Center Association Associazione Foundation Network
Platform Group Day Working Universal Periodic Review General Assembly Security Labour Labor Inspectorate Inspection Justice
Interior Home Affairs Social Welfare Health Education Foreign Public Prosecutor Prosecution Service Services Unit Anti Trafficking
Persons Women Children Migrants Migration Asylum Border Guard Red Cross Crescent Caritas Save Amnesty Watch Anti-Slavery Slavery
North South East West Central Eastern Western Northern Southern Europe Africa Asia America Latin Balkan Balkans Black Sea Mediterranean
January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday
Saturday Sunday Mr Mrs Ms Dr Prof Section Annex Table Figure Chapter Paragraph Recommendation Recommendations Summary Introduction
Evidence Analysis Conclusion Conclusions Our We They She He Her His Their Its It Ombudsperson Ombudsman Parliament Senate Chamber
Municipality Region Regional Province Provincial County City Town Village District Institute University School Hospital Church
Catholic Orthodox Muslim Jewish Islamic Christian Court Tribunal Supreme Constitutional Administrative Criminal Civil Penal Global
Via Viale Corso Piazza Rue Calle Avenida Plaza Ulica Street Avenue Lane Boulevard Square Strasse Straße
Fundación Fundacion Fondazione Fondation Stiftung Asociación Asociacion Associação Verein Centro Casa Maison Haus Cooperativa
Trafficking Reporting Mechanism Referral Coordinator Coordination Task Force Inter Ministerial Fund Programme Program Project Initiative
Board Aid Society Trust Bureau Authority Secretariat Observatory Alliance Coalition Federation Confederation Collective Forum Institution
Youth Legal Workers Trade Centre Clinic Helpline Hotline Shelter Forced Labour Domestic Agricultural Mental Detained Fast Track
""".split())


@dataclass(frozen=True)
class Hit:
    kind: HitKind
    span: tuple[int, int]
    minor: bool = False


def scan(text: str) -> list[Hit]:
    """Every stretch of text that looks like personal data, in order."""
    hits: list[Hit] = []
    has_digit = _DIGIT.search(text) is not None
    lowered = text.lower()
    # Cheap tests first, so that a long report is scanned quickly: most paragraphs hold no '@',
    # no digits, no street names and no birth wording, and the costly patterns never run on them.
    if "@" in text:
        hits.extend(Hit("email", m.span()) for m in _EMAIL.finditer(text))
    if "<<" in text:
        hits.extend(Hit("id-number", m.span()) for m in _MRZ.finditer(text) if m.group(0).count("<") >= 3)
    if has_digit:
        hits.extend(Hit("phone", m.span()) for m in _PHONE_CANDIDATE.finditer(text) if _looks_like_phone(text, m))
        if any(word in lowered for word in _ID_HINTS) or any(word in text for word in _ID_ACRONYMS):
            hits.extend(Hit("id-number", m.span()) for m in _ID_NUMBER.finditer(text) if _looks_like_id(m.group("value")))
        streets = list(_STREET_NUMBER_FIRST.finditer(text))
        if any(word in lowered for word in (" rue ", " avenue ", " av. ", " boulevard ", " bd ", " place ", " allée ", " chemin ",
                                             " impasse ", " quai ", " cours ", " route ")):
            streets += _STREET_NUMBER_FIRST_FR.finditer(text)
        if _STREET_WORD.search(text):
            streets += _STREET_NAME_FIRST.finditer(text)
        if any(word in lowered for word in ("straße", "strasse", "gasse", "weg ", "platz")):
            streets += _STREET_COMPOUND.finditer(text)
        for match in streets:
            window = text[max(0, match.start() - 200): match.end() + 200]
            hits.append(Hit("shelter-address" if _SHELTER.search(window) else "street-address", match.span()))
    if "born" in lowered or "birth" in lowered or "dob" in lowered or "d.o.b" in lowered or "né" in lowered:
        hits.extend(Hit("birth-date", m.span()) for m in _BIRTH.finditer(text))
    # Names and ages matter only in sentences that speak of a person: find those sentences from the
    # context words, rather than testing every sentence.
    source = lowered if len(lowered) == len(text) else text.lower()
    positions = [m.start() for m in _CONTEXT.finditer(source)]
    if positions:
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        for index in sorted({bisect_right(ends, position) for position in positions}):
            start = ends[index - 1] if index > 0 else 0
            end = ends[index] if index < len(ends) else len(text)
            hits.extend(_sentence_hits(text[start:end], start))
    addresses = [h.span for h in hits if h.kind in ("street-address", "shelter-address")]
    hits = [h for h in hits if not (h.kind == "person-name" and any(a[0] <= h.span[0] < a[1] for a in addresses))]
    return _dedupe(hits)


def about_a_person(text: str, span: tuple[int, int]) -> bool:
    """Whether the sentence holding ``span`` speaks of one person (her phone, where he lives), not of a service for many."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    index = bisect_right(ends, span[0])
    start = ends[index - 1] if index > 0 else 0
    end = ends[index] if index < len(ends) else len(text)
    return _ONE_PERSON.search(text[start:end].lower()) is not None


def _looks_like_id(value: str) -> bool:
    """Five digits at least: fewer is a year, a count or an article, not a document's number."""
    return sum(c.isdigit() for c in value) >= 5


def _looks_like_phone(text: str, match: re.Match) -> bool:
    candidate = match.group(0)
    digits = sum(c.isdigit() for c in candidate)
    if not 8 <= digits <= 15:
        return False
    if candidate.startswith(("+", "(+", "00")):
        return True
    separated = any(c in candidate for c in " ./-()")
    if candidate.startswith(("0", "(0")) and separated:
        return True
    return bool(_PHONE_KEYWORD.search(text[max(0, match.start() - 20): match.start()]))


def _sentence_hits(body: str, start: int) -> list[Hit]:
    """Names and age-with-place in a sentence that speaks of a (possibly) trafficked person."""
    hits = []
    for match in _TITLE_NAME.finditer(body):
        hits.append(Hit("person-name", (start + match.start(), start + match.end())))
    for match in _TWO_CAPITALS.finditer(body):
        first, second = match.group(1), match.group(2)
        if first in NOT_A_PERSON or second in NOT_A_PERSON:
            continue
        if body[max(0, match.start() - 4): match.start()].strip().lower() in ("of", "the"):
            continue  # "the Red Road", "of Santa Maria": places and institutions
        following = re.match(r"\s+([A-Z][\w-]*)", body[match.end():])
        if following and following.group(1) in NOT_A_PERSON:
            continue  # "Safe Passage Youth Trust": the name of an organisation
        hits.append(Hit("person-name", (start + match.start(), start + match.end())))
    age = _AGE.search(body) if _DIGIT.search(body) else None
    if age and _PLACE.search(body):
        years = next(int(g) for g in age.groups() if g)
        hits.append(Hit("age-place", (start + age.start(), start + age.end()), minor=years < 18 or bool(_MINOR.search(body))))
    return hits


def _dedupe(hits: list[Hit]) -> list[Hit]:
    hits.sort(key=lambda h: (h.span[0], -h.span[1]))
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit.span[0] < kept[-1].span[1] and hit.kind == kept[-1].kind:
            continue
        kept.append(hit)
    return kept


DESCRIPTIONS: dict[str, str] = {
    "email": "an e-mail address",
    "phone": "a phone number",
    "id-number": "a passport, ID or case number",
    "birth-date": "a date of birth",
    "street-address": "a street address",
    "shelter-address": "the address of a shelter",
    "person-name": "what looks like a person's name",
    "age-place": "an age together with a place",
}


def initials(name: str) -> str:
    """'Maria Popescu' -> 'M.P.'; 'Ms Ana-Maria Ionescu' -> 'A.I.'."""
    words = [w for w in re.split(r"[\s]+", name) if w and w.rstrip(".") not in ("Mr", "Mrs", "Ms", "Miss", "Mme", "Mlle", "Sr", "Sra", "Herr", "Frau")]
    return "".join(f"{w[0].upper()}." for w in words) or "X."


def pseudonymise(text: str) -> str:
    """The text with every name of a person (as the scanner finds them) replaced by initials."""
    names = [hit.span for hit in scan(text) if hit.kind == "person-name"]
    for start, end in sorted(names, reverse=True):
        text = text[:start] + initials(text[start:end]) + text[end:]
    return text
