"""What a check may know besides the draft: the mechanism's rules and the run's settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import Translator, translator
from ..inputfile import NotRegularFile, regular_file_stat
from ..rules import RulePack
from .finding import SEVERITY_ORDER, Severity

if TYPE_CHECKING:  # the models import pydantic; a lint reads the kept pack's read-only copies (rules/frozen.py)
    from ..rules.models import Kind, Mechanism, Sourced


@dataclass(frozen=True)
class Rules:
    """The rule pack, and the mechanism and kind the draft is for (None when not known)."""

    pack: RulePack
    mechanism: Mechanism | None = None
    kind: Kind | None = None
    kind_id: str | None = None

    @property
    def published(self) -> bool:
        """Treat a draft as published unless its kind says it is confidential: the safe default."""
        return True if self.kind is None else self.kind.published


def source_of(value: Sourced | None) -> str | None:
    """A finding's ``source``: where the rule comes from and how sure we are."""
    if value is None:
        return None
    return value.provenance()


class ConfigError(ValueError):
    """A checks settings file that cannot be used."""


@dataclass(frozen=True)
class CheckConfig:
    """Per-run settings: the date, switched-off rules (ids or families), severity overrides,
    limits the user takes from a newer source than the rule pack, and the language of the messages
    (ids, severities and JSON keys never change with it)."""

    today: dt.date = field(default_factory=dt.date.today)
    disabled: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    words_limit: int | None = None
    pages_limit: int | None = None
    limit_source: str | None = None
    render: bool = False
    rendered_pages: int | None = None
    language: str = "en"

    @property
    def translator(self) -> Translator:
        """Messages, numbers and dates in this run's language."""
        return translator(self.language)

    def enabled(self, check_id: str) -> bool:
        return not any(check_id == off or check_id.startswith(off + ".") for off in self.disabled)

    def severity_for(self, check_id: str, default: Severity) -> Severity:
        best = None
        for key, value in self.severity.items():
            if check_id == key or check_id.startswith(key + "."):
                if best is None or len(key) > len(best[0]):
                    best = (key, value)
        return best[1] if best else default

    def merged(self, disable: list[str] | None = None, severity: dict[str, Severity] | None = None) -> "CheckConfig":
        return CheckConfig(
            today=self.today, disabled=self.disabled | frozenset(disable or []), severity={**self.severity, **(severity or {})},
            words_limit=self.words_limit, pages_limit=self.pages_limit, limit_source=self.limit_source,
            render=self.render, rendered_pages=self.rendered_pages, language=self.language,
        )


def load_config(path: Path, known_ids: set[str]) -> tuple[list[str], dict[str, Severity]]:
    """Read ``[checks] disable = [...]`` and ``[checks.severity] "rule.id" = "warning"`` from a TOML file."""
    import tomllib  # only when a --config file is given

    try:
        regular_file_stat(path, "a TOML file")  # a named pipe would block, /dev/zero never end
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except NotRegularFile as error:
        raise ConfigError(str(error)) from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror or error}).") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not a valid TOML file ({error}).") from None
    except ValueError:  # tomllib turns a 5,000-digit number into an int, which Python refuses
        raise ConfigError(f"{path}: not a valid TOML file (a number is too long).") from None
    section = data.get("checks", {})
    if not isinstance(section, dict) or set(data) - {"checks"}:
        raise ConfigError(f"{path}: put the settings under a [checks] table (disable, severity).")
    unknown = set(section) - {"disable", "severity"}
    if unknown:
        raise ConfigError(f"{path}: unknown setting 'checks.{sorted(unknown)[0]}' (known: disable, severity).")
    disable = section.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(item, str) for item in disable):
        raise ConfigError(f"{path}: checks.disable must be a list of rule ids or families, e.g. [\"readability\"].")
    severity = section.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{path}: checks.severity must be a table of \"rule.id\" = \"error\" | \"warning\" | \"info\".")
    families = {check_id.split(".")[0] for check_id in known_ids}
    for key in [*disable, *severity]:
        if key not in known_ids and key not in families:
            raise ConfigError(f"{path}: '{key}' is neither a check id nor a family (see `shadowreport checks list`).")
    for key, value in severity.items():
        if value not in SEVERITY_ORDER:
            raise ConfigError(f"{path}: checks.severity.\"{key}\" must be error, warning or info (got '{value}').")
    return disable, severity
