"""Evidence: the project's library of facts, each with its source, contributor, confidentiality and consent."""

from __future__ import annotations

import streamlit as st

from ..project.forms import load_form
from ..project.model import Citation, Consent, EvidenceItem, Member, new_id
from . import state
from .text import plain

KINDS = ["statistic", "case", "law-or-policy", "media-report", "official-finding", "testimony", "practice"]
CONFIDENTIALITY = ["public", "restricted", "confidential"]


def render() -> None:
    st.title("Evidence")
    stored = state.require_project()
    if stored is None:
        return
    project = stored.project
    st.caption("Cases and testimony need the person's consent. Use initials or codes, never names. Cite an item in the draft as [^its-id].")
    members = {m.id: m.name for m in project.members}
    _conflicts(stored, members)

    with st.expander("Add evidence", expanded=not project.evidence):
        with st.form(state.key(stored, "new-evidence"), clear_on_submit=True):
            def new(name: str) -> str:  # every widget keyed by what it holds, never by its label
                return state.key(stored, "new-evidence", name)

            kind = st.selectbox("Kind", KINDS, key=new("kind"))
            claim = st.text_area("What it shows", height=90, key=new("claim"))
            citation = st.text_input("Source (document, author, page)", key=new("citation"))
            url = st.text_input("Link (optional)", key=new("url"))
            date = st.date_input("Date of the source (optional)", value=None, format="YYYY-MM-DD", key=new("date"))
            contributor = st.selectbox("Contributed by", list(members), format_func=members.__getitem__, key=new("contributor"))
            confidentiality = st.selectbox("Confidentiality", CONFIDENTIALITY, key=new("confidentiality"))
            minor = st.checkbox("Concerns a child", key=new("minor"))
            st.markdown("**Consent** (cases and testimony)")
            consent_form = st.selectbox("Consent given", ["not recorded", "verbal", "written"], key=new("consent-form"))
            consent_scope = st.text_input("What the consent covers", placeholder="e.g. anonymised use in this submission",
                                          key=new("consent-scope"))
            consent_date = st.date_input("Date of consent", value=None, format="YYYY-MM-DD", key=new("consent-date"))
            added = st.form_submit_button("Add the evidence", type="primary", key=new("add"))
        if added:
            _add(stored, kind, claim, citation, url, date, contributor, confidentiality, minor, consent_form, consent_scope, consent_date)

    with st.expander("Coalition members"):
        for member in project.members:
            st.markdown(f"- **{plain(member.name)}** ({member.role}, sign-off {member.sign_off})")
        with st.form(state.key(stored, "new-member"), clear_on_submit=True):
            name = st.text_input("Organisation", key=state.key(stored, "new-member", "name"))
            role = st.selectbox("Role", ["member", "endorser"], key=state.key(stored, "new-member", "role"))
            if st.form_submit_button("Add the organisation", key=state.key(stored, "new-member", "add")) and name.strip():
                state.update(lambda p: p.members.append(Member(name=name.strip(), role=role)))
                st.rerun()

    if project.evidence:
        _library(stored, members)


