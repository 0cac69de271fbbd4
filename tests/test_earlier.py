"""Earlier recommendations: reading UHRI, UPR Info and OHCHR files, filtering by State, the CLI, importing into a project."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
import yaml

from shadowreport import cli
from shadowreport.earlier.model import EarlierRecommendation, for_state, merge, select, split_reference
from shadowreport.earlier.readers import EarlierReadError, read_earlier, read_earlier_bytes
from shadowreport.project.model import Project
from tests.earlier_fixtures import (
    UHRI_COLUMNS, UHRI_ROWS, matrix_docx, thematic_list_docx, uhri_xlsx, uwazi_csv,
)
from tests.xlsx_builder import write_xlsx


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def by_paragraph(records: list[EarlierRecommendation]) -> dict[str, EarlierRecommendation]:
    return {r.paragraph: r for r in records}


# --- UHRI .xlsx --------------------------------------------------------------------------------


def test_uhri_export_with_its_typo_multi_values_and_serial_dates():
    records = read_earlier_bytes(uhri_xlsx(), "uhri.xlsx")
    rec = by_paragraph(records)["136.2"]
    assert rec.text == "Adopt a national referral mechanism for victims of trafficking (Kestria);"
    assert rec.reference == "A/HRC/47/7 136.2"
    assert rec.recommending == ["Kestria"]
    assert rec.position == "supported"
    assert rec.session == "38"
    assert rec.themes == ["Trafficking in persons", "Labour rights and right to work"]
    assert rec.affected_persons == ["Migrants", "Women & girls"]
    assert rec.sdgs == ["16.2 - End abuse, exploitation, trafficking"]  # the "- " inside a value stays
    assert rec.date == dt.date(2021, 7, 23)  # Excel serial 44400, from 1899-12-30
    assert rec.source_id == "ann-1001"
    joint = by_paragraph(records)["136.3"]
    assert joint.recommending == ["Aldoria", "Brevonia"] and joint.position == "noted"  # "Not Supported" is noted
    assert by_paragraph(records)["136.4"].position == "noted"


def test_correct_spelling_of_recommending_is_read_too():
    columns = [c.replace("Reccomending", "Recommending") for c in UHRI_COLUMNS]
    records = read_earlier_bytes(uhri_xlsx(columns=columns), "uhri.xlsx")
    assert by_paragraph(records)["136.3"].recommending == ["Aldoria", "Brevonia"]
    assert by_paragraph(records)["21"].body == "CCPR"


def test_state_filter_leaves_out_other_states_and_observations():
    records = read_earlier_bytes(uhri_xlsx(), "uhri.xlsx")
    norvania = for_state(records, "norvania")
    assert {r.paragraph for r in norvania} == {"136.2", "136.3", "136.4", "21"}
    assert len(for_state(records, "Norvania", observations=True)) == 5
    assert [r.paragraph for r in for_state(records, "Kestria")] == ["88.1"]


def test_same_annotation_twice_is_one_record():
    records = read_earlier_bytes(uhri_xlsx(rows=[*UHRI_ROWS, UHRI_ROWS[0]]), "uhri.xlsx")
    assert len(records) == len(UHRI_ROWS)


def test_header_below_a_title_row_and_on_a_later_sheet():
    data = write_xlsx({"About": [["Exported from UHRI"]], "Data": [["Universal Human Rights Index"], UHRI_COLUMNS, *UHRI_ROWS]})
    assert len(read_earlier_bytes(data, "uhri.xlsx")) == len(UHRI_ROWS)


def test_wrong_sheet_names_what_is_missing():
    data = write_xlsx({"Budget": [["Item", "Amount"], ["Shelter", 1200]]})
    with pytest.raises(EarlierReadError) as error:
        read_earlier_bytes(data, "budget.xlsx")
    message = str(error.value)
    assert message.startswith("budget.xlsx: ") and "'Text'" in message and "'Budget'" in message and "\n" not in message


@pytest.mark.parametrize(("data", "expected"), [
    (b"", "empty"),
    (b"PK\x03\x04 not really a zip", "damaged"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old Office file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "EncryptionInfo".encode("utf-16-le"), "password-protected"),
])
def test_unusable_files_get_one_sentence(data: bytes, expected: str):
    with pytest.raises(EarlierReadError) as error:
        read_earlier_bytes(data, "export.xlsx" if expected != "old Office file" else "list.docx")
    assert expected in str(error.value) and "\n" not in str(error.value)


def test_entities_in_a_workbook_are_never_expanded():
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(2, 10))
    bomb = f'<!DOCTYPE lolz [<!ENTITY lol1 "lol">{lol}]>'.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(uhri_xlsx())) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("sheet1.xml"):
                data = data.replace(b"?>", b"?>" + bomb, 1).replace(b"Countries Concerned", b"&lol9;", 1)
            target.writestr(item, data)
    with pytest.raises(EarlierReadError) as error:  # calamine refuses the entity at once: nothing is expanded
        read_earlier_bytes(buffer.getvalue(), "bomb.xlsx")
    assert str(error.value).startswith("bomb.xlsx: ") and "\n" not in str(error.value)


def test_damaged_workbook_part_is_one_sentence():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(uhri_xlsx())) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    with pytest.raises(EarlierReadError) as error:
        read_earlier_bytes(buffer.getvalue(), "uhri.xlsx")
    assert str(error.value).startswith("uhri.xlsx: ") and "\n" not in str(error.value)


def test_zip_bomb_is_refused_before_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
        package.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (60 * 1024 * 1024) + b"/>")
    with pytest.raises(EarlierReadError, match="zip bomb"):
        read_earlier_bytes(buffer.getvalue(), "bomb.xlsx")


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from shadowreport.earlier import readers

    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_bytes(b"Text\n" + b"x" * 2000)
    with pytest.raises(EarlierReadError, match="MB"):
        read_earlier(path)


def test_a_folder_is_refused(tmp_path: Path):
    with pytest.raises(EarlierReadError, match="folder"):
        read_earlier(tmp_path)


# --- UPR Info .csv -----------------------------------------------------------------------------


@pytest.mark.parametrize(("delimiter", "encoding", "bom"), [(",", "utf-8", False), (",", "utf-8", True), (";", "cp1252", False), ("\t", "utf-8", False)])
def test_upr_info_csv_in_the_encodings_and_delimiters_excel_writes(delimiter: str, encoding: str, bom: bool):
    records = read_earlier_bytes(uwazi_csv(delimiter, encoding, bom), "upr-info.csv")
    assert len(records) == 3
    first, second, _ = records
    assert first.text == "Adopt a law on compensation for victims of trafficking"
    assert first.themes == ["Trafficking in persons", "Access to justice"]  # Uwazi's '|'
    assert (first.state, first.cycle, first.session, first.action_category, first.source_id) == ("Norvania", "3", "38", "5", "sh-a1")
    assert second.recommending == ["Brévonia"] and second.text.startswith("Décriminaliser")
    assert second.position == "noted"


def test_csv_without_a_text_column_names_what_it_found():
    with pytest.raises(EarlierReadError) as error:
        read_earlier_bytes(b"Name;Amount\nShelter;12\n", "other.csv")
    assert "'Text' or 'Recommendation'" in str(error.value) and "'Name'" in str(error.value)


def test_binary_data_named_csv_is_refused():
    with pytest.raises(EarlierReadError, match="binary"):
        read_earlier_bytes(b"\x00\x01\x02" * 100, "data.csv")


def test_a_huge_csv_field_is_one_sentence():
    with pytest.raises(EarlierReadError, match="malformed"):
        read_earlier_bytes(b"Text\n\"" + b"a" * 200_000 + b"\"\n", "huge.csv")


# --- OHCHR Word tables -------------------------------------------------------------------------


def test_fourth_cycle_thematic_list():
    records = by_paragraph(read_earlier_bytes(thematic_list_docx(), "thematic.docx"))
    rec = records["140.7"]
    assert rec.reference == "A/HRC/59/15 140.7"
    assert rec.position_source == "A/HRC/59/15/Add.1 - Para.3"  # written with a non-breaking space in the file
    assert rec.position == "supported"
    assert rec.recommending == ["Aldoria", "Brevonia"]
    assert rec.themes == ["Trafficking in persons", "Labour rights and right to work"]
    assert rec.affected_persons == ["Migrants", "Women & girls"]
    assert rec.sdgs == ["5 - GENDER EQUALITY", "16 - PEACE, JUSTICE AND STRONG INSTITUTIONS"]
    assert records["140.8"].recommending == ["Venezuela (Bolivarian Republic of)"]
    assert records["140.8"].position == "noted"
    assert records["140.21"].text == "Strengthen labour inspection in agriculture (Calmoria);"  # NBSP after the number
    assert records["140.21"].themes == ["Labour rights and right to work"]  # from its "Theme:" row


def test_third_cycle_matrix_with_sub_lists_and_comments():
    records = by_paragraph(read_earlier_bytes(matrix_docx(), "matrix.docx"))
    assert records["26.1"].reference == "A/HRC/46/15 26.1"
    assert records["26.1"].sdgs == ["16"] and records["26.1"].affected_persons == ["migrant workers"]
    assert records["26.1"].position == "noted"
    assert records["26.2"].assessment.comment == "A draft law was tabled in 2024."


def test_word_file_without_the_table_says_so():
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Our report")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "Name"
    document.save(buffer)
    with pytest.raises(EarlierReadError) as error:
        read_earlier_bytes(buffer.getvalue(), "report.docx")
    assert "no table of recommendations" in str(error.value) and "1 table" in str(error.value)


def test_word_file_declaring_entities_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(thematic_list_docx())) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]>', 1)
            target.writestr(item, data)
    with pytest.raises(EarlierReadError, match="entities"):
        read_earlier_bytes(buffer.getvalue(), "hostile.docx")


# --- the model ----------------------------------------------------------------------------------


def test_select_by_theme_position_recommending_and_status():
    records = read_earlier_bytes(uhri_xlsx(), "uhri.xlsx")
    assert {r.paragraph for r in select(records, theme="labour")} == {"136.2", "21"}
    assert {r.paragraph for r in select(records, position="noted")} == {"136.3", "136.4"}
    assert [r.paragraph for r in select(records, recommending="brevonia")] == ["136.3"]
    assert len(select(records, status="no-information")) == len(records)


def test_split_reference():
    assert split_reference("A/HRC/47/7 136.2") == ("A/HRC/47/7", "136.2")
    assert split_reference("136.2") == ("", "136.2")


def test_merge_keeps_assessments_and_adds_only_new_records():
    records = read_earlier_bytes(uhri_xlsx(), "uhri.xlsx")
    assessed = records[0].model_copy(update={"assessment": {"status": "partially"}})
    merged, added = merge([assessed], records)
    assert added == len(records) - 1 and merged[0].assessment is not None


# --- the command line ---------------------------------------------------------------------------


def test_cli_json_for_a_state(tmp_path: Path, capsys):
    path = tmp_path / "uhri.xlsx"
    path.write_bytes(uhri_xlsx())
    code, out, err = run(capsys, "earlier", path, "--state", "Norvania", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["reference"] for r in rows] == ["A/HRC/47/7 136.2", "A/HRC/47/7 136.3", "A/HRC/47/7 136.4", "CCPR/C/NRV/CO/4 21"]
    assert {"text", "reference", "recommending", "position", "cycle", "session", "themes", "sdgs", "affected_persons", "action_category", "date"} <= set(rows[0])
    assert rows[0]["date"] == "2021-07-23"


def test_cli_text_and_all(tmp_path: Path, capsys):
    path = tmp_path / "list.docx"
    path.write_bytes(thematic_list_docx())
    code, out, _ = run(capsys, "earlier", path)
    assert code == 0 and out.startswith("3 recommendation(s)") and "A/HRC/59/15 140.8  noted  (Venezuela (Bolivarian Republic of))" in out
    xlsx = tmp_path / "uhri.xlsx"
    xlsx.write_bytes(uhri_xlsx())
    code, out, _ = run(capsys, "earlier", xlsx, "--all", "--format", "json")
    assert len(json.loads(out)) == len(UHRI_ROWS)


def test_cli_unknown_state_names_the_ones_in_the_file(tmp_path: Path, capsys):
    path = tmp_path / "uhri.xlsx"
    path.write_bytes(uhri_xlsx())
    code, out, err = run(capsys, "earlier", path, "--state", "Atlantis")
    assert code == 2 and out == ""
    assert "Atlantis" in err and "Norvania, Kestria" in err and err.count("\n") == 1


def test_cli_bad_file_exit_2(tmp_path: Path, capsys):
    path = tmp_path / "notes.xlsx"
    path.write_text("hello", encoding="utf-8")
    code, _, err = run(capsys, "earlier", path)
    assert code == 2 and "not a real .xlsx" in err and err.count("\n") == 1


def _project_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.yml"
    project = Project(title="Norvania mid-term", mechanism="upr", kind="midterm", state="Norvania", members=[{"id": "org-a", "name": "Kestrel Watch"}])
    from shadowreport.project.exchange import write_project_file

    write_project_file(project, path)
    return path


def test_project_add_earlier_is_idempotent(tmp_path: Path, capsys):
    project_path = _project_file(tmp_path)
    assert "earlier" not in yaml.safe_load(project_path.read_text(encoding="utf-8"))["project"]  # files without it stay as they were
    source = tmp_path / "uhri.xlsx"
    source.write_bytes(uhri_xlsx())
    code, out, err = run(capsys, "project", "add-earlier", project_path, source)
    assert code == 0, err
    assert "Added 4 earlier recommendation(s) to Norvania" in out
    code, out, _ = run(capsys, "project", "add-earlier", project_path, source)
    assert "Added 0" in out and "4 already there" in out
    from shadowreport.project.exchange import read_project

    project = read_project(project_path)
    assert [r.reference for r in project.earlier][:2] == ["A/HRC/47/7 136.2", "A/HRC/47/7 136.3"]


def test_assessment_evidence_must_exist():
    with pytest.raises(ValueError, match="links to evidence 'ev-none'"):
        Project(title="T", mechanism="upr", kind="midterm", members=[{"name": "A"}],
                earlier=[{"text": "Adopt a law", "paragraph": "1.1", "assessment": {"status": "implemented", "evidence_ids": ["ev-none"]}}])


# --- the mid-term implementation table ----------------------------------------------------------


def test_implementation_table_in_ohchr_four_columns(tmp_path: Path, capsys):
    from shadowreport.earlier.readers import word_tables
    from shadowreport.project.exchange import read_project, write_project_file

    project_path = _project_file(tmp_path)
    source = tmp_path / "uhri.xlsx"
    source.write_bytes(uhri_xlsx())
    assert run(capsys, "project", "add-earlier", project_path, source)[0] == 0
    project = read_project(project_path)
    evidence = {"id": "ev-1", "kind": "statistic", "claim": "Only 14 victims were referred in 2025 <&> none by the police.",
                "source": {"citation": "Ministry of Interior, annual report 2025, p. 12", "url": "https://example.org/report"}}
    earlier = [r.model_dump() for r in project.earlier]
    earlier[0]["assessment"] = {"status": "partially", "grade": "B", "comment": "A decree set it up; it does not yet work.", "evidence_ids": ["ev-1"]}
    project = Project.model_validate({**project.model_dump(), "evidence": [evidence], "earlier": earlier})
    write_project_file(project, project_path)

    out = tmp_path / "table.docx"
    code, printed, err = run(capsys, "project", "implementation-table", project_path, "-o", out)
    assert code == 0, err
    assert "4 recommendation(s)" in printed
    tables = word_tables(out.read_bytes(), "table.docx")
    assert len(tables) == 1
    header, theme, first = tables[0][0], tables[0][1], tables[0][2]
    assert [cell[0] for cell in header] == ["Recommendation", "Position", "Full list of themes", "Assessment/comments on level of implementation"]
    assert theme == [["Theme: Trafficking in persons"]]
    assert first[0] == ["136.2 Adopt a national referral mechanism for victims of trafficking (Kestria);"]
    assert first[1] == ["Supported"]
    assert first[2][:2] == ["- Trafficking in persons", "- Labour rights and right to work"] and "Affected persons:" in first[2]
    assert first[3][:3] == ["Partially implemented", "Grade B: Reply/action partially satisfactory", "A decree set it up; it does not yet work."]
    assert "Ministry of Interior, annual report 2025, p. 12 (https://example.org/report)" in first[3][3] and "<&>" in first[3][3]
    assert b"<w:tblHeader" in zipfile.ZipFile(out).read("word/document.xml")
    # it reads back as OHCHR's matrix, with the assessment as its comment
    again = by_paragraph(read_earlier_bytes(out.read_bytes(), "table.docx"))
    assert again["136.2"].position == "supported" and again["136.3"].position == "noted"
    assert again["136.2"].assessment.comment.startswith("Partially implemented")

    code, printed, _ = run(capsys, "project", "implementation-table", project_path, "-o", out, "--supported-only")
    assert "1 recommendation(s)" in printed  # 136.2 alone was supported


def test_implementation_table_refuses_personal_data_in_a_comment_unless_allowed(tmp_path: Path, capsys):
    from shadowreport.project.exchange import read_project, write_project_file

    project_path = _project_file(tmp_path)
    source = tmp_path / "uhri.xlsx"
    source.write_bytes(uhri_xlsx())
    assert run(capsys, "project", "add-earlier", project_path, source)[0] == 0
    project = read_project(project_path)
    earlier = [r.model_dump() for r in project.earlier]
    earlier[0]["assessment"] = {"status": "not-implemented", "comment": "Her case worker can be reached at ana.k@example.org."}
    write_project_file(Project.model_validate({**project.model_dump(), "earlier": earlier}), project_path)

    out = tmp_path / "table.docx"
    code, _, err = run(capsys, "project", "implementation-table", project_path, "-o", out)
    assert code == 1 and not out.exists()
    assert "look like personal data" in err or "looks like personal data" in err
    assert "136.2: the comment holds an e-mail address" in err and "ana.k@example.org" not in err  # where, never the data again
    code, _, _ = run(capsys, "project", "implementation-table", project_path, "-o", out, "--allow-personal-data")
    assert code == 0 and out.exists()


def test_implementation_table_needs_earlier_recommendations(tmp_path: Path, capsys):
    code, _, err = run(capsys, "project", "implementation-table", _project_file(tmp_path), "-o", tmp_path / "t.docx")
    assert code == 2 and "add-earlier" in err and err.count("\n") == 1


def test_implementation_table_keeps_confidential_evidence_out():
    from shadowreport.export.implementation_table import assessment_lines

    project = Project(title="T", mechanism="upr", kind="midterm", members=[{"name": "A"}], evidence=[
        {"id": "ev-c", "kind": "case", "claim": "Maria, 17, was exploited in a Kestrel Street bar.", "confidentiality": "confidential",
         "source": {"citation": "Interview with Maria, 3 March 2026"}},
        {"id": "ev-r", "kind": "statistic", "claim": "Internal figures: 3 referrals.", "confidentiality": "restricted", "source": {"citation": "Shelter records 2025"}},
    ], earlier=[{"text": "Adopt a law", "paragraph": "1.1", "position": "supported", "assessment": {"status": "not-implemented", "evidence_ids": ["ev-c", "ev-r"]}}])
    lines = assessment_lines(project.earlier[0], project)
    assert lines == ["Not implemented", "Evidence: held by the organisation (confidential).", "Evidence: Shelter records 2025"]


def test_cli_filters_by_theme_position_and_recommending(tmp_path: Path, capsys):
    path = tmp_path / "uhri.xlsx"
    path.write_bytes(uhri_xlsx())
    _, out, _ = run(capsys, "earlier", path, "--state", "Norvania", "--position", "noted", "--format", "json")
    assert [r["paragraph"] for r in json.loads(out)] == ["136.3", "136.4"]
    _, out, _ = run(capsys, "earlier", path, "--state", "Norvania", "--theme", "labour", "--recommending", "Kestria", "--format", "json")
    assert [r["paragraph"] for r in json.loads(out)] == ["136.2"]


def test_project_show_names_the_earlier_recommendation_followed_up(tmp_path: Path, capsys):
    from shadowreport.project.exchange import read_project, write_project_file

    project_path = _project_file(tmp_path)
    source = tmp_path / "uhri.xlsx"
    source.write_bytes(uhri_xlsx())
    run(capsys, "project", "add-earlier", project_path, source)
    project = read_project(project_path)
    earlier = [r.model_copy(update={"cycle": "3"}) for r in project.earlier]
    recommendation = {"addressee": "the Ministry of Interior", "verb": "adopt", "object": "a national referral mechanism by 2027",
                      "follows_up": [{"symbol": "A/HRC/47/7", "paragraph": "136.2"}, {"symbol": "A/HRC/1/1", "paragraph": "9.9"}]}
    write_project_file(Project.model_validate({**project.model_dump(), "earlier": [r.model_dump() for r in earlier], "recommendations": [recommendation]}), project_path)
    code, out, err = run(capsys, "project", "show", project_path, "--today", "2026-12-01")
    assert code == 0, err
    assert "reiterates 136.2, supported in the 3rd cycle" in out and "follows up A/HRC/1/1 9.9" in out


def test_word_table_records_take_the_state_they_were_imported_for(tmp_path: Path, capsys):
    from shadowreport.project.exchange import read_project

    project_path = _project_file(tmp_path)
    source = tmp_path / "list.docx"
    source.write_bytes(thematic_list_docx())
    run(capsys, "project", "add-earlier", project_path, source)
    code, out, _ = run(capsys, "project", "add-earlier", project_path, source)
    assert "Added 0" in out
    assert {r.state for r in read_project(project_path).earlier} == {"Norvania"}


def test_csv_with_a_title_line_above_the_columns():
    data = b"UPR Info database export, 2 December 2026\n" + uwazi_csv()
    assert len(read_earlier_bytes(data, "upr-info.csv")) == 3
