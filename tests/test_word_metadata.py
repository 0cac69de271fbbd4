"""What a Word file is for travels with it (custom properties), and a file from elsewhere is guessed, not refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from shadowreport import cli
from shadowreport.export.wordml.custom import custom_properties_xml
from shadowreport.importers import read_draft, read_draft_bytes
from shadowreport.importers.guess import guess_kind

from .docx_builder import build_docx, heading, para
from .factories import TODAY

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BODY = "Victims of trafficking for forced labour are rarely identified in agriculture and domestic work. " * 4


@pytest.mark.parametrize("sample", ["greta-joint-4th-round", "upr-individual-trafficking"])
def test_an_export_names_its_mechanism_kind_joint_flag_and_language(tmp_path: Path, pack, sample: str):
    from shadowreport.export import export_project
    from shadowreport.project.exchange import read_project

    project = read_project(SAMPLES / f"{sample}.yml", pack=pack)
    target = tmp_path / "export.docx"
    export_project(project, pack, target, today=TODAY, allow_personal_data=True)
    draft = read_draft(target)
    assert (draft.kind, draft.mechanism, draft.joint, draft.language) == (project.kind_id, project.kind_id.split("/")[0], project.joint, project.language)


def test_linting_your_own_export_needs_no_flags(tmp_path: Path, pack, capsys):
    from shadowreport.export import export_project
    from shadowreport.project.exchange import read_project

    target = tmp_path / "export.docx"
    export_project(read_project(SAMPLES / "greta-joint-4th-round.yml", pack=pack), pack, target, today=TODAY, allow_personal_data=True)
    code = cli.main(["lint", str(target), "--today", TODAY.isoformat()])
    out = capsys.readouterr().out
    assert code in (0, 1) and "greta/ngo-report, joint;" in out and "guessed" not in out


def _word(*paragraphs: str, properties: bytes | None = None) -> bytes:
    extra = {"docProps/custom.xml": properties} if properties is not None else None
    return build_docx([heading("Submission"), *(para(p) for p in paragraphs)], extra_parts=extra)


def test_damaged_or_foreign_custom_properties_are_passed_over():
    for properties in (b"<not xml", b"<?xml version='1.0'?><Other/>", custom_properties_xml({"kind": "x" * 10_000, "colour": "blue"})):
        draft = read_draft_bytes(_word(BODY, properties=properties), "foreign.docx")
        assert draft.kind in (None, "x" * 300)  # read only as far as a property may go, never an error


@pytest.mark.parametrize(("opening", "expected"), [
    ("Joint stakeholder submission to the Universal Periodic Review of Italy, 4th cycle", "upr/stakeholder"),
    ("Contribution à l'Examen périodique universel de la France", "upr/stakeholder"),
    ("Report to GRETA on the implementation of the Council of Europe Convention", "greta/ngo-report"),
    ("Answer to the call for input of the Special Rapporteur on trafficking in persons", "special-procedures/call-for-input"),
    ("Alternative report to the Committee on the Elimination of Discrimination against Women (CEDAW), list of issues",
     "cedaw/list-of-issues"),
    ("Informe al Comité de los Derechos del Niño", "crc/session"),
])
def test_a_file_from_elsewhere_is_guessed_from_what_it_names(pack, opening: str, expected: str):
    draft = read_draft_bytes(_word(opening, BODY * 8), "foreign.docx")
    guess = guess_kind(draft, pack)
    assert guess is not None and guess.kind == expected, guess


def test_a_short_text_naming_no_body_is_a_briefing_and_a_long_one_is_not_guessed(pack):
    assert guess_kind(read_draft_bytes(_word(BODY), "brief.docx"), pack).kind.startswith("briefing/")
    assert guess_kind(read_draft_bytes(_word(*[BODY] * 40), "long.docx"), pack) is None


def test_the_command_line_says_what_it_guessed_and_how_to_override(tmp_path: Path, capsys):
    path = tmp_path / "foreign.docx"
    path.write_bytes(_word("Submission to the Universal Periodic Review", BODY * 8))
    code = cli.main(["lint", str(path)])
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert "Checked as upr/stakeholder, guessed because it names 'universal periodic review' once" in out
    assert "--mechanism and --kind" in out
    path.write_bytes(_word(*[BODY] * 40))
    assert cli.main(["lint", str(path)]) == 2
    assert "names no monitoring body" in capsys.readouterr().err
