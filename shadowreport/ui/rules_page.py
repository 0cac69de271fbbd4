"""Rules page: browse every mechanism and kind, each rule with its source and how sure we are."""

from __future__ import annotations

import streamlit as st

from ..config import ConfigError, load_settings
from ..i18n import N_
from ..language import kind_name, section_text
from ..rules import RulesError, load_rules
from ..rules.describe import deadline_summary, format_value, rule_lines, unknown_channel
from . import state, translation
from .translation import gettext

CONFIDENCE_BADGE = {  # the badge's colour, and its words (translated where shown)
    "verified": (":green-badge", N_("verified")),
    "reported": (":blue-badge", N_("reported")),
    "recalled": (":orange-badge", N_("recalled: check it")),
    "seed-2012": (":gray-badge", N_("2012 guidance")),
}


def _badge(confidence: str) -> str:
    colour, words = CONFIDENCE_BADGE[confidence]
    return f"{colour}[{gettext(words)}]"


def render() -> None:
    st.title(gettext("Rules"))
    st.caption(gettext(
        "Every limit and date names its source and how sure we are of it. A value marked *recalled* has not yet "
        "been confirmed in a source; *2012 guidance* is history. Change any value with a small file in your own "
        "rules folder (see mechanisms/README.md)."
    ))
    try:
        pack = load_rules(load_settings().rules_dir)
    except (ConfigError, RulesError) as error:
        st.error(gettext("The rules could not be loaded. Fix these problems and reload the page:"))
        st.code(str(error), language=None)
        return

    one_kind, every_figure = st.tabs([gettext("One kind's rules"), gettext("Every figure: what to check before a deadline")],
                                     key="rules_tabs")  # keyed: the open tab stays open in another language
    with every_figure:
        _audit(pack)
    with one_kind:
        _kind_rules(pack)


AUDIT_FILTERS = {
    "needs": N_("Needs checking (recalled or stale)"),
    "recalled": N_("Recalled only"),
    "stale": N_("Stale only (never verified, or over 12 months ago)"),
    "all": N_("Every figure"),
}
CONFIDENCE_WORDS = {"verified": N_("verified"), "reported": N_("reported"), "recalled": N_("recalled"), "seed-2012": N_("seed-2012"),
                    "stale": N_("stale")}


def _audit(pack) -> None:
    """Every figure of every mechanism with its source and when it was last verified (as `shadowreport mechanisms audit`)."""
    import datetime as dt

    from ..rules.audit import audit, counts, needs_checking

    figures = audit(pack, dt.date.today())
    tally = counts(figures)
    tallied = ", ".join(f"{tally.get(c, 0)} {gettext(CONFIDENCE_WORDS[c])}" for c in ("verified", "reported", "recalled", "seed-2012"))
    st.caption(gettext("{total} figures: {tallied}; {stale} stale. Re-check the recalled and stale ones that matter to you before a deadline, "
                       "and record what you find in your own rules folder.", total=tally["total"], tallied=tallied, stale=tally.get("stale", 0)))
    chosen = st.radio(gettext("Show"), list(AUDIT_FILTERS), format_func=translation.formatter(AUDIT_FILTERS), key="rules_audit_filter",
                      horizontal=True)
    shown = {"needs": needs_checking(figures), "recalled": [f for f in figures if f.confidence == "recalled"],
             "stale": [f for f in figures if f.stale], "all": figures}[chosen]
    link = gettext("Link")
    st.dataframe(
        [{gettext("Mechanism"): f.mechanism, gettext("Where"): f.where, gettext("Value"): f.value,
          gettext("Confidence"): gettext(CONFIDENCE_WORDS[f.confidence]) if f.confidence in CONFIDENCE_WORDS else f.confidence,
          gettext("Source"): f.source_title or f.source, link: f.source_url or "",
          gettext("Verified on"): f.verified_on.isoformat() if f.verified_on else gettext("never"), gettext("Why re-check"): f.why_stale or ""}
         for f in shown],
        hide_index=True, key="rules_audit_table",
        column_config={link: st.column_config.LinkColumn(link, display_text=gettext("open"))},
    )


