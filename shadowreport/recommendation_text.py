"""Recommendation text: the composed sentence, a SMART assessment and UPR Info's action category.

Pure functions over a Recommendation record (or a recommendation's plain text, for imported drafts)
and the rule pack's vocabularies, which they read through the small protocols below so that the
project, the checks and the pages share one copy without this module knowing any of them.
The wording of a sentence lives in ``templates/recommendation/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, Sequence

from .paths import builtin_dir
from .records import Recommendation


class ActionCategory(Protocol):
    """One of UPR Info's action categories (the rule pack's ``ActionCategory``)."""

    @property
    def number(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def verbs(self) -> Sequence[str]: ...


class ActionCategories(Protocol):
    """The action-category vocabulary (the rule pack's ``ActionCategories``)."""

    @property
    def categories(self) -> Sequence[ActionCategory]: ...


class GenericAddressees(Protocol):
    """Addressees too vague to act on (the rule pack's ``GenericAddressees``)."""

    @property
    def phrases(self) -> Sequence[str]: ...


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
}
LANGUAGES = tuple(MONTHS)


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import FileSystemLoader, StrictUndefined  # only composing needs it: linting a draft starts faster
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed and fed only through variables: a user's "{{" or "<" is printed, never run or escaped.
    environment = SandboxedEnvironment(
        loader=FileSystemLoader(str(builtin_dir("templates"))), undefined=StrictUndefined,
        autoescape=False, keep_trailing_newline=False,
    )
    return environment


def compose(recommendation: Recommendation, language: str = "en") -> str:
    """The recommendation as one sentence (or the hand-written text, when there is one)."""
    if recommendation.text:
        return recommendation.text.strip()
    if language not in LANGUAGES:
        language = "en"
    template = _environment().get_template(f"recommendation/{language}.j2")
    addressee = recommendation.addressee.strip() or ("[who?]" if language == "en" else "[qui ?]")
    sentence = template.render(
        addressee=addressee[:1].upper() + addressee[1:],
        verb=recommendation.verb.strip() or ("[do what?]" if language == "en" else "[faire quoi ?]"),
        object=recommendation.object.strip().rstrip("."),
        timeframe=recommendation.timeframe,
        indicator=recommendation.indicator.strip().rstrip("."),
        month_name=lambda month: MONTHS[language][month - 1],
    )
    return " ".join(sentence.split())


# --- action categories -------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionMatch:
    category: int
    name: str
    verb: str
    position: int


_ROMANCE_ENDINGS = ("er", "ir", "ar", "e", "es", "ent", "ez", "ons", "a", "an", "en", "ando", "iendo", "é", "ée", "és", "ées")


def _head_forms(first: str) -> set[str]:
    """The written forms of a verb's first word: its -s/-es forms, and for a French or Spanish infinitive its
    present and subjunctive forms ("envisager": "envisagent"; "seguir": "siga")."""
    romance = (len(first) >= 7 and re.search(r"(?:er|ir|ar)$", first) and not re.fullmatch(r"[a-z]+(?:ter|der|ver|ner|ler)", first)
               or re.search(r"[éèêàâîôûçñ]", first))
    if romance:
        return {first[:-2] + ending for ending in _ROMANCE_ENDINGS}
    return {first, first + "s", first + "es"}


@lru_cache(maxsize=8)
def _verb_index(categories: tuple[tuple[int, str, tuple[str, ...]], ...]) -> dict[str, list[tuple[tuple[str, ...], int, str, str]]]:
    """Every written form of a verb's first word -> the verbs it may start, longest first (so 'take measures'
    wins over 'take'). A dictionary, not one pattern of every verb: compiling that pattern took a command
    most of its checking time, and a dictionary costs nothing to build."""
    verbs = sorted(((verb, number, name) for number, name, vs in categories for verb in vs), key=lambda v: -len(v[0]))
    index: dict[str, list[tuple[tuple[str, ...], int, str, str]]] = {}
    for verb, number, name in verbs:
        words = tuple(verb.lower().split())
        for form in _head_forms(words[0]):
            index.setdefault(form, []).append((words[1:], number, name, verb))
    return index


_WORD_TOKEN = re.compile(r"\w+")
_GAP = 3  # "take measures" also matches "take all necessary measures": up to three words between


def _rest_matches(tokens: list[re.Match], text: str, after: int, rest: tuple[str, ...]) -> int | None:
    """The index of the token ending ``rest`` when its words follow token ``after`` (each within _GAP words,
    separated by spaces only), else None."""
    if not rest:
        return after
    for step in range(1, _GAP + 2):
        here = after + step
        if here >= len(tokens) or text[tokens[here - 1].end():tokens[here].start()].strip() or tokens[here - 1].end() == tokens[here].start():
            return None
        if tokens[here].group().lower() == rest[0]:
            found = _rest_matches(tokens, text, here, rest[1:])
            if found is not None:
                return found
    return None


