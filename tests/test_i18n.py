"""Messages in the reader's language (issue 16): the translator, the French catalogue, and
`shadowreport lint --lang fr` / LANG, with rule ids, severities and JSON keys unchanged and the
English output exactly as before."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from shadowreport import cli
from shadowreport.i18n import LOCALE_DIR, available, from_environment, normalise, translator

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "data" / "i18n"
FRENCH_DRAFT = ROOT / "tests" / "data" / "corpus" / "23-upr-coalition-fr.md"
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
NNBSP = "\u202f"


@pytest.fixture(autouse=True)
def _no_language_in_environment(monkeypatch):
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def lint(capsys, *argv: str) -> tuple[int, str]:
    code = cli.main(["lint", *argv])
    out, _ = capsys.readouterr()
    return code, out


# --- the translator ------------------------------------------------------------------------------

def test_language_codes_are_read_as_the_catalogues_name_them():
    assert available()[0] == "en" and "fr" in available()
    assert normalise("fr_FR.UTF-8") == normalise("fr-CA") == normalise("FR") == normalise("fr_BE@euro") == "fr"
    assert normalise("de_DE.UTF-8") == normalise("C") == normalise("POSIX") == normalise(None) == normalise("") == "en"
    assert from_environment({"LANG": "fr_CH.UTF-8"}) == "fr"
    assert from_environment({"LANG": "fr_FR.UTF-8", "LC_ALL": "en_GB.UTF-8"}) == "en"  # LC_ALL wins over LANG
    assert from_environment({"LANG": "en_GB.UTF-8", "LANGUAGE": "fr:en"}) == "fr"  # LANGUAGE first, as gettext reads it
    assert from_environment({}) == "en"


def test_english_is_the_message_as_written_and_french_comes_from_the_catalogue():
    assert translator("en").gettext("Shorten this section.") == "Shorten this section."
    assert translator("fr").gettext("Shorten this section.") == "Raccourcissez cette section."
    assert translator("fr").gettext("a message no catalogue holds") == "a message no catalogue holds"
    french = translator("fr")
    assert french.ngettext("Cut to {limit} page.", "Cut to {limit} pages.", 1).format(limit=1) == "Ramenez le texte à 1 page."
    assert french.ngettext("Cut to {limit} page.", "Cut to {limit} pages.", 2).format(limit=2) == "Ramenez le texte à 2 pages."


def test_numbers_and_dates_through_babel():
    english, french = translator("en"), translator("fr")
    assert english.number(2815) == "2,815"
    assert french.number(2815) == f"2{NNBSP}815"  # a narrow no-break space groups French digits
    assert french.number(64.1) == "64,1"
    assert english.date(dt.date(2027, 12, 31)) == "31 December 2027"  # as the English messages always wrote it
    assert french.date(dt.date(2027, 12, 31)) == "31 décembre 2027"
    assert french.month(dt.date(2019, 3, 1)) == "mars 2019"
    assert french.language_name("de", "German") == "allemand" and english.language_name("de", "German") == "German"
    assert french.list(["anglais", "français"]) == "anglais ou français"
    assert english.list(["English", "French", "Spanish"]) == "English, French or Spanish"


def test_a_translator_is_per_call_and_changes_nothing_for_anyone_else():
    """Asking for French in one run leaves another run, and the process, in English."""
    translator("fr").gettext("Shorten this section.")
    assert translator("en").gettext("Shorten this section.") == "Shorten this section."
    import gettext

    assert gettext.gettext("Shorten this section.") == "Shorten this section."


# --- the catalogues ------------------------------------------------------------------------------

def _messages_in_code() -> set[str]:
    """What pybabel extract finds in the package (babel.cfg's method), read again here."""
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT / "shadowreport"), [("**.py", "python")]):
        found.add(message[0] if isinstance(message, tuple) else message)
    for _, message, _, _ in extract_from_file("python", str(ROOT / "app.py")):  # the app's entry point, outside the package
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _catalogue(language: str):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", [code for code in available() if code != "en"])
def test_every_message_in_the_code_is_translated_and_none_is_stale(language):
    catalogue = _catalogue(language)
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalogue if m.id}
    in_code = _messages_in_code()
    assert sorted(in_code - ids) == [], "run pybabel extract and update (see shadowreport/i18n.py), then translate"
    assert sorted(ids - in_code) == [], "messages no longer in the code: run pybabel update"
    untranslated = [m.id for m in catalogue if m.id and (not m.string or not all(m.string if isinstance(m.string, tuple) else [m.string]))]
    assert untranslated == []
    assert [m.id for m in catalogue if m.id and m.fuzzy] == []


@pytest.mark.parametrize("language", [code for code in available() if code != "en"])
def test_translations_keep_every_placeholder(language):
    """A '{count}' lost or misspelt in a translation would raise or print the wrong figure."""
    for message in _catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{(\w+)\}", ids[-1]))
        for string in strings:
            assert set(re.findall(r"\{(\w+)\}", string)) == wanted, message.id


# --- `shadowreport lint` -------------------------------------------------------------------------

GOLDEN_RUNS = {
    "foreign-27.docx.en.txt": ("tests/data/foreign_layouts/foreign-27.docx", "--mechanism", "upr", "--kind", "stakeholder"),
    "07-special-rapporteur-call.md.en.txt": ("tests/data/corpus/07-special-rapporteur-call.md",),
    "23-upr-coalition-fr.md.en.txt": ("tests/data/corpus/23-upr-coalition-fr.md",),
    "greta-joint-4th-round.yml.en.txt": ("samples/greta-joint-4th-round.yml",),
}


