"""The coalition's pages on the server: projects, sections, evidence, sign-off and the coordinator's tools.

Every read and every change goes through the coalition service with the logged-in user, and the
service alone decides who may do what; these pages only hide buttons a role could not use anyway.
A section is saved when its box is left (or with its button), with the version it was read at: when
someone else saved it meanwhile, both texts are shown and the user chooses (keep mine, take theirs,
or keep both to edit them together).

Buttons act in callbacks, which check the session again first (a logout in another tab ends it here
too); what they did is said once, above the next page (``show_notice``).
"""

from __future__ import annotations

import datetime as dt
import typing

import streamlit as st

from ..i18n import N_
from ..project.model import Citation, EvidenceItem, Member, Project, SectionText, new_id
from ..records import EvidenceKind
from ..rules.rounds import round_named
from ..store import StoreError
from . import nav, session, state, translation
from .components import typed_text
from .evidence_page import word_for
from .text import plain
from .translation import gettext
from .uninterrupted import uninterrupted

PROJECT_PARAM = "project"
NOTICE = "coalition:notice"
SHOWN_NOTICE = "coalition:notice-shown"
ROLE_NAMES = {"coordinator": N_("Coordinator"), "member": N_("Member"), "reviewer": N_("Reviewer")}
SIGNOFF_STATES = {"pending": N_("not signed yet"), "signed": N_("signed"), "reopened": N_("reopened by a later change")}


def _ss():
    return st.session_state


# -- acting: callbacks check the session again, then say what happened --------------------------

@uninterrupted()  # a save and the session's note of the version it made go together (uninterrupted.py)
def _act(action, done: str | None = None, conflicts: bool = False) -> bool:
    """Run ``action(service, user)`` for the logged-in user; its refusal or the database's trouble becomes the notice.

    ``conflicts``: a SectionConflict is the caller's to show (the section editor); elsewhere it is a sentence.
    Returns whether the server took the request in (done or refused): False when the session has ended or the
    database cannot be reached, so that what was typed is kept in the browser to be sent again."""
    from ..project.coalition import ContributionRefused
    from ..server.db import DatabaseUnavailable
    from ..server.service import NotAllowed, SectionConflict

    service = session.coalition()
    user = service.user_for(_ss().get(session.TOKEN)) if service else None
    if user is None:
        _ss()[session.ENDED] = True  # the login page says so, and that typed text waits in this tab
        return False
    try:
        action(service, user)
    except SectionConflict:
        if conflicts:
            raise
        _ss()[NOTICE] = ("error", gettext("The section changed since this page was drawn: read it again, then decide."))
    except NotAllowed as refused:
        _ss()[NOTICE] = ("error", refusal(refused))
    except ContributionRefused as refused:
        _ss()[NOTICE] = ("error", str(refused))
    except DatabaseUnavailable as error:
        session.log_unreachable(error)
        _ss()[NOTICE] = ("error", gettext(session.UNREACHABLE))
        return False
    except StoreError as error:  # e.g. the project was saved by someone else at that very moment: one sentence
        _ss()[NOTICE] = ("error", str(error))
    else:
        if done:
            _ss()[NOTICE] = ("success", done)
    return True


def refusal(refused) -> str:
    """The service's NotAllowed sentence in the reader's language (its values that are Words translated too)."""
    from ..server.service import Words

    values = {name: gettext(value) if isinstance(value, Words) else value for name, value in refused.values.items()}
    return gettext(refused.message, **values)


def show_notice() -> None:
    """What the last button did, said once. Always in one container, present even when empty: the browser
    knows elements by their position, and a message pushing the page down would redraw what is below it
    (closing an open expander, dropping text typed in a box since the last run).

    Shown through ``plain``, always: a notice often carries what someone typed (an organisation's name, a
    section's title, a file name, the service's refusal quoting it), and Markdown in it must stay text."""
    notice = _ss().pop(NOTICE, None)
    _ss()[SHOWN_NOTICE] = notice  # a run caused only by typing shows it again (save_typed): the user did nothing new
    with st.container(key="coalition-notice"):
        if notice:
            (st.success if notice[0] == "success" else st.error)(plain(notice[1]))


