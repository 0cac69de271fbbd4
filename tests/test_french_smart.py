"""SMART analysis of French (and Spanish) recommendations, read through the languages' vocabulary files
(mechanisms/vocabulary/languages/): who must act, what they must do, by when, and whether anyone could
tell it was done. The sentences are written the way French and Spanish submissions write them."""

from __future__ import annotations

import datetime as dt

import pytest

from shadowreport.checks.timeframes import deadline_in
from shadowreport.recommendation_text import (
    action_category, addressee_in, assess_smart, find_timeframe, is_generic_addressee, joined_actions, looks_measurable, specific_verbs,
)
from shadowreport.records import Recommendation

# text, who must act (None: no one named), UPR Info category of its action, the timeframe's words, measurable
FRENCH = [
    ("Le ministère de l'Intérieur devrait adopter, d'ici le 31 décembre 2027, un protocole national d'identification des victimes.",
     "Le ministère de l'Intérieur", 5, "d'ici le 31 décembre 2027", True),
    ("Nous recommandons au ministère du Travail de recruter 150 inspecteurs du travail supplémentaires avant 2028.",
     "ministère du Travail", 5, "avant 2028", True),
    ("Les autorités devraient renforcer la protection des victimes.", "Les autorités", 4, None, False),
    ("L'État partie devrait poursuivre ses efforts de lutte contre la traite des êtres humains.", "L'État partie", 2, None, False),
    ("Le Gouvernement devrait envisager de ratifier le protocole relatif à la convention sur le travail forcé.", "Le Gouvernement", 3, None, False),
    ("Que l'État partie adopte une loi consacrant le principe de non-sanction dans un délai de six mois.",
     "l'État partie", 5, "dans un délai de six mois", True),
    ("Adopter un plan d'action national contre la traite au plus tard le 30 juin 2028.", None, 5, "au plus tard le 30 juin 2028", True),
    ("Nous demandons au Gouvernement d'améliorer la coordination entre les services de l'État.", "Gouvernement", 4, None, False),
    ("Le ministère des Solidarités devrait ouvrir, dans les six mois, 300 places d'hébergement réservées aux victimes.",
     "Le ministère des Solidarités", 5, "dans les six mois", True),
    ("Le Comité engage l'État partie à améliorer l'accès des victimes à l'indemnisation.", "l'État partie", 4, None, False),
    ("Nous recommandons que le ministère de la Santé finance, à partir de 2027, une consultation spécialisée dans chaque région.",
     "le ministère de la Santé", 5, "à partir de 2027", True),
    ("L'Office central pour la répression de la traite devrait mettre en place une cellule d'enquêtes financières d'ici à 2027.",
     "L'Office central pour la répression de la traite", 5, "d'ici à 2027", True),
    ("Le Parlement devrait abroger l'article 12 de la loi sur le racolage avant la fin de la session.", "Le Parlement", 5, "avant la fin", True),
    ("Les pouvoirs publics devraient sensibiliser le grand public à la traite.", "Les pouvoirs publics", 4, None, False),
    ("La direction générale du travail devrait former tous les inspecteurs à la détection du travail forcé à court terme.",
     "La direction générale du travail", 5, "à court terme", True),
    ("Le ministère de la Justice devrait publier chaque année le nombre de condamnations pour traite.",
     "Le ministère de la Justice", 5, "chaque année", True),
    ("Le préfet de police doit délivrer un titre de séjour aux victimes identifiées sans délai.", "Le préfet de police", 5, "sans délai", True),
    ("La Mission interministérielle devrait évaluer le plan national à l'horizon 2030.", "La Mission interministérielle", 3, "à l'horizon 2030", True),
    # imperatives, as a briefing addresses its reader, and other ways of asking
    ("Adoptez, d'ici juin 2027, un décret sur l'orientation des victimes.", None, 5, "d'ici juin 2027", True),
    ("Renforcez la coordination entre les services.", None, 4, None, False),
    ("Que le ministère de l'Intérieur délivre sans délai un titre de séjour aux victimes identifiées.", "le ministère de l'Intérieur", 5,
     "sans délai", True),
    ("Nous invitons le Gouvernement à ratifier le protocole avant 2028.", "le Gouvernement", 5, "avant 2028", True),
    ("Il est recommandé au ministère de la Justice de créer un fonds d'indemnisation avant 2028.", "ministère de la Justice", 5, "avant 2028",
     True),
    ("Le Comité prie instamment l'État partie de modifier sa loi à moyen terme.", "l'État partie", 5, "à moyen terme", True),
]
SPANISH = [
    ("Instamos a las autoridades a mejorar la protección de las víctimas.", "las autoridades", 4, None, False),
    ("Recomendamos que el Ministerio del Interior apruebe, antes de 2028, un protocolo de identificación.",
     "el Ministerio del Interior", 5, "antes de 2028", True),
    ("El Ministerio de Trabajo debe contratar 200 inspectores en un plazo de seis meses.", "El Ministerio de Trabajo", 5,
     "en un plazo de seis meses", True),
    ("El Estado debería seguir esforzándose por combatir la trata.", "El Estado", 2, None, False),
    ("La Fiscalía General debe crear una unidad especializada antes del 31 de diciembre de 2027.", "La Fiscalía General", 5,
     "antes del 31 de diciembre de 2027", True),
    ("El Gobierno debería fortalecer la coordinación a corto plazo.", "El Gobierno", 4, "a corto plazo", False),
]


