"""The real-browser harness every end-to-end test shares: Debian's headless Chromium driven by
Playwright against the app served on localhost, with nothing allowed to leave the machine.

``app_in_browser(tmp_path)`` starts the app on its own store, opens a browser context (its own cookies
and storage, on the one Chromium each test process shares) whose every request is checked (anything
not for localhost is aborted and recorded in ``session.outside``), and closes both afterwards. Waits follow Streamlit's own protocol rather than sleeps: ``session.runs.after``
does an action and waits until the script run it caused has finished.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the "test" extra installs it; it downloads no browser of its own
    sync_playwright = expect = None

needs_browser = pytest.mark.skipif(
    CHROMIUM is None or sync_playwright is None,
    reason="needs Chromium (/usr/bin/chromium or `chromium` on PATH) and the playwright package for the real-browser test",
)

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "e2e"
BROWSER_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
WAIT_MS = 30_000  # any one step; a Streamlit rerun here takes well under a second


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


def page_link(page, title: str):
    return page.get_by_test_id("stSidebar").get_by_role("link", name=title, exact=True)


def click_page_link(page, title: str) -> None:
    """Click a page link in the sidebar as a person does, the button held a tenth of a second.

    A click with no hold at all (mouse down, up and click in one instant, which no hand does) lets
    Streamlit's own send of the box just left arrive after the page switch and undo it, and once made
    its browser side send blanks for the boxes of the page left (state.is_blank_over_text)."""
    page_link(page, title).click(delay=100)



@dataclass
class BrowserSession:
    """A running app and a browser on it: more tabs with ``new_page()``, more people (cookies of their own) with ``new_context()``."""

    base: str
    context: object
    page: object
    runs: ScriptRuns
    log_path: Path
    outside: list[str] = field(default_factory=list)
    contexts: list = field(default_factory=list)  # closed when the session ends

    def new_page(self):
        """Another tab on the same app, with its own record of script runs in ``page.runs``."""
        page = self.context.new_page()
        page.runs = ScriptRuns()
        page.runs.attach(page)
        return page

    def new_context(self, **options):
        """A browser context of its own (its own cookies and storage), under the same guard: nothing beyond localhost."""
        context = shared_chromium().new_context(viewport={"width": 1280, "height": 800}, **options)
        self.contexts.append(context)
        context.set_default_timeout(WAIT_MS)
        keep_local(context, self.outside)
        return context


class _Chromium:
    """One headless Chromium per test process, started by the first browser test and stopped at the end of the
    run (``stop_shared_chromium``, from conftest.py): a launch is a second or more of each browser test, and every
    test still gets browser contexts of its own (no cookie, storage or cache shared), closed after it."""

    playwright = None
    browser = None
    dead_end: socket.socket | None = None


def shared_chromium():
    if _Chromium.browser is not None and _Chromium.browser.is_connected():
        return _Chromium.browser
    stop_shared_chromium()  # gone (it crashed): start a new one
    # The browser's own traffic (not the page's) is sent to a proxy on a port of ours where nothing
    # listens: it fails at once. Chromium never proxies localhost, so the app is reached directly.
    _Chromium.dead_end = socket.socket()
    _Chromium.dead_end.bind(("127.0.0.1", 0))
    flags = [*BROWSER_FLAGS, f"--proxy-server=http://127.0.0.1:{_Chromium.dead_end.getsockname()[1]}"]
    _Chromium.playwright = sync_playwright().start()
    _Chromium.browser = _Chromium.playwright.chromium.launch(executable_path=CHROMIUM, args=flags, headless=True)
    return _Chromium.browser


def stop_shared_chromium() -> None:
    for step in (lambda: _Chromium.browser.close(), lambda: _Chromium.playwright.stop(), lambda: _Chromium.dead_end.close()):
        with contextlib.suppress(Exception):  # whatever is left of it
            step()
    _Chromium.playwright = _Chromium.browser = _Chromium.dead_end = None


@dataclass
class RunningApp:
    base: str
    log_path: Path


@contextlib.contextmanager
def running_app(tmp_path: Path) -> Iterator[RunningApp]:
    """The app served on its own store in ``tmp_path``; afterwards, checks that the server logged no traceback.
    Several browser sessions (``browser_on``) may use one running app: a test file saves a start each."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = tmp_path / "server.log"
    with open(log_path, "wb") as log:
        server, base = start_server(tmp_path, log)
        try:
            wait_healthy(server, base, log_path)
            yield RunningApp(base, log_path)
        finally:
            stop_server(server)
    assert "Traceback" not in log_path.read_text(encoding="utf-8", errors="replace"), log_tail(log_path)


def keep_local(context, outside: list[str]) -> None:
    """Every request of ``context`` beyond this machine is refused and noted in ``outside`` (a test asserts it stays empty)."""
    def guard(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)


@contextlib.contextmanager
def browser_on(app: RunningApp, failure_shot: str = "failure", locale: str | None = None) -> Iterator[BrowserSession]:
    """A Chromium page on a running app (its language ``locale``, e.g. "fr-FR", when given); afterwards,
    checks that the page reached nothing beyond this machine."""
    started = time.monotonic()
    session = BrowserSession(base=app.base, context=None, page=None, runs=ScriptRuns(), log_path=app.log_path)
    expect.set_options(timeout=WAIT_MS)
    try:
        session.context = session.new_context(accept_downloads=True, **({"locale": locale} if locale else {}))
        session.page = session.context.new_page()
        session.runs.attach(session.page)
        try:
            yield session
        except Exception:
            with contextlib.suppress(Exception):  # the original failure matters, not this one
                session.page.screenshot(path=str(ARTIFACTS / f"{failure_shot}.png"))
            raise
        finally:
            for context in session.contexts:
                with contextlib.suppress(Exception):  # closed by the test already, or the browser is gone
                    context.close()
        assert all(urlparse(url).hostname in LOCAL_HOSTS for url in session.runs.sockets), session.runs.sockets
    finally:
        print(f"browser session took {time.monotonic() - started:.1f} s; server log:\n{log_tail(app.log_path)}")  # shown on failure
    assert not session.outside, f"the page tried to reach beyond this machine: {session.outside[:5]}"


@contextlib.contextmanager
def app_in_browser(tmp_path: Path, failure_shot: str = "failure", locale: str | None = None) -> Iterator[BrowserSession]:
    """The app on a fresh store in ``tmp_path`` and a Chromium page on it (whose language is ``locale``,
    e.g. "fr-FR", when given); afterwards, checks that the page reached nothing beyond this machine and
    that the server logged no traceback."""
    with running_app(tmp_path) as app, browser_on(app, failure_shot, locale) as session:
        yield session
