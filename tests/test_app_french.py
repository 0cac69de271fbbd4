"""The app in French (issue 16), with Streamlit's AppTest: the browser's language (st.context.locale)
chooses it, the sidebar's switch changes it for this session only, typed text survives the switch,
and an English browser sees the app exactly as before."""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from shadowreport.language import section_text
from shadowreport.store import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
NNBSP = "\u202f"  # French groups digits with a narrow no-break space
FRENCH, ENGLISH = {"locale": "fr-FR"}, {"locale": "en-GB"}


def app(context: dict | None = FRENCH) -> AppTest:
    """The whole app (Projects first), as a browser with this language opens it."""
    test = AppTest.from_file(APP, default_timeout=60)
    if context:
        test.context = context
    return test.run()


def page(name: str, project_id: str | None, context: dict | None = FRENCH, language: str | None = None) -> AppTest:
    """One page as app.py draws it: the language switch in the sidebar, the messages, the page."""

    def run_page(page_name: str) -> None:
        import streamlit as st

        from shadowreport.ui import pages, state, translation

        pages.build()
        state.current()
        with st.sidebar:
            translation.choose()
        state.show_messages()
        getattr(__import__(f"shadowreport.ui.{page_name}_page", fromlist=["render"]),
                "render_for_project" if page_name == "export" else "render")()

    test = AppTest.from_function(run_page, args=(name,), default_timeout=60)
    test.context = context or {}
    if project_id:
        test.query_params["project"] = project_id
    if language:
        test.query_params["lang"] = language
    return test.run()


def store() -> Store:
    return Store(Path(os.environ["SHADOWREPORT_STORE"]))


def start_a_project_in_french() -> str:
    projects = app()
    projects.selectbox(key="new_kind").set_value("upr/stakeholder").run()
    projects.text_input(key="new_title").input("Traite aux fins d'exploitation par le travail")
    projects.text_input(key="new_organisation").input("Strada Aperta")
    projects.text_input(key="new_state").input("Italie")
    projects.button(key="FormSubmitter:new_project-Commencer le projet").click().run()
    assert not projects.exception
    assert [t.value for t in projects.title] == ["Rédaction"]  # the new project's Draft, in French
    project_id = projects.query_params["project"]
    return project_id[0] if isinstance(project_id, list) else project_id


def test_a_french_browser_gets_the_projects_page_in_french():
    projects = app()
    assert not projects.exception
    assert [t.value for t in projects.title] == ["Projets"]
    assert [tab.label for tab in projects.tabs][:3] == ["Vos projets", "Commencer un projet", "Partir d'un texte Word"]
    assert projects.selectbox(key="app_language").value == "fr"
    assert projects.text_input(key="new_title").label == "Titre de la contribution"
    assert projects.radio(key="new_joint").options == ["Une seule organisation", "Une coalition"]  # values stay codes
    assert projects.button(key="FormSubmitter:new_project-Commencer le projet")
    assert "lang" not in projects.query_params  # the browser's own language: the address is as it always was


def test_draft_and_check_in_french_with_french_numbers_and_findings():
    project_id = start_a_project_in_french()
    draft = page("draft", project_id)
    assert not draft.exception
    assert [t.value for t in draft.title] == ["Rédaction"]
    progress = [p.text for p in draft.get("progress")]
    assert progress and f"sur 2{NNBSP}815 mots" in progress[0], progress  # UPR's limit for one organisation, written the French way
    assert draft.expander[0].label == "Ajouter une section"

    check = page("check", project_id)
    assert not check.exception
    assert [t.value for t in check.title] == ["Vérifier", "Vérifier un document"]  # this project's tab, and any document's
    assert [m.label for m in check.metric] == ["Mots", "Pages (estimation)", "Recommandations", "À corriger"]
    shown = " ".join(m.value for m in check.markdown)
    assert "**À revoir**\xa0:" in shown, shown  # severities in words, in French (a no-break space before the colon)
    assert "La section «\xa0Analysis\xa0» est vide" in shown  # the checks' own messages in French
    assert "Must fix" not in shown and "Should fix" not in shown


def test_switching_language_keeps_what_was_typed_and_is_remembered_in_the_address():
    project_id = start_a_project_in_french()
    draft = page("draft", project_id)
    section_key, new_section_key = f"w:{project_id}:section:evidence", f"w:{project_id}:new-section"
    # Typed and not yet saved anywhere: only the widget holds it.
    draft.text_input(key=new_section_key).input("Annexe sur les saisonniers")
    draft.text_area(key=section_key).input("La sensibilisation a touché 212 travailleurs.")
    draft.selectbox(key="app_language").set_value("en").run()
    assert not draft.exception
    assert [t.value for t in draft.title] == ["Draft"]
    assert draft.text_input(key=new_section_key).label == "Title of the new section"
    assert draft.text_input(key=new_section_key).value == "Annexe sur les saisonniers"
    assert draft.text_area(key=section_key).value == "La sensibilisation a touché 212 travailleurs."
    saved = {section.id: section.text for section in store().load(project_id).project.sections}
    assert saved["evidence"] == "La sensibilisation a touché 212 travailleurs."
    assert draft.query_params["lang"] in ("en", ["en"])  # not the browser's language: kept for a refresh

    refreshed = page("draft", project_id, FRENCH, language="en")  # a refresh: a new session, the same address
    assert [t.value for t in refreshed.title] == ["Draft"]

    draft.selectbox(key="app_language").set_value("fr").run()  # back to the browser's language
    assert [t.value for t in draft.title] == ["Rédaction"]
    assert draft.text_input(key=new_section_key).value == "Annexe sur les saisonniers"
    assert "lang" not in draft.query_params


