"""End to end in a real browser: Debian's headless Chromium, driven by Playwright, against the app served
on localhost. Start a project, write in the draft, build a recommendation, reload, visit every page,
export to Word and open the downloaded file. Screenshots of every page go to test-artifacts/e2e/.

Nothing may leave this machine: every request the page makes is checked (and anything not for
localhost is aborted and fails the test), and the browser's own traffic goes to a proxy address on
localhost where nothing listens, so it cannot reach the outside either.

Waits follow Streamlit's own protocol rather than sleeps: every message the server sends on the
page's websocket is decoded, and an action that makes the script rerun waits until the server
reports that run finished.
"""

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
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the "test" extra installs it; it downloads no browser of its own
    sync_playwright = expect = None

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or sync_playwright is None,
    reason="needs Chromium (/usr/bin/chromium or `chromium` on PATH) and the playwright package for the real-browser test",
)

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "e2e"
BROWSER_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
WAIT_MS = 30_000  # any one step; a Streamlit rerun here takes well under a second

TITLE = "Labour trafficking in agriculture"
ORGANISATION = "Strada Aperta"
KIND_LABEL = "UPR: Stakeholder submission"
DRAFT_TEXT = "We ask the Federal Ministry of Labour to fund referral for exploited workers."  # 13 words
ADDRESSEE, VERB, OBJECT = "the Federal Ministry of Labour", "adopt", "a rule that inspectors refer every exploited worker"
SENTENCE = f"The Federal Ministry of Labour should {VERB} {OBJECT}."
ADDRESSEE_LABEL = "Who must act (ministry, agency or department)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(tmp_path: Path, log) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "HOME": str(tmp_path),  # Streamlit writes its own files under HOME
           "SHADOWREPORT_STORE": str(tmp_path / "store.sqlite3")}
    server = subprocess.Popen(
        [sys.executable, "-m", "shadowreport.cli", "app", "--server.headless", "true", "--server.port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
    )
    return server, f"http://localhost:{port}"


def wait_healthy(server: subprocess.Popen, base: str, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.read().decode() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.3)
    state = f"exited with {server.returncode}" if server.poll() is not None else "no answer within 60 s"
    raise AssertionError(f"the app did not start ({state}):\n{log_tail(log_path)}")


def stop_server(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def log_tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]) if path.exists() else ""