def _context():
    """The service, the user (checked this run) and the open project's id, or None with a pointer to Projects."""
    service = session.coalition()
    user = service.user_for(_ss().get(session.TOKEN)) if service else None
    project_id = st.query_params.get(PROJECT_PARAM) or _ss().get("coalition:open")
    if user is None:
        return None
    if project_id and project_id not in {p.id for p in service.projects(user)}:
        project_id = None
    if not project_id:
        st.info(gettext("Open a project on the Projects page first."))
        nav.link("projects", label=gettext("Go to Projects"), icon=":material/folder_open:")
        return None
    _ss()["coalition:open"] = project_id  # the sidebar's page links drop it from the address: this tab remembers it
    if st.query_params.get(PROJECT_PARAM) != project_id:
        st.query_params[PROJECT_PARAM] = project_id  # and the address gets it back, for a refresh
    return service, user, project_id


def open_title(service, user) -> str | None:
    project_id = st.query_params.get(PROJECT_PARAM) or _ss().get("coalition:open")
    return next((p.title for p in service.projects(user) if p.id == project_id), None) if project_id else None


# -- projects ---------------------------------------------------------------------------------

def projects() -> None:
    service = session.coalition()
    user = service.user_for(_ss().get(session.TOKEN))
    st.title(gettext("Projects"))
    mine = service.projects(user)
    if not mine:
        st.info(gettext("Your organisation does not work on any project yet.") if user.role != "coordinator"
                else gettext("No projects yet: start one below, then invite the other organisations."))
    for summary in mine:
        with st.container(border=True):
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(f"**{plain(summary.title)}**")
            kind = f"{summary.mechanism}/{summary.kind}"
            left.caption(gettext("{kind} · version {version}", kind=kind, version=summary.version))
            if right.button(gettext("Open this project"), key=f"coalition-open-{summary.id}"):
                _ss()["coalition:open"] = summary.id
                nav.switch("sections", {PROJECT_PARAM: summary.id})
    if user.role == "coordinator":
        _start(service, user)


def _start(service, user) -> None:
    pack = state.rules()
    if pack is None:
        return
    st.header(gettext("Start a coalition project"))
    labels = {kind_id: f"{pack.kind(kind_id)[0].short_name}: {pack.kind(kind_id)[1].name}" for kind_id in pack.kind_ids()}
    with st.form("coalition-start", clear_on_submit=True):
        kind_id = st.selectbox(gettext("Mechanism and kind of document"), list(labels), format_func=labels.__getitem__, key="coalition-new-kind")
        title = st.text_input(gettext("Title of the submission"), key="coalition-new-title")
        state_name = st.text_input(gettext("State under review"), key="coalition-new-state")
        cycle = st.text_input(gettext("Cycle or session"), key="coalition-new-cycle", placeholder=gettext("e.g. 4th cycle, 50th session"))
        started = st.form_submit_button(gettext("Start the project"), type="primary")
    if not started:
        return
    if not title.strip():
        st.error(gettext("Please give a title."))
        return
    mechanism, kind = pack.kind(kind_id)
    # GRETA: the sections of the round the cycle names (the current one when it names none), as the local app starts a project.
    project = Project(id=new_id("prj"), title=title.strip(), mechanism=mechanism.id, kind=kind_id.split("/")[1], state=state_name.strip(),
                      cycle=cycle.strip(), members=[Member(name=user.organisation, role="coordinator")],
                      sections=[SectionText(id=s.id, title=s.title) for s in kind.sections_for(round_named(cycle))]
                      or [SectionText(id="text", title=gettext("Text"))])
    with uninterrupted():  # made and opened together: a second click would make another
        project_id = service.create_project(user, project)
        _ss()["coalition:open"] = project_id
        _ss()[NOTICE] = ("success", gettext("Project started. Invite the other organisations on the Coordination page."))
    nav.switch("sections", {PROJECT_PARAM: project_id})


# -- sections ---------------------------------------------------------------------------------

