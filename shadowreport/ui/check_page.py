"""Check: the open project's findings in plain words, and checking any document without a project.

Findings are grouped by the part of the document they concern, the most serious first, with the
severity in words (not colour alone). Each group opens its passage (the Draft at that section, or
the Recommendations page); a mechanical fix is one button. Rule ids, character offsets, the rules'
sources and command-line hints are under "Details", for those who want them.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ..checks import CheckConfig, run_checks
from ..checks.grouping import FindingGroup, group_findings, severity_count, severity_words, without_cli_hints
from ..checks.one_click import fix_for
from ..i18n import N_
from ..importers import DraftImportError, read_draft_bytes
from ..importers.project import project_to_draft
from . import nav, state, translation
from .text import plain
from .translation import gettext, ngettext
from .uninterrupted import uninterrupted

FROM_FILE = "from-file"  # the kind as the file says it (front matter or project file)
FROM_FILE_LABEL = N_("As the file says (front matter or project file)")
SHOWN_IN_FULL = 40  # per group; the rest are listed compactly, so a long report stays quick to show
SEVERITY_ICONS = {"error": ":material/error:", "warning": ":material/warning:", "info": ":material/info:"}
SECTION_PARAM = "section"  # the Draft page's section to bring into view


def render() -> None:
    """Check: the open project's findings, and checking any document without a project."""

    stored = state.current()
    if stored is None:
        render_document()
        return
    # Keyed, as every tab set and expander here: the browser keeps it open when its label changes language.
    project_tab, document_tab = st.tabs([gettext("This project"), gettext("Check a document")], key="check_tabs")
    with project_tab:
        _project(stored)
    with document_tab:
        render_document()


def _project(stored) -> None:
    pack = state.rules()
    if pack is None:
        return
    st.title(gettext("Check"))
    done = st.session_state.pop("check_fixed", None)
    if done:
        st.success(plain(done))
    language = translation.current()
    with st.spinner(gettext("Checking…")):
        draft = state.memo(stored, "draft", lambda: project_to_draft(stored.project, pack, dt.date.today()))
        report = state.memo(stored, f"report:{language}", lambda: run_checks(draft, pack, CheckConfig(today=dt.date.today(), language=language)))
    _, kind = pack.kind(stored.project.kind_id)
    show_report(report, project=stored.project, kind=kind)


def render_document() -> None:
    st.title(gettext("Check a document"))
    st.caption(gettext("Nothing leaves this computer: the file is read here and not kept."))
    pack = state.rules()
    if pack is None:
        return

    upload = st.file_uploader(gettext("Draft to check (.docx, .md, .txt or a project file)"), type=["docx", "md", "markdown", "txt", "yml", "yaml"],
                              key="check_upload")
    labels = {kind_id: f"{pack.kind(kind_id)[0].short_name}: {pack.kind(kind_id)[1].name}" for kind_id in pack.kind_ids()}
    options = [FROM_FILE, *labels]
    left, middle, right = st.columns([3, 1, 2])
    choice = left.selectbox(gettext("Mechanism and kind of document"), options, key="check_kind",
                            format_func=translation.formatter({FROM_FILE: FROM_FILE_LABEL}, other=labels.__getitem__))
    joint = middle.checkbox(gettext("Joint (coalition) submission"), key="check_joint")
    known = right.checkbox(gettext("I know the official deadline"), key="check_has_deadline")
    deadline = (right.date_input(gettext("Official deadline"), value=None, key="check_deadline", disabled=not known, format="YYYY-MM-DD")
                if known else None)
    if upload is None:
        st.info(gettext("Upload a draft to check it against the mechanism's rules."))
        return

    kind = None if choice == FROM_FILE else choice
    try:
        draft = read_draft_bytes(upload.getvalue(), upload.name, pack=pack, mechanism=kind.split("/")[0] if kind else None,
                                 kind=kind, joint=joint or None, deadline=deadline)
    except DraftImportError as error:
        st.error(plain(error))
        return
    if draft.kind is None and draft.mechanism is None:
        from ..importers.guess import guess_kind

        guess = guess_kind(draft, pack)
        if guess is None:
            st.warning(gettext("Choose the mechanism and kind of document: the file does not say, and names no body the tool knows."))
            return
        draft = draft.model_copy(update={"mechanism": guess.kind.split("/")[0], "kind": guess.kind})
        st.info(gettext("Checked as {kind}, guessed because {reason}; choose the mechanism and kind above if that is wrong.",
                        kind=plain(labels.get(guess.kind, guess.kind)), reason=plain(guess.reason)))
    with st.spinner(gettext("Checking…")):
        try:
            report = run_checks(draft, pack, CheckConfig(today=dt.date.today(), language=translation.current()))
        except KeyError as error:
            st.error(plain(error.args[0]))
            return
    show_report(report)


