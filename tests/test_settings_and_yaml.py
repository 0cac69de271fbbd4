"""User settings and the safe YAML reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from shadowreport.config import ConfigError, load_settings
from shadowreport.yamlfile import YamlError, load_yaml_file, parse_yaml


def test_environment_overrides_the_settings_file(tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text('rules_dir = "/srv/rules"\nstore_path = "/srv/store.sqlite3"\n', encoding="utf-8")
    settings = load_settings({"SHADOWREPORT_CONFIG": str(config), "SHADOWREPORT_RULES_DIR": str(tmp_path / "mine")})
    assert settings.rules_dir == tmp_path / "mine"
    assert settings.store_path == Path("/srv/store.sqlite3")


def test_no_settings_means_builtin_rules_and_default_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    settings = load_settings({})
    assert settings.rules_dir is None
    assert settings.store_path.name == "projects.sqlite3"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules_dir = [", "not a valid TOML settings file"),
        ('rule_dir = "x"', "unknown setting 'rule_dir'"),
        ("rules_dir = 3", "setting 'rules_dir' must be a path in quotes"),
    ],
)
def test_bad_settings_file_gets_one_clear_sentence(tmp_path: Path, text: str, message: str):
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as raised:
        load_settings({"SHADOWREPORT_CONFIG": str(config)})
    assert "\n" not in str(raised.value)


def test_settings_file_named_but_missing(tmp_path: Path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings({"SHADOWREPORT_CONFIG": str(tmp_path / "gone.toml")})


def test_yaml_keeps_line_numbers_for_nested_paths():
    document = parse_yaml("a:\n  b:\n    - x\n    - y: 1\n", "f.yml")
    assert document.line_of(("a", "b", 1, "y")) == (4, ("a", "b", 1, "y"))
    assert document.line_of(("a", "missing")) == (1, ("a", "missing"))


def test_yaml_builds_only_plain_data():
    data = parse_yaml("when: 2026-11-23\nn: 3\nok: true\nitems: [a, b]\n").data
    assert data == {"when": __import__("datetime").date(2026, 11, 23), "n": 3, "ok": True, "items": ["a", "b"]}


def test_yaml_control_character_and_second_document():
    with pytest.raises(YamlError, match=r"^f\.yml:2: contains a control character"):
        parse_yaml("a: 1\nb: \x07\n", "f.yml")
    with pytest.raises(YamlError, match=r"^f\.yml:2: a file holds one document"):
        parse_yaml("a: 1\n---\nb: 2\n", "f.yml")


def test_unreadable_file(tmp_path: Path):
    with pytest.raises(YamlError, match="cannot be read"):
        load_yaml_file(tmp_path / "absent.yml")
    with pytest.raises(YamlError, match="cannot be read"):
        load_yaml_file(tmp_path)  # a folder, not a file