def sections() -> None:
    found = _context()
    if found is None:
        return
    service, user, project_id = found
    st.title(gettext("Sections"))
    role = service.role_in(user, project_id)
    states = service.sections(user, project_id)
    comments = service.comments(user, project_id)
    suggestions = [s for s in service.suggestions(user, project_id) if s.status == "open"]
    if service.is_locked(user, project_id):
        st.info(gettext("The coordinator has locked the project for the final read: you can read, comment and sign off, not change it."))
    else:
        st.caption(gettext("You can edit the sections assigned to your organisation; for the others, suggest a change or comment. "
                           "A section is saved when you leave its box."))
    for section in states:
        with st.container(border=True, key=f"coalition-section-{section.id}"):
            st.header(plain(section.title))
            assigned = plain(", ".join(section.assigned_to)) if section.assigned_to else gettext("nobody yet")
            saved = (gettext(" · last saved by {name}", name=plain(section.updated_by)) if section.updated_by else "")
            st.caption(gettext("Assigned to {organisations} · version {version}", organisations=assigned, version=section.version) + saved)
            if section.may_edit:
                _editor(project_id, section)
            else:
                st.markdown(plain(section.text) if section.text.strip() else "*" + gettext("(empty)") + "*")
                refused = _ss().get(f"{_keys(project_id, section.id)[0]}:refused")
                if refused is not None and refused != section.text:
                    st.warning(gettext("What you last wrote here could not be saved, as you can no longer edit this section: "
                                       "copy it from below, or send it as a suggestion."))
                    st.code(refused, language=None, wrap_lines=True)  # shown as text, with a copy button
                if role == "member":
                    _suggest(project_id, section, refused)
            _suggestions(project_id, section, [s for s in suggestions if s.section_id == section.id], role)
            _comments(project_id, section, [c for c in comments if c.section_id == section.id], user, role)


def _keys(project_id: str, section_id: str) -> tuple[str, str, str]:
    prefix = f"coalition:{project_id}:{section_id}"
    return f"{prefix}:text", f"{prefix}:base", f"{prefix}:conflict"


def _editor(project_id: str, section) -> None:
    text_key, base_key, conflict_key = _keys(project_id, section.id)
    base, in_box = _ss().get(base_key), _ss().get(text_key)
    if base is None or in_box is None or (base[0] != section.version and in_box == base[1]):
        # First shown (or shown again after another page, which drops the box's state), or saved elsewhere while
        # this box still shows what it was given: follow the store.
        _ss()[base_key] = (section.version, section.text)
        _ss()[text_key] = section.text
    # Saved as it is typed (the typed-text watcher, ``save_typed``), when the box is left, and by the button.
    _ss().setdefault(TYPED_BOXES, {})[typed_text.widget_class(text_key)] = (project_id, section.id, section.title)
    st.text_area(gettext("Text of '{title}'", title=plain(section.title)), key=text_key, height=200, label_visibility="collapsed",
                 on_change=_save, args=(project_id, section.id, section.title), kwargs={"left": True})
    conflict = _ss().get(conflict_key)
    if conflict is not None:
        _conflict(project_id, section, conflict)
        return
    if _ss()[base_key][0] != section.version:
        st.warning(gettext("Someone saved this section since you started editing it; saving will show both texts."))
    st.button(gettext("Save section"), key=f"coalition-save-{section.id}", on_click=_save, args=(project_id, section.id, section.title),
              type="primary")


@uninterrupted()
def _save(project_id: str, section_id: str, title: str, expected: int | None = None, typed: str | None = None,
          left: bool = False) -> bool:
    """Save the section's box (or ``typed``, its text as the watcher sent it) against the version it was read at.

    Saves made while typing say nothing (a notice appearing and going at every pause would move the page);
    leaving the box or pressing the button then says it is saved. Returns whether the server took it in."""
    from ..server.service import SectionConflict

    text_key, base_key, conflict_key = _keys(project_id, section_id)
    text = _ss().get(text_key, "") if typed is None else typed
    version, shown = _ss()[base_key]
    if typed is None and expected is None and state.is_blank_over_text(text, shown):
        _ss()[text_key] = shown  # held back (state.is_blank_over_text says why): the box shows the stored text again
        _ss()[f"{text_key}:held-blank"] = True
        return True
    if expected is None and text == shown:
        if _ss().pop(f"{text_key}:typed-saved", False):
            _ss()[NOTICE] = ("success", gettext("Saved '{title}'.", title=title))
        elif not left and typed is None:  # the button (a save by leaving the box in this run keeps its notice)
            _ss().setdefault(NOTICE, ("success", gettext("Nothing to save in '{title}': it is as stored.", title=title)))
        return True

    def save(service, user) -> None:
        from ..server.service import NotAllowed

        try:
            new_version = service.save_section(user, project_id, section_id, text, version if expected is None else expected)
        except NotAllowed:  # locked meanwhile, or no longer assigned: the words stay on the page, to copy or suggest
            _ss()[f"{text_key}:refused"] = text
            raise
        _ss()[base_key] = (new_version, text)
        _ss().pop(conflict_key, None)
        if typed is not None:
            _ss()[f"{text_key}:typed-saved"] = True

    try:
        return _act(save, None if typed is not None else gettext("Saved '{title}'.", title=title), conflicts=True)
    except SectionConflict as conflict:
        _ss()[conflict_key] = {"mine": conflict.mine, "theirs": conflict.theirs, "version": conflict.their_version,
                               "by": conflict.by or gettext("someone else"), "at": str(conflict.at)[:16]}
        return True


