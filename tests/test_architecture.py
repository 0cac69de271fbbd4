"""The architecture holds: imports only go down the layers named in pyproject.toml, and no package
has an import circle. import-linter reads every import, lazy ones inside functions included."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter on the package found under ``root``, with the contracts of our pyproject.toml."""
    code = ("import sys; from importlinter.cli import lint_imports; "
            f"sys.exit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, no_cache=True, no_logo=True))")
    return subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)})


def test_imports_only_go_down_and_close_no_circle():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "broken"), [
    ("draft.py", "from .project import model as _up\n", "Imports only go down the layers"),  # the old Draft -> Project arrow
    ("ui/check_page.py", "from . import pages as _registry\n", "No import circles inside a package"),  # the old page registry circle
])
def test_a_wrong_import_breaks_the_contract(tmp_path: Path, module: str, line: str, broken: str):
    copy = tmp_path / "shadowreport"
    shutil.copytree(ROOT / "shadowreport", copy, ignore=shutil.ignore_patterns("__pycache__"))
    path = copy / module
    path.write_text(path.read_text(encoding="utf-8") + "\n" + line, encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{broken} BROKEN" in result.stdout
