"""The recommendation finder on the structures real submissions use (importers/recommendations.py)."""

from __future__ import annotations

import json

import pytest

from shadowreport.importers import read_draft_bytes
from shadowreport.checks import run_checks


def found(markdown: str) -> list[str]:
    return [r.text for r in read_draft_bytes(markdown.encode("utf-8"), "draft.md").recommendations]


def test_a_title_naming_recommendations_does_not_make_every_paragraph_one():
    texts = found("# Findings and Recommendations of the Ombudsperson\n\n## What we found\n\nChildren shared rooms with adults.\n\n"
                  "Staff did not know the referral procedure.\n\n## Recommendations to the Ministry of Interior\n\n"
                  "- Place every child in child-only accommodation within 24 hours.\n- Report a missing child to the police immediately.\n")
    assert texts == ["Place every child in child-only accommodation within 24 hours.", "Report a missing child to the police immediately."]


def test_items_after_a_lead_in_anywhere_take_its_addressee():
    draft = read_draft_bytes("## Conclusions\n\nThe Federation considers the law is not applied. The Government should, with the social partners:\n\n"
                             "- amend the Merchant Shipping Act by 2027;\n- publish inspection results each year.\n".encode(), "d.md")
    assert [r.text for r in draft.recommendations] == ["amend the Merchant Shipping Act by 2027;", "publish inspection results each year."]
    assert {r.addressee for r in draft.recommendations} == {"The Government"}


@pytest.mark.parametrize("sentence", [
    "The Ministry of Labour should publish the number of inspections each year.",
    "We urge you to ensure that every seasonal worker receives a written contract.",
    "Governments need to count bonded labourers through a national survey.",
    "La CNCDH recommande de confier aux inspecteurs du travail une compétence d'identification.",
    "Il faut adopter un nouveau plan d'action national avant la fin de 2027.",
    "La RMMCS insta a las autoridades migratorias a suspender toda expulsión.",
    "El Ministerio de Trabajo debe incluir el trabajo del hogar en el plan anual de inspección.",
])
def test_prose_asks_in_three_languages_outside_any_recommendations_heading(sentence: str):
    assert found(f"## Background\n\nWorkers lose their housing when they complain.\n\n{sentence}\n") == [sentence]


@pytest.mark.parametrize("sentence", [
    "In 2022 the Committee recommended that the State adopt a law.",
    "In its previous report, GRETA considered that the authorities should improve data collection.",
    "Each one names who should act and by when.",
    "The fourth round asks how the State reduces vulnerability.",
    "Suggested question: What steps has the State party taken to set a minimum age?",
])
def test_reports_of_past_recommendations_questions_and_descriptions_are_not_asks(sentence: str):
    assert found(f"## Background\n\n{sentence}\n") == []


def test_numbered_labels_tables_and_briefing_headings():
    assert found("## Analysis\n\nRecommendation 1: The Ministry of Interior should restart registration by 2027.\n") == [
        "Recommendation 1: The Ministry of Interior should restart registration by 2027."]
    assert found("## Issues\n\n| Issue | Proposed recommendation |\n|---|---|\n| Overcrowding | Reduce the population of the centre by 2027. |\n") == [
        "Reduce the population of the centre by 2027."]
    assert len(found("## What we ask\n\n- Table an amendment.\n- Ask the Home Office to publish data.\n- Meet young people we support.\n")) == 3
    assert len(found("## Lo que pedimos\n\n1. Presentar una proposición no de ley.\n2. Apoyar la creación de un registro.\n")) == 2


def test_a_table_following_up_earlier_recommendations_makes_none():
    assert found("## Implementation of accepted recommendations\n\n| Recommendation | Status |\n|---|---|\n| Adopt a law on agencies | Not implemented |\n") == []


def test_a_restated_ask_is_kept_once_where_it_first_stands():
    texts = found("## Identification\n\nLa Commission préconise de dissocier la délivrance du titre de séjour de toute coopération avec la justice.\n\n"
                  "## Liste des recommandations\n\nRecommandation n° 1 : Dissocier le titre de séjour de la coopération avec la justice.\n")
    assert texts == ["La Commission préconise de dissocier la délivrance du titre de séjour de toute coopération avec la justice."]


