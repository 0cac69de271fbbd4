"""Export warnings: what the document would print that must never reach it silently."""

from __future__ import annotations

import datetime as dt

from shadowreport.export.review import export_warnings
from shadowreport.importers.project import project_to_draft
from shadowreport.project.model import Member, Recommendation, SectionText

from .factories import TODAY, coalition_project, upr_project


def warnings_of(project, pack):
    return export_warnings(project, project_to_draft(project, pack, TODAY))


def kinds(warnings) -> list[str]:
    return [w.kind for w in warnings]


def test_a_clean_single_organisation_project_has_no_warnings(pack):
    assert warnings_of(upr_project(), pack) == []


def test_confidential_evidence_cited_in_a_footnote(pack):
    project = upr_project()
    project.evidence[1] = project.evidence[1].model_copy(update={"confidentiality": "confidential"})
    warnings = warnings_of(project, pack)
    assert kinds(warnings) == ["confidential-evidence"]
    assert warnings[0].section_id == "evidence" and "Strada Aperta, activity report 2024" in warnings[0].message
    project.evidence[1] = project.evidence[1].model_copy(update={"source": None})  # no source: no footnote, only the marker
    assert kinds(warnings_of(project, pack)) == ["placeholder"]


def test_pending_and_declined_sign_offs_in_a_coalition(pack):
    project = coalition_project()
    project.members[1] = Member(id="org-casa", name="Casa Nuova", role="member", sign_off="declined", signed_on=dt.date(2026, 10, 1))
    warnings = warnings_of(project, pack)
    assert [(w.kind, w.where) for w in warnings] == [("sign-off", "Strada Aperta"), ("sign-off", "Casa Nuova")]
    assert "not signed off yet" in warnings[0].message and "declined" in warnings[1].message


def test_placeholders_empty_headings_and_a_capitalised_verb(pack):
    project = upr_project(
        sections=[SectionText(id="submitters", title="Submitting organisation", text="We run TODO outreach units."),
                  SectionText(id="evidence", title="Evidence of the problem", text=""),
                  SectionText(id="recommendations", title="Recommendations", text="We recommend:")],
        recommendations=[Recommendation(id="rec-a", addressee="the Ministry of Labour", object="a referral mechanism"),
                         Recommendation(id="rec-b", addressee="the Ministry of Labour", verb="Adopt", object="a law")])
    warnings = warnings_of(project, pack)
    assert kinds(warnings) == ["placeholder", "empty-heading", "placeholder", "capitalised-verb"]
    assert warnings[1].section_id == "evidence"
    assert "'[do what?]' would be printed" in warnings[2].message
    assert "'should Adopt'" in warnings[3].message


def test_ordinary_brackets_and_capitals_are_not_warnings(pack):
    text = "The law [Act 2020/12] applies. Inspectors should visit farms. The State should, in Apulia, act. [sic]"
    project = upr_project(sections=[SectionText(id="submitters", title="Who we are", text=text)], recommendations=[])
    assert warnings_of(project, pack) == []


def test_the_command_line_says_what_was_printed_that_may_not_be_meant(tmp_path, capsys):
    from shadowreport import cli
    from shadowreport.project.exchange import write_project_file

    project = upr_project(recommendations=[Recommendation(id="rec-a", addressee="the Ministry of Labour", object="a law")])
    write_project_file(project, tmp_path / "p.yml")
    assert cli.main(["export", str(tmp_path / "p.yml"), "-o", str(tmp_path / "p.md"), "--today", "2026-11-23"]) == 0
    err = capsys.readouterr().err
    assert "warning: Recommendations: '[do what?]' would be printed" in err
