"""Every check against its cases in checks/cases/<rule>.yml (adding a case adds no code)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from shadowreport.checks import CHECKS, CheckConfig, resolve_rules
from shadowreport.draft import WordAccessibility, WordHeading, WordImage, WordTable
from shadowreport.importers import read_draft_bytes
from shadowreport.importers.project import project_to_draft
from shadowreport.project.model import Project

CASES_DIR = Path(__file__).resolve().parent.parent / "checks" / "cases"
FILES = sorted(CASES_DIR.glob("*.yml"))
FILLER = ("Trafficked persons need protection, safe housing and access to justice wherever they are found, and "
          "labour inspectors should be trained to identify exploitation in agriculture, care work and construction.").split()


def filler(words: int) -> str:
    out, paragraph = [], []
    for index in range(words):
        paragraph.append(FILLER[index % len(FILLER)])
        if len(paragraph) == 120:
            out.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        out.append(" ".join(paragraph))
    return "\n\n".join(out)


def good_recommendations(count: int) -> str:
    verbs = ["adopt", "publish", "train", "fund", "amend", "establish", "appoint", "allocate", "enact"]
    return "\n".join(f"- The Ministry of Labour should {verbs[i % len(verbs)]} measure {i + 1} by 2027, measured by annual data." for i in range(count))


def all_cases():
    for path in FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}")


def make_draft(case: dict, pack, today: dt.date):
    kind = case.get("kind")
    if "project" in case:
        fields = {"title": "Case", "mechanism": (kind or "upr/stakeholder").split("/")[0], "kind": (kind or "upr/stakeholder").split("/")[1],
                  "members": [{"id": "org-a", "name": "Case NGO"}], **case["project"]}
        return project_to_draft(Project.model_validate(fields), pack, today)
    markdown = case.get("markdown")
    if markdown is None:
        markdown = "# Text\n\n" + filler(case.get("words", 50) - 1)
    markdown = re.sub(r"\{words:(\d+)\}", lambda m: filler(int(m.group(1))), markdown)
    if case.get("recommendations"):
        markdown += "\n\n## Recommendations\n\n" + good_recommendations(case["recommendations"])
    mechanism = kind.split("/")[0] if kind else None
    draft = read_draft_bytes(markdown.encode("utf-8"), "case.md", pack=pack, mechanism=mechanism, kind=kind,
                             joint=case.get("joint"), deadline=case.get("deadline"))
    if "word" in case:  # what the .docx reader found about a Word file's accessibility (Draft.word)
        draft = draft.model_copy(update={"word": _word(case["word"])})
    return draft


def _word(data: dict) -> WordAccessibility:
    """A case's Word facts, its headings, images and tables written as mappings, as the .docx reader gives them."""
    made = {"headings": WordHeading, "images": WordImage, "tables": WordTable}
    return WordAccessibility(**{key: [made[key](**item) for item in value] if key in made else value for key, value in data.items()})


@pytest.mark.parametrize(("rule", "case"), list(all_cases()))
def test_case(pack, rule: str, case: dict):
    today = case.get("today", dt.date(2026, 11, 23))
    draft = make_draft(case, pack, today)
    findings = list(CHECKS[rule].function(draft, resolve_rules(draft, pack), CheckConfig(today=today)))
    got = [(f.severity, f.message) for f in findings]
    assert all(f.rule == rule for f in findings)
    assert len(findings) == len(case["expect"]), got
    for finding, expected in zip(findings, case["expect"]):
        assert finding.severity == expected["severity"], got
        assert expected["message"] in finding.message, got


def test_every_check_has_a_passing_and_a_failing_case():
    covered: dict[str, set[bool]] = {}
    for path in FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert path.stem == data["rule"], f"{path.name} holds cases for {data['rule']}"
        for case in data["cases"]:
            covered.setdefault(data["rule"], set()).add(bool(case["expect"]))
    for check_id in CHECKS:
        assert covered.get(check_id) == {True, False}, f"{check_id} needs at least one passing and one failing case"


def test_every_check_documents_a_pass_and_a_fail():
    for check_id, registered in CHECKS.items():
        doc = registered.doc
        assert "Passes:" in doc and ("Fails" in doc or "Reports:" in doc), check_id
