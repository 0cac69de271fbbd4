"""The typed-text watcher: the text of every keyed text box, sent as it is typed (typed_text.js says why).

``watch(on_typed, acknowledged)`` mounts it; ``typed()`` inside ``on_typed`` gives what was sent:
``{widget key class: text}``, its sequence number, and whether it is text kept in the browser from
before a reload (to be shown in its box again). ``widget_class(key)`` is how a key appears there.
``acknowledged`` (``{widget key class: sequence number}``) tells the browser which kept texts the
server has received, so it stops keeping them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
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


def watch(on_typed: Callable[[], None], acknowledged: dict[str, int]) -> None:
    _component()(key=KEY, data={"acknowledged": acknowledged}, on_typed_change=on_typed, height=0)


@dataclass(frozen=True)
class Typed:
    texts: dict[str, str] = field(default_factory=dict)  # widget key class -> the box's latest text
    seq: int | None = None  # acknowledge with it
    restore: bool = False  # kept in the browser from before a reload: show it in the box again


def typed() -> Typed:
    """In ``on_typed``: the latest text of each box typed in since the last report."""
    value = st.session_state.get(KEY)
    payload = getattr(value, "typed", None) if value is not None else None
    if not isinstance(payload, dict) or not isinstance(payload.get("texts"), dict):
        return Typed()
    texts = {name: text for name, text in payload["texts"].items() if isinstance(name, str) and isinstance(text, str)}
    seq = payload.get("seq")
    return Typed(texts, seq if isinstance(seq, int) and not isinstance(seq, bool) else None, payload.get("restore") is True)
