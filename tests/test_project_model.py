"""The project model: what it accepts, what it refuses, and the Draft it gives the checks."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from shadowreport.importers.project import project_to_draft
from shadowreport.project.model import EvidenceItem, Member, Recommendation, Timeframe, content_hash

from .factories import coalition_project, upr_project




def test_individual_and_joint():
    assert upr_project().joint is False
    joint = coalition_project()
    assert joint.joint is True and joint.coordinator.id == "org-road"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"members": [Member(name="A", role="coordinator"), Member(name="B", role="coordinator")]}, "exactly one coordinator"),
        ({"members": []}, "at least 1 item"),
        ({"recommendations": [Recommendation(id="rec-x", evidence_ids=["ev-nowhere"])]}, "links to evidence 'ev-nowhere'"),
        ({"evidence": [EvidenceItem(id="ev-a", kind="statistic", claim="x", contributed_by="org-ghost")]}, "not a member"),
        ({"evidence": [EvidenceItem(id="ev-a", kind="statistic", claim="x"), EvidenceItem(id="ev-a", kind="case", claim="y")]}, "used twice"),
        ({"language": "english"}, "pattern"),
    ],
)
def test_inconsistent_projects_are_refused(change, message):
    data = upr_project().model_dump()
    data.update({k: [v.model_dump() if hasattr(v, "model_dump") else v for v in value] if isinstance(value, list) else value for k, value in change.items()})
    with pytest.raises(ValidationError, match=message):
        type(upr_project()).model_validate(data)


def test_timeframe_is_a_date_or_a_term_not_both():
    with pytest.raises(ValidationError, match="a date or a term"):
        Timeframe(by=dt.date(2027, 1, 1), term="short")


def test_kind_may_be_given_in_full():
    assert upr_project(kind="upr/stakeholder").kind == "stakeholder"


def test_content_hash_ignores_identity_but_not_content():
    item = EvidenceItem(id="ev-1", kind="statistic", claim="212 workers")
    assert content_hash(item) == content_hash(item.model_copy(update={"id": "ev-2", "contributed_by": "org-x"}))
    assert content_hash(item) != content_hash(item.model_copy(update={"claim": "213 workers"}))


def test_draft_numbers_paragraphs_and_turns_citations_into_notes(pack):
    draft = project_to_draft(upr_project(), pack, today=dt.date(2026, 11, 23))
    assert draft.kind == "upr/stakeholder" and draft.joint is False
    paragraphs = [p for s in draft.sections for p in s.paragraphs]
    assert [p.number for p in paragraphs] == [str(n) for n in range(1, len(paragraphs) + 1)]  # UPR wants numbered paragraphs
    assert [p.style for p in paragraphs][1:4] == ["body", "list-item", "list-item"]
    assert [n.text for n in draft.notes] == [
        "ENPATES case-study review, 2012, 2012-11-30",
        "Strada Aperta, activity report 2024, https://example.org/report-2024",
    ]
    assert paragraphs[1].note_refs == ["1"] and paragraphs[2].note_refs == ["2"]
    last = paragraphs[-1]
    assert last.style == "list-item" and last.text.startswith("The Ministry of Labour should adopt a national referral mechanism")
    assert draft.recommendations[0].paragraph_number == last.number
    assert draft.deadline == dt.date(2027, 1, 25) - dt.timedelta(days=200)
    assert len(draft.evidence) == 3


def test_draft_of_an_unnumbered_kind_and_missing_recommendation_section(pack):
    project = upr_project(mechanism="greta", kind="ngo-report", sections=[])
    draft = project_to_draft(project, pack)
    assert [s.title for s in draft.sections] == ["Recommendations"]
    assert [p.number for s in draft.sections for p in s.paragraphs] == ["1"]  # recommendations: a numbered list of their own


def test_unknown_citation_stays_visible(pack):
    project = upr_project()
    project.sections[1].text = "A claim with a broken link [^ev-missing]."
    draft = project_to_draft(project, pack)
    assert any("[^ev-missing]" in p.text for s in draft.sections for p in s.paragraphs) and draft.notes == []


def test_evidence_forms_are_the_seeds_and_answers_must_match_them():
    from shadowreport.project.forms import load_form, unknown_answers

    assert len(load_form("case-study").questions) == 12
    assert {"objectives", "results", "transferability"} <= {q.id for q in load_form("practice").questions}
    case = EvidenceItem(kind="case", claim="x", form="case-study", answers={"need": "Return home", "obstacles": "Papers", "colour": "red"})
    assert unknown_answers(case) == ["colour"]
    assert unknown_answers(EvidenceItem(kind="statistic", claim="x", answers={"need": "y"})) == ["need"]


def test_default_store_follows_the_environment(tmp_path, monkeypatch):
    from shadowreport.store import open_default_store

    monkeypatch.setenv("SHADOWREPORT_STORE", str(tmp_path / "elsewhere" / "projects.sqlite3"))
    store = open_default_store()
    assert store.path == tmp_path / "elsewhere" / "projects.sqlite3" and store.path.is_file()