class ScriptRuns:
    """Streamlit's script runs as the server reports them on the page's websocket (decoded ForwardMsgs)."""

    def __init__(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._decode = ForwardMsg.FromString
        self.finished = 0  # runs that finished successfully (a run cut short by st.rerun does not count)
        self.running = False
        self.sockets: list[str] = []

    def attach(self, page) -> None:
        page.on("websocket", self._opened)

    def _opened(self, websocket) -> None:
        self.sockets.append(websocket.url)
        websocket.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if not isinstance(payload, bytes):
            return
        try:
            message = self._decode(payload)
        except Exception:  # noqa: BLE001 - not a ForwardMsg: not ours to judge
            return
        kind = message.WhichOneof("type")
        if kind == "session_status_changed":
            self.running = message.session_status_changed.script_is_running
        elif kind == "script_finished":
            self.running = False
            if message.script_finished == message.FINISHED_SUCCESSFULLY:
                self.finished += 1

    def after(self, page, action, timeout_ms: int = WAIT_MS) -> None:
        """Do ``action`` (which makes the script rerun) and wait until that rerun has finished."""
        before = self.finished
        action()
        deadline = time.monotonic() + timeout_ms / 1000
        while self.finished <= before or self.running:
            if time.monotonic() > deadline:
                raise AssertionError(f"no finished Streamlit run within {timeout_ms} ms of the action")
            page.wait_for_timeout(50)  # lets Playwright deliver the websocket events


def no_app_errors(page) -> None:
    """Streamlit shows an uncaught exception as an element on the page: there must be none."""
    expect(page.get_by_test_id("stException")).to_have_count(0)


def shot(page, name: str) -> None:
    """The page as seen at 1280x800, and the whole page (the app scrolls inside its own container)."""
    no_app_errors(page)
    page.mouse.move(1240, 400)  # off the content: no hover effects left from the last click
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    height = page.evaluate("() => Math.max(800, ...[...document.querySelectorAll("
                           "'[data-testid=\"stMain\"], [data-testid=\"stSidebarContent\"]')].map(e => e.scrollHeight))")
    if height > 800:
        page.set_viewport_size({"width": 1280, "height": min(height + 40, 8000)})
        page.wait_for_timeout(150)  # a reflow only, no rerun: nothing to wait on but paint
        page.screenshot(path=str(ARTIFACTS / f"{name}-full.png"))
        page.set_viewport_size({"width": 1280, "height": 800})


def heading(page, title: str):
    return page.get_by_role("heading", name=title, exact=True, level=1)


@pytest.mark.timeout(300)
def test_start_write_recommend_reload_export_in_chromium(tmp_path: Path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    log_path = tmp_path / "server.log"
    outside: list[str] = []
    target = tmp_path / "downloaded.docx"
    started = time.monotonic()
    # The browser's own traffic (not the page's) is sent to a proxy on a port of ours where nothing
    # listens: it fails at once. Chromium never proxies localhost, so the app is reached directly.
    dead_end = socket.socket()
    dead_end.bind(("127.0.0.1", 0))
    flags = [*BROWSER_FLAGS, f"--proxy-server=http://127.0.0.1:{dead_end.getsockname()[1]}"]

    with open(log_path, "wb") as log:
        server, base = start_server(tmp_path, log)
        try:
            wait_healthy(server, base, log_path)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags, headless=True)
                context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
                context.set_default_timeout(WAIT_MS)
                expect.set_options(timeout=WAIT_MS)

                def guard(route):
                    url = route.request.url
                    if url.startswith(("data:", "blob:")) or urlparse(url).hostname in LOCAL_HOSTS:
                        route.continue_()
                    else:
                        outside.append(url)
                        route.abort()

                context.route("**/*", guard)
                page = context.new_page()
                runs = ScriptRuns()
                runs.attach(page)
                try:
                    _flow(page, runs, base, target)
                except Exception:
                    try:
                        page.screenshot(path=str(ARTIFACTS / "failure.png"))
                    except Exception:  # noqa: BLE001 - the original failure matters, not this one
                        pass
                    raise
                finally:
                    browser.close()
            assert all(urlparse(url).hostname in LOCAL_HOSTS for url in runs.sockets), runs.sockets
        finally:
            stop_server(server)
            dead_end.close()
            print(f"browser flow took {time.monotonic() - started:.1f} s; server log:\n{log_tail(log_path)}")  # shown on failure

    assert "Traceback" not in log_path.read_text(encoding="utf-8", errors="replace"), log_tail(log_path)
    assert not outside, f"the page tried to reach beyond this machine: {outside[:5]}"

    import docx

    from shadowreport.importers import read_draft

    assert any(DRAFT_TEXT in p.text for p in docx.Document(str(target)).paragraphs)  # Word's library opens it
    recommendations = [r.text for r in read_draft(target).recommendations]
    assert any(f"should {VERB} {OBJECT}" in text for text in recommendations), recommendations


def _flow(page, runs: ScriptRuns, base: str, target: Path) -> None:
    sidebar = page.get_by_test_id("stSidebar")

    def go(title: str, project_id: str, shown_as: str | None = None) -> None:
        """A page link in the sidebar; the link drops ?project=, and the app puts it back."""
        runs.after(page, lambda: sidebar.get_by_role("link", name=title, exact=True).click())
        expect(heading(page, shown_as or title)).to_be_visible()
        expect(page).to_have_url(re.compile(rf"\?project={project_id}$"))

    # Projects, the default page.
    page.goto(base + "/")
    expect(heading(page, "Projects")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("No projects yet")).to_be_visible()
    shot(page, "01-projects")

    # Start a project: choose the mechanism and kind, fill the form, start it.
    page.get_by_role("tab", name="Start a project").click()
    kind_box = page.get_by_role("combobox", name="Mechanism and kind of document")
    kind_box.click()
    page.keyboard.type("UPR: Stakeholder")
    runs.after(page, lambda: page.get_by_role("option", name=KIND_LABEL, exact=True).click())
    expect(kind_box).to_have_value(KIND_LABEL)  # the selectbox shows its choice in its input
    page.get_by_role("textbox", name="Title of the submission", exact=True).fill(TITLE)
    page.get_by_role("textbox", name="State under review", exact=True).fill("Italy")
    page.get_by_role("textbox", name="Your organisation", exact=True).fill(ORGANISATION)
    shot(page, "02-start-a-project")
    runs.after(page, lambda: page.get_by_role("button", name="Start the project", exact=True).click())

    # Draft: the new project is open, its id in the address.
    expect(heading(page, "Draft")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/draft\?project=prj-[0-9a-z]+$"))
    project_id = re.search(r"project=(prj-[0-9a-z]+)", page.url).group(1)
    expect(sidebar.get_by_text(TITLE, exact=True)).to_be_visible()
    expect(sidebar.get_by_text("upr/stakeholder · saved as version 1", exact=True)).to_be_visible()
    first_box = page.get_by_role("textbox", name="Text of 'Summary and key words'", exact=True)
    first_box.fill(DRAFT_TEXT)
    runs.after(page, lambda: first_box.press("Tab"))  # leaving the box saves it
    expect(sidebar.get_by_text("upr/stakeholder · saved as version 2", exact=True)).to_be_visible()
    expect(page.get_by_text("13 words", exact=True)).to_be_visible()
    shot(page, "03-draft")

    # Recommendations: add one, fill it in, and see the sentence and the SMART feedback.
    go("Recommendations", project_id)
    runs.after(page, lambda: page.get_by_role("button", name="Add a recommendation", exact=True).click())
    for label, value in ((ADDRESSEE_LABEL, ADDRESSEE), ("Action verb", VERB), ("What is to be done", OBJECT)):
        box = page.get_by_role("textbox", name=label, exact=True)
        expect(box).to_have_count(1)
        box.fill(value)
        runs.after(page, lambda box=box: box.press("Tab"))
        expect(box).to_have_value(value)
    expect(page.get_by_text(SENTENCE)).to_be_visible()
    smart = page.get_by_test_id("stCaptionContainer").filter(has_text="UPR Info category")
    expect(smart).to_contain_text("Specific")
    expect(smart).to_contain_text("Time-bound")
    expect(smart).to_contain_text("UPR Info category 5 (specific action)")
    failing_letter = page.get_by_role("listitem").filter(has_text=re.compile(r"^Time-bound: \S"))
    expect(failing_letter).to_have_count(1)  # the letter that fails, with its reason
    # Saved six times: created, the section text, the new recommendation and its three fields.
    expect(sidebar.get_by_text("upr/stakeholder · saved as version 6", exact=True)).to_be_visible()
    shot(page, "04-recommendations")

    # A browser refresh: a new session that reopens the project from the address.
    page.reload()
    expect(heading(page, "Recommendations")).to_be_visible(timeout=60_000)
    expect(page).to_have_url(re.compile(rf"/recommendations\?project={project_id}$"))
    # The input is first painted empty and filled a moment later: wait for the value, never read it once.
    expect(page.get_by_role("textbox", name=ADDRESSEE_LABEL, exact=True)).to_have_value(ADDRESSEE)
    expect(page.get_by_role("textbox", name="What is to be done", exact=True)).to_have_value(OBJECT)
    expect(page.get_by_text(SENTENCE)).to_be_visible()

    # Every other page, with the project still open.
    go("Plan", project_id, shown_as="Advocacy plan")
    shot(page, "05-plan")
    go("Evidence", project_id)
    shot(page, "06-evidence")
    go("Check", project_id)
    expect(page.get_by_role("tab", name="This project")).to_be_visible()
    shot(page, "07-check")
    go("Deadlines", project_id)
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text=TITLE)).to_contain_text("no date yet")
    if page.get_by_test_id("stDataFrame").count():  # the table is drawn a moment after the run: wait for it
        expect(page.get_by_test_id("stDataFrame").locator("[role=gridcell]").first).to_be_attached()
    shot(page, "08-deadlines")
    go("Rules", project_id)
    shot(page, "09-rules")

    # Export to Word and download it.
    go("Export", project_id)
    runs.after(page, lambda: page.get_by_role("button", name="Export", exact=True).click())
    download_button = page.get_by_role("button", name="Download Labour-trafficking-in-agriculture.docx", exact=True)
    expect(download_button).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile(r"^\d+ words; .*page\(s\)"))).to_be_visible()
    shot(page, "10-export")
    with page.expect_download(timeout=60_000) as download_info:
        download_button.click()
    download = download_info.value
    assert download.suggested_filename == "Labour-trafficking-in-agriculture.docx"
    download.save_as(target)
    assert target.stat().st_size > 0
