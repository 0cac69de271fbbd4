"""The Markdown front matter read without PyYAML (importers/markdown.py) says what PyYAML says, or
leaves the text to PyYAML: a lint of a draft with simple front matter starts without importing it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from shadowreport.importers.markdown import _simple_front_matter
from shadowreport.yamlfile import YamlError, parse_yaml

READ_HERE = [
    "",
    "mechanism: upr\nkind: stakeholder\njoint: true\ndeadline: 2027-03-31",
    "kind: upr/stakeholder\njoint: false\n",
    "language: fr\nsession_date: 2027-11-02\nround: third-round",
    "kind: greta_ngo-report",
    "joint: y",  # not a yes/no word for PyYAML
]
LEFT_TO_YAML = [
    "joint: yes", "joint: no", "joint: on", "joint: off", "kind: null", "joint: True", "joint: TRUE", "mechanism: UPR",
    "deadline: 2027-02-30", "deadline: 2027-3-31", "title: Joint submission", "mechanism: upr # the UPR", "mechanism: 'upr'",
    "mechanism:  upr", "mechanism: upr ", "mechanism:upr", "round: 3", "kind: stakeholder\nkind: stakeholder", "mechanism: upr\n\nkind: x",
    "  mechanism: upr", "mechanism: [upr]", "deadline: ２０２７-03-31", "mechanism: ~",
]


@pytest.mark.parametrize("text", READ_HERE)
def test_simple_front_matter_reads_as_yaml_reads_it(text: str):
    assert _simple_front_matter(text) == (parse_yaml(text, "f.md").data or {})


def test_dates_and_flags_are_typed_as_yaml_types_them():
    assert _simple_front_matter("joint: true\ndeadline: 2027-03-31") == {"joint": True, "deadline": dt.date(2027, 3, 31)}


@pytest.mark.parametrize("text", LEFT_TO_YAML)
def test_anything_else_is_left_to_yaml(text: str):
    assert _simple_front_matter(text) is None
    try:  # and where YAML reads it, it may read it otherwise than as a word (yes is True, 3 is a number)
        parse_yaml(text, "f.md")
    except YamlError:
        pass


def test_a_lint_of_a_draft_with_simple_front_matter_imports_no_yaml(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("---\nmechanism: upr\nkind: stakeholder\n---\n# Title\n\nSome text.\n", encoding="utf-8")
    code = "import sys; from shadowreport.cli import main; main(['lint', sys.argv[1]]); print('yaml' in sys.modules)"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}  # the first run reads the rules' YAML and keeps the pack
    runs = [subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True, env=env, check=False).stdout.split()[-1]
            for _ in range(2)]
    assert runs == ["True", "False"]
