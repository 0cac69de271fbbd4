"""Hostile and broken input given to the command line: project files, settings and rule folders.

Each answer is one sentence naming the file, exit code 2, no traceback, and no hang: a named pipe
blocks whoever opens it, and /dev/zero never ends, so both must be refused before they are opened.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shadowreport import cli
from shadowreport.importers import DraftImportError, read_draft
from shadowreport.project.coalition import contribution_from
from shadowreport.project.exchange import ExchangeError, dump, parse_any, read_project
from shadowreport.yamlfile import YamlError, load_yaml_file, parse_yaml

from .factories import upr_project

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and /dev/zero are POSIX")

GOOD = dump("project", upr_project())
ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> tuple[int, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, err


def one_sentence_exit_2(code: int, err: str, name: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    assert err.startswith("shadowreport: ") and name in err, err


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A good project, a good contribution, and the things that are not regular files."""
    good = tmp_path / "good.yml"
    good.write_text(GOOD, encoding="utf-8")
    contribution = tmp_path / "contribution.yml"
    contribution.write_text(dump("contribution", contribution_from(upr_project())), encoding="utf-8")
    fifo = tmp_path / "pipe.yml"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.yml"
    folder.mkdir()
    link = tmp_path / "link-to-pipe.yml"
    link.symlink_to(fifo)
    zero = tmp_path / "zero.yml"
    zero.symlink_to("/dev/zero")
    return {"good": good, "contribution": contribution, "fifo": fifo, "folder": folder, "link": link, "zero": zero}


def commands(bad: Path, files: dict[str, Path], out: Path) -> dict[str, list[str]]:
    """Every command that reads a user's project, contribution or draft file, given ``bad`` for it."""
    return {
        "lint": ["lint", str(bad), "--mechanism", "upr", "--kind", "stakeholder"],
        "project show": ["project", "show", str(bad)],
        "project contribution": ["project", "contribution", str(bad), "-o", str(out)],
        "project merge (joint)": ["project", "merge", str(bad), str(files["contribution"]), "-o", str(out)],
        "project merge (contribution)": ["project", "merge", str(files["good"]), str(bad), "-o", str(out)],
        "export": ["export", str(bad), "-o", str(out)],
        "lint --config": ["lint", str(files["good"]), "--config", str(bad)],
    }


COMMANDS = ["lint", "project show", "project contribution", "project merge (joint)", "project merge (contribution)", "export", "lint --config"]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["fifo", "link", "folder"])
@pytest.mark.parametrize("command", COMMANDS)
def test_pipe_or_folder_given_as_input_is_refused_in_one_sentence(capsys, tmp_path: Path, files, kind: str, command: str):
    out = tmp_path / "out.docx"
    code, err = run(capsys, *commands(files[kind], files, out)[command])
    one_sentence_exit_2(code, err, files[kind].name)
    assert "not a regular file" in err
    assert not out.exists()


def _limit_memory() -> None:
    import resource  # POSIX only, like the rest of this file

    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))  # reading /dev/zero must fail here, not take the machine


@pytest.mark.timeout(60)
@pytest.mark.parametrize("command", ["lint", "project show", "project merge (contribution)", "lint --config"])
def test_dev_zero_is_refused_without_reading_it(tmp_path: Path, files, command: str):
    # In a process of its own: before the fix this read until memory ran out.
    argv = commands(files["zero"], files, tmp_path / "out.yml")[command]
    result = subprocess.run([sys.executable, "-c", "import sys; from shadowreport.cli import main; sys.exit(main())", *argv],
                            capture_output=True, text=True, timeout=45, preexec_fn=_limit_memory, cwd=ROOT)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "zero.yml: cannot be read: it is a device, not a regular file" in result.stderr


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["fifo", "link", "folder", "zero"])
def test_settings_file_that_is_not_a_regular_file(capsys, monkeypatch, files, kind: str):
    monkeypatch.setenv("SHADOWREPORT_CONFIG", str(files[kind]))
    code, err = run(capsys, "mechanisms", "list")
    one_sentence_exit_2(code, err, files[kind].name)
    assert "not a regular file; give a TOML settings file" in err


