"""Brings one keyed element of the page into view: the Draft section a link from the Check page opened.

Streamlit has no way to scroll to an element, and a page switch cannot carry a #fragment; this tiny
component (no network) finds the element by the class Streamlit gives a keyed container and scrolls
it to the top once, moving focus to its first text box so a keyboard user lands there too.
"""

from __future__ import annotations

from functools import cache

import streamlit as st

from .typed_text import widget_class

_SCRIPT = """
export default function ({ data }) {
  const find = () => document.querySelector("." + data.target);
  const target = find();
  if (!target) return;
  target.scrollIntoView({ block: "start" });
  // Streamlit may draw the box again a moment later (when its value arrives), which drops the focus:
  // for a second, give it back, unless the user has moved on to something else.
  const focusBox = () => {
    const box = find()?.querySelector("textarea, input");
    if (box && document.activeElement !== box) box.focus({ preventScroll: true });
  };
  focusBox();
  let checks = 0;
  const again = setInterval(() => {
    const active = document.activeElement;
    const elsewhere = active && active !== document.body && !find()?.contains(active);
    if (++checks > 10 || elsewhere) clearInterval(again);
    else focusBox();
  }, 100);
}
"""


@cache
def _component():
    return st.components.v2.component("shadowreport.scroll_to", js=_SCRIPT, css=".st-key-scroll-to {display: none;}", isolate_styles=False)


def scroll_to(key: str) -> None:
    """Scroll the container keyed ``key`` into view (once per call; call it on the run that should scroll)."""
    _component()(key="scroll-to", data={"target": widget_class(key)}, height=0)
