"""The heading block of an exported document, from the mechanism's scaffolding template.

User values are printed as written: every value a template outputs is fenced with private-use
marks, and only the template's own text is read as markup. A ``#`` or ``**`` a user typed stays
text, and a ``{{`` is never evaluated (the values never become template source).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from jinja2 import FileSystemLoader, StrictUndefined, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment

from ..draft import Draft
from ..i18n import Translator, translator
from ..paths import builtin_dir
from ..records import Member
from ..rules.models import Kind, Mechanism

OPEN, CLOSE = "\ue000", "\ue001"
BlockStyle = Literal["title", "subtitle", "line", "bullet"]
# Runs of spaces and line breaks, but not the no-break spaces French puts in numbers (2 815) and before ':'.
_SPACES = re.compile(r"(?:(?![\u00a0\u202f])\s)+")


@dataclass(frozen=True)
class CoverBlock:
    style: BlockStyle
    label: str | None  # bold lead-in, e.g. "Submitted by:"
    text: str


def _fence(value: object) -> str:
    if value is None:
        return ""
    text = _SPACES.sub(" ", str(value)).strip()  # one line: a cover field never breaks the layout
    return f"{OPEN}{text}{CLOSE}"


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(loader=FileSystemLoader(str(builtin_dir("templates") / "export")), undefined=StrictUndefined,
                                autoescape=False, finalize=_fence, trim_blocks=False, keep_trailing_newline=False)


def cover_blocks(draft: Draft, mechanism: Mechanism, kind: Kind, words: int, limit: int | None, today: dt.date,
                 language: str = "en") -> list[CoverBlock]:
    """The heading block for ``draft``: who submits, to which body, about which State, with the word count.

    In a language other than English, ``templates/export/<language>/`` holds the templates (the
    English one is used where a language has none), and dates and numbers are written its way."""
    environment = _environment()
    t = translator(language)
    template = None
    short_kind = (draft.kind or "").rpartition("/")[2]
    names = (f"{mechanism.id}.{short_kind}.j2", f"{mechanism.id}.j2", "default.j2")
    folders = ([f"{t.language}/"] if t.language != "en" else []) + [""]
    for name in [folder + name for folder in folders for name in names]:
        try:
            template = environment.get_template(name)
            break
        except TemplateNotFound:
            continue
    coordinator = next((m for m in draft.members if m.role == "coordinator"), draft.members[0] if draft.members else None)
    conventions = next((s.paragraphs[0].text for s in draft.sections if s.id == "conventions" and s.paragraphs), "")
    rendered = template.render(
        draft=draft, mechanism=mechanism, kind=kind, words=words, limit=limit, today=t.date(today), number=t.number,
        members=[m.name for m in draft.members], coordinator=coordinator, contact=coordinator.contact if coordinator else "",
        conventions=conventions, sign_off=lambda member: _sign_off(member, t),
    )
    return [block for line in rendered.splitlines() if (block := _parse(line)) is not None]


def _sign_off(member: Member, t: Translator) -> str:
    if member.sign_off == "approved":
        if member.signed_on:
            return t.gettext("signed off on {date}").format(date=t.date(member.signed_on))
        return t.gettext("signed off")
    if member.sign_off == "declined":
        return t.gettext("declined to sign")
    return t.gettext("sign-off pending")


def _parse(line: str) -> CoverBlock | None:
    if not line.strip():
        return None
    markup = _outside_fences(line)
    style: BlockStyle = "line"
    if markup.startswith("# "):
        style, line = "title", _drop_prefix(line, 2)
    elif markup.startswith("## "):
        style, line = "subtitle", _drop_prefix(line, 3)
    elif markup.startswith("- "):
        style, line = "bullet", _drop_prefix(line, 2)
    label = None
    match = re.match(r"^\*\*([^\ue000\ue001*]+)\*\*\s*", line)
    if match:
        label, line = match.group(1).strip(), line[match.end():]
    text = line.replace(OPEN, "").replace(CLOSE, "").strip()
    return CoverBlock(style, label, text)


def _outside_fences(line: str) -> str:
    """The line with user values blanked, so only the template's own text is read as markup."""
    return re.sub(f"{OPEN}[^{CLOSE}]*{CLOSE}", lambda m: "x" * len(m.group(0)), line)


def _drop_prefix(line: str, length: int) -> str:
    return line[length:]
