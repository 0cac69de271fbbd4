"""LibreOffice's temporary profile holds the case text it read: gone after every render, even one
that fails or hangs, with every process LibreOffice started stopped first."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

import pytest

from shadowreport.export import ExportError, export_project
from shadowreport.pagecount import RenderError, render_pdf
from shadowreport.rules import load_rules

from .factories import upr_project

# A stand-in for soffice: it writes case text into its profile (as LibreOffice does), records the
# profile's path, then fails at once or hangs with a child process of its own (like soffice.bin).
FAKE_SOFFICE = """#!/bin/sh
for argument in "$@"; do
  case "$argument" in -env:UserInstallation=file://*) profile="${argument#-env:UserInstallation=file://}";; esac
done
mkdir -p "$profile/user"
echo "Maria Popescu, 16, from Iasi" > "$profile/user/registrymodifications.xcu"
echo "$profile" > "$FAKE_LOG/profile"
if [ "$FAKE_MODE" = hang ]; then
  sleep 300 &
  echo $! > "$FAKE_LOG/child"
  wait
fi
exit 1
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(FAKE_SOFFICE, encoding="utf-8")
    script.chmod(0o755)
    log = tmp_path / "log"
    log.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_LOG", str(log))
    systemp = tmp_path / "systemp"
    systemp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(systemp))
    return log


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")  # a zombie has stopped; only its parent (init) has yet to reap it


@pytest.mark.timeout(60)
def test_a_failed_render_leaves_no_profile(fake_soffice: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("FAKE_MODE", "fail")
    source = tmp_path / "case.docx"
    source.write_bytes(b"not really a document")
    with pytest.raises(RenderError, match="could not render case.docx"):
        render_pdf(source, tmp_path)
    profile = Path((fake_soffice / "profile").read_text().strip())
    assert profile.name.startswith("shadowreport-lo-") and not profile.exists()


@pytest.mark.timeout(60)
def test_a_render_that_hangs_is_stopped_with_its_children_and_leaves_no_profile(fake_soffice: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("FAKE_MODE", "hang")
    source = tmp_path / "case.docx"
    source.write_bytes(b"not really a document")
    started = time.monotonic()
    with pytest.raises(RenderError, match="took longer than 2 s"):
        render_pdf(source, tmp_path, timeout=2)
    assert time.monotonic() - started < 30  # generous: the time limit holds, nothing waits on the child
    profile = Path((fake_soffice / "profile").read_text().strip())
    child = int((fake_soffice / "child").read_text())
    assert not profile.exists()
    assert not running(child)


@pytest.mark.timeout(60)
def test_a_failed_pdf_export_leaves_no_case_text_behind(fake_soffice: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("FAKE_MODE", "fail")
    target = tmp_path / "out" / "report.pdf"
    with pytest.raises(ExportError, match="could not render"):
        export_project(upr_project(), load_rules(), target, today=dt.date(2026, 11, 23))
    assert list(Path(tempfile.gettempdir()).iterdir()) == []  # neither the Word file nor the profile
    assert not target.exists()
