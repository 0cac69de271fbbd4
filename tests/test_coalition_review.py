"""Coalition merge review: what a contribution adds, changes or duplicates, matched by id and by
text; refusals in one sentence; one member's file never touches another member's items."""

from __future__ import annotations

from pathlib import Path

import pytest

from shadowreport.project.coalition import ContributionRefused, contribution_from, merge_contribution
from shadowreport.project.exchange import Contribution, read_project
from shadowreport.project.model import EvidenceItem, Member, Project, SectionText

from .factories import TODAY, coalition_project

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "greta-joint-4th-round.yml"


def greta_joint() -> Project:
    return read_project(SAMPLE)


def test_issue_10_first_merge_of_a_members_file_from_the_joint_project_duplicates_nothing():
    # The member works in its copy of the joint project, whose items were typed in by the coordinator
    # and attributed to the member (no merge history): its contribution carries the same items.
    joint = greta_joint()
    contribution = contribution_from(joint, "org-tierra")
    assert contribution.evidence and contribution.recommendations  # the reproduction needs both
    merged, report = merge_contribution(joint, contribution, TODAY)
    assert len(merged.evidence) == len(joint.evidence) and len(merged.recommendations) == len(joint.recommendations)
    assert not report.added and not report.conflicts
    again, second = merge_contribution(merged, contribution, TODAY)
    assert again == merged and not second.added


def test_issue_10_items_the_coordinator_already_typed_are_recognised_by_their_text():
    # The member sends, from its own project, evidence and a recommendation the coordinator had
    # already copied in by hand (other ids, the coordinator's attribution): nothing is added twice,
    # and the coordinator's items stay the coordinator's.
    joint = coalition_project()
    own = joint.model_copy(update={"id": "prj-casa-own", "members": [Member(id="org-casa", name="Casa Nuova")],
                                   "evidence": [e.model_copy(update={"id": f"mine-{n}", "contributed_by": None}) for n, e in enumerate(joint.evidence)],
                                   "recommendations": [r.model_copy(update={"id": "mine-rec", "evidence_ids": ["mine-0"]}) for r in joint.recommendations]})
    contribution = contribution_from(Project.model_validate(own.model_dump()))
    merged, report = merge_contribution(joint, contribution, TODAY)
    assert len(merged.evidence) == 3 and len(merged.recommendations) == 1
    assert len(report.duplicates) == 7 and not report.added  # 3 evidence, 1 recommendation, 3 section texts
    assert merged.evidence == joint.evidence and merged.recommendations == joint.recommendations
    duplicate = next(item for item in report.items if item.incoming_id == "mine-rec")
    assert duplicate.outcome == "duplicate" and duplicate.local_id == "rec-nrm"


def test_the_review_says_what_is_added_changed_and_already_there():
    joint = Project(id="prj-j", title="Joint", mechanism="greta", kind="ngo-report",
                    members=[Member(id="org-c", name="Coordinator"), Member(id="org-m", name="Member", role="member")],
                    evidence=[EvidenceItem(id="ev-a", kind="statistic", claim="Old figure.", contributed_by="org-m")])
    first = Contribution(member=Member(id="org-m", name="Member"), project_id="prj-j",
                         evidence=[EvidenceItem(id="ev-a", kind="statistic", claim="Old figure.")])
    joint, _ = merge_contribution(joint, first, TODAY)  # the member's item now remembers what it said
    revised = Contribution(member=Member(id="org-m", name="Member"), project_id="prj-j",
                           evidence=[EvidenceItem(id="ev-a", kind="statistic", claim="New figure."),
                                     EvidenceItem(id="ev-b", kind="case", claim="A new case.")],
                           sections=[SectionText(id="intro", title="Intro", text="Our part.")])
    merged, report = merge_contribution(joint, revised, TODAY)
    outcomes = {(item.item_type, item.incoming_id): item for item in report.items}
    changed = outcomes[("evidence", "ev-a")]
    assert (changed.outcome, changed.before, changed.text) == ("updated", "Old figure.", "New figure.")
    assert outcomes[("evidence", "ev-b")].outcome == "added"
    assert outcomes[("section-contribution", "intro")].outcome == "added"
    assert merged.evidence_item("ev-a").claim == "New figure."


def test_a_section_text_already_woven_into_the_report_is_a_duplicate():
    joint = coalition_project()
    text = joint.sections[1].text.split("\n\n")[0]
    contribution = Contribution(member=Member(id="org-casa", name="Casa Nuova"), sections=[SectionText(id="evidence", title="E", text=text)])
    merged, report = merge_contribution(joint, contribution, TODAY)
    assert [item.outcome for item in report.items] == ["duplicate"] and merged.section_contributions == []


