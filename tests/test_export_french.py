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
