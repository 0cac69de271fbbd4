"""Project settings: the project's name, dates, cycle and language; its members and their sign-off;
duplicate, archive, or move it to the trash (with "Undo" on the Projects page).

Every edit is saved as it is made, through ``state.field``; what a change means for the project
(a sign-off dated the day it is given, one coordinator in a coalition) is in the small pure
functions at the bottom, so the page only draws.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ..i18n import N_, Translator, translator
from ..project.model import DeadlineOverride, Member, MemberDraft, Project
from ..store import StoreError
from . import state, translation
from .rounds import round_caption
from .text import plain
from .translation import gettext
from .trash import move_to_trash
from .uninterrupted import uninterrupted

STATUSES = ["planning", "drafting", "in-review", "signed-off", "submitted"]
ROLES = ["coordinator", "member", "endorser"]
SIGN_OFFS = {"pending": N_("Waiting"), "approved": N_("Approved"), "declined": N_("Declined")}
# The stored values above, in words (translated where shown).
WORDS = {"planning": N_("planning"), "drafting": N_("drafting"), "in-review": N_("in review"), "signed-off": N_("signed off"),
         "submitted": N_("submitted"), "coordinator": N_("coordinator"), "member": N_("member"), "endorser": N_("endorser"),
         "approved": N_("approved"), "declined": N_("declined")}
DEFAULT_DEADLINE_SOURCE = "entered by the user"


def render() -> None:
    st.title(gettext("Project settings"))
    stored, pack, store = state.require_project(), state.rules(), state.store()
    if stored is None or pack is None or store is None:
        return
    project = stored.project
    # Each part in a keyed container, so a caption appearing or a member removed in one part never
    # makes the boxes of the next part new ones (Streamlit knows unkeyed elements by position).
    with st.container(key=state.key(stored, "settings", "submission")):
        _submission(stored, pack)
    with st.container(key=state.key(stored, "settings", "members")):
        _members(stored)
    with st.container(key=state.key(stored, "settings", "actions")):
        _actions(store, stored)
    st.caption(gettext("Created {date}; saved as version {version}.", date=translation.short_date(project.created_at), version=stored.version))


def _submission(stored, pack) -> None:
    project = stored.project
    st.header(gettext("The submission"))
    state.field(st.text_input, gettext("Title"), stored, ("settings", "title"), project.title, set_title)
    left, right = st.columns(2)
    with left:
        state.field(st.text_input, gettext("State under review"), stored, ("settings", "state"), project.state, set_state_name)
        state.field(st.text_input, gettext("Cycle or session"), stored, ("settings", "cycle"), project.cycle, set_cycle,
                    placeholder=gettext("e.g. 4th cycle, 50th session"))
        state.field(st.date_input, gettext("Session date"), stored, ("settings", "session_date"), project.session_date, set_session_date,
                    format="YYYY-MM-DD")
    with right:
        languages = _languages(pack, project)
        state.field(st.selectbox, gettext("Language"), stored, ("settings", "language"), project.language, set_language,
                    options=languages, format_func=translation.language_names())
        state.field(st.selectbox, gettext("Status"), stored, ("settings", "status"), project.status, set_status, options=STATUSES,
                    format_func=translation.formatter(WORDS))
        override = project.deadline_override
        state.field(st.date_input, gettext("Official deadline (if known)"), stored, ("settings", "deadline"), override.date if override else None,
                    set_deadline, format="YYYY-MM-DD")
        state.field(st.text_input, gettext("Where the official deadline comes from"), stored, ("settings", "deadline_source"),
                    override.source if override else "", set_deadline_source, placeholder=gettext("e.g. the session's information note"),
                    disabled=override is None)
    try:
        deadline = project.deadline(pack)
        method = plain(translation.translator().gettext(deadline.method))  # methods are marked in checks/deadline.py and projects_page.py
        st.caption(gettext("Deadline used: {date} ({method}).", date=translation.short_date(deadline.date), method=method)
                   if deadline.date else gettext("Deadline used: none yet ({method}).", method=method))
    except KeyError:
        pass  # a kind the rules no longer know: the Check page says so
    evaluation_round = round_caption(pack, project)
    if evaluation_round:
        st.caption(evaluation_round)


def _languages(pack, project: Project) -> list[str]:
    try:
        kind = pack.kind(project.kind_id)[1]
        languages = list(kind.languages.value) if kind.languages else ["en"]
    except KeyError:
        languages = ["en"]
    return languages if project.language in languages else [project.language, *languages]


def _members(stored) -> None:
    project = stored.project
    t = translation.translator()
    st.header(gettext("Members and sign-off"))
    st.caption(sign_off_summary(project, t))
    for member in project.members:
        # Keyed: a member removed above (here or by someone else) must not make the boxes below new ones,
        # which would drop the text typed in them since the last run.
        with st.container(border=True, key=state.key(stored, "settings", "member-box", member.id)):
            st.markdown(f"**{plain(member.name)}** · {t.gettext(WORDS[member.role])} · {sign_off_line(member, t)}")
            name, contact, role, sign_off = st.columns([3, 3, 2, 2])
            with name:
                state.field(st.text_input, gettext("Name"), stored, ("settings", "member", member.id, "name"), member.name,
                            lambda p, value, member_id=member.id: set_member_name(p, member_id, value))
            with contact:
                state.field(st.text_input, gettext("Contact"), stored, ("settings", "member", member.id, "contact"), member.contact,
                            lambda p, value, member_id=member.id: set_member_contact(p, member_id, value))
            with role:
                state.field(st.selectbox, gettext("Role"), stored, ("settings", "member", member.id, "role"), member.role,
                            lambda p, value, member_id=member.id: set_member_role(p, member_id, value), options=ROLES,
                            format_func=translation.formatter(WORDS))
            with sign_off:
                state.field(st.selectbox, gettext("Sign-off"), stored, ("settings", "member", member.id, "sign_off"), member.sign_off,
                            lambda p, value, member_id=member.id: set_sign_off(p, member_id, value, dt.date.today()),
                            options=list(SIGN_OFFS), format_func=translation.formatter(SIGN_OFFS))
            if member.role != "coordinator" and st.button(gettext("Remove this member"), key=state.key(stored, "settings", "member", member.id, "remove")):
                state.update(lambda p, member_id=member.id: remove_member(p, member_id))
                st.rerun()
    _new_member(stored)


def _new_member(stored) -> None:
    """Not a form: its boxes save as they are typed into the project's member draft, like every other box,
    so a name typed here and left by the sidebar, or a reload, is still here. "Add the member" checks the
    draft and only then makes it a member."""
    draft = stored.project.member_draft
    with st.container(key=state.key(stored, "settings", "new_member_box")):
        st.markdown(gettext("**Add a member**"))
        left, right = st.columns([3, 1])
        with left:
            state.field(st.text_input, gettext("Organisation"), stored, ("settings", "new_member", "name"), draft.name, set_member_draft_name)
        with right:
            state.field(st.selectbox, gettext("Role"), stored, ("settings", "new_member", "role"), draft.role, set_member_draft_role,
                        options=["member", "endorser"], format_func=translation.formatter(WORDS))
        if st.button(gettext("Add the member"), key=state.key(stored, "settings", "new_member", "add")):
            if state.update(add_drafted_member):
                for name in MemberDraft.model_fields:
                    state.forget_field(stored, "settings", "new_member", name)
            st.rerun()


def _actions(store, stored) -> None:
    project = stored.project
    st.header(gettext("Copy, archive or delete"))
    archived = any(summary.id == project.id for summary in store.list(archived=True))
    duplicate, archive, delete = st.columns(3)
    if duplicate.button(gettext("Duplicate"), key=state.key(stored, "settings", "duplicate"), help=gettext("A new project with the same content")):
        try:
            with uninterrupted():  # the copy made and opened together: a second click would make another
                copy = store.duplicate(project.id)
                state.open_project(copy.project.id)
                st.session_state["notice"] = ("success", gettext("This is the copy: {title}.", title=plain(copy.project.title)))
        except StoreError as error:
            st.error(translation.sentence(error))
            return
        state.go("settings")
    if archive.button(gettext("Unarchive") if archived else gettext("Archive"), key=state.key(stored, "settings", "archive"),
                      help=gettext("An archived project leaves the list on the Projects page; it stays as it is and can be opened")):
        try:
            store.set_archived(project.id, not archived)
        except StoreError as error:
            st.error(translation.sentence(error))
            return
        st.session_state["notice"] = ("success", gettext("Brought back to your projects.") if archived else
                                      gettext("Archived: it is listed under Archived projects on the Projects page."))
        st.rerun()
    if (delete.button(gettext("Delete"), key=state.key(stored, "settings", "delete"), help=gettext("Moves the project to the trash, kept 30 days"))
            and move_to_trash(store, project.id, stored.version, project.title)):
        state.go("projects")
    if archived:
        st.info(gettext("This project is archived."))


# -- what each edit does to the project (pure: no Streamlit) ---------------------------------------

def set_title(project: Project, value: str) -> None:
    if not value.strip():
        raise ValueError("a project needs a title")
    project.title = value.strip()


def set_state_name(project: Project, value: str) -> None:
    project.state = value.strip()


def set_cycle(project: Project, value: str) -> None:
    project.cycle = value.strip()


def set_session_date(project: Project, value: dt.date | None) -> None:
    project.session_date = value


def set_language(project: Project, value: str) -> None:
    project.language = value


def set_status(project: Project, value: str) -> None:
    project.status = value


def set_deadline(project: Project, value: dt.date | None) -> None:
    """An official date (with where it comes from) replaces the rule's estimate; clearing it goes back to the estimate."""
    if value is None:
        project.deadline_override = None
    else:
        source = project.deadline_override.source if project.deadline_override else DEFAULT_DEADLINE_SOURCE
        project.deadline_override = DeadlineOverride(date=value, source=source)


