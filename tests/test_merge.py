"""The three-way merge behind saving: edits to different fields, sections and items all survive; the
same field changed on both sides is a conflict, with theirs kept until someone chooses."""

from __future__ import annotations

import pytest

from shadowreport.project.merge import (
    KEEP_BOTH_SEPARATOR,
    MISSING,
    Conflict,
    ItemId,
    both,
    can_keep_both,
    describe,
    merge3,
    resolve,
    set_at,
    value_at,
)
from shadowreport.project.model import Project

from .factories import upr_project


def sections(*pairs):
    return [{"id": i, "title": i.title(), "text": t} for i, t in pairs]


def test_different_fields_both_survive():
    base = {"title": "T", "state": "Italy", "plan": {"goal": ""}}
    mine = {"title": "Mine", "state": "Italy", "plan": {"goal": ""}}
    theirs = {"title": "T", "state": "Italy", "plan": {"goal": "Theirs"}}
    merged = merge3(base, mine, theirs)
    assert merged.data == {"title": "Mine", "state": "Italy", "plan": {"goal": "Theirs"}}
    assert merged.conflicts == []


def test_different_sections_both_survive():
    base = {"sections": sections(("a", ""), ("b", ""))}
    mine = {"sections": sections(("a", "written in tab one"), ("b", ""))}
    theirs = {"sections": sections(("a", ""), ("b", "written in tab two"))}
    merged = merge3(base, mine, theirs)
    assert [s["text"] for s in merged.data["sections"]] == ["written in tab one", "written in tab two"]
    assert not merged.conflicts


def test_same_section_changed_on_both_sides_is_a_conflict_and_theirs_is_kept_until_chosen():
    base = {"sections": sections(("a", "old"))}
    mine = {"sections": sections(("a", "mine"))}
    theirs = {"sections": sections(("a", "theirs"))}
    merged = merge3(base, mine, theirs)
    assert merged.data == theirs
    assert merged.conflicts == [Conflict(("sections", ItemId("a"), "text"), "old", "mine", "theirs")]
    assert describe(merged.conflicts[0].path, theirs) == "sections › A › text"


def test_the_same_change_on_both_sides_is_no_conflict():
    base, changed = {"title": "T"}, {"title": "Same"}
    assert merge3(base, changed, dict(changed)) == merge3(base, changed, changed)
    assert not merge3(base, changed, dict(changed)).conflicts


def test_items_added_on_both_sides_are_all_kept_in_order():
    base = {"evidence": [{"id": "e1", "claim": "one"}]}
    mine = {"evidence": [{"id": "e1", "claim": "one"}, {"id": "e2", "claim": "mine"}]}
    theirs = {"evidence": [{"id": "e1", "claim": "one"}, {"id": "e3", "claim": "theirs"}]}
    merged = merge3(base, mine, theirs)
    assert [e["id"] for e in merged.data["evidence"]] == ["e1", "e3", "e2"]
    assert not merged.conflicts


def test_an_item_deleted_on_one_side_and_untouched_on_the_other_is_deleted():
    base = {"evidence": [{"id": "e1", "claim": "one"}, {"id": "e2", "claim": "two"}]}
    mine = {"evidence": [{"id": "e1", "claim": "one"}]}
    theirs = {"evidence": [{"id": "e1", "claim": "one, edited"}, {"id": "e2", "claim": "two"}]}
    merged = merge3(base, mine, theirs)
    assert merged.data == {"evidence": [{"id": "e1", "claim": "one, edited"}]}
    assert not merged.conflicts


def test_an_item_deleted_here_but_changed_there_is_a_conflict_and_is_kept_meanwhile():
    base = {"evidence": [{"id": "e1", "claim": "one"}]}
    mine = {"evidence": []}
    theirs = {"evidence": [{"id": "e1", "claim": "one, corrected"}]}
    merged = merge3(base, mine, theirs)
    assert merged.data == theirs
    (conflict,) = merged.conflicts
    assert conflict.path == ("evidence", ItemId("e1")) and conflict.mine is MISSING
    assert resolve(merged.data, conflict, "mine") == {"evidence": []}  # the deletion, once chosen


def test_a_reorder_on_one_side_keeps_the_other_sides_edits():
    base = {"recommendations": [{"id": "r1", "verb": ""}, {"id": "r2", "verb": ""}]}
    mine = {"recommendations": [{"id": "r2", "verb": ""}, {"id": "r1", "verb": ""}]}
    theirs = {"recommendations": [{"id": "r1", "verb": "adopt"}, {"id": "r2", "verb": ""}]}
    merged = merge3(base, mine, theirs)
    assert merged.data == {"recommendations": [{"id": "r2", "verb": ""}, {"id": "r1", "verb": "adopt"}]}


def test_keep_mine_take_theirs_keep_both():
    conflict = Conflict(("sections", ItemId("a"), "text"), "old", "My paragraph.", "Their paragraph.")
    stored = {"title": "changed since", "sections": sections(("a", "Their paragraph."), ("b", "other"))}
    assert value_at(resolve(stored, conflict, "mine"), conflict.path) == "My paragraph."
    assert resolve(stored, conflict, "theirs") == stored
    kept = value_at(resolve(stored, conflict, "both"), conflict.path)
    assert kept == f"My paragraph.\n\n{KEEP_BOTH_SEPARATOR}\n\nTheir paragraph."
    assert resolve(stored, conflict, "mine")["title"] == "changed since"  # the rest of what is stored stays
    assert stored["sections"][0]["text"] == "Their paragraph."  # resolving copies, never changes its input


def test_keep_both_of_two_lists_of_ids_is_their_union_and_other_values_cannot_be_kept_both():
    ids = Conflict(("recommendations", ItemId("r1"), "evidence_ids"), [], ["e1", "e2"], ["e2", "e3"])
    assert can_keep_both(ids) and both(ids) == ["e1", "e2", "e3"]
    flag = Conflict(("recommendations", ItemId("r1"), "priority"), None, True, False)
    assert not can_keep_both(flag)
    with pytest.raises(ValueError):
        resolve({}, flag, "both")


def test_set_at_adds_and_removes_keys():
    assert set_at({"plan": {}}, ("plan", "goal"), "x") == {"plan": {"goal": "x"}}
    assert set_at({"plan": {"goal": "x"}}, ("plan", "goal"), MISSING) == {"plan": {}}


def test_a_real_project_merges_and_still_validates():
    project = upr_project()
    base = project.model_dump(mode="json")
    mine, theirs = Project.model_validate(base), Project.model_validate(base)
    mine.sections[0].text = "Tab one's summary."
    theirs.sections[1].text = "Tab two's analysis."
    theirs.title = "Renamed in tab two"
    merged = merge3(base, mine.model_dump(mode="json"), theirs.model_dump(mode="json"))
    result = Project.model_validate(merged.data)
    assert (result.sections[0].text, result.sections[1].text, result.title) == (
        "Tab one's summary.", "Tab two's analysis.", "Renamed in tab two")
    assert not merged.conflicts
