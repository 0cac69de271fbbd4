"""Draft: the kind's sections with their guidance, word counts against the limit, and what the checks see."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ..checks import CHECKS, CheckConfig, run_checks
from ..checks.grouping import severity_words
from ..checks.text import counted_words
from ..i18n import N_
from ..importers.project import project_to_draft
from ..language import VocabularyError, section_text
from ..project.model import SectionText, new_id
from ..wordcount import count_words
from . import errors, state, translation
from .components.scroll_to import scroll_to
from .text import plain
from .translation import gettext, ngettext
from .uninterrupted import uninterrupted

LIVE_FAMILIES = ("length", "structure", "privacy", "style", "evidence", "language")


def render() -> None:
    stored, pack = state.require_project(), state.rules()
    if stored is None or pack is None:
        return
    project = stored.project
    mechanism, kind = pack.kind(project.kind_id)
    st.title(gettext("Draft"))
    st.caption(gettext("{kind} to {mechanism}. Cite evidence with [^evidence-id] or the picker under each section; "
                       "your text is saved as you type.", kind=kind.name, mechanism=mechanism.name))

    language = translation.current()
    try:
        live = _count_and_check(stored, pack, kind, language)
    except VocabularyError as error:  # a language file the user can correct: say which; the boxes below stay usable
        errors.show_vocabulary_problem(error)
        live = []
    guidance = {section.id: section for section in kind.sections}
    focus = st.session_state.pop("focus_section", None)  # a link from the Check page: scrolled to once
    for index, section in enumerate(project.sections):
        wanted = guidance.get(section.id)
        with st.container(border=True, key=f"section-{section.id}"):
            st.header(plain(section.title))
            if wanted:  # the guidance in the reader's language, when its vocabulary file gives it
                st.caption(_guidance(project.kind_id, section.id, language, wanted.guidance))
            state.field(st.text_area, gettext("Text of '{title}'", title=plain(section.title)), stored, ("section", section.id), section.text,
                        lambda p, value, i=index: setattr(p.sections[i], "text", value), height=220, label_visibility="collapsed")
            st.caption(ngettext("{count} word", "{count} words", count_words(section.text))
                       + (gettext(" · recommendations are added below this section when exported") if section.id == "recommendations" else ""))
            _footnote_picker(stored, section.id)
            _show([f for f in live if f.location.section == section.title])
    _show([f for f in live if not f.location.section])
    if focus and any(section.id == focus for section in project.sections):
        scroll_to(f"section-{focus}")

    with st.expander(gettext("Add a section"), key=f"add_section:{project.id}"):  # keyed: stays open when its label changes language
        title = st.text_input(gettext("Title of the new section"), key=state.key(stored, "new-section"))
        if st.button(gettext("Add the section"), key=state.key(stored, "add-section")) and title.strip():
            state.update(lambda p: p.sections.append(SectionText(id=new_id("sec"), title=title.strip())))
            st.rerun()


def _count_and_check(stored, pack, kind, language: str) -> list:
    """The word count against the limit, shown; the findings to show beside the text (the live checks)."""
    # The Draft composes the recommendations, which needs the language files.
    draft = state.memo(stored, "draft", lambda: project_to_draft(stored.project, pack, dt.date.today()))
    words = counted_words(draft, kind)
    limit = _limit(draft, kind)
    if limit:
        st.progress(min(1.0, words / limit[0]), text=ngettext("{words} of {count} word ({why})", "{words} of {count} words ({why})", limit[0],
                                                               words=translation.number(words), why=limit[1]))
    else:
        st.metric(gettext("Words"), translation.number(words))

    # Only the families shown beside the text are run here; the Check page runs them all.
    others = frozenset(check_id.split(".")[0] for check_id in CHECKS) - set(LIVE_FAMILIES)
    report = state.memo(stored, f"live-report:{language}",
                        lambda: run_checks(draft, pack, CheckConfig(today=dt.date.today(), disabled=others, language=language)))
    return [f for f in report.findings if f.severity != "info"]


SHOWN_PER_SECTION = 5


def _guidance(kind_id: str, section_id: str, language: str, english: str) -> str:
    """A section's guidance in the reader's language when its language file gives it; the rules' own when that
    file cannot be read (the page has said why above the sections)."""
    try:
        return section_text(kind_id, section_id, language).get("guidance", english)
    except VocabularyError:
        return english


def _footnote_picker(stored, section_id: str) -> None:
    """Cite an evidence item at the end of the section's text. The choices are read from the store on
    every run, so an item just added (on the Evidence page or in another tab) is there at once."""
    evidence = {item.id: item for item in stored.project.evidence}
    if not evidence:
        return
    choice, cite = st.columns([4, 1], vertical_alignment="bottom")
    picked = choice.selectbox(gettext("Cite evidence"), list(evidence), index=None, placeholder=gettext("Choose an evidence item to cite"),
                              key=state.key(stored, "cite", section_id),
                              format_func=lambda evidence_id: f"{evidence_id}: {evidence[evidence_id].claim[:70]}")
    cite.button(gettext("Cite it here"), key=state.key(stored, "cite-button", section_id), disabled=picked is None,
                on_click=_cite, args=(section_id, picked), help=gettext("Adds [^its-id] at the end of this section's text."))


@uninterrupted()
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
    words = severity_words(translation.current())
    for finding in findings[:SHOWN_PER_SECTION]:
        # The severity in words as well as in colour: a screen reader does not see red or yellow.
        (st.error if finding.severity == "error" else st.warning)(
            plain(gettext("{severity}: {message} {suggestion}", severity=words[finding.severity], message=finding.message,
                          suggestion=finding.suggestion or "")))
    if len(findings) > SHOWN_PER_SECTION:
        st.caption(ngettext("… and {count} more here: see the Check page.", "… and {count} more here: see the Check page.",
                            len(findings) - SHOWN_PER_SECTION))


def _limit(draft, kind):
    chosen = kind.limits.applicable("words", joint=draft.joint, override=draft.words_limit, override_source=draft.limit_source)
    if chosen is None:
        return None
    if chosen.applies_to == "override":
        return chosen.value, gettext("your limit, from {source}", source=chosen.override_source)
    confidence = gettext(CONFIDENCE_WORDS.get(chosen.confidence, chosen.confidence))
    if chosen.applies_to == "joint":
        return chosen.value, gettext("limit for a joint submission; {confidence}", confidence=confidence)
    return chosen.value, gettext("limit for one organisation; {confidence}", confidence=confidence)


# How sure the rule pack is of a figure, in words (marked here, translated where shown).
CONFIDENCE_WORDS = {"verified": N_("verified"), "reported": N_("reported"), "recalled": N_("recalled"), "seed-2012": N_("seed-2012")}
