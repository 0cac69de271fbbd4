"""The export's own words in the document's language (issue 16): cover labels, dates, numbers and
the footer in French for a French project, and exactly as before in English."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

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
