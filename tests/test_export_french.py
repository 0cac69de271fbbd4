"""The export's own words in the document's language (issue 16): cover labels, dates, numbers and
the footer in French for a French project, and exactly as before in English."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from shadowreport.export import export_project
from shadowreport.export.cover import cover_blocks
from shadowreport.importers.project import project_to_draft
from shadowreport.project.exchange import read_project

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2027, 12, 31)
NBSP, NNBSP = "\u00a0", "\u202f"


def _cover(pack, sample: str, language: str):
    project = read_project(ROOT / "samples" / sample).model_copy(update={"language": language})
    draft = project_to_draft(project, pack, TODAY)
    mechanism, kind = pack.kind(draft.kind)
    return [(b.style, b.label, b.text) for b in cover_blocks(draft, mechanism, kind, 5123, 5630, TODAY, language)]


def test_a_french_upr_cover(pack):
    cover = _cover(pack, "upr-individual-trafficking.yml", "fr")
    assert cover[1][0] == "subtitle" and cover[1][2].startswith("Contribution des parties prenantes à l'Examen périodique universel")
    assert ("line", f"Nombre de mots{NBSP}:", f"5{NNBSP}123 (limite de 5{NNBSP}630 pour une seule organisation)") in cover
    assert ("line", f"Date{NBSP}:", "31 décembre 2027") in cover
    assert not any("Submitted" in (label or "") or "Word count" in (label or "") for _, label, _ in cover)


def test_a_french_greta_cover_with_sign_off_dates(pack):
    cover = _cover(pack, "greta-joint-4th-round.yml", "fr")
    assert cover[1][2].startswith("Rapport conjoint d'ONG au GRETA")
    labels = [label for _, label, _ in cover if label]
    assert f"Coordination{NBSP}:" in labels and f"Membres{NBSP}:" in labels
    bullets = [text for style, _, text in cover if style == "bullet"]
    assert bullets and all(any(words in text for words in ("a approuvé le texte", "a refusé de signer", "approbation en attente"))
                           for text in bullets)


def test_english_covers_are_as_before(pack):
    cover = _cover(pack, "upr-individual-trafficking.yml", "en")
    assert ("line", "Word count:", "5,123 (limit 5,630 for one organisation)") in cover
    assert ("line", "Date:", "31 December 2027") in cover
    cover = _cover(pack, "greta-joint-4th-round.yml", "en")
    assert any(text.endswith(("signed off", "sign-off pending", "declined to sign")) or " signed off on " in text
               for style, _, text in cover if style == "bullet")


def test_a_french_project_exports_a_french_cover_and_footer(pack, tmp_path: Path):
    project = read_project(ROOT / "samples" / "greta-joint-4th-round.yml").model_copy(update={"language": "fr"})
    target = tmp_path / "rapport.docx"
    export_project(project, pack, target, today=TODAY)
    with zipfile.ZipFile(target) as package:
        document = package.read("word/document.xml").decode()
        footer = "".join(package.read(name).decode() for name in package.namelist() if name.startswith("word/footer"))
    assert "31 décembre 2027" in document and f"Date{NBSP}:" in document and "Date:" not in document
    assert ">Page <" in footer.replace('xml:space="preserve">', ">") and "> sur <" in footer.replace('xml:space="preserve">', ">")
    assert " of " not in footer
    markdown = tmp_path / "rapport.md"
    export_project(project, pack, markdown, today=TODAY)
    assert "31 décembre 2027" in markdown.read_text(encoding="utf-8")


def test_the_implementation_table_in_french(tmp_path: Path):
    from shadowreport.earlier.readers import word_tables
    from shadowreport.export.implementation_table import write_implementation_table
    from shadowreport.project.model import Project

    earlier = [{"text": "Adopter une loi", "paragraph": "136.2", "position": "supported", "themes": ["Traite des personnes"],
                "assessment": {"status": "partially", "grade": "B", "comment": "Un décret l'a créé."}},
               {"text": "Ratifier la convention", "paragraph": "136.3", "position": "noted"}]
    for language, header, status in (("fr", "Recommandation", "Partiellement mise en œuvre"), ("en", "Recommendation", "Partially implemented")):
        project = Project(title="T", mechanism="upr", kind="midterm", state="Kanembo", language=language, members=[{"name": "A"}],
                          earlier=earlier)
        out = tmp_path / f"table-{language}.docx"
        assert write_implementation_table(project, out) == 2
        rows = word_tables(out.read_bytes(), out.name)[0]
        assert rows[0][0] == [header] and rows[2][3][0] == status
    assert rows[1] == [["Theme: Traite des personnes"]] and rows[2][1] == ["Supported"]  # English, as before
    rows = word_tables((tmp_path / "table-fr.docx").read_bytes(), "table-fr.docx")[0]  # the reader folds no-break spaces
    assert rows[1] == [["Thème : Traite des personnes"]] and rows[2][1] == ["Acceptée"]
    assert rows[2][3][1] == "Note B : Réponse/mesure partiellement satisfaisante"
    assert rows[3] == [["Thème : Autres recommandations"]] and rows[4][1] == ["Notée"] and rows[4][3] == ["Pas encore évaluée."]
    document = zipfile.ZipFile(tmp_path / "table-fr.docx").read("word/document.xml").decode()
    assert f"Thème{NBSP}: Traite des personnes" in document and "Mise en œuvre des recommandations du dernier examen" in document


# --- French headings, a table of contents, section guidance as data ------------------------------

FRENCH_SAMPLES = ["greta-rapport-conjoint-4e-cycle.yml", "note-une-page-ministre.yml"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _headings(path: Path) -> list[tuple[str, str]]:
    """(style id, text) of every heading-styled paragraph of a .docx: Title, Subtitle, Heading N, TOC Heading."""
    from xml.etree import ElementTree

    with zipfile.ZipFile(path) as package:
        body = ElementTree.fromstring(package.read("word/document.xml"))
    found = []
    for paragraph in body.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        style_id = style.get(f"{W}val") if style is not None else ""
        if style_id.startswith(("Heading", "TOC", "Title", "Subtitle")):
            found.append((style_id, "".join(t.text or "" for t in paragraph.iter(f"{W}t"))))
    return found


@pytest.mark.parametrize("sample", FRENCH_SAMPLES)
def test_a_french_sample_exports_with_french_headings_only(pack, tmp_path: Path, sample: str):
    from shadowreport.language import section_text

    project = read_project(ROOT / "samples" / sample)
    target = tmp_path / "rapport.docx"
    export_project(project, pack, target, today=TODAY)
    headings = _headings(target)
    english = {s.title for m in pack.mechanisms.values() for k in m.kinds.values() for s in k.sections} | {"Recommendations", "Table of contents"}
    french = {section_text(project.kind_id, s.id, "fr").get("title") for s in project.sections} | {"Table des matières"}
    assert [text for _, text in headings if text in english] == []
    assert {text for style, text in headings if style.startswith("Heading")} <= french | {s.title for s in project.sections}
    assert "Recommandations" in {text for _, text in headings} or sample.startswith("note")
    with zipfile.ZipFile(target) as package:
        document = package.read("word/document.xml").decode()
    assert "Recommendations" not in document and "Submitted by" not in document and "Word count" not in document


def test_a_table_of_contents_in_the_documents_language(pack, tmp_path: Path):
    project = read_project(ROOT / "samples" / "greta-rapport-conjoint-4e-cycle.yml")
    target = tmp_path / "rapport.docx"
    export_project(project, pack, target, today=TODAY)
    with zipfile.ZipFile(target) as package:
        document = package.read("word/document.xml").decode()
        settings = package.read("word/settings.xml").decode()
    assert ("TOCHeading", "Table des matières") in _headings(target)
    assert 'TOC \\o "1-3" \\h \\z \\u' in document and document.count('w:fldCharType="begin"') >= 1
    assert '<w:updateFields w:val="true"/>' in settings  # Word fills in the page numbers when it opens the file
    assert settings.index("w:updateFields") < settings.index("w:compat")  # in the schema's order, or Word calls the file damaged
    toc_at, first_heading_at = document.index("TOC \\o"), document.index('w:val="Heading1"')
    assert toc_at < first_heading_at
    import re

    anchors = re.findall(r'<w:hyperlink w:anchor="(_Toc\d+)"', document)  # each entry links to its heading, before any update
    bookmarks = re.findall(r'<w:bookmarkStart w:id="\d+" w:name="(_Toc\d+)"/>', document)
    assert anchors == bookmarks and len(anchors) == len(project.sections)
    english = tmp_path / "report.docx"
    export_project(read_project(ROOT / "samples" / "greta-joint-4th-round.yml"), pack, english, today=TODAY)
    assert ("TOCHeading", "Table of contents") in _headings(english)
    briefing = tmp_path / "note.docx"
    export_project(read_project(ROOT / "samples" / "note-une-page-ministre.yml"), pack, briefing, today=TODAY)
    assert not [h for h in _headings(briefing) if h[0] == "TOCHeading"]  # a one-page briefing has none


def test_the_export_reads_back_without_its_table_of_contents(pack, tmp_path: Path):
    from shadowreport.importers import read_draft

    project = read_project(ROOT / "samples" / "greta-rapport-conjoint-4e-cycle.yml")
    target = tmp_path / "rapport.docx"
    export_project(project, pack, target, today=TODAY)
    draft = read_draft(target, pack)
    assert [s.title for s in draft.sections] == [s.title for s in project.sections]


def test_the_kinds_own_english_headings_are_exported_in_french(pack, tmp_path: Path):
    """A French project whose sections kept the kind's English titles (created before it was French)."""
    project = read_project(ROOT / "samples" / "greta-joint-4th-round.yml").model_copy(update={"language": "fr"})
    target = tmp_path / "rapport.docx"
    export_project(project, pack, target, today=TODAY)
    headings = [text for style, text in _headings(target) if style.startswith("Heading")]
    assert headings == ["Organisations auteures", "Suivi des recommandations antérieures du GRETA", "Vulnérabilités à la traite",
                        "Usage des technologies de l'information et de la communication", "Recommandations"]
    renamed = project.model_copy(update={"sections": [project.sections[0].model_copy(update={"title": "Who we are"}), *project.sections[1:]]})
    export_project(renamed, pack, target, today=TODAY)
    assert [text for style, text in _headings(target) if style.startswith("Heading")][0] == "Who we are"  # a title the user wrote stays