def find_actions(text: str, categories: ActionCategories) -> list[ActionMatch]:
    """Every action verb in the text, in order of appearance."""
    return list(_find_actions(text, tuple((c.number, c.name, tuple(c.verbs)) for c in categories.categories)))


@lru_cache(maxsize=4096)
def _find_actions(text: str, categories: tuple) -> tuple[ActionMatch, ...]:
    index = _verb_index(categories)
    tokens = list(_WORD_TOKEN.finditer(text))
    found = []
    position = 0
    while position < len(tokens):
        end = None
        for rest, number, name, verb in index.get(tokens[position].group().lower(), ()):
            end = _rest_matches(tokens, text, position, rest)
            if end is not None:
                found.append(ActionMatch(number, name, verb, tokens[position].start()))
                break
        position = (end if end is not None else position) + 1
    return tuple(found)


def action_category(recommendation: Recommendation | str, categories: ActionCategories) -> ActionMatch | None:
    """UPR Info's category, from the recommendation's verb (or the first action verb of its text)."""
    if isinstance(recommendation, Recommendation) and recommendation.verb.strip() and not recommendation.text:
        text = recommendation.verb
    else:
        text = recommendation if isinstance(recommendation, str) else compose(recommendation)
        text = _after_addressee(text)
    actions = find_actions(text, categories)
    return actions[0] if actions else None


def specific_verbs(categories: ActionCategories) -> list[str]:
    """Category 5 verbs, to suggest when a recommendation asks for too little."""
    return list(next(c for c in categories.categories if c.number == 5).verbs)


_MODAL = re.compile(
    r"\b(should|must|shall|needs? to|devrait|doit|devraient|doivent|debe|deben|debería|deberían)\s+", re.IGNORECASE)