@pytest.mark.timeout(30)
@pytest.mark.parametrize("command", [["mechanisms", "validate"], ["mechanisms", "list", "--rules-dir"]])
def test_rules_folder_holding_pipes_devices_folders_and_broken_links(capsys, overlay: Path, command: list[str]):
    os.mkfifo(overlay / "pipe.yml")
    (overlay / "zero.yml").symlink_to("/dev/zero")
    (overlay / "folder.yml").mkdir()
    (overlay / "broken.yml").symlink_to(overlay / "nowhere.yml")
    code, err = run(capsys, *command, str(overlay))
    assert code == 2 and "Traceback" not in err
    for name, what in (("pipe.yml", "a named pipe"), ("zero.yml", "a device"), ("folder.yml", "a folder")):
        assert f"{name}: cannot be read: it is {what}, not a regular file" in err
    assert "broken.yml: cannot be read (No such file or directory)" in err


@pytest.mark.timeout(30)
def test_rules_folder_that_is_a_pipe(capsys, files):
    code, err = run(capsys, "mechanisms", "list", "--rules-dir", str(files["fifo"]))
    one_sentence_exit_2(code, err, "pipe.yml")
    assert "is not a folder" in err


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["fifo", "link", "folder"])  # /dev/zero only in a process of its own (see above)
def test_library_readers_refuse_before_opening(files, kind: str):
    with pytest.raises(YamlError, match="not a regular file"):
        load_yaml_file(files[kind])
    with pytest.raises(ExchangeError, match="not a regular file"):
        read_project(files[kind])
    with pytest.raises(DraftImportError, match="not a regular file"):
        read_draft(files[kind])


# --- numbers too long to build ------------------------------------------------------------------

LONG_NUMBERS = {
    "5,000 digits": ("1" * 5000, "5,000"),
    "binary": ("0b" + "1" * 20_000, "20,002"),
    # YAML 1.1's base 60 (1:30:00); each part multiplies a growing number: quadratic, a hang.
    "sexagesimal": ("1" + ":59" * 300_000, "900,001"),
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("number", LONG_NUMBERS.values(), ids=LONG_NUMBERS.keys())
@pytest.mark.parametrize("command", ["lint", "project show", "project merge (contribution)", "export"])
def test_a_number_too_long_to_build_is_refused_with_its_line(capsys, tmp_path: Path, files, number, command: str):
    digits, count = number
    bad = tmp_path / "long.yml"
    text = files["contribution"].read_text() if "contribution" in command else GOOD
    bad.write_text(text.replace("format_version: 1", f"format_version: {digits}"), encoding="utf-8")
    code, err = run(capsys, *commands(bad, files, tmp_path / "out.docx")[command])
    one_sentence_exit_2(code, err, "long.yml:2: ")
    assert f"this number is {count} characters long; numbers here have at most 100" in err


@pytest.mark.timeout(30)
def test_a_long_number_deep_in_a_json_project(capsys, tmp_path: Path):
    bad = tmp_path / "long.json"
    bad.write_text('{"shadowreport": "project", "format_version": 1,\n "project": {"title": "T", "mechanism": "upr", "kind": "stakeholder",\n'
                   ' "members": [{"name": "A"}], "limit_override": {"words": ' + "9" * 5000 + ', "source": "x"}}}', encoding="utf-8")
    for argv in (["project", "show", str(bad)], ["lint", str(bad)]):
        code, err = run(capsys, *argv)
        one_sentence_exit_2(code, err, "long.json:3: this number is 5,000 characters long")
    with pytest.raises(ExchangeError, match=r"^upload\.json:3: this number is 5,000 characters long"):
        parse_any(bad.read_bytes(), "upload.json")  # the app's import box


def test_long_numbers_in_front_matter_rules_and_toml(capsys, tmp_path: Path, overlay: Path, monkeypatch):
    with pytest.raises(YamlError, match=r"^draft\.md:2: this number is 5,000"):
        parse_yaml("mechanism: upr\nwords: " + "1" * 5000, "draft.md")
    (overlay / "upr.yml").write_text("id: upr\nsubmission_limits: " + "1" * 5000 + "\n", encoding="utf-8")
    code, err = run(capsys, "mechanisms", "validate", str(overlay))
    assert code == 2 and "upr.yml:2: this number is 5,000 characters long" in err
    settings = tmp_path / "settings.toml"
    settings.write_text("rules_dir = " + "1" * 5000 + "\n", encoding="utf-8")
    monkeypatch.setenv("SHADOWREPORT_CONFIG", str(settings))
    code, err = run(capsys, "mechanisms", "list")
    one_sentence_exit_2(code, err, "settings.toml: not a valid TOML settings file (a number is too long)")
    monkeypatch.delenv("SHADOWREPORT_CONFIG")
    config = tmp_path / "checks.toml"
    config.write_text("[checks]\ndisable = " + "1" * 5000 + "\n", encoding="utf-8")
    draft = tmp_path / "good.yml"
    draft.write_text(GOOD, encoding="utf-8")
    code, err = run(capsys, "lint", str(draft), "--config", str(config))
    one_sentence_exit_2(code, err, "checks.toml: not a valid TOML file (a number is too long)")


def test_ordinary_numbers_still_read():
    data = parse_yaml("a: 42\nb: -1_000\nc: 0x1F\nd: 1:30\ne: " + "9" * 100, "f.yml").data
    assert data == {"a": 42, "b": -1000, "c": 31, "d": 90, "e": int("9" * 100)}


# --- alias bombs, in every way a file comes in -----------------------------------------------------

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(8))


