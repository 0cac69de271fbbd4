"""End to end in a real browser: headless Chromium (Debian's) driven by Playwright, against the app
served on localhost. Create a project, write, add a recommendation, reload, export, open the file.
Screenshots of every page go to test-artifacts/e2e/."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "e2e"
LOCAL = re.compile(r"^(https?|wss?)://(localhost|127\.0\.0\.1)(:\d+)?/")
BROWSER_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions"]

pytestmark = pytest.mark.skipif(CHROMIUM is None or sync_playwright is None,
                                reason="Chromium or Playwright is not installed: the real-browser test is skipped")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(tmp_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "HOME": str(tmp_path), "SHADOWREPORT_STORE": str(tmp_path / "store.sqlite3")}
    server = subprocess.Popen([sys.executable, "-m", "shadowreport.cli", "app", "--server.headless", "true", "--server.port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return server, f"http://localhost:{port}"
        except OSError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGTERM)
    raise AssertionError("the app did not start within 60 s")


def shot(page, name: str) -> None:
    page.wait_for_timeout(300)  # let the last rerun paint
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def settle(page) -> None:
    """Wait until Streamlit has finished rerunning the script."""
    page.wait_for_timeout(200)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)


def go(page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, level=1).first).to_be_visible(timeout=30_000)
    settle(page)


@pytest.mark.timeout(300)
def test_create_write_recommend_reload_export(tmp_path: Path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server, base = start_server(tmp_path)
    outside: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
            context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
            page = context.new_page()

            def guard(route):
                if LOCAL.match(route.request.url) or route.request.url.startswith(("data:", "blob:")):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", guard)
            page.goto(base + "/")
            expect(page.get_by_role("heading", name="Projects", level=1)).to_be_visible(timeout=60_000)
            settle(page)
            shot(page, "01-projects")

            page.get_by_role("tab", name="Start a project").click()
            page.get_by_role("textbox", name="Title of the submission", exact=True).fill("Labour trafficking in agriculture")
            page.get_by_role("textbox", name="State under review", exact=True).fill("Italy")
            page.get_by_role("textbox", name="Your organisation", exact=True).fill("Strada Aperta")
            page.get_by_role("button", name="Start the project").click()
            expect(page.get_by_role("heading", name="Draft", level=1)).to_be_visible(timeout=60_000)
            assert "project=prj-" in page.url
            settle(page)

            first_box = page.locator("textarea").first
            first_box.fill("We ask the Federal Ministry of Labour to fund referral for exploited workers.")
            first_box.press("Tab")
            settle(page)
            expect(page.get_by_text("13 words").first).to_be_visible(timeout=30_000)  # saved and counted
            shot(page, "02-draft")

            go(page, "Recommendations")
            page.get_by_role("button", name="Add a recommendation").click()
            settle(page)
            for label, value in (("Who must act (ministry, agency or department)", "the Federal Ministry of Labour"),
                                 ("Action verb", "adopt"), ("What is to be done", "a rule that inspectors refer every exploited worker")):
                box = page.get_by_role("textbox", name=label, exact=True)
                box.fill(value)
                box.press("Tab")
                settle(page)
            expect(page.get_by_text("The Federal Ministry of Labour should adopt a rule").first).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Time-bound").first).to_be_visible()
            shot(page, "03-recommendations")

            page.reload()
            expect(page.get_by_role("heading", name="Recommendations", level=1)).to_be_visible(timeout=60_000)
            settle(page)
            addressee = page.get_by_role("textbox", name="Who must act (ministry, agency or department)", exact=True)
            assert addressee.input_value() == "the Federal Ministry of Labour"

            for title, name in (("Plan", "04-plan"), ("Evidence", "05-evidence"), ("Check", "06-check"), ("Deadlines", "07-deadlines"),
                                ("Rules", "08-rules")):
                go(page, title)
                shot(page, name)

            go(page, "Export")
            page.get_by_role("button", name="Export", exact=True).click()
            download_button = page.get_by_role("button", name=re.compile(r"^Download .*\.docx$"))
            expect(download_button).to_be_visible(timeout=60_000)
            shot(page, "09-export")
            with page.expect_download(timeout=60_000) as download_info:
                download_button.click()
            target = tmp_path / "downloaded.docx"
            download_info.value.save_as(target)
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

    import docx

    from shadowreport.importers import read_draft

    assert docx.Document(str(target)).paragraphs  # Word's library opens it
    draft = read_draft(target)
    assert any("should adopt a rule that inspectors refer every exploited worker" in r.text for r in draft.recommendations)
    assert not outside, f"the page tried to reach beyond this machine: {outside[:3]}"
