"""The privacy scanner finds identity-document numbers, phones and addresses, without false alarms on references."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from shadowreport.export import ExportRefused, export_project
from shadowreport.privacy import scan
from shadowreport.project.model import SectionText
from shadowreport.rules import load_rules

from .factories import upr_project

FOUND = {
    "id-number": [
        "Her passport number is 123456789.", "Passport No. AB1234567 was confiscated.", "passport AB 123456",
        "Son passeport n° 12AB34567 a été confisqué.", "Su pasaporte número PAB123456 fue retenido.", "pasaporte nº X1234567",
        "DNI 12345678Z", "NIE X-1234567-L", "NIN: 12345678901", "NIN AB123456C", "ID: 7501015800088", "ID no. 1234567",
        "carte d'identité n° 123456789012", "numéro de carte d'identité 1234 5678 9012", "CNP 2850312123456",
        "identity card number 123456789", "Personalausweis L01X00T47", "Reisepass C01X00T47", "residence permit IT1234567",
        "NHS number 943 476 5919", "SSN 123-45-6789", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    ],
    "phone": ["She can be reached on 0721 234 567.", "Call her at 0721234567.", "tel +40 721 234 567", "Her mobile: 555-0142-88"],
    "street-address": [
        "She lives at 12 rue de la Paix, Paris.", "He stayed at Calle Mayor 5, Madrid.", "She lived at Str. Mihai Eminescu nr. 10, Iasi.",
        "Strada Lipscani nr. 5", "Flat 3, 12 High St, London", "Avenida da Liberdade, 110", "He lived at 221B Baker Street.",
        "she lived at 14 rue du Faubourg Saint-Denis", "45 Baker St. in the centre",
    ],
}

NOT_PERSONAL = [
    "See A/HRC/47/7, paragraph 12.", "Article 12 of Directive 2011/36/EU.", "ISBN 978-92-1-133815-0", "ISBN 978-3-16-148410-0",
    "In 2024, 1234 persons were identified.", "The 47th session (2021) adopted 1234567 measures.", "CEDAW/C/ITA/CO/8 paragraph 30",
    "On 12 March 2025 the law was adopted.", "The law No. 2003/228 of 11 August 2003.", "Law 47/2015 art. 12",
    "ID cards were issued to 12345 persons in 2024.", "The number of passports issued rose to 1,234,567 in 2023.",
    "The passports of 12345 workers were confiscated.", "Passport checks rose by 12 per cent in 2024.",
    "Session 58, 2025-02-24 to 2025-04-04.", "E/CN.4/2006/62/Add.2", "Recommendation 148.101 was supported.",
    "CRC/C/OPSC/ITA/CO/1 of 2019", "Decree 2024-1234 of 12 December 2024", "Case C-123/19", "ECLI:EU:C:2019:123",
    "Application no. 21884/15 (Chowdury and Others v. Greece)", "In 2023 the helpline received 1 234 567 calls.",
    "doi:10.1080/12345678.2019.1234567", "GRETA(2023)12, paragraph 145",
]


@pytest.mark.parametrize("kind,text", [(kind, text) for kind, texts in FOUND.items() for text in texts])
def test_personal_data_is_found(kind: str, text: str):
    assert kind in {hit.kind for hit in scan(text)}


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_references_and_figures_are_not_personal_data(text: str):
    assert scan(text) == []


@pytest.mark.timeout(15)
@pytest.mark.parametrize("hostile", ["ID " * 30000 + "1", "passport " + "1-" * 30000, "A<" * 50000, "12 rue " * 20000,
                                     "Str. " + "Ab " * 30000 + "nr. 1", "passport no. " * 20000])
def test_hostile_text_is_scanned_quickly(hostile: str):
    scan(hostile)


NAME, PASSPORT, PHONE, STREET = "Zyxwvut Qorlandi", "12AB34567", "0721 234 567", "12 rue de la Paix"


def test_the_markdown_export_stops_on_a_passport_number_a_phone_and_an_address(tmp_path: Path):
    text = (f"Her passeport n° {PASSPORT} was kept by the employer.\n\n"
            f"She can still be reached by the recruiters on {PHONE}.\n\nThe woman lives at {STREET} with the employer.")
    project = upr_project(sections=[SectionText(id="evidence", title="Evidence", text=text)])
    target = tmp_path / "out.md"
    with pytest.raises(ExportRefused) as refused:
        export_project(project, load_rules(), target, today=dt.date(2026, 11, 23))
    assert not target.exists()
    messages = [f.message for f in refused.value.findings]
    assert len(messages) == 3 and all("a sentence about a person" in m or "passport" in m for m in messages), messages
    shown = json.dumps([f.__dict__ if hasattr(f, "__dict__") else repr(f) for f in refused.value.findings], default=str) + str(refused.value)
    assert all(secret not in shown for secret in (PASSPORT, PHONE, STREET, "rue de la Paix"))  # findings point, never quote
