"""A draft from elsewhere becomes a project: `shadowreport project import` and importers/word_project.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shadowreport import cli
from shadowreport.export.headings import in_language
from shadowreport.importers import read_draft
from shadowreport.importers.project import project_to_draft
from shadowreport.importers.word_project import draft_to_project, word_comments_and_authors
from shadowreport.project.exchange import read_project
from shadowreport.wordcount import count_words

from .factories import TODAY

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yml"))


def words_of(draft) -> int:
    texts = [p.text for s in draft.sections for p in s.paragraphs] + [r.text for r in draft.recommendations]
    texts += [" ".join(cell for row in table for cell in row) for table in draft.tables]
    return sum(count_words(t) for t in texts)


def normal(text: str) -> str:
    return " ".join(re.sub(r"^(Priority:|Priorité :|Prioridad:)\s", "", text).split())


def exported_and_read(tmp_path: Path, pack, sample: Path):
    from shadowreport.export import export_project

    original = read_project(sample, pack=pack)
    exported = tmp_path / "export.docx"
    export_project(original, pack, exported, today=TODAY, allow_personal_data=True)
    return original, exported, read_draft(exported)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_your_own_export_comes_back_as_the_same_project(tmp_path: Path, pack, sample: Path):
    original, exported, draft = exported_and_read(tmp_path, pack, sample)
    comments, authors = word_comments_and_authors(exported)
    result = draft_to_project(draft, pack, draft.kind, comments=comments, members=authors)
    project = result.project

    assert project.kind_id == original.kind_id and project.language == original.language
    assert project.cycle == original.cycle  # "4e cycle d'évaluation" stays as written, not "4th evaluation round"
    before = project_to_draft(original, pack, TODAY)
    after = project_to_draft(project, pack, TODAY)
    # Each section comes back as itself, in English, French or Spanish: same id, same heading as exported.
    assert [(s.id, s.title) for s in after.sections] == [(s.id, s.title) for s in in_language(before, pack.kind(draft.kind)[1], draft.language).sections]
    assert not [line for line in result.report if "became the kind's" in line or "est devenue la section" in line]  # no heading renamed
    assert [m.name for m in project.members] == [m.name for m in original.members]
    assert [normal(r.text) for r in after.recommendations] == [normal(r.text) for r in before.recommendations]
    assert len(after.notes) == len(before.notes)  # every footnote is an evidence source, cited where it stood
    assert abs(words_of(after) - words_of(before)) <= 0.01 * words_of(before) + 2


@pytest.mark.parametrize("sample", ["greta-rapport-conjoint-4e-cycle", "note-une-page-ministre", "greta-joint-4th-round"])
def test_headings_without_ids_are_known_by_their_titles_in_any_language(tmp_path: Path, pack, sample: str):
    """A file whose headings carry no section id (an earlier export, or the text pasted into a new file) still
    gives each French heading its section, and the cycle from the cover line that names it."""
    original, _, draft = exported_and_read(tmp_path, pack, ROOT / "samples" / f"{sample}.yml")
    for section in draft.sections:
        section.id = None
    draft = draft.model_copy(update={"cycle": None})
    result = draft_to_project(draft, pack, draft.kind)
    kind_ids = {s.id for s in pack.kind(draft.kind)[1].sections}
    for before, after in zip(original.sections, result.project.sections, strict=True):
        if before.id in kind_ids:
            assert (after.id, after.title) == (before.id, before.title)
    assert not [line for line in result.report if "does not have" in line or "prévoit des sections" in line]
    if original.cycle:
        assert result.project.cycle == original.cycle


def test_a_french_heading_is_not_taken_for_another_section(pack):
    """'Vulnérabilités à la traite' shares only little words with 'Accès à la justice': it is its own section."""
    from shadowreport.draft import Draft, DraftSection, Paragraph

    draft = Draft(source="x.md", title="Rapport", mechanism="greta", kind="greta/ngo-report", language="fr", round=3, sections=[
        DraftSection(title=title, paragraphs=[Paragraph(text="Texte.")])
        for title in ("Organisations auteures", "Vulnérabilités à la traite", "Recommandations")])
    result = draft_to_project(draft, pack, "greta/ngo-report")
    assert [s.id for s in result.project.sections] == ["submitters", "vulnerabilities", "recommendations"]
    missing = next(line for line in result.report if "prévoit des sections" in line)  # the report in the document's language
    assert "Accès à la justice et recours effectifs" in missing  # the 3rd round's section, named in it too


@pytest.mark.parametrize("value", ["[" * 100_000, "not json", '{"a": 1}', '[["submitters"], [1, 2], ["", "x"]]'])
def test_a_damaged_list_of_section_ids_is_passed_over(tmp_path: Path, value: str):
    import docx

    from shadowreport.export.wordml.custom import custom_properties_xml, set_custom_properties

    document = docx.Document()
    document.add_heading("Recommandations", level=1)
    document.add_paragraph("Le ministère doit agir.")
    set_custom_properties(document, {"sections": value})
    path = tmp_path / "draft.docx"
    document.save(path)
    assert custom_properties_xml({"sections": value})
    draft = read_draft(path)
    assert [(s.id, s.title) for s in draft.sections] == [(None, "Recommandations")]


@pytest.mark.parametrize("name", ["foreign-01", "foreign-09", "a4-10pt-arial-narrow-12074"])
def test_a_file_from_elsewhere_keeps_every_word(pack, name: str):
    draft = read_draft(ROOT / "tests" / "data" / "foreign_layouts" / f"{name}.docx")
    result = draft_to_project(draft, pack, "upr/stakeholder")
    after = project_to_draft(result.project, pack, TODAY)
    assert abs(words_of(after) - words_of(draft)) <= 0.03 * words_of(draft)
    assert any("extra section" in line for line in result.report)  # "Part 1" is no UPR section: kept, and said so


def test_the_command_writes_the_project_once_and_says_what_went_where(tmp_path: Path, pack, capsys):
    from shadowreport.export import export_project

    exported, target = tmp_path / "export.docx", tmp_path / "project.yml"
    export_project(read_project(ROOT / "samples" / "greta-joint-4th-round.yml", pack=pack), pack, exported, today=TODAY, allow_personal_data=True)
    assert cli.main(["project", "import", str(exported), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "as greta/ngo-report" in out and "footnotes became evidence sources" in out
    assert read_project(target, pack=pack).kind_id == "greta/ngo-report"
    assert target.stat().st_mode & 0o777 == 0o600
    assert cli.main(["project", "import", str(exported), "-o", str(target)]) == 2  # never overwritten
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "data", "message"), [
    ("scan.pdf", b"%PDF-1.7\n%binary", "PDF files cannot be checked"),
    ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600, "password-protected"),
    ("photo.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "a picture"),
    ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "a picture (a scan or a photo)"),
    ("scan.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\0" * 100, "a picture (a scan or a photo)"),
    ("scan.tif", b"II*\x00" + b"\0" * 100, "a picture (a scan or a photo)"),
])
def test_a_scan_an_image_or_a_locked_file_gets_one_sentence(tmp_path: Path, capsys, name: str, data: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(data)
    assert cli.main(["project", "import", str(path), "--mechanism", "upr", "--kind", "stakeholder", "-o", str(tmp_path / "p.yml")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "p.yml").exists()


def test_word_comments_become_review_notes(tmp_path: Path, pack):
    import docx

    document = docx.Document()
    document.core_properties.author = "Strada Aperta, Casa Rifugio"
    document.add_heading("Recommendations", level=1)
    paragraph = document.add_paragraph("The Ministry of Labour should adopt a referral protocol for exploited workers by 2027.")
    document.add_comment(paragraph.runs, text="Check the year with the legal team.", author="Ana")
    path = tmp_path / "draft.docx"
    document.save(path)
    draft = read_draft(path)
    comments, authors = word_comments_and_authors(path)
    project = draft_to_project(draft, pack, "upr/stakeholder", comments=comments, members=authors).project
    assert "Ana: Check the year with the legal team." in project.notes
    assert [m.name for m in project.members] == ["Strada Aperta", "Casa Rifugio"]
    recommendation = project.recommendations[0]
    assert recommendation.addressee == "The Ministry of Labour" and recommendation.verb == "adopt"
    assert recommendation.timeframe.by is not None and recommendation.timeframe.by.year == 2027
    assert set(recommendation.to_confirm) >= {"addressee", "verb", "timeframe"}


def test_a_text_that_opens_like_a_picture_format_is_still_text(pack):
    from shadowreport.importers import read_draft_bytes

    draft = read_draft_bytes(b"BMW drivers in the port were paid late.\n\nThe Ministry should act.", "brief.txt")
    assert draft.sections and "BMW drivers" in draft.sections[0].paragraphs[0].text


@pytest.mark.parametrize(("environment", "lang", "language"), [
    ({}, None, "fr"),  # nothing asked: the document's language
    ({"LANG": "C.UTF-8"}, None, "fr"),
    ({"LANG": "en_GB.UTF-8"}, "fr", "fr"),  # --lang wins over the environment
    ({"LANG": "fr_FR.UTF-8"}, None, "fr"),
    ({"LANG": "en_GB.UTF-8"}, None, "en"),
])
def test_the_import_report_speaks_the_language_asked_for_else_the_documents(tmp_path: Path, pack, capsys, monkeypatch, environment, lang, language):
    from shadowreport.export import export_project

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    exported, target = tmp_path / "export.docx", tmp_path / "project.yml"
    export_project(read_project(ROOT / "samples" / "greta-rapport-conjoint-4e-cycle.yml", pack=pack), pack, exported, today=TODAY,
                   allow_personal_data=True)
    assert cli.main(["project", "import", str(exported), "-o", str(target), *(["--lang", lang] if lang else [])]) == 0
    out = capsys.readouterr().out
    if language == "fr":
        assert "écrit : « Vulnérables par construction" in out and "7 notes de bas de page sont devenues des sources de preuve" in out
    else:
        assert "Wrote " in out and "7 footnotes became evidence sources" in out
    project = read_project(target, pack=pack)
    assert [s.id for s in project.sections] == ["submitters", "follow-up", "vulnerabilities", "ict", "recommendations"]
    assert project.cycle == "4e cycle d'évaluation"