def _library(stored, members) -> None:
    """Every item in one table, and one item open for editing: an editor per item made a page of
    200 items take seconds to rerun (Streamlit's cost grows with every widget on the page)."""
    project = stored.project
    contributor = members[project.coordinator.id]
    st.dataframe([{"Id": e.id, "Kind": e.kind, "What it shows": e.claim, "Source": e.source.citation if e.source else "",
                   "Confidentiality": e.confidentiality, "Contributed by": members.get(e.contributed_by, contributor)}
                  for e in project.evidence], hide_index=True)
    claims = {e.id: f"{e.id} · {e.kind} · {e.claim[:80]}" for e in project.evidence}
    open_key = state.key(stored, "ev-open")
    if st.session_state.get(open_key) not in claims:
        st.session_state.pop(open_key, None)  # deleted meanwhile: open the first
    chosen = st.selectbox("Evidence item to edit", list(claims), format_func=claims.__getitem__, key=open_key)
    index = list(claims).index(chosen)
    item = project.evidence[index]
    with st.container(border=True):
        source = f"{item.source.citation}" if item.source else "no source yet"
        st.caption(f"Contributed by {plain(members.get(item.contributed_by, contributor))} · {item.confidentiality} · {plain(source)}")
        state.field(st.text_area, "What it shows", stored, ("ev", item.id, "claim"), item.claim,
                    lambda p, v, i=index: setattr(p.evidence[i], "claim", v), height=80)
        source = item.source.citation if item.source else ""
        state.field(st.text_input, "Source", stored, ("ev", item.id, "source"), source,
                    lambda p, v, i=index: setattr(p.evidence[i], "source", Citation(citation=v, url=p.evidence[i].source.url if p.evidence[i].source else None,
                                                                                   date=p.evidence[i].source.date if p.evidence[i].source else None) if v.strip() else None))
        state.field(st.selectbox, "Confidentiality", stored, ("ev", item.id, "conf"), item.confidentiality,
                    lambda p, v, i=index: setattr(p.evidence[i], "confidentiality", v), options=CONFIDENTIALITY)
        if item.needs_consent:
            if item.consent is None:
                st.warning("No consent recorded: record it on a new entry, or leave this case out.")
            else:
                st.caption(f"Consent: {item.consent.form}, {plain(item.consent.scope)}, {item.consent.given_on.isoformat()}")
        if item.kind in ("case", "practice"):
            _form_answers(stored, index, item)
        if st.button("Delete this item", key=state.key(stored, "ev", item.id, "delete")):
            state.update(lambda p, i=item.id: _delete(p, i))
            st.rerun()


def _conflicts(stored, members) -> None:
    """Items a member revised after the coordinator changed them too: both versions shown, a person decides."""
    from ..project.coalition import resolve_conflict

    for index, conflict in enumerate(stored.project.merge_conflicts):
        with st.container(border=True):
            st.warning(f"{plain(members.get(conflict.member, conflict.member))} sent a new version of {conflict.item_type} {conflict.local_id}, "
                       "which was also changed here. Nothing was overwritten: choose which to keep.")
            st.json(conflict.incoming, expanded=False)
            left, right = st.columns(2)
            if left.button("Keep ours", key=state.key(stored, "conflict", str(index), "local")):
                state.update(lambda p, i=index: resolve_conflict(p, i, "local"))
                st.rerun()
            if right.button("Take theirs", key=state.key(stored, "conflict", str(index), "incoming")):
                state.update(lambda p, i=index: resolve_conflict(p, i, "incoming"))
                st.rerun()


def _add(stored, kind, claim, citation, url, date, contributor, confidentiality, minor, consent_form, consent_scope, consent_date) -> None:
    if not claim.strip():
        st.error("Say what the evidence shows.")
        return
    consent = None
    if consent_form != "not recorded":
        if not consent_scope.strip() or consent_date is None:
            st.error("For consent, say what it covers and when it was given.")
            return
        consent = Consent(form=consent_form, scope=consent_scope.strip(), given_on=consent_date)
    try:
        item = EvidenceItem(
            id=new_id("ev"), kind=kind, claim=claim.strip(), contributed_by=contributor, confidentiality=confidentiality,
            involves_minor=minor, consent=consent, form="case-study" if kind == "case" else ("practice" if kind == "practice" else None),
            source=Citation(citation=citation.strip(), url=url.strip() or None, date=date) if citation.strip() else None,
        )
    except ValueError as error:
        st.error(f"Not added: {str(error).splitlines()[-1]}")
        return
    if state.update(lambda p: p.evidence.append(item)):
        st.success(f"Added {item.id}. Cite it in the draft as [^{item.id}].")


def _form_answers(stored, index: int, item: EvidenceItem) -> None:
    form = load_form("case-study" if item.kind == "case" else "practice")
    st.markdown(f"**{form.title} form**")
    for question in form.questions:
        state.field(st.text_area, question.prompt, stored, ("ev", item.id, "q", question.id), item.answers.get(question.id, ""),
                    lambda p, v, i=index, q=question.id: p.evidence[i].answers.__setitem__(q, v), height=68)


def _delete(project, evidence_id: str) -> None:
    project.evidence = [e for e in project.evidence if e.id != evidence_id]
    for recommendation in project.recommendations:
        recommendation.evidence_ids = [e for e in recommendation.evidence_ids if e != evidence_id]
