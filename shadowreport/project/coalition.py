"""Coalition work: a member exports its contribution; the coordinator merges it into the joint report.

Every merged item remembers where it came from (member and the member's own id) and what it said
then, so importing the same file again adds nothing, a member's revision updates the item, and an
item both sides changed is kept apart as a conflict for a person to decide. Nothing is overwritten
silently, and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from .exchange import Contribution
from .model import EvidenceItem, Member, MergeConflict, Origin, Project, Recommendation, SectionContribution, content_hash, new_id

ItemType = Literal["evidence", "recommendation", "section-contribution"]


@dataclass
class MergeReport:
    member: str
    new_member: bool = False
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated", f"{len(self.unchanged)} unchanged"]
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} in conflict (kept apart: choose which version to keep)")
        return f"From {self.member}: " + ", ".join(parts) + "."


def contribution_from(project: Project, member_id: str | None = None) -> Contribution:
    """A member's contribution: its items in its own project (all of them when it is the only member)."""
    member = project.member(member_id) if member_id else project.coordinator
    if member is None:
        raise KeyError(f"no member '{member_id}' in this project")

    def mine(item_member: str | None) -> bool:
        # Unattributed items belong to the coordinator (or to the only organisation).
        return item_member == member.id or (item_member is None and member.id == project.coordinator.id)

    return Contribution(
        member=member.model_copy(update={"role": "member", "sign_off": "pending", "signed_on": None}),
        evidence=[e.model_copy(update={"origin": None, "contributed_by": None}) for e in project.evidence if mine(e.contributed_by)],
        sections=[s for s in project.sections if s.text.strip()] if not project.joint or member.role == "coordinator" else [],
        recommendations=[r.model_copy(update={"origin": None, "contributed_by": None}) for r in project.recommendations if mine(r.contributed_by)],
    )


def merge_contribution(joint: Project, contribution: Contribution, today: dt.date | None = None) -> tuple[Project, MergeReport]:
    """The joint project with the contribution merged in, and what happened to each item."""
    today = today or dt.date.today()
    project = joint.model_copy(deep=True)
    member, is_new = _match_member(project, contribution.member)
    report = MergeReport(member=member.name, new_member=is_new)

    evidence_ids: dict[str, str] = {}  # the member's evidence id -> the joint project's id
    for item in contribution.evidence:
        local_id = _merge_item(project, "evidence", project.evidence, item, member.id, today, report)
        evidence_ids[item.id] = local_id
    for item in contribution.recommendations:
        linked = [evidence_ids[e] for e in item.evidence_ids if e in evidence_ids]  # links outside the contribution are dropped
        _merge_item(project, "recommendation", project.recommendations, item.model_copy(update={"evidence_ids": linked}), member.id, today, report)
    for section in contribution.sections:
        part = SectionContribution(id=section.id, section_id=section.id, member=member.id, text=section.text)
        _merge_item(project, "section-contribution", project.section_contributions, part, member.id, today, report)

    return Project.model_validate(project.model_dump()), report


def resolve_conflict(project: Project, index: int, keep: Literal["local", "incoming"]) -> Project:
    """Settle one conflict: keep the coordinator's version, or take the member's."""
    updated = project.model_copy(deep=True)
    conflict = updated.merge_conflicts.pop(index)
    if keep == "incoming":
        items = _items(updated, conflict.item_type)
        position = next(i for i, item in enumerate(items) if item.id == conflict.local_id)
        current = items[position]
        model = type(current)
        incoming = model.model_validate({**conflict.incoming, "id": current.id})
        items[position] = incoming.model_copy(update=_attribution(conflict.item_type, conflict.member, current.origin.item_id if current.origin else current.id, incoming))
    return Project.model_validate(updated.model_dump())


def _match_member(project: Project, incoming: Member) -> tuple[Member, bool]:
    for member in project.members:
        if member.id == incoming.id or member.name.strip().casefold() == incoming.name.strip().casefold():
            return member, False
    taken = {m.id for m in project.members}
    member = incoming.model_copy(update={"role": "member", "sign_off": "pending", "signed_on": None,
                                         "id": incoming.id if incoming.id not in taken else new_id("org")})
    project.members.append(member)
    return member, True


def _items(project: Project, item_type: ItemType) -> list:
    return {"evidence": project.evidence, "recommendation": project.recommendations, "section-contribution": project.section_contributions}[item_type]


def _attribution(item_type: ItemType, member_id: str, origin_id: str, item) -> dict:
    update = {"origin": Origin(member=member_id, item_id=origin_id, content_hash=content_hash(item))}
    if item_type == "section-contribution":
        update["member"] = member_id
    else:
        update["contributed_by"] = member_id
    return update


def _merge_item(project: Project, item_type: ItemType, items: list, incoming: EvidenceItem | Recommendation | SectionContribution,
                member_id: str, today: dt.date, report: MergeReport) -> str:
    incoming_hash = content_hash(incoming)
    local = next((i for i in items if i.origin and i.origin.member == member_id and i.origin.item_id == incoming.id), None)
    label = f"{item_type} {incoming.id}"
    if local is None:
        taken = {i.id for i in items}
        local_id = incoming.id if incoming.id not in taken else new_id(incoming.id.split("-")[0] or "item")
        items.append(incoming.model_copy(update={"id": local_id, **_attribution(item_type, member_id, incoming.id, incoming)}))
        report.added.append(label)
        return local_id
    local_hash = content_hash(local)
    if incoming_hash == local.origin.content_hash or incoming_hash == local_hash:
        if incoming_hash == local_hash and incoming_hash != local.origin.content_hash:
            items[items.index(local)] = local.model_copy(update=_attribution(item_type, member_id, incoming.id, local))
        report.unchanged.append(label)
    elif local_hash == local.origin.content_hash:
        position = items.index(local)
        items[position] = incoming.model_copy(update={"id": local.id, **_attribution(item_type, member_id, incoming.id, incoming)})
        report.updated.append(label)
    else:
        payload = incoming.model_dump(mode="json", exclude={"id", "origin", "contributed_by"})
        conflict = MergeConflict(item_type=item_type, local_id=local.id, member=member_id, incoming=payload, found_on=today)
        if not any(c.local_id == local.id and c.incoming == payload for c in project.merge_conflicts):
            project.merge_conflicts.append(conflict)
        report.conflicts.append(label)
    return local.id
