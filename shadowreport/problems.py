"""Problems in a user's file, located as ``file:line: field.path: what is wrong``.

Shared by everything that reads YAML a person wrote: rule packs, overlays, project and
contribution files. Pydantic's messages are reworded as plain instructions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from pydantic import ValidationError

from .yamlfile import YamlDocument, YamlError


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


def from_yaml_error(error: YamlError) -> Problem:
    """Split 'file:line: message.' from the YAML layer into a Problem."""
    head, _, message = str(error).partition(": ")
    file, _, line = head.rpartition(":")
    if file and line.isdigit():
        return Problem(file, int(line), "", message.rstrip("."))
    return Problem(head, None, "", message.rstrip("."))


def locate(documents: Sequence[YamlDocument], loc: tuple[str | int, ...], message: str) -> Problem:
    """The file and line for a field path: the first document that holds most of the path."""
    best: tuple[int, YamlDocument, int | None, tuple] | None = None
    for document in documents:
        line, found = document.line_of(loc)
        if best is None or len(found) > best[0]:
            best = (len(found), document, line, found)
    assert best is not None, "locate() needs at least one document"
    _, document, line, found = best
    return Problem(document.path, line, ".".join(str(p) for p in found) or ".".join(str(p) for p in loc), message)


def from_validation_error(error: ValidationError, documents: Sequence[YamlDocument], prefix: tuple[str | int, ...] = ()) -> list[Problem]:
    """Every error pydantic found, each located in the documents the data came from."""
    return [locate(documents, prefix + tuple(item["loc"]), describe(item)) for item in error.errors()]


def describe(item: dict[str, Any]) -> str:
    """Pydantic's message for one error, reworded as a plain instruction."""
    kind = item["type"]
    ctx = item.get("ctx", {})
    if kind == "extra_forbidden":
        return "unknown key (check the spelling)"
    if kind == "missing":
        return "required, but missing"
    if kind == "greater_than" and ctx.get("gt") == 0:
        return "must be a positive integer"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "must be a whole number"
    if kind == "union_tag_invalid":
        return f"must be one of {ctx.get('expected_tags')}"
    if kind == "union_tag_not_found":
        return f"needs a '{str(ctx.get('discriminator', 'rule')).strip(chr(39))}' key saying which kind it is"
    if kind == "string_pattern_mismatch":
        return f"is not in the expected form (pattern {ctx.get('pattern')})"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return "must be a date written YYYY-MM-DD"
    message = item["msg"].replace("Input should be", "must be").replace("Value error, ", "")
    return message[0].lower() + message[1:] if message else kind
