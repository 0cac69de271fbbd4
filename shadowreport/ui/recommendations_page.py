"""Recommendations: the SMART builder, with the composed sentence, feedback per letter and UPR Info's category."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ..i18n import N_
from ..language import fingerprint as language_files
from ..project.model import PriorRecommendation, Recommendation, Timeframe, new_id
from ..recommendation_text import action_category, assess_smart, compose, specific_verbs
from . import state, translation
from .text import plain
from .translation import gettext, ngettext
from .uninterrupted import uninterrupted

TERMS = ["none", "a date", "short", "medium", "long"]  # stable values, shown through TERM_WORDS
TERM_WORDS = {"none": N_("none"), "a date": N_("a date"), "short": N_("short"), "medium": N_("medium"), "long": N_("long")}
# UPR Info's category names as the rules write them (lower case), marked here and translated where shown;
# a name the user's rules changed is shown as written.
CATEGORY_NAMES = (N_("minimal action"), N_("continuing action"), N_("considering action"), N_("general action"), N_("specific action"))
LETTER_NAMES = {"S": N_("Specific"), "M": N_("Measurable"), "A": N_("Achievable"), "R": N_("Relevant"), "T": N_("Time-bound")}


def render() -> None:
    st.title(gettext("Recommendations"))
    stored, pack = state.require_project(), state.rules()
    if stored is None or pack is None:
        return
    project = stored.project
    _, kind = pack.kind(project.kind_id)
    cap = kind.recommendations.max_count.value if kind.recommendations and kind.recommendations.max_count else None
    count = len(project.recommendations)
    if cap:
        message = (ngettext("{count} of at most {cap} recommendations", "{count} of at most {cap} recommendations", count, cap=cap)
                   + (gettext(" (mark the priority ones)") if count > cap else ""))
        (st.warning if count > cap else st.caption)(message)
    evidence = {e.id: f"{e.id}: {e.claim[:60]}" for e in project.evidence}

    # One recommendation is open for editing, the others are one line each: a page of thirty full
    # editors is slow to rerun (Streamlit's cost grows with every widget) and slow to read.
    ids = [rec.id for rec in project.recommendations]
    editing = st.session_state.get(EDITING) if st.session_state.get(EDITING) in ids else (ids[0] if ids else None)
    described = _described_all(project, pack)
    for index, rec in enumerate(project.recommendations):
        sentence, marks, failing = described[index]
        with st.container(border=True):
            st.markdown(sentence)
            st.caption(marks)
            if rec.id != editing:
                st.button(gettext("Edit recommendation {number}", number=index + 1), key=state.key(stored, "rec", rec.id, "edit"), on_click=_edit,
                          args=(rec.id,), icon=":material/edit:")
                continue
            with st.container():  # one element however many letters fail: the boxes below keep their place (state.show_messages)
                for line in failing:
                    st.markdown(line)
            _as_written(stored, rec, index)
            left, right = st.columns(2)
            state.field(left.text_input, gettext("Who must act (ministry, agency or department)"), stored, ("rec", rec.id, "addressee"), rec.addressee,
                        lambda p, v, i=index: setattr(p.recommendations[i], "addressee", v))
            state.field(right.text_input, gettext("Action verb"), stored, ("rec", rec.id, "verb"), rec.verb,
                        lambda p, v, i=index: setattr(p.recommendations[i], "verb", v),
                        help=gettext("Specific verbs: {verbs}", verbs=", ".join(specific_verbs(pack.action_categories)[:12])))
            state.field(st.text_area, gettext("What is to be done"), stored, ("rec", rec.id, "object"), rec.object,
                        lambda p, v, i=index: setattr(p.recommendations[i], "object", v), height=68)
            left, right = st.columns(2)
            term = "a date" if rec.timeframe.by else (rec.timeframe.term or "none")
            state.field(left.selectbox, gettext("Timeframe"), stored, ("rec", rec.id, "term"), term,
                        lambda p, v, i=index: setattr(p.recommendations[i], "timeframe", _timeframe(v, p.recommendations[i].timeframe)), options=TERMS,
                        format_func=translation.formatter(TERM_WORDS))
            if term == "a date":
                state.field(right.date_input, gettext("By"), stored, ("rec", rec.id, "by"), rec.timeframe.by or dt.date.today(),
                            lambda p, v, i=index: setattr(p.recommendations[i], "timeframe", Timeframe(by=v)), format="YYYY-MM-DD")
            state.field(st.text_input, gettext("How anyone can tell it was done (indicator)"), stored, ("rec", rec.id, "indicator"), rec.indicator,
                        lambda p, v, i=index: setattr(p.recommendations[i], "indicator", v))
            left, middle, right = st.columns(3)
            state.field(left.checkbox, gettext("Priority"), stored, ("rec", rec.id, "priority"), rec.priority,
                        lambda p, v, i=index: setattr(p.recommendations[i], "priority", v))
            state.field(middle.checkbox, gettext("'Wish list' item"), stored, ("rec", rec.id, "wish"), rec.wish_list,
                        lambda p, v, i=index: setattr(p.recommendations[i], "wish_list", v))
            state.field(right.multiselect, gettext("Evidence it rests on"), stored, ("rec", rec.id, "evidence"), [e for e in rec.evidence_ids if e in evidence],
                        lambda p, v, i=index: setattr(p.recommendations[i], "evidence_ids", list(v)), options=list(evidence),
                        format_func=lambda value: evidence.get(value, value))
            state.field(st.text_input, gettext("Cost-effectiveness (why it is worth it)"), stored, ("rec", rec.id, "cost"), rec.cost_note,
                        lambda p, v, i=index: setattr(p.recommendations[i], "cost_note", v))
            state.field(st.text_input, gettext("Follows up earlier recommendation (document symbol, paragraph)"), stored, ("rec", rec.id, "follows"),
                        ", ".join(f"{f.symbol} {f.paragraph}".strip() for f in rec.follows_up),
                        lambda p, v, i=index: setattr(p.recommendations[i], "follows_up", _follow_ups(v)))
            up, down, delete = st.columns(3)
            if up.button(gettext("Move up"), key=state.key(stored, "rec", rec.id, "up"), disabled=index == 0):
                state.update(lambda p, i=index: _swap(p, i - 1, i))
                st.rerun()
            if down.button(gettext("Move down"), key=state.key(stored, "rec", rec.id, "down"), disabled=index == count - 1):
                state.update(lambda p, i=index: _swap(p, i, i + 1))
                st.rerun()
            if delete.button(gettext("Delete"), key=state.key(stored, "rec", rec.id, "delete")):
                state.update(lambda p, rid=rec.id: setattr(p, "recommendations", [r for r in p.recommendations if r.id != rid]))
                st.rerun()

    if st.button(gettext("Add a recommendation"), type="primary", key=state.key(stored, "add-recommendation")):
        added = Recommendation(id=new_id("rec"))
        if state.update(lambda p: p.recommendations.append(added)):
            _edit(added.id)
        st.rerun()


DESCRIBED = "recommendations-described"  # {what a recommendation's lines depend on: its lines}, of the last run


def _described_all(project, pack) -> list[tuple[str, str, list[str]]]:
    """Each recommendation's lines, worked out again only for those changed since this session's last
    run of the page: a page switch or a field's save would otherwise assess all thirty again."""
    kept = st.session_state.get(DESCRIBED, {})
    fresh = {}
    depends_on = (translation.current(), id(pack), language_files(), project.language)
    for index, rec in enumerate(project.recommendations):
        key = (*depends_on, index, rec.model_dump_json())
        fresh[key] = kept[key] if key in kept else _described(rec, index, project.language, pack)
    st.session_state[DESCRIBED] = fresh
    return list(fresh.values())


