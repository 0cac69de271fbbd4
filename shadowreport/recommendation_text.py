"""Recommendation text: the composed sentence, a SMART assessment and UPR Info's action category.

Pure functions over a Recommendation record (or a recommendation's plain text, for imported drafts)
and the rule pack's vocabularies, which they read through the small protocols below so that the
project, the checks and the pages share one copy without this module knowing any of them.
The wording of a sentence lives in ``templates/recommendation/``; the words each language asks, dates
and measures with live in ``mechanisms/vocabulary/languages/<code>.yml`` (read through ``language``),
so a new language is a file, not code. Patterns are compiled on first use, never at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, Sequence

from . import language as languages
from .i18n import ENGLISH_MONTHS, N_, translator
from .lazy_pattern import LazyPattern, compiled
from .paths import builtin_dir

if TYPE_CHECKING:  # the record is a pydantic model: a lint of someone's file reads plain text and never loads pydantic
    from .records import Recommendation


def _phrase(text: str) -> str:
    """A vocabulary phrase as a pattern: words apart by any spaces, ' for either apostrophe, '_' for any one
    word, and a word ending in '*' for any word it begins."""
    parts = []
    for word in text.split():
        if word == "_":
            parts.append(r"[\w'’-]+")
            continue
        open_ended = word.endswith("*")
        word = re.sub("['’]", "['’]", re.escape(word.rstrip("*")))
        parts.append(word + (r"\w*" if open_ended else ""))
    return r"\s+".join(parts)


def alternatives(phrases) -> str:
    """Phrases as one group, longest first (so 'within the' is tried before 'within'); a group that never
    matches when there are none."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_phrase(p) for p in ordered) + ")" if ordered else "(?!x)x"


