"""Action verbs found by their written forms (recommendation_text.find_actions): a dictionary of forms, no giant pattern."""

from __future__ import annotations

import pytest

from shadowreport.recommendation_text import find_actions


@pytest.mark.parametrize(("text", "verb", "at"), [
    ("The State should take all necessary measures to protect victims.", "take measures", 17),  # up to three words between
    ("The State should take measures.", "take measures", 17),
    ("The Ministry adopts a protocol.", "adopt", 13),  # -s forms
    ("Que le gouvernement envisagent de ratifier.", "envisager", 20),  # French present forms of an infinitive
    ("The Ministry should set up a commission.", "set up", 20),  # "set up" wins over "set"
])
def test_a_verb_is_found_in_its_forms_and_longest_first(pack, text: str, verb: str, at: int):
    first = find_actions(text, pack.action_categories)[0]
    assert (first.verb, first.position) == (verb, at)


def test_words_between_the_parts_of_a_verb_are_few_and_never_cross_punctuation(pack):
    far = "The State should take one two three four measures."
    assert "take measures" not in [a.verb for a in find_actions(far, pack.action_categories)]
    broken = "The State should take, measures."
    assert "take measures" not in [a.verb for a in find_actions(broken, pack.action_categories)]
    assert "adopted" not in [a.verb for a in find_actions("The law was adopted.", pack.action_categories)]
