"""A language is data: a vocabulary file (mechanisms/vocabulary/languages/<code>.yml) is all the checks need
to read recommendations in a new language, with no code change; an edited file takes effect at once."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shadowreport import language
from shadowreport.checks.timeframes import deadline_in
from shadowreport.recommendation_text import action_category, addressee_in, find_timeframe, joined_actions, looks_measurable

ROOT = Path(__file__).resolve().parent.parent
# Esperanto: regular, and unlike English, French and Spanish (infinitives in -i, "devus" for should),
# so nothing in it can be recognised by accident.
ESPERANTO = """\
language: eo
name: Esperanto
recommendations:
  modals: [devus, devas]
  asks:
    - words: [rekomendas, petas, instigas]
      then: [ke]
      within: 80
  infinitive_endings: [i]
  verb_forms: [i, as, is, os, us, u]
  action_verbs:
    2: [daŭrigi]
    4: [plibonigi, fortigi]
    5: [adopti, krei, publikigi, ratifi, dungi]
  checkable_verbs: [adopt*, kre*, publikig*, ratif*, dung*]
  vague_verbs: [plibonig*, fortig*, daŭrig*]
  everyone: [ĉiuj, ĉiun]
  efforts: [klopodoj]
  measures: [nombro de, ĉiujare]
  and: [kaj]
  ask_headings: [rekomendoj, niaj petoj]
timeframes:
  by: [antaŭ, ĝis]
  from: [ekde]
  end_of: [la fino de, la]
  ordinals: [a]
  date_words: [de]
  during: [en, dum]
  within: [ene de]
  units: [tagoj, semajnoj, monatoj, jaroj]
  terms: [mallongtempe, longtempe]
  at_once: [tuj, senprokraste]
composer:
  who: "[kiu?]"
  what: "[fari kion?]"
  priority: "Prioritato:"
  months: [januaro, februaro, marto, aprilo, majo, junio, julio, aŭgusto, septembro, oktobro, novembro, decembro]
