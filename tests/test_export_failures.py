"""Export when the input is extreme or the disk says no: one sentence, nothing half-written, nothing left readable.

Tests run as root, for whom chmod does not stop a write: a folder that refuses is /sys (where even
root cannot create files) or a monkeypatched call raising PermissionError; a full disk is a write
raising ENOSPC part-way.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

import docx
import pytest

from shadowreport import cli, files
from shadowreport.export import export_project
from shadowreport.export.wordml import core_property
from shadowreport.project.coalition import contribution_from
from shadowreport.project.exchange import write_contribution_file, write_project_file
from shadowreport.project.model import Member

from .factories import TODAY, coalition_project, upr_project
from .wordprocessor import libreoffice

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "briefing-one-page.yml"
LONG_TITLE = ("Forced labour, debt bondage and trafficking of seasonal agricultural workers in the southern regions: "
              "a joint shadow report on the implementation of the Convention, with evidence from outreach, courts, "
              "labour inspections and interviews with survivors collected between 2019 and 2025 by nine organisations")
NINE_MEMBERS = [Member(id=f"org-{n}", name=f"Association for the Rights of Migrant Workers, regional branch {n}",
                       role="coordinator" if n == 1 else "member") for n in range(1, 10)]




@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary directory, for this test only, so leftovers can be seen."""
    folder = tmp_path / "systemp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["export", str(SAMPLE), "--today", "2026-11-23", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_sentence(err: str, path: Path) -> None:
    assert "Traceback" not in err and "Errno" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0] and lines[0].endswith(".")


# --- long properties ----------------------------------------------------------------------------


def test_core_property_is_cut_at_a_word_boundary_with_an_ellipsis():
    assert core_property("x" * 255) == "x" * 255
    cut = core_property(LONG_TITLE)
    assert len(LONG_TITLE) > 255 and len(cut) <= 255 and cut.endswith("…")
    assert LONG_TITLE.startswith(cut[:-1]) and LONG_TITLE[len(cut) - 1] == " "  # whole words only
    assert core_property("a\x01b\n c") == "ab c"  # control characters and line breaks do not reach the XML


def test_long_title_and_nine_member_coalition_export_and_read_back(pack, tmp_path: Path):
    project = upr_project(title=LONG_TITLE, members=NINE_MEMBERS)
    target = tmp_path / "joint.docx"
    export_project(project, pack, target, today=TODAY)
    core = docx.Document(str(target)).core_properties
    assert core.title == core_property(LONG_TITLE) and len(core.title) <= 255
    authors = ", ".join(m.name for m in NINE_MEMBERS)
    assert len(authors) > 255 and core.author == core_property(authors) and core.author.endswith("…")
    assert LONG_TITLE in docx.Document(str(target)).paragraphs[0].text  # the cover keeps the whole title


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice is not installed")
def test_long_title_reads_back_in_libreoffice(pack, tmp_path: Path):
    target = tmp_path / "joint.docx"
    export_project(upr_project(title=LONG_TITLE, members=NINE_MEMBERS), pack, target, today=TODAY)
    out, profile = tmp_path / "odt", tmp_path / "profile"
    subprocess.run([libreoffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "odt", "--outdir", str(out), str(target)], capture_output=True, timeout=180, check=True)
    with zipfile.ZipFile(out / "joint.odt") as package:
        meta = package.read("meta.xml").decode("utf-8")
    assert re.search(r"<dc:title>(.*?)</dc:title>", meta).group(1) == core_property(LONG_TITLE)


# --- output paths that cannot be written ---------------------------------------------------------


def test_output_below_a_file(capsys, tmp_path: Path):
    blocker = tmp_path / "somefile.txt"
    blocker.write_text("notes", encoding="utf-8")
    target = blocker / "out.docx"
    code, out, err = run_cli(capsys, "-o", str(target))
    assert code == 2 and out == ""
    assert_one_sentence(err, target)
    assert f"{blocker} is a file, not a folder" in err
    assert blocker.read_text(encoding="utf-8") == "notes" and set(tmp_path.iterdir()) == {blocker, tmp_path / "no-config.toml"}


def test_output_into_a_folder_even_root_cannot_write(capsys):
    target = Path("/sys/out.docx")
    code, _, err = run_cli(capsys, "-o", str(target))
    assert code == 2
    assert_one_sentence(err, target)
    assert "choose a folder you can write to" in err


def test_output_into_a_read_only_folder(capsys, tmp_path: Path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    target = tmp_path / "shared" / "out.md"
    code, _, err = run_cli(capsys, "-o", str(target))
    assert code == 2
    assert_one_sentence(err, target)
    assert "permission denied" in err and "choose a folder you can write to" in err
    assert not (tmp_path / "shared").exists()  # the folder made for the output is taken back


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_full_disk_leaves_the_previous_file_and_no_debris(capsys, tmp_path: Path, monkeypatch, suffix: str):
    def fill_then_fail(*args):
        target = Path(args[-1])
        target.write_bytes(b"PK\x03\x04 half a document")
        raise OSError(errno.ENOSPC, "No space left on device")

    writer = "write_docx" if suffix == ".docx" else "write_markdown"
    monkeypatch.setattr(f"shadowreport.export.{writer}", fill_then_fail)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"report{suffix}"
    target.write_bytes(b"the previous export")
    code, _, err = run_cli(capsys, "-o", str(target))
    assert code == 2
    assert_one_sentence(err, target)
    assert "the disk is full" in err and "free some space" in err
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in folder.iterdir()] == [target.name]


