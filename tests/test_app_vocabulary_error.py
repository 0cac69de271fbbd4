"""A language file in the user's rules folder that cannot be read (campaign item 15): the app says which
file and where, in the sentence the command line gives, instead of its generic "something went wrong";
the Draft page keeps its section boxes so that writing goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from shadowreport import language
from shadowreport.project.exchange import read_project
from shadowreport.store import Store
from shadowreport.ui.errors import MESSAGE

ROOT = Path(__file__).resolve().parent.parent
GENERIC = MESSAGE.split(":")[0]  # "Something went wrong and this step was not completed, but your saved work is safe"


@pytest.fixture
def broken_french_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's rules folder with a copy of the French language file, then a line that breaks its YAML."""
    folder = tmp_path / "rules" / "vocabulary" / "languages"
    folder.mkdir(parents=True)
    broken = folder / "fr.yml"
    text = (ROOT / "mechanisms" / "vocabulary" / "languages" / "fr.yml").read_text(encoding="utf-8")
    broken.write_text(text + "\nrecommendations: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("SHADOWREPORT_RULES_DIR", str(tmp_path / "rules"))
    language.look_again()
    yield broken
    language.look_again()  # the next test reads the built-in files again


def the_sentence() -> str:
    """What the command line says about the file: its path, the YAML position and what is wrong."""
    with pytest.raises(language.VocabularyError) as raised:
        language.vocabularies()
    return str(raised.value)


def page(name: str, project_id: str, context: dict) -> AppTest:
    def run_page(page_name: str) -> None:
        """As app.py runs a page: inside its error boundary."""
        from shadowreport.ui import errors, pages, state

        try:
            pages.build()
            state.current()
            __import__(f"shadowreport.ui.{page_name}_page", fromlist=["render"]).render()
        except Exception as error:  # as app.py does
            errors.show_unexpected(error)

    test = AppTest.from_function(run_page, args=(name,), default_timeout=60)
    test.context = context
    test.query_params["project"] = project_id
    return test.run()


def french_sample() -> str:
    project = read_project(ROOT / "samples" / "greta-rapport-conjoint-4e-cycle.yml")
    return Store(Path(os.environ["SHADOWREPORT_STORE"])).create(project).project.id


def errors_shown(test: AppTest) -> str:
    """The errors as read: plain() escapes Markdown with backslashes and word joiners, which nobody sees."""
    return " ".join(error.value for error in test.error).replace("\\", "").replace("\u2060", "")


@pytest.mark.parametrize("context", [{"locale": "fr-FR"}, {"locale": "en-GB"}])
def test_the_draft_page_names_the_file_and_keeps_its_section_boxes(broken_french_file: Path, context: dict):
    sentence = the_sentence()
    assert str(broken_french_file) in sentence and "fr.yml:" in sentence  # the file and the YAML position, as the CLI says
    project_id = french_sample()
    draft = page("draft", project_id, context)
    assert not draft.exception
    shown = errors_shown(draft)
    assert sentence.replace("\\", "") in shown, shown
    assert "Something went wrong" not in shown and "Un problème est survenu" not in shown
    sections = Store(Path(os.environ["SHADOWREPORT_STORE"])).load(project_id).project.sections
    assert len(draft.text_area) == len(sections) > 1  # every section's box is drawn
    box = draft.text_area(key=f"w:{project_id}:section:{sections[-1].id}")
    box.input("Un paragraphe écrit pendant que le fichier est cassé.").run()  # and still saves
    saved = Store(Path(os.environ["SHADOWREPORT_STORE"])).load(project_id).project.sections[-1].text
    assert saved == "Un paragraphe écrit pendant que le fichier est cassé."


@pytest.mark.parametrize("name", ["check", "recommendations", "rules", "plan"])
def test_other_pages_show_the_files_sentence_not_the_generic_one(broken_french_file: Path, name: str):
    sentence = the_sentence()
    project_id = french_sample()
    shown = errors_shown(page(name, project_id, {"locale": "fr-FR"}))
    assert sentence.replace("\\", "") in shown, shown
    assert "Un problème est survenu" not in shown
    assert "Corrigez le fichier" in shown  # and what to do, in the reader's language
