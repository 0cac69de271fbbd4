"""Evidence: the project's library of facts, each with its source, contributor, confidentiality and consent."""

from __future__ import annotations

import streamlit as st

from ..i18n import N_
from ..project.forms import load_form
from ..project.model import Citation, Consent, EvidenceDraft, EvidenceItem, MemberDraft, content_hash, new_id
from . import state, translation
from .text import plain
from .translation import gettext

KINDS = ["statistic", "case", "law-or-policy", "media-report", "official-finding", "testimony", "practice"]
CONFIDENTIALITY = ["public", "restricted", "confidential"]
CONSENT_FORMS = ["not recorded", "verbal", "written"]
# The values above are stored as they are; these are the words shown for them (and for roles and sign-offs).
WORDS = {"statistic": N_("statistic"), "case": N_("case"), "law-or-policy": N_("law or policy"), "media-report": N_("media report"),
         "official-finding": N_("official finding"), "testimony": N_("testimony"), "practice": N_("practice"),
         "public": N_("public"), "restricted": N_("restricted"), "confidential": N_("confidential"),
         "not recorded": N_("not recorded"), "verbal": N_("verbal"), "written": N_("written"),
         "coordinator": N_("coordinator"), "member": N_("member"), "endorser": N_("endorser"),
         "pending": N_("pending"), "approved": N_("approved"), "declined": N_("declined")}


def word_for(value: str) -> str:
    """A stored value (an evidence kind, a confidentiality, a role...) in the reader's words; any other value as it is."""
    return gettext(WORDS[value]) if value in WORDS else value


def render() -> None:
    st.title(gettext("Evidence"))
    stored = state.require_project()
    if stored is None:
        return
    project = stored.project
    st.caption(gettext("Cases and testimony need the person's consent. Use initials or codes, never names. Cite an item in the draft as [^its-id]."))
    members = {m.id: m.name for m in project.members}
    _conflicts(stored, members)

    # Keyed expanders: the browser keeps them open when their labels change language.
    with st.expander(gettext("Add evidence"), expanded=not project.evidence or _draft_started(project.evidence_draft),
                     key=f"add_evidence:{project.id}"):
        _new_item_form(stored, members)

    with st.expander(gettext("Coalition members"), key=f"coalition_members:{project.id}"):
        for member in project.members:
            st.markdown(gettext("- **{name}** ({role}, sign-off {sign_off})", name=plain(member.name), role=word_for(member.role),
                                sign_off=word_for(member.sign_off)))
        _new_member(stored)

    if project.evidence:
        _library(stored, members)


def _library(stored, members) -> None:
    """Every item in one table, and one item open for editing: an editor per item made a page of
    200 items take seconds to rerun (Streamlit's cost grows with every widget on the page)."""
    project = stored.project
    contributor = members[project.coordinator.id]
    st.dataframe([{gettext("Id"): e.id, gettext("Kind"): word_for(e.kind), gettext("What it shows"): e.claim,
                   gettext("Source"): e.source.citation if e.source else "", gettext("Confidentiality"): word_for(e.confidentiality),
                   gettext("Contributed by"): members.get(e.contributed_by, contributor)}
                  for e in project.evidence], hide_index=True)
    claims = {e.id: f"{e.id} · {word_for(e.kind)} · {e.claim[:80]}" for e in project.evidence}
    open_key = state.key(stored, "ev-open")
    if st.session_state.get(open_key) not in claims:
        st.session_state.pop(open_key, None)  # deleted meanwhile: open the first
    chosen = st.selectbox(gettext("Evidence item to edit"), list(claims), format_func=claims.__getitem__, key=open_key)
    index = list(claims).index(chosen)
    item = project.evidence[index]
    with st.container(border=True):
        source = f"{item.source.citation}" if item.source else gettext("no source yet")
        st.caption(gettext("Contributed by {member} · {confidentiality} · {source}", member=plain(members.get(item.contributed_by, contributor)),
                           confidentiality=word_for(item.confidentiality), source=plain(source)))
        state.field(st.text_area, gettext("What it shows"), stored, ("ev", item.id, "claim"), item.claim,
                    lambda p, v, i=index: setattr(p.evidence[i], "claim", v), height=80)
        source = item.source.citation if item.source else ""
        state.field(st.text_input, gettext("Source"), stored, ("ev", item.id, "source"), source,
                    lambda p, v, i=index: setattr(p.evidence[i], "source", Citation(citation=v, url=p.evidence[i].source.url if p.evidence[i].source else None,
                                                                                   date=p.evidence[i].source.date if p.evidence[i].source else None) if v.strip() else None))
        state.field(st.selectbox, gettext("Confidentiality"), stored, ("ev", item.id, "conf"), item.confidentiality,
                    lambda p, v, i=index: setattr(p.evidence[i], "confidentiality", v), options=CONFIDENTIALITY,
                    format_func=translation.formatter(WORDS))
        if item.needs_consent:
            if item.consent is None:
                st.warning(gettext("No consent recorded: record it on a new entry, or leave this case out."))
            else:
                st.caption(gettext("Consent: {form}, {scope}, {date}", form=word_for(item.consent.form), scope=plain(item.consent.scope),
                                   date=item.consent.given_on.isoformat()))
        if item.kind in ("case", "practice"):
            _form_answers(stored, index, item)
        if st.button(gettext("Delete this item"), key=state.key(stored, "ev", item.id, "delete")):
            state.update(lambda p, i=item.id: _delete(p, i))
            st.rerun()