_URGE = re.compile(
    r"\b(urge[sd]?|calls? (on|upon)|asks?|requests?|invites?|recommends?)\b.{0,150}?\bto\s+"
    r"|\b(?:recommande(?:nt)?|préconise(?:nt)?|demande(?:nt)?(?: instamment)?|exhorte(?:nt)?|appelle(?:nt)?)\b.{0,120}?\b(?:de|d'|d’|que)\s*"
    r"|\b(?:insta(?:n|mos)?|exhorta(?:n|mos)?)\b.{0,120}?\ba\s+(?=\w+(?:ar|er|ir)\b)"
    r"|\b(?:recomienda(?:n)?|recomendamos|solicita(?:n|mos)?|pide(?:n)?|pedimos|sugiere(?:n)?)\b.{0,20}?\b(?:que|a)\s+"
    r"|\b(?:il faut|il convient que|es necesario que|es preciso que)\s+",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\s*(?:(?:recommendation|recommandation|recomendaci[oó]n)\s*(?:n[°o]\.?\s*)?(?:\d+\s*[:.\-–—]|:)|"
                    r"(?:recommended|suggested|proposed) (?:actions?|recommendations?)\s*:|(?:recommandation|action) proposée\s*:|recomendaci[oó]n propuesta\s*:|\(?[a-z]\)|\(?[ivx]{1,4}\)|\d+[.)])\s*", re.IGNORECASE)


def without_label(text: str) -> str:
    """'Recommendation 3: The Ministry ...' or '(b) prohibit ...' -> the recommendation itself."""
    return _LABEL.sub("", text, count=1).strip()


def _after_addressee(text: str) -> str:
    """The action part: 'The Ministry should adopt ...' -> 'adopt ...', so a verb inside a name is not taken.

    A recommendation that opens with its verb (UPR style: 'Adopt ...', 'Continue to ...') is kept whole.
    """
    stripped = without_label(text.lstrip())
    if re.match(r"(we\s+)?recommend\s+that\s+", stripped, re.IGNORECASE):
        stripped = re.sub(r"^(we\s+)?recommend\s+that\s+", "", stripped, flags=re.IGNORECASE)
    for pattern in (_MODAL, _URGE):
        match = pattern.search(stripped)
        if match and match.start() < 200:
            return stripped[match.end():]
    return stripped


# --- who is asked, and what to do --------------------------------------------------------------

EN_VERBS = frozenset((
    "abolish accede activate adopt allocate allow amend appoint apply ask assess assign audit authorise authorize ban build call carry collect "
    "commit commute conduct consult continue create criminalise criminalize decide decriminalise decriminalize deliver designate develop ensure "
    "enable encourage end enforce engage enact establish exempt expand explore extend facilitate fund give grant guarantee hire hold improve "
    "include increase inform integrate intensify introduce investigate invite issue keep launch legislate license make meet monitor offer pass "
    "pay place prepare press prevent prioritise prioritize prohibit promote protect provide publish raise ratify recognise recognize recover "
    "reduce reform register regulate reinstate release remove repeal report require resource restart review revise separate set share sign "
    "speed stop strengthen study support suspend table take train treat undertake update withdraw write"
).split())
_NOT_VERBS = frozenset({"per", "over", "under", "other", "after", "never", "water", "number", "member", "either", "neither", "order", "power",
                        "paper", "letter", "matter", "centre", "center", "entre", "notre", "votre", "leur", "pour", "sur", "par", "hier",
                        "lugar", "mujer", "nivel", "mayor", "menor", "mejor", "peor", "hogar", "poder", "deber", "haber", "ser", "estar",
                        "titre", "ordre", "premier", "dernier", "quartier", "chantier", "métier", "février", "janvier", "manner", "partner",
                        "summer", "winter", "plusieurs", "leurs", "lorsque", "mientras", "entre", "sobre", "bajo", "familiar", "particular"})
_INFINITIVES = re.compile(
    r"^(?:aprobar|crear|garantizar|asegurar|adoptar|establecer|fijar|afiliar|asignar|prohibir|designar|mejorar|estudiar|informar|incluir|"
    r"publicar|ratificar|reformar|modificar|derogar|suspender|reconocer|financiar|formar|capacitar|elaborar|implementar|aplicar|dotar|"
    r"confier|dissocier|publier|adopter|créer|former|mettre|prendre|doter|interdire|ratifier|garantir|assurer|renforcer|modifier|abroger|"
    r"étendre|allouer|nommer|désigner|envisager|poursuivre|supprimer|instaurer|intégrer|reconnaître|financer|recruter|élaborer|"
    r"seguir|continuar|diseñar|presentar|preguntar|apoyar|proteger|promover|fortalecer|revisar|evaluar|considerar|poner|velar|ampliar|"
    r"continuer|veiller|protéger|soutenir|déposer|interroger|rendre|affilier|porter|accorder|permettre|simplifier)$",
    re.IGNORECASE,
)


_NOT_IMPERATIVE = frozenset("""the a an this these those that our their its his her my your all each every some no many most more less
there here it we they he she you i one two three four five in on at by for from with of to as if when while since after before
during under over between among however also only not what which who whom whose how why where so but and or nor yet""".split())
_OBJECT_STARTS = frozenset("the a an all every each any its their our his her them it this that these those".split())


def _english_imperative(words: list[str]) -> bool:
    """'Inspect every vessel', 'Join our roundtable': a word that is no determiner, pronoun or preposition, before
    the start of an object. Nouns rarely stand there ('Overcrowding in the centre' is caught by its -ing)."""
    if len(words) < 2 or words[0] in _NOT_IMPERATIVE or words[0] in _NOT_VERBS:
        return False
    if re.search(r"(?:ing|ed|tion|sion|ment|ness|ity|ies|ous|al|ive)$", words[0]) or words[0].isdigit():
        return False
    return words[1] in _OBJECT_STARTS or words[1].isdigit()


def opens_with_action(text: str) -> bool:
    """The text opens with what to do, addressed to no one in it: "Adopt ...", "d'adopter ...", "Aprobar ..."."""
    text = without_label(text).lstrip("-–—•* ")
    words = re.findall(r"\w+", text.lower()[:60])
    if not words:
        return False
    if words[0] in EN_VERBS or _english_imperative(words):
        return True
    if words[0] in ("de", "d") and len(words) > 1:
        return words[1] not in _NOT_VERBS and bool(re.fullmatch(r"\w{2,}(?:er|ir|re)", words[1]))
    word = words[0]
    if word in _NOT_VERBS:
        return False
    if bool(_INFINITIVES.match(word)) or (text[:1].islower() and bool(re.fullmatch(r"\w{3,}(?:ar|er|ir)", word))):
        return True
    # "Déposer un amendement", "Presentar una proposición": a French or Spanish infinitive before its object
    return len(words) > 1 and bool(re.fullmatch(r"\w{4,}(?:er|ir|re|ar)", word)) and (words[1] in _DETERMINERS or bool(re.fullmatch(r"\w+(?:ando|iendo)", words[1])))


_DETERMINERS = {"le", "la", "les", "l", "un", "une", "des", "du", "au", "aux", "à", "d", "el", "los", "las", "una", "unos", "unas", "al", "a",
                "en", "sur", "con", "que", "cette", "ce", "ces", "leur", "leurs", "su", "sus", "este", "esta", "estos", "estas", "todo", "toda",
                "tous", "toutes", "todos", "todas", "chaque", "cada"}
_FUNCTION = {"de", "del", "des", "du", "la", "le", "les", "el", "los", "las", "of", "the", "for", "and", "y", "et", "l", "d", "for", "on", "in", "à", "a"}
_THAT_CLAUSE = re.compile(r"^\s*(?:que|qu['’]|that)\s+(?P<who>.{2,120})", re.IGNORECASE)  # "Que el Congreso tipifique ...", after "recomienda:"
_WHO_BEFORE_MODAL = re.compile(
    r"^(?P<who>.{2,160}?)\s*,?\s+(?:should|must|shall|needs? to|ought to|is (?:urged|invited|asked) to|are (?:urged|invited|asked) to|"
    r"devrai(?:t|ent)|doi(?:t|vent)|debe(?:n|ría|rían)?|ha(?:n)? de)(?:\s|,|:)", re.IGNORECASE)
_WHO_AFTER_ASK = [
    re.compile(r"\b(?:urges?|calls? (?:on|upon)|asks?|requests?|invites?|encourages?|press)\s+(?P<who>.{2,120}?)\s+to\s+", re.IGNORECASE),
    re.compile(r"\brecommends?\s+(?:that\s+|to\s+)(?P<who>.{2,120})", re.IGNORECASE),
    re.compile(r"\b(?:recommand|demand|exhort|appel)\w*\s+(?:instamment\s+)?(?:au|à la|à l'|à l’|aux)\s+(?P<who>.{2,120}?)\s+(?:de|d'|d’)\s*", re.IGNORECASE),
    re.compile(r"\b(?:recommand|préconis|demand|souhait)\w*\s+(?:également\s+)?que\s+(?P<who>.{2,120})", re.IGNORECASE),
    re.compile(r"\b(?:insta|exhorta)\w*\s+a\s+(?P<who>.{2,120}?)\s+a\s+(?=\w+(?:ar|er|ir)\b)", re.IGNORECASE),
    re.compile(r"\b(?:recomienda|solicita|pide|pedimos|sugiere|es necesario|es preciso|es urgente|es indispensable|il convient|il importe|il faut|"
               r"il est nécessaire|il est urgent|il est indispensable)\w*\s+(?:\w+\s+)?que\s+(?P<who>.{2,120})",
               re.IGNORECASE),
    re.compile(r"\b(?:pide|pida|pedimos|solicita|solicitamos|recomiende|inste)\s+(?:a\s+|al\s+)(?P<who>[^,:]{2,80}?)\s+(?:que|a)\b", re.IGNORECASE),
]
_NO_ONE = re.compile(r"^\s*(?:il faut|il convient de|il est nécessaire de|es necesario\s+\w+ar|hay que)\b", re.IGNORECASE)


def _trim_subject(who: str) -> str:
    """'el Ministerio del Interior reconozca a ...' -> 'el Ministerio del Interior' (a subject ends at its verb)."""
    words = who.split()
    kept: list[str] = []
    for word in words:
        bare = re.sub(r"^[ld]['’]", "", word.lower()).strip(",;:")
        if bare in ("should", "must", "to", "shall"):
            break
        if kept and not word[:1].isupper() and not re.match(r"^[ld]['’][A-ZÀ-Ý]", word) and bare not in _FUNCTION \
                and not (len(kept) == 1 and kept[0].lower() in _FUNCTION):
            break
        kept.append(word.strip(",;:"))
    return " ".join(kept)


_RECIPIENT = re.compile(
    r"\b(?:recommends?|recommended|urges?|calls? (?:on|upon)|asks?|requests?|invites?|recommande\w*|demande\w*|exhorte\w*|appelle\w*|"
    r"recomiend\w*|recomiende|recomendar|insta\w*|inste|solicita\w*|pida|pide|pedimos|exhorta\w*|sugiere\w*)\s+(?:instamment\s+)?"
    r"(?:that\s+|to\s+|à\s+l['’]|à la\s+|aux?\s+|à\s+|al\s+|a la\s+|a los\s+|a las\s+|a\s+|que\s+)?",
    re.IGNORECASE,
)


def lead_in_addressee(text: str) -> str | None:
    """Whom a lead-in addresses the items after it to, innermost first: 'We ask the Committee to recommend
    that the State party:' -> 'the State party'; 'States should:' -> 'States'; 'La CSTR solicita ... que pida al Gobierno:' -> 'Gobierno'."""
    text = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])", text.strip().rstrip(":").strip())[-1]  # the sentence that opens the list
    markers = list(_RECIPIENT.finditer(text))
    if markers:
        rest = text[markers[-1].end():]
        rest = re.split(r"\s*[:,;]|\s+(?:to|should|must|de|d['’]|que|a|the following|les mesures suivantes)\s*$|\s+(?:to|should|must)\s+", rest, maxsplit=1)[0]
        rest = rest.strip()
        if rest and rest.lower() not in ("you", "vous", "usted", "ustedes"):
            return rest
    match = _WHO_BEFORE_MODAL.match(text + " ")
    return match.group("who").strip(" ,;:") if match else None


