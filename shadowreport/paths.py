"""Where the product's own data folders live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_dir(name: str) -> Path:
    """The built-in folder ``name`` (``mechanisms``, ``templates``, ``samples``).

    In a wheel the folders are packed under ``shadowreport/data/``; in a checkout (and an
    editable install) they stand at the project root beside the package.
    """
    for candidate in (_PACKAGE / "data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the built-in '{name}' folder is missing from this installation; reinstall shadowreport")


def app_script() -> Path:
    for candidate in (_PACKAGE / "data" / "app.py", _PACKAGE.parent / "app.py"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("app.py is missing from this installation; reinstall shadowreport")
