"""The app when something fails: one plain sentence on screen, never a traceback, the exception's
message (it can quote case text) kept out of the browser and the console, and the project untouched."""

from __future__ import annotations

import errno
import io
import logging
import os
import tempfile
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from shadowreport import cli
from shadowreport.store import Store
from shadowreport.ui import errors

from .factories import upr_project

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SECRET = "Maria Popescu, 16, passport AB1234567"


def everything_shown(app: AppTest) -> str:
    """The text of every element on the page, as the browser would receive it."""
    return "\n".join(str(node.proto) for node in app.main) + "\n".join(str(node.proto) for node in app.sidebar)


def export_page(project_id: str) -> AppTest:
    def run_page() -> None:
        from shadowreport.ui import export_page, pages, state

        pages.build()
        state.current()
        export_page.render_for_project()

    app = AppTest.from_function(run_page, default_timeout=60)
    app.query_params["project"] = project_id
    return app.run()


def test_export_onto_a_full_disk_in_the_app(tmp_path: Path, monkeypatch):
    systemp = tmp_path / "systemp"
    systemp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(systemp))
    store = Store(Path(os.environ["SHADOWREPORT_STORE"]))
    stored = store.create(upr_project(title="Labour trafficking in Italy"))

    def fill_then_fail(draft, cover, properties, target):
        Path(target).write_bytes(b"PK\x03\x04 half a document")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("shadowreport.export.write_docx", fill_then_fail)
    app = export_page(stored.project.id)
    app.button(key="export_go").click().run()
    assert not app.exception
    from shadowreport.ui.text import plain

    assert [e.value for e in app.error] == [plain(  # shown as text: the folder's name is the user's
        f"The .docx file could not be prepared in the temporary folder {systemp} (the disk is full); free some space there, "
        "then export again: your project is saved and unchanged.")]
    assert not app.get("download_button") or all("Download Labour" not in b.proto.label for b in app.get("download_button"))
    assert list(systemp.iterdir()) == []  # no half-written document left in the temporary folder
    again = store.load(stored.project.id)
    assert again.version == stored.version and again.project == stored.project


def test_an_unexpected_error_in_a_page_shows_our_sentence_only(monkeypatch, caplog):
    def broken_page() -> None:
        raise ValueError(f"could not parse {SECRET}")

    monkeypatch.setattr("shadowreport.ui.projects_page.render", broken_page)
    with caplog.at_level(logging.INFO):
        app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception  # Streamlit's own error box (with its traceback and search links) is never used
    assert [e.value for e in app.error] == [errors.MESSAGE]
    shown = everything_shown(app)
    assert "Maria" not in shown and "Traceback" not in shown and "ValueError" not in shown
    assert "ValueError at" in caplog.text and "broken_page" in caplog.text  # enough to find the bug
    assert "Maria" not in caplog.text and "AB1234567" not in caplog.text


def test_an_error_in_a_widget_callback_shows_no_details_and_logs_no_message():
    """Callbacks run before the page, outside our handler: Streamlit's box then shows only its generic text
    (client.showErrorDetails = "none") and its log line loses the message."""

    def page_with_a_broken_button() -> None:
        import streamlit as st

        from shadowreport.ui import errors

        st.set_option("client.showErrorDetails", "none")  # as .streamlit/config.toml and `shadowreport app` set it
        errors.withhold_messages_in_streamlit_logs()

        def save() -> None:
            raise ValueError("could not save Maria Popescu, 16, passport AB1234567")

        st.button("Save", key="save", on_click=save)

    from streamlit import config

    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    streamlit_logger = logging.getLogger("streamlit.error_util")
    streamlit_logger.addHandler(handler)
    rich = config.get_option("logger.enableRich")
    config.set_option("logger.enableRich", False)  # as .streamlit/config.toml and `shadowreport app` set it
    try:
        app = AppTest.from_function(page_with_a_broken_button, default_timeout=60).run()
        app.button(key="save").click().run()
    finally:
        streamlit_logger.removeHandler(handler)
        config.set_option("logger.enableRich", rich)
    shown = everything_shown(app)
    assert "Maria" not in shown and "Traceback" not in shown
    assert app.exception and all(not e.proto.stack_trace and "Maria" not in e.message for e in app.exception)
    assert "ValueError at" in log.getvalue() and "Maria" not in log.getvalue() and "Traceback" not in log.getvalue()


def test_the_app_is_started_with_no_error_details():
    with open(ROOT / ".streamlit" / "config.toml", "rb") as stream:
        settings = tomllib.load(stream)
    assert settings["client"]["showErrorDetails"] == "none"  # `false` now means "stacktrace": the traceback is still shown
    assert settings["logger"]["enableRich"] is False  # rich tracebacks print the message and the code
    defaults = dict(zip(cli.STREAMLIT_DEFAULTS[::2], cli.STREAMLIT_DEFAULTS[1::2]))
    assert defaults["--client.showErrorDetails"] == "none" and defaults["--logger.enableRich"] == "false"


@pytest.mark.parametrize("code, expected", [(errno.ENOSPC, "the disk is full"), (errno.EACCES, "writing there is not allowed")])
def test_write_failure_sentences(code: int, expected: str):
    from shadowreport.ui.export_page import write_failure

    sentence = write_failure(".md", OSError(code, "x"))
    assert expected in sentence and sentence.count(".") >= 1 and "\n" not in sentence and "Errno" not in sentence
