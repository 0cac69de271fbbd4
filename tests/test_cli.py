"""The shadowreport command: mechanisms list/show/validate, and app start-up."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from shadowreport import cli


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_as_json(capsys):
    code, out, _ = run(capsys, "mechanisms", "list", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert len(rows) == 16
    upr = next(r for r in rows if r["id"] == "upr")
    assert {"id": "upr/stakeholder", "name": "Stakeholder submission"} in upr["kinds"]


def test_list_as_text(capsys):
    code, out, _ = run(capsys, "mechanisms", "list")
    assert code == 0
    assert "greta/ngo-report" in out and "special-procedures/communication" in out


def test_show_a_kind_with_provenance(capsys):
    code, out, _ = run(capsys, "mechanisms", "show", "upr/stakeholder")
    assert code == 0
    assert "words limit (joint): 5630" in out
    assert "recalled" in out and "not yet confirmed" in out
    assert "upr/midterm" not in out


def test_show_json_keeps_sources(capsys):
    code, out, _ = run(capsys, "mechanisms", "show", "cedaw", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["kinds"]["session"]["limits"]["words"]["joint"] == {"value": 6600, "source": "iwraw-ap-cedaw80", "confidence": "reported", "note": data["kinds"]["session"]["limits"]["words"]["joint"]["note"]}
    assert data["sources"]["iwraw-ap-cedaw80"]["url"].startswith("https://")


@pytest.mark.parametrize("ident", ["nowhere", "upr/nothing"])
def test_show_unknown_id_is_one_line_and_exit_2(capsys, ident):
    code, out, err = run(capsys, "mechanisms", "show", ident)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "known" in err


def test_validate_builtin(capsys):
    code, out, _ = run(capsys, "mechanisms", "validate")
    assert code == 0 and "valid" in out


def test_validate_reports_each_problem_and_exits_2(capsys, overlay: Path):
    (overlay / "upr.yml").write_text("id: upr\nkinds:\n  stakeholder:\n    limits:\n      words:\n        joint: {value: 0}\n", encoding="utf-8")
    code, out, err = run(capsys, "mechanisms", "validate", str(overlay))
    assert code == 2
    assert "myrules/upr.yml:6: kinds.stakeholder.limits.words.joint.value: must be a positive integer" in err.splitlines()
    assert err.splitlines()[-1] == "1 problem(s) found."


def test_rules_folder_from_environment(capsys, overlay: Path, monkeypatch):
    (overlay / "upr.yml").write_text("id: upr\nname: Universal Periodic Review (our notes)\n", encoding="utf-8")
    monkeypatch.setenv("SHADOWREPORT_RULES_DIR", str(overlay))
    code, out, _ = run(capsys, "mechanisms", "list")
    assert code == 0 and "Universal Periodic Review (our notes)" in out


def test_broken_user_rules_stop_list_with_exit_2(capsys, overlay: Path):
    (overlay / "upr.yml").write_text("id: upr\nname: [\n", encoding="utf-8")
    code, _, err = run(capsys, "mechanisms", "list", "--rules-dir", str(overlay))
    assert code == 2 and "myrules/upr.yml:" in err and "Traceback" not in err


def test_cli_does_not_import_streamlit():
    code = "import sys; from shadowreport import cli; cli.main(['mechanisms', 'list']); sys.exit('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_app_passes_streamlit_options_through(monkeypatch):
    calls = []

    class BecameStreamlit(Exception):
        """os.execv never returns: the process is Streamlit from then on."""

    def execv(path, command):
        calls.append(command)
        raise BecameStreamlit

    monkeypatch.setattr(cli.os, "name", "posix")
    monkeypatch.setattr(cli.os, "execv", execv)
    with pytest.raises(BecameStreamlit):
        cli.main(["app", "--server.port", "8599", "--server.headless", "true"])
    command = calls[0]
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4].endswith("app.py")
    assert command[5:] == [*cli.STREAMLIT_DEFAULTS, "--server.port", "8599", "--server.headless", "true"]
    defaults = dict(zip(cli.STREAMLIT_DEFAULTS[::2], cli.STREAMLIT_DEFAULTS[1::2]))
    assert defaults["--browser.gatherUsageStats"] == "false"
    assert defaults["--server.showEmailPrompt"] == "false"  # no interactive prompt, nothing sent
    assert defaults["--server.address"] == "localhost"  # not reachable from the network


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_app_starts_and_serves(tmp_path: Path):
    port = free_port()
    env = {**os.environ, "HOME": str(tmp_path)}  # Streamlit writes its own files under HOME
    server = subprocess.Popen(
        [sys.executable, "-m", "shadowreport.cli", "app", "--server.headless", "true", "--server.port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2) as response:
                    status = response.read().decode()
                    break
            except OSError:
                time.sleep(0.3)
        assert status == "ok", server.stdout.read().decode() if server.poll() is not None else "no answer"
        with urllib.request.urlopen(f"http://localhost:{port}/", timeout=5) as response:
            assert response.status == 200
            assert "<noscript>" in response.read().decode().lower()  # Streamlit's page shell
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)


def test_project_show_contribution_and_merge(capsys, tmp_path: Path):
    from shadowreport.project.exchange import read_project, write_project_file

    from .factories import coalition_project, upr_project

    joint, mine = tmp_path / "joint.yml", tmp_path / "mine.yml"
    write_project_file(coalition_project(), joint)
    write_project_file(upr_project(id="prj-casa", members=[{"id": "org-x", "name": "Casa Nuova"}]), mine)
    code, out, _ = run(capsys, "project", "show", str(joint), "--today", "2026-11-23")
    assert code == 0
    assert "Deadline: 2026-07-09 [session-offset estimate, reported]" in out and "SMART 5/5; category 5" in out
    code, out, _ = run(capsys, "project", "contribution", str(mine), "-o", str(tmp_path / "c.yml"))
    assert code == 0 and "3 evidence item(s)" in out
    code, out, _ = run(capsys, "project", "merge", str(joint), str(tmp_path / "c.yml"), "-o", str(joint))
    assert code == 0 and out.startswith("From Casa Nuova: 0 added") and "7 already in the report" in out
    merged = read_project(joint)  # the same texts as the joint project's: recognised, not added twice (issue 10)
    assert len(merged.evidence) == 3 and {e.contributed_by for e in merged.evidence} == {None}


def test_project_show_broken_file(capsys, tmp_path: Path):
    path = tmp_path / "p.yml"
    path.write_text("shadowreport: project\nformat_version: 9\nproject: {}\n", encoding="utf-8")
    code, _, err = run(capsys, "project", "show", str(path))
    assert code == 2 and "format_version: written by a newer Shadow Report Studio" in err
