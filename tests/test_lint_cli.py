"""`shadowreport lint`: output formats, exit codes, config files, and hostile or broken files."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from shadowreport import cli

from .docx_builder import build_docx, heading, para

GOOD_MD = """---
mechanism: upr
kind: stakeholder
---
# Submitting organisation
1. Strada Aperta runs outreach units for migrant workers in three regions.
# Evidence of the problem
2. Outreach reached 212 workers in 2025, and most had been recruited by people they trusted.[^1]
# Law and policy
3. The 2003 anti-trafficking law covers labour exploitation, but the referral mechanism does not.
# Follow-up to the previous review
4. The State accepted recommendation 148.101 on referral, and has not implemented it.
# Analysis
5. Labour inspectors are not trained to identify trafficking, so cases are closed as labour disputes.
# Recommendations
6. The Ministry of Labour should adopt a referral mechanism that covers labour exploitation by June 2027, measured by the number of persons referred.

[^1]: Strada Aperta, activity report 2025.
"""


def lint(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["lint", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_draft_exits_0_with_a_summary(capsys, tmp_path: Path):
    path = tmp_path / "good.md"
    path.write_text(GOOD_MD, encoding="utf-8")
    code, out, err = lint(capsys, str(path), "--today", "2026-11-23")
    assert code == 0, out
    assert out.splitlines()[-1].startswith(f"{path}: upr/stakeholder; ") and "0 error(s)" in out


def test_errors_exit_1_and_json_has_the_promised_shape(capsys, tmp_path: Path):
    path = tmp_path / "late.md"
    path.write_text(GOOD_MD, encoding="utf-8")
    code, out, _ = lint(capsys, str(path), "--today", "2026-11-23", "--deadline", "2026-11-01", "--joint", "--format", "json")
    assert code == 1
    report = json.loads(out)
    document = report["document"]
    assert set(document) >= {"path", "mechanism", "kind", "joint", "words", "pages", "recommendations"}
    assert (document["mechanism"], document["kind"], document["joint"], len(document["recommendations"])) == ("upr", "upr/stakeholder", True, 1)
    assert isinstance(document["words"], int) and document["pages"] == {"estimated": 1, "rendered": None}
    passed = [f for f in report["findings"] if f["rule"] == "deadline.passed"]
    assert passed and passed[0]["severity"] == "error" and "22 days ago" in passed[0]["message"]
    for finding in report["findings"]:
        assert set(finding) == {"rule", "severity", "message", "location", "suggestion", "source"}
        assert isinstance(finding["location"], dict)


def test_config_file_switches_off_families_and_changes_severity(capsys, tmp_path: Path):
    path = tmp_path / "late.md"
    path.write_text(GOOD_MD, encoding="utf-8")
    config = tmp_path / "checks.toml"
    config.write_text('[checks]\ndisable = ["readability", "evidence"]\n[checks.severity]\n"deadline.passed" = "warning"\n', encoding="utf-8")
    code, out, _ = lint(capsys, str(path), "--today", "2026-11-23", "--deadline", "2026-11-01", "--format", "json", "--config", str(config))
    rules = {f["rule"]: f["severity"] for f in json.loads(out)["findings"]}
    assert code == 0 and rules.get("deadline.passed") == "warning"
    assert not any(r.startswith(("readability", "evidence")) for r in rules)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[checks]\ndisable = ["readabilty"]\n', "'readabilty' is neither a check id nor a family"),
        ('[checks.severity]\n"deadline.passed" = "fatal"\n', "must be error, warning or info"),
        ("[checks\n", "not a valid TOML file"),
    ],
)
def test_bad_config_file(capsys, tmp_path: Path, text: str, message: str):
    path, config = tmp_path / "d.md", tmp_path / "c.toml"
    path.write_text(GOOD_MD, encoding="utf-8")
    config.write_text(text, encoding="utf-8")
    code, _, err = lint(capsys, str(path), "--config", str(config))
    assert code == 2 and message in err and err.count("\n") == 1


def test_unknown_mechanism_or_missing_kind(capsys, tmp_path: Path):
    path = tmp_path / "d.txt"
    path.write_text("Some text that names no monitoring body.\n\n" * 200, encoding="utf-8")  # too long for a briefing
    code, _, err = lint(capsys, str(path))
    assert code == 2 and "say which mechanism and kind" in err
    code, _, err = lint(capsys, str(path), "--mechanism", "upr", "--kind", "shadow")
    assert code == 2 and "no kind 'upr/shadow'" in err


def test_project_file_is_linted_with_its_own_settings(capsys, tmp_path: Path):
    from shadowreport.project.exchange import write_project_file
    from shadowreport.project.model import CheckSettings

    from .factories import upr_project

    path = tmp_path / "project.yml"
    write_project_file(upr_project(checks=CheckSettings(disable=["structure"])), path)
    code, out, _ = lint(capsys, str(path), "--today", "2026-11-23", "--format", "json")
    report = json.loads(out)
    assert report["document"]["kind"] == "upr/stakeholder" and len(report["document"]["recommendations"]) == 1
    assert not any(f["rule"].startswith("structure") for f in report["findings"])


# --- hostile and broken files: one clear line, exit 2, quickly, never the network -------------------


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as stream:
            block = b"\0" * (1024 * 1024)
            for _ in range(101):
                stream.write(block)
    return path


XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'

HOSTILE = [
    ("corrupt-docx", "report.docx", lambda: b"PK\x03\x04" + b"\x00garbage" * 50, "damaged"),
    ("renamed-image", "report.docx", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "a picture (a scan or a photo)"),
    ("password-protected", "report.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64, "password-protected"),
    ("old-doc", "report.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024, "old Word (.doc) file"),
    ("external-entity", "report.docx", lambda: build_docx([para("&xxe;")], document_prefix=XXE), "declares a DTD or entities"),
    ("billion-laughs", "report.docx", lambda: build_docx([para("x")], document_prefix=LAUGHS), "declares a DTD or entities"),
    ("not-a-word-zip", "report.docx", lambda: zip_bytes({"xl/workbook.xml": b"<workbook/>"}), "has no word/document.xml"),
    ("broken-xml", "report.docx", lambda: zip_bytes({"word/document.xml": b"<w:document><w:body>"}), "not well-formed XML"),
    ("empty", "report.docx", lambda: b"", "the file is empty"),
    ("empty-text", "report.txt", lambda: b"", "the file is empty"),
    ("not-utf8", "report.txt", lambda: "Situation des personnes exploitées".encode("cp1252"), "not UTF-8 text"),
]


@pytest.mark.timeout(20)
@pytest.mark.parametrize(("name", "make", "message"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_or_broken_file(capsys, tmp_path: Path, name: str, make, message: str):
    path = tmp_path / name
    path.write_bytes(make())
    code, out, err = lint(capsys, str(path), "--mechanism", "upr", "--kind", "stakeholder")
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.timeout(20)
def test_zip_bomb_is_refused_before_unpacking(capsys, zip_bomb: Path):
    code, _, err = lint(capsys, str(zip_bomb), "--mechanism", "upr", "--kind", "stakeholder")
    assert code == 2 and "zip bomb" in err and err.count("\n") == 1


@pytest.mark.timeout(20)
def test_hundred_megabyte_file_is_refused_without_reading_it(capsys, tmp_path: Path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as stream:
        stream.truncate(100 * 1024 * 1024)
    read_bytes = Path.read_bytes

    def refuse_the_draft(self: Path) -> bytes:  # other files (rules, caches) may still be read
        if self == path:
            pytest.fail("the 100 MB file was read")
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse_the_draft)
    code, _, err = lint(capsys, str(path), "--mechanism", "upr", "--kind", "stakeholder")
    assert code == 2 and "drafts larger than 10 MB are refused" in err


def test_missing_file_and_folder(capsys, tmp_path: Path):
    code, _, err = lint(capsys, str(tmp_path / "nothing.docx"), "--mechanism", "upr")
    assert code == 2 and "cannot be read" in err
    code, _, err = lint(capsys, str(tmp_path), "--mechanism", "upr")
    assert code == 2 and "is a folder" in err


def test_real_docx_is_linted(capsys, tmp_path: Path):
    path = tmp_path / "report.docx"
    path.write_bytes(build_docx([heading("Recommendations"), para("The Government should ensure protection.", num=(2, 0))]))
    code, out, _ = lint(capsys, str(path), "--mechanism", "greta", "--kind", "ngo-report", "--format", "json", "--today", "2026-11-23")
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert "recommendations.actor" in rules and code == 0


def test_render_counts_real_pages_or_says_why_not(capsys, tmp_path: Path, monkeypatch):
    from .wordprocessor import libreoffice

    path = tmp_path / "brief.docx"
    path.write_bytes(build_docx([heading("Our asks"), *[para("We ask the Ministry of Labour to fund the referral mechanism. " * 12) for _ in range(30)]]))
    if libreoffice():
        code, out, _ = lint(capsys, str(path), "--mechanism", "briefing", "--kind", "policy-brief", "--render", "--format", "json")
        report = json.loads(out)
        assert report["document"]["pages"]["rendered"] >= 3
        assert any(f["rule"] == "length.pages" and "(rendered)" in f["message"] for f in report["findings"])
    monkeypatch.setattr("shadowreport.pagecount.soffice", lambda: None)
    code, out, _ = lint(capsys, str(path), "--mechanism", "briefing", "--kind", "policy-brief", "--render")
    assert "Note: LibreOffice is not installed, so pages are estimated, not rendered." in out
    assert "pages (estimated)" in out


def test_section_word_budget_from_a_users_rules(capsys, tmp_path: Path, monkeypatch):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "briefing.yml").write_text(
        "id: briefing\nsources:\n  our-guide:\n    title: Our house style guide\nkinds:\n  policy-brief:\n    sections:\n"
        "      - {id: the-ask, title: What we ask, guidance: One sentence., max_words: {value: 10, source: our-guide, confidence: reported}}\n",
        encoding="utf-8")
    monkeypatch.setenv("SHADOWREPORT_RULES_DIR", str(rules))
    draft = tmp_path / "brief.md"
    draft.write_text("# What we ask\n\nWe ask the Ministry of Labour to fund the referral mechanism for every exploited worker.\n", encoding="utf-8")
    code, out, _ = lint(capsys, str(draft), "--mechanism", "briefing", "--kind", "policy-brief", "--format", "json")
    budget = [f for f in json.loads(out)["findings"] if f["rule"] == "length.words"]
    assert budget and "has 18 words; its budget is 10" in budget[0]["message"]
    assert budget[0]["source"].startswith("reported; Our house style guide")