def test_one_session_in_french_leaves_another_in_english():
    french, english = app(FRENCH), app(ENGLISH)
    french.run()
    assert [t.value for t in french.title] == ["Projets"] and [t.value for t in english.title] == ["Projects"]
    english.run()
    assert [t.value for t in english.title] == ["Projects"]


def test_an_english_or_unknown_browser_sees_the_app_as_before():
    for context in (ENGLISH, {"locale": "de-DE"}, None):
        projects = app(context)
        assert not projects.exception
        assert [t.value for t in projects.title] == ["Projects"]
        assert [tab.label for tab in projects.tabs][:2] == ["Your projects", "Start a project"]
        assert projects.selectbox(key="app_language").value == "en"
        assert "lang" not in projects.query_params


def test_the_other_pages_open_in_french():
    projects = app()
    projects.selectbox(key="sample_choice").set_value("ilo-forced-labour-agriculture.yml").run()
    projects.button(key="open_sample").click().run()
    assert not projects.exception
    project_id = store().list()[0].id
    titles = {"recommendations": "Recommandations", "earlier": "Recommandations antérieures", "deadlines": "Échéances",
              "export": "Exporter", "rules": "Règles", "plan": "Plan de plaidoyer", "evidence": "Preuves", "settings": "Paramètres du projet"}
    for name, title in titles.items():
        shown = page(name, project_id)
        assert not shown.exception, name
        assert shown.title[0].value == title
    deadlines = page("deadlines", project_id)
    assert deadlines.get("download_button")[0].proto.label == "Télécharger le calendrier (.ics)"
    table = deadlines.dataframe[0].value
    assert list(table.columns) == ["date", "projet", "quoi", "quand", "urgence", "origine de la date"]
    how = list(table["origine de la date"])
    assert "1 jour avant l'échéance" in how and "date annuelle fixe (de mémoire)" in how, how  # the sample's ILO date and a milestone
    assert not any("before" in text or "recalled" in text for text in how), how
    assert "Remise des éléments au syndicat ou à l'organisation d'employeurs" in list(table["quoi"])  # the rules' milestone, in French
    plan = page("plan", project_id)
    assert plan.text_area(key=f"w:{project_id}:plan:issue").label == section_text("briefing/advocacy-plan", "issue", "fr")["title"]
    settings = page("settings", project_id)
    assert any(caption.value.startswith("Créé le ") for caption in settings.caption)
    evidence = page("evidence", project_id)
    assert evidence.expander[0].label == "Ajouter une preuve"


def test_a_project_in_french_gets_its_section_titles_in_french():
    projects = app()
    projects.selectbox(key="new_kind").set_value("upr/stakeholder").run()
    projects.text_input(key="new_title").input("Traite en Italie")
    projects.text_input(key="new_organisation").input("Strada Aperta")
    projects.selectbox(key="new_language").set_value("fr")
    projects.button(key="FormSubmitter:new_project-Commencer le projet").click().run()
    assert not projects.exception
    project = store().load(store().list()[0].id).project
    assert project.language == "fr"
    titles = {section.id: section.title for section in project.sections}
    assert titles["summary"] == section_text("upr/stakeholder", "summary", "fr")["title"] == "Résumé et mots clés"


def test_a_file_that_cannot_be_prepared_is_one_french_sentence():
    import errno

    from shadowreport.i18n import translator
    from shadowreport.ui.export_page import write_failure

    sentence = write_failure(".docx", OSError(errno.ENOSPC, "x"), translator("fr"))
    assert sentence.startswith("Le fichier .docx n'a pas pu être préparé") and "le disque est plein" in sentence
    assert "libérez de la place" in sentence and "\n" not in sentence


