"""Export: a project to Word, Markdown or PDF, behind the privacy gate, with a progress indicator."""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from pathlib import Path

import streamlit as st

from ..export import ExportError, ExportRefused, export_project
from ..export.review import export_warnings
from ..files import TEMPORARY_FOLDER_PREFIX, reason
from ..i18n import N_, Translator, translator
from ..importers.project import project_to_draft
from ..pagecount import soffice
from ..project.exchange import ExchangeError, parse_any
from . import state, translation
from .text import plain
from .translation import gettext, ngettext

EXPORTED_KEY = "export_last_file"
CONFIRM_LABEL = N_("I have read these and want the document printed as it is")
WARNING_LABELS = {
    "confidential-evidence": N_("Confidential evidence"),
    "sign-off": N_("Sign-off"),
    "placeholder": N_("Placeholder"),
    "empty-heading": N_("Empty heading"),
    "capitalised-verb": N_("Capital letter"),
}
FORMAT_LABELS = {".docx": N_("Word (.docx)"), ".md": N_("Markdown (.md)"), ".pdf": N_("PDF (.pdf, via LibreOffice)")}
MIME = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
}


def render(project=None) -> None:
    st.title(gettext("Export"))
    pack = state.rules()
    if pack is None:
        return
    if project is None:
        upload = st.file_uploader(gettext("Project file (.yml) to export"), type=["yml", "yaml"], key="export_upload")
        if upload is None:
            st.info(gettext("Upload a project file, or open a project, to export it."))
            return
        try:
            file_type, project = parse_any(upload.getvalue(), upload.name, pack=pack)
        except ExchangeError as error:
            st.error(plain(error.problems[0]))
            return
        if file_type != "project":
            st.error(gettext("{file} is a coalition contribution: merge it into the joint project before exporting.", file=plain(upload.name)))
            return

    formats = [".docx", ".md"] + ([".pdf"] if soffice() else [])
    suffix = st.radio(gettext("Format"), formats, format_func=translation.formatter(FORMAT_LABELS), horizontal=True, key="export_format")
    pseudonymise = st.checkbox(gettext("Replace people's names with their initials"), key="export_pseudonymise")
    allow = st.checkbox(gettext("I confirm this document may contain personal data (only for confidential channels)"), key="export_allow")
    confirmed = _warnings(project, pack)
    # The last file written stays downloadable (a download reruns the page) while nothing it depends on changed.
    signature = (hashlib.sha256(project.model_dump_json().encode()).hexdigest(), suffix, pseudonymise, allow)
    clicked = st.button(gettext("Export"), type="primary", key="export_go", disabled=not confirmed)
    if not clicked:
        _download(signature)
        return
    try:
        # The document is prepared in a private temporary folder (removed at once) and handed to the browser.
        with st.spinner(gettext("Writing the document…")), tempfile.TemporaryDirectory(prefix=f"{TEMPORARY_FOLDER_PREFIX}ui-export-") as folder:
            target = Path(folder) / f"{_file_stem(project.title)}{suffix}"
            result = export_project(project, pack, target, allow_personal_data=allow, pseudonymise_names=pseudonymise,
                                    render=suffix == ".docx" and soffice() is not None, today=dt.date.today(),
                                    language=translation.current())
            data = target.read_bytes()
    except ExportRefused as refused:
        st.error(ngettext("Export refused: {count} piece(s) of personal data could identify a trafficked person. "
                          "Fix them, pseudonymise names, or confirm that the document may contain them.",
                          "Export refused: {count} piece(s) of personal data could identify a trafficked person. "
                          "Fix them, pseudonymise names, or confirm that the document may contain them.", len(refused.findings)))
        for finding in refused.findings:
            st.markdown(f"- {plain(finding.location.label(translation.current()))}: {plain(finding.message)} {plain(finding.suggestion or '')}")
        return
    except ExportError as error:
        st.error(plain(error))
        return
    except OSError as error:
        st.error(plain(write_failure(suffix, error, translation.translator())))
        return
    pages = (ngettext("{count} page(s), rendered", "{count} page(s), rendered", result.pages_rendered) if result.pages_rendered is not None
             else ngettext("about {count} page(s), estimated", "about {count} page(s), estimated", result.pages_estimated))
    st.session_state[EXPORTED_KEY] = {"signature": signature, "name": target.name, "data": data, "mime": MIME[suffix],
                                      "summary": ngettext("{count} words; {pages}.", "{count} words; {pages}.", result.words, pages=pages)}
    _download(signature)


