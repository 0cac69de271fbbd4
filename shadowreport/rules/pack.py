"""The rule pack as the checks read it, where its files are, and the key under which a validated pack is kept.

No pydantic here: a command that reads a kept pack (kept.py) loads this module, not the loader.
"""

from __future__ import annotations

import stat
import sys
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .. import cache
from ..yamlfile import MAX_BYTES

if TYPE_CHECKING:
    from ..problems import Problem
    from .models import ActionCategories, GenericAddressees, Kind, Mechanism, SectionAliases, StigmatisingTerms

VOCABULARY_FOLDER = "vocabulary"


class RulesError(Exception):
    """The rule pack cannot be used; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class RulePack:
    """Every mechanism's rules and the shared vocabularies, validated."""

    mechanisms: dict[str, Mechanism]
    action_categories: ActionCategories
    stigmatising_terms: StigmatisingTerms
    generic_addressees: GenericAddressees
    section_aliases: SectionAliases | None = None
    folders: tuple[Path, ...] = ()
    overridden: dict[str, str] = field(default_factory=dict)  # mechanism id -> overlay file

    def mechanism(self, mechanism_id: str) -> Mechanism:
        try:
            return self.mechanisms[mechanism_id]
        except KeyError:
            raise KeyError(f"no mechanism '{mechanism_id}' (known: {', '.join(sorted(self.mechanisms))})") from None

    def kind(self, kind_id: str) -> tuple[Mechanism, Kind]:
        """Look up ``mechanism/kind``, e.g. ``upr/stakeholder``."""
        mechanism_id, _, short = kind_id.partition("/")
        mechanism = self.mechanism(mechanism_id)
        if short not in mechanism.kinds:
            known = ", ".join(f"{mechanism_id}/{k}" for k in mechanism.kinds)
            raise KeyError(f"no kind '{kind_id}' (known for {mechanism_id}: {known})")
        return mechanism, mechanism.kinds[short]

    def kind_ids(self) -> list[str]:
        return [f"{m.id}/{k}" for m in self.mechanisms.values() for k in m.kinds]


def rule_files(folder: Path) -> Iterator[tuple[Path, str]]:
    """Every rule file of a folder, with its group: "mechanism", or "vocabulary" in its vocabulary folder."""
    for pattern in ("*.yml", "*.yaml"):
        for path in sorted(folder.glob(pattern)):
            yield path, "mechanism"
    vocabulary = folder / VOCABULARY_FOLDER
    if vocabulary.is_dir():
        for pattern in ("*.yml", "*.yaml"):
            for path in sorted(vocabulary.glob(pattern)):
                yield path, "vocabulary"


def fingerprint(builtin: Path, overlay: Path | None) -> tuple:
    """What the rule files look like from outside (names, sizes, modification times): a pack is reused in one process while it stays the same."""
    parts: list[tuple] = []
    for folder in (builtin, overlay):
        if folder is None or not folder.is_dir():
            parts.append((str(folder),))
            continue
        for path, _ in rule_files(folder):
            try:
                status = path.stat()  # never opens: a named pipe or device here is refused when loading
            except OSError:  # e.g. a link to nothing: loading reports it
                parts.append((str(path),))
                continue
            parts.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(parts)


# --- the validated pack kept between runs ------------------------------------------------------
# Reading the YAML and validating every model takes a command most of its start-up time; the pack
# validated once is kept (pickled) in the user's cache folder, under a digest of every rule file's
# content, of the code that reads them and of the Python and pydantic that built the objects. A
# changed file, an upgrade or another overlay misses and is loaded and validated afresh. Only a pack
# without problems is kept. The copy holds nothing of the user's case text; it lives in the user's
# own cache folder, as trusted as the installed package beside it.


def pack_key(builtin: Path, overlay: Path | None) -> tuple[str, str] | None:
    """(name, key) for the pack from these folders, or None when a file here is one to leave to the loader."""
    from .. import __version__

    parts: list[bytes | str] = [sys.version, _pydantic_version(), __version__]
    for code in sorted(Path(__file__).parent.glob("*.py")):
        parts += [code.name, code.read_bytes()]
    for folder in (builtin, overlay):
        if folder is None:
            continue
        if not folder.is_dir():
            return None
        for path, group in rule_files(folder):
            try:
                status = path.stat()
            except OSError:
                return None
            if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_BYTES:
                return None  # a pipe, a device or an oversized file: the loader explains the problem
            parts += [group, str(path.relative_to(folder)), path.read_bytes()]
    # Named by the Python too: two Pythons on one machine (CI runs two) keep a copy each, not replacing the other's.
    name = f"pack-py{sys.version_info[0]}{sys.version_info[1]}-" + cache.digest(*(str(f.resolve()) for f in (builtin, overlay) if f is not None))[:12]
    return name, cache.digest(*parts)


def _pydantic_version() -> bytes:
    """pydantic's version file, read rather than imported: importing pydantic is what a kept pack saves."""
    spec = find_spec("pydantic")
    if spec is None or not spec.submodule_search_locations:
        return b""
    return (Path(next(iter(spec.submodule_search_locations))) / "version.py").read_bytes()