def _kind_rules(pack) -> None:
    names = {m.id: f"{m.short_name}: {m.name}" for m in pack.mechanisms.values()}
    _open_on_the_projects_kind(pack)
    mechanism_id = st.selectbox(gettext("Mechanism"), list(names), format_func=names.__getitem__, key="rules_mechanism")
    mechanism = pack.mechanism(mechanism_id)
    st.write(mechanism.summary)
    if mechanism.url:
        st.markdown(f"[{mechanism.url}]({mechanism.url})")
    if mechanism_id in pack.overridden:
        st.info(gettext("Your rules folder changes this mechanism ({where}).", where=pack.overridden[mechanism_id]))

    language = translation.current()  # kinds' names, section titles and guidance in the reader's language, when its vocabulary gives them
    kind_names = {k: kind_name(f"{mechanism_id}/{k}", language) or kind.name for k, kind in mechanism.kinds.items()}
    kind_id = st.radio(gettext("Document kind"), list(kind_names), format_func=kind_names.__getitem__, key="rules_kind", horizontal=True)
    kind = mechanism.kinds[kind_id]
    t = translation.translator()  # labels, deadlines and yes/no in the reader's language; the rules' own text as written
    st.header(kind_names[kind_id])
    st.write(kind.purpose)
    if kind.published:
        st.markdown(gettext("**Publication:** usually made public by the mechanism: write nothing that could identify a person at risk."))
    else:
        st.markdown(gettext("**Publication:** kept confidential by the mechanism unless you ask for it to be published; say in the "
                            "document whether you want it published."))
    st.markdown(gettext("**Deadline:** {deadline}", deadline=deadline_summary(kind, t)))

    recalled = 0
    for label, sourced in rule_lines(kind, t):
        recalled += sourced.confidence == "recalled"
        with st.container(border=True):
            st.markdown(gettext("**{label}:** {value} {badge}", label=label[:1].upper() + label[1:], value=format_value(sourced.value, t),
                                badge=_badge(sourced.confidence)))
            source = sourced.source_title or sourced.source
            link = f"[{source}]({sourced.source_url})" if sourced.source_url else source
            checked = gettext(", checked {date}", date=sourced.verified_on.isoformat()) if sourced.verified_on else ""
            dated = f"{link}, {sourced.source_date}" if sourced.source_date else link
            st.caption(gettext("Source: {source}", source=dated + checked))
            if sourced.note:
                st.caption(sourced.note)
    if (missing := unknown_channel(mechanism, kind)) is not None:
        with st.container(border=True):
            st.markdown(gettext("**Channel:** {what}", what=gettext(missing)))
    if recalled:
        st.warning(gettext("{count} value(s) here are recalled, not yet confirmed in a source: check them before you rely on them.", count=recalled))

    shown = {section.id: section_text(f"{mechanism_id}/{kind_id}", section.id, language) for section in kind.sections}
    _listing(gettext("Sections"), [(shown[s.id].get("title", s.title), s.required, shown[s.id].get("guidance", s.guidance)) for s in kind.sections])
    _listing(gettext("Required information"), [(item.label, item.required, item.guidance) for item in kind.fields])
    if kind.advice:
        st.markdown("### " + gettext("Advice"))
        for advice in kind.advice:
            st.markdown(f"- {advice}")
    if kind.history:
        st.markdown("### " + gettext("History"))
        for note in kind.history:
            st.markdown(f"- {note.text} {_badge(note.confidence)}")


def _open_on_the_projects_kind(pack) -> None:
    """Show the open project's mechanism and kind when the page is opened for it; the user's own choice
    then stands until another project is opened."""
    opened = state.current()
    if opened is None or st.session_state.get("rules_shown_for") == opened.project.id:
        return
    st.session_state["rules_shown_for"] = opened.project.id
    if opened.project.mechanism in pack.mechanisms and opened.project.kind in pack.mechanism(opened.project.mechanism).kinds:
        st.session_state["rules_mechanism"] = opened.project.mechanism
        st.session_state["rules_kind"] = opened.project.kind


def _listing(heading: str, items: list[tuple[str, bool, str]]) -> None:
    if items:
        st.markdown(f"### {heading}")
        optional = gettext(" (optional)")  # outside the f-string: Python 3.12+ shows pybabel the literals inside one, 3.11 does not
        for title, required, guidance in items:
            st.markdown(f"- **{title}**{'' if required else optional}: {guidance}")
