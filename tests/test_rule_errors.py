"""Every kind of broken rules file gets its own clear message naming the file, line and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shadowreport.rules import RulesError, load_rules, validate

SOURCE = "upr-info-3rd-cycle-limits"

# (case id, overlay files {name: text}, expected problem line as a regular expression)
OVERLAY_CASES = [
    ("bad-yaml-syntax", {"upr.yml": "id: upr\nkinds: [stakeholder,\n  name: x\n"}, r"^myrules/upr\.yml:4: did not find expected .+ \(in the flow sequence that starts on line 2\)$"),
    ("unknown-key", {"upr.yml": "id: upr\nkinds:\n  stakeholder:\n    limitz: {}\n"},
     r"^myrules/upr\.yml:4: kinds\.stakeholder\.limitz: unknown key"),
    ("not-a-positive-integer", {"upr.yml": f"id: upr\nkinds:\n  stakeholder:\n    limits:\n      words:\n        joint: {{value: -5, source: {SOURCE}, confidence: reported}}\n"},
     r"^myrules/upr\.yml:6: kinds\.stakeholder\.limits\.words\.joint\.value: must be a positive integer$"),
    ("wrong-type", {"upr.yml": f"id: upr\nkinds:\n  stakeholder:\n    limits:\n      words:\n        joint: {{value: lots, source: {SOURCE}, confidence: reported}}\n"},
     r"^myrules/upr\.yml:6: kinds\.stakeholder\.limits\.words\.joint\.value: must be a whole number$"),
    ("bad-confidence", {"upr.yml": "id: upr\nkinds:\n  stakeholder:\n    limits:\n      words:\n        joint: {confidence: sure}\n"},
     r"^myrules/upr\.yml:6: kinds\.stakeholder\.limits\.words\.joint\.confidence: must be 'verified', 'reported', 'recalled' or 'seed-2012'$"),
    ("unknown-source", {"upr.yml": "id: upr\nkinds:\n  stakeholder:\n    limits:\n      words:\n        joint: {source: my-memory}\n"},
     r"^myrules/upr\.yml:6: kinds\.stakeholder\.limits\.words\.joint\.source: unknown source 'my-memory'"),
    ("duplicate-id", {"a.yml": "id: upr\nname: One\n", "b.yml": "id: upr\nname: Two\n"},
     r"^myrules/b\.yml:1: id: duplicate id 'upr': myrules/a\.yml already defines it$"),
    ("unknown-mechanism-referenced", {"upr.yml": "id: upr\nrelated: [ccpr, nowhere]\n"},
     r"^myrules/upr\.yml:2: related\.1: unknown mechanism 'nowhere'"),
    ("impossible-date", {"upr.yml": "id: upr\nsources:\n  mine:\n    title: My note\n    verified_on: 2026-02-30\n"},
     r"^myrules/upr\.yml:5: '2026-02-30' is not a real date$"),
    ("impossible-annual-deadline", {"ilo.yml": "id: ilo\nkinds:\n  ceacr-observation:\n    deadline: {month: 2, day: 31}\n"},
     r"^myrules/ilo\.yml:4: kinds\.ceacr-observation\.deadline\.fixed-annual: month 2 has no day 31$"),
    ("unknown-deadline-rule", {"ilo.yml": "id: ilo\nkinds:\n  ceacr-observation:\n    deadline: {rule: sometimes}\n"},
     r"^myrules/ilo\.yml:4: kinds\.ceacr-observation\.deadline: must be one of 'fixed-annual', .+"),
    ("verified-without-url", {"upr.yml": "id: upr\nsources:\n  mine:\n    title: A conversation\nkinds:\n  stakeholder:\n    limits:\n      words:\n        joint: {source: mine, confidence: verified}\n"},
     r"^myrules/upr\.yml:9: kinds\.stakeholder\.limits\.words\.joint\.confidence: 'verified' needs a source with a url and verified_on"),
    ("top-level-list", {"upr.yml": "- id: upr\n"}, r"^myrules/upr\.yml:1: must be a mapping"),
    ("empty-file", {"upr.yml": ""}, r"^myrules/upr\.yml:1: must be a mapping"),
    ("no-id", {"upr.yml": "name: Universal\n"}, r"^myrules/upr\.yml:1: id: required"),
    ("unknown-vocabulary", {"vocabulary/x.yml": "vocabulary: swear-words\n"}, r"^myrules/vocabulary/x\.yml:1: vocabulary: unknown vocabulary 'swear-words'"),
    ("alias-bomb", {"upr.yml": "id: upr\nnotes: &a [x, x]\nsummary: *a\n"}, r"^myrules/upr\.yml:3: anchors and aliases"),
    ("python-tag", {"upr.yml": "id: upr\nsummary: !!python/object/apply:os.system [echo hi]\n"}, r"^myrules/upr\.yml:2: tags such as !!python/object are not accepted"),
    ("deep-nesting", {"upr.yml": "id: upr\nnotes: " + "[" * 5000 + "]" * 5000 + "\n"}, r"^myrules/upr\.yml:2: nesting is deeper than 40 levels"),
    ("duplicate-key", {"upr.yml": "id: upr\nname: A\nname: B\n"}, r"^myrules/upr\.yml:3: key 'name' appears twice"),
    ("tab-indent", {"upr.yml": "id: upr\nkinds:\n\tstakeholder: {}\n"}, r"^myrules/upr\.yml:3: .*tabs cannot indent YAML"),
]


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.mark.parametrize(("files", "expected"), [case[1:] for case in OVERLAY_CASES], ids=[case[0] for case in OVERLAY_CASES])
def test_overlay_problem_is_named_with_file_line_and_field(overlay: Path, files, expected):
    write(overlay, files)
    lines = [str(p) for p in validate(overlay)]
    assert any(re.search(expected, line) for line in lines), lines
    with pytest.raises(RulesError):
        load_rules(overlay)


def test_missing_source_in_the_pack_itself(pack_copy: Path):
    path = pack_copy / "upr.yml"
    text = path.read_text(encoding="utf-8")
    line_no = next(i for i, line in enumerate(text.splitlines(), 1) if line.strip().startswith("joint: {value: 5630"))
    path.write_text(text.replace("joint: {value: 5630, source: upr-info-3rd-cycle-limits, confidence: reported,", "joint: {value: 5630, confidence: reported,"), encoding="utf-8")
    problems = [str(p) for p in validate(builtin=pack_copy)]
    assert problems == [f"mechanisms/upr.yml:{line_no}: kinds.stakeholder.limits.words.joint.source: required, but missing"]


def test_missing_vocabulary_file(pack_copy: Path):
    (pack_copy / "vocabulary" / "action-categories.yml").unlink()
    problems = [str(p) for p in validate(builtin=pack_copy)]
    assert problems == [f"{pack_copy / 'vocabulary'}: the 'action-categories' vocabulary file is missing"]


def test_non_utf8_and_oversized_files(overlay: Path):
    write(overlay, {"upr.yml": "id: upr\nname: caf\xe9\n".encode("latin-1")})
    write(overlay, {"big.yml": b"id: big\n" + b"# padding\n" * 600_000})
    lines = [str(p) for p in validate(overlay)]
    assert "myrules/upr.yml:2: the file is not UTF-8 text; save it as UTF-8" in lines
    assert any(line.startswith("myrules/big.yml: the file is larger than 5 MB") for line in lines), lines


def test_missing_overlay_folder(tmp_path: Path):
    problems = validate(tmp_path / "nowhere")
    assert [p.message for p in problems] == ["the user rules folder does not exist"]


def test_every_problem_is_reported_not_just_the_first(overlay: Path):
    write(overlay, dict(OVERLAY_CASES[1][1]))  # unknown key in upr.yml
    write(overlay, {"ilo.yml": "id: ilo\nrelated: [nowhere]\n"})
    files = {p.file for p in validate(overlay)}
    assert files == {"myrules/upr.yml", "myrules/ilo.yml"}