def set_deadline_source(project: Project, value: str) -> None:
    if project.deadline_override is not None:
        project.deadline_override = DeadlineOverride(date=project.deadline_override.date, source=value.strip() or DEFAULT_DEADLINE_SOURCE)


def _member(project: Project, member_id: str) -> Member:
    member = project.member(member_id)
    if member is None:
        raise ValueError("this member was removed meanwhile")
    return member


def set_member_name(project: Project, member_id: str, value: str) -> None:
    if not value.strip():
        raise ValueError("a member needs a name")
    _member(project, member_id).name = value.strip()


def set_member_contact(project: Project, member_id: str, value: str) -> None:
    _member(project, member_id).contact = value.strip()


def set_member_role(project: Project, member_id: str, role: str) -> None:
    """A coalition has one coordinator: naming a new one makes the former coordinator a member."""
    if role != "coordinator" and _member(project, member_id).role == "coordinator" and len(project.members) > 1:
        raise ValueError("a coalition needs a coordinator: make another member the coordinator instead")
    if role == "coordinator":
        for other in project.members:
            if other.id != member_id and other.role == "coordinator":
                other.role = "member"
    _member(project, member_id).role = role


def set_sign_off(project: Project, member_id: str, value: str, today: dt.date) -> None:
    """A sign-off given or refused is dated the day it is recorded; back to waiting clears the date."""
    member = _member(project, member_id)
    if value == member.sign_off:
        return
    project.members = [m.model_copy(update={"sign_off": value, "signed_on": None if value == "pending" else today})
                       if m.id == member_id else m for m in project.members]