def _all(group: str, key: str) -> list[str]:
    return languages.words(group, key)


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
    if not (builtin_dir("templates") / "recommendation" / f"{language}.j2").is_file() or "composer" not in languages.vocabulary(language):
        language = "en"  # a language without its sentence template or its composer's words
    english = {"who": "[who?]", "what": "[do what?]", "months": ENGLISH_MONTHS}
    words = {**english, **languages.vocabulary(language)["composer"]}  # what a language's file leaves out, in English
    template = _environment().get_template(f"recommendation/{language}.j2")
    addressee = recommendation.addressee.strip() or words["who"]
    sentence = template.render(
        addressee=addressee[:1].upper() + addressee[1:],
        verb=recommendation.verb.strip() or words["what"],
        object=recommendation.object.strip().rstrip("."),
        timeframe=recommendation.timeframe,
        indicator=recommendation.indicator.strip().rstrip("."),
        month_name=lambda month: words["months"][month - 1],
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
def _verb_index(categories: tuple[tuple[int, str, tuple[str, ...]], ...], fingerprint: tuple) -> dict[str, list[tuple[tuple[str, ...], int, str, str]]]:
    """Every written form of a verb's first word -> the verbs it may start, longest first (so 'take measures'
    wins over 'take'). A dictionary, not one pattern of every verb: compiling that pattern took a command
    most of its checking time, and a dictionary costs nothing to build."""
    verbs = sorted(((verb, number, name) for number, name, vs in categories for verb in vs), key=lambda v: -len(v[0]))
    index: dict[str, list[tuple[tuple[str, ...], int, str, str]]] = {}
    for verb, number, name in verbs:
        words = tuple(verb.lower().split())
        for form in _head_forms(words[0]) | _language_forms(fingerprint).get(words[0], set()):
            index.setdefault(form, []).append((words[1:], number, name, verb))
    for form, candidates in index.items():  # a verb written as it stands first ("continue", not "continuer"), then the longest
        candidates.sort(key=lambda c: (c[3].lower().split()[0] != form, -len(c[3])))
    return index


_WORD_TOKEN = LazyPattern(r"\w+")
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
    """Every action verb in the text, in order of appearance: the categories' own verbs (UPR Info's, in
    English) and each language's (``action_verbs`` in its vocabulary file)."""
    fingerprint = languages.fingerprint()
    extra = _language_verbs(fingerprint)
    return list(_find_actions(text, tuple((c.number, c.name, tuple(c.verbs) + extra.get(c.number, ())) for c in categories.categories),
                              fingerprint))


@lru_cache(maxsize=2)
def _language_verbs(fingerprint: tuple) -> dict[int, tuple[str, ...]]:
    verbs: dict[int, list[str]] = {}
    for data in languages.vocabularies().values():
        for number, listed in ((data.get("recommendations") or {}).get("action_verbs") or {}).items():
            verbs.setdefault(number, []).extend(v for v in listed if v not in verbs[number])
    return {number: tuple(listed) for number, listed in verbs.items()}


@lru_cache(maxsize=2)
def _language_forms(fingerprint: tuple) -> dict[str, set[str]]:
    """The written forms of each language's verbs, from its infinitive endings and the endings that replace
    them (``verb_forms`` and ``participles``): "adopter" -> "adopte", "adoptent", "adopté"; "crear" -> "cree"."""
    return _forms(fingerprint, ("verb_forms", "participles"))


@lru_cache(maxsize=2)
def _opening_words(fingerprint: tuple) -> frozenset[str]:
    """Words that open an ask in some language: its action verbs and their asking forms ("apruebe", "adoptez"),
    not their participles ("Adoptée en 2016, la loi ...")."""
    verbs = {verb.lower().split()[0] for data in languages.vocabularies().values()
             for listed in ((data.get("recommendations") or {}).get("action_verbs") or {}).values() for verb in listed}
    return frozenset(verbs | {form for forms in _forms(fingerprint, ("verb_forms",)).values() for form in forms})


def _forms(fingerprint: tuple, keys: tuple[str, ...]) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = {}
    for data in languages.vocabularies().values():
        words = data.get("recommendations") or {}
        endings = words.get("infinitive_endings") or []
        replacements = [ending for key in keys for ending in words.get(key) or []]
        for listed in (words.get("action_verbs") or {}).values():
            for verb in listed:
                first = verb.lower().split()[0]
                ending = next((e for e in endings if first.endswith(e) and len(first) > len(e) + 1), None)
                # not for short verbs without accents, whose forms are often nouns ("former": "sous toutes ses formes")
                if ending and (len(first) >= 7 or re.search(r"[^\x00-\x7f]", first)):
                    forms.setdefault(first, set()).update(first[:-len(ending)] + r for r in replacements)
    return forms


@lru_cache(maxsize=4096)
def _find_actions(text: str, categories: tuple, fingerprint: tuple) -> tuple[ActionMatch, ...]:
    index = _verb_index(categories, fingerprint)
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
    if not isinstance(recommendation, str) and recommendation.verb.strip() and not recommendation.text:
        text = recommendation.verb
    else:
        text = recommendation if isinstance(recommendation, str) else compose(recommendation)
        text = _after_addressee(text)
    actions = find_actions(text, categories)
    return actions[0] if actions else None


def specific_verbs(categories: ActionCategories, language: str = "en") -> list[str]:
    """Category 5 verbs in the reader's language, to suggest when a recommendation asks for too little
    (the categories' own, English ones for a language that lists none)."""
    listed = ((languages.vocabulary(language).get("recommendations") or {}).get("action_verbs") or {}).get(5)
    return list(listed or next(c for c in categories.categories if c.number == 5).verbs)


_LABEL = LazyPattern(r"^\s*(?:(?:recommendation|recommandation|recomendaci[oó]n)\s*(?:n[°o]\.?\s*)?(?:\d+\s*[:.\-–—]|:)|"
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
    for pattern in (_words().modal, _words().urge):
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
_INFINITIVES = LazyPattern(
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
    if word in _opening_words(languages.fingerprint()):
        return True  # an action verb in one of its asking forms: "Apruebe una ley", "Adoptez un décret"
    if bool(_INFINITIVES.match(word)) or (text[:1].islower() and bool(re.fullmatch(r"\w{3,}(?:ar|er|ir)", word))):
        return True
    # "Déposer un amendement", "Presentar una proposición": a French or Spanish infinitive before its object
    return len(words) > 1 and bool(re.fullmatch(r"\w{4,}(?:er|ir|re|ar)", word)) and (words[1] in _DETERMINERS or bool(re.fullmatch(r"\w+(?:ando|iendo)", words[1])))


_DETERMINERS = {"le", "la", "les", "l", "un", "une", "des", "du", "au", "aux", "à", "d", "el", "los", "las", "una", "unos", "unas", "al", "a",
                "en", "sur", "con", "que", "cette", "ce", "ces", "leur", "leurs", "su", "sus", "este", "esta", "estos", "estas", "todo", "toda",
                "tous", "toutes", "todos", "todas", "chaque", "cada"}
_FUNCTION = {"de", "del", "des", "du", "la", "le", "les", "el", "los", "las", "of", "the", "for", "and", "y", "et", "l", "d", "for", "on", "in", "à", "a"}
_PARTY = {"partie", "parte", "party"}  # "l'État partie", "el Estado parte": one name
_THAT_CLAUSE = LazyPattern(r"^\s*(?:que|qu['’]|that)\s+(?P<who>.{2,120})", re.IGNORECASE)  # "Que el Congreso tipifique ...", after "recomienda:"
_WHO_AFTER_ASK = [
    LazyPattern(r"\b(?:urges?|calls? (?:on|upon)|asks?|requests?|invites?|encourages?|press)\s+(?P<who>.{2,120}?)\s+to\s+", re.IGNORECASE),
    LazyPattern(r"\brecommends?\s+(?:that\s+|to\s+)(?P<who>.{2,120})", re.IGNORECASE),
    LazyPattern(r"\b(?:recommand|demand|exhort|appel)\w*\s+(?:instamment\s+)?(?:au|à la|à l'|à l’|aux)\s+(?P<who>.{2,120}?)\s+(?:de\s+|d'|d’)(?=\w+(?:er|ir|re)\b)",
          re.IGNORECASE),  # "au ministère de la Justice de créer": the name runs to the "de" before the verb
    LazyPattern(r"\b(?:recommand|préconis|demand|souhait)\w*\s+(?:également\s+)?que\s+(?P<who>.{2,120})", re.IGNORECASE),
    LazyPattern(r"\b(?:insta|exhorta)\w*\s+a\s+(?P<who>.{2,120}?)\s+a\s+(?=\w+(?:ar|er|ir)\b)", re.IGNORECASE),
    LazyPattern(r"\b(?:recomienda|recomendamos|solicita|pide|pedimos|sugiere|es necesario|es preciso|es urgente|es indispensable|il convient|il importe|il faut|"
               r"il est nécessaire|il est urgent|il est indispensable)\w*\s+(?:\w+\s+)?que\s+(?P<who>.{2,120})",
               re.IGNORECASE),
    LazyPattern(r"\b(?:pide|pida|pedimos|solicita|solicitamos|recomiende|inste)\s+(?:a\s+|al\s+)(?P<who>[^,:]{2,80}?)\s+(?:que|a)\b", re.IGNORECASE),
    # "Le Comité engage vivement l'État partie à adopter ...", "nous invitons le Gouvernement à ..."
    LazyPattern(r"\b(?:engag|invit|encourag|pri)\w*\s+(?:vivement\s+|instamment\s+|également\s+)?(?P<who>[^,:]{2,120}?)\s+(?:à|de|d['’])\s*(?=\w+(?:er|ir|re)\b)",
          re.IGNORECASE),
]
_NO_ONE = LazyPattern(r"^\s*(?:il faut|il convient de|il est nécessaire de|es necesario\s+\w+ar|hay que)\b", re.IGNORECASE)


def _trim_subject(who: str) -> str:
    """'el Ministerio del Interior reconozca a ...' -> 'el Ministerio del Interior' (a subject ends at its verb)."""
    words = who.split()
    kept: list[str] = []
    for word in words:
        bare = re.sub(r"^[ld]['’]", "", word.lower()).strip(",;:")
        if bare in ("should", "must", "to", "shall"):
            break
        if kept and not word[:1].isupper() and not re.match(r"^[ld]['’][A-ZÀ-Ý]", word) and bare not in _FUNCTION and bare not in _PARTY \
                and not (len(kept) == 1 and kept[0].lower() in _FUNCTION):
            break
        kept.append(word.strip(",;:"))
    return " ".join(kept)


_RECIPIENT = LazyPattern(
    r"\b(?:recommends?|recommended|urges?|calls? (?:on|upon)|asks?|requests?|invites?|recommand\w*|demand\w*|exhort\w*|appel\w*|"
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
        rest = re.split(r"\s*[:,;]|\s+(?:to|should|must|de|d['’]|que|a|à|the following|les mesures suivantes)\s*$|\s+(?:to|should|must)\s+", rest, maxsplit=1)[0]
        rest = rest.strip()
        if rest and rest.lower() not in ("you", "vous", "usted", "ustedes"):
            return rest
    match = _words().who_before_modal.match(text + " ")
    return match.group("who").strip(" ,;:") if match else None


_ASKS_SOMEONE = LazyPattern(
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
    if opens_with_action(text) and not _ASKS_SOMEONE.match(text) and not _words().urge.match(text):
        return None
    clause = _THAT_CLAUSE.match(text)
    if clause:
        return _trim_subject(clause.group("who")) or None
    who, rest = None, text
    for _ in range(4):
        modal = _words().who_before_modal.match(rest) if not _ASKS_SOMEONE.match(rest) else None
        asked = None
        for pattern in _WHO_AFTER_ASK:
            match = pattern.search(rest[:240])
            if match and (asked is None or match.start() < asked.start()):
                asked = match
        if modal and (asked is None or modal.end() <= asked.start()):
            who, rest = modal.group("who"), rest[modal.end():]
        elif asked:
            found = asked.group("who")
            who = _trim_subject(found) if asked.re in (_WHO_AFTER_ASK[1].compiled, _WHO_AFTER_ASK[3].compiled, _WHO_AFTER_ASK[5].compiled) else found
            rest = rest[asked.end():]
        else:
            break
        if not _ASKS_SOMEONE.match(rest):
            break
    return who.strip(" ,;:") or None if who else None


# --- SMART ------------------------------------------------------------------------------------

_YEAR = r"(?:19|20)\d{2}"
# A quantity (not a year, an article or a convention number).
_QUANTITY = LazyPattern(r"(?<![\w.])(?<!Article )(?<!article )(?<!No\. )(?!(?:19|20)\d{2}\b)\d+(?:[.,]\d+)?(?:\s*%)?(?![\w/])")


class _WordSet:
    """Single words, some open-ended ("adopt*"): a set and a tuple of beginnings, which cost nothing to build
    (one pattern of them took a lint milliseconds to compile)."""

    def __init__(self, words: list[str]) -> None:
        self.exact = frozenset(w.lower() for w in words if not w.endswith("*"))
        self.beginnings = tuple(w[:-1].lower() for w in words if w.endswith("*"))

    def match(self, word: str) -> bool:
        word = word.lower()
        return word in self.exact or word.startswith(self.beginnings)


@dataclass(frozen=True)
class _Patterns:
    """The patterns built from every language's words (mechanisms/vocabulary/languages/)."""

    modal: re.Pattern  # "should", "devrait", "debe": the action follows
    who_before_modal: re.Pattern  # "<who> should ..."
    urge: re.Pattern  # "we urge ... to", "recommande au ministère de": the action follows
    timeframe: re.Pattern
    during: re.Pattern  # "in 2026" may date a fact ...
    done_before: re.Pattern  # ... when "carried out" stands just before it
    measurable: re.Pattern
    checkable: _WordSet
    vague: _WordSet
    training: _WordSet
    everyone: re.Pattern
    and_then: re.Pattern  # "... and establish"
    and_before: re.Pattern  # the words between two actions end with "and (to)"
    skip: frozenset[str]
    qualifier: re.Pattern  # "relevant", "compétentes", "parte" after a generic addressee
    government_of: re.Pattern  # "the Government of ...", "gouvernement du ..."


def _words() -> _Patterns:
    return _build_patterns(languages.fingerprint())


@lru_cache(maxsize=2)
def _build_patterns(fingerprint: tuple) -> _Patterns:
    """The patterns of every language's words; each from the program kept between runs (lazy_pattern), as the
    words are the rules' own (built-in or the user's rules folder), never case text."""
    def alt(group: str, key: str) -> str:
        return alternatives(_all(group, key))

    def ask(entry: dict) -> str:
        then = entry.get("then") or []
        if not then:
            return rf"\b{alternatives(entry['words'])}\s+"
        linked = "(?:" + "|".join(_phrase(word) + (r"\s*" if word.endswith("'") else r"\s+") for word in then) + ")"
        endings = [e for data in languages.vocabularies().values() if entry in (data.get("recommendations") or {}).get("asks", [])
                   for e in (data.get("recommendations") or {}).get("infinitive_endings", [])]
        verb = rf"(?=\w+(?:{'|'.join(map(re.escape, endings))})\b)" if entry.get("infinitive") and endings else ""
        return rf"\b{alternatives(entry['words'])}\b.{{0,{int(entry.get('within', 120))}}}?\b{linked}{verb}"

    asks = [entry for data in languages.vocabularies().values() for entry in (data.get("recommendations") or {}).get("asks", [])]
    articles = "(?:" + "|".join(_phrase(a) + ("" if a.endswith(("'", "-")) else r"\s+") for a in _all("timeframes", "articles")) + ")?"
    markers = "(?:" + "|".join(_phrase(w) + (r"\s*" if w.endswith("'") else r"\s+") for w in _all("recommendations", "infinitive_markers")) + ")?"
    timeframe = "|".join((
        # a year after a word of time: "by 2027", "before the end of 2027", "d'ici le 31 décembre 2027", "antes de 2028", "in 2027",
        # "in the 2027 budget"; not a year that names a text ("in line with the 2011 Directive", "the 1930 Convention")
        (rf"(?:\b{alternatives(_all('timeframes', 'by') + _all('timeframes', 'from'))}\s+(?:[\w'’.-]+\s+){{0,5}}?"
         rf"|\b{alt('timeframes', 'during')}\s+{articles}(?:[^\W\d_]+\s+)?){_YEAR}\b(?!\s+{alt('timeframes', 'texts')}\b)"),
        rf"\b{alt('timeframes', 'within')}\s+(?:\S+\s+)?{alt('timeframes', 'units')}\b",  # "within 12 months", "dans un délai de six mois"
        rf"\b{alt('timeframes', 'terms')}\b",  # "short term", "à moyen terme"
        rf"\b{alt('timeframes', 'other')}\b",  # "upon arrival", "dès le premier jour"
        rf"\b{alt('timeframes', 'next')}\s+{alt('timeframes', 'occasions')}",  # "the next review", "la prochaine loi de finances"
        rf"\b{alt('timeframes', 'every')}\s+(?:\w+\s+)?{alt('timeframes', 'periods')}\b",  # "every year", "tous les six mois"
        rf"\b{alt('timeframes', 'regularly')}\b",
        rf"\b{alt('timeframes', 'at_once')}\b",
    ))
    modals = alt("recommendations", "modals")
    flags = re.IGNORECASE
    return _Patterns(
        modal=compiled(rf"\b{modals}\s+", flags),
        who_before_modal=compiled(rf"^(?P<who>.{{2,160}}?)\s*,?\s+{modals}(?:\s|,|:)", flags),
        urge=compiled("|".join(ask(entry) for entry in asks) or "(?!x)x", flags),
        timeframe=compiled(timeframe, flags),
        during=compiled(rf"{alt('timeframes', 'during')}\b", flags),
        done_before=compiled(rf"\b{alt('timeframes', 'done')}\b(?:\s+[\w'’]+){{0,4}}\s*$", flags),
        measurable=compiled(rf"\b{alt('recommendations', 'measures')}\b", flags),
        checkable=_WordSet(_all("recommendations", "checkable_verbs")),
        vague=_WordSet(_all("recommendations", "vague_verbs")),
        training=_WordSet(_all("recommendations", "training_verbs")),
        everyone=compiled(rf"\b{alt('recommendations', 'everyone')}\b(?!\s+(?:\w+\s+)?{alt('recommendations', 'efforts')}\b)", flags),
        and_then=compiled(rf"(?:,\s*|\s+){alt('recommendations', 'and')}\s+{markers}(?P<verb>[\w'’]+)(?:\s+(?P<next>[\w'’]+))?", flags),
        and_before=compiled(rf"\b{alt('recommendations', 'and')}\s+{markers}(?:\w+ly\s+)?$", flags),
        skip=frozenset(w.lower() for w in _all("recommendations", "skip")),
        qualifier=compiled(rf"\s+{alt('recommendations', 'generic_qualifiers')}\b", flags),
        government_of=compiled(rf"{alt('recommendations', 'government_of')}\b", flags),
    )


def find_timeframe(text: str) -> str | None:
    """The words that say by when, if any. 'the inspections carried out in 2026' dates a fact, not the ask."""
    patterns = _words()
    for match in patterns.timeframe.finditer(text):
        if patterns.during.match(match.group(0)) and patterns.done_before.search(text[max(0, match.start() - 60):match.start()]):
            continue
        return match.group(0)
    return None


def _first_verb(action: str) -> str | None:
    """The first word of the action that is a verb the vocabularies call checkable or vague."""
    patterns = _words()
    words = re.findall(r"[\w'’]+", action.lower())[:8]
    for word in words:
        word = re.sub(r"^(?:d|l)['’]", "", word)
        if word in patterns.skip:
            continue
        if patterns.checkable.match(word) or patterns.vague.match(word):
            return word
    return None


def looks_measurable(text: str) -> bool:
    """Something anyone could check was done: a figure, a publication, an indicator, or an act
    checkable by nature (adopt a law, ratify, establish a body, stop a practice, release, publish)."""
    patterns = _words()
    if patterns.measurable.search(text) is not None or _QUANTITY.search(text) is not None:
        return True
    verb = _first_verb(_after_addressee(text))
    if verb is None:
        return True  # no verb we know: do not guess
    if patterns.training.match(verb):
        return bool(patterns.everyone.search(text))  # training counts when it reaches everyone concerned
    return not patterns.vague.match(verb) or bool(patterns.everyone.search(text))


def is_generic_addressee(addressee: str, vocabulary: GenericAddressees) -> bool:
    cleaned = " ".join(addressee.lower().replace("’", "'").split()).strip(" ,.")
    if not cleaned:
        return True
    phrases = {p.lower() for p in vocabulary.phrases}
    patterns = _words()
    # "the French authorities", "les autorités compétentes", "los Estados": no one in particular either
    candidates = {cleaned, re.sub(r"s\b", "", cleaned), patterns.qualifier.sub("", cleaned).strip()}
    candidates |= {re.sub(r"s\b", "", c) for c in candidates}
    if any(c in phrases or c in {re.sub(r"s\b", "", p) for p in phrases} for c in candidates):
        return True
    if re.fullmatch(r"(?:the\s+)?[A-Z][\w-]+\s+(?:authorities|government|state)", addressee.strip(" ,.")) or re.fullmatch(
            r"(?:les\s+|las\s+|los\s+)?(?:autorités|autoridades|pouvoirs publics)\s+\w+(?:ais|aise|aises|ien|ienne|iennes|ois|oise|oises|ol|ola|olas|oles|ano|ana|anos|anas|és|esa|esas|eses)",
            cleaned):
        return True  # "the Veldorian authorities", "les autorités françaises": no one in particular
    return bool(patterns.government_of.match(cleaned))


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
        if _words().and_before.search(between):
            return first.verb, second.verb
    opening = re.match(r"[\w'’]+", without_label(body).lstrip("-–—•* "))
    if opening is None or not (_verb_like(opening.group(0), None) or actions):
        return None
    first = opening.group(0).lower() if _verb_like(opening.group(0), None) else actions[0].verb
    for match in _words().and_then.finditer(body):
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


def assess_smart(recommendation: Recommendation, categories: ActionCategories, generic: GenericAddressees, language: str = "en",
                 messages: str = "en") -> SmartAssessment:
    """Pass or fail for each SMART letter, with the reason a drafter can act on: the recommendation read in
    ``language`` (the project's: its sentence, the verbs suggested), the letters and reasons in ``messages`` (the reader's)."""
    t = translator(messages)
    sentence = compose(recommendation, language)
    if recommendation.text and not recommendation.addressee:
        addressee = addressee_in(recommendation.text) or ""
    else:
        addressee = recommendation.addressee
    names = {"S": t.gettext("Specific"), "M": t.gettext("Measurable"), "A": t.gettext("Achievable"), "R": t.gettext("Relevant"),
             "T": t.gettext("Time-bound")}

    def letter(code: str, ok: bool, reason: str, **values) -> Letter:
        return Letter(code, names[code], ok, t.gettext(reason).format(**values))

    # Specific: a named addressee, one action, a precise verb.
    joined = joined_actions(sentence, categories)
    category = action_category(recommendation, categories)
    if not addressee.strip():
        specific = letter("S", False, "no addressee: name the ministry, agency or department that must act")
    elif is_generic_addressee(addressee, generic):
        specific = letter("S", False, "addressee is '{who}': name the ministry, agency or department", who=addressee.strip())
    elif joined:
        specific = letter("S", False, "two actions joined by 'and' ('{first}' and '{second}'): make one recommendation each",
                          first=joined[0], second=joined[1])
    elif category is None:
        specific = letter("S", False, "no recognised action verb: start the action with a verb such as adopt, establish or amend")
    elif category.category < 4:
        specific = letter("S", False, "'{verb}' asks only for {what} (category {category}): use a specific verb such as {verbs}",
                          verb=category.verb, what=t.gettext(category.name).lower(), category=category.category,
                          verbs=", ".join(specific_verbs(categories, language)[:4]))
    else:
        specific = letter("S", True, "names {who} and one action ('{verb}', category {category})", who=addressee.strip(), verb=category.verb,
                          category=category.category)

    # Measurable: someone can tell whether it was done.
    if recommendation.indicator.strip():
        measurable = letter("M", True, "has an indicator of implementation")
    elif looks_measurable(sentence):
        measurable = letter("M", True, "states something countable or checkable")
    else:
        measurable = letter("M", False, "no indicator: say how anyone could tell it was implemented")

    # Achievable: a matter of means; the one 'wish list' item is a deliberate exception.
    if recommendation.wish_list:
        achievable = letter("A", False, "marked as the 'wish list' item: keep at most one")
    elif not recommendation.cost_note.strip():
        achievable = letter("A", True, "nothing suggests it is out of reach; a cost-effectiveness note would make the case")
    else:
        achievable = letter("A", True, "has a cost-effectiveness note")

    # Relevant: grounded in this project's evidence or an earlier recommendation.
    if recommendation.evidence_ids or recommendation.follows_up:
        relevant = letter("R", True, "linked to evidence or to an earlier recommendation")
    else:
        relevant = letter("R", False, "not linked to any evidence or earlier recommendation in this project")

    # Time-bound.
    if recommendation.timeframe.given or find_timeframe(sentence):
        time_bound = letter("T", True, "has a timeframe")
    else:
        time_bound = letter("T", False, "no timeframe: give a date, or say short, medium or long term")

    return SmartAssessment((specific, measurable, achievable, relevant, time_bound))


# The SMART reasons above, marked for the catalogues (they are translated where assess_smart writes them).
_MARKED = (
    N_("no addressee: name the ministry, agency or department that must act"),
    N_("addressee is '{who}': name the ministry, agency or department"),
    N_("two actions joined by 'and' ('{first}' and '{second}'): make one recommendation each"),
    N_("no recognised action verb: start the action with a verb such as adopt, establish or amend"),
    N_("'{verb}' asks only for {what} (category {category}): use a specific verb such as {verbs}"),
    N_("names {who} and one action ('{verb}', category {category})"),
    N_("has an indicator of implementation"),
    N_("states something countable or checkable"),
    N_("no indicator: say how anyone could tell it was implemented"),
    N_("marked as the 'wish list' item: keep at most one"),
    N_("nothing suggests it is out of reach; a cost-effectiveness note would make the case"),
    N_("has a cost-effectiveness note"),
    N_("linked to evidence or to an earlier recommendation"),
    N_("not linked to any evidence or earlier recommendation in this project"),
    N_("has a timeframe"),
    N_("no timeframe: give a date, or say short, medium or long term"),
)
