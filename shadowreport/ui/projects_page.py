"""Projects: start one from a mechanism and kind, open a sample, import a file, list your projects."""

from __future__ import annotations

import datetime as dt
import re
import time

import streamlit as st

from ..i18n import N_, translator
from ..language import section_text
from ..paths import builtin_dir
from ..project.exchange import ExchangeError, parse_any, read_project
from ..project.model import DeadlineOverride, Member, Project, SectionText, new_id
from ..rules.rounds import round_named
from ..store import TRASH_DAYS, StoreError
from . import coalition_review, state, translation
from .text import plain
from .translation import gettext, ngettext
from .trash import JUST_TRASHED, move_to_trash

UNDO_SECONDS = 10 * 60  # after that, restoring is done from the trash list

# Stable option values (tests and sessions use them), translated only where shown.
ONE_ORGANISATION, COALITION = N_("One organisation"), N_("A coalition")
STATUS_WORDS = {"planning": N_("planning"), "drafting": N_("drafting"), "in-review": N_("in review"), "signed-off": N_("signed off"),
                "submitted": N_("submitted")}
METHOD_WORDS = {"official": N_("official"), "known closing date": N_("known closing date"), "session-offset estimate": N_("session-offset estimate"),
                "fixed annual date": N_("fixed annual date"), "fixed date": N_("fixed date"), "per call": N_("per call"), "none": N_("none")}


def render() -> None:
    st.title(gettext("Projects"))
    pack, store = state.rules(), state.store()
    if pack is None or store is None:
        return
    recent, start, from_draft, sample, imports = st.tabs([gettext("Your projects"), gettext("Start a project"), gettext("Start from a Word draft"),
                                                          gettext("Open a sample"), gettext("Import a file")],
                                                         key="projects_tabs")  # keyed: the open tab stays open in another language
    with recent:
        _recent(store, pack)
    with start:
        _wizard(store, pack)
    with from_draft:
        _from_draft(store, pack)
    with sample:
        _samples(store, pack)
    with imports:
        _import(store, pack)


def _recent(store, pack) -> None:
    try:
        store.expire_trash()  # the app may run for weeks: what has been in the trash 30 days goes now
        summaries, archived, trashed = store.list(), store.list(archived=True), store.trashed()
    except StoreError as error:
        st.error(translation.sentence(error))
        return
    _undo_banner(store, {summary.id for summary in trashed})
    if not summaries:
        st.info(gettext("No projects yet: start one, or open a sample to see how it works.") if not archived else
                gettext("No projects in use: your archived projects are listed below."))
    today = dt.date.today()
    for summary in summaries:
        _project_row(store, pack, summary, today)
    if archived:
        with st.expander(gettext("Archived projects ({count})", count=translation.number(len(archived))), key="archived_projects"):
            for summary in archived:
                _archived_row(store, summary)
    _trash(store, trashed)
    _purge(store)


def _project_row(store, pack, summary, today: dt.date) -> None:
    with st.container(border=True):
        left, middle, right = st.columns([5, 3, 1])
        left.markdown(f"**{plain(summary.title)}**")
        left.caption(gettext("{kind} · {status} · saved {when} UTC", kind=summary.mechanism + "/" + summary.kind,
                             status=gettext(STATUS_WORDS.get(summary.status, summary.status)), when=_saved_at(summary.updated_at)))
        try:
            deadline = store.load(summary.id).project.deadline(pack, today)
            method = gettext(METHOD_WORDS.get(deadline.method, deadline.method))
            when = f"{translation.short_date(deadline.date)} ({method})" if deadline.date else method
        except (StoreError, KeyError):
            when = gettext("unknown")
        middle.caption(gettext("Deadline: {when}", when=plain(when)))
        if right.button(gettext("Open"), key=f"open:{summary.id}"):
            state.open_project(summary.id)
            state.go("draft")
        if right.button(gettext("Delete"), key=f"delete:{summary.id}",
                        help=gettext("Moves the project to the trash, where it is kept {days} days", days=TRASH_DAYS)):
            move_to_trash(store, summary.id, summary.version, summary.title)
            st.rerun()


