"""Read any draft into the one Draft the checks read: a project file, .docx, .md or .txt.

Every failure is a DraftImportError with one sentence naming the file: empty, too large, the
wrong kind of file, damaged, hostile, or not UTF-8. Nothing here touches the network.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..draft import Draft
from ..inputfile import NotRegularFile, regular_file_stat
from ..rules.rounds import round_named
from .blocks import build_all
from .errors import DraftImportError
from .markdown import read_markdown
from .plaintext import read_text

MAX_DOCX_BYTES = 30 * 1024 * 1024
MAX_TEXT_BYTES = 10 * 1024 * 1024
PROJECT_SUFFIXES = (".yml", ".yaml", ".json")

__all__ = ["DraftImportError", "read_draft", "read_draft_bytes"]


def read_draft(path: Path, pack=None, **declared) -> Draft:
    """A draft from a file on disk. ``declared`` (mechanism, kind, joint, deadline, language, round) wins
    over what the file itself says."""
    path = Path(path)
    name = str(path)
    try:
        size = regular_file_stat(path, "a .docx, .md, .txt or project file").st_size
        limit = MAX_DOCX_BYTES if path.suffix.lower() == ".docx" else MAX_TEXT_BYTES
        if size > limit:
            raise DraftImportError(f"{name}: the file is {size // (1024 * 1024)} MB; drafts larger than {limit // (1024 * 1024)} MB are refused.")
        data = path.read_bytes()
    except NotRegularFile as error:
        raise DraftImportError(str(error)) from None
    except OSError as error:
        raise DraftImportError(f"{name}: cannot be read ({error.strerror or error}).") from None
    return read_draft_bytes(data, name, pack=pack, **declared)


# The first bytes of the picture formats a scanned page or a photographed document arrives in.
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")


def read_draft_bytes(data: bytes, name: str, pack=None, **declared) -> Draft:
    suffix = Path(name).suffix.lower()
    if not data:
        raise DraftImportError(f"{name}: the file is empty.")
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        raise DraftImportError(f"{name}: PDF files cannot be checked; check the Word (.docx) or text version instead.")
    bitmap = data[:2] == b"BM" and data[6:10] == b"\x00\x00\x00\x00"  # not a text that opens with "BM"
    if data.startswith(IMAGE_SIGNATURES) or data[8:12] == b"WEBP" or bitmap:
        raise DraftImportError(f"{name}: this is a picture (a scan or a photo), whose text cannot be read; check the Word (.docx) "
                               "or text version instead, or type the text into one.")
    if suffix in PROJECT_SUFFIXES:
        return _project_draft(data, name, pack, declared)
    if suffix == ".docx" or data.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        if len(data) > MAX_DOCX_BYTES:
            raise DraftImportError(f"{name}: the file is larger than {MAX_DOCX_BYTES // (1024 * 1024)} MB.")
        from .docx import read_docx  # lxml loads only for Word files: a Markdown lint starts faster

        metadata, blocks, notes = read_docx(data, name)
        source_format = "docx"
    else:
        if len(data) > MAX_TEXT_BYTES:
            raise DraftImportError(f"{name}: the file is larger than {MAX_TEXT_BYTES // (1024 * 1024)} MB.")
        text = _decode(data, name)
        if suffix in (".md", ".markdown"):
            metadata, blocks, notes = read_markdown(text, name)
            source_format = "md"
        else:
            metadata, blocks, notes = {}, read_text(text), []
            source_format = "txt"
    sections, recommendations, possible, tables = build_all(blocks)
    _give_section_ids(sections, metadata.pop("sections", None) or [])
    cover = metadata.pop("cover", [])
    layout = metadata.pop("layout", None)
    word = metadata.pop("word", None)
    settings = {**metadata, **{k: v for k, v in declared.items() if v is not None}}
    return Draft(
        source=name,
        title=str(settings.get("title") or (sections[0].title if sections else "")),
        cover=cover,
        mechanism=_text(settings.get("mechanism"), name, "mechanism"),
        kind=_kind(settings, name),
        joint=_joint(settings.get("joint"), name),
        language=_language(settings.get("language")),
        deadline=_date(settings.get("deadline"), name, "deadline"),
        deadline_official=settings.get("deadline") is not None,
        deadline_source=("the command line" if declared.get("deadline") is not None else "the file's front matter") if settings.get("deadline") is not None else None,
        session_date=_date(settings.get("session_date"), name, "session_date"),
        cycle=_text(str(settings["cycle"]) if isinstance(settings.get("cycle"), int) else settings.get("cycle"), name, "cycle"),
        round=_round(settings.get("round"), name),
        sections=sections, notes=notes, recommendations=recommendations, possible_recommendations=possible, tables=tables,
        metadata={"format": source_format},
        layout=layout,
        word=word,
    )


def _give_section_ids(sections: list, named: list[tuple[str, str]]) -> None:
    """Each heading our export named by its section id gets that id back: a heading still worded as exported
    (moved or not), each id once. A heading reworded in Word is matched by its words later, like any other."""
    unused = list(named)
    for section in sections:
        pair = next((pair for pair in unused if pair[1].strip() == section.title.strip()), None)
        if pair is not None and section.id is None:
            section.id = pair[0]
            unused.remove(pair)


def _project_draft(data: bytes, name: str, pack, declared: dict) -> Draft:
    from ..project.exchange import ExchangeError, parse_any
    from .project import project_to_draft

    if pack is None:
        from ..rules import load_rules

        pack = load_rules()
    try:
        file_type, project = parse_any(data, name, pack=pack)
    except ExchangeError as error:
        raise DraftImportError(str(error.problems[0]) + ("" if len(error.problems) == 1 else f" (and {len(error.problems) - 1} more problems)")) from None
    if file_type != "project":
        raise DraftImportError(f"{name}: this is a coalition contribution, not a project; merge it into the joint project first.")
    overrides = {k: v for k, v in declared.items() if v is not None and k in ("deadline",)}
    if overrides.get("deadline"):
        from ..project.model import DeadlineOverride

        project = project.model_copy(update={"deadline_override": DeadlineOverride(date=_date(overrides["deadline"], name, "deadline"), source="given on the command line")})
    draft = project_to_draft(project, pack, today=declared.get("today"))
    if declared.get("joint") is not None:
        draft = draft.model_copy(update={"joint": bool(declared["joint"])})
    if declared.get("round") is not None:
        draft = draft.model_copy(update={"round": _round(declared["round"], name)})
    return draft


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DraftImportError(f"{name}:{line}: the file is not UTF-8 text; save it as UTF-8 (or check the .docx instead).") from None
    if "\x00" in text:
        raise DraftImportError(f"{name}: the file holds binary data, not text.")
    return text


def _text(value, name: str, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise DraftImportError(f"{name}: '{key}' in the front matter must be text, e.g. {key}: upr.")
    return value.strip() or None


def _kind(settings: dict, name: str) -> str | None:
    kind = _text(settings.get("kind"), name, "kind")
    mechanism = _text(settings.get("mechanism"), name, "mechanism")
    if kind and "/" not in kind and mechanism:
        return f"{mechanism}/{kind}"
    return kind


def _joint(value, name: str) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raise DraftImportError(f"{name}: 'joint' in the front matter must be true or false.")


def _round(value, name: str) -> int | None:
    """An evaluation round: a number, or a label such as "3rd round" or "3e cycle"."""
    if value is None or value == "":
        return None
    number = value if isinstance(value, int) and not isinstance(value, bool) else round_named(str(value))
    if number is None or number < 1:
        raise DraftImportError(f"{name}: 'round' must be an evaluation round, e.g. 3 or \"3rd round\" (got '{str(value)[:40]}').")
    return number


def _language(value) -> str | None:
    return value.strip().lower()[:2] if isinstance(value, str) and value.strip() else None


def _date(value, name: str, key: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise DraftImportError(f"{name}: '{key}' must be a real date written YYYY-MM-DD (got '{value}').") from None
