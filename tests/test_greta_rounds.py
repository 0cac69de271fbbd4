"""GRETA's evaluation rounds: each round asks for its own sections, from the YAML to the project, the
checks, the command line and the exported Word file."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from shadowreport import cli
from shadowreport.checks import CheckConfig, run_checks
from shadowreport.export import export_project
from shadowreport.importers import DraftImportError, read_draft, read_draft_bytes
from shadowreport.importers.project import project_to_draft
from shadowreport.project.model import Member, Project, SectionText
from shadowreport.rules.rounds import round_named

from .factories import TODAY

# A 3rd-round report: access to justice and compensation, no word of vulnerabilities or technology.
THIRD_ROUND = """---
mechanism: greta
kind: ngo-report
language: en
{front}---
# Report to GRETA on Norland

Submitted by the Norland Anti-Trafficking Network

## Follow-up of the second-round recommendations

GRETA asked Norland in 2017 to set up a referral mechanism. A decree of 2020 created one, but it still has no budget.

## Access to justice and effective remedies

Of 140 presumed victims identified in 2023, 31 saw a lawyer before their first police interview.[^1]

## Compensation for victims

Courts ordered traffickers to pay damages in 4 cases; the State fund has paid nothing since 2019.[^1]

## Recommendations

1. The Ministry of Justice should grant free legal aid to every presumed victim from identification, by June 2027.

