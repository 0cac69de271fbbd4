"""Coalition work: a member exports its contribution; the coordinator merges it into the joint report.

Every merged item remembers where it came from (member and the member's own id) and what it said
then, so importing the same file again adds nothing, a member's revision updates the item, and an
item both sides changed is kept apart as a conflict for a person to decide. Nothing is overwritten
silently, and nothing is lost.

An incoming item is matched, in this order, by its history (merged before from this member), by
its id (an item of this member's already in the report, e.g. typed in by the coordinator), and by
its text (the same claim, recommendation or section text, whoever holds it): a match is never added
twice. Only the member's own items can change; another member's item is at most recognised.
A contribution written for another coalition project, or whose member id belongs to someone else,
is refused whole (``ContributionRefused``, one sentence) before anything is merged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from ..recommendation_text import compose
from .exchange import Contribution
from .model import EvidenceItem, Member, MergeConflict, Origin, Project, Recommendation, SectionContribution, content_hash, new_id

ItemType = Literal["evidence", "recommendation", "section-contribution"]
Outcome = Literal["added", "updated", "unchanged", "duplicate", "conflict"]


class ContributionRefused(ValueError):
    """A contribution that must not be merged at all; the message is one sentence for the user."""


@dataclass(frozen=True)
class MergedItem:
    """What the merge did with one incoming item, in words the review can show."""

    item_type: ItemType
    incoming_id: str
    outcome: Outcome
    said: EvidenceItem | Recommendation | SectionContribution  # the item as the contribution says it
    local_id: str  # the joint project's item it became, updated, matched or conflicts with
    local: EvidenceItem | Recommendation | SectionContribution | None = None  # the joint project's item it was matched with
    held_by: str = ""  # for a duplicate: whose item (or which section) already says it

    # Worded only when shown: composing 15,000 recommendation sentences was a third of a large merge.
    @property
    def text(self) -> str:
        """What the contribution says."""
        return _main_text(self.said)

    @property
    def before(self) -> str:
        """What the report says, when it is not the same."""
        before = _main_text(self.local) if self.local is not None else ""
        return before if before != self.text else ""


@dataclass
class MergeReport:
    member: str
    new_member: bool = False
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    items: list[MergedItem] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated", f"{len(self.unchanged)} unchanged"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the report (not added again)")
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} in conflict (kept apart: choose which version to keep)")
        return f"From {self.member}: " + ", ".join(parts) + "."

    def note(self, item: MergedItem) -> None:
        label = f"{item.item_type} {item.incoming_id}"
        {"added": self.added, "updated": self.updated, "unchanged": self.unchanged, "duplicate": self.duplicates,
         "conflict": self.conflicts}[item.outcome].append(label)
        self.items.append(item)


def contribution_from(project: Project, member_id: str | None = None) -> Contribution:
    """A member's contribution: its items in its own project (all of them when it is the only member).

    From a copy of a coalition project the file names that project, so it can only be merged back
    into it; from a member's own single-organisation project it may go to any coalition."""
    member = project.member(member_id) if member_id else project.coordinator
    if member is None:
        raise KeyError(f"no member '{member_id}' in this project")

    def mine(item_member: str | None) -> bool:
        # Unattributed items belong to the coordinator (or to the only organisation).
        return item_member == member.id or (item_member is None and member.id == project.coordinator.id)

    return Contribution(
        member=member.model_copy(update={"role": "member", "sign_off": "pending", "signed_on": None}),
        project_id=project.id if project.joint else None,
        project_title=project.title if project.joint else "",
        evidence=[e.model_copy(update={"origin": None, "contributed_by": None}) for e in project.evidence if mine(e.contributed_by)],
        sections=[s for s in project.sections if s.text.strip()] if not project.joint or member.role == "coordinator" else [],
        recommendations=[r.model_copy(update={"origin": None, "contributed_by": None}) for r in project.recommendations if mine(r.contributed_by)],
    )


def merge_contribution(joint: Project, contribution: Contribution, today: dt.date | None = None) -> tuple[Project, MergeReport]:
    """The joint project with the contribution merged in, and what happened to each item.

    Pure: ``joint`` is not changed, so calling it first shows the review of a merge exactly as it
    will happen. Raises ``ContributionRefused`` for a file that must not be merged."""
    today = today or dt.date.today()
    project = joint.model_copy(deep=True)
    member, is_new = _match_member(project, contribution)
    report = MergeReport(member=member.name, new_member=is_new)
    owner = _Owner(project)

    conflicts = _Conflicts.of(project.merge_conflicts)
    evidence = _Items.of(project.evidence, owner)
    # The member's evidence id -> the joint project's id. Written in a copy of this project, a
    # recommendation may also cite evidence already in it; from elsewhere, other ids mean nothing here.
    evidence_ids = {e.id: e.id for e in project.evidence} if contribution.project_id == project.id else {}
    for item in contribution.evidence:
        evidence_ids[item.id] = _merge_item(conflicts, "evidence", evidence, item, member.id, today, report)
    recommendations = _Items.of(project.recommendations, owner)
    for item in contribution.recommendations:
        linked = [evidence_ids[e] for e in item.evidence_ids if e in evidence_ids]  # links outside the contribution are dropped
        _merge_item(conflicts, "recommendation", recommendations, item.model_copy(update={"evidence_ids": linked}), member.id, today, report)
    parts = _Items.of(project.section_contributions, owner, woven={s.id: _normalised(s.text) for s in project.sections})
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


