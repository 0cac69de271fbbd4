"""A command's dataclasses get their methods from code kept between runs (kept_code.py): the classes
behave exactly as dataclasses makes them, the next process compiles none of them, a damaged copy is
never trusted, and nothing stays replaced after the command (garbage collection settings included)."""

from __future__ import annotations

import dataclasses
import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shadowreport import cli, kept_code

ROOT = Path(__file__).resolve().parent.parent


def _classes():
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0
        tags: tuple[str, ...] = ()

    @dataclasses.dataclass(kw_only=True)
    class Box:
        label: str
        items: list[int] = dataclasses.field(default_factory=list)

    return Point, Box


def test_classes_made_from_kept_code_behave_as_dataclasses_makes_them(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(kept_code, "_kept", {})
    monkeypatch.setattr(kept_code, "_made", {})
    monkeypatch.setattr(kept_code, "_keep", lambda: None)
    plain_point, plain_box = _classes()
    with kept_code.kept_dataclass_code():
        made_point, made_box = _classes()
    assert kept_code._made  # the methods' code was compiled once, to keep
    monkeypatch.setattr(kept_code, "_kept", dict(kept_code._made))
    monkeypatch.setattr(kept_code, "compile", lambda *a, **k: pytest.fail("compiled again"), raising=False)
    with kept_code.kept_dataclass_code():
        kept_point, kept_box = _classes()  # every method from the kept code: compile() is never reached
    for point in (plain_point, made_point, kept_point):
        p = point(1, tags=("a",))
        assert repr(p) == "_classes.<locals>.Point(x=1, y=0, tags=('a',))"
        assert p == point(1, 0, ("a",)) and hash(p) == hash(point(1, 0, ("a",))) and p != point(2)
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.x = 2
        with pytest.raises(TypeError):
            point()
    for box in (plain_box, made_box, kept_box):
        first, second = box(label="a"), box(label="a")
        first.items.append(1)
        assert second.items == [] and dataclasses.replace(first, label="b") == box(label="b", items=[1])
        with pytest.raises(TypeError):
            box("a")  # keyword-only, as declared
    assert "exec" not in vars(dataclasses)  # the builtin again once the block ends


def test_damaged_kept_code_is_compiled_afresh(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(kept_code, "_kept", {})
    monkeypatch.setattr(kept_code, "_made", {})
    monkeypatch.setattr(kept_code, "_keep", lambda: None)
    with kept_code.kept_dataclass_code():
        _classes()
    monkeypatch.setattr(kept_code, "_kept", {source: b"\x00not code" for source in kept_code._made})
    kept_code._made.clear()
    with kept_code.kept_dataclass_code():
        point, _ = _classes()
    assert point(3).x == 3 and kept_code._made


def test_the_next_process_compiles_no_dataclass_code_and_output_is_unchanged(tmp_path: Path):
    draft = tmp_path / "d.md"
    draft.write_text("---\nmechanism: upr\nkind: stakeholder\n---\n# Recommendations\n\n1. The Ministry of Labour should act by 2027.\n",
                     encoding="utf-8")
    code = ("import builtins, dataclasses, gc, sys\n"
            "from shadowreport import cli, kept_code\n"
            "compiled = []\n"
            "kept_code.compile = lambda *a, **k: compiled.append(1) or builtins.compile(*a, **k)\n"
            "before = gc.get_threshold()\n"
            "cli.main(['lint', sys.argv[1], '--today', '2026-11-23'])\n"
            "print('compiled', len(compiled), gc.get_threshold() == before, 'exec' in vars(dataclasses))")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True, env=env, check=False, cwd=ROOT)
            for _ in range(2)]
    copies = list((tmp_path / "cache" / "shadowreport" / "code").glob("dataclass-code-*.bin"))
    assert len(copies) == 1 and copies[0].stat().st_mode & 0o777 == 0o600
    assert runs[0].stdout.splitlines()[:-1] == runs[1].stdout.splitlines()[:-1]  # the same report
    assert int(runs[0].stdout.split()[-3]) > 20  # the first run compiled the lint's classes' methods, and kept them
    assert runs[1].stdout.splitlines()[-1] == "compiled 0 True False"
    uncached = subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True, check=False, cwd=ROOT,
                              env={**env, "SHADOWREPORT_NO_CACHE": "1"})
    assert uncached.stdout.splitlines()[:-1] == runs[0].stdout.splitlines()[:-1]


def test_main_leaves_the_collector_as_it_found_it():
    before = gc.get_threshold()
    assert cli.main(["checks", "list"]) == 0
    assert gc.get_threshold() == before and gc.isenabled()
    assert "exec" not in vars(dataclasses)