[^1]: Norland Anti-Trafficking Network, case records 2023.
"""

FOURTH_ROUND_ONLY = {"Vulnerabilities to trafficking", "Use of information and communication technology"}
THIRD_ROUND_ONLY = {"Access to justice and effective remedies", "Compensation for victims"}


def missing_sections(draft, pack) -> set[str]:
    report = run_checks(draft, pack, CheckConfig(today=TODAY))
    return {f.message.removeprefix("No section '").removesuffix("'.") for f in report.findings if f.rule == "structure.missing-section"}


def third_round(front: str = "") -> bytes:
    return THIRD_ROUND.format(front=front).encode()


def test_every_round_is_data_with_a_launch_date_and_a_focus_from_a_named_source(pack):
    mechanism, kind = pack.kind("greta/ngo-report")
    assert [(r.number, r.launched.value.isoformat()) for r in kind.rounds] == [
        (1, "2010-02-01"), (2, "2014-05-15"), (3, "2018-11-20"), (4, "2023-06-30")]
    for evaluation_round in kind.rounds:
        assert evaluation_round.launched.is_settled and evaluation_round.focus.source_url, evaluation_round.number
        assert evaluation_round.sections, evaluation_round.number
    assert kind.current_round.number == 4
    ids = {n: [s.id for s in kind.sections_for(n)] for n in (1, 2, 3, 4)}
    assert ids[1] == ["submitters", "framework", "prevention", "protection", "prosecution", "questionnaire-answers", "recommendations"]
    assert ids[2] == ["submitters", "impact", "trends", "children", "questionnaire-answers", "recommendations"]
    assert ids[3] == ["submitters", "follow-up", "access-to-justice", "compensation", "non-punishment", "questionnaire-answers", "recommendations"]
    assert ids[4] == ["submitters", "follow-up", "vulnerabilities", "ict", "questionnaire-answers", "recommendations"]
    assert kind.sections_for(None) == kind.sections_for(4)
    # A kind without rounds keeps every section.
    upr = pack.kind("upr/stakeholder")[1]
    assert upr.current_round is None and upr.sections_for(3) == list(upr.sections)


@pytest.mark.parametrize(("text", "number"), [
    ("3rd round", 3), ("4th evaluation round", 4), ("Third evaluation round", 3), ("GRETA's 2nd-round questionnaire", 2),
    ("3e cycle d'évaluation", 3), ("quatrième cycle d'évaluation du GRETA", 4), ("premier cycle", 1), ("tercera ronda de evaluación", 3),
    ("round 2", 2), ("cycle 3", 3), ("4", 4), ("4th cycle, 50th session", 4),
    ("50th session", None), ("", None), (None, None), ("a round-table in 2024", None),
])
def test_a_round_is_read_in_english_french_and_spanish(text, number):
    assert round_named(text) == number


def test_a_third_round_draft_is_asked_for_access_to_justice_not_vulnerabilities(pack):
    draft = read_draft_bytes(third_round("round: 3\n"), "third.md", pack=pack)
    assert draft.round == 3
    assert missing_sections(draft, pack) == set()
    # The same text judged by the 4th round lacks the 4th round's sections, and only those.
    fourth = draft.model_copy(update={"round": 4})
    assert missing_sections(fourth, pack) == FOURTH_ROUND_ONLY


def test_without_the_access_to_justice_sections_a_third_round_draft_is_told_so_with_the_round_as_source(pack):
    text = third_round("cycle: 3e cycle\n").decode()
    text = text.replace("## Access to justice and effective remedies\n\nOf 140 presumed victims identified in 2023, 31 saw a lawyer before "
                        "their first police interview.[^1]\n\n", "")
    text = text.replace("## Compensation for victims\n\nCourts ordered traffickers to pay damages in 4 cases; the State fund has paid nothing "
                        "since 2019.[^1]\n\n", "")
    text = text.replace(" free legal aid to every presumed victim from identification", " interpreters to every presumed victim")
    draft = read_draft_bytes(text.encode(), "third.md", pack=pack)
    report = run_checks(draft, pack, CheckConfig(today=TODAY))
    missing = [f for f in report.findings if f.rule == "structure.missing-section"]
    assert {f.message for f in missing} == {f"No section '{title}'." for title in THIRD_ROUND_ONLY}
    assert all("3rd evaluation round" in f.source and "coe.int" in f.source for f in missing)


def test_a_title_that_names_the_round_chooses_it_and_the_current_round_is_the_default(pack):
    plain = read_draft_bytes(third_round(), "plain.md", pack=pack)
    assert plain.round is None and missing_sections(plain, pack) == FOURTH_ROUND_ONLY  # nothing says which round: the current one
    titled = third_round().replace(b"# Report to GRETA on Norland", b"# Report to GRETA on Norland: third evaluation round")
    assert missing_sections(read_draft_bytes(titled, "titled.md", pack=pack), pack) == set()
    # A heading about the previous round's recommendations is not the round the draft is for.
    assert round_named("Follow-up of the second-round recommendations") == 2
    assert missing_sections(read_draft_bytes(third_round().replace(b"Submitted by", b"Follow-up of the second round. Submitted by"),
                                             "cover.md", pack=pack), pack) == FOURTH_ROUND_ONLY


def test_a_round_the_front_matter_cannot_mean_is_refused_in_one_sentence(pack):
    with pytest.raises(DraftImportError, match=r"'round' must be an evaluation round"):
        read_draft_bytes(third_round("round: soon\n"), "bad.md", pack=pack)


def greta_project(cycle: str, sections: list[SectionText]) -> Project:
    return Project(id="prj-greta-rounds", title="NGO report to GRETA", mechanism="greta", kind="ngo-report", state="Norland", cycle=cycle,
                   members=[Member(id="org-net", name="Norland Anti-Trafficking Network")], sections=sections)


def test_the_project_cycle_names_the_round_in_english_or_french_and_the_export_carries_it(pack, tmp_path: Path):
    sections = [SectionText(id="submitters", title="Submitting organisations", text="The Norland Anti-Trafficking Network, 12 members."),
                SectionText(id="follow-up", title="Follow-up of earlier GRETA recommendations", text="The 2020 decree has no budget."),
                SectionText(id="access-to-justice", title="Access to justice and effective remedies", text="Few victims see a lawyer."),
                SectionText(id="compensation", title="Compensation for victims", text="The State fund has paid nothing.")]
    for cycle in ("3rd evaluation round", "3e cycle d'évaluation"):
        assert project_to_draft(greta_project(cycle, sections), pack, TODAY).round == 3
    assert project_to_draft(greta_project("", sections), pack, TODAY).round == 4  # no round named: the current one
    assert project_to_draft(greta_project("6th round", sections), pack, TODAY).round == 4  # one GRETA has not launched
    target = tmp_path / "third.docx"
    export_project(greta_project("3e cycle d'évaluation", sections), pack, target, today=TODAY)
    with zipfile.ZipFile(target) as package:
        custom = package.read("docProps/custom.xml").decode()
    assert 'name="Shadow Report round"><vt:lpwstr>3</vt:lpwstr>' in custom
    exported = read_draft(target, pack=pack)
    assert exported.round == 3 and "Vulnerabilities to trafficking" not in missing_sections(exported, pack)
    markdown = tmp_path / "third.md"
    export_project(greta_project("3rd round", sections), pack, markdown, today=TODAY)
    assert "\nround: 3\n" in markdown.read_text(encoding="utf-8") and read_draft(markdown, pack=pack).round == 3


def lint(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["lint", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_lint_takes_the_round_like_its_other_options_and_says_which_it_used(capsys, tmp_path: Path):
    path = tmp_path / "third.md"
    path.write_bytes(third_round())
    code, out, _ = lint(capsys, str(path), "--today", "2026-12-01", "--format", "json")
    report = json.loads(out)
    assert {f["message"] for f in report["findings"] if f["rule"] == "structure.missing-section"} == {f"No section '{t}'." for t in FOURTH_ROUND_ONLY}
    assert report["notes"] == ["Checked against GRETA's 4th evaluation round; give --round N for another."]
    assert report["document"]["round"] == 4
    code, out, _ = lint(capsys, str(path), "--today", "2026-12-01", "--round", "3")
    assert "structure.missing-section" not in out and "Note: Checked against GRETA's 3rd evaluation round" in out
    code, out, _ = lint(capsys, str(path), "--today", "2026-12-01", "--round", "3", "--lang", "fr")
    assert "Vérifié selon le 3e cycle d'évaluation du GRETA" in out
    code, _, err = lint(capsys, str(path), "--round", "7")
    assert code == 2 and "GRETA has rounds 1, 2, 3, 4, not 7" in err and "Traceback" not in err
    upr = tmp_path / "upr.md"
    upr.write_text("---\nmechanism: upr\nkind: stakeholder\n---\n# Submitting organisation\nStrada Aperta.\n", encoding="utf-8")
    code, _, err = lint(capsys, str(upr), "--round", "3")
    assert code == 2 and "has no evaluation rounds" in err


def test_the_settings_and_plan_pages_show_the_round_the_cycle_field_names():
    from .test_app_flows import page, store

    project_id = store().create(greta_project("", [])).project.id
    app = page("settings", project_id)
    assert not app.exception
    assert any("current one applies: the 4th evaluation round" in c.value for c in app.caption)
    app.text_input(key=f"w:{project_id}:settings:cycle").input("3e cycle d'évaluation").run()
    assert not app.exception and store().load(project_id).project.cycle == "3e cycle d'évaluation"
    assert any("the 3rd evaluation round, as the cycle field says" in c.value and "access to justice" in c.value for c in app.caption)
    plan = page("plan", project_id)
    assert not plan.exception and any("3rd evaluation round" in box.value for box in plan.info)
    app.text_input(key=f"w:{project_id}:settings:cycle").input("7th round").run()
    assert any("GRETA has no round 7" in c.value for c in app.caption)


@pytest.mark.parametrize(("cycle", "round_only"), [("", {"follow-up", "vulnerabilities", "ict"}),
                                                   ("3rd evaluation round", {"follow-up", "access-to-justice", "compensation", "non-punishment"})])
def test_a_new_greta_project_starts_with_the_sections_of_its_round(cycle, round_only):
    from streamlit.testing.v1 import AppTest

    from .test_app_flows import APP, store

    app = AppTest.from_file(APP, default_timeout=60).run()
    app.selectbox(key="new_kind").set_value("greta/ngo-report").run()
    app.text_input(key="new_title").input("Report to GRETA")
    app.text_input(key="new_organisation").input("Norland Anti-Trafficking Network")
    app.text_input(key="new_cycle").input(cycle)
    next(b for b in app.button if b.label == "Start the project").click()
    app.run()
    assert not app.exception
    project = store().load(next(s.id for s in store().list())).project
    every_round = {"framework", "prevention", "protection", "prosecution", "impact", "trends", "children", "follow-up", "access-to-justice",
                   "compensation", "non-punishment", "vulnerabilities", "ict"}
    assert {s.id for s in project.sections} & every_round == round_only


def test_a_word_draft_for_the_third_round_becomes_a_third_round_project(pack):
    from shadowreport.importers.word_project import draft_to_project

    draft = read_draft_bytes(third_round().replace(b"# Report to GRETA on Norland", b"# Report to GRETA on Norland: third evaluation round"),
                             "third.md", pack=pack)
    imported = draft_to_project(draft, pack, "greta/ngo-report")
    assert imported.project.cycle == "3rd evaluation round"
    assert project_to_draft(imported.project, pack, TODAY).round == 3
    expected = next(line for line in imported.report if "expects sections" in line)  # the importer's own heading matching is stricter
    assert "Vulnerabilities" not in expected and "Access to justice" not in expected and "Compensation" not in expected, expected


def round_draft(pack, number: int):
    """A draft with a heading and a plain sentence for every section round ``number`` requires."""
    kind = pack.kind("greta/ngo-report")[1]
    body = "\n".join(f"## {s.title}\n\nOur members saw this in their daily work in Norland.\n" for s in kind.sections_for(number)
                     if s.required and s.id != "recommendations")
    text = (f"---\nmechanism: greta\nkind: ngo-report\nround: {number}\n---\n# Report to GRETA on Norland\n\n{body}\n## Recommendations\n\n"
            "1. The Ministry of the Interior should adopt a referral protocol by June 2027.\n")
    return read_draft_bytes(text.encode(), f"round-{number}.md", pack=pack)


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_each_round_asks_for_its_own_sections_and_no_other_rounds(pack, number):
    kind = pack.kind("greta/ngo-report")[1]
    draft = round_draft(pack, number)
    assert missing_sections(draft, pack) == set()
    for other in (n for n in (1, 2, 3, 4) if n != number):
        wanted = {s.title for s in kind.sections_for(other) if s.required} - {s.title for s in kind.sections_for(number)}
        assert missing_sections(draft.model_copy(update={"round": other}), pack) == wanted, (number, other)


def test_mechanisms_show_lists_each_round_with_its_source_and_the_rounds_of_each_section(capsys):
    assert cli.main(["mechanisms", "show", "greta/ngo-report"]) == 0
    out = capsys.readouterr().out
    assert "3rd evaluation round: launched: 2018-11-20" in out and "anti-human-trafficking/3rd-evaluation-round" in out
    assert "Access to justice and effective remedies (3rd evaluation round only)" in out
    assert "Follow-up of earlier GRETA recommendations (3rd and 4th evaluation rounds only)" in out


FRENCH_THIRD_ROUND = """---
mechanism: greta
kind: ngo-report
language: fr
round: 3
---
# Organisations auteures