def _match_member(project: Project, contribution: Contribution) -> tuple[Member, bool]:
    """The member who sent the contribution, or a new one; refused when the file does not fit this project."""
    incoming = contribution.member
    if contribution.project_id is not None and contribution.project_id != project.id:
        raise ContributionRefused(
            f"This contribution was written for another project ({contribution.project_title or contribution.project_id}), "
            f"not for {project.title}: ask {incoming.name} to export it from their copy of this project.")
    by_id = project.member(incoming.id)
    by_name = next((m for m in project.members if _same_name(m.name, incoming.name)), None)
    if by_id is not None and by_id is by_name:
        return by_id, False
    if by_id is not None:
        raise ContributionRefused(
            f"This contribution is signed by {incoming.name} but carries the member id '{incoming.id}' of {by_id.name}: "
            f"it is refused so that one member's file never changes another member's items.")
    if by_name is not None and contribution.project_id is not None:
        # Written in a copy of this very project, the sender's id can only be its own.
        raise ContributionRefused(
            f"This contribution is signed by {incoming.name} but carries the member id '{incoming.id}', "
            f"not {by_name.name}'s id in this project ('{by_name.id}'): ask them to export it again from this project.")
    if by_name is not None:
        return by_name, False  # written in the member's own project, where its id is its own
    taken = {m.id for m in project.members}
    member = incoming.model_copy(update={"role": "member", "sign_off": "pending", "signed_on": None,
                                         "id": incoming.id if incoming.id not in taken else new_id("org")})
    project.members.append(member)
    return member, True


def _same_name(one: str, other: str) -> bool:
    return one.strip().casefold() == other.strip().casefold()


def _items(project: Project, item_type: ItemType) -> list:
    return {"evidence": project.evidence, "recommendation": project.recommendations, "section-contribution": project.section_contributions}[item_type]


def _attribution(item_type: ItemType, member_id: str, origin_id: str, item, item_hash: str | None = None) -> dict:
    update = {"origin": Origin(member=member_id, item_id=origin_id, content_hash=item_hash or content_hash(item))}
    if item_type == "section-contribution":
        update["member"] = member_id
    else:
        update["contributed_by"] = member_id
    return update


def _normalised(text: str) -> str:
    """Text as compared for duplicates: case and spacing do not make two items different."""
    return " ".join(text.split()).casefold()


def _text_key(item: EvidenceItem | Recommendation | SectionContribution) -> str:
    """What an item says, for finding the same thing said twice; empty for an item that says nothing yet
    (a blank recommendation is not a duplicate of another blank one)."""
    if isinstance(item, Recommendation):
        return _normalised(item.text or f"{item.addressee} {item.verb} {item.object}")
    return _normalised(_main_text(item))


def _main_text(item: EvidenceItem | Recommendation | SectionContribution) -> str:
    """What an item says, as a reader would quote it: the claim, the recommendation, the section text."""
    if isinstance(item, EvidenceItem):
        return item.claim
    if isinstance(item, Recommendation):
        return compose(item)
    return item.text


@dataclass
class _Owner:
    """Who holds an item in the joint project: its member, or the coordinator when it says no one."""

    project: Project

    def of(self, item) -> str:
        held = item.member if isinstance(item, SectionContribution) else item.contributed_by
        return held or self.project.coordinator.id

    def name(self, item) -> str:
        member = self.project.member(self.of(item))
        return member.name if member else self.of(item)