def _warnings(project, pack) -> bool:
    """What the document would print that its authors may not want printed; True once confirmed (or when there is none)."""
    warnings = export_warnings(project, project_to_draft(project, pack, dt.date.today()), translation.translator())
    if not warnings:
        return True
    with st.container(border=True):
        st.markdown(ngettext("**Before you export: {count} thing(s) would be printed as they are.** Fix them in the project, "
                             "or confirm that the document should print them.",
                             "**Before you export: {count} thing(s) would be printed as they are.** Fix them in the project, "
                             "or confirm that the document should print them.", len(warnings)))
        for warning in warnings:
            st.markdown(gettext("- **{label}** ({where}): {message}", label=gettext(WARNING_LABELS[warning.kind]), where=plain(warning.where),
                                message=plain(warning.message)))
        # Keyed by what was listed: a new warning asks again, a confirmation never covers what was not shown.
        listed = hashlib.sha256("\n".join(w.message for w in warnings).encode()).hexdigest()[:16]
        return st.checkbox(gettext(CONFIRM_LABEL), key=f"export_confirm_warnings:{listed}")


def _download(signature: tuple) -> None:
    exported = st.session_state.get(EXPORTED_KEY)
    if exported is None or exported["signature"] != signature:
        return
    st.success(exported["summary"])
    st.download_button(gettext("Download {file}", file=plain(exported["name"])), exported["data"], file_name=exported["name"], mime=exported["mime"],
                       key="export_download", on_click="ignore")


def render_for_project() -> None:
    """The Export page in the app: the open project, or an uploaded project file when none is open."""

    stored = state.current()
    render(stored.project if stored is not None else None)
    if stored is not None:
        _exchange_files(stored.project)


def _exchange_files(project) -> None:
    """The project as a file for partners, and a member's contribution for the coordinator."""
    from ..project.coalition import contribution_from
    from ..project.exchange import dump

    st.divider()
    st.header(gettext("Files for partners"))
    st.caption(gettext("Readable YAML files to e-mail: the whole project, or your part of a coalition report for its coordinator."))
    left, right = st.columns(2)
    left.download_button(gettext("Download the project file (.yml)"), dump("project", project), file_name=f"{_file_stem(project.title)}.yml",
                         mime="application/yaml", key="download_project_file")
    members = {m.id: m.name for m in project.members}
    member = right.selectbox(gettext("Contribution of"), list(members), format_func=members.__getitem__, key="contribution_member")
    right.download_button(gettext("Download the contribution (.yml)"), dump("contribution", contribution_from(project, member)),
                          file_name=f"contribution-{_file_stem(members[member])}.yml", mime="application/yaml", key="download_contribution")


def write_failure(suffix: str, error: OSError, t: Translator | None = None) -> str:
    """One sentence for the app, where the user chooses no folder: the file is prepared in the temporary folder."""
    t = t or translator("en")
    why = reason(error)
    advice = (t.gettext("free some space there") if why == DISK_FULL
              else t.gettext("make it writable or start the app with TMPDIR set to another folder"))
    return t.gettext("The {suffix} file could not be prepared in the temporary folder {folder} ({why}); {advice}, then export again: "
                     "your project is saved and unchanged.").format(suffix=suffix, folder=tempfile.gettempdir(), why=t.gettext(why), advice=advice)


DISK_FULL, NOT_ALLOWED = N_("the disk is full"), N_("writing there is not allowed")  # files.reason's words, translated where shown


def _file_stem(title: str) -> str:
    stem = "".join(c if c.isalnum() or c in "-_ " else " " for c in title).strip()
    return "-".join(stem.split())[:80] or "export"