Le collectif Exemple présente ce rapport.

# Vulnérabilités à la traite

Les personnes migrantes restent exposées.

# Recommandations

1. Le ministère de la Justice devrait créer un fonds d'indemnisation d'ici le 31 décembre 2027.
"""


def test_a_french_heading_does_not_stand_for_another_section_through_its_little_words_and_is_named_in_french(pack):
    # "Vulnérabilités à la traite" shares only "à" and "la" with "Accès à la justice": it is not that section.

    draft = read_draft_bytes(FRENCH_THIRD_ROUND.encode(), "rapport.md")
    english = missing_sections(draft, pack)
    assert "Access to justice and effective remedies" in english
    report = run_checks(draft, pack, CheckConfig(today=TODAY, language="fr"))
    french = [f for f in report.findings if f.rule == "structure.missing-section"]
    assert "Il manque la section «\u00a0Accès à la justice et recours effectifs\u00a0»." in {f.message for f in french}
    assert all("Access to justice" not in f.message and "remedies" not in (f.suggestion or "") for f in french)


def test_the_one_click_fix_answers_a_missing_section_named_in_french(pack):
    from shadowreport.checks.one_click import fix_for

    project = greta_project("3e cycle d'évaluation", [SectionText(id="recommendations", title="Recommandations", text="Texte.")])
    _, kind = pack.kind(project.kind_id)
    draft = project_to_draft(project, pack, TODAY)
    report = run_checks(draft, pack, CheckConfig(today=TODAY, language="fr"))
    missing = [f for f in report.findings if f.rule == "structure.missing-section" and "Accès à la justice" in f.message]
    assert missing
    fix = fix_for(missing[0], project, kind)
    assert fix is not None and "access-to-justice" in {s.id for s in fix.apply(project).sections}
