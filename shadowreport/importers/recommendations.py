"""Finding the recommendations of a document written by someone else, wherever they stand.

Real submissions put their asks under a "Recommendations" heading, but also in an executive
summary, after a lead-in ("We urge the Government to:", "La CNCDH recommande :", "Solicitamos al
Comité que recomiende al Estado:"), in prose ("The Ministry should ...", "il faut ...", "debe ..."),
as "Recommendation 3:" paragraphs, or in a table's column. Each paragraph, list item and table cell
is a candidate, scored from these signals; what scores high is a recommendation, what scores in
between is shown as a possible one and not judged. A repeated ask (a summary list restating the
body) is kept once, where it first stands.

Pure functions over sections: no I/O. English, French and Spanish. The patterns compile when first
used, so a text that never reaches the rarer ones does not pay for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import language as languages
from ..draft import DraftRecommendation, DraftSection
from ..lazy_pattern import LazyPattern, compiled
from ..recommendation_text import alternatives, lead_in_addressee, opens_with_action

CONFIDENT = 0.7  # at or above: a recommendation
POSSIBLE = 0.5  # at or above: shown as a possible recommendation
MAX_COMPARED = 100  # earlier recommendations a candidate is compared with, to find a restatement


def _at_word_starts(pattern: str, flags: int) -> LazyPattern:
    """The pattern, tried only where a word starts: two to three times faster on a long report."""
    return LazyPattern(r"(?=\b\w)(?:" + pattern + ")", flags)


# A heading that announces asks: "Recommendations", "IV. Our recommendations to the Ministry",
# "What we ask", "Three asks", "How you can help", "Nos recommandations", "Propuestas": each
# language's words are in its vocabulary file (recommendations.ask_headings), so a new language is a file.
def ask_heading() -> re.Pattern[str]:
    return _ask_heading(languages.fingerprint())


@lru_cache(maxsize=2)
def _ask_heading(fingerprint: tuple) -> re.Pattern[str]:
    return compiled(rf"\b{alternatives(languages.words('recommendations', 'ask_headings'))}\b", re.IGNORECASE)


# A heading that only mentions them: "Follow-up of earlier recommendations", "Implementation of
# recommendations accepted in 2024".
FOLLOW_UP_HEADING = LazyPattern(
    r"follow[- ]up|suivi|seguimiento|implementation of|mise en œuvre des|aplicaci[oó]n de las|previous|earlier|antérieures|anteriores",
    re.IGNORECASE,
)

_LABEL = LazyPattern(r"^\s*(?:(?:recommendation|recommandation|recomendaci[oó]n)\s*(?:n[°o]\.?\s*)?(?:\d+\s*[:.\-–—]|:\s*\S)"
                     r"|(?:recommended|suggested|proposed) (?:actions?|recommendations?)\s*:\s*\S|(?:recommandation|action) proposée\s*:\s*\S"
                     r"|recomendaci[oó]n propuesta\s*:\s*\S)", re.IGNORECASE)
_ITEM_MARK = LazyPattern(r"^\s*(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|\d+[.)])\s+", re.IGNORECASE)

# "We recommend", "X urges", "la CNCDH recommande", "insta a", "solicitamos": an ask, in the present.
_ASK_VERB = _at_word_starts(
    r"\b(?:recommends?|urges?|calls? (?:on|upon)|asks?|requests?|invites?|encourages?|we (?:would )?(?:recommend|urge|ask|request|call))\b(?!\s+(?:for|about|whether|how|what|why|when|which|if)\b)"
    r"|\b(?:could|may wish to|might|pourrait|pourraient|podría|podrían)\s+(?:recommend|recommander|recomendar)\b"
    r"|\b(?:recommande(?:nt)?|préconise(?:nt)?|demande(?:nt)?(?: instamment)?|exhorte(?:nt)?|appelle(?:nt)?|invite(?:nt)?|nous demandons|nous recommandons|nous appelons)\b"
    r"|\b(?:recomienda(?:n)?|recomendamos|insta(?:n|mos)?|solicita(?:n|mos)?|pide(?:n)?|pedimos|exhorta(?:n|mos)?|sugiere(?:n)?|sugerimos)\b",
    re.IGNORECASE,
)
# A modal of obligation: "should", "must", "need to", "devrait", "doit", "il faut", "debe", "es necesario que".
_MODAL = _at_word_starts(
    r"\b(?:should|must|shall|needs? to|ought to|is (?:urged|invited|asked) to|are (?:urged|invited|asked) to)\b"
    r"|\b(?:devrai(?:t|ent)|doi(?:t|vent)|il faut|il convient|il est nécessaire|il importe)\b"
    r"|\b(?:debe(?:n|ría|rían)?|es necesario|es preciso|es imprescindible|es urgente|es indispensable|ha(?:n)? de|il est urgent|il est indispensable)\b",
    re.IGNORECASE,
)
# What turns a modal or an ask verb into a report of someone else's words or of the past.
_REPORTED = _at_word_starts(
    r"\b(?:recommended|urged|considered|noted|found|stated|said|asked|requested|called on|called upon|should have|must have)\b"
    r"|\b(?:avait|a recommandé|a demandé|aurait dû|recommandait|avaient)\b|\b(?:recomendó|recomendaron|había|debió|pidió|instó)\b"
    r"|\bwere (?:discussed|made|accepted|noted)\b",
    re.IGNORECASE,
)
# Who may be asked to act, written before the modal: an institution, a State, an organisation.
_ACTOR_WORDS = _at_word_starts(
    r"\b(?:government|state|states|ministry|minister|ministers|authorit|parliament|inspectorate|police|prosecutor|agency|agencies|"
    r"office|council|committee|court|board|service|department|coordinator|ombudsperson|rapporteur|greta|commission|institution|"
    r"union|employers?|compan|recruit|business|municipalit|region|secretary|you|we|it|they|"
    r"gouvernement|état|états|ministère|ministre|autorités|parlement|inspection|police|parquet|agence|conseil|comité|commission|"
    r"il faut|il convient|"
    r"gobierno|estado|estados|ministerio|ministra|ministro|autoridades|congreso|parlamento|inspecci[oó]n|fiscal[ií]a|comit[eé]|"
    r"comunidades|es necesario|es preciso|es urgente|il est urgent)\w*|(?-i:\b[A-Z]{2,}\b)|(?-i:\s[A-ZÀ-Ý][a-zà-ÿ]+(?:\s+[A-ZÀ-Ý][a-zà-ÿ]+)*)",
    re.IGNORECASE,
)
_RELATIVE = LazyPattern(r"\b(?:actions|recommendations|measures|steps|points|issues|what|which)\s+(?:that\s+)?we\s+(?:\w+\s+)?(?:ask|urge|recommend|call)\w*$",
                        re.IGNORECASE)
_REVIEW_COLUMN = LazyPattern(r"status|assessment|implement|progress|état|évaluation|mise en œuvre|estado|evaluación|aplicación|seguimiento", re.IGNORECASE)
_RECOMMEND_VERB = LazyPattern(r"(?:we\s+(?:would\s+)?)?(?:recommend|recommande|préconise|recomienda|recomendamos|insta|instamos|exhorta|could|may|might|pourrai|podría)",
                              re.IGNORECASE)
_AUTHOR = LazyPattern(r"\b(?:we|nous|nosotros|nosotras|i|je|yo)\b|\b\w+(?:mos|ons)\b\s*$|(?:demandons|pedimos|solicitamos|instamos|exhortamos)", re.IGNORECASE)
_THIRD_PARTY = LazyPattern(r"\b(?:they|he|she|it|which|who|that|operators|instruments|practices|protocol|conventions?|ils|elles|qui|ellos|ellas|cual|cuales)\s+(?:\w+\s+)?$",
                           re.IGNORECASE)
# Whom an ask is made of: an institution, a State, the reader, the monitoring body.
_ACTOR_AFTER = LazyPattern(
    r"\b(?:the\s+|all\s+|les?\s+|la\s+|l['’]|aux?\s+|al?\s+|el\s+|los\s+|las\s+)?(?:government|state|states|ministr|minist|authorit|parliament|"
    r"committee|comit|commission|council|conseil|consejo|rapporteur|relator|greta|agenc|inspector|police|prosecutor|office|court|you|vous|usted|"
    r"ustedes|gouvernement|gobierno|état|estado|autorités|autoridades|parlement|parlamento|congreso|member|members|mps|deputies|députés|"
    r"diputad|senat|municipal|regional|region|employ|compan|business|union|recruit|bodies|body|institution|organ|mandate|experts|expertos|"
    r"ombud|defensor|coordinator|secretar|department|service|board|ministère|ministerio|that|que|(?-i:[A-Z]\w+))",
    re.IGNORECASE)
_NOUN_BEFORE = LazyPattern(r"\b(?:a|an|the|this|that|their|its|our|these|those|two|three|four|five|first|key|main|une|la|sa|cette|leur|notre|"
                           r"d'une|de la|nos|ces|trois|una|la|su|esta|nuestra|nuestras|tres)\s+$", re.IGNORECASE)
# A modal in a question or a relative clause: "who should act", "a contact point that they must inform".
_WH_BEFORE = LazyPattern(r"\b(?:who|whom|which|what|whether|how|where|that they|that it|that we|qui|que|quoi|quién|quien|cuál|qué|dont)\s+(?:\w+\s+)?$",
                         re.IGNORECASE)
# Sections about the document itself (who sends it, what stays confidential, consent): their requests are not recommendations.
_ABOUT_THE_DOCUMENT = LazyPattern(r"confidential|consent|submitt|contact|about us|who we are|confidenti|consentement|consentimiento|présentation|presentación",
                                  re.IGNORECASE)
# Requests about how the document is handled: "We ask that her identity is kept confidential."
_HANDLING = LazyPattern(r"\b(?:identity|identities|name|names|details)\b.{0,60}\b(?:confidential|disclosed|published|passed|withheld|given|shared)|"
                        r"\brefer to (?:her|him|them) only as\b|\bconfidential(?:ity)?\b.{0,30}$"
                        r"|\banonym|\bidentité\b.{0,40}\bconfidenti|\bidentidad\b.{0,40}\bconfidencial", re.IGNORECASE)
# Sections that state the law: "the State must apply the Directive" describes an obligation.
_LAW_SECTION = LazyPattern(r"\blaw\b|legal framework|legislation|cadre juridique|législation|marco (?:jurídico|legal|normativo)|legislación", re.IGNORECASE)
_OBLIGATION = LazyPattern(r"^\s*(?:as an? [\w -]{0,40}(?:state|member|party)|under (?:article|the)|en tant qu['’]|en vertu de|como estado|en virtud de)\b",
                          re.IGNORECASE)
# Any word an ask could turn on: paragraphs without one (most of a report) skip the costlier patterns.
_TRIGGER = _at_word_starts(r"\b(?=\w)(?:urgent|indispensable|should|must|shall|need|ought|recomm|urge|call|ask|request|invite|encourag|press|devr|doi[tv]|faut|convient|nécessaire|importe|"
                      r"préconis|demand|exhort|appel|deb[eií]|necesari|precis|imprescindible|recomend|recomiend|insta|solicit|pide|pedimos|pida|"
                      r"sugier|sugerimos|could|might|may wish|pourr|podr|han? de|recommandation|recomendaci)", re.IGNORECASE)
_FOLLOWING = LazyPattern(r"\b(?:the following|as follows|ci-dessous|suivantes?|siguientes?)\b", re.IGNORECASE)
_SUB_ITEM = LazyPattern(r"(?:^|(?<=[;:.])\s+)(\(?[a-h]\)|[a-h]\.)\s+")
_LEAD_IN_TAIL = LazyPattern(r":\s*$")
_QUESTION = LazyPattern(r"\?\s*$|^\s*(?:suggested )?questions?\b|^\s*(?:question|pregunta)s? sugerida", re.IGNORECASE)




@dataclass
class Unit:
    """A place a recommendation may stand: a paragraph, or one table cell."""

    section: DraftSection
    text: str
    style: str  # body | list-item | quote | cell
    number: str | None
    position: str | None  # "#n" for the n-th body paragraph; "table t, row r" for a cell
    ask_column: bool = False  # a table cell under a column headed "Recommendation"


def units_of(sections: list[DraftSection], tables_after: dict[int, list[tuple[int, list[list[str]]]]] | None = None) -> list[Unit]:
    """Every paragraph of the body (not annexes), with table cells where their tables stand."""
    units: list[Unit] = []
    position = 0
    for index, section in enumerate(sections):
        for paragraph in section.paragraphs:
            if not section.is_annex:
                position += 1
                units.append(Unit(section, paragraph.text, paragraph.style, paragraph.number, f"#{position}"))
        for table_number, rows in (tables_after or {}).get(index, []):
            if section.is_annex:
                continue
            header = [cell.lower() for cell in rows[0]] if rows else []
            asks = {c for c, title in enumerate(header) if ask_heading().search(title) and not FOLLOW_UP_HEADING.search(title)}
            if any(_REVIEW_COLUMN.search(title) for title in header) or FOLLOW_UP_HEADING.search(section.title):
                continue  # a table that follows up earlier recommendations, not one that makes new ones
            for r, row in enumerate(rows[1:] if asks else rows, 2 if asks else 1):
                for c, cell in enumerate(row):
                    if cell.strip() and (not asks or c in asks):  # beside a column of recommendations, the others describe
                        units.append(Unit(section, cell.strip(), "cell", None, f"table {table_number}, row {r}", c in asks))
    return units


def _scope(sections: list[DraftSection]) -> set[int]:
    """The sections under a heading that announces asks (with their sub-sections); a document title
    that names recommendations ("Findings and Recommendations of ...") does not put the whole text in scope."""
    in_scope: set[int] = set()
    title_index = _title_index(sections)
    index = 0
    while index < len(sections):
        section = sections[index]
        if index == title_index or section.is_annex or not ask_heading().search(section.title) or FOLLOW_UP_HEADING.search(section.title):
            index += 1
            continue
        in_scope.add(id(section))
        index += 1
        while index < len(sections) and sections[index].level > section.level:
            in_scope.add(id(sections[index]))
            index += 1
    return in_scope


def _title_index(sections: list[DraftSection]) -> int | None:
    """The first heading is the document's title when every other heading is deeper, or when it is
    long (a title is a sentence; a section heading is a few words)."""
    if not sections:
        return None
    first = sections[0]
    others = sections[1:]
    if others and all(s.level > first.level for s in others):
        return 0
    if len(first.title.split()) > 8 and len(first.paragraphs) <= 3:
        return 0
    return None


_SENTENCE_BREAK = LazyPattern(r"(?<=[.!?;])\s+(?=[A-ZÀ-ÝÉ¿¡\"“«(])")  # some 5 ms to compile: kept between runs (lazy_pattern.py)
_CONTENT_WORD = LazyPattern(r"[a-zà-ÿñ]{4,}|\d+")


def _sentences(text: str) -> list[tuple[int, str]]:
    found, start = [], 0
    for match in _SENTENCE_BREAK.finditer(text):
        found.append((start, text[start:match.start()]))
        start = match.end()
    found.append((start, text[start:]))
    return found


def _asks_in(text: str) -> tuple[float, int]:
    """How strongly a sentence of this text asks someone to act (0 when none does), and where that sentence starts."""
    best, where, first = 0.0, 0, None
    for start, sentence in _sentences(text):
        score = 0.0
        head = sentence[:220]
        if _LABEL.match(sentence):
            score = 0.9
        else:
            ask = next((m for m in _ASK_VERB.finditer(head) if not _NOUN_BEFORE.search(head[max(0, m.start() - 30):m.start()])), None)
            modal = _MODAL.search(head)
            reported = _REPORTED.search(head)
            if ask and _RELATIVE.search(head[max(0, ask.start() - 60):ask.end()]):
                ask = None  # "the actions we ask the Committee to recommend": a description, not an ask
            author = ask and _AUTHOR.search(head[max(0, ask.start() - 40):ask.end()])
            if ask and not author and not _RECOMMEND_VERB.match(ask.group(0)) and (
                    _THIRD_PARTY.search(head[max(0, ask.start() - 40):ask.start()]) or not _ACTOR_AFTER.search(head[ask.end():ask.end() + 80])):
                ask = None  # "operators ask them to meet", "instruments which encourage cooperation": someone else's words
            if ask and not (reported and reported.start() < ask.start() + 40):
                score = 0.85
            if modal and _WH_BEFORE.search(head[max(0, modal.start() - 40):modal.start()]):
                modal = None
            if modal and not (reported and reported.start() < modal.start()):
                subject = head[:modal.start()]
                if _ACTOR_WORDS.search(subject) or _ACTOR_WORDS.search(modal.group(0)):
                    score = max(score, 0.8)
                else:
                    score = max(score, 0.55)
        if score >= CONFIDENT and first is None:
            first = start  # a paragraph is shown from its first ask, not its strongest one
        if score > best:
            best, where = score, start
    return best, (first if first is not None else where)


def _lead_in(text: str) -> bool:
    """'We recommend that the Government:', 'States should:', 'La CNCDH recommande :', 'Solicitamos ... al Estado:'."""
    words = len(text.split())
    if words <= 6 and _LEAD_IN_TAIL.search(text) and ask_heading().search(text):
        return True  # "Recommendations:", "Our asks:", "Recomendaciones:"
    if _FOLLOWING.search(text) and words <= 80 and (_ASK_VERB.search(text) or _MODAL.search(text)):
        return True  # "The union asks the Committee to request ... on the following measures."
    return bool(_LEAD_IN_TAIL.search(text)) and words <= 60 and bool(_ASK_VERB.search(text) or _MODAL.search(text)
                                                                      or re.search(r"\b(?:to|à|al?)\s*:\s*$", text))


_HEADING_ADDRESSEE = LazyPattern(r"\b(?:to|for|au|à la|aux|al|a la)\s+(?P<a>(?:the\s+)?(?:government|ministry|minister|state|parliament|gouvernement|ministère|état|gobierno|ministerio|estado)[^:]*)$",
                                 re.IGNORECASE)


def find(sections: list[DraftSection], tables_after=None) -> tuple[list[DraftRecommendation], list[DraftRecommendation]]:
    """(recommendations, possible recommendations), in document order."""
    in_scope = _scope(sections)
    units = [part for unit in units_of(sections, tables_after) for part in _split_items(unit)]
    confident: list[DraftRecommendation] = []
    possible: list[DraftRecommendation] = []
    lead: tuple[DraftSection, str | None] | None = None  # the section of the last lead-in, and whom it addresses
    heading_addressee: dict[int, str | None] = {}
    compared: dict[str, list[set[str]]] = {}  # section -> content words of its first confident recommendations
    kept = 0
    for unit in units:
        section = unit.section
        text = unit.text.strip()
        if id(section) not in heading_addressee:
            match = _HEADING_ADDRESSEE.search(section.title)
            heading_addressee[id(section)] = match.group("a").strip() if match and id(section) in in_scope else None
        if lead is not None and lead[0] is not section:
            lead = None
        if _lead_in(text) and unit.style != "cell":
            lead = (section, lead_in_addressee(text) or heading_addressee[id(section)])
            continue
        asked, start = _asks_in(text) if _TRIGGER.search(text) else (0.0, 0)
        if _ABOUT_THE_DOCUMENT.search(section.title) or _HANDLING.search(text):
            asked = 0.0
        elif (_LAW_SECTION.search(section.title) or _OBLIGATION.match(text)) and id(section) not in in_scope:
            asked = min(asked, 0.55)  # what the law already requires, not an ask
        item = unit.style == "list-item" or bool(_ITEM_MARK.match(text)) or unit.style == "cell"
        action = opens_with_action(text) or (lead is not None and bool(re.match(r"\s*(?:que|qu['’]|that)\s", _ITEM_MARK.sub("", text), re.IGNORECASE)))
        question = bool(_QUESTION.search(text))
        score = asked
        if lead is not None and (item or action):
            score = max(score, 0.9 if action or asked >= 0.5 else 0.6)  # an item with no verb to act on: possible
        elif id(section) in in_scope:
            if item and (action or asked):
                score = max(score, 0.9)
            elif asked >= 0.5:
                score = max(score, 0.8)  # a modal sentence under a recommendations heading
            elif item and not _REPORTED.search(text):
                score = max(score, 0.6)
            elif action and len(text.split()) <= 60:
                score = max(score, 0.8)
        elif unit.ask_column and (action or asked):
            score = max(score, 0.85)
        elif unit.style == "cell" and asked < 0.8:
            score = min(score, 0.55)
        if question:
            score = min(score, 0.3)
        if lead is not None and not (item or action or asked >= 0.8):
            lead = None  # a plain paragraph ends the list the lead-in opened
        if score < POSSIBLE:
            continue
        shown = text if start == 0 or item or unit.style == "cell" else text[start:]
        closing = (unit is units[-1] or unit is units[-2]) and not item  # closing words, not the last item of a list
        # Restatements are looked for among the first asks only: a real document has tens, and a hostile
        # one of 40,000 list items must stay linear.
        words = _content(shown)
        restating = id(section) in in_scope or (closing and not item)  # a list of recommendations, or the closing words
        if restating and any(_overlap(words, theirs, closing) for title, earlier in compared.items()
                             if title != section.title or closing and not item for theirs in earlier):
            continue  # a summary restating an ask already found
        addressee = None
        if lead is not None and (item or action):
            addressee = lead[1]
        elif id(section) in in_scope:
            addressee = heading_addressee[id(section)]
        found = DraftRecommendation(text=shown, section=section.title, paragraph_number=unit.number, addressee=addressee,
                                    confidence=round(score, 2), position=unit.position)
        (confident if score >= CONFIDENT else possible).append(found)
        if score >= CONFIDENT and kept < MAX_COMPARED:
            compared.setdefault(section.title, []).append(words)
            kept += 1
    return confident, possible


def _split_items(unit: Unit) -> list[Unit]:
    """'a) ...; b) ...; c) ...' typed in one paragraph: one unit per lettered item."""
    starts = [m.start(1) for m in _SUB_ITEM.finditer(unit.text)]
    if len(starts) < 2 or starts[0] != 0 and not unit.text[:starts[0]].rstrip().endswith(":"):
        return [unit]
    pieces = []
    if starts[0] > 0:
        pieces.append(Unit(unit.section, unit.text[:starts[0]].strip(), "body", unit.number, unit.position))
    for begin, end in zip(starts, [*starts[1:], len(unit.text)]):
        pieces.append(Unit(unit.section, unit.text[begin:end].strip(), "list-item", unit.number, unit.position, unit.ask_column))
    return pieces


_STOP_CONTENT = {"should", "must", "ministry", "ministère", "ministerio", "government", "gouvernement", "gobierno", "state", "with", "that",
                 "this", "from", "their", "which", "have", "they", "them", "into", "those", "pour", "dans", "avec", "sans", "para", "como",
                 "recommend", "recommande", "recomienda", "also", "every", "each", "before", "after"}


def _content(text: str) -> set[str]:
    text = _LABEL.sub("", text)
    return {w[:7] for w in _CONTENT_WORD.findall(text.lower()) if w not in _STOP_CONTENT}


def _overlap(mine: set[str], theirs: set[str], closing: bool = False) -> bool:
    if len(mine) < 3 or len(theirs) < 3:
        return False
    my_numbers, their_numbers = {w for w in mine if w.isdigit()}, {w for w in theirs if w.isdigit()}
    if my_numbers - their_numbers and their_numbers - my_numbers:
        return False  # "train 50 inspectors" and "train 100 inspectors" are two asks
    return len(mine & theirs) / min(len(mine), len(theirs)) >= (0.5 if closing else 0.75)