def _saved_at(stamp: str) -> str:
    """When a project was saved (an ISO time in UTC), as the reader's language writes dates: 02 Dec 2026 07:15, 2 déc. 2026 07:15."""
    try:
        saved = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp[:16].replace("T", " ")  # not a time this app wrote: shown as stored
    return f"{translation.short_date(saved.date())} {saved:%H:%M}"


def _day(stamp: str) -> str:
    """The day of an ISO time, as the reader's language writes dates in a list."""
    try:
        return translation.short_date(dt.date.fromisoformat(stamp[:10]))
    except ValueError:
        return stamp[:10]


def _archived_row(store, summary) -> None:
    left, middle, right = st.columns([4, 1, 2])
    left.markdown(plain(summary.title))
    left.caption(gettext("{kind} · archived {when}", kind=summary.mechanism + "/" + summary.kind, when=_day(summary.archived_at)))
    if middle.button(gettext("Open"), key=f"open_archived:{summary.id}"):
        state.open_project(summary.id)
        state.go("draft")
    if right.button(gettext("Unarchive"), key=f"unarchive:{summary.id}"):
        _act(lambda: store.set_archived(summary.id, False))


def _undo_banner(store, in_trash: set[str]) -> None:
    """"Undo" for the project this tab just moved to the trash, while it is still there and for a few minutes."""
    trashed = st.session_state.get(JUST_TRASHED)
    if not trashed:
        return
    project_id, title, when = trashed
    if project_id not in in_trash or time.monotonic() - when > UNDO_SECONDS:
        st.session_state.pop(JUST_TRASHED, None)
        return
    left, right = st.columns([5, 1])
    left.success(gettext("Moved to the trash: {title}. It is kept {days} days, then deleted for good.", title=plain(title), days=TRASH_DAYS))
    if right.button(gettext("Undo"), key="undo_trash", type="primary"):
        st.session_state.pop(JUST_TRASHED, None)
        _act(lambda: store.restore(project_id))


def _trash(store, trashed) -> None:
    if not trashed:
        return
    with st.expander(gettext("Trash ({count})", count=translation.number(len(trashed))), key="trash"):
        st.caption(gettext("Deleted projects are kept here {days} days, so a mistake can be undone, then deleted for good. "
                           "A project with personal data you must erase now: delete it for good here.", days=TRASH_DAYS))
        for summary in trashed:
            left, middle, right = st.columns([4, 1, 2])
            left.markdown(plain(summary.title))
            left.caption(gettext("deleted {when} · deleted for good on {purge_on}", when=_day(summary.deleted_at),
                                 purge_on=translation.short_date(summary.purge_on)))
            if middle.button(gettext("Restore"), key=f"restore:{summary.id}"):
                _act(lambda summary=summary: store.restore(summary.id))
            if right.button(gettext("Delete for good"), key=f"delete_for_good:{summary.id}"):
                _act(lambda summary=summary: store.delete(summary.id))
        if st.button(gettext("Empty the trash"), key="empty_trash"):
            _act(store.empty_trash)


def _act(action) -> None:
    """Do a store action, then redraw; a failure is one sentence at the top of the page."""
    try:
        action()
    except StoreError as error:
        st.session_state["notice"] = ("error", translation.sentence(error))
    st.rerun()


def _purge(store) -> None:
    """Deleting an item removes it at once; what was edited away lives on in earlier versions until purged."""
    st.divider()
    st.caption(gettext("Earlier versions of each project are kept so that no edit is lost. They still hold text you have "
                       "since changed or taken out. Purging keeps only the current version of each project and wipes the rest "
                       "from the store and its backup. Projects in the trash are kept until you delete them for good there."))
    if st.button(gettext("Purge deleted data"), key="purge_deleted_data"):
        try:
            report = store.purge_deleted_data()
        except StoreError as error:
            st.error(translation.sentence(error))
            return
        in_trash = len(store.trashed())
        kept = (" " + ngettext("The {count} project(s) in the trash stay until you delete them for good.",
                               "The {count} project(s) in the trash stay until you delete them for good.", in_trash)) if in_trash else ""
        st.success(ngettext("Purged {count} earlier version(s); nothing edited away is left in the store or its backup.",
                            "Purged {count} earlier version(s); nothing edited away is left in the store or its backup.",
                            report.revisions_removed) + kept)


