"""Counts in words take the plural their number asks for: "1 remarque", "3 remarques" (never "3 remarque")."""

from __future__ import annotations

from pathlib import Path

from shadowreport import cli
from shadowreport.checks.grouping import severity_count

MARKDOWN = ("---\nmechanism: greta\nkind: ngo-report\nlanguage: fr\ncycle: 4e cycle\n---\n"
            "# Organisations auteures\nStrada Aperta.\n")


def test_severity_counts_are_plural_when_the_number_is() -> None:
    assert [severity_count("info", n, "fr") for n in (0, 1, 3)] == ["0 remarque", "1 remarque", "3 remarques"]
    assert severity_count("warning", 4, "fr") == "4 à revoir" and severity_count("error", 2, "fr") == "2 à corriger"
    assert [severity_count("info", n) for n in (1, 3)] == ["1 note", "3 notes"]
    assert severity_count("error", 1_200) == "1,200 must fix"


def test_the_lint_summary_line_in_french_has_its_plurals(capsys, tmp_path: Path) -> None:
    path = tmp_path / "fr.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    cli.main(["lint", str(path), "--today", "2026-12-01", "--lang", "fr"])
    summary = next(line for line in capsys.readouterr().out.splitlines() if line.startswith(str(path)))
    assert "0 recommandation." in summary and "0 erreur, " in summary and "avertissements" in summary and "(s)" not in summary
    cli.main(["lint", str(path), "--today", "2026-12-01"])  # English keeps the "(s)" its golden output has
    summary = next(line for line in capsys.readouterr().out.splitlines() if line.startswith(str(path)))
    assert "0 recommendation(s). 0 error(s), " in summary and "warning(s), " in summary