_ASKS_SOMEONE = re.compile(
    r"^\s*(?:to\s+)?(?:ask|urge|call on|call upon|request|invite|recommend|press|encourage|demander|recommander|exhorter|inviter|"
    r"pedir|recomendar|recomiende|pida|inste|instar|solicitar)\b", re.IGNORECASE)


def addressee_in(text: str) -> str | None:
    """Whom the recommendation asks to act, as written in it; None when it names no one ('Adopt ...', 'il faut ...').

    The innermost one: in 'We call on the Committee to recommend that the State party adopt ...' or 'GRETA
    should urge the authorities to grant ...', the one who must act is the State party, the authorities.
    """
    text = without_label(text)
    text = re.sub(r"^(?:finally|also|moreover|furthermore|asimismo|además|enfin|également|de plus),?\s+", "", text, flags=re.IGNORECASE)
    if _NO_ONE.match(text):
        return None
    if opens_with_action(text) and not _ASKS_SOMEONE.match(text):
        return None
    clause = _THAT_CLAUSE.match(text)
    if clause:
        return _trim_subject(clause.group("who")) or None
    who, rest = None, text
    for _ in range(4):
        modal = _WHO_BEFORE_MODAL.match(rest) if not _ASKS_SOMEONE.match(rest) else None
        asked = None
        for pattern in _WHO_AFTER_ASK:
            match = pattern.search(rest[:240])
            if match and (asked is None or match.start() < asked.start()):
                asked = match
        if modal and (asked is None or modal.end() <= asked.start()):
            who, rest = modal.group("who"), rest[modal.end():]
        elif asked:
            found = asked.group("who")
            who = _trim_subject(found) if asked.re in (_WHO_AFTER_ASK[1], _WHO_AFTER_ASK[3], _WHO_AFTER_ASK[5]) else found
            rest = rest[asked.end():]
        else:
            break
        if not _ASKS_SOMEONE.match(rest):
            break
    return who.strip(" ,;:") or None if who else None