def test_the_export_page_lists_what_would_be_printed_in_french():
    from shadowreport.project.model import Recommendation

    from .factories import upr_project

    project = upr_project(id="prj-export-fr", recommendations=[
        Recommendation(id="rec-a", addressee="the Ministry of Labour", verb="Adopt", object="a national referral mechanism")])
    project.sections[0].text = "Strada Aperta [do what?] runs outreach units."
    store().create(project)
    # (shown as plain text: Markdown's characters come escaped, '\\[do what?\\]')
    for context, expected, absent in ((FRENCH, ("**Majuscule**", "serait imprimé avec une majuscule en milieu de phrase",
                                                "**Texte provisoire**", "do what?\\]\xa0» serait imprimé tel quel"), "would be printed"),
                                      (ENGLISH, ("**Capital letter**", "would be printed with a capital letter mid",
                                                 "**Placeholder**", "do what?\\]' would be printed"), "serait imprimé")):
        export = page("export", project.id, context)
        assert not export.exception
        shown = " ".join(m.value for m in export.markdown)
        assert all(words in shown for words in expected), shown
        assert absent not in shown
        assert "should Adopt" in shown  # the passage itself is quoted as typed, in any language


def test_the_rules_page_labels_values_and_deadline_in_french():
    rules = page("rules", None)
    rules.selectbox(key="rules_mechanism").select("upr").run()
    rules.radio(key="rules_kind").set_value("stakeholder").run()
    assert not rules.exception
    shown = " ".join(m.value for m in rules.markdown)
    assert f"**Limite de mots (coalition)\xa0:** 5{NNBSP}630" in shown, shown  # the label and the number written the French way
    assert "**Paragraphes numérotés\xa0:** oui" in shown
    assert "jours avant la session (une estimation tant que vous n'avez pas saisi la date officielle)" in shown
    assert "Words limit" not in shown and "Numbered paragraphs" not in shown and "days before the" not in shown
    assert rules.header[0].value == "Contribution des parties prenantes à l'EPU"  # the kind's name from the French vocabulary
    rules.selectbox(key="rules_mechanism").select("cedaw").run()
    assert rules.radio(key="rules_kind").options == ["Contribution à la liste de points à traiter",
                                                     "Rapport alternatif (rapport parallèle) pour la session"]

    rules.selectbox(key="rules_mechanism").select("cmw").run()  # a treaty body whose rules name no channel
    shown = " ".join(m.value for m in rules.markdown)
    assert "**Envoi\xa0:** inconnu" in shown and "voyez la note d'information de la session" in shown, shown
    assert "**Échéance (selon l'appel)\xa0:**" in shown and "per-call" not in shown  # the rule's code in words

    english = page("rules", None, ENGLISH)
    english.selectbox(key="rules_mechanism").select("upr").run()
    english.radio(key="rules_kind").set_value("stakeholder").run()
    shown = " ".join(m.value for m in english.markdown)
    assert "**Words limit (joint):** 5630" in shown and "**Numbered paragraphs:** yes" in shown
    assert "days before the session (an estimate until you enter the official date)" in shown
    assert english.header[0].value == "Stakeholder submission"


def test_a_store_message_is_in_french():
    """A project moved to the trash in another tab: the next save says so in the reader's language."""
    from shadowreport.i18n import translator
    from shadowreport.store import ConflictError

    project_id = start_a_project_in_french()
    draft = page("draft", project_id)
    stored = store().load(project_id)
    store().move_to_trash(project_id, stored.version)
    draft.text_area(key=f"w:{project_id}:section:evidence").input("Un texte tapé après la suppression.").run()
    assert not draft.exception
    errors = " ".join(e.value for e in draft.error)
    assert f"Le projet {project_id} est dans la corbeille" in errors, errors

    conflict = ConflictError(project_id, 3, 4, "2026-12-02 09:14")
    assert str(conflict).startswith(f"Project {project_id} was changed elsewhere")  # English as before: the CLI's and the logs'
    french = conflict.text(translator("fr"))
    assert french.startswith(f"Le projet {project_id} a été modifié ailleurs") and "version 3" in french and "version 4" in french
    assert "changed" not in french


def test_an_export_refused_for_personal_data_says_why_in_french():
    from shadowreport.project.model import SectionText

    from .factories import upr_project

    project = upr_project(id="prj-refused-fr", sections=[
        SectionText(id="evidence", title="Evidence", text="Maria Popescu, a 16-year-old girl from Iasi, was recruited.")])
    store().create(project)
    export = page("export", project.id)
    export.button(key="export_go").click().run()
    assert not export.exception
    assert export.error and export.error[0].value.startswith("Export refusé\xa0:"), export.error
    listed = " ".join(m.value for m in export.markdown)
    assert "Contient" in listed and "Contains" not in listed, listed  # the privacy check's own sentence, in French


def test_the_implementation_tables_personal_data_warning_says_where_in_french():
    from shadowreport.earlier.model import Assessment, EarlierRecommendation
    from shadowreport.export.implementation_table import personal_data
    from shadowreport.i18n import translator

    from .factories import upr_project

    record = EarlierRecommendation(text="Strengthen the identification of victims of trafficking.", paragraph="136.2", position="supported",
                                   assessment=Assessment(status="not-implemented", comment="Her case worker is at ana.k@example.org."))
    project = upr_project(earlier=[record])
    assert personal_data(project) == ["136.2: the comment holds an e-mail address"]  # English as before
    assert personal_data(project, t=translator("fr")) == ["136.2\xa0: le commentaire contient une adresse électronique"]