def test_full_disk_at_the_final_sync(pack, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(files.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")))
    target = tmp_path / "p.docx"
    with pytest.raises(files.WriteError, match="the disk is full"):
        export_project(upr_project(), pack, target, today=TODAY)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".docx")] == []


# --- privacy of what is written -----------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_exports_and_exchange_files_are_created_0600(pack, tmp_path: Path):
    old_umask = os.umask(0o022)
    try:
        for name in ("p.docx", "p.md"):
            export_project(upr_project(), pack, tmp_path / name, today=TODAY)
            assert mode(tmp_path / name) == 0o600, name
        existing = tmp_path / "existing.docx"
        existing.write_bytes(b"old")
        existing.chmod(0o644)
        export_project(upr_project(), pack, existing, today=TODAY)
        assert mode(existing) == 0o600  # replaced by a private file, not written into the readable one
        project = coalition_project()
        write_project_file(project, tmp_path / "joint.yml")
        write_contribution_file(contribution_from(project, "org-casa"), tmp_path / "casa.yml")
        assert mode(tmp_path / "joint.yml") == 0o600 and mode(tmp_path / "casa.yml") == 0o600
        export_project(upr_project(), pack, tmp_path / "new" / "folder" / "p.md", today=TODAY)
        assert mode(tmp_path / "new") == 0o700 and mode(tmp_path / "new" / "folder") == 0o700  # folders made for it too
    finally:
        os.umask(old_umask)


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice is not installed")
def test_pdf_export_is_0600_and_leaves_no_temporary_folder(pack, tmp_path: Path, private_tmp: Path):
    target = tmp_path / "brief.pdf"
    export_project(upr_project(), pack, target, today=TODAY)
    assert target.read_bytes().startswith(b"%PDF") and mode(target) == 0o600
    assert list(private_tmp.iterdir()) == []


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_orphaned_temporary_files_are_swept_at_the_next_export(pack, tmp_path: Path):
    orphan = tmp_path / ".report.docx.k3j9x0qa.docx"  # left by an export that crashed before renaming
    orphan.write_bytes(b"case text")
    age(orphan, 3600)
    in_progress = tmp_path / ".other.md.a1b2c3d4.md"  # another export still writing
    in_progress.write_bytes(b"case text")
    mine = [tmp_path / ".bashrc.original", tmp_path / ".notes.docx", tmp_path / ".plan.docx.backup01.txt"]
    for path in mine:
        path.write_text("the user's own", encoding="utf-8")
        age(path, 3600)
    export_project(upr_project(), pack, tmp_path / "report.docx", today=TODAY)
    assert not orphan.exists()
    assert in_progress.exists() and all(path.exists() for path in mine)


def test_abandoned_temporary_folders_are_swept(pack, tmp_path: Path, private_tmp: Path):
    abandoned = private_tmp / "shadowreport-lo-x1y2z3"
    (abandoned / "user").mkdir(parents=True)
    (abandoned / "user" / "registrymodifications.xcu").write_text("Maria Popescu", encoding="utf-8")
    age(abandoned, 2 * 3600)
    recent = private_tmp / "shadowreport-pdf-a1b2c3"
    recent.mkdir()
    others = [private_tmp / "other-tool-q9", private_tmp / "shadowreport-bench-k2"]  # not export folders: left alone
    for folder in others:
        folder.mkdir()
        age(folder, 2 * 3600)
    export_project(upr_project(), pack, tmp_path / "p.md", today=TODAY)
    assert not abandoned.exists() and recent.exists() and all(folder.exists() for folder in others)


@pytest.mark.parametrize("kind", ["contribution", "merge"])
def test_project_files_that_cannot_be_written(capsys, tmp_path: Path, kind: str):
    joint = str(ROOT / "samples" / "greta-joint-4th-round.yml")
    command = ["project", "contribution", joint]
    if kind == "merge":
        assert cli.main([*command, "-o", str(tmp_path / "part.yml")]) == 0
        command = ["project", "merge", joint, str(tmp_path / "part.yml")]
    blocker = tmp_path / "somefile.txt"
    blocker.write_text("notes", encoding="utf-8")
    capsys.readouterr()
    for target in (Path("/sys/out.yml"), blocker / "out.yml"):
        code = cli.main([*command, "-o", str(target)])
        captured = capsys.readouterr()
        assert code == 2 and captured.out == "", captured
        assert_one_sentence(captured.err, target)