# --- SMART ------------------------------------------------------------------------------------

_YEAR = r"(?:19|20)\d{2}"
_NOT_A_TEXT = r"(?!\s+(?:directive|act|law|convention|protocol|constitution|code|census|survey|loi|ley|directiva|convenio|protocole|protocolo)\b)"
_TIMEFRAME = re.compile(
    # a year after a word of time: "by 2027", "before the end of 2027", "from April 2027", "d'ici 2028", "antes de diciembre de 2027",
    # "in 2027", "in the 2027 budget"; not a year that names a text ("in line with the 2011 Directive", "the 1930 Convention")
    rf"(?:\b(?:by|before|until|no later than|from|starting(?: with| in| from)?|as of|d'ici|d’ici|avant|dès|à partir de|"
    rf"antes de|a partir de|desde|hasta|a más tardar)\s+(?:[\w'’.-]+\s+){{0,5}}?"
    rf"|\b(?:in|during|for|en|pour|durante|para)\s+(?:the\s+|l['’]|le\s+|el\s+|early\s+|late\s+|mid-)?(?:[A-Za-zéû]+\s+)?){_YEAR}\b{_NOT_A_TEXT}"
    r"|\bwithin\s+(?:the\s+)?(?:\w+\s+)?(?:hours?|days?|weeks?|months?|years?)\b"
    r"|\b(?:dans|sous)\s+(?:les\s+|un\s+délai\s+de\s+)?\S+\s+(?:heures|jours|semaines|mois|ans)\b"
    r"|\b(?:en un plazo de|en el plazo de|dentro de)\s+(?:\S+\s+)?(?:horas|días|semanas|meses|años)\b"
    r"|\b(short|medium|long)[- ]term\b|\bà\s+(court|moyen|long)\s+terme\b|\ba (corto|medio|largo) plazo\b"
    r"|\b(?:before|on|upon|at|after)\s+(?:their\s+|the\s+|its\s+)?(?:departure|arrival|travelling|release|identification|entry)\b"
    r"|\b(?:avant|dès|à)\s+(?:le\s+|leur\s+|l['’])?(?:départ|arrivée|identification)\b|\b(?:antes de|al|tras)\s+(?:la\s+|el\s+|su\s+)?(?:salida|llegada|viajar|identificación)\b"
    r"|\bbefore\s+(?:the\s+)?(?:next|committee|end|start)\b|\bbefore\s+the\s+\w+\s+(?:stage|review|session|season|dialogue)\b"
    r"|\b(?:next|prochaine?|próxim[oa])\s+(?:review|report|session|cycle|budget|loi de finances|season|examen|rapport|informe|período)"
    r"|\b(?:every|each|once a|twice a|chaque|cada|une fois par|una vez al)\s+(?:\w+\s+)?(?:year|month|quarter|week|season|année|an|mois|trimestre|año|mes|trimestre|zafra|temporada)s?\b"
    r"|\b(?:annually|monthly|quarterly|weekly|yearly|annuellement|anualmente|mensualmente)\b|\ban? (?:annual|yearly|quarterly|monthly)\b"
    r"|\b(?:un|une) (?:rapport|bilan) annuel|\bun informe anual\b"
    r"|\b(immediately|without delay|on the (?:same )?day|the same day|sans délai|immédiatement|de inmediato|inmediatamente|sin demora)\b"
    r"|\bwhile\s+(?:the\s+|an?\s+|its\s+|their\s+)?\w+\s+(?:is|are)\s+pending\b|\bpending\s+(?:the|a|its|their)\s+\w+|\buntil\s+(?:the|a|its|their)\s+\w+"
    r"|\b(?:from|on)\s+(?:the|their|its)\s+first day\b|\bdès\s+(?:le|leur|son)\s+premier jour\b|\bdesde\s+(?:el|su)\s+primer día\b",
    re.IGNORECASE,
)
# A quantity (not a year, an article or a convention number) or words that name something countable.
_QUANTITY = re.compile(r"(?<![\w.])(?<!Article )(?<!article )(?<!No\. )(?!(?:19|20)\d{2}\b)\d+(?:[.,]\d+)?(?:\s*%)?(?![\w/])")
_MEASURABLE = re.compile(
    r"\bnumber of\b|\bpercentage\b|\bper ?cent\b|\brate of\b|\bbudget\b|\bannual(ly)?\b|\bevery (year|month|quarter)\b|"
    r"\bstatistics\b|\b(?:monthly|quarterly|weekly)\b|\bdisaggregated\b|\bpublish\w*\b|\bindicator\w*\b|\bnombre de\b|\bdonnées\b|\bchaque année\b|\bmesuré",
    re.IGNORECASE,
)


