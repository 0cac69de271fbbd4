"""The coalition service: every request of a logged-in user, and the one place that says who may do what.

Public API (``user`` is the ``accounts.User`` that ``user_for(token)`` returned; every refusal is
``NotAllowed`` with one sentence, a section edited by someone else meanwhile is ``SectionConflict``
from the store, a project saved meanwhile ``store.ConflictError``)::

    coalition = Coalition(url_or_engine)            # brings the schema to the newest revision first; one per
                                                    # process is enough (thread-safe: the app may cache it)
    token = coalition.login(name, password)         # LoginFailed: wrong name/password, or too many tries
    coalition.user_for(token) -> User | None;  coalition.logout(token)

    coalition.create_project(user, project) -> str  # coordinator; their organisation coordinates it
    coalition.adopt(project_ids, organisation)      # the command line's restore --org: restored projects get a coordinator
    coalition.invite(user, project_id, organisation_name)
    coalition.assign(user, project_id, section_id, organisation_name)
    coalition.projects(user) -> list[Summary]       # the projects the user's organisation works on
    coalition.project_for(user, project_id) -> Project   # confidential evidence of others filtered out
    coalition.sections(user, project_id) -> list[SectionState]   # text + version read together; may_edit
    coalition.save_section(user, project_id, section_id, text, expected_version) -> new version
    coalition.save_evidence(user, project_id, item);  coalition.delete_evidence(user, project_id, evidence_id)
    coalition.comment(user, project_id, section_id, text) -> Comment;  comments(user, project_id, section_id=None)
    coalition.resolve_comment(user, comment_id)
    coalition.suggest(user, project_id, section_id, text) -> Suggestion;  suggestions(user, project_id, section_id=None)
    coalition.decide(user, suggestion_id, accept, expected_version=None) -> new section version | None
    coalition.merge(user, project_id, contribution) -> MergeReport
    coalition.lock(user, project_id, locked=True);  coalition.is_locked(user, project_id) -> bool
    coalition.export(user, project_id) -> Project   # the whole project, for the coordinator's export
    coalition.signoff_status(user, project_id) -> SignOffStatus   # current snapshot hash + each organisation
    coalition.sign_off(user, project_id, snapshot_hash, organisation_id=None, on_behalf=False) -> SignOff
    coalition.audit(user, project_id) -> list[AuditEntry]   # coordinator

Who may do what (``role_in``): a user's organisation must work on the project. The coordinator (a
user with the coordinator role whose organisation coordinates this project) creates, invites,
assigns, merges, locks, exports, decides suggestions, reads the audit log, edits anything and may
record another organisation's sign-off given elsewhere, only by saying so (``on_behalf=True``): the
record and the audit log then name the coordinator as the one who recorded it. A member edits the sections assigned to its organisation and
its own organisation's evidence (not while the project is locked), reads the rest, suggests changes
to any section, comments and signs off for its organisation. A reviewer reads and comments.
Confidential evidence is seen only by its organisation and the coordinator ("restricted" evidence
is shared within the coalition).

Sign-off: an organisation signs the sha256 of the whole project as it stands (``snapshot_hash``).
Any change afterwards through this service reopens every sign-off of the project, and a sign-off
whose hash no longer matches the project counts as reopened whatever changed it.

Every change writes the audit log: who, when, what kind of change, which section or item, and
versions or counts, never the text itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..i18n import N_
from ..project.coalition import MergeReport, merge_contribution
from ..project.exchange import Contribution
from ..project.model import EvidenceItem, Member, Project
from ..store import ConflictError, Summary
from .accounts import Accounts, Clock, User, record, utc_now
from .coalition_tables import (
    audit_log,
    comments,
    organisations,
    project_locks,
    project_organisations,
    section_assignments,
    signoffs,
    suggestions,
    users,
)
from .db import connected
from .sql_store import SectionConflict, SqlStore
from .store_tables import project_sections

__all__ = ["AuditEntry", "Coalition", "Comment", "NotAllowed", "SectionConflict", "SectionState", "SignOff", "SignOffStatus",
           "Suggestion", "Words"]

Role = Literal["coordinator", "member", "reviewer"]
LOCKED = N_("The coordinator has locked this project: it can no longer be changed.")
NO_ORGANISATION = N_("There is no organisation named '{name}' on this server: add one of its users first.")
NO_SECTION = N_("The project has no section '{id}'.")
_RETRIES = 5  # an item-level change is applied again to a project another save changed meanwhile


# The queries every page run and every save makes, built once: their parameters are bound when they run.
_PROJECT, _SECTION, _ORGANISATION = (sa.bindparam(name, type_=sa.Text) for name in ("project_id", "section_id", "organisation_id"))
_ACCESS = sa.select(
    project_organisations.c.role,
    sa.exists().where(project_locks.c.project_id == _PROJECT),
    sa.exists().where(section_assignments.c.project_id == _PROJECT, section_assignments.c.section_id == _SECTION,
                      section_assignments.c.organisation_id == _ORGANISATION),
    sa.exists().where(signoffs.c.project_id == _PROJECT, signoffs.c.reopened_at.is_(None)),
).where(project_organisations.c.project_id == _PROJECT, project_organisations.c.organisation_id == _ORGANISATION)
_ASSIGNED = (sa.select(section_assignments.c.section_id, organisations.c.id, organisations.c.name)
             .join(organisations, organisations.c.id == section_assignments.c.organisation_id)
             .where(section_assignments.c.project_id == _PROJECT).order_by(organisations.c.name))
_SECTIONS = (sa.select(project_sections.c.section_id, project_sections.c.title, project_sections.c.text, project_sections.c.version,
                       project_sections.c.updated_by, project_sections.c.updated_at)
             .where(project_sections.c.project_id == _PROJECT).order_by(project_sections.c.position))


class Words(str):
    """A value of a NotAllowed sentence that is itself a message to translate (marked with N_), e.g. what was refused."""


class NotAllowed(Exception):
    """The user may not do this (or the thing does not exist for them): one sentence.

    ``message`` is marked for translation (N_) and has ``{placeholders}`` that ``values`` fill, those that are
    ``Words`` translated too. ``str()`` is the English sentence; the app shows it in the reader's language."""

    def __init__(self, message: str, **values: object) -> None:
        self.message, self.values = message, values
        super().__init__(message.format(**values))