"""


@pytest.fixture
def rules_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A user's rules folder (SHADOWREPORT_RULES_DIR) that adds Esperanto; the files are looked at again at once."""
    folder = tmp_path / "myrules"
    (folder / "vocabulary" / "languages").mkdir(parents=True)
    (folder / "vocabulary" / "languages" / "eo.yml").write_text(ESPERANTO, encoding="utf-8")
    monkeypatch.setenv("SHADOWREPORT_RULES_DIR", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(language, "_RECHECK_SECONDS", 0.0)
    language.look_again()
    yield folder
    language.look_again()  # the next test sees the built-in files only


def test_a_new_language_from_a_file_alone(pack, rules_folder: Path):
    text = "La Ministerio de Laboro devus dungi 50 inspektistojn antaŭ 2028."
    assert addressee_in(text) == "La Ministerio de Laboro"
    assert action_category(text, pack.action_categories).verb == "dungi"
    assert find_timeframe(text) == "antaŭ 2028" and looks_measurable(text)
    vague = "La Ministerio de Sano devus plibonigi la helpon al viktimoj."
    assert action_category(vague, pack.action_categories).category == 4
    assert find_timeframe(vague) is None and not looks_measurable(vague)
    assert find_timeframe("La Ministerio de Justeco devus adopti leĝon ene de ses monatoj.") == "ene de ses monatoj"
    assert joined_actions("La Ministerio devus adopti leĝon kaj krei fondaĵon.", pack.action_categories) == ("adopti", "krei")
    assert deadline_in("La Ministerio devus agi antaŭ la 1a de marto 2024.")[0].isoformat() == "2024-03-01"


def test_a_new_languages_ask_headings_lead_the_finder_to_the_asks_under_them(rules_folder: Path):
    from shadowreport.importers import read_draft_bytes

    draft = read_draft_bytes("# Enkonduko\n\nLa raporto priskribas la situacion.\n\n# Niaj petoj\n\n"
                             "- Dungi 50 inspektistojn antaŭ 2028.\n"
                             "- Krei fondaĵon por viktimoj ene de ses monatoj.\n".encode(), "raporto.md")
    found = [r.text for r in draft.recommendations]
    assert [text.split()[0] for text in found] == ["Dungi", "Krei"], found


def test_an_edited_language_file_takes_effect(pack, rules_folder: Path):
    text = "La Ministerio de Laboro devus dungi 50 inspektistojn post la elektoj."
    assert find_timeframe(text) is None
    path = rules_folder / "vocabulary" / "languages" / "eo.yml"
    path.write_text(ESPERANTO.replace("at_once: [tuj, senprokraste]", "at_once: [tuj, senprokraste, post la elektoj]"), encoding="utf-8")
    assert find_timeframe(text) == "post la elektoj"
    path.write_text(ESPERANTO, encoding="utf-8")
    assert find_timeframe(text) is None


def test_the_copy_kept_between_commands_follows_the_files_content(rules_folder: Path):
    """A new command reads the words from the cache folder, keyed by a digest of the files' content: an edit
    that keeps the file's size and modification time still takes effect."""
    code = "from shadowreport.recommendation_text import find_timeframe; print(find_timeframe('La Ministerio agu tuj.'))"
    path = rules_folder / "vocabulary" / "languages" / "eo.yml"

    def run() -> str:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, cwd=ROOT, check=True).stdout.strip()

    assert run() == "tuj" and run() == "tuj"  # the second from the copy kept
    assert list((Path(os.environ["XDG_CACHE_HOME"]) / "shadowreport" / "languages").glob("words-*.bin"))
    before = path.stat()
    path.write_text(ESPERANTO.replace("at_once: [tuj, senprokraste]", "at_once: [tuh, senprokraste]"), encoding="utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert run() == "None"


def test_a_built_in_language_file_changed_by_the_users_file(rules_folder: Path):
    text = "Le ministère devrait agir avant les élections municipales."
    assert find_timeframe(text) is None
    (rules_folder / "vocabulary" / "languages" / "fr.yml").write_text(
        "timeframes:\n  other: [avant les élections municipales]\n", encoding="utf-8")
    assert find_timeframe(text) == "avant les élections municipales"
    assert find_timeframe("Le ministère devrait agir d'ici 2028.") == "d'ici 2028"  # the rest of the built-in file still counts


def test_a_language_file_with_a_mistake_is_refused_in_one_sentence(rules_folder: Path):
    path = rules_folder / "vocabulary" / "languages" / "eo.yml"
    path.write_text(ESPERANTO.replace("modals: [devus, devas]", "modals: devus"), encoding="utf-8")
    with pytest.raises(language.VocabularyError, match=r"eo\.yml: recommendations\.modals: must be a list"):
        language.vocabularies()
    path.write_text(ESPERANTO.replace("language: eo", "language: es"), encoding="utf-8")
    with pytest.raises(language.VocabularyError, match="named for 'eo'"):
        language.vocabularies()


def test_the_command_line_lints_a_project_in_the_new_language(rules_folder: Path, tmp_path: Path):
    project = tmp_path / "raporto.yml"
    project.write_text("""shadowreport: project
format_version: 1
project:
  id: prj-eo
  title: Raporto
  mechanism: briefing
  kind: policy-brief
  language: eo
  members: [{id: org-a, name: Asocio, role: coordinator}]
  recommendations:
    - id: rec-1
      text: La Ministerio de Laboro devus dungi 50 inspektistojn antaŭ la 31a de decembro 2027.
    - id: rec-2
      text: La Ministerio de Sano devus daŭrigi siajn klopodojn por la viktimoj.
    - id: rec-3
      text: La Ministerio de Justeco devus adopti leĝon antaŭ la 1a de marto 2024.
""", encoding="utf-8")
    env = {**os.environ, "LANG": "C.UTF-8"}
    env.pop("LANGUAGE", None)
    result = subprocess.run([sys.executable, "-m", "shadowreport.cli", "lint", str(project), "--format", "json", "--today", "2026-12-01"],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    findings = {(f["rule"], f["location"].get("recommendation")) for f in json.loads(result.stdout)["findings"]}
    assert ("recommendations.timeframe", 2) in findings and ("recommendations.timeframe", 1) not in findings
    assert ("recommendations.measurable", 2) in findings and ("recommendations.measurable", 1) not in findings
    assert ("recommendations.action-category", 2) in findings and ("recommendations.action-category", 1) not in findings
    assert ("recommendations.past-timeframe", 3) in findings and ("recommendations.past-timeframe", 1) not in findings


def test_the_command_line_names_a_broken_language_file_in_one_line(rules_folder: Path, tmp_path: Path):
    (rules_folder / "vocabulary" / "languages" / "eo.yml").write_text(ESPERANTO.replace("units: [tagoj", "units: [[tagoj]"), encoding="utf-8")
    draft = tmp_path / "note.md"
    draft.write_text("# Note\n\n## Recommendations\n\n- The Ministry of Labour should hire 50 inspectors by 2028.\n", encoding="utf-8")
    env = {**os.environ, "LANG": "C.UTF-8"}
    env.pop("LANGUAGE", None)
    for command in (["lint", str(draft), "--mechanism", "briefing", "--kind", "policy-brief"], ["mechanisms", "validate", str(rules_folder)]):
        result = subprocess.run([sys.executable, "-m", "shadowreport.cli", *command], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert "eo.yml: timeframes.units: must be a list of words or phrases" in result.stderr


@pytest.mark.parametrize(("change", "where"), [
    ((ESPERANTO.split("timeframes:")[0], "recommendations: [devus]\n"), "recommendations: must be a mapping"),
    (("    - words: [rekomendas, petas, instigas]\n      then: [ke]\n      within: 80", "    - [rekomendas]"),
     "recommendations.asks.1: needs words"),
    (("    2: [daŭrigi]", "    7: [daŭrigi]"), "recommendations.action_verbs.7"),
    (("months: [januaro, februaro,", "months: ["), "composer.months: names 10 months"),
    (("composer:\n", "sections: {kinds: [a]}\ncomposer:\n"), "sections: holds 'any'"),
    (("composer:\n", "sections: {any: {recommendations: Rekomendoj}}\ncomposer:\n"), "sections.any.recommendations: each section"),
    (("language: eo", "language: eo\nwords: []"), "words: unknown key"),
])
def test_every_kind_of_mistake_is_one_located_sentence(rules_folder: Path, change, where):
    (rules_folder / "vocabulary" / "languages" / "eo.yml").write_text(ESPERANTO.replace(*change), encoding="utf-8")
    with pytest.raises(language.VocabularyError, match=re.escape(where)):
        language.vocabularies()
    assert [where in problem for problem in language.problems_in(rules_folder)] == [True]