_DONE_BEFORE = re.compile(r"\b(?:carried out|conducted|held|recorded|made|done|received|réalis\w*|effectu\w*|menée?s?|reçue?s?|realiz\w*|efectu\w*|recibi\w*)\b(?:\s+[\w'’]+){0,4}\s*$",
                          re.IGNORECASE)


def find_timeframe(text: str) -> str | None:
    """The words that say by when, if any. 'the inspections carried out in 2026' dates a fact, not the ask."""
    for match in _TIMEFRAME.finditer(text):
        if re.match(r"(?:in|en|during|durante|for|pour|para)\b", match.group(0), re.IGNORECASE) and _DONE_BEFORE.search(text[max(0, match.start() - 60):match.start()]):
            continue
        return match.group(0)
    return None


# Acts anyone can check were done, whatever the wording: a law adopted, a body created, a practice
# stopped, a treaty ratified, a figure published. A recommendation asking for one of these is measurable.
_CHECKABLE = re.compile(
    r"^(?:abolish|accede|adopt|allocate|allow|amend|appoint|ban|commute|create|criminali[sz]e|decide|decriminali[sz]e|designate|enact|"
    r"end|establish|exempt|extend|grant|hire|include|introduce|invite|issue|legislate|license|pass|pay|place|prohibit|publish|ratify|"
    r"recognise|recognize|register|regulate|release|remove|repeal|report|require|restart|separate|set|sign|stop|suspend|table|withdraw|meet|write|"
    r"abolir|abroger|adopter|allouer|confier|créer|dissocier|doter|étendre|interdire|intégrer|mettre|modifier|nommer|prendre|publier|"
    r"ratifier|supprimer|afiliar|aprobar|asignar|crear|derogar|designar|fijar|incluir|modificar|prohibir|publicar|ratificar|reconocer|"
    r"suspender|tipificar)\w*$",
    re.IGNORECASE,
)
# Asks whose success no one could check without a figure: ensure, strengthen, improve, consider, continue...
_VAGUE = re.compile(
    r"^(?:address|consider|continu|encourag|enhanc|ensur|envisag|explor|guarante|improv|intensif|maint|promot|pursu|"
    r"strengthen|study|take|assur|veill|garanti|renforc|amélior|promouv|poursuiv|sensibilis|étudi|garantic|garantiz|asegur|"
    r"fortalec|mejor|promov|estudi|continu|impuls|fomentar|velar|tomar|adoptar medidas|train|former|capacit|sensibiliz)",
    re.IGNORECASE,
)
_EVERYONE = re.compile(r"\b(?:all|every|each|tous|toutes|chaque|todos|todas|cada)\b(?!\s+(?:\w+\s+)?(?:measures|steps|efforts|mesures|medidas|esfuerzos)\b)", re.IGNORECASE)


