"""User text shown as text: never as Markdown, HTML, an image to fetch or a link to follow.

Streamlit renders most strings it is given as Markdown (titles, captions, alerts, ``st.write``), so a
project title such as ``![x](http://some.host/x.png)`` would make the browser fetch that address: an
IP leak for an NGO whose staff may be watched. Every string that comes from a user, a project file
or a document passes through ``plain`` before it reaches such an element.
"""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the characters that
# start Markdown, HTML, links, images, maths ($), Streamlit's :colour[...] and :material/icon: syntax.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:=^&])")


def plain(text: object) -> str:
    """``text`` escaped so that a Markdown element shows it character for character."""
    return _SPECIAL.sub(r"\\\1", str(text))
