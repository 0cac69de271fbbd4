"""Projects at scale: 100,000 recommendations and a merge of 30,000 items finish (they took minutes
when validation counted ids with list.count and the merge scanned every item for each one), and
the faster code answers exactly as the simple one did. Speed figures live in bench/projects.py."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from pydantic import ValidationError

from bench.projects import large_contribution, many_recommendations
from shadowreport.project import coalition
from shadowreport.project.coalition import MergeReport, merge_contribution
from shadowreport.project.exchange import Contribution
from shadowreport.project.model import (EvidenceItem, Member, MergeConflict, Origin, Project, Recommendation, SectionText,
                                        content_hash)

from .factories import TODAY



@pytest.mark.timeout(120)  # catches the quadratic validation (minutes), not a speed goal
def test_a_project_of_100000_recommendations_is_validated():
    project = Project.model_validate(many_recommendations(100_000))
    assert len(project.recommendations) == 100_000 and project.recommendations[-1].id == "rec-99999"


@pytest.mark.timeout(120)  # catches the quadratic merge (five minutes), not a speed goal
def test_a_merge_of_30000_items_finishes_and_adds_them_all():
    joint = Project(id="prj-joint", title="Joint", mechanism="greta", kind="ngo-report", members=[Member(id="org-coord", name="Coordinator")])
    merged, report = merge_contribution(joint, large_contribution(30_000), TODAY)
    assert len(report.added) == 30_000 and len(merged.evidence) == len(merged.recommendations) == 15_000
    assert merged.recommendations[-1].evidence_ids == ["ev-14999"]


@pytest.mark.parametrize(("field", "label", "make"), [
    ("members", "member", lambda i: {"id": i, "name": i, "role": "member"}),
    ("evidence", "evidence", lambda i: {"id": i, "kind": "statistic", "claim": "x"}),
    ("recommendations", "recommendation", lambda i: {"id": i}),
    ("sections", "section", lambda i: {"id": i, "title": "T"}),
])
def test_repeated_ids_among_thousands_are_still_reported_first_in_order(field: str, label: str, make):
    data = many_recommendations(10) if field != "recommendations" else many_recommendations(0)
    items = [make(f"id-{n:05}") for n in range(5_000)] + [make("id-04000"), make("id-00300"), make("id-04000")]
    if field == "members":
        items[0]["role"] = "coordinator"
        data["members"] = []
    data[field] = data.get(field, []) + items
    with pytest.raises(ValidationError, match=f"{label} id 'id-00300' is used twice"):
        Project.model_validate(data)


# --- the merge answers as the item-by-item scan did ------------------------------------------------

def _scan_merge_item(project, item_type, items, incoming, member_id, today, report) -> str:
    """The merge step as it was before lookups were kept beside the lists: the reference answer."""
    incoming_hash = content_hash(incoming)
    local = next((i for i in items if i.origin and i.origin.member == member_id and i.origin.item_id == incoming.id), None)
    label = f"{item_type} {incoming.id}"
    if local is None:
        taken = {i.id for i in items}
        local_id = incoming.id if incoming.id not in taken else coalition.new_id(incoming.id.split("-")[0] or "item")
        items.append(incoming.model_copy(update={"id": local_id, **coalition._attribution(item_type, member_id, incoming.id, incoming)}))
        report.added.append(label)
        return local_id
    local_hash = content_hash(local)
    if incoming_hash == local.origin.content_hash or incoming_hash == local_hash:
        if incoming_hash == local_hash and incoming_hash != local.origin.content_hash:
            items[items.index(local)] = local.model_copy(update=coalition._attribution(item_type, member_id, incoming.id, local))
        report.unchanged.append(label)
    elif local_hash == local.origin.content_hash:
        items[items.index(local)] = incoming.model_copy(update={"id": local.id, **coalition._attribution(item_type, member_id, incoming.id, incoming)})
        report.updated.append(label)
    else:
        payload = incoming.model_dump(mode="json", exclude={"id", "origin", "contributed_by"})
        conflict = MergeConflict(item_type=item_type, local_id=local.id, member=member_id, incoming=payload, found_on=today)
        if not any(c.local_id == local.id and c.incoming == payload for c in project.merge_conflicts):
            project.merge_conflicts.append(conflict)
        report.conflicts.append(label)
    return local.id


def _scan_merge(joint: Project, contribution: Contribution, today: dt.date) -> tuple[Project, MergeReport]:
    project = joint.model_copy(deep=True)
    member, is_new = coalition._match_member(project, contribution)
    report = MergeReport(member=member.name, new_member=is_new)
    evidence_ids = {}
    for item in contribution.evidence:
        evidence_ids[item.id] = _scan_merge_item(project, "evidence", project.evidence, item, member.id, today, report)
    for item in contribution.recommendations:
        linked = [evidence_ids[e] for e in item.evidence_ids if e in evidence_ids]
        _scan_merge_item(project, "recommendation", project.recommendations, item.model_copy(update={"evidence_ids": linked}), member.id, today, report)
    for section in contribution.sections:
        part = coalition.SectionContribution(id=section.id, section_id=section.id, member=member.id, text=section.text)
        _scan_merge_item(project, "section-contribution", project.section_contributions, part, member.id, today, report)
    return Project.model_validate(project.model_dump()), report


def _evidence(item_id: str, claim: str, origin: tuple[str, str] | None = None, origin_claim: str | None = None) -> EvidenceItem:
    item = EvidenceItem(id=item_id, kind="statistic", claim=claim)
    if origin:
        said = EvidenceItem(id=origin[1], kind="statistic", claim=origin_claim or claim)
        item = item.model_copy(update={"origin": Origin(member=origin[0], item_id=origin[1], content_hash=content_hash(said)),
                                       "contributed_by": origin[0]})
    return item


def _tangled_joint_and_contribution() -> tuple[Project, Contribution]:
    """Every path of the merge at once: new, unchanged, updated, re-attributed, conflicting (once and
    again), ids taken by others, an id repeated in the contribution, and a repeated origin."""
    joint = Project(
        id="prj-joint", title="Joint", mechanism="greta", kind="ngo-report",
        members=[Member(id="org-coord", name="Coordinator"), Member(id="org-m", name="Member", role="member"), Member(id="org-o", name="Other", role="member")],
        evidence=[
            _evidence("ev-same", "Unchanged.", ("org-m", "ev-same")),
            _evidence("ev-upd", "Old text.", ("org-m", "ev-upd")),
            _evidence("ev-both", "Coordinator edited.", ("org-m", "ev-both"), origin_claim="Original."),
            _evidence("ev-again", "Coordinator edited.", ("org-m", "ev-again"), origin_claim="Original."),
            _evidence("ev-taken", "Another member's.", ("org-o", "ev-taken")),
            _evidence("ev-reatt", "Now agreed.", ("org-m", "ev-reatt"), origin_claim="Before."),
            _evidence("ev-twice", "First holder.", ("org-m", "ev-twice")),
            _evidence("ev-twice-copy", "Second holder.", ("org-m", "ev-twice")),
        ],
        sections=[SectionText(id="intro", title="Introduction")],
    )
    conflict_payload = EvidenceItem(id="x", kind="statistic", claim="Member's second version.").model_dump(mode="json", exclude={"id", "origin", "contributed_by"})
    joint.merge_conflicts.append(MergeConflict(item_type="evidence", local_id="ev-again", member="org-m", incoming=conflict_payload, found_on=TODAY))
    contribution = Contribution(
        member=Member(id="org-m", name="Member"),
        evidence=[
            EvidenceItem(id="ev-same", kind="statistic", claim="Unchanged."),
            EvidenceItem(id="ev-upd", kind="statistic", claim="New text."),
            EvidenceItem(id="ev-both", kind="statistic", claim="Member edited."),
            EvidenceItem(id="ev-again", kind="statistic", claim="Member's second version."),
            EvidenceItem(id="ev-taken", kind="statistic", claim="Ours, same id as the other member's."),
            EvidenceItem(id="ev-reatt", kind="statistic", claim="Now agreed."),
            EvidenceItem(id="ev-twice", kind="statistic", claim="Second holder."),
            EvidenceItem(id="ev-new", kind="statistic", claim="New."),
            EvidenceItem(id="ev-dup", kind="statistic", claim="First of a repeated id."),
            EvidenceItem(id="ev-dup", kind="statistic", claim="Second of a repeated id."),
            EvidenceItem(id="ev-dup", kind="statistic", claim="First of a repeated id."),
        ],
        recommendations=[Recommendation(id="rec-1", object="do it", evidence_ids=["ev-new", "ev-taken", "ev-elsewhere"]),
                         Recommendation(id="ev-new", object="an id its evidence also uses")],
        sections=[SectionText(id="intro", title="Intro", text="Member's text."), SectionText(id="intro", title="Intro", text="Again.")],
    )
    return joint, contribution


def _outcomes(report: MergeReport) -> dict:
    """The report's lists the scan keeps too (no duplicates by text arise in the tangled case, and the
    scan does not describe each item for the review)."""
    return {name: value for name, value in vars(report).items() if name not in ("duplicates", "items")}


def test_merge_answers_exactly_as_the_item_by_item_scan(monkeypatch):
    joint, contribution = _tangled_joint_and_contribution()
    answers = []
    for merge in (_scan_merge, merge_contribution):
        counter = itertools.count()
        monkeypatch.setattr(coalition, "new_id", lambda prefix: f"{prefix}-new{next(counter)}")
        merged, report = merge(joint, contribution, TODAY)
        answers.append((merged.model_dump(exclude={"created_at"}), _outcomes(report)))
        merged_again, report_again = merge(merged, contribution, TODAY)
        answers.append((merged_again.model_dump(exclude={"created_at"}), _outcomes(report_again)))
    scanned, scanned_again, indexed, indexed_again = answers
    assert indexed == scanned and indexed_again == scanned_again
    report = indexed[1]
    assert report["added"] and report["updated"] and report["unchanged"] and report["conflicts"]  # every path was taken
    assert len(indexed[0]["merge_conflicts"]) == 2  # the repeated conflict was not added twice