def _wizard(store, pack) -> None:
    labels = {kind_id: f"{pack.kind(kind_id)[0].short_name}: {pack.kind(kind_id)[1].name}" for kind_id in pack.kind_ids()}
    kind_id = st.selectbox(gettext("Mechanism and kind of document"), list(labels), format_func=labels.__getitem__, key="new_kind")
    mechanism, kind = pack.kind(kind_id)
    languages = kind.languages.value if kind.languages else ["en"]
    with st.form("new_project"):
        title = st.text_input(gettext("Title of the submission"), key="new_title",
                              placeholder=gettext("e.g. Trafficking for labour exploitation in agriculture"))
        state_name = st.text_input(gettext("State under review"), key="new_state")
        cycle = st.text_input(gettext("Cycle or session"), key="new_cycle", placeholder=gettext("e.g. 4th cycle, 50th session"))
        session_date = st.date_input(gettext("Session date (if known)"), key="new_session_date", value=None, format="YYYY-MM-DD")
        deadline = st.date_input(gettext("Official deadline (if known)"), key="new_deadline", value=None, format="YYYY-MM-DD")
        deadline_source = st.text_input(gettext("Where the official deadline comes from"), key="new_deadline_source",
                                        placeholder=gettext("e.g. the session's information note"))
        joint = st.radio(gettext("Who submits"), [ONE_ORGANISATION, COALITION], key="new_joint", horizontal=True,
                         format_func=translation.formatter()) == COALITION
        organisation = st.text_input(gettext("Your organisation"), key="new_organisation")
        partners = st.text_area(gettext("Other organisations in the coalition, one per line (you coordinate)"), key="new_partners", height=80)
        contact = st.text_input(gettext("Contact for the mechanism (an organisational address)"), key="new_contact")
        language = st.selectbox(gettext("Language"), languages, key="new_language", format_func=translation.language_names())
        created = st.form_submit_button(gettext("Start the project"), type="primary")
    if not created:
        return
    if not title.strip() and not organisation.strip():
        st.error(gettext("Please give a title and your organisation."))
        return
    if not title.strip() or not organisation.strip():
        st.error(gettext("Please give a title.") if not title.strip() else gettext("Please give your organisation."))
        return
    project = Project(
        id=new_id("prj"), title=title.strip(), mechanism=mechanism.id, kind=kind_id.split("/")[1], state=state_name.strip(),
        cycle=cycle.strip(), session_date=session_date, language=language,
        members=[Member(name=organisation.strip(), contact=contact.strip(), role="coordinator"),
                 *(Member(name=name.strip(), role="member") for name in partners.splitlines() if name.strip() and joint)],
        # GRETA: the cycle's round. Titled in the project's language when its vocabulary file says how (as the export does).
        sections=[SectionText(id=section.id, title=section_text(kind_id, section.id, language).get("title", section.title))
                  for section in kind.sections_for(round_named(cycle))]
        or [SectionText(id="text", title=translator(language).gettext("Text"))],
        deadline_override=DeadlineOverride(date=deadline, source=deadline_source.strip() or gettext("entered by the user")) if deadline else None,
        notes=gettext("A coalition submission: members can send their contributions for you to import on the Projects page.") if joint else "",
    )
    state.create_and_open(store, project)


def _samples(store, pack) -> None:
    samples = _sample_list(pack)
    st.caption(gettext("A sample is a complete, realistic project that shows what the checks look for. Opening it makes your own copy."))
    for sample in samples.values():
        with st.container(border=True):
            st.markdown(f"**{plain(sample['title'])}**")
            st.caption(plain(f"{sample['mechanism']}: {sample['kind']} · {sample['language']}. {sample['description']}"))
    choice = st.selectbox(gettext("Sample"), list(samples), format_func=lambda name: samples[name]["title"], key="sample_choice")
    if st.button(gettext("Open this sample"), key="open_sample"):
        project = read_project(builtin_dir("samples") / choice, pack=pack)
        copy = project.model_copy(update={"id": new_id("prj")})
        state.create_and_open(store, copy)


