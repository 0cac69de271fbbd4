"""The samples: complete, valid, private, and each raising exactly the findings it teaches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shadowreport.checks import CheckConfig, run_checks
from shadowreport.importers.project import project_to_draft
from shadowreport.project.exchange import dump, parse_project, read_project

from .factories import TODAY

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yml"))
SEEDS = ROOT.parent / "shared" / "seeds"




def test_the_five_promised_samples_exist(pack):
    projects = {path.stem: read_project(path, pack=pack) for path in SAMPLES}
    kinds = {p.kind_id: p for p in projects.values()}
    assert len(projects) >= 5
    assert not kinds["upr/stakeholder"].joint
    greta = kinds["greta/ngo-report"]
    assert greta.joint and len(greta.members) == 4 and {m.role for m in greta.members} == {"coordinator", "member", "endorser"}
    assert len({e.contributed_by for e in greta.evidence}) >= 3  # evidence from several members
    assert "briefing/policy-brief" in kinds and "special-procedures/communication" in kinds
    ilo = kinds["ilo/ceacr-observation"]
    assert ilo.joint and "workers" in ilo.coordinator.name.lower()  # sent through a trade union, which signs it


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_raises_exactly_its_teaching_points(pack, path: Path):
    project = read_project(path, pack=pack)
    assert project.teaching_points or project.notes, "each sample explains what it teaches"
    report = run_checks(project_to_draft(project, pack, TODAY), pack, CheckConfig(today=TODAY))
    taught = {point.rule for point in project.teaching_points}
    found = {f.rule for f in report.findings}
    serious = {f.rule for f in report.findings if f.severity != "info"}
    assert taught <= found, f"taught but not raised: {taught - found}"
    assert serious <= taught, f"raised but not taught: {[(f.rule, f.message) for f in report.findings if f.rule in serious - taught]}"


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_round_trips_through_its_file_format(pack, path: Path):
    project = read_project(path, pack=pack)
    assert parse_project(dump("project", project), "again.yml") == project


def test_samples_hold_no_real_contact_details():
    seed_emails = set()
    for seed in SEEDS.glob("*.txt"):
        seed_emails |= set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", seed.read_text(encoding="utf-8", errors="replace")))
    for path in SAMPLES:
        text = path.read_text(encoding="utf-8")
        emails = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
        assert all(e.endswith("@example.org") for e in emails), (path.name, emails)
        assert not emails & seed_emails
        assert not re.search(r"(?:\+|00)\d{2}[\s\d]{8,}", text), f"{path.name} holds what looks like a phone number"
