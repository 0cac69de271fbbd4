"""text.plain, below the browser: what it does to the patterns Streamlit would otherwise rewrite.
(That Chromium then shows the text exactly as typed is tests/test_e2e_user_text.py's job.)"""

from __future__ import annotations

import pytest

from shadowreport.ui.text import WORD_JOINER, plain


@pytest.mark.parametrize("pattern", [":material/home:", ":smile:", "a -- b", "a -> b", "a <- b", "a <-> b", "a >= b", "a <= b",
                                     "a ~= b", "http://203.0.113.9/x", "www.example.org", "someone@example.org"])
def test_every_pattern_streamlit_rewrites_is_broken_by_an_invisible_joiner(pattern: str):
    escaped = plain(pattern)
    assert WORD_JOINER in escaped
    assert escaped.replace(WORD_JOINER, "").replace("\\", "") == pattern  # only escapes and joiners added


def test_markdown_and_html_are_escaped_and_ordinary_text_is_left_alone():
    assert plain("![x](http://h/x.png) <img src=y>") == "\\!\\[x\\]\\(http\\:" + WORD_JOINER + "//h/x\\.png\\) \\<img src\\=y\\>"
    assert plain("Strada Aperta 2025") == "Strada Aperta 2025"
