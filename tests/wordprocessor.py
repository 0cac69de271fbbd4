"""Ask a real word processor (LibreOffice Writer, headless) how many words a file has."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_word_counts(files: list[Path]) -> dict[str, int]:
    """Word counts as LibreOffice reports them in its document statistics (meta.xml), by file name."""
    binary = libreoffice()
    assert binary, "LibreOffice is not installed"
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as profile:
        subprocess.run([binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", "odt", "--outdir", out, *map(str, files)], capture_output=True, timeout=300, check=True)
        counts = {}
        for path in files:
            with zipfile.ZipFile(Path(out) / (path.stem + ".odt")) as package:
                meta = package.read("meta.xml").decode("utf-8")
            counts[path.name] = int(re.search(r'meta:word-count="(\d+)"', meta).group(1))
        return counts
