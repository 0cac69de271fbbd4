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


def _verb_pattern(verb: str) -> str:
    # "take measures" also matches "take all necessary measures"; a verb matches its -s/-es forms.
    words = verb.split()
    head = re.escape(words[0]) + r"(?:s|es)?"
    if len(words) == 1:
        return head
    return head + "".join(r"\s+(?:\w+\s+){0,3}?" + re.escape(w) for w in words[1:])


@lru_cache(maxsize=8)
def _compiled(categories: tuple[tuple[int, str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], dict[str, tuple[int, str, str]]]:
    """One pattern for every verb (longest first, so 'take measures' wins over 'take'), and what each group means."""
    verbs = sorted(((verb, number, name) for number, name, vs in categories for verb in vs), key=lambda v: -len(v[0]))
    groups = {f"v{index}": (number, name, verb) for index, (verb, number, name) in enumerate(verbs)}
    alternatives = "|".join(f"(?P<v{index}>{_verb_pattern(verb.lower())})" for index, (verb, _, _) in enumerate(verbs))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE), groups


def find_actions(text: str, categories: ActionCategories) -> list[ActionMatch]:
    """Every action verb in the text, in order of appearance."""
    return list(_find_actions(text, tuple((c.number, c.name, tuple(c.verbs)) for c in categories.categories)))


@lru_cache(maxsize=4096)
def _find_actions(text: str, categories: tuple) -> tuple[ActionMatch, ...]:
    pattern, groups = _compiled(categories)
    found = []
    for match in pattern.finditer(text):
        number, name, verb = groups[match.lastgroup]
        found.append(ActionMatch(number, name, verb, match.start()))
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


_MODAL = re.compile(r"\b(should|must|shall|devrait|doit|devraient|doivent)\s+", re.IGNORECASE)
_URGE = re.compile(r"\b(urge[sd]?|calls? (on|upon)|asks?|requests?|invites?|recommends?)\b.{0,150}?\bto\s+", re.IGNORECASE)


def _after_addressee(text: str) -> str:
    """The action part: 'The Ministry should adopt ...' -> 'adopt ...', so a verb inside a name is not taken.

    A recommendation that opens with its verb (UPR style: 'Adopt ...', 'Continue to ...') is kept whole.
    """
    stripped = text.lstrip()
    if re.match(r"(we\s+)?recommend\s+that\s+", stripped, re.IGNORECASE):
        stripped = re.sub(r"^(we\s+)?recommend\s+that\s+", "", stripped, flags=re.IGNORECASE)
    for pattern in (_MODAL, _URGE):
        match = pattern.search(stripped)
        if match and match.start() < 200:
            return stripped[match.end():]
    return stripped


# --- SMART ------------------------------------------------------------------------------------

_TIMEFRAME = re.compile(
    r"\b(by|before|until|no later than|d'ici|avant)\s+(?:[\w']+\s+){0,4}?(19|20)\d{2}\b"
    r"|\bwithin\s+(\w+|\d+)\s+(day|week|month|year)s?\b|\bdans\s+(les\s+)?\w+\s+(jours|semaines|mois|ans)\b"
    r"|\b(short|medium|long)[- ]term\b|\bà\s+(court|moyen|long)\s+terme\b"
    r"|\bbefore\s+the\s+next\s+(review|report|session|cycle)\b"
    r"|\b(immediately|without delay|sans délai)\b",
    re.IGNORECASE,
)
# A quantity (not a year, an article or a convention number) or words that name something countable.
_QUANTITY = re.compile(r"(?<![\w.])(?<!Article )(?<!article )(?<!No\. )(?!(?:19|20)\d{2}\b)\d+(?:[.,]\d+)?(?:\s*%)?(?![\w/])")
_MEASURABLE = re.compile(
    r"\bnumber of\b|\bpercentage\b|\bper ?cent\b|\brate of\b|\bbudget\b|\bannual(ly)?\b|\bevery (year|month|quarter)\b|"
    r"\bstatistics\b|\bdisaggregated\b|\bpublish\w*\b|\bindicator\w*\b|\bnombre de\b|\bdonnées\b|\bchaque année\b|\bmesuré",
    re.IGNORECASE,
)


def find_timeframe(text: str) -> str | None:
    match = _TIMEFRAME.search(text)
    return match.group(0) if match else None


def looks_measurable(text: str) -> bool:
    return _MEASURABLE.search(text) is not None or _QUANTITY.search(text) is not None


def is_generic_addressee(addressee: str, vocabulary: GenericAddressees) -> bool:
    cleaned = " ".join(addressee.lower().replace("’", "'").split()).strip(" ,.")
    if not cleaned:
        return True
    phrases = {p.lower() for p in vocabulary.phrases}
    return cleaned in phrases or (cleaned.startswith("the government of") or cleaned.startswith("government of"))


def joined_actions(text: str, categories: ActionCategories) -> tuple[str, str] | None:
    """Two actions joined by 'and' (or 'et'), e.g. 'adopt a law and establish a fund'."""
    body = _after_addressee(text)
    actions = find_actions(body, categories)
    for first, second in zip(actions, actions[1:]):
        between = body[first.position + len(first.verb): second.position]
        if re.search(r"\b(and|et|as well as)\s+(to\s+)?(\w+ly\s+)?$", between, re.IGNORECASE):
            return first.verb, second.verb
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
