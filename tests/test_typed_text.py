"""The typed-text watcher finds a box's field by the class Streamlit's front end gives the box's
container; that rule lives in Streamlit's bundled JavaScript, so the test reads it there: an upgrade
that changes it fails here, not silently in a browser. (tests/test_e2e_nothing_lost.py drives the
watcher itself in Chromium.)"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit

from shadowreport.ui.components import typed_text

FRONT_END = Path(streamlit.__file__).parent / "static" / "static" / "js"


def test_the_class_of_a_keyed_widget_follows_streamlits_front_end_rule():
    rule = re.compile(r"`st-key-`\+\w+\.trim\(\)\.replaceAll\(/\[\^a-zA-Z0-9_-\]/g,`-`\)")
    assert any(rule.search(path.read_text(encoding="utf-8", errors="replace")) for path in FRONT_END.glob("index.*.js"))
    assert typed_text.widget_class("w:prj-1a:section:evidence") == "st-key-w-prj-1a-section-evidence"
    assert typed_text.widget_class(" w:prj-1a:ev:ev 2:q:a.b ") == "st-key-w-prj-1a-ev-ev-2-q-a-b"


def test_the_script_ships_inside_the_package():
    script = Path(typed_text.__file__).with_name("typed_text.js").read_text(encoding="utf-8")
    assert "export default function" in script and "fetch(" not in script and "http" not in script
