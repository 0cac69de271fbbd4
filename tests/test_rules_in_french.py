"""`shadowreport mechanisms show --lang fr` (issue 16): labels, yes/no, numbers, the deadline and the kind's
name and sections in French; the rules' own text (purpose, sources, notes) as written; English as before."""

from __future__ import annotations

from shadowreport import cli

NNBSP = "\u202f"


def show(capsys, *argv: str) -> str:
    assert cli.main(["mechanisms", "show", *argv]) == 0
    return capsys.readouterr().out


def test_a_kind_described_in_french(capsys):
    french = show(capsys, "upr/stakeholder", "--lang", "fr")
    assert "upr/stakeholder: Contribution des parties prenantes à l'EPU" in french
    assert f"  limite de mots (coalition)\xa0: 5{NNBSP}630\n" in french
    assert "  paragraphes numérotés\xa0: oui\n" in french
    assert "  Échéance\xa0: environ" in french and "jours avant la session" in french
    assert "    - Résumé et mots clés (facultatif):" in french
    assert "Written information from an NGO" in french  # the rules' own words are not translated
    assert "      source\xa0: de mémoire; OHCHR" in french and "(pas encore confirmé par une source\xa0: vérifiez-le" in french
    assert "  Historique (guide de 2012)\xa0:" in french
    for english in ("words limit", "numbered paragraphs", "Deadline:", "Sections:", "(optional)"):
        assert english not in french


def test_english_by_default_as_before(capsys):
    english = show(capsys, "upr/stakeholder")
    assert "upr/stakeholder: Stakeholder submission" in english
    assert "  words limit (joint): 5630\n" in english and "  numbered paragraphs: yes\n" in english
    assert "  Deadline: about " in english and "    - Summary and key words (optional):" in english


def test_a_treaty_body_without_a_channel_says_so_in_french(capsys):
    french = show(capsys, "cmw/session", "--lang", "fr")
    assert "  envoi\xa0: inconnu\xa0: voyez la note d'information de la session" in french
    assert "Rapport alternatif (rapport parallèle) pour la session" in french