@pytest.mark.parametrize(("text", "who", "category", "when", "measurable"), FRENCH + SPANISH, ids=[case[0][:48] for case in FRENCH + SPANISH])
def test_who_what_by_when_and_how_measured(pack, text, who, category, when, measurable):
    assert addressee_in(text) == who
    found = action_category(text, pack.action_categories)
    assert (found.category if found else None) == category
    assert find_timeframe(text) == when
    assert looks_measurable(text) is measurable


@pytest.mark.parametrize("who", ["le Gouvernement", "les autorités", "l'État partie", "Les pouvoirs publics", "las autoridades",
                                 "el Estado parte", "les autorités françaises"])
def test_actors_that_name_no_one_in_particular(pack, who):
    assert is_generic_addressee(who, pack.generic_addressees)


@pytest.mark.parametrize("who", ["le ministère de la Justice", "l'Inspection du travail", "la Fiscalía General", "le préfet de police"])
def test_actors_that_name_someone(pack, who):
    assert not is_generic_addressee(who, pack.generic_addressees)


@pytest.mark.parametrize(("text", "first", "second"), [
    ("Le ministère de la Justice doit modifier l'article 225-4-1 du Code pénal et créer un fonds d'indemnisation d'ici 2028.", "modifier", "créer"),
    ("Le ministère de l'Intérieur devrait adopter une circulaire ainsi que publier ses statistiques.", "adopter", "publier"),
    ("El Congreso debe tipificar el trabajo forzoso y crear un fondo para las víctimas.", "tipificar", "crear"),
])
def test_two_actions_in_one_recommendation(pack, text, first, second):
    assert joined_actions(text, pack.action_categories) == (first, second)


@pytest.mark.parametrize(("text", "day"), [
    ("d'ici le 1er juin 2027", dt.date(2027, 6, 1)),
    ("avant 2028", dt.date(2028, 12, 31)),
    ("au plus tard le 30 septembre 2027", dt.date(2027, 9, 30)),
    ("avant la fin de l'année 2026", dt.date(2026, 12, 31)),
    ("d'ici à mars 2028", dt.date(2028, 3, 31)),
    ("antes del 31 de diciembre de 2027", dt.date(2027, 12, 31)),
    ("a más tardar en junio de 2027", dt.date(2027, 6, 30)),
])
def test_the_last_day_a_french_or_spanish_deadline_allows(text, day):
    assert deadline_in(f"Le ministère devrait agir {text}.")[0] == day


def test_a_french_smart_assessment_speaks_french_and_suggests_french_verbs(pack):
    weak = Recommendation(text="Le Gouvernement devrait envisager de renforcer la lutte contre la traite.")
    smart = assess_smart(weak, pack.action_categories, pack.generic_addressees, "fr", messages="fr")
    assert [letter.ok for letter in smart.letters] == [False, False, True, False, False]
    assert smart["S"].name == "Spécifique" and "Le Gouvernement" in smart["S"].reason and "ministère" in smart["S"].reason
    assert smart["T"].name == "Temporellement défini" and "date" in smart["T"].reason
    considering = Recommendation(addressee="le ministère de l'Intérieur", verb="envisager", object="de ratifier le protocole")
    reason = assess_smart(considering, pack.action_categories, pack.generic_addressees, "fr", messages="fr")["S"].reason
    assert "envisager" in reason and "adopter" in reason and "adopt," not in reason
    in_english = assess_smart(considering, pack.action_categories, pack.generic_addressees, "fr")["S"]  # an English reader of a French project
    assert in_english.name == "Specific" and "use a specific verb such as adopter, modifier" in in_english.reason
    strong = Recommendation(text="Le ministère du Travail devrait recruter 150 inspecteurs d'ici le 31 décembre 2027.", evidence_ids=["e1"])
    assert assess_smart(strong, pack.action_categories, pack.generic_addressees, "fr").all_ok
    english = assess_smart(weak, pack.action_categories, pack.generic_addressees, "en")
    assert english["S"].name == "Specific" and english["S"].reason.startswith("addressee is")


def test_specific_verbs_in_the_readers_language(pack):
    assert specific_verbs(pack.action_categories, "fr")[:3] == ["adopter", "modifier", "créer"]
    assert specific_verbs(pack.action_categories, "es")[:3] == ["aprobar", "modificar", "crear"]
    assert specific_verbs(pack.action_categories, "en")[0] == "abolish"
    assert specific_verbs(pack.action_categories, "de") == specific_verbs(pack.action_categories, "en")  # no file: UPR Info's own