def _conflicts(stored, members) -> None:
    """Items a member revised after the coordinator changed them too: both versions shown, a person decides."""
    from ..project.coalition import resolve_conflict

    seen: set[str] = set()
    for index, conflict in enumerate(stored.project.merge_conflicts):
        # Keyed by what the conflict is, not where it is listed: one settled above must not make the
        # buttons of the next one new widgets (or hand them the settled one's click).
        ident = f"{conflict.member}-{content_hash(conflict)}"
        while ident in seen:  # the same conflict recorded twice still gets keys of its own
            ident += "+"
        seen.add(ident)
        with st.container(border=True, key=state.key(stored, "conflict", ident)):
            st.warning(gettext("{member} sent a new version of {item_type} {item_id}, which was also changed here. "
                               "Nothing was overwritten: choose which to keep.", member=plain(members.get(conflict.member, conflict.member)),
                               item_type=conflict.item_type, item_id=conflict.local_id))
            st.json(conflict.incoming, expanded=False)
            left, right = st.columns(2)
            if left.button(gettext("Keep ours"), key=state.key(stored, "conflict", ident, "local")):
                state.update(lambda p, i=index: resolve_conflict(p, i, "local"))
                st.rerun()
            if right.button(gettext("Take theirs"), key=state.key(stored, "conflict", ident, "incoming")):
                state.update(lambda p, i=index: resolve_conflict(p, i, "incoming"))
                st.rerun()


def _new_member(stored) -> None:
    """Not a form: the boxes save as they are typed into the project's member draft (the one the settings
    page's "Add a member" uses), so text typed here survives the sidebar and a reload; "Add the
    organisation" checks the draft and only then makes it a member."""
    draft = stored.project.member_draft
    state.field(st.text_input, gettext("Organisation"), stored, ("new-member", "name"), draft.name,
                lambda p, value: setattr(p.member_draft, "name", value))
    state.field(st.selectbox, gettext("Role"), stored, ("new-member", "role"), draft.role,
                lambda p, value: setattr(p.member_draft, "role", value), options=["member", "endorser"],
                format_func=translation.formatter(WORDS))
    if st.button(gettext("Add the organisation"), key=state.key(stored, "new-member", "add")):
        if state.update(_add_drafted_member):
            for name in MemberDraft.model_fields:
                state.forget_field(stored, "new-member", name)
        st.rerun()


def _add_drafted_member(project) -> None:
    project.members.append(project.member_draft.member())  # refused while the draft has no name
    project.member_draft = MemberDraft()


def _draft_started(draft: EvidenceDraft) -> bool:
    return draft != EvidenceDraft(kind=draft.kind, contributed_by=draft.contributed_by, confidentiality=draft.confidentiality)


def _as_shown(stored, draft: EvidenceDraft) -> EvidenceDraft:
    """The draft as its boxes show it. A box's newest text travels with the click on "Add the evidence"
    and may not be in the stored draft yet (its own save can lose a race with the watcher's), so the
    item is made from what the user sees, never from an older copy missing the last words."""
    shown = {}
    for name in EvidenceDraft.model_fields:
        value = st.session_state.get(state.key(stored, "new-evidence", name), _NOT_SHOWN)
        if value is not _NOT_SHOWN:
            shown[name] = value
    try:
        return EvidenceDraft.model_validate({**draft.model_dump(), **shown})
    except ValueError:
        return draft  # a box holding something the draft cannot (never expected): the stored draft, checked below


_NOT_SHOWN = object()


