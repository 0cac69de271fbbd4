"""One-file exchange: a project or a coalition member's contribution as a readable YAML file.

Files travel by e-mail between partners, so reading one is treated like reading anything from
outside: size-checked before it is read, parsed safely (see yamlfile), validated field by field,
and every problem reported as ``file:line: field.path: what is wrong``. Writing is atomic: the file
appears complete or not at all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from ..inputfile import NotRegularFile, regular_file_stat
from ..problems import Problem, from_validation_error, from_yaml_error
from ..yamlfile import YamlDocument, YamlError, load_yaml_file, parse_yaml
from .model import FORMAT_VERSION, EvidenceItem, Line, Member, Model, Project, Recommendation, SectionText, ShortId

MAX_FILE_BYTES = 5 * 1024 * 1024  # a project of several full reports is well under 1 MB
FileType = Literal["project", "contribution"]


class Contribution(Model):
    """What one coalition member sends the coordinator: its evidence, texts and recommendations."""

    member: Member
    # The coalition project it was written in (a member's copy of the joint project), so the coordinator's
    # merge can refuse a file meant for another report; None when written in the member's own project.
    project_id: ShortId | None = None
    project_title: Line = ""
    evidence: list[EvidenceItem] = []
    sections: list[SectionText] = []
    recommendations: list[Recommendation] = []


class ExchangeError(ValueError):
    """A file that cannot be imported; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# --- writing ----------------------------------------------------------------------------------


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None  # multi-line text stays readable
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(file_type: FileType, payload: Model) -> str:
    data = payload.model_dump(mode="json", exclude_defaults=True)
    if isinstance(payload, Project):
        data["created_at"] = payload.created_at.isoformat()  # a generated default, but part of the record
    document = {
        "shadowreport": file_type,
        "format_version": FORMAT_VERSION,
        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        file_type: data,
    }
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write_file(path: Path, text: str) -> None:
    """Write atomically and privately (0600): the file appears complete or not at all (see files)."""
    from ..files import write_text_atomically

    write_text_atomically(Path(path), text)


def write_project_file(project: Project, path: Path) -> None:
    """Save ``project`` as a project exchange file (.yml); ``export.export_project`` writes the report itself."""
    write_file(path, dump("project", project))


def write_contribution_file(contribution: Contribution, path: Path) -> None:
    """Save a coalition member's contribution as an exchange file (.yml) for the coordinator."""
    write_file(path, dump("contribution", contribution))


# --- reading ----------------------------------------------------------------------------------


def read_project(path: Path, shown_as: str | None = None, pack=None) -> Project:
    """A project file, validated; with ``pack``, its mechanism and kind must exist in the rules too."""
    document = _load_file(path, shown_as)
    project = _payload(document, "project", Project)
    if pack is not None:
        _check_kind(project, pack, document)  # type: ignore[arg-type]
    return project  # type: ignore[return-value]


def _check_kind(project: Project, pack, document: YamlDocument) -> None:
    try:
        pack.kind(project.kind_id)
    except KeyError as error:
        field = "mechanism" if project.mechanism not in pack.mechanisms else "kind"
        line, _ = document.line_of(("project", field))
        raise ExchangeError([Problem(document.path, line, f"project.{field}", error.args[0])]) from None


def read_contribution(path: Path, shown_as: str | None = None) -> Contribution:
    return _payload(_load_file(path, shown_as), "contribution", Contribution)  # type: ignore[return-value]


def parse_project(text: str, name: str = "<upload>") -> Project:
    return _payload(_parse_text(text, name), "project", Project)  # type: ignore[return-value]


def parse_contribution(text: str, name: str = "<upload>") -> Contribution:
    return _payload(_parse_text(text, name), "contribution", Contribution)  # type: ignore[return-value]


def parse_any(data: bytes, name: str, pack=None) -> tuple[FileType, Project | Contribution]:
    """An uploaded file of either type, for the app's import box."""
    text = _decode(data, name)
    document = _parse_text(text, name)
    file_type = document.data.get("shadowreport") if isinstance(document.data, dict) else None
    if file_type == "contribution":
        return "contribution", _payload(document, "contribution", Contribution)  # type: ignore[return-value]
    project = _payload(document, "project", Project)
    if pack is not None:
        _check_kind(project, pack, document)  # type: ignore[arg-type]
    return "project", project  # type: ignore[return-value]


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise ExchangeError([Problem(name, None, "", f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, too large for a project file")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ExchangeError([Problem(name, line, "", "the file is not UTF-8 text; is it really a project file?")]) from None


def _load_file(path: Path, shown_as: str | None) -> YamlDocument:
    name = shown_as or str(path)
    try:
        if regular_file_stat(path, "a project or contribution file (.yml)", name).st_size > MAX_FILE_BYTES:
            raise ExchangeError([Problem(name, None, "", f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, too large for a project file")])
        return load_yaml_file(Path(path), name)
    except NotRegularFile as error:
        raise ExchangeError([Problem(name, None, "", error.reason)]) from None
    except OSError as error:
        raise ExchangeError([Problem(name, None, "", f"cannot be read ({error.strerror or error})")]) from None
    except YamlError as error:
        raise ExchangeError([from_yaml_error(error)]) from None


def _parse_text(text: str, name: str) -> YamlDocument:
    if len(text) > MAX_FILE_BYTES:
        raise ExchangeError([Problem(name, None, "", f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, too large for a project file")])
    try:
        return parse_yaml(text, name)
    except YamlError as error:
        raise ExchangeError([from_yaml_error(error)]) from None


def _payload(document: YamlDocument, file_type: FileType, model: type[Model]) -> Model:
    data: Any = document.data
    name = document.path
    if not isinstance(data, dict) or data.get("shadowreport") not in ("project", "contribution"):
        raise ExchangeError([Problem(name, 1, "", "not a Shadow Report Studio file (it has no 'shadowreport: project' or 'shadowreport: contribution' line)")])
    if data["shadowreport"] != file_type:
        raise ExchangeError([Problem(name, document.line_of(("shadowreport",))[0], "shadowreport", f"this is a {data['shadowreport']} file, not a {file_type} file")])
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExchangeError([Problem(name, document.line_of(("format_version",))[0], "format_version", "required: a whole number")])
    if version > FORMAT_VERSION:
        raise ExchangeError([Problem(name, document.line_of(("format_version",))[0], "format_version",
                                     f"written by a newer Shadow Report Studio (format {version}); this one reads format {FORMAT_VERSION}: update it")])
    if version < 1:
        raise ExchangeError([Problem(name, document.line_of(("format_version",))[0], "format_version", f"format {version} does not exist")])
    unknown = sorted(set(data) - {"shadowreport", "format_version", "exported_at", file_type})
    if unknown:
        raise ExchangeError([Problem(name, document.line_of((unknown[0],))[0], unknown[0], "unknown key (check the spelling)")])
    if file_type not in data:
        raise ExchangeError([Problem(name, 1, file_type, "required, but missing")])
    try:
        return model.model_validate(data[file_type])
    except ValidationError as error:
        raise ExchangeError(from_validation_error(error, [document], prefix=(file_type,))) from None