@pytest.mark.parametrize("golden", sorted(GOLDEN_RUNS))
def test_english_output_is_byte_for_byte_as_before(capsys, golden):
    """The output saved from the code before messages were translatable (tests/data/i18n/).

    When an English message changes on purpose, rewrite the file from `shadowreport lint PATH --today 2026-11-23 [FLAGS]`
    with the path replaced by `<path>`, and say why in the commit."""
    path, *flags = GOLDEN_RUNS[golden]
    _, out = lint(capsys, str(ROOT / path), "--today", "2026-11-23", *flags)
    assert out.replace(str(ROOT / path), "<path>") == (GOLDEN / golden).read_text(encoding="utf-8")


def _keys(value):
    if isinstance(value, dict):
        return {key: _keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_keys(item) for item in value]
    return type(value).__name__


def test_a_french_draft_linted_in_french_keeps_rule_ids_severities_and_json_keys(capsys):
    english_code, english = lint(capsys, str(FRENCH_DRAFT), "--today", "2026-11-23", "--format", "json")
    french_code, french = lint(capsys, str(FRENCH_DRAFT), "--today", "2026-11-23", "--format", "json", "--lang", "fr")
    english, french = json.loads(english), json.loads(french)
    assert french_code == english_code
    assert _keys(french) == _keys(english)  # the same keys, the same shape
    assert french["document"] == english["document"]
    assert [(f["rule"], f["severity"], f["location"], f["source"]) for f in french["findings"]] == [
        (f["rule"], f["severity"], f["location"], f["source"]) for f in english["findings"]]
    messages = {}
    for finding in french["findings"]:
        messages.setdefault(finding["rule"], finding["message"])  # each rule's first finding
    assert messages["recommendations.actor"].startswith("La recommandation 1 s'adresse à «\u00a0Gouvernement du Kanembo\u00a0»")
    assert messages["recommendations.timeframe"].endswith("ne donne pas de délai.")
    assert messages["readability.level"].startswith("Lisibilité 64,1 (indice de lisibilité de Kandel et Moles")
    assert all(f["suggestion"] != e["suggestion"] for f, e in zip(french["findings"], english["findings"]) if e["suggestion"])
    assert not any("Recommendation" in f["message"] for f in french["findings"])


def test_french_text_output_and_the_summary_line(capsys):
    _, out = lint(capsys, str(FRENCH_DRAFT), "--today", "2026-11-23", "--lang", "fr")
    lines = out.splitlines()
    assert "§ IV. Recommandations, recommandation 2  warning  recommendations.timeframe  La recommandation 2 (" in out
    assert "    -> Ajoutez une date (" in out
    assert lines[-1].endswith(": upr/stakeholder, conjointe\u202f; 194 mots\u202f; 1 page (estimation)\u202f; 4 recommandations. "
                              "0 erreur, 10 avertissements, 1 remarque.")  # each count with the plural its number asks for


def test_french_word_counts_group_digits_with_a_narrow_no_break_space(capsys):
    _, out = lint(capsys, str(ROOT / "tests/data/foreign_layouts/foreign-27.docx"), "--mechanism", "upr", "--kind", "stakeholder",
                  "--today", "2026-11-23", "--lang", "fr")
    words = next(line for line in out.splitlines() if "length.words" in line)
    assert words == (f"document  error  length.words  4{NNBSP}188 mots (notes de bas de page non comptées)\u00a0: 1{NNBSP}373 de plus "
                     f"que la limite de 2{NNBSP}815 mots pour une contribution d'une seule organisation.")
    assert "Dans Word\u00a0: Fichier > Informations > Propriétés > Titre" in out


@pytest.mark.parametrize(("variable", "value", "french"), [
    ("LANG", "fr_FR.UTF-8", True), ("LC_ALL", "fr_BE.UTF-8", True), ("LANGUAGE", "fr", True), ("LANG", "de_DE.UTF-8", False),
])
def test_the_environment_chooses_the_language(capsys, monkeypatch, variable, value, french):
    monkeypatch.setenv(variable, value)
    _, out = lint(capsys, str(FRENCH_DRAFT), "--today", "2026-11-23")
    assert ("ne donne pas de délai" in out) is french
    assert ("gives no timeframe" in out) is not french


def test_lang_wins_over_the_environment_and_an_unknown_language_is_english(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    _, out = lint(capsys, str(FRENCH_DRAFT), "--today", "2026-11-23", "--lang", "en")
    assert "gives no timeframe" in out
    monkeypatch.delenv("LANG")
    _, out = lint(capsys, str(FRENCH_DRAFT), "--today", "2026-11-23", "--lang", "xx")
    assert "gives no timeframe" in out


def test_english_numbers_and_dates_match_babel_without_loading_it():
    """The English fast path writes what Babel writes (checked against Babel itself)."""
    import datetime as dt
    import random

    from babel.dates import format_date
    from babel.numbers import format_decimal

    from shadowreport.i18n import translator

    english = translator("en")
    draw = random.Random(7)
    numbers = [0, 7, -5000, 1234567, 0.0, 2.0, 10.4, 0.0005, 0.0015, 1234.5678, 100.0] + [draw.uniform(-1e6, 1e6) for _ in range(300)]
    assert [english.number(n) for n in numbers] == [format_decimal(n, locale=english.locale) for n in numbers]
    days = [dt.date(2027, 12, 31), dt.date(2028, 2, 29)] + [dt.date(2020, 1, 1) + dt.timedelta(days=37 * i) for i in range(60)]
    assert [english.date(d) for d in days] == [format_date(d, format="long", locale=english.locale) for d in days]
