"""Small builders for realistic projects used across tests."""

from __future__ import annotations

import datetime as dt

from shadowreport.project.model import (
    Citation, Consent, EvidenceItem, Member, PriorRecommendation, Project, Recommendation, SectionText, Timeframe,
)

TODAY = dt.date(2026, 11, 23)  # the "today" of every dated test: deadlines and timeframes are judged from it


def upr_project(**changes) -> Project:
    project = Project(
        id="prj-upr-test",
        title="Trafficking for labour exploitation: submission for the UPR of Italy",
        mechanism="upr",
        kind="stakeholder",
        state="Italy",
        cycle="4th cycle",
        session_date=dt.date(2027, 1, 25),
        members=[Member(id="org-road", name="Strada Aperta", contact="advocacy@example.org")],
        sections=[
            SectionText(id="submitters", title="Submitting organisation", text="Strada Aperta runs outreach units in three regions."),
            SectionText(id="evidence", title="Evidence of the problem",
                        text="Most persons we assisted were recruited by people they trusted [^ev-recruit].\n\n"
                             "- Outreach reached 212 workers in 2024 [^ev-outreach].\n- Half were referred by the police."),
            SectionText(id="recommendations", title="Recommendations", text="We recommend:"),
        ],
        evidence=[
            EvidenceItem(id="ev-recruit", kind="statistic", claim="89% were recruited by nationals or people they trusted.",
                         source=Citation(citation="ENPATES case-study review, 2012", date=dt.date(2012, 11, 30))),
            EvidenceItem(id="ev-outreach", kind="statistic", claim="212 workers reached by outreach in 2024.",
                         source=Citation(citation="Strada Aperta, activity report 2024", url="https://example.org/report-2024")),
            EvidenceItem(id="ev-case", kind="case", claim="A.B. was not referred to assistance after a labour inspection.",
                         consent=Consent(form="written", scope="anonymised use in the UPR submission", given_on=dt.date(2025, 3, 2))),
        ],
        recommendations=[
            Recommendation(id="rec-nrm", addressee="the Ministry of Labour", verb="adopt",
                           object="a national referral mechanism that covers labour exploitation",
                           timeframe=Timeframe(by=dt.date(2027, 12, 31)), indicator="the number of persons referred each year",
                           evidence_ids=["ev-recruit"], follows_up=[PriorRecommendation(symbol="A/HRC/43/4", paragraph="148.101")]),
        ],
    )
    return Project.model_validate({**project.model_dump(), **changes}) if changes else project


def coalition_project() -> Project:
    return upr_project(**{
        "id": "prj-joint-test",
        "members": [
            Member(id="org-road", name="Strada Aperta", role="coordinator"),
            Member(id="org-casa", name="Casa Nuova", role="member"),
            Member(id="org-union", name="Agricultural Workers' Union", role="endorser", sign_off="approved", signed_on=dt.date(2026, 9, 1)),
        ],
    })
