"""Findings by place and severity, in words, for the Check page."""

from __future__ import annotations

from shadowreport.checks import CheckConfig, run_checks
from shadowreport.checks.finding import Finding, Location
from shadowreport.checks.grouping import DOCUMENT, EVIDENCE, RECOMMENDATIONS, group_findings, without_cli_hints
from shadowreport.importers.project import project_to_draft
from shadowreport.project.model import Recommendation, SectionText

from .factories import TODAY, upr_project


def test_groups_follow_the_document_with_the_most_serious_first(pack):
    project = upr_project(
        sections=[SectionText(id="submitters", title="Submitting organisation", text="We work with the NRM."),
                  SectionText(id="evidence", title="Evidence of the problem", text="Maria Popescu, 16, from Iasi, was recruited."),
                  SectionText(id="recommendations", title="Recommendations", text="We recommend:")],
        recommendations=[Recommendation(id="rec-a", addressee="the Government", verb="consider", object="reforms")])
    draft = project_to_draft(project, pack, TODAY)
    report = run_checks(draft, pack, CheckConfig(today=TODAY))
    groups = group_findings(report.findings, draft)
    titles = [g.title for g in groups]
    assert titles[0] == DOCUMENT and titles[-1] == RECOMMENDATIONS
    assert titles.index("Submitting organisation") < titles.index("Evidence of the problem") < titles.index(EVIDENCE)
    assert {f.rule for f in groups[titles.index(EVIDENCE)].findings} == {"evidence.unsourced", "evidence.stale"}
    evidence = groups[titles.index("Evidence of the problem")]
    assert evidence.section_id == "evidence" and evidence.findings[0].severity == "error"  # personal data first
    assert "must fix" in evidence.summary()
    for group in groups:
        order = [f.severity for f in group.findings]
        assert order == sorted(order, key=["error", "warning", "info"].index)
    assert sum(len(g.findings) for g in groups) == len(report.findings)  # nothing dropped


def test_a_section_the_draft_does_not_have_gets_its_own_group(pack):
    draft = project_to_draft(upr_project(), pack, TODAY)
    finding = Finding("x.y", "warning", "Something.", Location(section="Annex B"))
    assert [(g.title, g.section_id) for g in group_findings([finding], draft)] == [("Annex B", None)]


def test_command_line_hints_are_set_aside():
    text, hints = without_cli_hints("Cut to 10 pages. Render with LibreOffice (--render) for the exact figure.")
    assert text == "Cut to 10 pages. Render with LibreOffice for the exact figure." and hints == ["--render"]
    assert without_cli_hints("Nothing to set aside.") == ("Nothing to set aside.", [])