def show_report(report, project=None, kind=None) -> None:
    """The findings by place; with the open ``project`` (and its ``kind``), links to each passage and one-click fixes."""
    document = report.as_dict()["document"]
    counts = report.counts()
    words = severity_words(translation.current())
    columns = st.columns(4)
    columns[0].metric(gettext("Words"), translation.number(document["words"]))
    columns[1].metric(gettext("Pages (estimated)"), translation.number(document["pages"]["estimated"]))
    columns[2].metric(gettext("Recommendations"), translation.number(len(document["recommendations"])))
    columns[3].metric(words["error"], translation.number(counts["error"]))
    where = "project" if project is not None else "document"  # both reports can be on the page: their keys differ
    _possible_recommendations(document, where)
    if not report.findings:
        st.success(gettext("No findings: the draft is within the rules we know."))
        return
    st.markdown(plain(", ".join(severity_count(s, counts[s], translation.current()) for s in words if counts[s]) + "."))
    for number, group in enumerate(group_findings(report.findings, report.draft, translation.current())):
        with st.container(border=True):
            st.header(gettext("{place}: {summary}", place=plain(group.title), summary=group.summary()))
            if project is not None:
                _open_button(group, number)
            for index, finding in enumerate(group.findings[:SHOWN_IN_FULL]):
                _show_finding(finding)
                fix = fix_for(finding, project, kind) if project is not None and kind is not None else None
                if fix is not None:
                    st.button(fix.label, key=f"fix:{number}:{index}", on_click=_apply_fix, args=(fix,), icon=":material/build:")
            rest = group.findings[SHOWN_IN_FULL:]
            if rest:
                st.markdown("\n".join(f"- {words[f.severity]}: {plain(without_cli_hints(f.message)[0])}" for f in rest))
            with st.expander(gettext("Details"), key=f"details:{where}:{number}"):
                st.markdown("\n".join(_details(finding) for finding in group.findings))


def _possible_recommendations(document: dict, where: str) -> None:
    """Sentences read as asks with too little confidence to judge: listed so the user can make them clear asks or leave them."""
    possible = document.get("possible_recommendations") or []
    if not possible:
        return
    with st.expander(ngettext("{count} possible recommendation(s), not judged", "{count} possible recommendation(s), not judged", len(possible)),
                     key=f"possible_recommendations:{where}"):
        st.caption(gettext("These read like asks, but not clearly enough to check them as recommendations. Write each as a clear ask "
                           "(who should do what, by when) under your recommendations, or leave it if it is not one."))
        st.markdown("\n".join(f"- {plain(item['text'])}" + (f" ({plain(item['section'])})" if item.get("section") else "")
                               for item in possible))


def _show_finding(finding) -> None:
    message, _ = without_cli_hints(finding.message)
    word = severity_words(translation.current())[finding.severity]
    st.markdown(gettext("{icon} **{severity}:** {message}", icon=SEVERITY_ICONS[finding.severity], severity=word, message=plain(message)))
    if finding.suggestion:
        suggestion, _ = without_cli_hints(finding.suggestion)
        st.caption(plain(suggestion))


def _details(finding) -> str:
    """Everything a specialist may want: rule id, place with offsets, the rule's source, command-line hints."""
    hints = without_cli_hints(finding.message)[1] + (without_cli_hints(finding.suggestion)[1] if finding.suggestion else [])
    parts = [f"`{finding.rule}`", plain(finding.location.label(translation.current()))]
    if finding.source:
        parts.append(gettext("source: {source}", source=plain(finding.source)))
    if hints:
        parts.append(gettext("command line: {hints}", hints=", ".join(f"`{hint}`" for hint in hints)))
    return "- " + " · ".join(parts)


def _open_button(group: FindingGroup, number: int) -> None:
    if group.place == "section" and group.section_id:
        target, label, icon = "draft", gettext("Open this section in the Draft"), ":material/edit_note:"
    elif group.place == "evidence":
        target, label, icon = "evidence", gettext("Open the Evidence"), ":material/library_books:"
    elif group.place == "recommendations":
        target, label, icon = "recommendations", gettext("Open the Recommendations"), ":material/checklist:"
    else:
        return
    if st.button(label, key=f"open:{number}", icon=icon):
        _go(target, group.section_id if target == "draft" else None)


def _go(page_name: str, section_id: str | None) -> None:
    """Switch page with the open project, and the section to bring into view, in the address."""
    params = {state.PROJECT_PARAM: st.query_params.get(state.PROJECT_PARAM) or st.session_state.get("open_project")}
    if section_id:
        params[SECTION_PARAM] = section_id
    st.session_state["focus_section"] = section_id
    nav.switch(page_name, {key: value for key, value in params.items() if value})


@uninterrupted()
def _apply_fix(fix) -> None:
    if state.update(fix.apply):
        st.session_state["check_fixed"] = fix.done