def _first_verb(action: str) -> str | None:
    words = re.findall(r"[\w'’]+", action.lower())[:8]
    for word in words:
        word = re.sub(r"^(?:d|l)['’]", "", word)
        if word in ("to", "de", "que", "a", "the", "le", "la", "el", "also", "également", "asimismo", "immediately"):
            continue
        if _CHECKABLE.match(word) or _VAGUE.match(word):
            return word
    return None


def looks_measurable(text: str) -> bool:
    """Something anyone could check was done: a figure, a publication, an indicator, or an act
    checkable by nature (adopt a law, ratify, establish a body, stop a practice, release, publish)."""
    if _MEASURABLE.search(text) is not None or _QUANTITY.search(text) is not None:
        return True
    verb = _first_verb(_after_addressee(text))
    if verb is None:
        return True  # no verb we know: do not guess
    if verb.startswith(("train", "form", "capacit", "sensibili")):
        return bool(_EVERYONE.search(text))
    return not _VAGUE.match(verb) or bool(_EVERYONE.search(text))


# "the French authorities", "les autorités compétentes", "los Estados": no one in particular either.
_VAGUE_QUALIFIER = r"\s+(?:relevant|competent|concerned|national|public|french|françaises?|nationales?|compétentes?|publiques?|concernées?|" \
                   r"competentes?|nacionales?|públicas?|pertinentes?|concernidas?|españolas?|partie|parte|party)\b"


def is_generic_addressee(addressee: str, vocabulary: GenericAddressees) -> bool:
    cleaned = " ".join(addressee.lower().replace("’", "'").split()).strip(" ,.")
    if not cleaned:
        return True
    phrases = {p.lower() for p in vocabulary.phrases}
    candidates = {cleaned, re.sub(r"s\b", "", cleaned), re.sub(_VAGUE_QUALIFIER, "", cleaned).strip()}
    candidates |= {re.sub(r"s\b", "", c) for c in candidates}
    if any(c in phrases or c in {re.sub(r"s\b", "", p) for p in phrases} for c in candidates):
        return True
    if re.fullmatch(r"(?:the\s+)?[A-Z][\w-]+\s+(?:authorities|government|state)", addressee.strip(" ,.")) or re.fullmatch(
            r"(?:les\s+|las\s+|los\s+)?(?:autorités|autoridades|pouvoirs publics)\s+\w+(?:ais|aise|aises|ien|ienne|iennes|ois|oise|oises|ol|ola|olas|oles|ano|ana|anos|anas|és|esa|esas|eses)",
            cleaned):
        return True  # "the Veldorian authorities", "les autorités françaises": no one in particular
    return bool(re.match(r"(?:the )?(?:government|gouvernement|gobierno) (?:of|du|de|de la|del)\b", cleaned))


_AND_THEN = re.compile(r"(?:,\s*|\s+)(?:and|et|y|as well as|ainsi que)\s+(?:to\s+|de\s+|d['’]|a\s+)?(?P<verb>[\w'’]+)(?:\s+(?P<next>[\w'’]+))?", re.IGNORECASE)
# Verbs that are also common nouns ("training and support services"): a verb only before its object.
_NOUN_TOO = {"support", "report", "fund", "review", "study", "place", "table", "plan", "pay", "help", "care", "need", "work", "use",
             "claim", "issue", "stay", "return", "visit", "control", "appeal", "process", "record", "access", "release", "end", "set", "hold"}
_OBJECT_START = {"the", "a", "an", "all", "any", "every", "its", "their", "them", "it", "his", "her", "those", "these", "this", "that"}
_NOT_VERBS_TOO = {"autre", "autres", "membre", "nombre", "libre", "propre", "contre", "chambre", "hiver", "mer", "fer", "cher", "lugar",
                  "placer", "mujer", "hogar", "par", "pour", "sur", "leur", "leurs", "notre", "votre", "entre", "centre", "ordre", "titre"}


def _verb_like(word: str, following: str | None) -> bool:
    word = word.lower().replace("’", "'")
    if word in EN_VERBS:
        return word not in _NOUN_TOO or (following or "").lower() in _OBJECT_START
    if word in _NOT_VERBS or word in _NOT_VERBS_TOO or len(word) < 5:
        return False
    return bool(_INFINITIVES.match(word) or re.fullmatch(r"\w+(?:er|ir|re|ar)", word))