def test_the_checks_suggest_french_verbs_in_french(pack):
    from shadowreport.checks import CheckConfig, run_checks
    from shadowreport.importers import read_draft_bytes

    text = "## Recommandations\n\n- Le ministère de l'Intérieur devrait envisager une réforme d'ici 2028.\n"
    draft = read_draft_bytes(text.encode(), "note.md", pack, mechanism="upr", kind="stakeholder")
    report = run_checks(draft, pack, CheckConfig(today=dt.date(2026, 12, 1), language="fr"))
    found = next(f for f in report.findings if f.rule == "recommendations.action-category")
    assert "adopter, modifier, créer" in found.suggestion


@pytest.mark.parametrize("headings", [
    ["Présentation des organisations", "Suivi des recommandations antérieures du GRETA", "Vulnérabilités à la traite",
     "Usage des technologies de l'information et de la communication", "Recommandations"],
    ["Quiénes somos", "Seguimiento de las recomendaciones anteriores", "Vulnerabilidades a la trata", "Tecnología y trata en línea",
     "Recomendaciones"],
], ids=["fr", "es"])
def test_french_and_spanish_headings_are_the_kinds_sections(pack, headings):
    from shadowreport.checks import CheckConfig, run_checks
    from shadowreport.importers import read_draft_bytes

    body = "\n\n".join(f"## {heading}\n\nUn paragraphe.\n" for heading in headings)
    text = f"---\nmechanism: greta\nkind: ngo-report\ncycle: 4\n---\n\n# Rapport\n\n{body}"
    draft = read_draft_bytes(text.encode(), "rapport.md", pack)
    report = run_checks(draft, pack, CheckConfig(today=dt.date(2026, 12, 1)))
    assert [f.message for f in report.findings if f.rule == "structure.missing-section"] == []


def test_a_spanish_recommendation_is_composed_in_spanish_and_reads_back_as_smart(pack):
    from shadowreport.recommendation_text import compose
    from shadowreport.records import Timeframe

    recommendation = Recommendation(addressee="el Ministerio de Trabajo", verb="contratar", object="200 inspectores de trabajo",
                                    timeframe=Timeframe(by=dt.date(2027, 12, 31)), indicator="el número de inspecciones publicado cada año",
                                    evidence_ids=["e1"])
    sentence = compose(recommendation, "es")
    assert sentence == ("El Ministerio de Trabajo debería contratar 200 inspectores de trabajo antes del 31 de diciembre de 2027. "
                        "Los avances podrán medirse por el número de inspecciones publicado cada año.")
    assert find_timeframe(sentence) == "antes del 31 de diciembre de 2027" and addressee_in(sentence) == "El Ministerio de Trabajo"
    assert assess_smart(Recommendation(text=sentence, evidence_ids=["e1"]), pack.action_categories, pack.generic_addressees, "es").all_ok
    assert compose(Recommendation(), "es") == "[¿quién?] debería [¿hacer qué?]."
    assert compose(Recommendation(), "de") == "[who?] should [do what?]."  # no template for German: English


@pytest.mark.parametrize(("lead_in", "items", "who", "flagged"), [
    ("Nous recommandons au ministère de l'Intérieur de :",
     ["publier chaque année le nombre de victimes identifiées, par forme d'exploitation, d'ici le 31 mars 2028 ;",
      "envisager une réforme de l'accueil des victimes ;",
      "créer une cellule d'identification dans chaque préfecture avant 2028."],
     "ministère de l'Intérieur", {2}),
    ("Nous exhortons les autorités à :", ["adopter une loi sur l'indemnisation des victimes avant 2028 ;", "renforcer la coopération."],
     "les autorités", {1, 2}),
    ("El Comité recomienda al Estado parte que:", ["apruebe una ley integral contra la trata antes de 2028;",
                                                   "siga esforzándose por proteger a las víctimas."],
     "Estado parte", {1, 2}),
], ids=["recommande-de", "exhortons-a", "recomienda-que"])
def test_a_lead_in_and_its_list_of_asks(pack, lead_in, items, who, flagged):
    """'Nous recommandons au ministère de l'Intérieur de :' then infinitives: each item is asked of the ministry;
    a vague or generic one is flagged, a specific one with a date is not."""
    from shadowreport.checks import CheckConfig, run_checks
    from shadowreport.importers import read_draft_bytes

    body = "\n".join(f"- {item}" for item in items)
    text = f"---\nmechanism: upr\nkind: stakeholder\n---\n\n# Contribution\n\n## Recommandations\n\n{lead_in}\n\n{body}\n"
    draft = read_draft_bytes(text.encode(), "contribution.md", pack)
    assert [r.addressee for r in draft.recommendations] == [who] * len(items)
    report = run_checks(draft, pack, CheckConfig(today=dt.date(2026, 12, 1), language="fr"))
    weak = {f.location.recommendation for f in report.findings
            if f.rule in ("recommendations.actor", "recommendations.timeframe", "recommendations.action-category")}
    assert weak == flagged
