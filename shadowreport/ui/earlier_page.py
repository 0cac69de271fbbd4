"""Earlier recommendations: import what the State was told last time, browse and filter it, assess what it did.

The page reads the file (UHRI .xlsx, UPR Info .csv, OHCHR .docx) with ``earlier.readers``, keeps the open
project's State's recommendations, and saves each assessment at once like every other field.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from ..earlier.model import GRADE_LABELS, STATUS_LABELS, Assessment, EarlierRecommendation, for_state, merge, select, states, with_state
from ..earlier.readers import EarlierReadError, read_earlier_bytes
from ..files import TEMPORARY_FOLDER_PREFIX
from ..i18n import N_
from ..project.model import Project
from . import state, translation
from .text import plain
from .translation import gettext, ngettext

PAGE_SIZE = 50
ANY = "any"
CHOICE_WORDS = {ANY: N_("any"), "supported": N_("supported"), "noted": N_("noted")}  # filter values shown in words


def _choice(value: str) -> str:
    return gettext(CHOICE_WORDS[value]) if value in CHOICE_WORDS else value


def _as_written(value: str) -> str:
    return value


def render() -> None:
    st.title(gettext("Earlier recommendations"))
    stored = state.require_project()
    if stored is None:
        return
    project = stored.project
    st.caption(gettext("What the State was told in the last review, its position on each, and your assessment of what it did. "
                       "Download them from the Universal Human Rights Index (Export to Excel), the UPR Info database (CSV) or "
                       "OHCHR's matrix or thematic list (Word)."))
    _import(stored)
    if not project.earlier:
        return
    records = project.earlier
    _summary(records)
    chosen = _filters(stored, records)
    shown = ngettext("{shown} of {count} shown", "{shown} of {count} shown", len(records), shown=translation.number(len(chosen)))
    st.caption(shown + (gettext(" (the first {count})", count=PAGE_SIZE) if len(chosen) > PAGE_SIZE else "") + ".")
    evidence = {e.id: e.claim[:60] for e in project.evidence}
    for record in chosen[:PAGE_SIZE]:
        _record(stored, record, evidence)
    _table(project)


def _import(stored) -> None:
    project = stored.project
    # Keyed, as the expanders below: the browser keeps them open when their labels change language.
    with st.expander(gettext("Import earlier recommendations"), expanded=not project.earlier, key=f"earlier_import:{project.id}"):
        upload = st.file_uploader(gettext("UHRI .xlsx, UPR Info .csv or OHCHR .docx"), type=["xlsx", "csv", "docx"], key=state.key(stored, "earlier", "upload"))
        wanted = st.text_input(gettext("State under review"), value=project.state, key=state.key(stored, "earlier", "state"))
        if upload is None or not st.button(gettext("Import"), type="primary", key=state.key(stored, "earlier", "import")):
            return
        try:
            everything = read_earlier_bytes(upload.getvalue(), upload.name)
        except EarlierReadError as error:
            st.error(plain(str(error)))
            return
        records = with_state(for_state(everything, wanted.strip() or None), wanted.strip() or None)
        if not records:
            named = ", ".join(states(everything)[:10]) or gettext("none")
            st.error(plain(gettext("{file}: no recommendation to '{state}' (the States under review in the file: {named}).",
                                   file=upload.name, state=wanted, named=named)))
            return
        added = {"count": 0}

        def change(p: Project) -> None:
            p.earlier, added["count"] = merge(p.earlier, records)

        if state.update(change, label="import earlier recommendations"):
            st.session_state["notice"] = ("success", gettext("Added {count} earlier recommendation(s); {already} were already there.",
                                                             count=translation.number(added["count"]),
                                                             already=translation.number(len(records) - added["count"])))
            st.rerun()


def _summary(records: list[EarlierRecommendation]) -> None:
    supported = [r for r in records if r.position == "supported"]
    counts = {status: sum(1 for r in supported if (r.assessment.status if r.assessment else None) == status) for status in STATUS_LABELS}
    unassessed = sum(1 for r in supported if r.assessment is None)
    columns = st.columns(len(counts) + 1)
    for column, (status, count) in zip(columns, counts.items()):
        column.metric(gettext(STATUS_LABELS[status]), count)
    columns[-1].metric(gettext("Supported, not assessed"), unassessed)


def _filters(stored, records: list[EarlierRecommendation]) -> list[EarlierRecommendation]:
    themes = sorted({t for r in records for t in r.themes})
    recommending = sorted({s for r in records for s in r.recommending})
    left, middle, right, last = st.columns(4)
    any_or_as_written = translation.formatter({ANY: CHOICE_WORDS[ANY]}, other=_as_written)  # themes and States as in the file
    theme = left.selectbox(gettext("Theme"), [ANY, *themes], key=state.key(stored, "earlier", "f-theme"), format_func=any_or_as_written)
    position = middle.selectbox(gettext("Position"), [ANY, "supported", "noted"], key=state.key(stored, "earlier", "f-position"),
                                format_func=translation.formatter(CHOICE_WORDS))
    who = right.selectbox(gettext("Recommended by"), [ANY, *recommending], key=state.key(stored, "earlier", "f-who"), format_func=any_or_as_written)
    status = last.selectbox(gettext("Assessment"), [ANY, *STATUS_LABELS], format_func=translation.formatter({**CHOICE_WORDS, **STATUS_LABELS}),
                            key=state.key(stored, "earlier", "f-status"))
    return select(records, theme=None if theme == ANY else theme, position=None if position == ANY else position,
                  recommending=None if who == ANY else who, status=None if status == ANY else status)


NO_GRADE = N_("none")


def _grade(t):
    return lambda grade: f"{grade}: {t.gettext(GRADE_LABELS[grade])}"


def _assessment_of(project: Project, record_id: str) -> Assessment:
    record = next(r for r in project.earlier if r.id == record_id)
    if record.assessment is None:
        record.assessment = Assessment()
    return record.assessment


def _record(stored, record: EarlierRecommendation, evidence: dict[str, str]) -> None:
    status = record.assessment.status if record.assessment else None
    label = " · ".join((record.reference or record.id, _choice(record.position) if record.position else gettext("no position"),
                        gettext(STATUS_LABELS[status]) if status else gettext("not assessed")))
    with st.expander(plain(label), key=f"earlier_record:{stored.project.id}:{record.id}"):
        st.text(record.text)
        details = [gettext("Recommended by {states}", states=", ".join(record.recommending)) if record.recommending else "",
                   gettext("Themes: {themes}", themes="; ".join(record.themes)) if record.themes else "",
                   gettext("Session {session}", session=record.session) if record.session else "",
                   gettext("Position: {source}", source=record.position_source) if record.position_source else ""]
        st.caption(plain(" · ".join(d for d in details if d)))
        assessment = record.assessment or Assessment()
        parts = ("earlier", record.id)
        state.field(st.selectbox, gettext("Implementation"), stored, (*parts, "status"), assessment.status,
                    lambda p, v, i=record.id: setattr(_assessment_of(p, i), "status", v),
                    options=list(STATUS_LABELS), format_func=translation.formatter(STATUS_LABELS))
        state.field(st.selectbox, gettext("Human Rights Committee grade (treaty-body follow-up)"), stored, (*parts, "grade"), assessment.grade or "",
                    lambda p, v, i=record.id: setattr(_assessment_of(p, i), "grade", v or None),
                    options=["", *GRADE_LABELS], format_func=translation.formatter({"": NO_GRADE}, other=_grade(translation.translator())))
        state.field(st.text_area, gettext("Comment on the level of implementation"), stored, (*parts, "comment"), assessment.comment,
                    lambda p, v, i=record.id: setattr(_assessment_of(p, i), "comment", v), height=80)
        if evidence:
            state.field(st.multiselect, gettext("Evidence"), stored, (*parts, "evidence"), [e for e in assessment.evidence_ids if e in evidence],
                        lambda p, v, i=record.id: setattr(_assessment_of(p, i), "evidence_ids", list(v)),
                        options=list(evidence), format_func=lambda e: f"{e}: {evidence[e]}")


def _table(project: Project) -> None:
    from ..export.implementation_table import personal_data, write_implementation_table

    st.subheader(gettext("Implementation table"))
    st.caption(gettext("OHCHR's four columns (Recommendation, Position, Full list of themes, Assessment), for a mid-term report."))
    if not st.toggle(gettext("Prepare the Word file"), key=f"w:{project.id}:earlier:table"):
        return
    places = personal_data(project, t=translation.translator())
    if places:
        st.warning(gettext("Some assessment comments look like personal data that could identify a trafficked person:") + "\n\n"
                   + "\n".join(f"- {plain(place)}" for place in places))
        if not st.checkbox(gettext("The table may contain them"), key=f"w:{project.id}:earlier:allow-personal"):
            return
    # The folder holds case text for a moment; named so that a crash's leftovers are swept (files.py).
    with tempfile.TemporaryDirectory(prefix=f"{TEMPORARY_FOLDER_PREFIX}ui-export-") as folder:
        path = Path(folder) / "implementation-table.docx"
        count = write_implementation_table(project, path, allow_personal_data=True)
        data = path.read_bytes()
    st.download_button(gettext("Download the table ({count} recommendations)", count=translation.number(count)), data, file_name="implementation-table.docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", key=f"w:{project.id}:earlier:download")
