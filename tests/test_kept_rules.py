"""The rule pack's read-only copy (rules/frozen.py, kept.py) that `shadowreport lint` reads: the same
values and answers as the validated models, and a lint that reads it imports neither the loader nor
the models."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from shadowreport.rules import frozen, kept, load_rules, models
from shadowreport.rules.loader import frozen_copy


def _values(value, path=()):
    """Every plain value of a pack's object tree, with where it stands and the provenance of each rule."""
    if isinstance(value, (BaseModel, frozen.Frozen)):
        names = type(value).model_fields if isinstance(value, BaseModel) else [n for n in vars(value) if not n.startswith("_")]
        if isinstance(value, frozen.SourcedRules):
            yield path + ("provenance",), value.provenance()
        for name in names:
            yield from _values(getattr(value, name), path + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _values(item, path + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _values(item, path + (key,))
    else:
        yield path, value


def test_every_model_has_a_read_only_class_of_its_name():
    modelled = {name for name, cls in vars(models).items()
                if name.isidentifier() and inspect.isclass(cls) and issubclass(cls, BaseModel) and cls.__module__ == models.__name__ and name != "Strict"}
    plain = {name for name, cls in vars(frozen).items() if inspect.isclass(cls) and issubclass(cls, frozen.Frozen) and cls is not frozen.Frozen}
    assert modelled == plain


def test_the_copy_holds_the_same_values_and_answers_alike():
    pack = load_rules()
    copy = frozen_copy(pack)
    assert dict(_values(copy.mechanisms)) == dict(_values(pack.mechanisms))
    for name in ("action_categories", "stigmatising_terms", "generic_addressees", "section_aliases"):
        assert dict(_values(getattr(copy, name))) == dict(_values(getattr(pack, name)))
    for kind_id in pack.kind_ids():
        (_, theirs), (_, ours) = pack.kind(kind_id), copy.kind(kind_id)
        for unit in ("words", "pages"):
            for joint in (False, True):
                mine, validated = (limits.applicable(unit, joint=joint) for limits in (ours.limits, theirs.limits))
                assert (mine is None) == (validated is None)
                if mine is not None:
                    assert (mine.value, mine.applies_to, mine.source, mine.confidence, mine.kind_has_joint_limit) == (
                        validated.value, validated.applies_to, validated.source, validated.confidence, validated.kind_has_joint_limit)
        assert [s.id for s in ours.sections_for()] == [s.id for s in theirs.sections_for()]


def test_the_copy_is_read_only():
    copy = frozen_copy(load_rules())
    with pytest.raises(AttributeError):
        copy.mechanism("upr").name = "changed"


def test_a_lint_reads_the_kept_copy_without_the_loader_or_the_models(tmp_path: Path):
    draft = tmp_path / "d.md"
    draft.write_text("---\nmechanism: upr\nkind: stakeholder\n---\n# Recommendations\n\n1. The Ministry of Labour should act by 2027.\n",
                     encoding="utf-8")
    code = ("import sys; from shadowreport.cli import main; main(['lint', sys.argv[1]]); "
            "print(*(m in sys.modules for m in ('shadowreport.rules.loader', 'shadowreport.rules.models', 'yaml', 'subprocess', 'pydantic')))")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True, env=env, check=False).stdout.splitlines()[-1]
            for _ in range(2)]
    assert runs[0].startswith("True True")  # the first run validates the YAML and keeps the copy
    assert runs[1] == "False False False False False"  # nor pydantic: a draft and its checks are plain data


def test_a_damaged_copy_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("SHADOWREPORT_NO_CACHE", raising=False)
    kept._loaded.clear()
    first = kept.load_kept_rules()
    copy = next((tmp_path / "shadowreport" / "rules").glob("frozen-pack-*.bin"))
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    kept._loaded.clear()
    again = kept.load_kept_rules()
    assert again is not first and dict(_values(again.mechanisms)) == dict(_values(first.mechanisms))
    kept._loaded.clear()