# -- typed text: nothing typed is lost -----------------------------------------------------------

TYPED_BOXES = "coalition:typed-boxes"  # widget class -> (project id, section id, title) of each section box drawn
ACKNOWLEDGED = "coalition:typed-acknowledged"  # {widget class: seq}: texts the server took in, for the browser to forget


def watch_typed_text() -> None:
    """Mount the typed-text watcher (components/typed_text.py) for the logged-in user's pages.

    A section's box is saved while it is typed, so text left by a page link, a reload or a closed tab is
    kept. Text that could not reach the database (the session ended in another tab, expired, or the
    database is away) is not acknowledged: the browser keeps it in this tab and sends it again once its
    box is back on the page, after the next login here, and it is saved then."""
    typed_text.watch(save_typed, _ss().get(ACKNOWLEDGED, {}))


@uninterrupted()
def save_typed() -> None:
    save_typed_report(typed_text.typed())


@uninterrupted()
def save_typed_report(report: typed_text.Typed) -> None:
    """Save what the typed-text watcher reported: the latest text of each section box typed in."""
    if _ss().get(SHOWN_NOTICE) is not None:
        _ss().setdefault(NOTICE, _ss()[SHOWN_NOTICE])  # typing is no new action: what the last one did stays said
    boxes = _ss().get(TYPED_BOXES, {})
    taken = []
    for name, text in report.texts.items():
        box = boxes.get(name)
        if box is None:  # not a section's box (a comment, a suggestion...): Streamlit sends those when they are left
            taken.append(name)
            continue
        project_id, section_id, title = box
        text_key, _base_key, conflict_key = _keys(project_id, section_id)
        emptied_by_hand = _ss().pop(f"{text_key}:held-blank", False) and not text.strip()
        if (report.restore or emptied_by_hand) and conflict_key not in _ss():
            _ss()[text_key] = text  # typed before a reload or the end of the session, or emptied by hand: the box shows it
        if _save(project_id, section_id, title, typed=text):
            taken.append(name)
            if report.restore:
                _ss()[NOTICE] = ("success", gettext("What you had typed in '{title}' is back and saved.", title=title))
    if report.seq is not None and taken:
        _ss().setdefault(ACKNOWLEDGED, {}).update(dict.fromkeys(taken, report.seq))


def _conflict(project_id: str, section, conflict: dict) -> None:
    st.error(gettext("{name} saved this section while you were editing it, so yours was not saved. Choose what to keep.",
                     name=plain(conflict["by"])))
    mine, theirs = st.columns(2)
    mine.markdown("**" + gettext("Yours") + "**")
    mine.text(conflict["mine"])
    theirs.markdown("**" + gettext("Theirs (version {version})", version=conflict["version"]) + "**")
    theirs.text(conflict["theirs"])
    one, two, three = st.columns(3)
    one.button(gettext("Keep mine"), key=f"coalition-mine-{section.id}", on_click=_save,
               args=(project_id, section.id, section.title, conflict["version"]))
    two.button(gettext("Take theirs"), key=f"coalition-theirs-{section.id}", on_click=_take, args=(project_id, section.id, False))
    three.button(gettext("Keep both, to edit"), key=f"coalition-both-{section.id}", on_click=_take, args=(project_id, section.id, True))


