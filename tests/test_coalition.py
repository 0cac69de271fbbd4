"""Coalition merge: attribution, no duplicates on re-import, revisions taken, conflicts kept apart."""

from __future__ import annotations


from shadowreport.project.coalition import contribution_from, merge_contribution, resolve_conflict
from shadowreport.project.exchange import Contribution
from shadowreport.project.model import Citation, EvidenceItem, Member, Project, Recommendation, SectionText, Timeframe

from .factories import TODAY



def joint_project() -> Project:
    return Project(
        id="prj-greta-joint", title="Joint NGO report to GRETA", mechanism="greta", kind="ngo-report", state="Austria",
        members=[Member(id="org-coord", name="Plattform gegen Ausbeutung", role="coordinator")],
        sections=[SectionText(id="vulnerabilities", title="Vulnerabilities to trafficking", text="")],
    )


def member_contribution() -> Contribution:
    return Contribution(
        member=Member(id="org-shelter", name="Frauenhaus Nord", role="coordinator", contact="office@example.org"),
        evidence=[
            EvidenceItem(id="ev-1", kind="statistic", claim="41 women were referred to our shelter in 2025.",
                         source=Citation(citation="Frauenhaus Nord, annual report 2025")),
            EvidenceItem(id="ev-2", kind="official-finding", claim="The ombudsperson found delays in residence permits.",
                         source=Citation(citation="Ombudsperson report 2025")),
        ],
        sections=[SectionText(id="vulnerabilities", title="Vulnerabilities", text="Women recruited online for care work.")],
        recommendations=[Recommendation(id="rec-1", addressee="the Federal Ministry of the Interior", verb="issue",
                                        object="residence permits within 30 days of identification", timeframe=Timeframe(term="short"),
                                        evidence_ids=["ev-2"])],
    )


def test_first_import_adds_everything_with_attribution():
    merged, report = merge_contribution(joint_project(), member_contribution(), TODAY)
    assert report.new_member and report.member == "Frauenhaus Nord"
    assert len(report.added) == 4 and not report.updated and not report.conflicts
    shelter = next(m for m in merged.members if m.name == "Frauenhaus Nord")
    assert (shelter.role, shelter.sign_off) == ("member", "pending")  # the coordinator stays the coordinator
    assert merged.coordinator.id == "org-coord"
    assert {e.contributed_by for e in merged.evidence} == {shelter.id}
    assert merged.recommendations[0].evidence_ids == ["ev-2"] and merged.recommendations[0].contributed_by == shelter.id
    assert merged.section_contributions[0].text == "Women recruited online for care work."
    assert merged.joint


def test_reimport_adds_no_duplicates():
    once, _ = merge_contribution(joint_project(), member_contribution(), TODAY)
    twice, report = merge_contribution(once, member_contribution(), TODAY)
    assert twice == once
    assert len(report.unchanged) == 4 and not report.added and not report.new_member


def test_members_revision_updates_an_item_the_coordinator_left_alone():
    once, _ = merge_contribution(joint_project(), member_contribution(), TODAY)
    revised = member_contribution()
    revised.evidence[0] = revised.evidence[0].model_copy(update={"claim": "43 women were referred to our shelter in 2025."})
    merged, report = merge_contribution(once, revised, TODAY)
    assert report.updated == ["evidence ev-1"]
    assert merged.evidence_item("ev-1").claim.startswith("43 women")
    assert len(merged.evidence) == 2


def test_both_sides_changed_is_a_conflict_kept_apart_not_overwritten():
    once, _ = merge_contribution(joint_project(), member_contribution(), TODAY)
    once.evidence[0] = once.evidence[0].model_copy(update={"claim": "Coordinator's wording: 41 women in 2025."})
    revised = member_contribution()
    revised.evidence[0] = revised.evidence[0].model_copy(update={"claim": "43 women were referred to our shelter in 2025."})
    merged, report = merge_contribution(once, revised, TODAY)
    assert report.conflicts == ["evidence ev-1"]
    assert merged.evidence_item("ev-1").claim == "Coordinator's wording: 41 women in 2025."
    assert merged.merge_conflicts[0].incoming["claim"].startswith("43 women")
    again, _ = merge_contribution(merged, revised, TODAY)
    assert len(again.merge_conflicts) == 1  # the same conflict is not recorded twice

    kept_local = resolve_conflict(merged, 0, "local")
    assert kept_local.merge_conflicts == [] and kept_local.evidence_item("ev-1").claim.startswith("Coordinator's")
    took_theirs = resolve_conflict(merged, 0, "incoming")
    assert took_theirs.evidence_item("ev-1").claim.startswith("43 women")
    assert took_theirs.evidence_item("ev-1").contributed_by == kept_local.evidence_item("ev-1").contributed_by
    _, after = merge_contribution(took_theirs, revised, TODAY)
    assert after.unchanged and not after.conflicts


def test_two_members_with_the_same_item_ids_do_not_collide():
    first, _ = merge_contribution(joint_project(), member_contribution(), TODAY)
    theirs = member_contribution()
    other = theirs.model_copy(update={
        "member": Member(id="org-union", name="Union of Care Workers"),  # the same ids as the shelter's, other texts
        "evidence": [e.model_copy(update={"claim": e.claim + " (union)"}) for e in theirs.evidence],
        "sections": [s.model_copy(update={"text": s.text + " (union)"}) for s in theirs.sections],
        "recommendations": [r.model_copy(update={"object": r.object + " (union)"}) for r in theirs.recommendations]})
    merged, report = merge_contribution(first, other, TODAY)
    assert len(report.added) == 4
    assert len(merged.evidence) == 4 and len({e.id for e in merged.evidence}) == 4
    union_rec = next(r for r in merged.recommendations if r.contributed_by == "org-union")
    union_evidence = {e.id for e in merged.evidence if e.contributed_by == "org-union"}
    assert set(union_rec.evidence_ids) <= union_evidence  # links follow the renamed ids


def test_member_matched_by_name_keeps_its_place():
    project = joint_project()
    project.members.append(Member(id="org-fhn", name="FRAUENHAUS NORD", role="member"))
    merged, report = merge_contribution(Project.model_validate(project.model_dump()), member_contribution(), TODAY)
    assert not report.new_member and {e.contributed_by for e in merged.evidence} == {"org-fhn"}


def test_contribution_from_an_individual_project_takes_its_work():
    merged, _ = merge_contribution(joint_project(), member_contribution(), TODAY)
    assert contribution_from(merged, "org-coord").evidence == []  # the merged items are the shelter's
    assert [e.claim for e in contribution_from(merged, merged.members[1].id).evidence] == [e.claim for e in member_contribution().evidence]
    from .factories import upr_project

    own = contribution_from(upr_project())
    assert own.member.name == "Strada Aperta" and len(own.evidence) == 3 and len(own.recommendations) == 1