def test_same_id_and_text_inside_one_contribution_is_added_once():
    joint = coalition_project()
    twice = EvidenceItem(id="ev-x", kind="statistic", claim="A figure.")
    contribution = Contribution(member=Member(id="org-casa", name="Casa Nuova"),
                                evidence=[twice, twice.model_copy(update={"id": "ev-y", "claim": "a   FIGURE."})])
    merged, report = merge_contribution(joint, contribution, TODAY)
    assert len(merged.evidence) == 4 and [i.outcome for i in report.items] == ["added", "duplicate"]


def test_a_member_never_overwrites_another_members_item_with_the_same_id():
    joint = coalition_project()
    joint.evidence[0] = joint.evidence[0].model_copy(update={"contributed_by": "org-union"})
    contribution = Contribution(member=Member(id="org-casa", name="Casa Nuova"), project_id=joint.id,
                                evidence=[EvidenceItem(id=joint.evidence[0].id, kind="statistic", claim="Casa's own, other figure.")])
    merged, report = merge_contribution(joint, contribution, TODAY)
    assert merged.evidence[0] == joint.evidence[0]
    added = merged.evidence[-1]
    assert report.items[0].outcome == "added" and added.contributed_by == "org-casa" and added.id != joint.evidence[0].id


def test_an_item_of_the_member_with_no_history_that_differs_is_kept_apart():
    joint = coalition_project()
    joint.evidence[1] = joint.evidence[1].model_copy(update={"contributed_by": "org-casa"})
    contribution = Contribution(member=Member(id="org-casa", name="Casa Nuova"), project_id=joint.id,
                                evidence=[joint.evidence[1].model_copy(update={"contributed_by": None, "claim": "215 workers reached."})])
    merged, report = merge_contribution(joint, contribution, TODAY)
    assert report.items[0].outcome == "conflict" and merged.evidence[1] == joint.evidence[1]
    assert merged.merge_conflicts[0].incoming["claim"] == "215 workers reached."


def test_a_contribution_written_for_another_coalition_project_is_refused():
    joint = coalition_project()
    other = Contribution(member=Member(id="org-casa", name="Casa Nuova"), project_id="prj-elsewhere", project_title="Report to CEDAW")
    with pytest.raises(ContributionRefused, match=r"^This contribution was written for another project \(Report to CEDAW\)[^\n]*\.$"):
        merge_contribution(joint, other, TODAY)


@pytest.mark.parametrize("member", [
    Member(id="org-union", name="Casa Nuova"),  # Casa's name with the union's id
    Member(id="org-casa", name="Someone Else"),  # Casa's id under another name
])
def test_a_member_id_that_does_not_match_its_sender_is_refused(member):
    joint = coalition_project()
    contribution = Contribution(member=member, evidence=[EvidenceItem(id="ev-z", kind="statistic", claim="Figure.")])
    with pytest.raises(ContributionRefused, match="carries the member id") as refused:
        merge_contribution(joint, contribution, TODAY)
    assert "\n" not in str(refused.value)


def test_from_the_joint_project_the_member_id_must_be_the_members_own():
    joint = coalition_project()
    contribution = Contribution(member=Member(id="org-casa2", name="Casa Nuova"), project_id=joint.id)
    with pytest.raises(ContributionRefused, match="carries the member id 'org-casa2'"):
        merge_contribution(joint, contribution, TODAY)


def test_contribution_from_a_joint_copy_names_the_project():
    joint = coalition_project()
    contribution = contribution_from(joint, "org-casa")
    assert (contribution.project_id, contribution.project_title) == (joint.id, joint.title)
    own = contribution_from(joint.model_copy(update={"members": [joint.members[0]]}))
    assert own.project_id is None  # the member's own project: good for any coalition


def test_the_command_line_refuses_in_one_line_and_writes_nothing(tmp_path, capsys):
    from shadowreport import cli
    from shadowreport.project.exchange import write_contribution_file, write_project_file

    joint, contribution = tmp_path / "joint.yml", tmp_path / "c.yml"
    write_project_file(coalition_project(), joint)
    write_contribution_file(Contribution(member=Member(id="org-union", name="Casa Nuova")), contribution)
    before = joint.read_bytes()
    assert cli.main(["project", "merge", str(joint), str(contribution), "-o", str(joint)]) == 2
    error = capsys.readouterr().err.strip()
    assert "carries the member id 'org-union'" in error and "\n" not in error
    assert joint.read_bytes() == before


def test_blank_recommendations_are_not_duplicates_of_each_other():
    from shadowreport.project.model import Recommendation

    joint = coalition_project().model_copy(update={"recommendations": [Recommendation(id="rec-blank")]})
    contribution = Contribution(member=Member(id="org-casa", name="Casa Nuova"), recommendations=[Recommendation(id="rec-mine")])
    merged, report = merge_contribution(joint, contribution, TODAY)
    assert [item.outcome for item in report.items] == ["added"] and len(merged.recommendations) == 2
