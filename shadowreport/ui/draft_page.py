"""Draft: the kind's sections with their guidance, word counts against the limit, and what the checks see."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ..checks import CHECKS, CheckConfig, run_checks
from ..checks.grouping import SEVERITY_WORDS
from ..checks.text import counted_words
from ..importers.project import project_to_draft
from ..project.model import SectionText, new_id
from ..wordcount import count_words
from . import state
from .components.scroll_to import scroll_to
from .text import plain

LIVE_FAMILIES = ("length", "structure", "privacy", "style", "evidence", "language")


def render() -> None:
    stored, pack = state.require_project(), state.rules()
    if stored is None or pack is None:
        return
    project = stored.project
    mechanism, kind = pack.kind(project.kind_id)
    st.title("Draft")
    st.caption(f"{kind.name} to {mechanism.name}. Cite evidence with [^evidence-id] or the picker under each section; your text is saved as you type.")

    draft = state.memo(stored, "draft", lambda: project_to_draft(project, pack, dt.date.today()))
    words = counted_words(draft, kind)
    limit = _limit(draft, kind)
    if limit:
        st.progress(min(1.0, words / limit[0]), text=f"{words:,} of {limit[0]:,} words ({limit[1]})")
    else:
        st.metric("Words", f"{words:,}")

    # Only the families shown beside the text are run here; the Check page runs them all.
    others = frozenset(check_id.split(".")[0] for check_id in CHECKS) - set(LIVE_FAMILIES)
    report = state.memo(stored, "live-report", lambda: run_checks(draft, pack, CheckConfig(today=dt.date.today(), disabled=others)))
    live = [f for f in report.findings if f.severity != "info"]
    guidance = {section.id: section for section in kind.sections}
    focus = st.session_state.pop("focus_section", None)  # a link from the Check page: scrolled to once
    for index, section in enumerate(project.sections):
        wanted = guidance.get(section.id)
        with st.container(border=True, key=f"section-{section.id}"):
            st.header(plain(section.title))
            if wanted:
                st.caption(wanted.guidance)
            state.field(st.text_area, f"Text of '{plain(section.title)}'", stored, ("section", section.id), section.text,
                        lambda p, value, i=index: setattr(p.sections[i], "text", value), height=220, label_visibility="collapsed")
            st.caption(f"{count_words(section.text):,} words" + (" · recommendations are added below this section when exported"
                                                                  if section.id == "recommendations" else ""))
            _footnote_picker(stored, section.id)
            _show([f for f in live if f.location.section == section.title])
    _show([f for f in live if not f.location.section])
    if focus and any(section.id == focus for section in project.sections):
        scroll_to(f"section-{focus}")

    with st.expander("Add a section"):
        title = st.text_input("Title of the new section", key=state.key(stored, "new-section"))
        if st.button("Add the section", key=state.key(stored, "add-section")) and title.strip():
            state.update(lambda p: p.sections.append(SectionText(id=new_id("sec"), title=title.strip())))
            st.rerun()


SHOWN_PER_SECTION = 5


def _footnote_picker(stored, section_id: str) -> None:
    """Cite an evidence item at the end of the section's text. The choices are read from the store on
    every run, so an item just added (on the Evidence page or in another tab) is there at once."""
    evidence = {item.id: item for item in stored.project.evidence}
    if not evidence:
        return
    choice, cite = st.columns([4, 1], vertical_alignment="bottom")
    picked = choice.selectbox("Cite evidence", list(evidence), index=None, placeholder="Choose an evidence item to cite",
                              key=state.key(stored, "cite", section_id),
                              format_func=lambda evidence_id: f"{evidence_id}: {evidence[evidence_id].claim[:70]}")
    cite.button("Cite it here", key=state.key(stored, "cite-button", section_id), disabled=picked is None,
                on_click=_cite, args=(section_id, picked), help="Adds [^its-id] at the end of this section's text.")


def _cite(section_id: str, evidence_id: str | None) -> None:
    latest = state.current()
    if latest is None or evidence_id is None:
        return

    def add_citation(project) -> None:
        section = next(s for s in project.sections if s.id == section_id)
        section.text = f"{section.text.rstrip()} [^{evidence_id}]".lstrip()

    # Made on what is stored now (which holds the text typed so far), so it never conflicts with it.
    if state.update(add_citation, base_version=latest.version):
        state.forget_field(latest, "section", section_id)
        st.session_state.pop(state.key(latest, "cite", section_id), None)


def _show(findings) -> None:
    """A few findings under each section, so that a long report stays quick to show; the Check page lists all."""
    for finding in findings[:SHOWN_PER_SECTION]:
        # The severity in words as well as in colour: a screen reader does not see red or yellow.
        (st.error if finding.severity == "error" else st.warning)(
            plain(f"{SEVERITY_WORDS[finding.severity]}: {finding.message} {finding.suggestion or ''}"))
    if len(findings) > SHOWN_PER_SECTION:
        st.caption(f"… and {len(findings) - SHOWN_PER_SECTION} more here: see the Check page.")


def _limit(draft, kind):
    chosen = kind.limits.applicable("words", joint=draft.joint, override=draft.words_limit, override_source=draft.limit_source)
    if chosen is None:
        return None
    if chosen.applies_to == "override":
        return chosen.value, f"your limit, from {chosen.override_source}"
    who = "joint submission" if chosen.applies_to == "joint" else "one organisation"
    return chosen.value, f"limit for a {who}; {chosen.confidence}"
