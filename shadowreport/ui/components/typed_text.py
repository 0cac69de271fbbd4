"""The typed-text watcher: the text of every keyed text box, sent as it is typed (typed_text.js says why).

``watch(on_typed)`` mounts it; ``typed()`` inside ``on_typed`` gives ``{widget key class: text}``,
and ``widget_class(key)`` is how a key appears there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import streamlit as st

KEY = "typed-text-watcher"
_NOT_IN_CLASS = re.compile(r"[^a-zA-Z0-9_-]")


@cache
def _component():
    script = Path(__file__).with_name("typed_text.js").read_text(encoding="utf-8")
    # Hidden, and mounted in the page itself rather than a shadow root, so it can hear the page's boxes.
    return st.components.v2.component("shadowreport.typed_text", js=script, css=f".st-key-{KEY} {{display: none;}}",
                                      isolate_styles=False)


def widget_class(key: str) -> str:
    """The class Streamlit gives a keyed widget's container (the same rule as its front end)."""
    return "st-key-" + _NOT_IN_CLASS.sub("-", key.strip())


def watch(on_typed: Callable[[], None]) -> None:
    _component()(key=KEY, on_typed_change=on_typed, height=0)


def typed() -> dict[str, str]:
    """In ``on_typed``: the latest text of each box typed in since the last report."""
    value = st.session_state.get(KEY)
    payload = getattr(value, "typed", None) if value is not None else None
    if not isinstance(payload, dict):
        return {}
    return {name: text for name, text in payload.items() if isinstance(name, str) and isinstance(text, str)}