def test_every_section_of_every_kind_has_its_french_title_and_guidance(pack):
    from shadowreport.language import section_text

    missing = [f"{mechanism.id}/{kind_id}/{section.id}" for mechanism in pack.mechanisms.values() for kind_id, kind in mechanism.kinds.items()
               for section in kind.sections if set(section_text(f"{mechanism.id}/{kind_id}", section.id, "fr")) != {"title", "guidance"}]
    assert missing == []
    assert section_text("ccpr/session", "recommendations", "fr")["title"] == "Recommandations"
    assert "Comité" in section_text("cedaw/session", "recommendations", "fr")["guidance"]  # the treaty bodies' own wording
    assert section_text("upr/stakeholder", "recommendations", "en") == {}  # English is the rules' own text


@pytest.mark.parametrize("sample", FRENCH_SAMPLES)
def test_the_french_samples_lint_clean_in_french(pack, sample: str):
    from shadowreport.checks import CheckConfig, run_checks
    from shadowreport.importers.project import project_to_draft

    project = read_project(ROOT / "samples" / sample)
    report = run_checks(project_to_draft(project, pack, TODAY), pack, CheckConfig(today=dt.date(2026, 11, 23), language="fr"))
    assert [(f.rule, f.message) for f in report.findings if f.severity != "info"] == []
    assert any(f.message.startswith("Lisibilité") for f in report.findings)  # the notes that remain are in French


def test_a_french_priority_label_is_bold(pack, tmp_path: Path):
    target = tmp_path / "rapport.docx"
    export_project(read_project(ROOT / "samples" / "greta-rapport-conjoint-4e-cycle.yml"), pack, target, today=TODAY)
    document = zipfile.ZipFile(target).read("word/document.xml").decode()
    assert '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Priorité :</w:t></w:r>' in document