@uninterrupted()
def _take(project_id: str, section_id: str, both: bool) -> None:
    text_key, base_key, conflict_key = _keys(project_id, section_id)
    conflict = _ss().pop(conflict_key)
    _ss()[base_key] = (conflict["version"], conflict["theirs"])
    _ss()[text_key] = conflict["theirs"] + ("\n\n" + conflict["mine"] if both else "")


def _suggest(project_id: str, section, refused: str | None = None) -> None:
    """A member's suggestion box, starting from the section's text, or from her own text the service refused to save."""
    key = f"coalition:{project_id}:{section.id}:suggestion"
    with st.expander(gettext("Suggest a change"), key=f"coalition-suggest-open-{section.id}", expanded=refused is not None):
        if key not in _ss():
            _ss()[key] = section.text if refused is None else refused
        st.text_area(gettext("Your version of '{title}'", title=plain(section.title)), key=key, height=160)
        st.button(gettext("Send the suggestion"), key=f"coalition-suggest-{section.id}", on_click=_send_suggestion,
                  args=(project_id, section.id, key))


@uninterrupted()
def _send_suggestion(project_id: str, section_id: str, key: str) -> None:
    text = _ss().get(key, "")
    _act(lambda service, user: service.suggest(user, project_id, section_id, text),
         gettext("Suggestion sent: the coordinator will accept or reject it."))
    if _ss().get(NOTICE, ("",))[0] == "success":
        _ss().pop(key, None)


def _suggestions(project_id: str, section, open_ones: list, role: str) -> None:
    for suggestion in open_ones:
        with st.container(border=True):
            st.caption(gettext("Suggestion by {name} ({organisation}), written on version {version}", name=plain(suggestion.author),
                               organisation=plain(suggestion.organisation), version=suggestion.base_version))
            st.text(suggestion.text)
            if role == "coordinator":
                accept, reject = st.columns(2)
                accept.button(gettext("Accept"), key=f"coalition-accept-{suggestion.id}", on_click=_decide,
                              args=(suggestion.id, True, section.version, section.title))
                reject.button(gettext("Reject"), key=f"coalition-reject-{suggestion.id}", on_click=_decide,
                              args=(suggestion.id, False, section.version, section.title))


@uninterrupted()
def _decide(suggestion_id: int, accept: bool, shown_version: int, title: str) -> None:
    # Accepted over the version the coordinator sees now: they read the suggestion beside that text.
    _act(lambda service, user: service.decide(user, suggestion_id, accept, shown_version if accept else None),
         gettext("Accepted: '{title}' now has the suggested text.", title=title) if accept else gettext("Suggestion rejected."))


def _comments(project_id: str, section, comments: list, user, role: str) -> None:
    unresolved = [c for c in comments if c.resolved_at is None]
    label = gettext("Comments ({count})", count=len(unresolved)) if unresolved else gettext("Comments")
    with st.expander(label, expanded=bool(unresolved), key=f"coalition-comments-open-{section.id}"):
        for comment in comments:
            when = comment.created_at.strftime("%Y-%m-%d %H:%M")
            st.markdown(f"**{plain(comment.author)}** ({plain(comment.organisation)}), {when}: {plain(comment.text)}")
            if comment.resolved_at is not None:
                st.caption(gettext("Resolved by {name}", name=plain(comment.resolved_by or "")))
            elif role == "coordinator" or comment.author == user.name:
                st.button(gettext("Resolve"), key=f"coalition-resolve-{comment.id}", on_click=_act,
                          args=(lambda service, u, i=comment.id: service.resolve_comment(u, i), gettext("Comment resolved.")))
        key = f"coalition:{project_id}:{section.id}:comment"
        st.text_area(gettext("New comment on '{title}'", title=plain(section.title)), key=key, height=80)
        st.button(gettext("Add the comment"), key=f"coalition-comment-{section.id}", on_click=_add_comment, args=(project_id, section.id, key))


@uninterrupted()
def _add_comment(project_id: str, section_id: str, key: str) -> None:
    text = _ss().get(key, "")
    _act(lambda service, user: service.comment(user, project_id, section_id, text), gettext("Comment added."))
    if _ss().get(NOTICE, ("",))[0] == "success":
        _ss()[key] = ""


# -- evidence ---------------------------------------------------------------------------------

