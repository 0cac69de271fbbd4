"""User settings: where the user's own rules and the project store live.

Read from a small TOML file (``SHADOWREPORT_CONFIG``, or ``config.toml`` in the user's config
folder), with environment variables taking precedence. Nothing here is required: with no file
and no variables the app runs on its built-in rules and its default store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from .inputfile import NotRegularFile, regular_file_stat

ENV_CONFIG = "SHADOWREPORT_CONFIG"
ENV_RULES_DIR = "SHADOWREPORT_RULES_DIR"
ENV_STORE = "SHADOWREPORT_STORE"
APP_NAME = "shadowreport"
_KNOWN_KEYS = {"rules_dir", "store_path"}


class ConfigError(ValueError):
    """A settings file that cannot be used, with a one-sentence message."""


@dataclass(frozen=True)
class Settings:
    rules_dir: Path | None
    store_path: Path
    config_file: Path | None


def default_config_file() -> Path:
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def default_store_path() -> Path:
    return platformdirs.user_data_path(APP_NAME) / "projects.sqlite3"


def _present(config_file: Path) -> bool:
    """Whether the settings file exists; a folder, pipe or device in its place is refused, never opened."""
    try:
        regular_file_stat(config_file, "a TOML settings file")
    except NotRegularFile as error:
        raise ConfigError(str(error)) from None
    except OSError:
        return False
    return True


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    config_file = Path(env[ENV_CONFIG]).expanduser() if env.get(ENV_CONFIG) else default_config_file()
    values: dict[str, object] = {}
    if _present(config_file):
        import tomllib  # only when there is a file to read: most commands start without one

        try:
            values = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except OSError as error:
            raise ConfigError(f"{config_file}: cannot be read ({error.strerror or error}).") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{config_file}: not a valid TOML settings file ({error}).") from None
        except ValueError:  # tomllib turns a 5,000-digit number into an int, which Python refuses
            raise ConfigError(f"{config_file}: not a valid TOML settings file (a number is too long).") from None
        unknown = sorted(set(values) - _KNOWN_KEYS)
        if unknown:
            raise ConfigError(f"{config_file}: unknown setting '{unknown[0]}' (known: {', '.join(sorted(_KNOWN_KEYS))}).")
        for key, value in values.items():
            if not isinstance(value, str):
                raise ConfigError(f"{config_file}: setting '{key}' must be a path in quotes.")
    elif env.get(ENV_CONFIG):
        raise ConfigError(f"{config_file}: the settings file named by {ENV_CONFIG} does not exist.")
    else:
        config_file = None

    rules = env.get(ENV_RULES_DIR) or values.get("rules_dir")
    store = env.get(ENV_STORE) or values.get("store_path")
    return Settings(
        rules_dir=Path(str(rules)).expanduser() if rules else None,
        store_path=Path(str(store)).expanduser() if store else default_store_path(),
        config_file=config_file,
    )
