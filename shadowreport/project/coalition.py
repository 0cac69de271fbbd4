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

    conflicts = _Conflicts.of(project.merge_conflicts)
    evidence = _Items.of(project.evidence)
    evidence_ids: dict[str, str] = {}  # the member's evidence id -> the joint project's id
    for item in contribution.evidence:
        local_id = _merge_item(conflicts, "evidence", evidence, item, member.id, today, report)
        evidence_ids[item.id] = local_id
    recommendations = _Items.of(project.recommendations)
    for item in contribution.recommendations:
        linked = [evidence_ids[e] for e in item.evidence_ids if e in evidence_ids]  # links outside the contribution are dropped
        _merge_item(conflicts, "recommendation", recommendations, item.model_copy(update={"evidence_ids": linked}), member.id, today, report)
    parts = _Items.of(project.section_contributions)
    for section in contribution.sections:
        part = SectionContribution(id=section.id, section_id=section.id, member=member.id, text=section.text)
        _merge_item(conflicts, "section-contribution", parts, part, member.id, today, report)

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


@dataclass
class _Items:
    """One of the joint project's item lists, with lookups kept beside it so that merging n items
    takes time in proportion to n (a scan per item took five minutes for 30,000)."""

    items: list
    ids: set[str]
    by_origin: dict[tuple[str, str], int]  # (member, the member's item id) -> position of the first such item

    @classmethod
    def of(cls, items: list) -> "_Items":
        indexed = cls(items, set(), {})
        for position, item in enumerate(items):
            indexed._note(item, position)
        return indexed

    def _note(self, item, position: int) -> None:
        self.ids.add(item.id)
        if item.origin:
            self.by_origin.setdefault((item.origin.member, item.origin.item_id), position)

    def append(self, item) -> None:
        self._note(item, len(self.items))
        self.items.append(item)

    def replace(self, position: int, item) -> None:
        # Callers keep the id and the origin's member and item id, so the lookups stay true.
        self.items[position] = item


@dataclass
class _Conflicts:
    """The project's merge conflicts, by local id, so that a repeated conflict is found at once."""

    conflicts: list[MergeConflict]
    by_local_id: dict[str, list[dict]]

    @classmethod
    def of(cls, conflicts: list[MergeConflict]) -> "_Conflicts":
        by_local_id: dict[str, list[dict]] = {}
        for conflict in conflicts:
            by_local_id.setdefault(conflict.local_id, []).append(conflict.incoming)
        return cls(conflicts, by_local_id)

    def add_once(self, conflict: MergeConflict) -> None:
        known = self.by_local_id.setdefault(conflict.local_id, [])
        if conflict.incoming not in known:
            known.append(conflict.incoming)
            self.conflicts.append(conflict)


def _merge_item(conflicts: _Conflicts, item_type: ItemType, items: _Items, incoming: EvidenceItem | Recommendation | SectionContribution,
                member_id: str, today: dt.date, report: MergeReport) -> str:
    incoming_hash = content_hash(incoming)
    position = items.by_origin.get((member_id, incoming.id))
    label = f"{item_type} {incoming.id}"
    if position is None:
        local_id = incoming.id if incoming.id not in items.ids else new_id(incoming.id.split("-")[0] or "item")
        items.append(incoming.model_copy(update={"id": local_id, **_attribution(item_type, member_id, incoming.id, incoming)}))
        report.added.append(label)
        return local_id
    local = items.items[position]
    local_hash = content_hash(local)
    if incoming_hash == local.origin.content_hash or incoming_hash == local_hash:
        if incoming_hash == local_hash and incoming_hash != local.origin.content_hash:
            items.replace(position, local.model_copy(update=_attribution(item_type, member_id, incoming.id, local)))
        report.unchanged.append(label)
    elif local_hash == local.origin.content_hash:
        items.replace(position, incoming.model_copy(update={"id": local.id, **_attribution(item_type, member_id, incoming.id, incoming)}))
        report.updated.append(label)
    else:
        payload = incoming.model_dump(mode="json", exclude={"id", "origin", "contributed_by"})
        conflicts.add_once(MergeConflict(item_type=item_type, local_id=local.id, member=member_id, incoming=payload, found_on=today))
        report.conflicts.append(label)
    return local.id
