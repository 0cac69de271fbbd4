"""User text shown as text: never as Markdown, HTML, an image to fetch or a link to follow.

Streamlit renders most strings it is given as Markdown (titles, captions, alerts, ``st.write``), so a
project title such as ``![x](http://some.host/x.png)`` would make the browser fetch that address: an
IP leak for an NGO whose staff may be watched. Every string that comes from a user, a project file
or a document passes through ``plain`` before it reaches such an element.

Escaping is not quite enough: after parsing, Streamlit rewrites the text itself, turning
``:material/home:`` into an icon, ``:smile:`` into an emoji, `` -- ``, `` -> ``, `` <= `` and the
like into typographic symbols, and bare addresses (``http://...``, ``www...``, ``a@b.org``) into
links. A backslash cannot stop that, because the text it sees is already unescaped; an invisible
word joiner (U+2060) placed inside each such pattern does, and the text still reads exactly as
typed. (tests/test_e2e_user_text.py checks both in Chromium.)
"""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the characters that
# start Markdown, HTML, links, images, maths ($), Streamlit's :colour[...] and :material/icon: syntax.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:=^&])")
WORD_JOINER = "\u2060"
# Where Streamlit's own rewriting starts: a colon before a name (icons, emoji), the first character
# of --, ->, <-, <->, >=, <= and ~=, and what makes a bare address a link (http://, www., an e-mail's @).
_REWRITTEN = re.compile(r":(?=[\w+-]|//)|[-<>~](?=[->=])|(?i:www)(?=\.)|@")


def plain(text: object) -> str:
    """``text`` escaped so that a Markdown element shows it character for character."""
    return _SPECIAL.sub(r"\\\1", _REWRITTEN.sub(lambda found: found.group() + WORD_JOINER, str(text)))
