"""Projects: start one from a mechanism and kind, open a sample, import a file, list your projects."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ..paths import builtin_dir
from ..project.exchange import ExchangeError, parse_any, read_project
from ..project.model import DeadlineOverride, Member, Project, SectionText, new_id
from ..store import StoreError
from . import coalition_review, state

LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "ru": "Russian", "zh": "Chinese"}


def render() -> None:
    st.title("Projects")
    pack, store = state.rules(), state.store()
    if pack is None or store is None:
        return
    recent, start, sample, imports = st.tabs(["Your projects", "Start a project", "Open a sample", "Import a file"])
    with recent:
        _recent(store, pack)
    with start:
        _wizard(store, pack)
    with sample:
        _samples(store, pack)
    with imports:
        _import(store, pack)


def _recent(store, pack) -> None:
    try:
        summaries = store.list()
    except StoreError as error:
        st.error(str(error))
        return
    if not summaries:
        st.info("No projects yet: start one, or open a sample to see how it works.")
        _purge(store)
        return
    today = dt.date.today()
    for summary in summaries:
        with st.container(border=True):
            left, middle, right = st.columns([5, 3, 1])
            left.markdown(f"**{summary.title}**")
            left.caption(f"{summary.mechanism}/{summary.kind} · {summary.status} · saved {summary.updated_at[:16].replace('T', ' ')} UTC")
            try:
                deadline = store.load(summary.id).project.deadline(pack, today)
                when = f"{deadline.date:%d %b %Y} ({deadline.method})" if deadline.date else deadline.method
            except (StoreError, KeyError):
                when = "unknown"
            middle.caption(f"Deadline: {when}")
            if right.button("Open", key=f"open:{summary.id}"):
                state.open_project(summary.id)
                state.go("draft")
            if right.button("Delete", key=f"delete:{summary.id}"):
                st.session_state["confirm_delete"] = summary.id
            if st.session_state.get("confirm_delete") == summary.id:
                st.warning("Delete this project and every earlier version of it, for good? It cannot be undone.")
                if st.button("Delete for good", key=f"delete_for_good:{summary.id}", type="primary"):
                    _delete(store, summary)
    _purge(store)


def _delete(store, summary) -> None:
    st.session_state.pop("confirm_delete", None)
    try:
        store.delete(summary.id, summary.version)
    except StoreError as error:
        st.error(str(error))
        return
    if st.session_state.get("open_project") == summary.id:
        state.close_project()
    st.rerun()


def _purge(store) -> None:
    """Deleting an item or a project removes it at once; what was edited away lives on in earlier versions until purged."""
    st.divider()
    st.caption("Earlier versions of each project are kept so that no edit is lost. They still hold text you have "
               "since changed or taken out. Purging keeps only the current version of each project and wipes the rest "
               "from the store and its backup.")
    if st.button("Purge deleted data", key="purge_deleted_data"):
        try:
            report = store.purge_deleted_data()
        except StoreError as error:
            st.error(str(error))
            return
        st.success(f"Purged {report.revisions_removed} earlier version(s); nothing deleted is left in the store or its backup.")


def _wizard(store, pack) -> None:
    labels = {kind_id: f"{pack.kind(kind_id)[0].short_name}: {pack.kind(kind_id)[1].name}" for kind_id in pack.kind_ids()}
    kind_id = st.selectbox("Mechanism and kind of document", list(labels), format_func=labels.__getitem__, key="new_kind")
    mechanism, kind = pack.kind(kind_id)
    languages = kind.languages.value if kind.languages else ["en"]
    with st.form("new_project"):
        title = st.text_input("Title of the submission", key="new_title", placeholder="e.g. Trafficking for labour exploitation in agriculture")
        state_name = st.text_input("State under review", key="new_state")
        cycle = st.text_input("Cycle or session", key="new_cycle", placeholder="e.g. 4th cycle, 50th session")
        session_date = st.date_input("Session date (if known)", key="new_session_date", value=None, format="YYYY-MM-DD")
        deadline = st.date_input("Official deadline (if known)", key="new_deadline", value=None, format="YYYY-MM-DD")
        deadline_source = st.text_input("Where the official deadline comes from", key="new_deadline_source", placeholder="e.g. the session's information note")
        joint = st.radio("Who submits", ["One organisation", "A coalition"], key="new_joint", horizontal=True) == "A coalition"
        organisation = st.text_input("Your organisation", key="new_organisation")
        partners = st.text_area("Other organisations in the coalition, one per line (you coordinate)", key="new_partners", height=80)
        contact = st.text_input("Contact for the mechanism (an organisational address)", key="new_contact")
        language = st.selectbox("Language", languages, key="new_language", format_func=lambda code: LANGUAGE_NAMES.get(code, code))
        created = st.form_submit_button("Start the project", type="primary")
    if not created:
        return
    problems = [label for label, value in (("a title", title), ("your organisation", organisation)) if not value.strip()]
    if problems:
        st.error("Please give " + " and ".join(problems) + ".")
        return
    project = Project(
        id=new_id("prj"), title=title.strip(), mechanism=mechanism.id, kind=kind_id.split("/")[1], state=state_name.strip(),
        cycle=cycle.strip(), session_date=session_date, language=language,
        members=[Member(name=organisation.strip(), contact=contact.strip(), role="coordinator"),
                 *(Member(name=name.strip(), role="member") for name in partners.splitlines() if name.strip() and joint)],
        sections=[SectionText(id=section.id, title=section.title) for section in kind.sections] or [SectionText(id="text", title="Text")],
        deadline_override=DeadlineOverride(date=deadline, source=deadline_source.strip() or "entered by the user") if deadline else None,
        notes="A coalition submission: members can send their contributions for you to import on the Projects page." if joint else "",
    )
    store.create(project)
    state.open_project(project.id)
    state.go("draft")


def _samples(store, pack) -> None:
    samples = sorted((builtin_dir("samples")).glob("*.yml"))
    names = {path.name: read_project(path).title for path in samples}
    choice = st.selectbox("Sample", list(names), format_func=names.__getitem__, key="sample_choice")
    st.caption("A sample is a complete, realistic project that shows what the checks look for. Opening it makes your own copy.")
    if st.button("Open this sample", key="open_sample"):
        project = read_project(builtin_dir("samples") / choice, pack=pack)
        copy = project.model_copy(update={"id": new_id("prj")})
        store.create(copy)
        state.open_project(copy.id)
        state.go("draft")


def _import(store, pack) -> None:
    upload = st.file_uploader("A project file, or a coalition member's contribution (.yml)", type=["yml", "yaml", "json"], key="import_upload")
    if upload is None:
        return
    try:
        file_type, payload = parse_any(upload.getvalue(), upload.name, pack=pack)
    except ExchangeError as error:
        st.error(str(error.problems[0]) + (f" (and {len(error.problems) - 1} more problem(s))" if len(error.problems) > 1 else ""))
        return
    if file_type == "project":
        if any(summary.id == payload.id for summary in store.list()):
            st.warning(f"A project with this id is already here ('{payload.title}'). Importing makes a copy.")
            payload = payload.model_copy(update={"id": new_id("prj")})
        if st.button(f"Import '{payload.title}'", key="import_project", type="primary"):
            store.create(payload)
            state.open_project(payload.id)
            state.go("draft")
        return
    coalition_review.render(payload)
