"""The Rules page, driven by Streamlit's AppTest (no browser)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

def rules_page() -> None:
    from shadowreport.ui import rules_page

    rules_page.render()


def open_app() -> AppTest:
    app = AppTest.from_function(rules_page, default_timeout=30).run()
    assert not app.exception
    return app


def test_rules_page_shows_each_value_with_its_source_and_confidence():
    app = open_app()
    app.selectbox(key="rules_mechanism").select("upr").run()
    app.radio(key="rules_kind").set_value("stakeholder").run()
    texts = [m.value for m in app.markdown]
    assert any("Words limit (joint):** 5630" in t and "reported" in t for t in texts)
    captions = [c.value for c in app.caption]
    assert any("Source:" in c and "UPR Info" in c for c in captions)
    assert any("recalled" in w.value for w in app.warning)


def test_rules_page_names_a_broken_user_rules_file(tmp_path: Path, monkeypatch):
    (tmp_path / "upr.yml").write_text("id: upr\nkinds: {stakeholder: {limitz: 1}}\n", encoding="utf-8")
    monkeypatch.setenv("SHADOWREPORT_RULES_DIR", str(tmp_path))
    app = AppTest.from_function(rules_page, default_timeout=30).run()
    assert not app.exception
    assert app.error and "could not be loaded" in app.error[0].value
    assert any("upr.yml:2: kinds.stakeholder.limitz: unknown key" in block.value for block in app.code)


def test_every_figure_can_be_filtered_to_the_recalled_and_stale_ones():
    app = open_app()
    rows = app.dataframe[0].value
    assert len(rows) and set(rows["Confidence"]) <= {"recalled", "verified", "reported"}  # needs checking: no 2012 history
    app.radio(key="rules_audit_filter").set_value("recalled").run()
    recalled = app.dataframe[0].value
    assert len(recalled) and set(recalled["Confidence"]) == {"recalled"}
    app.radio(key="rules_audit_filter").set_value("all").run()
    assert len(app.dataframe[0].value) > len(recalled)


def test_a_confidential_kind_says_so():
    app = open_app()
    app.selectbox(key="rules_mechanism").select("greta").run()
    assert any("kept confidential by the mechanism unless you ask for it to be published" in m.value for m in app.markdown)


def test_a_kind_without_a_known_channel_says_where_to_look():
    app = open_app()
    app.selectbox(key="rules_mechanism").select("cmw").run()
    app.radio(key="rules_kind").set_value("session").run()
    texts = [m.value for m in app.markdown]
    assert "**Channel:** not known: check the session's information note" in texts
    assert not any("cmw@ohchr.org" in t for t in texts + [c.value for c in app.caption])
