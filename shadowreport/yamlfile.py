"""Read YAML that may come from anyone: safely, with line numbers for error messages.

Rule packs, overlays and project files are all YAML a user may have edited by hand or received
by e-mail. This module is the one place that parses them. It:

- builds only plain data (dicts, lists, strings, numbers, booleans, dates): no Python objects;
- refuses anchors and aliases, which a hostile file can use to blow up memory ("billion laughs");
- refuses nesting deeper than ``MAX_DEPTH`` and files larger than ``MAX_BYTES``;
- refuses whole numbers longer than ``MAX_INTEGER_CHARS`` (turning a 5,000-digit number, or a
  million ``:60`` sexagesimal parts, into an int costs seconds or fails outright);
- reads only regular files: a folder, named pipe or device is refused before it is opened;
- remembers where every key and item stands, so a problem can be reported as ``file:line``.

Every failure is a :class:`YamlError` whose message is one sentence naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from functools import cache
from typing import TYPE_CHECKING

from .inputfile import NotRegularFile, regular_file_stat

if TYPE_CHECKING:
    from yaml.nodes import Node

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
MAX_INTEGER_CHARS = 100  # far beyond any count, year or limit these files hold
EXPECTED_FILE = "a .yml, .yaml or .json file"

class YamlError(ValueError):
    """A YAML file that cannot be read, with a one-sentence, located message."""


class _Refused(Exception):
    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


@cache
def _loaders() -> tuple[type, type]:
    """PyYAML's fastest safe loader (libyaml's when present, about five times faster) and ours built
    on it, made at the first parse: a command that reads no YAML does not import PyYAML at all."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class SafeLoader(base):  # type: ignore[misc, valid-type]
        """The safe loader, with impossible dates and oversized numbers reported where they stand."""

        def construct_checked_timestamp(self, node) -> Any:
            try:
                return self.construct_yaml_timestamp(node)
            except ValueError:
                raise _Refused(f"'{node.value}' is not a real date", node.start_mark.line) from None

        def construct_checked_int(self, node) -> Any:
            # Checked on the text, before int() runs: Python refuses decimal strings over 4,300 digits
            # with a traceback, and binary, hex or sexagesimal ones build huge numbers slowly.
            length = len(node.value.replace("_", "").lstrip("+-"))
            if length > MAX_INTEGER_CHARS:
                raise _Refused(f"this number is {length:,} characters long; numbers here have at most {MAX_INTEGER_CHARS}", node.start_mark.line)
            return self.construct_yaml_int(node)

    SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", SafeLoader.construct_checked_timestamp)
    SafeLoader.add_constructor("tag:yaml.org,2002:int", SafeLoader.construct_checked_int)
    return base, SafeLoader


def _prescan(text: str) -> None:
    """Refuse aliases and deep nesting from the event stream, before anything is built.

    The event parser is iterative, so even a hostile file nested a million levels deep is
    refused here without exhausting the stack.
    """
    import yaml
    from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent

    depth = 0
    for event in yaml.parse(text, Loader=_loaders()[0]):
        if isinstance(event, AliasEvent):
            raise _Refused("anchors and aliases (*name) are not accepted", event.start_mark.line)
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(f"nesting is deeper than {MAX_DEPTH} levels", event.start_mark.line)
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def _refuse_duplicate_keys(root: Node) -> None:
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    if key_node.value in seen:
                        raise _Refused(f"key '{key_node.value}' appears twice in the same block", key_node.start_mark.line)
                    seen.add(key_node.value)
                stack.append(value_node)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


@dataclass(frozen=True)
class YamlDocument:
    """Parsed data plus the node tree that knows where each value stood."""

    data: Any
    root: Node | None
    path: str

    def line_of(self, loc: tuple[str | int, ...]) -> tuple[int | None, tuple[str | int, ...]]:
        """Return the 1-based line for a path of keys/indices, and the part of the path found.

        Elements that are not in the file (a validator's union tag, or the missing key itself)
        are skipped; the line is that of the deepest element found.
        """
        node = self.root
        if node is None:
            return None, ()
        line = node.start_mark.line + 1
        found: list[str | int] = []
        for position, key in enumerate(loc):
            child = _child(node, key)
            if child is None:
                if position == len(loc) - 1:
                    found.append(key)  # a missing key: report it at its parent's line
                continue
            key_node, node = child
            line = key_node.start_mark.line + 1
            found.append(key)
        return line, tuple(found)


def _child(node: Node, key: str | int) -> tuple[Node, Node] | None:
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(key):
                return key_node, value_node
    elif isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        item = node.value[key]
        return item, item
    return None


def _line(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


def parse_yaml(text: str, path: str = "<text>") -> YamlDocument:
    """Parse one YAML document from text; raise YamlError with ``path:line`` on any problem."""
    if len(text) > MAX_BYTES:
        raise YamlError(f"{path}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB, too large for a rules or project file.")
    import yaml
    import yaml.reader

    loader = None
    try:
        _prescan(text)
        loader = _loaders()[1](text)
        root = loader.get_single_node()
        if root is not None:
            _refuse_duplicate_keys(root)
        data = loader.construct_document(root) if root is not None else None
    except _Refused as refused:
        raise YamlError(f"{path}:{refused.line + 1}: {refused.reason}.") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}" if mark else path
        problem = (error.problem or error.context or "invalid YAML").rstrip(".")
        if "maximum nesting depth" in problem:  # libyaml's own limit (PyYAML 6.0.3+), far above ours
            problem = f"nesting is deeper than {MAX_DEPTH} levels"
        elif problem.startswith("could not determine a constructor"):
            problem = "tags such as !!python/object are not accepted; use plain values"
        elif problem == "but found another document":
            problem = "a file holds one document: remove the second '---' and what follows, or split the file"
        elif mark and "\t" in _line(text, mark.line):
            problem += " (tabs cannot indent YAML: use spaces)"
        context, start = error.context, error.context_mark
        if context and start and mark and start.line != mark.line and context.startswith("while parsing a "):
            problem += f" (in the {context.removeprefix('while parsing a ')} that starts on line {start.line + 1})"
        raise YamlError(f"{where}: {problem}.") from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        raise YamlError(f"{path}:{line}: contains a control character (#x{error.character:04x}) that a text file should not hold.") from None
    except yaml.YAMLError as error:
        raise YamlError(f"{path}: not valid YAML ({str(error).strip()}).") from None
    except RecursionError:
        raise YamlError(f"{path}: nesting is too deep.") from None
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDocument(data=data, root=root, path=path)


def load_yaml_file(path: Path, shown_as: str | None = None) -> YamlDocument:
    """Read and parse a YAML file; size is checked before reading so a huge file is never loaded."""
    name = shown_as or str(path)
    try:
        size = regular_file_stat(path, EXPECTED_FILE, name).st_size
        if size > MAX_BYTES:
            raise YamlError(f"{name}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB, too large for a rules or project file.")
        raw = path.read_bytes()
    except NotRegularFile as error:
        raise YamlError(str(error)) from None
    except OSError as error:
        raise YamlError(f"{name}: cannot be read ({error.strerror or error}).") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlError(f"{name}:{line}: the file is not UTF-8 text; save it as UTF-8.") from None
    return parse_yaml(text, name)