KINDS = typing.get_args(EvidenceKind)


def evidence() -> None:
    found = _context()
    if found is None:
        return
    service, user, project_id = found
    st.title(gettext("Evidence"))
    role = service.role_in(user, project_id)
    project = service.project_for(user, project_id)
    names = {m.id: m.name for m in project.members}
    st.caption(gettext("Confidential evidence is seen only by the organisation that gave it and the coordinator."))
    if not project.evidence:
        st.info(gettext("No evidence yet."))
    for item in project.evidence:
        owner = item.contributed_by or project.coordinator.id
        with st.container(border=True):
            st.markdown(f"**{plain(item.claim)}**")
            source = item.source.citation if item.source else gettext("no source yet")
            st.caption(f"{plain(item.id)} · {plain(word_for(item.kind))} · {gettext(CONFIDENTIALITY[item.confidentiality])} · {plain(names.get(owner, owner))} · "
                       f"{plain(source)}")
            if role == "coordinator" or (role == "member" and owner == user.organisation_id):
                _change_evidence(project_id, item)
                st.button(gettext("Remove"), key=f"coalition-remove-{item.id}", on_click=_act,
                          args=(lambda service, u, i=item.id: service.delete_evidence(u, project_id, i), gettext("Evidence removed.")))
    if role in ("coordinator", "member"):
        st.header(gettext("Add evidence from your organisation"))
        with st.form("coalition-evidence", clear_on_submit=True):
            kind = st.selectbox(gettext("Kind"), KINDS, key="coalition-ev-kind")
            claim = st.text_area(gettext("What it shows"), key="coalition-ev-claim", height=80)
            citation = st.text_input(gettext("Source"), key="coalition-ev-source")
            confidentiality = st.radio(gettext("Who may see it"), ["public", "restricted", "confidential"], key="coalition-ev-confidentiality",
                                       format_func=lambda v: gettext(CONFIDENTIALITY[v]), horizontal=True)
            added = st.form_submit_button(gettext("Add the evidence"))
        if added:
            if not claim.strip():
                st.error(gettext("Say what the evidence shows first."))
                return
            item = EvidenceItem(kind=kind, claim=claim.strip(), source=Citation(citation=citation.strip()) if citation.strip() else None,
                                contributed_by=user.organisation_id, confidentiality=confidentiality)
            _act(lambda service, u: service.save_evidence(u, project_id, item), gettext("Evidence added."))
            st.rerun()


def _change_evidence(project_id: str, item: EvidenceItem) -> None:
    with st.expander(gettext("Change"), key=f"coalition-ev-change-{item.id}"), st.form(f"coalition-ev-form-{item.id}"):
        claim = st.text_area(gettext("What it shows"), value=item.claim, key=f"coalition-ev-claim-{item.id}", height=80)
        citation = st.text_input(gettext("Source"), value=item.source.citation if item.source else "", key=f"coalition-ev-source-{item.id}")
        options = list(CONFIDENTIALITY)
        confidentiality = st.radio(gettext("Who may see it"), options, index=options.index(item.confidentiality), horizontal=True,
                                   key=f"coalition-ev-confidentiality-{item.id}", format_func=lambda v: gettext(CONFIDENTIALITY[v]))
        saved = st.form_submit_button(gettext("Save the evidence"))
    if not saved:
        return
    if not claim.strip():
        st.error(gettext("Say what the evidence shows first."))
        return
    source = (item.source.model_copy(update={"citation": citation.strip()}) if item.source else Citation(citation=citation.strip())
              ) if citation.strip() else None
    changed = item.model_copy(update={"claim": claim.strip(), "source": source, "confidentiality": confidentiality})
    _act(lambda service, u: service.save_evidence(u, project_id, changed), gettext("Evidence saved."))
    st.rerun()


CONFIDENTIALITY = {"public": N_("Public"), "restricted": N_("The coalition"), "confidential": N_("Only my organisation and the coordinator")}


# -- sign-off ---------------------------------------------------------------------------------