@dataclass
class _Items:
    """One of the joint project's item lists, with lookups kept beside it so that merging n items
    takes time in proportion to n (a scan per item took five minutes for 30,000)."""

    items: list
    owner: _Owner
    by_id: dict[str, int]
    by_origin: dict[tuple[str, str], int]  # (member, the member's item id) -> position of the first such item
    by_text: dict[str, int]  # normalised main text -> position of the first item saying it
    woven: dict[str, str]  # section id -> its normalised text in the report (for section contributions)

    @classmethod
    def of(cls, items: list, owner: _Owner, woven: dict[str, str] | None = None) -> _Items:
        indexed = cls(items, owner, {}, {}, {}, woven or {})
        for position, item in enumerate(items):
            indexed._note(item, position)
        return indexed

    def _note(self, item, position: int) -> None:
        self.by_id.setdefault(item.id, position)
        if item.origin:
            self.by_origin.setdefault((item.origin.member, item.origin.item_id), position)
        key = _text_key(item)
        if key:
            self.by_text.setdefault(key, position)

    def append(self, item) -> None:
        self._note(item, len(self.items))
        self.items.append(item)

    def replace(self, position: int, item) -> None:
        # Callers keep the id and the origin's member and item id, so those lookups stay true.
        old_key = _text_key(self.items[position])
        if self.by_text.get(old_key) == position:
            del self.by_text[old_key]
        self.items[position] = item
        self._note(item, position)

    def same_item(self, incoming, member_id: str) -> int | None:
        """The position of the item this one is a later version of: merged before, or the member's own with its id."""
        position = self.by_origin.get((member_id, incoming.id))
        if position is None:
            position = self.by_id.get(incoming.id)
            if position is not None and (self.items[position].origin is not None or self.owner.of(self.items[position]) != member_id):
                position = None  # the same id on someone else's item, or on one merged from elsewhere: a different item
        return position

    def saying(self, incoming) -> tuple[int | None, str]:
        """An item (position) or a section of the report (its id) that already says what ``incoming`` says."""
        key = _text_key(incoming)
        if not key:
            return None, ""
        if key in self.by_text:
            return self.by_text[key], ""
        if isinstance(incoming, SectionContribution) and key in self.woven.get(incoming.section_id, ""):
            return None, incoming.section_id
        return None, ""


@dataclass
class _Conflicts:
    """The project's merge conflicts, by local id, so that a repeated conflict is found at once."""

    conflicts: list[MergeConflict]
    by_local_id: dict[str, list[dict]]

    @classmethod
    def of(cls, conflicts: list[MergeConflict]) -> _Conflicts:
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
    """Merge one item; the joint project's id it now corresponds to (for evidence links)."""
    incoming_hash = content_hash(incoming)
    position = items.same_item(incoming, member_id)
    if position is None:
        return _merge_new(item_type, items, incoming, incoming_hash, member_id, report)
    local = items.items[position]
    local_hash = content_hash(local)
    # Without a history (typed in by the coordinator), what the member last sent is unknown: only
    # an identical item counts as unchanged, and any difference is for a person to decide.
    said_hash = local.origin.content_hash if local.origin else local_hash
    outcome: Outcome
    if incoming_hash == said_hash or incoming_hash == local_hash:
        if incoming_hash == local_hash and (local.origin is None or incoming_hash != said_hash):
            items.replace(position, local.model_copy(update=_attribution(item_type, member_id, incoming.id, local, local_hash)))
        outcome = "unchanged"
    elif local_hash == said_hash and local.origin is not None:
        items.replace(position, incoming.model_copy(update={"id": local.id, **_attribution(item_type, member_id, incoming.id, incoming, incoming_hash)}))
        outcome = "updated"
    else:
        payload = incoming.model_dump(mode="json", exclude={"id", "origin", "contributed_by"})
        conflicts.add_once(MergeConflict(item_type=item_type, local_id=local.id, member=member_id, incoming=payload, found_on=today))
        outcome = "conflict"
    report.note(MergedItem(item_type, incoming.id, outcome, incoming, local.id, local))
    return local.id


def _merge_new(item_type: ItemType, items: _Items, incoming, incoming_hash: str, member_id: str, report: MergeReport) -> str:
    """An item with no earlier version: a duplicate of what the report already says, or added."""
    position, section_id = items.saying(incoming)
    if position is not None:
        holder = items.items[position]
        if holder.origin is None and items.owner.of(holder) == member_id and content_hash(holder) == incoming_hash:
            # The member's own item, word for word: remember it, so the member's next revision updates it.
            items.replace(position, holder.model_copy(update=_attribution(item_type, member_id, incoming.id, holder, incoming_hash)))
        report.note(MergedItem(item_type, incoming.id, "duplicate", incoming, holder.id, holder,
                               held_by=items.owner.name(holder)))
        return holder.id
    if section_id:
        report.note(MergedItem(item_type, incoming.id, "duplicate", incoming, section_id, held_by=f"the section '{section_id}'"))
        return section_id
    local_id = incoming.id if incoming.id not in items.by_id else new_id(incoming.id.split("-")[0] or "item")
    items.append(incoming.model_copy(update={"id": local_id, **_attribution(item_type, member_id, incoming.id, incoming, incoming_hash)}))
    report.note(MergedItem(item_type, incoming.id, "added", incoming, local_id))
    return local_id