@dataclass(frozen=True)
class _Access:
    role: Role
    locked: bool
    assigned: bool  # the section asked about is assigned to the user's organisation
    signed: bool = False  # some organisation's sign-off of the project is not reopened yet

    @property
    def may_edit(self) -> bool:
        return self.role == "coordinator" or (self.role == "member" and self.assigned and not self.locked)

    def why_not_edit(self) -> str:
        if self.role == "reviewer":
            return N_("As a reviewer you can read and comment, not edit.")
        if self.locked:
            return LOCKED
        return N_("This section is not assigned to your organisation: suggest a change instead, and the coordinator decides.")


@dataclass(frozen=True)
class SectionState:
    id: str
    title: str
    text: str  # read together with the version: save_section(expected_version=version) never overwrites unseen text
    version: int
    updated_by: str | None
    updated_at: dt.datetime | None
    assigned_to: tuple[str, ...]  # organisation names
    may_edit: bool  # for this user; otherwise they may suggest (members) or comment


@dataclass(frozen=True)
class Comment:
    id: int
    project_id: str
    section_id: str
    author: str
    organisation: str
    text: str
    created_at: dt.datetime
    resolved_by: str | None = None
    resolved_at: dt.datetime | None = None


@dataclass(frozen=True)
class Suggestion:
    id: int
    project_id: str
    section_id: str
    author: str
    organisation: str
    text: str
    base_version: int  # the section's version it was written against
    status: Literal["open", "accepted", "rejected"]
    created_at: dt.datetime
    decided_by: str | None = None
    decided_at: dt.datetime | None = None


@dataclass(frozen=True)
class SignOff:
    organisation_id: str
    organisation: str
    state: Literal["pending", "signed", "reopened"]
    signed_by: str | None = None
    signed_at: dt.datetime | None = None
    snapshot_hash: str | None = None
    reopened_at: dt.datetime | None = None
    on_behalf: bool = False  # recorded by the coordinator for an organisation that approved elsewhere (e-mail, a meeting)


@dataclass(frozen=True)
class SignOffStatus:
    snapshot_hash: str  # of the project as it stands now: what a sign-off now would sign
    organisations: list[SignOff]

    @property
    def all_signed(self) -> bool:
        return all(s.state == "signed" for s in self.organisations)


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    user: str | None  # None: the command line's user management
    action: str
    project_id: str | None
    target: str
    summary: str


