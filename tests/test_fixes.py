"""One-click fixes: pure, and the check that asked for them is then satisfied."""

from __future__ import annotations

from shadowreport.checks import CheckConfig, run_checks
from shadowreport.importers.project import project_to_draft
from shadowreport.project.fixes import add_sections, mark_priorities
from shadowreport.project.model import Recommendation, SectionText

from .factories import TODAY, upr_project


def findings(project, pack, rule):
    report = run_checks(project_to_draft(project, pack, TODAY), pack, CheckConfig(today=TODAY))
    return [f for f in report.findings if f.rule == rule]


def test_a_missing_required_section_is_added_in_the_kinds_order(pack):
    project = upr_project()
    _, kind = pack.kind(project.kind_id)
    missing = [s for s in kind.sections if s.required and s.id not in {p.id for p in project.sections}]
    assert missing and findings(project, pack, "structure.missing-section")
    fixed = add_sections(project, kind, [s.id for s in missing])
    assert fixed is not project and project.sections == upr_project().sections  # the original is untouched
    kind_order = [s.id for s in kind.sections]
    placed = [s.id for s in fixed.sections if s.id in kind_order]
    assert placed == sorted(placed, key=kind_order.index)
    assert {s.id for s in missing} <= {s.id for s in fixed.sections}
    # What is left is "the section is empty", which is for the writer, not for a button.
    assert all("is empty" in f.message for f in findings(fixed, pack, "structure.missing-section"))
    assert add_sections(fixed, kind, [s.id for s in missing]) == fixed  # nothing added twice


def test_a_section_of_the_users_own_stays_where_it_is(pack):
    project = upr_project(sections=[SectionText(id="own", title="Our story", text="x"), *upr_project().sections])
    _, kind = pack.kind(project.kind_id)
    fixed = add_sections(project, kind, [s.id for s in kind.sections])
    assert fixed.sections[0].id == "own"


def test_the_first_recommendations_are_marked_as_priorities(pack):
    many = [Recommendation(id=f"rec-{n}", addressee="the Ministry of Labour", verb="adopt", object=f"measure {n}") for n in range(9)]
    project = upr_project(recommendations=many)
    assert [f.severity for f in findings(project, pack, "recommendations.count")] == ["warning"]
    fixed = mark_priorities(project, 5)
    assert [f.severity for f in findings(fixed, pack, "recommendations.count")] == ["info"]  # "with priorities marked"
    assert [r.priority for r in fixed.recommendations] == [True] * 5 + [False] * 4
    assert not any(r.priority for r in project.recommendations)


def test_the_check_pages_findings_get_the_fix_that_answers_them(pack):
    from shadowreport.checks.one_click import fix_for

    many = [Recommendation(id=f"rec-{n}", addressee="the Ministry of Labour", verb="adopt", object=f"measure {n}") for n in range(9)]
    project = upr_project(recommendations=many)
    _, kind = pack.kind(project.kind_id)
    report = run_checks(project_to_draft(project, pack, TODAY), pack, CheckConfig(today=TODAY))
    fixes = {f.message: fix_for(f, project, kind) for f in report.findings}
    offered = {message: fix.label for message, fix in fixes.items() if fix}
    missing = [f.message for f in report.findings if f.rule == "structure.missing-section" and f.message.startswith("No section")]
    assert missing  # the case needs at least one
    assert offered == {**{message: message.replace("No section", "Add the heading").rstrip(".") for message in missing},
                       "9 recommendations: more than 5 dilutes attention.": "Mark the first 5 recommendations as priorities"}
    for fix in filter(None, fixes.values()):
        fixed = fix.apply(project)
        assert fixed != project
        assert not [f for f in run_checks(project_to_draft(fixed, pack, TODAY), pack, CheckConfig(today=TODAY)).findings
                    if fix_for(f, fixed, kind) and fix_for(f, fixed, kind).label == fix.label]  # answered: not offered again
