"""The program's own patterns (lazy_pattern.py): compiled when first used, the same as re.compile makes
them, and read back in the next process from the programs kept in the cache folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shadowreport import lazy_pattern, privacy
from shadowreport.importers import recommendations
from shadowreport.lazy_pattern import LazyPattern, compiled


def _patterns() -> list[LazyPattern]:
    return [value for module in (privacy, recommendations) for value in vars(module).values() if isinstance(value, LazyPattern)]


def test_every_pattern_is_what_re_compile_makes_of_it():
    assert len(_patterns()) > 30
    for pattern in _patterns():
        text, flags = pattern._arguments
        assert compiled(text, flags) == re.compile(text, flags)  # same pattern, flags and engine program


def test_a_kept_program_gives_the_same_pattern(monkeypatch: pytest.MonkeyPatch):
    text, flags = r"\b(?P<who>minist\w+)\s+(?:should|must)\b", re.IGNORECASE
    program = lazy_pattern._program(text, flags)
    monkeypatch.setattr(lazy_pattern, "_kept", {(text, flags): program})
    monkeypatch.setattr(lazy_pattern, "_program", lambda *a: pytest.fail("compiled again"))
    found = compiled(text, flags)
    assert found == re.compile(text, flags) and found.search("The Ministry should act").group("who") == "Ministry"


def test_a_wrong_pattern_is_an_error_when_used():
    pattern = LazyPattern(r"(unclosed")
    with pytest.raises(re.error):
        pattern.search("text")


def test_a_program_the_engine_refuses_is_compiled_afresh(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(lazy_pattern, "_kept", {("a+b", 0): (32, [1, 2, 3], 0, {}, (None,))})
    assert compiled("a+b").fullmatch("aab")


def test_the_next_process_reads_the_kept_programs(tmp_path: Path):
    code = ("import re._parser as p, sys\n"
            "calls = []\n"
            "real = p.parse\n"
            "p.parse = lambda *a: calls.append(1) or real(*a)\n"
            "from shadowreport.cli import main\n"
            "main(['lint', sys.argv[1]])\n"
            "from shadowreport import lazy_pattern\n"
            "print('parsed', len(lazy_pattern._made))")
    draft = tmp_path / "d.md"
    draft.write_text("---\nmechanism: upr\nkind: stakeholder\n---\n# Recommendations\n\n1. The Ministry of Labour should act by 2027.\n",
                     encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True, env=env, check=False).stdout.split()[-1]
            for _ in range(2)]
    assert int(runs[0]) > 10 and runs[1] == "0"
