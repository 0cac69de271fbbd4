"""Running a check stamps what it found with the check's id and severity: a check never repeats its own id."""

from __future__ import annotations

import datetime as dt

from shadowreport.checks import CHECKS, Check, CheckConfig, Finding, Found, Location, resolve_rules
from shadowreport.importers import read_draft_bytes
from shadowreport.rules import load_rules


def body(draft, rules, config):
    """A check written as the registry expects: it names neither its id nor its default severity."""
    yield Found("Plain.", Location(section="Intro"), "Fix it.", "a source")
    yield Found("Louder.", severity="error")


def test_running_a_check_stamps_its_id_and_default_severity():
    example = Check("family.example", body, "warning", "An example.")
    findings = list(example.function(None, None, CheckConfig(today=dt.date(2026, 1, 1))))
    assert findings == [Finding("family.example", "warning", "Plain.", Location(section="Intro"), "Fix it.", "a source"),
                        Finding("family.example", "error", "Louder.")]


def test_the_runs_severity_setting_overrides_the_checks_own():
    example = Check("family.example", body, "warning", "An example.")
    config = CheckConfig(today=dt.date(2026, 1, 1), severity={"family": "info"})
    assert [f.severity for f in example.function(None, None, config)] == ["info", "info"]


def test_a_registered_check_run_on_its_own_gives_stamped_findings():
    pack = load_rules()
    draft = read_draft_bytes(b"# Text\n\nMaria Popescu, 16, from Iasi, was recruited by a neighbour.", "case.md", pack=pack, kind="upr/stakeholder")
    findings = list(CHECKS["privacy.personal-data"].function(draft, resolve_rules(draft, pack), CheckConfig(today=dt.date(2026, 1, 1))))
    assert findings and all(isinstance(f, Finding) and f.rule == "privacy.personal-data" for f in findings)
    assert {f.severity for f in findings} == {"error"}
