"""Project and contribution files: round trips, and clear refusals of broken or hostile files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shadowreport.project.coalition import contribution_from
from shadowreport.project.exchange import (
    ExchangeError, dump, parse_any, parse_project, read_contribution, read_project, write_contribution_file, write_file, write_project_file,
)

from .factories import coalition_project, upr_project


def test_project_file_round_trip(tmp_path: Path):
    project = coalition_project()
    path = tmp_path / "joint.yml"
    write_project_file(project, path)
    assert read_project(path) == project
    text = path.read_text(encoding="utf-8")
    assert text.startswith("shadowreport: project\nformat_version: 1\n")
    assert "text: |-\n" in text  # multi-line text stays readable for partners who open it


def test_contribution_file_round_trip(tmp_path: Path):
    contribution = contribution_from(upr_project())
    path = tmp_path / "contribution.yml"
    write_contribution_file(contribution, path)
    assert read_contribution(path) == contribution
    kind, parsed = parse_any(path.read_bytes(), "contribution.yml")
    assert kind == "contribution" and parsed == contribution


def test_failed_write_leaves_the_old_file_and_no_debris(tmp_path: Path, monkeypatch):
    folder = tmp_path / "exports"
    folder.mkdir()
    path = folder / "project.yml"
    write_file(path, "old content\n")
    monkeypatch.setattr("os.replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        write_file(path, "new content\n")
    assert path.read_text() == "old content\n"
    assert [p.name for p in folder.iterdir()] == ["project.yml"]


GOOD = dump("project", upr_project())

BROKEN = [
    ("newer-format", GOOD.replace("format_version: 1", "format_version: 7"),
     r"^f\.yml:2: format_version: written by a newer Shadow Report Studio \(format 7\)"),
    ("no-version", GOOD.replace("format_version: 1\n", ""), r"^f\.yml:\d+: format_version: required"),
    ("text-version", GOOD.replace("format_version: 1", "format_version: one"), r"^f\.yml:2: format_version: required: a whole number"),
    ("not-ours", "title: My report\nwords: 2000\n", r"^f\.yml:1: not a Shadow Report Studio file"),
    ("contribution-as-project", GOOD.replace("shadowreport: project", "shadowreport: contribution"),
     r"^f\.yml:1: shadowreport: this is a contribution file, not a project file"),
    ("unknown-top-key", GOOD.replace("format_version: 1\n", "format_version: 1\npassword: x\n"), r"^f\.yml:3: password: unknown key"),
    ("unknown-project-key", GOOD.replace("  state: Italy\n", "  state: Italy\n  sate: Italy\n"), r"^f\.yml:\d+: project\.sate: unknown key"),
    ("wrong-type", GOOD.replace("  session_date: '2027-01-25'", "  session_date: next spring"), r"^f\.yml:\d+: project\.session_date: must be a date"),
    ("impossible-date", GOOD.replace("  session_date: '2027-01-25'", "  session_date: 2027-02-30"), r"^f\.yml:\d+: '2027-02-30' is not a real date"),
    ("python-tag", GOOD.replace("  state: Italy", "  state: !!python/object/apply:os.system ['echo owned']"), r"^f\.yml:\d+: tags such as !!python/object are not accepted"),
    ("deep-nesting", GOOD + "  notes: " + "[" * 100_000 + "]" * 100_000 + "\n", r"^f\.yml:\d+: nesting is deeper than 40 levels"),
    ("alias-bomb", "shadowreport: project\nformat_version: 1\na: &a [x, x, x]\nb: &b [*a, *a, *a]\n", r"^f\.yml:4: anchors and aliases"),
    ("bad-link", GOOD.replace("    - ev-recruit", "    - ev-gone"), r"^f\.yml:\d+: project: recommendation 'rec-nrm' links to evidence 'ev-gone'"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_broken_file_gets_a_located_sentence(text: str, expected: str):
    with pytest.raises(ExchangeError) as raised:
        parse_project(text, "f.yml")
    lines = str(raised.value).splitlines()
    assert any(re.search(expected, line) for line in lines), lines
    assert "Traceback" not in str(raised.value)


def test_huge_file_is_refused_before_reading(tmp_path: Path, monkeypatch):
    path = tmp_path / "huge.yml"
    with open(path, "wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # 50 MB of nothing: must not be read into memory
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the huge file was read"))
    with pytest.raises(ExchangeError, match="larger than 5 MB"):
        read_project(path)
    with pytest.raises(ExchangeError, match="larger than 5 MB"):
        parse_any(b"x" * (6 * 1024 * 1024), "upload.yml")


def test_binary_or_foreign_encoding_upload():
    with pytest.raises(ExchangeError, match=r"^report\.yml:1: the file is not UTF-8 text"):
        parse_any("title: café".encode("utf-16"), "report.yml")


def test_missing_file(tmp_path: Path):
    with pytest.raises(ExchangeError, match="cannot be read"):
        read_project(tmp_path / "nothing.yml")


def test_unknown_mechanism_or_kind_is_named_with_its_line(tmp_path: Path):
    from shadowreport.rules import load_rules

    pack = load_rules()
    path = tmp_path / "p.yml"
    path.write_text(GOOD.replace("  kind: stakeholder", "  kind: shadow"), encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"p\.yml:\d+: project\.kind: no kind 'upr/shadow' \(known for upr: upr/stakeholder, upr/midterm\)"):
        read_project(path, pack=pack)
    with pytest.raises(ExchangeError, match=r"project\.mechanism: no mechanism 'upr2'"):
        parse_any(GOOD.replace("  mechanism: upr", "  mechanism: upr2").encode(), "p.yml", pack=pack)
