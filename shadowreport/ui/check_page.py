"""Check a document: upload a .docx, .md, .txt or project file and see every finding, no project needed."""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from ..checks import CheckConfig, run_checks
from ..importers import DraftImportError, read_draft_bytes
from ..importers.project import project_to_draft
from . import nav, state

FROM_FILE = "As the file says (front matter or project file)"
SHOWN_IN_FULL = 40  # per severity; the rest are listed compactly, so a long report stays quick to show
SEVERITY_TITLES = {"error": "Errors", "warning": "Warnings", "info": "Notes"}
SEVERITY_ICONS = {"error": ":material/error:", "warning": ":material/warning:", "info": ":material/info:"}


def render() -> None:
    """Check: the open project's findings, and checking any document without a project."""

    stored = state.current()
    if stored is None:
        render_document()
        return
    project_tab, document_tab = st.tabs(["This project", "Check a document"])
    with project_tab:
        _project(stored)
    with document_tab:
        render_document()


def _project(stored) -> None:
    pack = state.rules()
    if pack is None:
        return
    st.title("Check")
    with st.spinner("Checking…"):
        draft = state.memo(stored, "draft", lambda: project_to_draft(stored.project, pack, dt.date.today()))
        report = state.memo(stored, "report", lambda: run_checks(draft, pack, CheckConfig(today=dt.date.today())))
    show_report(report)
    nav.link("draft", label="Edit the draft", icon=":material/edit_note:")


def render_document() -> None:
    st.title("Check a document")
    st.caption("Nothing leaves this computer: the file is read here and not kept.")
    pack = state.rules()
    if pack is None:
        return

    upload = st.file_uploader("Draft to check (.docx, .md, .txt or a project file)", type=["docx", "md", "markdown", "txt", "yml", "yaml"],
                              key="check_upload")
    labels = {kind_id: f"{pack.kind(kind_id)[0].short_name}: {pack.kind(kind_id)[1].name}" for kind_id in pack.kind_ids()}
    options = [FROM_FILE, *labels]
    left, middle, right = st.columns([3, 1, 2])
    choice = left.selectbox("Mechanism and kind of document", options, key="check_kind",
                            format_func=lambda value: labels.get(value, value))
    joint = middle.checkbox("Joint (coalition) submission", key="check_joint")
    known = right.checkbox("I know the official deadline", key="check_has_deadline")
    deadline = right.date_input("Official deadline", value=None, key="check_deadline", disabled=not known, format="YYYY-MM-DD") if known else None
    if upload is None:
        st.info("Upload a draft to check it against the mechanism's rules.")
        return

    kind = None if choice == FROM_FILE else choice
    try:
        draft = read_draft_bytes(upload.getvalue(), upload.name, pack=pack, mechanism=kind.split("/")[0] if kind else None,
                                 kind=kind, joint=joint or None, deadline=deadline)
    except DraftImportError as error:
        st.error(str(error))
        return
    if draft.kind is None and draft.mechanism is None:
        st.warning("Choose the mechanism and kind of document: the file does not say.")
        return
    with st.spinner("Checking…"):
        try:
            report = run_checks(draft, pack, CheckConfig(today=dt.date.today()))
        except KeyError as error:
            st.error(error.args[0])
            return
    show_report(report)


def show_report(report) -> None:
    document = report.as_dict()["document"]
    counts = report.counts()
    columns = st.columns(4)
    columns[0].metric("Words", f"{document['words']:,}")
    columns[1].metric("Pages (estimated)", document["pages"]["estimated"])
    columns[2].metric("Recommendations", document["recommendations"])
    columns[3].metric("Errors", counts["error"])
    if not report.findings:
        st.success("No findings: the draft is within the rules we know.")
    for severity in ("error", "warning", "info"):
        findings = [f for f in report.findings if f.severity == severity]
        if not findings:
            continue
        st.subheader(f"{SEVERITY_TITLES[severity]} ({len(findings)})")
        for finding in findings[:SHOWN_IN_FULL]:
            with st.container(border=True):
                st.markdown(f"{SEVERITY_ICONS[severity]} **{finding.message}**")
                st.caption(f"{finding.location.label()} · rule `{finding.rule}`")
                if finding.suggestion:
                    st.markdown(finding.suggestion)
                if finding.source:
                    st.caption("Source: " + _linked(finding.source))
        if len(findings) > SHOWN_IN_FULL:
            with st.expander(f"{len(findings) - SHOWN_IN_FULL} more {SEVERITY_TITLES[severity].lower()}"):
                st.markdown("\n".join(f"- {f.location.label()}: {f.message} (`{f.rule}`)" for f in findings[SHOWN_IN_FULL:]))


def _linked(text: str) -> str:
    return re.sub(r"(https?://\S+)", r"[\1](\1)", text)
