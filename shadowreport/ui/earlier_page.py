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
from ..project.model import Project
from . import state
from .text import plain

PAGE_SIZE = 50
ANY = "any"


def render() -> None:
    st.title("Earlier recommendations")
    stored = state.require_project()
    if stored is None:
        return
    project = stored.project
    st.caption("What the State was told in the last review, its position on each, and your assessment of what it did. "
               "Download them from the Universal Human Rights Index (Export to Excel), the UPR Info database (CSV) or "
               "OHCHR's matrix or thematic list (Word).")
    _import(stored)
    if not project.earlier:
        return
    records = project.earlier
    _summary(records)
    chosen = _filters(stored, records)
    st.caption(f"{len(chosen)} of {len(records)} shown{f' (the first {PAGE_SIZE})' if len(chosen) > PAGE_SIZE else ''}.")
    evidence = {e.id: e.claim[:60] for e in project.evidence}
    for record in chosen[:PAGE_SIZE]:
        _record(stored, record, evidence)
    _table(project)


def _import(stored) -> None:
    project = stored.project
    with st.expander("Import earlier recommendations", expanded=not project.earlier):
        upload = st.file_uploader("UHRI .xlsx, UPR Info .csv or OHCHR .docx", type=["xlsx", "csv", "docx"], key=state.key(stored, "earlier", "upload"))
        wanted = st.text_input("State under review", value=project.state, key=state.key(stored, "earlier", "state"))
        if upload is None or not st.button("Import", type="primary", key=state.key(stored, "earlier", "import")):
            return
        try:
            everything = read_earlier_bytes(upload.getvalue(), upload.name)
        except EarlierReadError as error:
            st.error(plain(str(error)))
            return
        records = with_state(for_state(everything, wanted.strip() or None), wanted.strip() or None)
        if not records:
            named = ", ".join(states(everything)[:10]) or "none"
            st.error(plain(f"{upload.name}: no recommendation to '{wanted}' (the States under review in the file: {named})."))
            return
        added = {"count": 0}

        def change(p: Project) -> None:
            p.earlier, added["count"] = merge(p.earlier, records)

        if state.update(change, label="import earlier recommendations"):
            st.session_state["notice"] = ("success", f"Added {added['count']} earlier recommendation(s); {len(records) - added['count']} were already there.")
            st.rerun()


def _summary(records: list[EarlierRecommendation]) -> None:
    supported = [r for r in records if r.position == "supported"]
    counts = {status: sum(1 for r in supported if (r.assessment.status if r.assessment else None) == status) for status in STATUS_LABELS}
    unassessed = sum(1 for r in supported if r.assessment is None)
    columns = st.columns(len(counts) + 1)
    for column, (status, count) in zip(columns, counts.items()):
        column.metric(STATUS_LABELS[status], count)
    columns[-1].metric("Supported, not assessed", unassessed)


def _filters(stored, records: list[EarlierRecommendation]) -> list[EarlierRecommendation]:
    themes = sorted({t for r in records for t in r.themes})
    recommending = sorted({s for r in records for s in r.recommending})
    left, middle, right, last = st.columns(4)
    theme = left.selectbox("Theme", [ANY, *themes], key=state.key(stored, "earlier", "f-theme"))
    position = middle.selectbox("Position", [ANY, "supported", "noted"], key=state.key(stored, "earlier", "f-position"))
    who = right.selectbox("Recommended by", [ANY, *recommending], key=state.key(stored, "earlier", "f-who"))
    status = last.selectbox("Assessment", [ANY, *STATUS_LABELS], format_func=lambda s: STATUS_LABELS.get(s, s),
                            key=state.key(stored, "earlier", "f-status"))
    return select(records, theme=None if theme == ANY else theme, position=None if position == ANY else position,
                  recommending=None if who == ANY else who, status=None if status == ANY else status)


def _assessment_of(project: Project, record_id: str) -> Assessment:
    record = next(r for r in project.earlier if r.id == record_id)
    if record.assessment is None:
        record.assessment = Assessment()
    return record.assessment


def _record(stored, record: EarlierRecommendation, evidence: dict[str, str]) -> None:
    status = record.assessment.status if record.assessment else None
    label = f"{record.reference or record.id} · {record.position or 'no position'} · {STATUS_LABELS[status] if status else 'not assessed'}"
    with st.expander(plain(label)):
        st.text(record.text)
        details = [f"Recommended by {', '.join(record.recommending)}" if record.recommending else "",
                   f"Themes: {'; '.join(record.themes)}" if record.themes else "", f"Session {record.session}" if record.session else "",
                   f"Position: {record.position_source}" if record.position_source else ""]
        st.caption(plain(" · ".join(d for d in details if d)))
        assessment = record.assessment or Assessment()
        parts = ("earlier", record.id)
        state.field(st.selectbox, "Implementation", stored, (*parts, "status"), assessment.status,
                    lambda p, v, i=record.id: setattr(_assessment_of(p, i), "status", v),
                    options=list(STATUS_LABELS), format_func=STATUS_LABELS.__getitem__)
        state.field(st.selectbox, "Human Rights Committee grade (treaty-body follow-up)", stored, (*parts, "grade"), assessment.grade or "",
                    lambda p, v, i=record.id: setattr(_assessment_of(p, i), "grade", v or None),
                    options=["", *GRADE_LABELS], format_func=lambda g: f"{g}: {GRADE_LABELS[g]}" if g else "none")
        state.field(st.text_area, "Comment on the level of implementation", stored, (*parts, "comment"), assessment.comment,
                    lambda p, v, i=record.id: setattr(_assessment_of(p, i), "comment", v), height=80)
        if evidence:
            state.field(st.multiselect, "Evidence", stored, (*parts, "evidence"), [e for e in assessment.evidence_ids if e in evidence],
                        lambda p, v, i=record.id: setattr(_assessment_of(p, i), "evidence_ids", list(v)),
                        options=list(evidence), format_func=lambda e: f"{e}: {evidence[e]}")


def _table(project: Project) -> None:
    from ..export.implementation_table import personal_data, write_implementation_table

    st.subheader("Implementation table")
    st.caption("OHCHR's four columns (Recommendation, Position, Full list of themes, Assessment), for a mid-term report.")
    if not st.toggle("Prepare the Word file", key=f"w:{project.id}:earlier:table"):
        return
    places = personal_data(project)
    if places:
        st.warning("Some assessment comments look like personal data that could identify a trafficked person:\n\n"
                   + "\n".join(f"- {plain(place)}" for place in places))
        if not st.checkbox("The table may contain them", key=f"w:{project.id}:earlier:allow-personal"):
            return
    # The folder holds case text for a moment; named so that a crash's leftovers are swept (files.py).
    with tempfile.TemporaryDirectory(prefix=f"{TEMPORARY_FOLDER_PREFIX}ui-export-") as folder:
        path = Path(folder) / "implementation-table.docx"
        count = write_implementation_table(project, path, allow_personal_data=True)
        data = path.read_bytes()
    st.download_button(f"Download the table ({count} recommendations)", data, file_name="implementation-table.docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", key=f"w:{project.id}:earlier:download")