def snapshot_hash(project: Project) -> str:
    """The fingerprint a sign-off approves: everything the project says, except who has signed it."""
    data = project.model_dump(mode="json")
    for member in data["members"]:
        member.pop("sign_off", None)
        member.pop("signed_on", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


class Coalition:
    def __init__(self, engine_or_url: Engine | str, clock: Clock = utc_now) -> None:
        self.store = SqlStore(engine_or_url)  # migrates the schema; one shared engine per URL
        self.engine = self.store.engine
        self.clock = clock
        self.accounts = Accounts(self.engine, clock)

    # -- sessions -----------------------------------------------------------------------------

    def login(self, name: str, password: str) -> str:
        return self.accounts.login(name, password)

    def user_for(self, token: str | None) -> User | None:
        return self.accounts.user_for(token)

    def logout(self, token: str | None) -> None:
        self.accounts.logout(token)

    # -- who may do what ----------------------------------------------------------------------

    def role_in(self, user: User, project_id: str, connection: Connection | None = None) -> Role:
        """The user's role in this project, or NotAllowed when their organisation does not work on it."""
        return self._access(user, project_id, connection).role

    def _access(self, user: User, project_id: str, connection: Connection | None = None, section_id: str | None = None) -> _Access:
        """Everything a permission needs, in one query: the user's role, the lock, whether the section is assigned to them,
        and whether a sign-off is open (for ``_changed``)."""
        if connection is None:
            with connected(self.engine) as opened:
                return self._access(user, project_id, opened, section_id)
        row = connection.execute(_ACCESS, {"project_id": project_id, "section_id": section_id,
                                           "organisation_id": user.organisation_id}).first()
        if row is None:
            raise NotAllowed(N_("Your organisation does not work on a project with id {id}."), id=project_id)
        organisation_role, is_locked, is_assigned, is_signed = row
        role: Role = "reviewer" if user.role == "reviewer" else (
            "coordinator" if user.role == "coordinator" and organisation_role == "coordinator" else "member")
        return _Access(role, bool(is_locked), bool(is_assigned), bool(is_signed))

    def _require(self, user: User, project_id: str, connection: Connection, *roles: Role, doing: str) -> _Access:
        """The user's access when their role is one of ``roles``; else NotAllowed saying they cannot do ``doing`` (marked N_)."""
        access = self._access(user, project_id, connection)
        if access.role not in roles:  # the coordinator is always among the roles
            raise NotAllowed(N_("As a reviewer of this project you cannot {doing}.") if access.role == "reviewer"
                             else N_("As a member of this project you cannot {doing}."), doing=Words(doing))
        return access

    def _changed(self, connection: Connection, user: User, action: str, project_id: str, target: str = "", summary: str = "",
                 signed: bool = True) -> None:
        """Audit a change to the project and reopen its sign-offs (the project is no longer what was signed).

        ``signed=False``: the caller read, in this transaction, that no sign-off is open (``_Access.signed``), so there is
        none to reopen (one given meanwhile signed a project without this change: its hash no longer matches, so it counts
        as reopened all the same)."""
        now = self.clock()
        record(connection, now, user.id, action, project_id, target, summary)
        if not signed:
            return
        reopened = connection.execute(signoffs.update().where(signoffs.c.project_id == project_id, signoffs.c.reopened_at.is_(None))
                                      .values(reopened_at=now).returning(signoffs.c.organisation_id)).scalars().all()
        for organisation_id in reopened:
            record(connection, now, user.id, "signoff.reopen", project_id, organisation_id, f"after {action}")

    # -- projects -----------------------------------------------------------------------------

    def create_project(self, user: User, project: Project) -> str:
        """Start a coalition project coordinated by the user's organisation (a one-organisation project; invite the others)."""
        if user.role != "coordinator":
            raise NotAllowed(N_("Only a coordinator can start a coalition project."))
        if project.joint:
            raise NotAllowed(N_("Start the coalition project with your organisation alone, then invite the other organisations."))
        old_id = project.members[0].id
        data = project.model_dump(mode="json")
        data["members"] = [Member(id=user.organisation_id, name=user.organisation, role="coordinator").model_dump(mode="json")]
        for item in (*data["evidence"], *data["recommendations"]):
            if item.get("contributed_by") == old_id:
                item["contributed_by"] = user.organisation_id
        project = Project.model_validate(data)
        self.store.create(project)
        now = self.clock()
        with connected(self.engine) as connection:
            connection.execute(project_organisations.insert().values(project_id=project.id, organisation_id=user.organisation_id,
                                                                     role="coordinator", joined_at=now))
            record(connection, now, user.id, "project.create", project.id, summary=f"{len(project.sections)} sections")
        return project.id

    def adopt(self, project_ids: list[str], organisation: str) -> None:
        """The command line's ``restore --org``: projects restored from a backup, which no organisation works on (so nobody
        sees them), become projects that ``organisation`` coordinates, their coordinator now that organisation. An
        organisation that is not on the server is NotAllowed, even with no project given (the command asks first).
        A project in the trash is attached, its coordinator named once it is restored."""
        with connected(self.engine) as connection:
            found = connection.execute(sa.select(organisations.c.id, organisations.c.name).where(organisations.c.name == organisation.strip())).first()
            if found is None:
                raise NotAllowed(NO_ORGANISATION, name=organisation.strip())
            now = self.clock()
            for project_id in project_ids:
                connection.execute(project_organisations.insert().values(project_id=project_id, organisation_id=found.id,
                                                                         role="coordinator", joined_at=now))
                record(connection, now, None, "project.restore", project_id, summary=f"coordinated by {found.name}")

        def coordinated(project: Project) -> Project:
            old_id = project.coordinator.id
            members = [m for m in project.members if m.id not in (old_id, found.id)]
            project.members = [Member(id=found.id, name=found.name, role="coordinator"), *members]
            for item in (*project.evidence, *project.recommendations):
                if getattr(item, "contributed_by", None) == old_id:
                    item.contributed_by = found.id
            return project

        for project_id in project_ids:
            if self.store.head(project_id) is not None:  # not in the trash
                self._update_project(project_id, coordinated)

    def projects(self, user: User) -> list[Summary]:
        """The projects the user's organisation works on (none in the trash), most recently changed first."""
        with connected(self.engine) as connection:
            mine = set(connection.execute(sa.select(project_organisations.c.project_id).where(
                project_organisations.c.organisation_id == user.organisation_id)).scalars())
        return [summary for summary in self.store.list() if summary.id in mine]

    def invite(self, user: User, project_id: str, organisation: str) -> None:
        """Bring an organisation (created with ``shadowreport users add``) into the project as a member."""
        with connected(self.engine) as connection:
            self._require(user, project_id, connection, "coordinator", doing=N_("invite organisations"))
            found = connection.execute(sa.select(organisations.c.id, organisations.c.name).where(organisations.c.name == organisation.strip())).first()
            if found is None:
                raise NotAllowed(NO_ORGANISATION, name=organisation.strip())
            already = connection.execute(sa.select(project_organisations.c.role).where(
                project_organisations.c.project_id == project_id, project_organisations.c.organisation_id == found.id)).scalar()
            if already is None:
                connection.execute(project_organisations.insert().values(project_id=project_id, organisation_id=found.id, role="member",
                                                                         joined_at=self.clock()))
                self._changed(connection, user, "project.invite", project_id, found.name)

        def add_member(project: Project) -> Project:
            if project.member(found.id) is None:
                project.members.append(Member(id=found.id, name=found.name, role="member"))
            return project

        self._update_project(project_id, add_member)

    def assign(self, user: User, project_id: str, section_id: str, organisation: str) -> None:
        """Let an organisation of the project edit a section (several organisations may share one)."""
        with connected(self.engine) as connection:
            self._require(user, project_id, connection, "coordinator", doing=N_("assign sections"))
            found = connection.execute(sa.select(organisations.c.id).join(
                project_organisations, project_organisations.c.organisation_id == organisations.c.id).where(
                project_organisations.c.project_id == project_id, organisations.c.name == organisation.strip())).scalar()
            if found is None:
                raise NotAllowed(N_("'{name}' does not work on this project: invite it first."), name=organisation.strip())
            if not self._section_exists(connection, project_id, section_id):
                raise NotAllowed(NO_SECTION, id=section_id)
            exists = connection.execute(sa.select(section_assignments.c.section_id).where(
                section_assignments.c.project_id == project_id, section_assignments.c.section_id == section_id,
                section_assignments.c.organisation_id == found)).first()
            if not exists:
                connection.execute(section_assignments.insert().values(project_id=project_id, section_id=section_id, organisation_id=found))
                record(connection, self.clock(), user.id, "section.assign", project_id, section_id, f"to {organisation.strip()}")

    def project_for(self, user: User, project_id: str) -> Project:
        """The project as this user may see it: others' confidential evidence (and links to it) left out;
        the merge conflicts only for the coordinator; each organisation's sign-off as it stands."""
        role = self.role_in(user, project_id)
        project = self.store.load(project_id).project
        status = self._signoffs(project_id, snapshot_hash(project))
        signed = {s.organisation_id: s for s in status if s.state == "signed"}
        data = project.model_dump(mode="json")
        for member in data["members"]:
            sign_off = signed.get(member["id"])
            member["sign_off"], member["signed_on"] = ("approved", sign_off.signed_at.date().isoformat()) if sign_off else ("pending", None)
        if role != "coordinator":
            coordinator = project.coordinator.id
            hidden = {e.id for e in project.evidence if e.confidentiality == "confidential"
                      and (e.contributed_by or coordinator) != user.organisation_id}
            data["evidence"] = [e for e in data["evidence"] if e["id"] not in hidden]
            for recommendation in data["recommendations"]:
                recommendation["evidence_ids"] = [e for e in recommendation["evidence_ids"] if e not in hidden]
            for earlier in data["earlier"]:
                if earlier.get("assessment"):
                    earlier["assessment"]["evidence_ids"] = [e for e in earlier["assessment"]["evidence_ids"] if e not in hidden]
            data["merge_conflicts"] = []  # they carry what members sent, confidential or not: the coordinator's to settle
        return Project.model_validate(data)

    def export(self, user: User, project_id: str) -> Project:
        """The whole project, confidential evidence included, for the coordinator's export."""
        with connected(self.engine) as connection:
            self._require(user, project_id, connection, "coordinator", doing=N_("export the report"))
            record(connection, self.clock(), user.id, "project.export", project_id)
        return self.store.load(project_id).project

    def lock(self, user: User, project_id: str, locked: bool = True) -> None:
        """Lock the project (members can no longer change it, e.g. for the final read) or unlock it."""
        with connected(self.engine) as connection:
            access = self._require(user, project_id, connection, "coordinator", doing=N_("lock the project"))
            if locked and not access.locked:
                connection.execute(project_locks.insert().values(project_id=project_id, locked_by=user.id, locked_at=self.clock()))
            elif not locked:
                connection.execute(project_locks.delete().where(project_locks.c.project_id == project_id))
            record(connection, self.clock(), user.id, "project.lock" if locked else "project.unlock", project_id)

    def is_locked(self, user: User, project_id: str) -> bool:
        """Whether the coordinator has locked the project (anyone working on it may ask)."""
        return self._access(user, project_id).locked

    def merge(self, user: User, project_id: str, contribution: Contribution) -> MergeReport:
        """Merge a member's contribution file (project/coalition.py), as the coordinator."""
        with connected(self.engine) as connection:
            self._require(user, project_id, connection, "coordinator", doing=N_("merge contributions"))
        stored = self.store.load(project_id)
        merged, report = merge_contribution(stored.project, contribution)
        self.store.save(merged, stored.version)
        with connected(self.engine) as connection:
            self._changed(connection, user, "project.merge", project_id, report.member,
                          f"{len(report.added)} added, {len(report.updated)} updated, {len(report.conflicts)} in conflict")
        return report

    def _update_project(self, project_id: str, change) -> Project:
        """Apply ``change`` to the newest project and save; applied again if another save came first."""
        for attempt in range(_RETRIES):
            stored = self.store.load(project_id)
            changed = change(stored.project.model_copy(deep=True))
            try:
                return self.store.save(Project.model_validate(changed.model_dump()), stored.version).project
            except ConflictError:
                if attempt == _RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    # -- sections -----------------------------------------------------------------------------

    def _section_exists(self, connection: Connection, project_id: str, section_id: str) -> bool:
        return connection.execute(sa.select(project_sections.c.section_id).where(
            project_sections.c.project_id == project_id, project_sections.c.section_id == section_id)).first() is not None

    def sections(self, user: User, project_id: str) -> list[SectionState]:
        """Each section with its text and version (read together), who it is assigned to, and whether this user may edit it."""
        with connected(self.engine) as connection:
            access = self._access(user, project_id, connection)
            role, locked = access.role, access.locked
            assigned: dict[str, list[tuple[str, str]]] = {}
            for section_id, organisation_id, name in connection.execute(_ASSIGNED, {"project_id": project_id}):
                assigned.setdefault(section_id, []).append((organisation_id, name))
            rows = connection.execute(_SECTIONS, {"project_id": project_id}).all()
        states = []
        for row in rows:
            holders = assigned.get(row.section_id, [])
            may_edit = role == "coordinator" or (role == "member" and not locked and any(o == user.organisation_id for o, _ in holders))
            states.append(SectionState(row.section_id, row.title, row.text, row.version, row.updated_by, row.updated_at,
                                       tuple(name for _, name in holders), may_edit))
        return states

    def save_section(self, user: User, project_id: str, section_id: str, text: str, expected_version: int) -> int:
        """Save a section's text; its new version. SectionConflict (with both texts) when it changed since ``expected_version``.

        One transaction: the permission, the save, its audit line and the sign-offs it reopens commit together or not at all."""
        with self.store.transaction() as connection:
            access = self._access(user, project_id, connection, section_id)
            if not access.may_edit:
                raise NotAllowed(access.why_not_edit())
            return self.store.save_section_in(
                connection, project_id, section_id, text, expected_version, user.name,
                before_lock=lambda version: self._changed(connection, user, "section.save", project_id, section_id,
                                                          f"version {version}, {len(text)} characters", signed=access.signed))

    # -- evidence -----------------------------------------------------------------------------

    def save_evidence(self, user: User, project_id: str, item: EvidenceItem) -> None:
        """Add or change an evidence item: members only their organisation's, the coordinator any."""
        with connected(self.engine) as connection:
            access = self._require(user, project_id, connection, "coordinator", "member", doing=N_("change evidence"))
        role = access.role
        if role == "member" and access.locked:
            raise NotAllowed(LOCKED)
        if role == "member":
            item = item.model_copy(update={"contributed_by": user.organisation_id})

        def put(project: Project) -> Project:
            position = next((i for i, e in enumerate(project.evidence) if e.id == item.id), None)
            if position is None:
                project.evidence.append(item)
            else:
                self._own_evidence(project, project.evidence[position], user, role)
                project.evidence[position] = item
            return project

        self._update_project(project_id, put)
        with connected(self.engine) as connection:
            self._changed(connection, user, "evidence.save", project_id, item.id, item.confidentiality)

    def delete_evidence(self, user: User, project_id: str, evidence_id: str) -> None:
        """Remove an evidence item (and the links to it): members only their organisation's."""
        with connected(self.engine) as connection:
            access = self._require(user, project_id, connection, "coordinator", "member", doing=N_("change evidence"))
        role = access.role
        if role == "member" and access.locked:
            raise NotAllowed(LOCKED)

        def remove(project: Project) -> Project:
            found = project.evidence_item(evidence_id)
            if found is None:
                raise NotAllowed(N_("The project has no evidence item '{id}'."), id=evidence_id)
            self._own_evidence(project, found, user, role)
            for recommendation in project.recommendations:  # the links first: the project never links to missing evidence
                recommendation.evidence_ids = [e for e in recommendation.evidence_ids if e != evidence_id]
            for earlier in project.earlier:
                if earlier.assessment:
                    earlier.assessment.evidence_ids = [e for e in earlier.assessment.evidence_ids if e != evidence_id]
            project.evidence = [e for e in project.evidence if e.id != evidence_id]
            return project

        self._update_project(project_id, remove)
        with connected(self.engine) as connection:
            self._changed(connection, user, "evidence.delete", project_id, evidence_id)

    @staticmethod
    def _own_evidence(project: Project, item: EvidenceItem, user: User, role: Role) -> None:
        if role != "coordinator" and (item.contributed_by or project.coordinator.id) != user.organisation_id:
            raise NotAllowed(N_("Evidence item '{id}' belongs to another organisation: only it and the coordinator can change it."), id=item.id)

    # -- comments and suggestions -------------------------------------------------------------

    def comment(self, user: User, project_id: str, section_id: str, text: str) -> Comment:
        """A comment on a section; anyone working on the project may comment."""
        text = _checked_text(text, N_("The comment is empty: write something first."),
                             N_("The comment is longer than 200,000 characters: shorten it."))
        with connected(self.engine) as connection:
            self.role_in(user, project_id, connection)
            if not self._section_exists(connection, project_id, section_id):
                raise NotAllowed(NO_SECTION, id=section_id)
            now = self.clock()
            comment_id = connection.execute(comments.insert().values(project_id=project_id, section_id=section_id, author_id=user.id,
                                                                     text=text, created_at=now).returning(comments.c.id)).scalar_one()
            record(connection, now, user.id, "comment.add", project_id, section_id, f"comment {comment_id}")
        return Comment(comment_id, project_id, section_id, user.name, user.organisation, text, now)

    def comments(self, user: User, project_id: str, section_id: str | None = None) -> list[Comment]:
        """The project's comments (or one section's), oldest first, resolved ones included."""
        author, resolver = users.alias("author"), users.alias("resolver")
        query = (sa.select(comments.c.id, comments.c.project_id, comments.c.section_id, author.c.name, organisations.c.name,
                           comments.c.text, comments.c.created_at, resolver.c.name, comments.c.resolved_at)
                 .join(author, author.c.id == comments.c.author_id).join(organisations, organisations.c.id == author.c.organisation_id)
                 .outerjoin(resolver, resolver.c.id == comments.c.resolved_by)
                 .where(comments.c.project_id == project_id).order_by(comments.c.id))
        if section_id is not None:
            query = query.where(comments.c.section_id == section_id)
        with connected(self.engine) as connection:
            self.role_in(user, project_id, connection)
            return [Comment(*row) for row in connection.execute(query)]

    def resolve_comment(self, user: User, comment_id: int) -> None:
        """Mark a comment resolved: its author or the coordinator."""
        with connected(self.engine) as connection:
            row = connection.execute(sa.select(comments.c.project_id, comments.c.section_id, comments.c.author_id, comments.c.resolved_at)
                                     .where(comments.c.id == comment_id)).first()
            if row is None:
                raise NotAllowed(N_("There is no comment {number}."), number=comment_id)
            role = self.role_in(user, row.project_id, connection)
            if role != "coordinator" and row.author_id != user.id:
                raise NotAllowed(N_("Only the comment's author or the coordinator can resolve it."))
            if row.resolved_at is None:
                now = self.clock()
                connection.execute(comments.update().where(comments.c.id == comment_id).values(resolved_by=user.id, resolved_at=now))
                record(connection, now, user.id, "comment.resolve", row.project_id, row.section_id, f"comment {comment_id}")

    def suggest(self, user: User, project_id: str, section_id: str, text: str) -> Suggestion:
        """Propose a new text for a section, for the coordinator to accept or reject (members and the coordinator)."""
        text = _checked_text(text, N_("The suggestion is empty: write something first."),
                             N_("The suggestion is longer than 200,000 characters: shorten it."), allow_empty=True)
        with connected(self.engine) as connection:
            self._require(user, project_id, connection, "coordinator", "member", doing=N_("suggest changes"))
            base = connection.execute(sa.select(project_sections.c.version).where(
                project_sections.c.project_id == project_id, project_sections.c.section_id == section_id)).scalar()
            if base is None:
                raise NotAllowed(NO_SECTION, id=section_id)
            now = self.clock()
            suggestion_id = connection.execute(suggestions.insert().values(
                project_id=project_id, section_id=section_id, author_id=user.id, text=text, base_version=base, status="open",
                created_at=now).returning(suggestions.c.id)).scalar_one()
            record(connection, now, user.id, "suggestion.add", project_id, section_id, f"suggestion {suggestion_id} on version {base}")
        return Suggestion(suggestion_id, project_id, section_id, user.name, user.organisation, text, base, "open", now)

    def suggestions(self, user: User, project_id: str, section_id: str | None = None) -> list[Suggestion]:
        """The project's suggestions (or one section's), oldest first, decided ones included."""
        author, decider = users.alias("author"), users.alias("decider")
        query = (sa.select(suggestions.c.id, suggestions.c.project_id, suggestions.c.section_id, author.c.name, organisations.c.name,
                           suggestions.c.text, suggestions.c.base_version, suggestions.c.status, suggestions.c.created_at,
                           decider.c.name, suggestions.c.decided_at)
                 .join(author, author.c.id == suggestions.c.author_id).join(organisations, organisations.c.id == author.c.organisation_id)
                 .outerjoin(decider, decider.c.id == suggestions.c.decided_by)
                 .where(suggestions.c.project_id == project_id).order_by(suggestions.c.id))
        if section_id is not None:
            query = query.where(suggestions.c.section_id == section_id)
        with connected(self.engine) as connection:
            self.role_in(user, project_id, connection)
            return [Suggestion(*row) for row in connection.execute(query)]

    def decide(self, user: User, suggestion_id: int, accept: bool, expected_version: int | None = None) -> int | None:
        """Accept (the section takes the suggested text; its new version) or reject a suggestion, as the coordinator.

        Accepting checks the section against the version the suggestion was written on, so a section
        changed since raises SectionConflict; pass ``expected_version`` (the version the coordinator has
        now seen) to accept it over the newer text on purpose. One transaction: the decision, the section's
        new text, the audit line and the sign-offs it reopens commit together or not at all."""
        with self.store.transaction() as connection:
            row = connection.execute(sa.select(suggestions).where(suggestions.c.id == suggestion_id)).first()
            if row is None:
                raise NotAllowed(N_("There is no suggestion {number}."), number=suggestion_id)
            access = self._require(user, row.project_id, connection, "coordinator", doing=N_("accept or reject suggestions"))
            if row.status != "open":
                raise NotAllowed(N_("Suggestion {number} was already accepted.") if row.status == "accepted"
                                 else N_("Suggestion {number} was already rejected."), number=suggestion_id)
            decided = connection.execute(suggestions.update().where(suggestions.c.id == suggestion_id, suggestions.c.status == "open").values(
                status="accepted" if accept else "rejected", decided_by=user.id, decided_at=self.clock())).rowcount
            if not decided:
                raise NotAllowed(N_("Suggestion {number} was decided by someone else meanwhile."), number=suggestion_id)
            if not accept:
                record(connection, self.clock(), user.id, "suggestion.reject", row.project_id, row.section_id, f"suggestion {suggestion_id}")
                return None
            audited: list[int] = []

            def audit(version: int) -> None:
                self._changed(connection, user, "suggestion.accept", row.project_id, row.section_id,
                              f"suggestion {suggestion_id}, version {version}", signed=access.signed)
                audited.append(version)

            version = self.store.save_section_in(connection, row.project_id, row.section_id, row.text,
                                                 row.base_version if expected_version is None else expected_version, user.name,
                                                 before_lock=audit)
            if not audited:  # the section already had the suggested text: decided, nothing changed
                record(connection, self.clock(), user.id, "suggestion.accept", row.project_id, row.section_id,
                       f"suggestion {suggestion_id}, version {version}")
            return version

    # -- sign-off -----------------------------------------------------------------------------

    def signoff_status(self, user: User, project_id: str) -> SignOffStatus:
        """The hash a sign-off now would approve, and each organisation's sign-off: pending, signed or reopened."""
        self.role_in(user, project_id)
        current = snapshot_hash(self.store.load(project_id).project)
        return SignOffStatus(current, self._signoffs(project_id, current))

    def _signoffs(self, project_id: str, current: str) -> list[SignOff]:
        with connected(self.engine) as connection:
            organisations_in = connection.execute(sa.select(organisations.c.id, organisations.c.name).join(
                project_organisations, project_organisations.c.organisation_id == organisations.c.id).where(
                project_organisations.c.project_id == project_id).order_by(organisations.c.name)).all()
            latest: dict[str, sa.Row] = {}
            for row in connection.execute(sa.select(signoffs, users.c.name.label("user_name"), users.c.organisation_id.label("user_organisation"))
                                          .join(users, users.c.id == signoffs.c.user_id)
                                          .where(signoffs.c.project_id == project_id).order_by(signoffs.c.id)):
                latest[row.organisation_id] = row
        result = []
        for organisation_id, name in organisations_in:
            row = latest.get(organisation_id)
            if row is None:
                result.append(SignOff(organisation_id, name, "pending"))
                continue
            state = "signed" if row.reopened_at is None and row.snapshot_hash == current else "reopened"
            result.append(SignOff(organisation_id, name, state, row.user_name, row.signed_at, row.snapshot_hash, row.reopened_at,
                                  on_behalf=row.user_organisation != organisation_id))
        return result

    def sign_off(self, user: User, project_id: str, snapshot: str, organisation_id: str | None = None, on_behalf: bool = False) -> SignOff:
        """Sign off the project as it stands (``snapshot``: the hash the user was shown) for the user's
        organisation, or, as the coordinator and saying so with ``on_behalf``, record the sign-off another
        organisation gave elsewhere. Never another organisation by default: that would state its consent by a slip."""
        with connected(self.engine) as connection:
            role = self._require(user, project_id, connection, "coordinator", "member", doing=N_("sign off")).role
        organisation_id = organisation_id or user.organisation_id
        for_other = organisation_id != user.organisation_id
        if for_other and role != "coordinator":
            raise NotAllowed(N_("You can sign off only for your own organisation."))
        if for_other != on_behalf:
            raise NotAllowed(N_("A sign-off for another organisation is recorded only on its behalf, and one for your own "
                                "organisation never is: choose which of the two you record."))
        if snapshot_hash(self.store.load(project_id).project) != snapshot:
            raise NotAllowed(N_("The project changed since you read it: read it again before signing off."))
        now = self.clock()
        with connected(self.engine) as connection:
            name = connection.execute(sa.select(organisations.c.name).join(
                project_organisations, project_organisations.c.organisation_id == organisations.c.id).where(
                project_organisations.c.project_id == project_id, organisations.c.id == organisation_id)).scalar()
            if name is None:
                raise NotAllowed(N_("The organisation '{id}' does not work on this project."), id=organisation_id)
            connection.execute(signoffs.insert().values(project_id=project_id, organisation_id=organisation_id, user_id=user.id,
                                                        snapshot_hash=snapshot, signed_at=now))
            record(connection, now, user.id, "signoff.on_behalf" if on_behalf else "signoff.sign", project_id, organisation_id,
                   f"snapshot {snapshot[:16]}" + (f", recorded on its behalf by {user.name}" if on_behalf else ""))
        return SignOff(organisation_id, name, "signed", user.name, now, snapshot, on_behalf=on_behalf)

    # -- the audit log ------------------------------------------------------------------------

    def audit(self, user: User, project_id: str, limit: int = 500) -> list[AuditEntry]:
        """Who changed what in the project, newest first (the coordinator)."""
        with connected(self.engine) as connection:
            self._require(user, project_id, connection, "coordinator", doing=N_("read the audit log"))
            rows = connection.execute(
                sa.select(audit_log.c.at, users.c.name, audit_log.c.action, audit_log.c.project_id, audit_log.c.target, audit_log.c.summary)
                .outerjoin(users, users.c.id == audit_log.c.user_id).where(audit_log.c.project_id == project_id)
                .order_by(audit_log.c.id.desc()).limit(limit)).all()
        return [AuditEntry(*row) for row in rows]


def _checked_text(text: str, empty: str, too_long: str, allow_empty: bool = False) -> str:
    """``text`` without NUL characters; NotAllowed(``empty``) or NotAllowed(``too_long``) (sentences marked N_)."""
    if isinstance(text, str):
        text = text.replace("\x00", "")  # PostgreSQL cannot store it, and it means nothing in text (sql_store.without_nul)
    if not isinstance(text, str) or (not allow_empty and not text.strip()):
        raise NotAllowed(empty)
    if len(text) > 200_000:
        raise NotAllowed(too_long)
    return text