def signoff() -> None:
    found = _context()
    if found is None:
        return
    service, user, project_id = found
    st.title(gettext("Sign-off"))
    role = service.role_in(user, project_id)
    status = service.signoff_status(user, project_id)
    short = status.snapshot_hash[:12]
    st.markdown(gettext("The project as it stands now is version **{hash}**. Signing off approves exactly this version; "
                        "any later change reopens every sign-off.", hash=short))
    for item in status.organisations:
        with st.container(border=True, key=f"coalition-signoff-{item.organisation_id}"):
            st.markdown(f"**{plain(item.organisation)}**: {gettext(SIGNOFF_STATES[item.state])}")
            if item.state != "pending" and item.on_behalf:
                st.caption(gettext("{name} recorded, on its behalf, that {organisation} signed version {hash} elsewhere, on {date}",
                                   name=plain(item.signed_by or ""), organisation=plain(item.organisation),
                                   hash=(item.snapshot_hash or "")[:12], date=_when(item.signed_at)))
            elif item.state != "pending":
                st.caption(gettext("{name} signed version {hash} on {date}", name=plain(item.signed_by or ""), hash=(item.snapshot_hash or "")[:12],
                                   date=_when(item.signed_at)))
    if role == "reviewer":
        return
    names = {o.organisation_id: o.organisation for o in status.organisations}
    if user.organisation_id in names:  # one's own organisation: the only sign-off a click gives
        st.button(gettext("Sign off version {hash} for {organisation}", hash=short, organisation=plain(names[user.organisation_id])),
                  key="coalition-sign", type="primary", on_click=_act,
                  args=(lambda service, u: service.sign_off(u, project_id, status.snapshot_hash),
                        gettext("Signed off version {hash}.", hash=short)))
    others = [i for i in names if i != user.organisation_id]
    if role == "coordinator" and others:
        _record_on_behalf(project_id, status.snapshot_hash, {i: names[i] for i in others}, user.name)


def _record_on_behalf(project_id: str, snapshot: str, names: dict[str, str], recorder: str) -> None:
    """The coordinator records a sign-off another organisation gave elsewhere (e-mail, a meeting): nothing is
    chosen beforehand and the coordinator confirms, so a slip never states another organisation's consent."""
    short = snapshot[:12]
    with st.expander(gettext("Record a sign-off given elsewhere, on another organisation's behalf")):
        organisation_id = st.selectbox(gettext("Organisation that approved version {hash}", hash=short), list(names), index=None,
                                       format_func=names.__getitem__, placeholder=gettext("Choose the organisation"),
                                       key="coalition-signoff-for")
        if organisation_id is None:
            return
        confirmed = st.checkbox(gettext("{organisation} approved version {hash} outside this app; I record it on its behalf, "
                                        "under my name ({name}).", organisation=plain(names[organisation_id]), hash=short, name=plain(recorder)),
                                key="coalition-signoff-confirm")
        st.button(gettext("Record the sign-off of {organisation}", organisation=plain(names[organisation_id])), key="coalition-sign-for",
                  disabled=not confirmed, on_click=_act,
                  args=(lambda service, u: service.sign_off(u, project_id, snapshot, organisation_id, on_behalf=True),
                        gettext("Recorded on behalf of {organisation}: it approved version {hash}.", organisation=names[organisation_id],
                                hash=short)))


def _when(moment: dt.datetime | None) -> str:
    return translation.date(moment.date()) if moment else ""


# -- check ------------------------------------------------------------------------------------

def check(show_report) -> None:
    """The Check page's findings for the project as this user sees it (read only: fixes are made on the Sections page)."""
    from ..checks import CheckConfig, run_checks
    from ..importers.project import project_to_draft

    found = _context()
    if found is None:
        return
    service, user, project_id = found
    pack = state.rules()
    if pack is None:
        return
    st.title(gettext("Check"))
    language = translation.current()
    wanted = (project_id, service.store.head(project_id), language, dt.date.today())
    cached = _ss().get("coalition:check")
    if cached is None or cached[0] != wanted:  # checked once per version of the project
        with st.spinner(gettext("Checking…")):
            draft = project_to_draft(service.project_for(user, project_id), pack, dt.date.today())
            cached = (wanted, run_checks(draft, pack, CheckConfig(today=dt.date.today(), language=language)))
        _ss()["coalition:check"] = cached
    show_report(cached[1])


# -- the coordinator --------------------------------------------------------------------------

