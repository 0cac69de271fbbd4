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