def _set_draft(name: str):
    """How a box of the form writes into the project's draft item (kept until it is added, never evidence)."""
    return lambda project, value: setattr(project.evidence_draft, name, value)


def _new_item_form(stored, members: dict[str, str]) -> None:
    """The new item's boxes save as they are typed into the project's draft item, like every other box:
    text typed here and left by the sidebar, or a reload, is still here. "Add the evidence" checks the
    draft and only then makes it an evidence item."""
    draft = stored.project.evidence_draft
    contributor = draft.contributed_by if draft.contributed_by in members else stored.project.coordinator.id

    def box(widget, label: str, name: str, value, **options):
        return state.field(widget, label, stored, ("new-evidence", name), value, _set_draft(name), **options)

    words = translation.formatter(WORDS)
    box(st.selectbox, gettext("Kind"), "kind", draft.kind, options=KINDS, format_func=words)
    box(st.text_area, gettext("What it shows"), "claim", draft.claim, height=90)
    box(st.text_input, gettext("Source (document, author, page)"), "citation", draft.citation)
    box(st.text_input, gettext("Link (optional)"), "url", draft.url)
    box(st.date_input, gettext("Date of the source (optional)"), "date", draft.date, format="YYYY-MM-DD")
    box(st.selectbox, gettext("Contributed by"), "contributed_by", contributor, options=list(members), format_func=members.__getitem__)
    box(st.selectbox, gettext("Confidentiality"), "confidentiality", draft.confidentiality, options=CONFIDENTIALITY, format_func=words)
    box(st.checkbox, gettext("Concerns a child"), "involves_minor", draft.involves_minor)
    st.markdown(gettext("**Consent** (cases and testimony)"))
    box(st.selectbox, gettext("Consent given"), "consent_form", draft.consent_form, options=CONSENT_FORMS, format_func=words)
    box(st.text_input, gettext("What the consent covers"), "consent_scope", draft.consent_scope,
        placeholder=gettext("e.g. anonymised use in this submission"))
    box(st.date_input, gettext("Date of consent"), "consent_date", draft.consent_date, format="YYYY-MM-DD")
    if st.button(gettext("Add the evidence"), type="primary", key=state.key(stored, "new-evidence", "add")):
        _add(stored, contributor)


def _add(stored, contributor: str) -> None:
    draft = _as_shown(stored, stored.project.evidence_draft)
    if not draft.claim.strip():
        st.error(gettext("Say what the evidence shows."))
        return
    consent = None
    if draft.consent_form != "not recorded":
        if not draft.consent_scope.strip() or draft.consent_date is None:
            st.error(gettext("For consent, say what it covers and when it was given."))
            return
        consent = Consent(form=draft.consent_form, scope=draft.consent_scope.strip(), given_on=draft.consent_date)
    try:
        item = EvidenceItem(
            id=new_id("ev"), kind=draft.kind, claim=draft.claim.strip(), contributed_by=contributor,
            confidentiality=draft.confidentiality, involves_minor=draft.involves_minor, consent=consent,
            form="case-study" if draft.kind == "case" else ("practice" if draft.kind == "practice" else None),
            source=Citation(citation=draft.citation.strip(), url=draft.url.strip() or None, date=draft.date) if draft.citation.strip() else None,
        )
    except ValueError as error:
        st.error(gettext("Not added: {reason}", reason=str(error).splitlines()[-1]))
        return

    def add(project) -> None:
        project.evidence.append(item)
        project.evidence_draft = EvidenceDraft(kind=draft.kind, contributed_by=contributor)  # the next item starts empty

    if state.update(add):
        for name in EvidenceDraft.model_fields:
            state.forget_field(stored, "new-evidence", name)
        st.session_state["notice"] = ("success", gettext("Added {id}. Cite it in the draft as [^{id}].", id=item.id))
        st.rerun()


def _form_answers(stored, index: int, item: EvidenceItem) -> None:
    form = load_form("case-study" if item.kind == "case" else "practice")
    st.markdown(gettext("**{form} form**", form=form.title))
    for question in form.questions:
        state.field(st.text_area, question.prompt, stored, ("ev", item.id, "q", question.id), item.answers.get(question.id, ""),
                    lambda p, v, i=index, q=question.id: p.evidence[i].answers.__setitem__(q, v), height=68)


def _delete(project, evidence_id: str) -> None:
    project.evidence = [e for e in project.evidence if e.id != evidence_id]
    for recommendation in project.recommendations:
        recommendation.evidence_ids = [e for e in recommendation.evidence_ids if e != evidence_id]
