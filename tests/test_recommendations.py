"""Recommendation help: composed sentences, SMART feedback and UPR Info action categories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from shadowreport.project.model import PriorRecommendation, Recommendation, Timeframe
from shadowreport.recommendation_text import action_category, assess_smart, compose, find_timeframe, specific_verbs

CASES = yaml.safe_load((Path(__file__).parent / "data" / "recommendations.yml").read_text(encoding="utf-8"))




@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_smart_and_category_on_real_style_recommendations(pack, case):
    recommendation = Recommendation(
        text=case["text"], follows_up=[PriorRecommendation(symbol="A/HRC/43/4")] if case["linked"] else [],
    )
    language = "fr" if case["text"].startswith("Le ") else "en"
    assessment = assess_smart(recommendation, pack.action_categories, pack.generic_addressees, language)
    failed = [letter.letter for letter in assessment.letters if not letter.ok]
    assert failed == case["fails"], [(l.letter, l.reason) for l in assessment.letters]
    if case.get("reason"):
        assert case["reason"] in next(l for l in assessment.letters if not l.ok).reason
    match = action_category(case["text"], pack.action_categories)
    assert (match.category if match else None) == case["category"]


def test_composed_sentence_in_english_and_french():
    recommendation = Recommendation(
        addressee="the Ministry of Labour", verb="adopt", object="a national referral mechanism.",
        timeframe=Timeframe(by=dt.date(2027, 6, 1)), indicator="the number of persons referred each year",
    )
    assert compose(recommendation) == (
        "The Ministry of Labour should adopt a national referral mechanism by 1 June 2027. "
        "Progress can be measured by the number of persons referred each year."
    )
    french = recommendation.model_copy(update={"addressee": "le ministère du Travail", "verb": "adopter", "object": "un mécanisme national d'orientation",
                                               "indicator": "le nombre de personnes orientées"})
    assert compose(french, "fr") == (
        "Le ministère du Travail devrait adopter un mécanisme national d'orientation d'ici le 1er juin 2027. "
        "Les progrès pourront être mesurés par le nombre de personnes orientées."
    )
    assert compose(recommendation.model_copy(update={"timeframe": Timeframe(term="medium")})).startswith(
        "The Ministry of Labour should adopt a national referral mechanism in the medium term.")


def test_user_text_is_printed_never_evaluated():
    hostile = Recommendation(addressee="{{ 7*7 }} & <Ministry>", verb="{% for x in range(3) %}x{% endfor %}", object="{{ ''.__class__ }}")
    sentence = compose(hostile)
    assert sentence == "{{ 7*7 }} & <Ministry> should {% for x in range(3) %}x{% endfor %} {{ ''.__class__ }}."


def test_missing_fields_show_placeholders():
    assert compose(Recommendation()) == "[who?] should [do what?]."


def test_hand_written_text_wins():
    assert compose(Recommendation(addressee="x", verb="adopt", text="  Ratify P29 by 2027.  ")) == "Ratify P29 by 2027."


def test_structured_verb_gives_the_category_and_a_specific_alternative(pack):
    weak = Recommendation(addressee="the Ministry of Interior", verb="consider", object="a referral mechanism")
    assert action_category(weak, pack.action_categories).category == 3
    specific = assess_smart(weak, pack.action_categories, pack.generic_addressees)["S"]
    assert not specific.ok and "adopt" in specific.reason
    assert {"adopt", "establish", "ratify"} <= set(specific_verbs(pack.action_categories))


def test_achievable_fails_only_for_the_wish_list_item(pack):
    wish = Recommendation(addressee="the Ministry of Finance", verb="allocate", object="EUR 10 million to shelters", wish_list=True)
    assert not assess_smart(wish, pack.action_categories, pack.generic_addressees)["A"].ok


@pytest.mark.parametrize(
    ("text", "found"),
    [("by the end of 2027", True), ("within six months", True), ("in the short term", True), ("before the next review", True),
     ("by 1 June 2027", True), ("as soon as possible", False), ("in line with the 2011 Directive", False)],
)
def test_timeframe_detection(text, found):
    assert (find_timeframe(text) is not None) is found