def coordination() -> None:
    found = _context()
    if found is None:
        return
    service, user, project_id = found
    st.title(gettext("Coordination"))
    if service.role_in(user, project_id) != "coordinator":
        st.info(gettext("Only the project's coordinator can invite, assign, lock and read the audit log."))
        return
    project = service.project_for(user, project_id)
    st.header(gettext("Organisations"))
    st.markdown(", ".join(plain(m.name) for m in project.members))
    invite_key = "coalition-invite-name"
    st.text_input(gettext("Invite an organisation (its users are added with shadowreport users add)"), key=invite_key)
    st.button(gettext("Invite"), key="coalition-invite", on_click=uninterrupted()(lambda: _act(
        lambda service, u: service.invite(u, project_id, _ss().get(invite_key, "")), gettext("Organisation invited."))))

    st.header(gettext("Who writes which section"))
    states = {s.id: s for s in service.sections(user, project_id)}
    section_id = st.selectbox(gettext("Section"), list(states), format_func=lambda s: states[s].title, key="coalition-assign-section")
    st.selectbox(gettext("Organisation"), [m.name for m in project.members], key="coalition-assign-organisation")
    st.caption(gettext("Assigned to {organisations}", organisations=plain(", ".join(states[section_id].assigned_to)) or gettext("nobody yet")))
    st.button(gettext("Assign"), key="coalition-assign", on_click=_act,  # the boxes' values as they are at the click
              args=(lambda service, u: service.assign(u, project_id, _ss()["coalition-assign-section"], _ss()["coalition-assign-organisation"]),
                    gettext("Section assigned.")))

    st.header(gettext("Lock"))
    if service.is_locked(user, project_id):
        st.caption(gettext("The project is locked: members can read, comment and sign off, not change it."))
        st.button(gettext("Unlock the project"), key="coalition-unlock", on_click=_act,
                  args=(lambda service, u: service.lock(u, project_id, False), gettext("Project unlocked.")))
    else:
        st.caption(gettext("A locked project can no longer be changed by members, e.g. for the final read."))
        st.button(gettext("Lock the project"), key="coalition-lock", on_click=_act,
                  args=(lambda service, u: service.lock(u, project_id, True), gettext("Project locked.")))

    st.header(gettext("Merge a contribution file"))
    _merge(project_id)

    st.header(gettext("Audit log"))
    entries = service.audit(user, project_id)
    names = {m.id: m.name for m in project.members}  # sign-offs name the organisation by its id
    st.dataframe([{gettext("When"): e.at.strftime("%Y-%m-%d %H:%M:%S"), gettext("Who"): e.user or gettext("(administrator)"),
                   gettext("What"): e.action, gettext("Item"): names.get(e.target, e.target), gettext("Details"): e.summary}
                  for e in entries],
                 hide_index=True, width="stretch")


def _merge(project_id: str) -> None:
    from ..project.exchange import Contribution, ExchangeError, parse_any

    upload = st.file_uploader(gettext("Contribution file (.yml) from a member organisation"), type=["yml", "yaml"], key="coalition-merge-file")
    if upload is None or not st.button(gettext("Merge it"), key="coalition-merge"):
        return
    try:
        _kind, payload = parse_any(upload.getvalue(), upload.name)
    except ExchangeError as error:
        st.error(plain(error.problems[0]))
        return
    if not isinstance(payload, Contribution):
        st.error(gettext("{file} is a whole project, not a contribution: only contributions are merged.", file=plain(upload.name)))
        return
    reports = []
    _act(lambda service, u: reports.append(service.merge(u, project_id, payload)))
    if reports:
        _ss()[NOTICE] = ("success", gettext("Merged: {summary}", summary=reports[0].summary()))
    st.rerun()


def export(render) -> None:
    """The coordinator's export: the whole project (confidential evidence too) through the Export page's privacy gate."""
    found = _context()
    if found is None:
        return
    service, user, project_id = found
    if service.role_in(user, project_id) != "coordinator":
        st.info(gettext("Only the project's coordinator exports the report."))
        return
    # Read (and written in the audit log) once per version of the project, not at every click on the page.
    version = service.store.head(project_id)
    cached = _ss().get("coalition:export")
    if cached is None or cached[0] != (project_id, version):
        cached = ((project_id, version), service.export(user, project_id))
        _ss()["coalition:export"] = cached
    render(cached[1])