@pytest.mark.timeout(30)
@pytest.mark.parametrize("suffix", [".yml", ".json"])
@pytest.mark.parametrize("command", ["lint", "project show", "project merge (contribution)", "export"])
def test_alias_bomb_is_refused_in_every_entry_point(capsys, tmp_path: Path, files, suffix: str, command: str):
    bad = tmp_path / f"bomb{suffix}"
    bad.write_text("shadowreport: project\nformat_version: 1\n" + BOMB, encoding="utf-8")
    code, err = run(capsys, *commands(bad, files, tmp_path / "out.docx")[command])
    one_sentence_exit_2(code, err, f"bomb{suffix}:4: anchors and aliases (*name) are not accepted")


@pytest.mark.timeout(30)
def test_alias_bomb_in_an_upload_front_matter_and_rules(capsys, overlay: Path):
    with pytest.raises(ExchangeError, match=r"^up\.json:4: anchors and aliases"):
        parse_any(("shadowreport: project\nformat_version: 1\n" + BOMB).encode(), "up.json")
    with pytest.raises(DraftImportError, match=r"^draft\.md:\d+: .*anchors and aliases"):
        from shadowreport.importers import read_draft_bytes

        read_draft_bytes(("---\nmechanism: upr\n" + BOMB + "---\n# Title\n\nText.\n").encode(), "draft.md")
    (overlay / "upr.yml").write_text("id: upr\n" + BOMB, encoding="utf-8")
    code, err = run(capsys, "mechanisms", "validate", str(overlay))
    assert code == 2 and "upr.yml:3: anchors and aliases" in err


# --- files that are not a mapping -------------------------------------------------------------------

NOT_A_MAPPING = {
    "list.yml": "- shadowreport\n- project\n", "scalar.yml": "shadowreport project\n", "null.yml": "~\n", "empty.yml": "",
    "comment.yml": "# nothing but a comment\n",
    "list.json": '["shadowreport", "project"]', "scalar.json": '"shadowreport"', "number.json": "42", "null.json": "null",
    "empty.json": "", "object.json": "{}", "nested-list.json": '{"shadowreport": "project", "format_version": 1, "project": [1, 2]}',
    "nested-scalar.yml": "shadowreport: project\nformat_version: 1\nproject: My report\n",
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", NOT_A_MAPPING)
@pytest.mark.parametrize("command", ["lint", "project show", "project merge (contribution)"])
def test_a_file_that_is_not_a_mapping(capsys, tmp_path: Path, files, name: str, command: str):
    bad = tmp_path / name
    bad.write_text(NOT_A_MAPPING[name], encoding="utf-8")
    code, err = run(capsys, *commands(bad, files, tmp_path / "out.yml")[command])
    one_sentence_exit_2(code, err, name)
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out.yml").exists()
