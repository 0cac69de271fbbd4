"""A user's rules folder changes exactly what it names, and nothing else."""

from __future__ import annotations

from pathlib import Path

from shadowreport.rules import load_rules

OVERRIDE = """\
# The coalition's reading of the information note for the next session.
id: upr
sources:
  info-note-2027:
    title: "Information note for stakeholders, 50th session"
    url: https://example.org/info-note.pdf
    date: "2027-01"
    verified_on: 2027-02-01
kinds:
  stakeholder:
    limits:
      words:
        joint: {value: 6000, source: info-note-2027, confidence: verified}
"""


def test_overlay_replaces_exactly_what_it_names(overlay: Path):
    (overlay / "upr-next-session.yml").write_text(OVERRIDE, encoding="utf-8")
    base = load_rules()
    changed = load_rules(overlay)

    joint = changed.kind("upr/stakeholder")[1].limits.words.joint
    assert joint.value == 6000
    assert joint.confidence == "verified"
    assert joint.source_url == "https://example.org/info-note.pdf"
    assert changed.overridden == {"upr": "myrules/upr-next-session.yml"}

    before = base.mechanisms["upr"].model_dump()
    after = changed.mechanisms["upr"].model_dump()
    assert after["sources"].pop("info-note-2027")
    assert after["kinds"]["stakeholder"]["limits"]["words"].pop("joint") != before["kinds"]["stakeholder"]["limits"]["words"].pop("joint")
    assert after == before
    for other in base.mechanisms:
        if other != "upr":
            assert changed.mechanisms[other] == base.mechanisms[other]
    assert changed.action_categories == base.action_categories


def test_overlay_can_change_a_vocabulary(overlay: Path):
    (overlay / "vocabulary").mkdir()
    (overlay / "vocabulary" / "terms.yml").write_text(
        "vocabulary: stigmatising-terms\nterms:\n  - {term: victim, prefer: survivor, why: The person's own choice.}\n", encoding="utf-8"
    )
    pack = load_rules(overlay)
    assert [t.term for t in pack.stigmatising_terms.terms] == ["victim"]  # lists are replaced whole
    assert pack.stigmatising_terms.source == "enpates-charter-2012"  # the rest of the file stands


def test_overlay_can_add_a_new_mechanism(overlay: Path, pack_copy: Path):
    text = (pack_copy / "briefing.yml").read_text(encoding="utf-8").replace("id: briefing", "id: regional-briefing")
    (overlay / "regional.yml").write_text(text, encoding="utf-8")
    pack = load_rules(overlay)
    assert "regional-briefing/policy-brief" in pack.kind_ids()
    assert "briefing/policy-brief" in pack.kind_ids()


def test_loaded_pack_is_reused_until_a_file_changes(overlay: Path):
    path = overlay / "upr.yml"
    path.write_text(OVERRIDE, encoding="utf-8")
    first = load_rules(overlay)
    assert load_rules(overlay) is first
    path.write_text(OVERRIDE.replace("6000", "6100"), encoding="utf-8")
    assert load_rules(overlay).kind("upr/stakeholder")[1].limits.words.joint.value == 6100
