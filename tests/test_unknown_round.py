"""A round the mechanism does not have ("5e cycle" for GRETA) is said, never silently read as the current one."""

from __future__ import annotations

import json
from pathlib import Path

from shadowreport import cli
from shadowreport.rules.rounds import unknown_round

FIVE = "---\nmechanism: greta\nkind: ngo-report\ncycle: {cycle}\n---\n# Submitting organisations\nStrada Aperta.\n"


def _lint(capsys, *argv: str) -> tuple[int, str]:
    code = cli.main(["lint", *argv, "--today", "2026-12-01"])
    return code, capsys.readouterr().out


def test_the_round_that_does_not_exist_is_named(pack) -> None:
    _, kind = pack.kind("greta/ngo-report")
    assert unknown_round(kind, cycle="5e cycle") == 5
    assert unknown_round(kind, cycle="fifth evaluation round") == 5
    assert unknown_round(kind, cycle="3e cycle") is None and unknown_round(kind, cycle="") is None
    assert unknown_round(kind, cycle="5e cycle", titles=["GRETA, troisième cycle d'évaluation"]) is None  # a title names a real one
    _, upr = pack.kind("upr/stakeholder")
    assert unknown_round(upr, cycle="5th cycle") is None  # no rounds at all: nothing to say


def test_lint_says_in_one_sentence_that_the_round_is_unknown_and_which_was_used(capsys, tmp_path: Path) -> None:
    path = tmp_path / "five.md"
    path.write_text(FIVE.format(cycle="5e cycle"), encoding="utf-8")
    _, out = _lint(capsys, str(path))
    assert ("Note: GRETA has no round 5, which the document names, so it was checked against the current one, "
            "the 4th evaluation round; give --round N for another.") in out.splitlines()
    _, out = _lint(capsys, str(path), "--format", "json")
    assert json.loads(out)["notes"] == [("GRETA has no round 5, which the document names, so it was checked against the current one, "
                                         "the 4th evaluation round; give --round N for another.")]
    _, out = _lint(capsys, str(path), "--lang", "fr")
    assert "GRETA n'a pas de cycle 5" in out and "4e cycle d'évaluation" in out
    path.write_text(FIVE.format(cycle="4e cycle"), encoding="utf-8")  # a round GRETA has: the usual note
    _, out = _lint(capsys, str(path))
    assert "Note: Checked against GRETA's 4th evaluation round; give --round N for another." in out and "no round" not in out
