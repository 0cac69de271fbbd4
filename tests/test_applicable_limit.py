"""The rule model chooses the limit a submission must keep to: individual or joint, or the user's own."""

from __future__ import annotations

import pytest

from shadowreport.rules import load_rules
from shadowreport.rules.models import Limit, Limits, SourcedCount


def sourced(value: int, confidence: str = "reported") -> SourcedCount:
    return SourcedCount(value=value, source="test-source", confidence=confidence)


@pytest.fixture(scope="module")
def upr_limits() -> Limits:
    return load_rules().kind("upr/stakeholder")[1].limits


def test_one_organisation_gets_the_individual_limit_and_a_coalition_the_joint_one(upr_limits: Limits):
    alone = upr_limits.applicable("words", joint=False)
    coalition = upr_limits.applicable("words", joint=True)
    assert (alone.value, alone.applies_to, alone.kind_has_joint_limit) == (2815, "individual", True)
    assert (coalition.value, coalition.applies_to) == (5630, "joint")
    assert coalition.confidence == "reported"  # UPR Info, 2011 and 3rd cycle (issue 15)
    assert coalition.source == upr_limits.words.joint.provenance()


def test_the_users_own_limit_wins_and_says_where_it_comes_from(upr_limits: Limits):
    chosen = upr_limits.applicable("words", joint=True, override=3000, override_source="the 2027 call")
    assert (chosen.value, chosen.applies_to, chosen.confidence) == (3000, "override", "override")
    assert chosen.source == "override: the 2027 call"
    assert upr_limits.applicable("words", joint=False, override=3000).source == "override: set by the user"
    assert upr_limits.applicable("words", joint=False, override=None).value == 2815


def test_a_coalition_falls_back_to_the_individual_limit_where_the_kind_sets_no_joint_one():
    limits = Limits(words=Limit(individual=sourced(4000)))
    chosen = limits.applicable("words", joint=True)
    assert (chosen.value, chosen.applies_to, chosen.kind_has_joint_limit) == (4000, "individual", False)


def test_no_limit_where_the_kind_sets_none_for_the_submission():
    only_joint = Limits(words=Limit(joint=sourced(6000)), pages=Limit(ideal=sourced(1)))
    assert only_joint.applicable("words", joint=False) is None
    assert only_joint.applicable("words", joint=True).value == 6000
    assert only_joint.applicable("pages", joint=True) is None  # an ideal length is not a limit
    assert Limits().applicable("pages", joint=False) is None
    assert Limits().applicable("pages", joint=False, override=2).value == 2


def test_pages_and_words_are_chosen_separately():
    limits = Limits(words=Limit(individual=sourced(5000)), pages=Limit(individual=sourced(2, "seed-2012"), joint=sourced(3)))
    assert limits.applicable("pages", joint=False).value == 2
    assert limits.applicable("pages", joint=False).confidence == "seed-2012"
    assert limits.applicable("pages", joint=True).value == 3
    assert limits.applicable("words", joint=True).value == 5000
