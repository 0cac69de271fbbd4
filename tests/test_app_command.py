"""`shadowreport app` stopped by a signal leaves nothing running: no orphaned server, the port free again.

It used to start Streamlit as a child and wait: a SIGTERM (a service manager, `kill`, a closed
terminal's supervisor) ended the command and left the server running, holding the port.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .browser import free_port

posix_only = pytest.mark.skipif(os.name != "posix", reason="signals and /proc are POSIX; Windows keeps the server as a child")


def descendants(pid: int) -> set[int]:
    """Every process below ``pid``, read from /proc (no psutil in the environment)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # the process ended while we looked
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has stopped; only its parent's wait is missing


def port_is_free(port: int) -> bool:
    """Nothing listens on the port and a new server could take it (connections of the health checks
    may linger in TIME_WAIT, which SO_REUSEADDR allows, as Streamlit's own server does)."""
    for family, address in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
        with socket.socket(family) as sock:
            if sock.connect_ex((address, port)) == 0:
                return False
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@posix_only
@pytest.mark.timeout(120)
def test_sigterm_to_the_app_command_stops_the_server_and_frees_the_port(tmp_path: Path):
    port = free_port()
    env = {**os.environ, "HOME": str(tmp_path), "SHADOWREPORT_STORE": str(tmp_path / "store.sqlite3")}
    command = subprocess.Popen(
        [sys.executable, "-m", "shadowreport.cli", "app", "--server.headless", "true", "--server.port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True,
    )
    try:
        def healthy() -> bool:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2) as response:
                    return response.read() == b"ok"
            except OSError:
                return False

        assert wait_for(healthy, 60), "the app did not start"
        below = descendants(command.pid)
        command.send_signal(signal.SIGTERM)  # to the command's own pid only, not its process group
        command.wait(timeout=30)
        assert wait_for(lambda: port_is_free(port), 15), f"port {port} is still held after the command stopped"
        assert [pid for pid in below if alive(pid)] == [], "a process started by `shadowreport app` outlived it"
    finally:
        try:  # whatever the outcome, nothing of ours keeps running: the command and any orphan share its session's group
            os.killpg(command.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        command.wait(timeout=10)
