"""The coalition merge review in the app (AppTest): what a file adds or repeats is shown before
anything is merged, a second merge is not offered, and a refused file gets one sentence."""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from shadowreport.project.coalition import contribution_from
from shadowreport.project.exchange import Contribution, dump
from shadowreport.project.model import EvidenceItem, Member
from shadowreport.store import Store

from .factories import coalition_project


def review_page(data: bytes) -> None:
    from shadowreport.project.exchange import parse_any
    from shadowreport.ui import coalition_review, state

    state.current()
    state.show_messages()
    coalition_review.render(parse_any(data, "contribution.yml")[1])


def open_review(project_id: str, contribution: Contribution) -> AppTest:
    app = AppTest.from_function(review_page, args=(dump("contribution", contribution).encode(),), default_timeout=60)
    app.query_params["project"] = project_id
    return app.run()


def stored_joint():
    store = Store(Path(os.environ["SHADOWREPORT_STORE"]))
    return store, store.create(coalition_project()).project


def expander_labels(app: AppTest) -> list[str]:
    return [e.label for e in app.expander]


def test_review_then_merge_then_nothing_left_to_merge():
    store, joint = stored_joint()
    contribution = contribution_from(joint, "org-casa").model_copy(update={"evidence": [
        EvidenceItem(id="ev-new", kind="statistic", claim="![x](http://tracker.example/x.png) 30 workers were fined."),
        EvidenceItem(id="ev-again", kind="statistic", claim=joint.evidence[1].claim),  # already in the report
    ]})
    app = open_review(joint.id, contribution)
    assert not app.exception
    assert expander_labels(app) == ["Adds (1)", "Already in the report: not added again (1)"]
    shown = " ".join(m.value for m in app.markdown)
    assert "\\!\\[x\\]\\(http" in shown  # the member's text is shown as text, not fetched as an image
    assert "already said by Strada Aperta" in shown
    assert len(store.load(joint.id).project.evidence) == 3  # nothing merged by looking

    app.button(key="merge_contribution").click().run()
    assert not app.exception
    assert any("1 added" in s.value and "1 already in the report" in s.value for s in app.success)
    assert len(store.load(joint.id).project.evidence) == 4
    assert any("would change nothing" in i.value for i in app.info) and not app.button  # a second merge is not offered


def test_a_contribution_for_another_project_is_refused_in_one_sentence():
    store, joint = stored_joint()
    other = Contribution(member=Member(id="org-casa", name="Casa Nuova"), project_id="prj-other", project_title="Report to CEDAW")
    app = open_review(joint.id, other)
    assert not app.exception and not app.button
    assert len(app.error) == 1 and "written for another project" in app.error[0].value
    assert store.load(joint.id).version == 1
