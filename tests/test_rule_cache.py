"""The validated rule pack kept between runs (rules/loader.py, cache.py): faster, never stale, never trusted when damaged."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from shadowreport.rules import RulesError, load_rules
from shadowreport.rules import loader

OVERRIDE = """\
id: upr
sources:
  note-2027: {title: "Information note for the next session"}
kinds:
  stakeholder:
    limits:
      words:
        joint: {value: %d, source: note-2027, confidence: reported}
"""


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("SHADOWREPORT_NO_CACHE", raising=False)
    loader._cache.clear()  # the in-process copy would hide the one on disk
    yield home
    loader._cache.clear()


def kept(home: Path) -> list[Path]:
    return sorted((home / "shadowreport" / "rules").glob("pack-*.bin"))


def fresh(overlay: Path | None = None):
    loader._cache.clear()
    return load_rules(overlay)


def test_a_pack_read_back_equals_one_validated_afresh(own_cache: Path, monkeypatch: pytest.MonkeyPatch):
    first = fresh()  # validated, then kept
    assert len(kept(own_cache)) == 1
    assert stat.S_IMODE(kept(own_cache)[0].stat().st_mode) == 0o600
    again = fresh()  # read back
    assert again is not first and again == first
    joint = again.kind("upr/stakeholder")[1].limits.words.joint
    assert joint.source_title == first.kind("upr/stakeholder")[1].limits.words.joint.source_title  # resolved sources travel too
    monkeypatch.setenv("SHADOWREPORT_NO_CACHE", "1")
    assert fresh() == first


def test_a_changed_rule_file_is_read_again_never_served_stale(own_cache: Path, overlay: Path):
    rule = overlay / "upr.yml"
    rule.write_text(OVERRIDE % 6000, encoding="utf-8")
    assert fresh(overlay).kind("upr/stakeholder")[1].limits.words.joint.value == 6000
    modified = rule.stat().st_mtime_ns
    rule.write_text(OVERRIDE % 7000, encoding="utf-8")  # same size; even the same modification time
    os.utime(rule, ns=(modified, modified))
    assert fresh(overlay).kind("upr/stakeholder")[1].limits.words.joint.value == 7000
    names = [path.name.split("-")[1] for path in kept(own_cache)]
    assert len(names) == len(set(names)), "the copy a change supersedes is removed"


def test_a_damaged_copy_is_removed_and_made_again(own_cache: Path):
    expected = fresh()
    copy = kept(own_cache)[0]
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    assert fresh() == expected
    assert kept(own_cache) and kept(own_cache)[0].read_bytes() != bytes(data)


def test_rules_with_problems_are_never_kept(own_cache: Path, overlay: Path):
    (overlay / "upr.yml").write_text("id: upr\nkinds: {stakeholder: {limits: {words: {joint: {value: -1}}}}}\n", encoding="utf-8")
    with pytest.raises(RulesError):
        fresh(overlay)
    with pytest.raises(RulesError):  # and the second time they are reported again, not read back
        fresh(overlay)
    assert len(kept(own_cache)) == 0


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    loader._cache.clear()
    assert load_rules().kind("upr/stakeholder")


def test_a_new_process_reads_the_kept_pack(own_cache: Path):
    """What `shadowreport lint` gains: the second command starts from the copy the first one kept."""
    code = ("import shadowreport.rules.loader as l, shadowreport.cache as c\n"
            "calls = []\n"
            "real = l._load\n"
            "l._load = lambda *a: calls.append(1) or real(*a)\n"
            "l.load_rules()\n"
            "print(len(calls))")
    env = {**os.environ, "XDG_CACHE_HOME": str(own_cache)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.strip()
            for _ in range(2)]
    assert runs == ["1", "0"]