def _described(rec, index: int, language: str, pack) -> tuple[str, str, list[str]]:
    """A recommendation as Markdown: its numbered sentence, a mark per SMART letter with UPR Info's
    category, and a line for each letter that fails saying why."""
    smart = assess_smart(rec, pack.action_categories, pack.generic_addressees, language)
    category = action_category(rec, pack.action_categories)
    marks = (" · ".join(f":green-background[:material/check: {_letter(letter)}]" if letter.ok
                        else f":red-background[:material/close: {_letter(letter)}]" for letter in smart.letters)
             + (gettext(" · UPR Info category {number} ({name})", number=category.category,
                         name=translation.translator().gettext(category.name.lower())) if category
                else gettext(" · no action verb found")))
    failing = [gettext("- **{letter}:** {reason}", letter=_letter(letter), reason=plain(letter.reason)) for letter in smart.letters if not letter.ok]
    return f"**{index + 1}.** {plain(compose(rec, language))}", marks, failing


FIELD_NAMES = {"addressee": N_("who must act"), "verb": N_("the action verb"), "object": N_("what is to be done"), "timeframe": N_("the timeframe")}


def _letter(letter) -> str:
    """A SMART letter's name in the session's language."""
    return gettext(LETTER_NAMES[letter.letter]) if letter.letter in LETTER_NAMES else letter.name


def _as_written(stored, rec, index: int) -> None:
    """A recommendation kept as written (imported from a draft) is edited as text; the fields below are what
    was read from it for the SMART check, and those only guessed are named until the user confirms them."""
    if rec.text is None:
        return
    state.field(st.text_area, gettext("The recommendation as written (printed as it stands)"), stored, ("rec", rec.id, "text"), rec.text,
                lambda p, v, i=index: setattr(p.recommendations[i], "text", v), height=90)
    if rec.to_confirm:
        guessed = ", ".join(gettext(FIELD_NAMES[name]) if name in FIELD_NAMES else name for name in rec.to_confirm)
        st.info(gettext("Read from your draft, to confirm: {fields}. The SMART check uses the fields below.", fields=guessed))
        st.button(gettext("These fields are right"), key=state.key(stored, "rec", rec.id, "confirm"),
                  on_click=lambda i=index: state.update(lambda p: setattr(p.recommendations[i], "to_confirm", [])))
    st.button(gettext("Print it composed from the fields instead"), key=state.key(stored, "rec", rec.id, "compose"),
              on_click=lambda i=index: state.update(lambda p: setattr(p.recommendations[i], "text", None)))


EDITING = "recommendation-open-for-editing"


@uninterrupted()
def _edit(recommendation_id: str) -> None:
    st.session_state[EDITING] = recommendation_id


def _timeframe(choice: str, current: Timeframe) -> Timeframe:
    if choice == "a date":
        return Timeframe(by=current.by or dt.date.today().replace(month=12, day=31))
    if choice == "none":
        return Timeframe()
    return Timeframe(term=choice)


def _follow_ups(text: str) -> list[PriorRecommendation]:
    items = []
    for part in [p.strip() for p in text.split(",") if p.strip()]:
        symbol, _, paragraph = part.partition(" ")
        items.append(PriorRecommendation(symbol=symbol, paragraph=paragraph.strip()))
    return items


def _swap(project, first: int, second: int) -> None:
    recommendations = project.recommendations
    recommendations[first], recommendations[second] = recommendations[second], recommendations[first]