def test_a_bare_item_under_an_ask_heading_is_possible_not_judged():
    draft = read_draft_bytes(b"## Recommendations\n\n- Roma school mediators.\n", "d.md")
    assert draft.recommendations == [] and [r.text for r in draft.possible_recommendations] == ["Roma school mediators."]
    assert draft.possible_recommendations[0].confidence < 0.7


def test_the_json_report_lists_each_recommendation_with_its_place_and_confidence(pack):
    draft = read_draft_bytes(b"## Recommendations\n\n1. The Ministry of Labour should adopt a plan by 2027.\n\nThe Ministry should also fund it.\n", "d.md")
    document = json.loads(json.dumps(run_checks(draft, pack).as_dict()))["document"]
    assert [set(r) for r in document["recommendations"]] == [{"text", "section", "paragraph", "confidence"}] * 2
    first, second = document["recommendations"]
    assert (first["section"], first["paragraph"], second["paragraph"]) == ("Recommendations", "1", "#2")
    assert all(0.7 <= r["confidence"] <= 1 for r in document["recommendations"])


def test_asks_that_differ_only_in_their_figures_or_stand_outside_a_list_are_not_restatements():
    texts = found("## Article 6\n\nThe Ministry of Labour should train 50 inspectors by 2027.\n\n"
                  "## Recommendations\n\n- The Ministry of Labour should train 100 inspectors by 2027.\n")
    assert len(texts) == 2
    sections = "".join(f"## Topic {i}\n\nThe Ministry number {i} should adopt plan {i} by 2027.\n\n" for i in range(5))
    assert len(found(sections)) == 5


def test_a_statement_of_what_the_law_requires_and_a_request_about_the_document_are_not_asks():
    assert found("## Part 6\n\nAs an EU Member State, Romania must apply Directive 2011/36/EU.\n") == []
    assert found("## Part 12\n\nWe ask that any public report refer to her only as a woman in her twenties.\n") == []


def test_an_item_after_a_lead_in_with_no_verb_to_act_on_is_only_possible():
    draft = read_draft_bytes(b"## Part 7\n\nThe union asks the Committee to request information on the following measures.\n\n"
                             b"- The legal framework is broadly adequate on paper.\n- Amend the Act by 2027.\n", "d.md")
    assert [r.text for r in draft.recommendations] == ["Amend the Act by 2027."]
    assert [r.text for r in draft.possible_recommendations] == ["The legal framework is broadly adequate on paper."]


def test_a_paragraph_is_shown_from_its_first_ask_not_its_strongest():
    texts = found("## Conclusions\n\nThe Penal Code allows forced labour. The Government must repeal section 58 of the Penal Code. "
                  "The union asks the Committee of Experts to request the Government to report on the steps taken.\n")
    assert texts == ["The Government must repeal section 58 of the Penal Code. The union asks the Committee of Experts to request "
                     "the Government to report on the steps taken."]


def test_fresh_structures_imperatives_short_lead_ins_and_that_clauses():
    assert found("## Key recommendations\n\n- Inspect every vessel in port once a year.\n- Join our roundtable in March 2027.\n") == [
        "Inspect every vessel in port once a year.", "Join our roundtable in March 2027."]
    assert found("## Forced labour at sea\n\nRecommendations:\n\n- The Coast Guard should train its officers.\n") == [
        "The Coast Guard should train its officers."]
    draft = read_draft_bytes("## Recomendaciones\n\nLa Defensoría recomienda:\n\n1. Que el Congreso tipifique la servidumbre.\n\n"
                             "Es urgente que el Ministerio de Educación garantice la matrícula.\n".encode(), "d.md")
    assert [r.text for r in draft.recommendations] == ["Que el Congreso tipifique la servidumbre.",
                                                      "Es urgente que el Ministerio de Educación garantice la matrícula."]
    assert found("## Recommendations\n\nAccess to justice remains limited for victims.\n") == []


def test_the_last_item_of_a_recommendations_list_is_no_closing_restatement_of_a_summary_ask():
    """An export's one recommendation, last in the document, shares a few words with the summary's ask: both stand."""
    text = ("# Summary\n\nWe ask the Federal Ministry of Labour to fund referral for exploited workers.\n\n"
            "# Recommendations\n\n1. The Federal Ministry of Labour should adopt a rule that inspectors refer every exploited worker.\n")
    assert found(text) == ["We ask the Federal Ministry of Labour to fund referral for exploited workers.",
                           "The Federal Ministry of Labour should adopt a rule that inspectors refer every exploited worker."]