def add_member(project: Project, name: str, role: str) -> None:
    project.members = [*project.members, Member(name=name.strip(), role=role)]
    if len(project.members) == 2 and project.members[0].role != "coordinator":
        project.members[0].role = "coordinator"


def set_member_draft_name(project: Project, value: str) -> None:
    project.member_draft.name = value  # as typed: checked only when the member is added


def set_member_draft_role(project: Project, value: str) -> None:
    project.member_draft.role = value


def add_drafted_member(project: Project) -> None:
    """The "Add a member" draft becomes a member (refused while it has no name); the form starts empty again."""
    member = project.member_draft.member()
    add_member(project, member.name, member.role)
    project.member_draft = MemberDraft()


def remove_member(project: Project, member_id: str) -> None:
    member = _member(project, member_id)
    if member.role == "coordinator":
        raise ValueError("the coordinator cannot be removed: make another member the coordinator first")
    if any(item.contributed_by == member_id for item in (*project.evidence, *project.recommendations)) or any(
            part.member == member_id for part in project.section_contributions):
        raise ValueError("this member contributed evidence, recommendations or text: remove or reattribute them first")
    project.members = [m for m in project.members if m.id != member_id]


def sign_off_line(member: Member, t: Translator | None = None) -> str:
    t = t or translator("en")
    if member.sign_off == "pending":
        return t.gettext("sign-off: waiting")
    given = t.gettext(WORDS[member.sign_off])
    if member.signed_on is None:
        return given
    when = f"{member.signed_on:%d %b %Y}" if t.language == "en" else t.date(member.signed_on, "d MMM y")
    return t.gettext("{sign_off} on {date}").format(sign_off=given, date=when)


def sign_off_summary(project: Project, t: Translator | None = None) -> str:
    t = t or translator("en")
    approved = [m for m in project.members if m.sign_off == "approved"]
    waiting = [m.name for m in project.members if m.sign_off == "pending"]
    summary = t.gettext("{approved} of {count} signed off.").format(approved=len(approved), count=len(project.members))
    return summary + (" " + t.gettext("Waiting for {names}.").format(names=", ".join(plain(name) for name in waiting)) if waiting else "")