def joined_actions(text: str, categories: ActionCategories) -> tuple[str, str] | None:
    """Two actions in one recommendation, e.g. 'adopt a law and establish a fund', 'prohibir ... y sancionar ...'."""
    body = _after_addressee(text)
    actions = find_actions(body, categories)
    for first, second in zip(actions, actions[1:]):
        between = body[first.position + len(first.verb): second.position]
        if re.search(r"\b(and|et|as well as)\s+(to\s+)?(\w+ly\s+)?$", between, re.IGNORECASE):
            return first.verb, second.verb
    opening = re.match(r"[\w'’]+", without_label(body).lstrip("-–—•* "))
    if opening is None or not (_verb_like(opening.group(0), None) or actions):
        return None
    first = opening.group(0).lower() if _verb_like(opening.group(0), None) else actions[0].verb
    for match in _AND_THEN.finditer(body):
        verb = match.group("verb")
        if match.start() >= opening.end() and verb.lower() != first.lower() and _verb_like(verb, match.group("next")):
            return first, verb.lower()
    return None


@dataclass(frozen=True)
class Letter:
    letter: str
    name: str
    ok: bool
    reason: str


@dataclass(frozen=True)
class SmartAssessment:
    letters: tuple[Letter, ...]

    @property
    def passed(self) -> int:
        return sum(letter.ok for letter in self.letters)

    @property
    def all_ok(self) -> bool:
        return all(letter.ok for letter in self.letters)

    def __getitem__(self, letter: str) -> Letter:
        return next(item for item in self.letters if item.letter == letter)


def assess_smart(recommendation: Recommendation, categories: ActionCategories, generic: GenericAddressees, language: str = "en") -> SmartAssessment:
    """Pass or fail for each SMART letter, with the reason a drafter can act on."""
    sentence = compose(recommendation, language)
    addressee = recommendation.addressee if not recommendation.text else ""
    if recommendation.text and not recommendation.addressee:
        match = re.match(r"^(.{2,150}?)\s+(should|must|shall|devrait|doit)\b", recommendation.text.strip(), re.IGNORECASE)
        addressee = match.group(1) if match else ""
    else:
        addressee = recommendation.addressee

    # Specific: a named addressee, one action, a precise verb.
    joined = joined_actions(sentence, categories)
    category = action_category(recommendation, categories)
    if not addressee.strip():
        specific = Letter("S", "Specific", False, "no addressee: name the ministry, agency or department that must act")
    elif is_generic_addressee(addressee, generic):
        specific = Letter("S", "Specific", False, f"addressee is '{addressee.strip()}': name the ministry, agency or department")
    elif joined:
        specific = Letter("S", "Specific", False, f"two actions joined by 'and' ('{joined[0]}' and '{joined[1]}'): make one recommendation each")
    elif category is None:
        specific = Letter("S", "Specific", False, "no recognised action verb: start the action with a verb such as adopt, establish or amend")
    elif category.category < 4:
        specific = Letter("S", "Specific", False, f"'{category.verb}' asks only for {category.name.lower()} (category {category.category}): use a specific verb such as {', '.join(specific_verbs(categories)[:4])}")
    else:
        specific = Letter("S", "Specific", True, f"names {addressee.strip()} and one action ('{category.verb}', category {category.category})")

    # Measurable: someone can tell whether it was done.
    if recommendation.indicator.strip():
        measurable = Letter("M", "Measurable", True, "has an indicator of implementation")
    elif looks_measurable(sentence):
        measurable = Letter("M", "Measurable", True, "states something countable or checkable")
    else:
        measurable = Letter("M", "Measurable", False, "no indicator: say how anyone could tell it was implemented")

    # Achievable: a matter of means; the one 'wish list' item is a deliberate exception.
    if recommendation.wish_list:
        achievable = Letter("A", "Achievable", False, "marked as the 'wish list' item: keep at most one")
    elif not recommendation.cost_note.strip():
        achievable = Letter("A", "Achievable", True, "nothing suggests it is out of reach; a cost-effectiveness note would make the case")
    else:
        achievable = Letter("A", "Achievable", True, "has a cost-effectiveness note")

    # Relevant: grounded in this project's evidence or an earlier recommendation.
    if recommendation.evidence_ids or recommendation.follows_up:
        relevant = Letter("R", "Relevant", True, "linked to evidence or to an earlier recommendation")
    else:
        relevant = Letter("R", "Relevant", False, "not linked to any evidence or earlier recommendation in this project")

    # Time-bound.
    if recommendation.timeframe.given or find_timeframe(sentence):
        time_bound = Letter("T", "Time-bound", True, "has a timeframe")
    else:
        time_bound = Letter("T", "Time-bound", False, "no timeframe: give a date, or say short, medium or long term")

    return SmartAssessment((specific, measurable, achievable, relevant, time_bound))