def _sample_list(pack) -> dict[str, dict[str, str]]:
    """Each built-in sample by file name: its title, mechanism, kind, language and the first sentence of its notes."""
    samples = {}
    for path in sorted(builtin_dir("samples").glob("*.yml")):
        project = read_project(path)
        mechanism, kind = pack.kind(project.kind_id)
        samples[path.name] = {"title": project.title, "mechanism": mechanism.short_name, "kind": kind.name,
                              "language": translation.language_name(project.language),
                              "description": _first_sentence(project.notes)}
    return samples


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(text.split()), maxsplit=1)[0]


def _from_draft(store, pack) -> None:
    """A draft written elsewhere (Word, Markdown, text) becomes a project: its sections, sources and recommendations."""
    from ..importers import DraftImportError, read_draft_bytes
    from ..importers.guess import guess_kind
    from ..importers.word_project import draft_to_project, word_comments_and_authors

    upload = st.file_uploader(gettext("Your draft (.docx, .md or .txt)"), type=["docx", "md", "markdown", "txt"], key="draft_upload")
    if upload is None:
        st.caption(gettext("Its sections are matched with the ones the mechanism expects, its footnotes become evidence sources and "
                           "its recommendations are split into who, action and timeframe for you to confirm. Nothing leaves this computer."))
        return
    data = upload.getvalue()
    try:
        draft = read_draft_bytes(data, upload.name, pack=pack)
    except DraftImportError as error:
        st.error(plain(str(error)))
        return
    labels = {kind_id: f"{pack.kind(kind_id)[0].short_name}: {pack.kind(kind_id)[1].name}" for kind_id in pack.kind_ids()}
    guess = guess_kind(draft, pack) if draft.kind is None else None
    known = draft.kind or (guess.kind if guess else None)
    kind_id = st.selectbox(gettext("Mechanism and kind of document"), list(labels), format_func=labels.__getitem__, key="draft_kind",
                           index=list(labels).index(known) if known in labels else None, placeholder=gettext("Choose the mechanism and kind"))
    if guess is not None:
        st.caption(gettext("Guessed because {reason}: change it if that is wrong.", reason=plain(guess.reason)))
    if kind_id is None:
        return
    if st.button(gettext("Start a project from this draft"), key="start_from_draft", type="primary"):
        comments, authors = word_comments_and_authors(data) if upload.name.lower().endswith(".docx") else ([], [])
        result = draft_to_project(draft, pack, kind_id, comments=comments, members=authors, t=translation.translator())
        try:
            state.create_and_open(store, result.project, notice=(
                "success", gettext("Started from your draft.") + " " + " ".join(plain(line) for line in result.report)))
        except StoreError as error:
            st.error(translation.sentence(error))


def _import(store, pack) -> None:
    upload = st.file_uploader(gettext("A project file, or a coalition member's contribution (.yml)"), type=["yml", "yaml", "json"], key="import_upload")
    if upload is None:
        return
    try:
        file_type, payload = parse_any(upload.getvalue(), upload.name, pack=pack)
    except ExchangeError as error:
        more = len(error.problems) - 1
        st.error(plain(error.problems[0]) + (" " + ngettext("(and {count} more problem(s))", "(and {count} more problem(s))", more) if more else ""))
        return
    if file_type == "project":
        if store.exists(payload.id):  # in use, archived or in the trash
            st.warning(gettext("A project with this id is already here ('{title}'). Importing makes a copy.", title=plain(payload.title)))
            payload = payload.model_copy(update={"id": new_id("prj")})
        if st.button(gettext("Import '{title}'", title=plain(payload.title)), key="import_project", type="primary"):
            try:
                state.create_and_open(store, payload)
            except StoreError as error:
                st.error(translation.sentence(error))
        return
    coalition_review.render(payload)
